//! No input panics: thousands of pseudo-random keys and pastes on every
//! screen of the door flow, each followed by a render at a random size
//! (1x1 up to 200x60). Deterministic (a fixed-seed generator), so a
//! failure reproduces.
#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use dc_access::app::{App, Msg};
use dc_access::config::Config;
use dc_access::domain::visit::{
    Actor, ChecklistAnswer, Command, FormDraft, Role, Time, UserId, Visit, VisitId,
};
use dc_access::store::{Dashboard, User};
use dc_access::ui::console::Charset;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn t(min: i64) -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap() + chrono::Duration::minutes(min)
}

fn user(id: i64, name: &str, role: Role) -> User {
    User {
        id: UserId(id),
        name: name.into(),
        nip: format!("19850115201001100{id}"),
        role,
        active: true,
        locked: false,
        failed_pins: 0,
        created_at: t(0),
    }
}

/// A visit driven through the flow up to (and including) `steps` commands.
fn visit(steps: usize) -> Visit {
    let op = Actor {
        id: UserId(2),
        role: Role::Operator,
    };
    let sup = Actor {
        id: UserId(1),
        role: Role::Supervisor,
    };
    let config = Config::default();
    let draft = FormDraft {
        full_name: "Zoë Ñuñez".into(),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "PT Telkom".into(),
        phone: "081234567890".into(),
        purpose: config.visit.purposes[0].clone(),
        purpose_detail: "Ganti UPS".into(),
        equipment: String::new(),
        planned_minutes: "60".into(),
        person_visited: "Andi Wijaya".into(),
        id_held: true,
        ..FormDraft::default()
    };
    let form = draft.validate(&config.visit.form_rules()).unwrap();
    let path = [
        (
            Command::CompleteForm(
                form,
                dc_access::domain::visit::NoticeAgreed {
                    retention_days: 730,
                },
            ),
            op,
        ),
        (Command::Submit, op),
        (Command::Approve, sup),
        (
            Command::IssueBadge {
                badge: dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap(),
                escort: UserId(2),
            },
            op,
        ),
        (Command::BeginCheckout, op),
        (
            Command::CheckOut {
                badge_returned: Some(dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap()),
                id_returned: true,
                checklist: vec![ChecklistAnswer {
                    item: "x".into(),
                    ok: true,
                    note: String::new(),
                    ..ChecklistAnswer::default()
                }],
                activity: "ok".into(),
            },
            op,
        ),
        (Command::Archive, op),
    ];
    let mut v = Visit::start(VisitId(7), UserId(2), t(0));
    for (i, (cmd, actor)) in path.iter().take(steps).enumerate() {
        v = v
            .apply(cmd, *actor, t(i64::try_from(i).unwrap() + 1))
            .unwrap()
            .0;
    }
    v
}

fn random_msg(rng: &mut Lcg) -> Msg {
    const CHARS: &[char] = &[
        'a', 'Z', '0', '7', ' ', '?', 'n', 'x', 'q', 'e', 'o', 'j', 'k', 'é', 'ñ', 'ễ', '漢',
        '\u{202e}', '-',
    ];
    const CODES: &[KeyCode] = &[
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::F(1),
        KeyCode::F(12),
    ];
    match rng.below(10) {
        0..=4 => {
            let c = CHARS[usize::try_from(rng.below(CHARS.len() as u64)).unwrap()];
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        }
        5..=7 => {
            let code = CODES[usize::try_from(rng.below(CODES.len() as u64)).unwrap()];
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
        }
        8 => {
            let mods = [
                KeyModifiers::CONTROL,
                KeyModifiers::ALT,
                KeyModifiers::SHIFT,
            ];
            let m = mods[usize::try_from(rng.below(3)).unwrap()];
            let c = CHARS[usize::try_from(rng.below(CHARS.len() as u64)).unwrap()];
            Msg::Key(KeyEvent::new(KeyCode::Char(c), m))
        }
        _ => {
            // A paste: long, with control characters and escapes in it.
            let n = usize::try_from(rng.below(3000)).unwrap();
            let text: String = (0..n)
                .map(|i| match i % 7 {
                    0 => '\u{1b}',
                    1 => '\n',
                    2 => 'ö',
                    _ => 'a',
                })
                .collect();
            Msg::Paste(text)
        }
    }
}

/// Drawn as on the Linux console (`TERM=linux`), every cell is in the
/// console font (Latin-1, plain box lines) and its 16 colours, whatever was
/// typed or pasted.
fn assert_console_safe(app: &App, w: u16, h: u16) {
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    dc_access::ui::render_as(app, Charset::Console, area, &mut buf);
    let bad = dc_access::ui::console::unshowable(&buf);
    assert!(bad.is_empty(), "{:?}: {bad:?}", app.screen.kind());
}

#[test]
fn random_input_on_every_screen_never_panics() {
    let mut rng = Lcg(0x0000_dcac_ce55);
    let users = vec![
        user(1, "Siti Rahma", Role::Supervisor),
        user(2, "Andi Wijaya", Role::Operator),
        user(3, "Bambang Susilo", Role::Supervisor),
    ];
    // First run, sign-in, and each step of a visit.
    let mut starts: Vec<App> = Vec::new();
    starts.push(App::new(Config::default(), t(0), true));
    starts.push(App::new(Config::default(), t(0), false));
    for steps in 0..=7 {
        let mut app = App::new(Config::default(), t(0), false);
        app.on_data(
            Dashboard::default(),
            users.clone(),
            vec![dc_access::domain::badge::BadgeNo::try_from("V-03").unwrap()],
        );
        app.on_signed_in(users[1].clone());
        app.on_visit(visit(steps), Vec::new());
        starts.push(app);
    }
    for mut app in starts {
        for i in 0..1500 {
            let msg = random_msg(&mut rng);
            let _effects = app.update(msg, t(30 + i / 100));
            if i % 25 == 0 {
                let w = u16::try_from(1 + rng.below(200)).unwrap();
                let h = u16::try_from(1 + rng.below(60)).unwrap();
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                term.draw(|f| dc_access::ui::draw(&app, f)).unwrap();
                assert_console_safe(&app, w, h);
            }
        }
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| dc_access::ui::draw(&app, f)).unwrap();
    }
}
