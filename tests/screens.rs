//! Every screen and overlay at 80x24 on `TestBackend`, with fixed data and a
//! fixed `now` (27 November 2026, 10:30 in Jakarta), as insta snapshots;
//! colour-bearing states (the overdue row, form errors) also as buffer debug
//! snapshots. Then a few key-by-key checks of `App::update`: what a key does
//! to the state and which effects it asks the shell for.
//!
//! No database: the app is built directly and fed what the shell would load.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod snap;

use chrono::{Duration, TimeZone, Utc};
use dc_access::app::{
    App, ApprovalFocus, ArchiveState, CheckoutFocus, Effect, Msg, Overlay, Screen,
};
use dc_access::config::{Config, Language};
use dc_access::domain::fields::Pin;
use dc_access::domain::visit::{
    Actor, ChecklistAnswer, Command, FormDraft, FormField, Role, Status, Time, UserId, Visit,
    VisitId,
};
use dc_access::domain::visit::{CheckKind, ChecklistAnswer as Answer};
use dc_access::store::{Counts, Dashboard, EventRow, PinCheck, User, VisitSummary};
use dc_access::ui::console::Charset;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

// ------------------------------------------------------------------ helpers

/// 27 November 2026, 09:00 in Jakarta, plus `min` minutes.
fn t(min: i64) -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap() + Duration::minutes(min)
}

/// The moment every screen is drawn at: 10:30 in Jakarta.
fn now() -> Time {
    t(90)
}

const SITI: UserId = UserId(1);
const ANDI: UserId = UserId(2);
const DEWI: UserId = UserId(3);
const BAMBANG: UserId = UserId(4);

fn user(id: UserId, name: &str, role: Role) -> User {
    User {
        id,
        name: name.into(),
        nip: "198501152010011001".into(),
        role,
        active: true,
        locked: false,
        failed_pins: 0,
        created_at: t(-60 * 24 * 30),
    }
}

fn users() -> Vec<User> {
    vec![
        user(SITI, "Siti Rahma", Role::Supervisor),
        user(ANDI, "Andi Wijaya", Role::Operator),
        user(DEWI, "Dewi Lestari", Role::Operator),
        user(BAMBANG, "Bambang Susilo", Role::Supervisor),
    ]
}

fn actor(id: UserId) -> Actor {
    let role = if id == SITI || id == BAMBANG {
        Role::Supervisor
    } else {
        Role::Operator
    };
    Actor { id, role }
}

/// Signed in as the operator Andi, on Home, accounts loaded.
fn app_with(config: Config) -> App {
    let mut app = App::new(config, now(), false);
    app.on_data(Dashboard::default(), users(), Vec::new());
    app.on_signed_in(users()[1].clone());
    app
}

fn app() -> App {
    app_with(Config::default())
}

/// A complete, valid form for a visitor.
fn form_of(name: &str, org: &str, nik: &str, purpose: &str) -> FormDraft {
    FormDraft {
        full_name: name.into(),
        id_type: "KTP".into(),
        id_number: nik.into(),
        organisation: org.into(),
        phone: "081234567890".into(),
        purpose: purpose.into(),
        purpose_detail: "Ganti baterai UPS rak 3".into(),
        equipment: "Laptop, multimeter".into(),
        planned_minutes: "60".into(),
        person_visited: "Andi Wijaya".into(),
        id_held: true,
        ..FormDraft::default()
    }
}

fn budi() -> FormDraft {
    form_of(
        "Budi Santoso",
        "PT Telkom Indonesia",
        "3201011505850001",
        "Pemeliharaan perangkat",
    )
}

/// A visit started at `start` by Andi and driven the usual way, one command
/// every few minutes, until it reaches `until`.
fn visit(id: i64, form: &FormDraft, start: i64, until: Status) -> Visit {
    let mut v = Visit::start(VisitId(id), ANDI, t(start));
    if until == Status::Draft {
        v.form = form.clone();
        return v;
    }
    let config = Config::default();
    let valid = form.validate(&config.visit.form_rules()).unwrap();
    let badge = dc_access::domain::badge::BadgeNo::try_from(format!("V-{id:02}")).unwrap();
    let path = [
        (
            3,
            Command::CompleteForm(
                valid,
                dc_access::domain::visit::NoticeAgreed {
                    retention_days: 730,
                },
            ),
            ANDI,
        ),
        (5, Command::Submit, ANDI),
        (8, Command::Approve, SITI),
        (
            10,
            Command::IssueBadge {
                badge: badge.clone(),
                escort: DEWI,
            },
            ANDI,
        ),
        (
            55,
            Command::CheckOut {
                badge_returned: Some(badge),
                id_returned: true,
                checklist: checklist_answers(),
                activity: "Baterai UPS rak 3 diganti, uji beban normal".into(),
            },
            ANDI,
        ),
        (58, Command::Archive, ANDI),
    ];
    for (after, cmd, by) in path {
        v = v.apply(&cmd, actor(by), t(start + after)).unwrap().0;
        if v.status == until {
            return v;
        }
    }
    panic!("never reached {until:?}");
}

/// Checked out: one item "not OK" with its note.
fn checklist_answers() -> Vec<ChecklistAnswer> {
    Config::default()
        .visit
        .checklist
        .iter()
        .enumerate()
        .map(|(i, item)| ChecklistAnswer {
            item: item.clone(),
            ok: i != 2,
            note: if i == 2 {
                "Kabel patch rak 3 dipindah, sudah dicatat".into()
            } else {
                String::new()
            },
            ..ChecklistAnswer::default()
        })
        .collect()
}

fn rejected(id: i64, form: &FormDraft, start: i64) -> Visit {
    let v = visit(id, form, start, Status::AwaitingApproval);
    v.apply(
        &Command::Reject {
            reason: "Tidak terjadwal, ajukan ulang besok".into(),
        },
        actor(SITI),
        t(start + 8),
    )
    .unwrap()
    .0
}

fn summary(v: Visit) -> VisitSummary {
    let escort_name = v.escort.map(|_| "Dewi Lestari".to_owned());
    let approver_name = v.decided_by.map(|_| "Siti Rahma".to_owned());
    VisitSummary {
        visit: v,
        escort_name,
        approver_name,
    }
}

/// A busy morning: two inside (Budi since 09:10, past the hour), one
/// awaiting approval, one rejected whose ID is still held, one draft.
fn busy() -> Dashboard {
    let open = vec![
        visit(12, &budi(), 0, Status::Inside),
        visit(
            13,
            &form_of(
                "Rina Marlina",
                "CV Sinar Jaya Teknik",
                "1603026408900002",
                "Instalasi perangkat",
            ),
            50,
            Status::Inside,
        ),
        visit(
            14,
            &form_of(
                "Hendra Gunawan",
                "BPS Kabupaten Muara Enim",
                "1603021203880003",
                "Audit / pemeriksaan",
            ),
            80,
            Status::AwaitingApproval,
        ),
        rejected(
            15,
            &form_of(
                "Yusuf Maulana",
                "PT Lintas Data",
                "1603020101900004",
                "Kunjungan kerja",
            ),
            60,
        ),
        visit(
            16,
            &FormDraft {
                full_name: "Agus Salim".into(),
                ..FormDraft::default()
            },
            85,
            Status::Draft,
        ),
    ];
    Dashboard {
        open: open.into_iter().map(summary).collect(),
        today: Counts {
            visitors: 4,
            entered: 2,
            overstays_left: 0,
            by_purpose: vec![
                ("Pemeliharaan perangkat".into(), 1),
                ("Instalasi perangkat".into(), 1),
                ("Audit / pemeriksaan".into(), 1),
                ("Kunjungan kerja".into(), 1),
            ],
            rejected: 1,
            overstays: 1,
            cancelled: 0,
        },
        lost_badges: vec![dc_access::domain::badge::BadgeNo::try_from("V-07").unwrap()],
    }
}

fn busy_app_with(config: Config) -> App {
    let mut app = app_with(config);
    app.on_data(
        busy(),
        users(),
        vec![
            dc_access::domain::badge::BadgeNo::try_from("V-12").unwrap(),
            dc_access::domain::badge::BadgeNo::try_from("V-13").unwrap(),
        ],
    );
    app
}

fn busy_app() -> App {
    busy_app_with(Config::default())
}

/// The audit events of a whole visit, as the store would list them.
fn events(v: &Visit) -> Vec<EventRow> {
    let mut rows = vec![(1, "visit_started", ANDI, v.started_at)];
    let steps = [
        (2, "form_completed", ANDI, v.form_completed_at),
        (3, "submitted", ANDI, v.submitted_at),
        (4, "approved", SITI, v.decided_at),
        (5, "badge_issued", ANDI, v.entered_at),
        (6, "checked_out", ANDI, v.exited_at),
        (7, "archived", ANDI, v.archived_at),
    ];
    for (step, action, by, at) in steps {
        if let Some(at) = at {
            rows.push((step, action, by, at));
        }
    }
    let names = users();
    rows.into_iter()
        .enumerate()
        .map(|(i, (step, action, by, at))| EventRow {
            id: i64::try_from(i).unwrap() + 100,
            visit: Some(v.id),
            step,
            action: dc_access::domain::audit::AuditAction::parse(action).unwrap(),
            actor: Some(by),
            actor_name: names.iter().find(|u| u.id == by).map(|u| u.name.clone()),
            at,
            details: "{}".into(),
        })
        .collect()
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

fn press_with(app: &mut App, c: char, modifiers: KeyModifiers) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char(c), modifiers)), now())
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Draw the app; and draw it once more as on the Linux console, where no
/// cell may hold a character outside the console font or a colour outside
/// its 16 (so every screen here is checked in console mode too).
fn terminal(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| dc_access::ui::draw(app, f)).unwrap();
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let mut console = ratatui::buffer::Buffer::empty(area);
    dc_access::ui::render_as(app, Charset::Console, area, &mut console);
    let bad = dc_access::ui::console::unshowable(&console);
    assert!(bad.is_empty(), "not on the console font: {bad:?}");
    terminal
}

/// Draw at 80x24 as on the Linux console and compare with the snapshot.
macro_rules! console_snap {
    ($name:expr, $app:expr) => {{
        let mut app = $app;
        app.charset = Charset::Console;
        let terminal = terminal(&app, 80, 24);
        insta::assert_snapshot!($name, snap::body(&app, terminal.backend().buffer()));
    }};
}

/// Draw at 80x24 and compare the text with the stored snapshot.
macro_rules! snap {
    ($name:expr, $app:expr) => {{
        let app = &$app;
        let terminal = terminal(app, 80, 24);
        insta::assert_snapshot!($name, snap::body(app, terminal.backend().buffer()));
        terminal
    }};
}

fn form_app(draft: FormDraft) -> App {
    let mut app = app();
    let mut v = Visit::start(VisitId(16), ANDI, t(87));
    v.form = draft;
    app.on_visit(v, Vec::new());
    app
}

fn form_state(app: &App) -> &dc_access::app::FormState {
    match &app.screen {
        Screen::Form(f) => f,
        other => panic!("expected the form, got {:?}", other.kind()),
    }
}

// ------------------------------------------------------- header and footer

/// The header and the footer on their own (the screens' snapshots are
/// their bodies): the site, the screen, who is on duty and the clock; the
/// keys of the screen in front, or of the box over it.
#[test]
fn header_and_footer() {
    let app = busy_app();
    let drawn = terminal(&app, 80, 24);
    let [header, _, footer] = snap::parts(&app, drawn.backend().buffer());
    insta::assert_snapshot!("header_home", header);
    insta::assert_snapshot!("footer_home", footer);

    // A console of one of several doors names it.
    let mut app = busy_app();
    app.config.door = "Pintu Utara".into();
    let drawn = terminal(&app, 80, 24);
    let [header, _, _] = snap::parts(&app, drawn.backend().buffer());
    insta::assert_snapshot!("header_home_door", header);

    let app = form_app(FormDraft::default());
    let drawn = terminal(&app, 80, 24);
    let [header, _, footer] = snap::parts(&app, drawn.backend().buffer());
    insta::assert_snapshot!("header_form", header);
    insta::assert_snapshot!("footer_form", footer);

    let mut app = busy_app();
    press(&mut app, KeyCode::Char('u')); // a notice: any key closes it
    let drawn = terminal(&app, 80, 24);
    let [_, _, footer] = snap::parts(&app, drawn.backend().buffer());
    insta::assert_snapshot!("footer_notice", footer);
}

// ------------------------------------------------------------------ screens

#[test]
fn setup_empty() {
    let app = App::new(Config::default(), now(), true);
    snap!("setup_empty", app);
}

#[test]
fn setup_with_field_errors_after_enter() {
    let mut app = App::new(Config::default(), now(), true);
    type_str(&mut app, "Siti Rahma");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "1985011520");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "1234");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "1234");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects, []);
    snap!("setup_errors", app);
}

#[test]
fn sign_in_with_wrong_pin() {
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), users(), Vec::new());
    press(&mut app, KeyCode::Down);
    type_str(&mut app, "123456");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::SignIn {
            user: ANDI,
            pin: Pin::entered("123456").unwrap()
        }]
    );
    app.on_pin_refused(&PinCheck::Wrong {
        failures: 3,
        wait_secs: 4,
    });
    snap!("sign_in_wrong_pin", app);
}

/// Nine accounts fit the sign-in box whole; fourteen are cut to the box,
/// scrolled with the one chosen, and the last line says how many are out of
/// view (before, eight names were shown with room to spare, and a ninth
/// active account was nowhere on screen).
#[test]
fn sign_in_lists_as_many_names_as_fit_and_says_how_many_more() {
    let names = [
        "Dedi Kurniawan",
        "Hendra Saputra",
        "Rina Marlina",
        "Andi Pratama",
        "Dewi Anggraini",
        "Fajar Ramadhan",
        "Nur Aisyah",
        "Siti Nurhaliza",
        "Yoga Prasetyo",
        "Agus Salim",
        "Budi Hartono",
        "Citra Lestari",
        "Eko Wibowo",
        "Fitri Handayani",
    ];
    let accounts = |n: usize| -> Vec<User> {
        (100..)
            .zip(&names[..n])
            .map(|(id, name)| user(UserId(id), name, Role::Operator))
            .collect()
    };
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), accounts(9), Vec::new());
    let drawn = terminal(&app, 80, 24);
    let body = snap::body(&app, drawn.backend().buffer());
    assert!(body.contains("Yoga Prasetyo"), "{body}");
    assert!(!body.contains("lagi"), "{body}");

    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), accounts(14), Vec::new());
    for _ in 0..12 {
        press(&mut app, KeyCode::Down);
    }
    snap!("sign_in_long_list", app);
}

/// A visitor let in yesterday at 09:00 and still inside at 10:30 today:
/// Home shows the day he came in, not a time that reads as this morning,
/// and his whole stay, however long (the column was cut at twelve).
#[test]
fn home_inside_since_yesterday_shows_the_day_and_the_whole_stay() {
    let mut d = busy();
    let long = visit(12, &budi(), -24 * 60 - 10, Status::Inside);
    d.open[0] = summary(long);
    let mut app = app();
    app.on_data(d, users(), Vec::new());
    let drawn = terminal(&app, 80, 24);
    let body = snap::body(&app, drawn.backend().buffer());
    let row = body
        .lines()
        .find(|l| l.contains("Budi"))
        .unwrap_or_else(|| panic!("{body}"));
    assert!(row.contains("26-11"), "{row}");
    assert!(!row.contains("09:00"), "{row}");
    assert!(row.contains("⚠ 25 j 30 mnt"), "{row}");
}

#[test]
fn home_empty() {
    snap!("home_empty", app());
}

#[test]
fn home_busy() {
    let app = busy_app();
    let terminal = snap!("home_busy", app);
    // Budi has been inside 80 minutes: his row is red.
    insta::assert_debug_snapshot!(
        "home_busy_buffer",
        snap::body_buffer(&app, terminal.backend().buffer())
    );
}

/// Overstay is not colour only: the elapsed time carries a mark, and only
/// for the visitor past the standard.
#[test]
fn overstay_is_marked_not_only_coloured() {
    let app = busy_app();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| dc_access::ui::draw(&app, f)).unwrap();
    let screen = format!("{:?}", terminal.backend());
    let line = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(line("Budi Santoso").contains("⚠ 1 j 20 mnt"), "{screen}");
    assert!(!line("Rina Marlina").contains('⚠'), "{screen}");
}

/// Ten years of a busy door pass visit number 1,000,000: home shows
/// every digit (the column once cut six-digit numbers to four).
#[test]
fn seven_digit_visit_numbers_are_shown_whole() {
    let mut dash = busy();
    for (s, id) in dash.open.iter_mut().zip(1_234_560..) {
        s.visit.id = VisitId(id);
    }
    let mut app = app();
    app.on_data(dash, users(), vec![]);
    let terminal = terminal(&app, 80, 24);
    let screen = format!("{:?}", terminal.backend());
    for id in ["1234560", "1234561", "1234562", "1234564"] {
        assert!(screen.contains(id), "{id} missing:\n{screen}");
    }
}

/// Visit numbers of different lengths in the in-progress list stay
/// right-aligned, so the start times below each other form one column
/// (the list once trimmed the padding away).
#[test]
fn in_progress_numbers_line_up() {
    let mut dash = busy();
    for (s, id) in dash.open.iter_mut().zip([7, 58, 3_963, 20_887, 1_234_560]) {
        s.visit.id = VisitId(id);
    }
    let mut app = app();
    app.on_data(dash, users(), vec![]);
    let terminal = terminal(&app, 80, 24);
    let screen = format!("{:?}", terminal.backend());
    let start = screen.find("Dalam proses").expect("the in-progress list");
    let times: Vec<usize> = screen[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.contains('╰'))
        .filter_map(|l| {
            let row = l.split('│').nth(1)?;
            row.find(':').map(|i| row[..i].chars().count())
        })
        .collect();
    assert!(times.len() >= 2, "{screen}");
    assert!(times.iter().all(|t| *t == times[0]), "{times:?}\n{screen}");
}

#[test]
fn home_busy_in_english() {
    let config = Config {
        language: Language::En,
        ..Config::default()
    };
    snap!("home_busy_en", busy_app_with(config));
}

#[test]
fn form_empty() {
    snap!("form_empty", form_app(FormDraft::default()));
}

#[test]
fn form_partly_filled_with_a_bad_nik() {
    let mut app = form_app(FormDraft::default());
    type_str(&mut app, "Budi Santoso");
    press(&mut app, KeyCode::Tab);
    assert_eq!(form_state(&app).draft.id_type, "KTP", "proposed first");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "32010115058500"); // 14 digits
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "PT Telkom Indonesia");
    press(&mut app, KeyCode::BackTab); // back on the NIK: its problem shows
    assert_eq!(form_state(&app).focus, FormField::IdNumber);
    snap!("form_bad_nik", app);
}

/// A form with a short NIK and empty fields, after Enter on the last field.
fn form_with_errors() -> App {
    let mut app = form_app(FormDraft {
        full_name: "Budi Santoso".into(),
        id_type: "KTP".into(),
        id_number: "32010115058500".into(),
        ..FormDraft::default()
    });
    press(&mut app, KeyCode::BackTab); // wraps to the last field
    press(&mut app, KeyCode::Enter);
    app
}

#[test]
fn form_errors_after_enter_on_the_last_field() {
    let app = form_with_errors();
    let terminal = snap!("form_errors", app);
    insta::assert_debug_snapshot!(
        "form_errors_buffer",
        snap::body_buffer(&app, terminal.backend().buffer())
    );
}

// ------------------------------------------------- the Linux console (TERM=linux)

/// Plain corners, `!` for the overstay mark, `^v` for arrows, `-` for dashes.
#[test]
fn console_home_busy() {
    console_snap!("console_home_busy", busy_app());
}

/// `!` marks the fields in error; the cursor is `_`.
#[test]
fn console_form_errors() {
    console_snap!("console_form_errors", form_with_errors());
}

/// The choices as `< Setujui >`.
#[test]
fn console_approval() {
    let mut app = app();
    app.on_visit(visit(14, &budi(), 80, Status::AwaitingApproval), Vec::new());
    console_snap!("console_approval", app);
}

/// The checklist's marks as `+` / `x`.
#[test]
fn console_archive() {
    let mut app = app();
    let v = visit(12, &budi(), 0, Status::CheckedOut);
    let ev = events(&v);
    app.on_visit(v, ev);
    console_snap!("console_archive", app);
}

#[test]
fn form_all_valid() {
    let mut app = form_app(budi());
    press(&mut app, KeyCode::BackTab);
    assert_eq!(form_state(&app).focus, FormField::IdHeld);
    snap!("form_valid", app);
}

#[test]
fn review() {
    let mut app = app();
    app.on_visit(visit(16, &budi(), 84, Status::Review), Vec::new());
    snap!("review", app);
}

#[test]
fn approval_approve() {
    let mut app = app();
    app.on_visit(visit(14, &budi(), 80, Status::AwaitingApproval), Vec::new());
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "4829");
    snap!("approval_approve", app);
}

/// The supervisor decides for a visitor at another door: the form's
/// title names the door.
#[test]
fn approval_at_another_door() {
    let mut app = app();
    app.config.door = "Pintu Utara".into();
    let mut v = visit(14, &budi(), 80, Status::AwaitingApproval);
    v.door = "Pintu Selatan".into();
    app.on_visit(v, Vec::new());
    snap!("approval_other_door", app);
}

#[test]
fn approval_reject_with_reason() {
    let mut app = app();
    app.on_visit(visit(14, &budi(), 80, Status::AwaitingApproval), Vec::new());
    press(&mut app, KeyCode::Right); // reject
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Tidak terjadwal");
    snap!("approval_reject", app);
}

#[test]
fn return_id_after_rejection() {
    let mut app = app();
    app.on_visit(rejected(15, &budi(), 60), Vec::new());
    assert!(matches!(app.screen, Screen::ReturnId(_)));
    snap!("return_id", app);
}

#[test]
fn badge() {
    let mut app = app();
    app.on_data(
        Dashboard::default(),
        users(),
        vec![dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap()],
    );
    app.on_visit(visit(14, &budi(), 70, Status::Approved), Vec::new());
    snap!("badge", app);
}

/// Step 5 at the south door with a badge of the north door in hand: the
/// badge is refused, naming the door it belongs to.
#[test]
fn badge_of_another_door() {
    let mut app = app();
    app.config.door = "Pintu Selatan".into();
    app.config.visit.door_badges = [
        ("Pintu Utara".to_owned(), vec!["V-01".to_owned()]),
        ("Pintu Selatan".to_owned(), vec!["V-02".to_owned()]),
    ]
    .into();
    app.on_data(Dashboard::default(), users(), Vec::new());
    app.on_visit(visit(14, &budi(), 70, Status::Approved), Vec::new());
    // The north door's V-01 is offered last: ← from the first.
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Enter);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    snap!("badge_other_door", app);
}

/// A visitor inside whose check-out was opened from Home (the shell
/// records `BeginCheckout` before showing the screen).
fn checking_out(mut v: Visit) -> Visit {
    v.checkout_started_at = v.entered_at;
    v
}

/// The check-out of Budi, driven key by key: badge typed, ID returned,
/// item 1 OK, item 2 "not OK" and its note being typed.
fn checkout_app() -> App {
    let mut app = app();
    app.on_visit(
        checking_out(visit(12, &budi(), 0, Status::Inside)),
        Vec::new(),
    );
    type_str(&mut app, "V-12");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Left); // OK
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // not OK: focus to its note
    type_str(&mut app, "Ada kabel patch");
    app
}

#[test]
fn checkout_with_a_not_ok_item() {
    let app = checkout_app();
    let Screen::Checkout(c) = &app.screen else {
        panic!("expected check-out");
    };
    assert_eq!(c.focus(), CheckoutFocus::Note(1));
    snap!("checkout_not_ok", app);
}

#[test]
fn archive_before_archiving() {
    let mut app = app();
    let v = visit(12, &budi(), 0, Status::CheckedOut);
    let ev = events(&v);
    app.on_visit(v, ev);
    snap!("archive_checked_out", app);
}

#[test]
fn archived_report_read_only() {
    let mut app = app();
    let v = visit(12, &budi(), 0, Status::Archived);
    let ev = events(&v);
    app.on_visit(v, ev);
    snap!("archive_read_only", app);
}

#[test]
fn archived_report_scrolled_to_the_end() {
    let mut app = app();
    let v = visit(12, &budi(), 0, Status::Archived);
    let ev = events(&v);
    app.on_visit(v, ev);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    let Screen::Archive(ArchiveState { scroll, .. }) = app.screen else {
        panic!("expected the report");
    };
    assert_eq!(scroll, 20);
    snap!("archive_read_only_scrolled", app);
}

// ------------------------------------------------------------------ overlays

#[test]
fn help_on_home() {
    let mut app = busy_app();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    snap!("overlay_help", app);
}

/// "Tekan sembarang tombol untuk menutup": the key that closes the help,
/// an error or a notice only closes it; it never acts on the screen
/// under it (`n` does not start a visit, Enter does not submit).
#[test]
fn the_key_closing_an_overlay_does_nothing_else() {
    let mut app = busy_app();
    press(&mut app, KeyCode::Char('?'));
    let before = app.screen.clone();
    assert!(press(&mut app, KeyCode::Char('n')).is_empty());
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, before);

    let mut app = checkout_app();
    app.on_error(dc_access::app::Failure::Store(
        dc_access::store::StoreProblem::Db(dc_access::store::DbFault::Busy),
    ));
    let before = app.screen.clone();
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.overlay, None);
    assert_eq!(
        app.screen, before,
        "the check-out was not submitted or moved"
    );
}

#[test]
fn error_overlay() {
    let mut app = checkout_app();
    app.on_error(dc_access::app::Failure::Store(
        dc_access::store::StoreProblem::Db(dc_access::store::DbFault::Busy),
    ));
    snap!("overlay_error", app);
}

#[test]
fn notice_overlay() {
    let mut app = busy_app();
    press(&mut app, KeyCode::Char('u')); // accounts: supervisors only
    assert!(matches!(
        app.overlay,
        Some(Overlay::Told(dc_access::app::Notice::SupervisorOnly))
    ));
    snap!("overlay_notice", app);
}

/// Under a box closed by any key, the footer and the box say one phrase
/// ("Tekan sembarang tombol untuk menutup"), in both languages.
#[test]
fn footer_and_box_say_the_same_to_close() {
    for lang in [Language::Id, Language::En] {
        let config = Config {
            language: lang,
            ..Config::default()
        };
        let mut app = busy_app_with(config.clone());
        press(&mut app, KeyCode::Char('?'));
        let mut error = busy_app_with(config.clone());
        error.on_error(dc_access::app::Failure::Store(
            dc_access::store::StoreProblem::Db(dc_access::store::DbFault::Busy),
        ));
        let mut notice = busy_app_with(config);
        press(&mut notice, KeyCode::Char('u'));
        for app in [app, error, notice] {
            assert!(app.overlay.is_some());
            let terminal = terminal(&app, 80, 24);
            let buf = terminal.backend().buffer();
            let row =
                |y: u16| -> String { (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() };
            let footer = row(23).trim().to_owned();
            let phrase = match lang {
                Language::Id => "Tekan sembarang tombol untuk menutup",
                Language::En => "Press any key to close",
            };
            assert_eq!(footer, phrase);
            assert!(
                (0..23).any(|y| row(y).contains(&format!("{phrase}."))),
                "the box does not say {phrase:?}"
            );
        }
    }
}

#[test]
fn cancel_prompt() {
    let mut app = busy_app();
    for _ in 0..4 {
        press(&mut app, KeyCode::Down); // the draft, last row
    }
    press(&mut app, KeyCode::Char('x'));
    type_str(&mut app, "Pengunjung pulang");
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    snap!("overlay_cancel_prompt", app);
}

#[test]
fn exit_pin() {
    let mut app = busy_app();
    press(&mut app, KeyCode::Char('q'));
    type_str(&mut app, "48");
    assert!(matches!(app.overlay, Some(Overlay::ExitPin(_))));
    snap!("overlay_exit_pin", app);
}

// ------------------------------------------------------------------ too small

#[test]
fn too_small_60x20() {
    let terminal = terminal(&busy_app(), 60, 20);
    insta::assert_snapshot!("too_small_60x20", terminal.backend());
}

#[test]
fn too_small_1x1_does_not_panic() {
    let terminal = terminal(&busy_app(), 1, 1);
    insta::assert_snapshot!("too_small_1x1", terminal.backend());
}

// ------------------------------------------------------------------ keys

#[test]
fn tab_and_shift_tab_move_the_form_focus() {
    let mut app = form_app(FormDraft::default());
    assert_eq!(form_state(&app).focus, FormField::FullName);
    press(&mut app, KeyCode::Tab);
    assert_eq!(form_state(&app).focus, FormField::IdType);
    press(&mut app, KeyCode::Tab);
    assert_eq!(form_state(&app).focus, FormField::IdNumber);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(form_state(&app).focus, FormField::FullName);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(form_state(&app).focus, FormField::IdHeld);
}

#[test]
fn typing_fills_the_focused_field_and_a_tick_saves_it() {
    let mut app = form_app(FormDraft::default());
    for c in "Budi".chars() {
        // Nothing saved while typing; from the third letter the names
        // seen before are looked up.
        let e = press(&mut app, KeyCode::Char(c));
        assert!(
            e.iter().all(|e| matches!(e, Effect::FindNames { .. })),
            "{e:?}"
        );
    }
    press(&mut app, KeyCode::Backspace);
    type_str(&mut app, "i S");
    let f = form_state(&app);
    assert_eq!(f.draft.full_name, "Budi S");
    assert!(f.dirty);
    let draft = f.draft.clone();
    assert_eq!(
        app.update(Msg::Tick, now()),
        [Effect::SaveDraft(VisitId(16), draft)]
    );
    assert_eq!(app.update(Msg::Tick, now()), []);
}

#[test]
fn control_and_alt_keys_are_never_typed() {
    let mut app = form_app(FormDraft::default());
    type_str(&mut app, "Budi");
    for c in ['x', 'a', 'q', '?'] {
        assert_eq!(press_with(&mut app, c, KeyModifiers::ALT), []);
    }
    assert_eq!(press_with(&mut app, 'x', KeyModifiers::CONTROL), []);
    assert_eq!(form_state(&app).draft.full_name, "Budi");
    assert_eq!(app.overlay, None);

    // Ctrl-C is Back: the draft is saved as typed, without a 'c'.
    let effects = press_with(&mut app, 'c', KeyModifiers::CONTROL);
    let saved = FormDraft {
        full_name: "Budi".into(),
        id_type: "KTP".into(),
        planned_minutes: "60".into(),
        ..FormDraft::default()
    };
    assert_eq!(
        effects,
        [Effect::SaveDraft(VisitId(16), saved), Effect::Reload]
    );
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn enter_on_the_last_field_of_an_invalid_form_shows_errors() {
    let mut app = form_app(FormDraft {
        full_name: "Budi Santoso".into(),
        id_type: "KTP".into(),
        id_number: "32010115058500".into(),
        ..FormDraft::default()
    });
    press(&mut app, KeyCode::BackTab);
    assert_eq!(form_state(&app).focus, FormField::IdHeld);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Apply(_, Command::CompleteForm(..)))),
        "{effects:?}"
    );
    let f = form_state(&app);
    assert!(f.show_errors);
    // The focus goes to the first field with a problem.
    assert_eq!(f.focus, FormField::IdNumber);
}

#[test]
fn enter_on_the_last_field_of_a_valid_form_completes_it() {
    let mut app = form_app(budi());
    press(&mut app, KeyCode::BackTab);
    // The form is saved and the privacy notice told first.
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects, [Effect::SaveDraft(VisitId(16), budi())]);
    assert!(matches!(app.screen, Screen::Privacy(_)));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(matches!(
        &effects[..],
        [Effect::Apply(VisitId(16), Command::CompleteForm(f, told))]
            if f.to_draft() == budi() && told.retention_days == 730
    ));
}

#[test]
fn id_type_cycles_with_left_and_right() {
    let mut app = form_app(FormDraft::default());
    press(&mut app, KeyCode::Tab);
    let id_type = |app: &App| form_state(app).draft.id_type.clone();
    // A new form proposes the first ID type of the list.
    assert_eq!(id_type(&app), "KTP");
    let effects = press(&mut app, KeyCode::Right);
    assert_eq!(id_type(&app), "SIM");
    assert!(matches!(&effects[..], [Effect::SaveDraft(VisitId(16), d)] if d.id_type == "SIM"));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(id_type(&app), "Kartu Pegawai");
    // Letters are not typed into a choice.
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(id_type(&app), "Kartu Pegawai");
}

#[test]
fn checkout_not_ok_needs_a_note() {
    let mut app = app();
    app.on_visit(
        checking_out(visit(12, &budi(), 0, Status::Inside)),
        Vec::new(),
    );
    type_str(&mut app, "V-12");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    for i in 0..6 {
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char(if i == 2 { 'n' } else { 'o' }));
    }
    // Item 3 "not OK" moved the focus to its (empty) note; skip past it
    // to the last place. Tab goes round: once more is the badge again.
    let checkout = |app: &App| match &app.screen {
        Screen::Checkout(c) => c.clone(),
        other => panic!("expected check-out, got {:?}", other.kind()),
    };
    while checkout(&app).focus() != CheckoutFocus::Activity {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Tab);
    assert_eq!(checkout(&app).focus(), CheckoutFocus::Badge);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(checkout(&app).focus(), CheckoutFocus::Activity);
    type_str(&mut app, "Ganti UPS");

    // Refused: nothing applied; what was typed is saved (the draft).
    let only_saved = |effects: &[Effect]| {
        effects
            .iter()
            .all(|e| matches!(e, Effect::SaveCheckoutDraft(VisitId(12), _)))
    };
    assert!(only_saved(&press(&mut app, KeyCode::Enter)));
    let c = checkout(&app);
    assert_eq!(c.focus(), CheckoutFocus::Note(2));
    assert_eq!(c.message, Some(dc_access::app::Problem::NoteRequired(3)));

    type_str(&mut app, "Kabel dipindah");
    let effects = press(&mut app, KeyCode::Enter); // from the note: next place
    assert!(only_saved(&effects), "{effects:?}");
    assert!(
        !effects.is_empty(),
        "the note is saved as the focus moves on"
    );
    // The equipment the form lists ("Laptop, multimeter": one item)
    // has its row after the room's items: still to confirm.
    while checkout(&app).focus() != CheckoutFocus::Activity {
        press(&mut app, KeyCode::Tab);
    }
    assert!(only_saved(&press(&mut app, KeyCode::Enter)));
    assert_eq!(checkout(&app).focus(), CheckoutFocus::Item(6));
    assert_eq!(
        checkout(&app).message,
        Some(dc_access::app::Problem::ChecklistUnanswered(7))
    );
    press(&mut app, KeyCode::Char('o')); // taken out with the visitor
    while checkout(&app).focus() != CheckoutFocus::Activity {
        press(&mut app, KeyCode::Tab);
    }
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::Apply(VisitId(12), Command::CheckOut { checklist, .. })] = &effects[..] else {
        panic!("expected the check-out, got {effects:?}");
    };
    assert_eq!(checklist.len(), 7);
    assert!(!checklist[2].ok);
    assert_eq!(checklist[2].note, "Kabel dipindah");
    assert!(checklist.iter().enumerate().all(|(i, a)| a.ok == (i != 2)));
    assert_eq!(
        (checklist[6].item.as_str(), checklist[6].kind),
        ("Laptop, multimeter", CheckKind::Brought)
    );
}

#[test]
fn approval_decides_approve_as_the_chosen_supervisor() {
    let mut app = app();
    app.on_visit(visit(14, &budi(), 80, Status::AwaitingApproval), Vec::new());
    press(&mut app, KeyCode::Enter); // decision → supervisor
    press(&mut app, KeyCode::Right); // Siti → Bambang
    press(&mut app, KeyCode::Enter); // → PIN
    type_str(&mut app, "482916");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Decide {
            visit: VisitId(14),
            supervisor: BAMBANG,
            pin: Pin::entered("482916").unwrap(),
            cmd: Command::Approve,
        }]
    );
}

#[test]
fn approval_reject_needs_a_reason_then_decides() {
    let mut app = app();
    app.on_visit(visit(14, &budi(), 80, Status::AwaitingApproval), Vec::new());
    press(&mut app, KeyCode::Char(' ')); // approve → reject
    press(&mut app, KeyCode::Tab); // supervisor
    press(&mut app, KeyCode::Tab); // reason
    press(&mut app, KeyCode::Tab); // PIN
    type_str(&mut app, "482916");
    assert_eq!(press(&mut app, KeyCode::Enter), []);
    let Screen::Approval(a) = &app.screen else {
        panic!("expected approval");
    };
    assert_eq!(a.focus, ApprovalFocus::Reason);
    assert!(a.message.is_some());

    type_str(&mut app, "Tidak terjadwal");
    press(&mut app, KeyCode::Tab);
    press_with(&mut app, 'u', KeyModifiers::CONTROL); // clear the PIN kept from before
    type_str(&mut app, "482916");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        [Effect::Decide {
            visit: VisitId(14),
            supervisor: SITI,
            pin: Pin::entered("482916").unwrap(),
            cmd: Command::Reject {
                reason: "Tidak terjadwal".into()
            },
        }]
    );
}

// ------------------------------------------------------------ truth on screen

fn screen_text(app: &App) -> String {
    format!("{:?}", terminal(app, 80, 24).backend())
}

fn archive_of(v: Visit) -> App {
    let mut app = app();
    let events = events(&v);
    app.screen = Screen::Archive(ArchiveState {
        visit: v,
        events,
        scroll: 0,
    });
    app
}

/// Step 7 and the detail show the supervisor's decision, not the status
/// the visit has reached since; a visit never decided says so.
#[test]
fn the_report_shows_the_decision_not_the_status() {
    let archived = screen_text(&archive_of(visit(12, &budi(), 0, Status::Archived)));
    let decided = archived
        .lines()
        .find(|l| l.contains("Diputuskan oleh"))
        .unwrap_or_default();
    assert!(decided.contains("Siti Rahma · 27-11-2026"), "{archived}");
    assert!(decided.contains("· Disetujui"), "{archived}");
    assert!(!decided.contains("Diarsipkan"), "{archived}");
    let refused = screen_text(&archive_of(rejected(13, &budi(), 0)));
    assert!(refused.contains("· Ditolak "), "{refused}");
    let draft = visit(14, &budi(), 0, Status::Review);
    let cancelled = draft
        .apply(
            &Command::Cancel {
                reason: "Pengunjung pulang".into(),
            },
            actor(ANDI),
            t(10),
        )
        .unwrap()
        .0;
    let cancelled = screen_text(&archive_of(cancelled));
    assert!(cancelled.contains("belum diputuskan"), "{cancelled}");
}

/// While the visitor is inside, the badge is in use, not "returned".
#[test]
fn the_badge_of_a_visitor_inside_is_in_use() {
    let inside = screen_text(&archive_of(visit(12, &budi(), 0, Status::Inside)));
    assert!(inside.contains("V-12 · sedang dipakai"), "{inside}");
    assert!(!inside.contains("dikembalikan "), "{inside}");
    let out = screen_text(&archive_of(visit(12, &budi(), 0, Status::CheckedOut)));
    assert!(out.contains("V-12 · dikembalikan"), "{out}");
}

/// The cancel box tells the operator to give the ID back only when it is
/// held.
#[test]
fn cancelling_speaks_of_the_id_only_when_it_is_held() {
    let mut app = busy_app();
    for _ in 0..4 {
        press(&mut app, KeyCode::Down); // the draft: no ID held yet
    }
    press(&mut app, KeyCode::Char('x'));
    let text = screen_text(&app);
    assert!(text.contains("Kunjungan dibatalkan. Alasan:"), "{text}");
    assert!(!text.contains("kembalikan dokumen identitas"), "{text}");

    let mut app = busy_app();
    let held = visit(17, &budi(), 0, Status::Review);
    assert!(held.id_held());
    app.dashboard.open.push(summary(held));
    app.overlay = Some(Overlay::Prompt(dc_access::app::Prompt {
        visit: VisitId(17),
        value: dc_access::app::LineInput::new(300),
        error: None,
    }));
    let text = screen_text(&app);
    assert!(text.contains("kembalikan dokumen identitas"), "{text}");
}

/// "Melebihi batas waktu" counts whoever is inside past the standard now,
/// not what the store counted when the dashboard was loaded.
#[test]
fn the_overstay_count_moves_with_the_clock() {
    let mut app = busy_app();
    app.dashboard.today.overstays_left = 0;
    let count = |app: &App| {
        let text = screen_text(app);
        text.lines()
            .find(|l| l.contains("Melebihi batas waktu"))
            .and_then(|l| l.split_whitespace().rev().nth(1).map(str::to_owned))
            .unwrap_or_default()
    };
    assert_eq!(count(&app), "1", "Budi is past the hour");
    app.now += Duration::minutes(40);
    assert_eq!(count(&app), "2", "now Rina is too");
    app.dashboard.today.overstays_left = 3;
    assert_eq!(count(&app), "5", "plus those who left past it");
}

// ------------------------------------------------------- assignment letters

/// A purpose that needs an assignment letter: Enter on a form without one
/// goes to the letter's number and says why; a begun letter needs its
/// date as on screen.
#[test]
fn form_asks_for_the_letter_its_purpose_needs() {
    let mut config = Config::default();
    let purpose = config.visit.purposes[0].clone();
    config.visit.letter_required_for = vec![purpose.clone()];
    let mut app = app_with(config);
    let mut v = Visit::start(VisitId(16), ANDI, t(87));
    v.form = form_of(
        "Budi Santoso",
        "PT Telkom Indonesia",
        "3201011505850001",
        &purpose,
    );
    app.on_visit(v, Vec::new());
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(form_state(&app).focus, FormField::LetterNumber);
    assert!(matches!(app.screen, Screen::Form(_)), "still on the form");
    snap!("form_letter_required", app);

    for c in "090/12/ST/2026".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    for c in "31-02-2026".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    assert_eq!(form_state(&app).focus, FormField::LetterIssuer);
    snap!("form_letter_bad_date", app);
}

// ------------------------------------------------- equipment by serial number

fn with_serials() -> FormDraft {
    FormDraft {
        equipment: "Laptop Dell #5CG1234; Hard disk 2TB #WX41A9".into(),
        ..budi()
    }
}

/// Step 6 with the equipment listed at step 2: the laptop taken out, the
/// disk left in the room with its reason, an old disk taken out that was
/// not listed.
#[test]
fn checkout_confirms_each_item_of_equipment() {
    let mut app = app();
    app.on_visit(
        checking_out(visit(12, &with_serials(), 0, Status::Inside)),
        Vec::new(),
    );
    type_str(&mut app, "V-12");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char('o'));
    }
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Left); // the laptop: taken out
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // the disk: left, its reason next
    type_str(&mut app, "Disk pengganti di server 3");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Hard disk lama #OLD77");
    let Screen::Checkout(c) = &app.screen else {
        panic!("expected check-out");
    };
    assert_eq!(c.focus(), CheckoutFocus::TakenOut);
    snap!("checkout_equipment", app);

    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Ganti disk");
    let effects = press(&mut app, KeyCode::Enter);
    let Some(Effect::Apply(_, Command::CheckOut { checklist, .. })) = effects.last() else {
        panic!("expected the check-out, got {effects:?}");
    };
    let rows: Vec<_> = checklist[6..]
        .iter()
        .map(|a| (a.item.as_str(), a.kind, a.ok, a.note.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Laptop Dell #5CG1234", CheckKind::Brought, true, ""),
            (
                "Hard disk 2TB #WX41A9",
                CheckKind::Brought,
                false,
                "Disk pengganti di server 3"
            ),
            ("Hard disk lama #OLD77", CheckKind::TakenOut, true, ""),
        ]
    );
}

/// The step-7 report says where each item went; one left without a
/// reason is marked.
#[test]
fn archive_lists_where_the_equipment_went() {
    let mut app = app();
    let mut v = visit(12, &with_serials(), 0, Status::CheckedOut);
    let row = |item: &str, ok, note: &str, kind| Answer {
        item: item.into(),
        ok,
        note: note.into(),
        kind,
    };
    v.checklist.truncate(2);
    v.checklist.extend([
        row("Laptop Dell #5CG1234", true, "", CheckKind::Brought),
        row("Hard disk 2TB #WX41A9", false, "", CheckKind::Brought),
        row("Hard disk lama #OLD77", true, "", CheckKind::TakenOut),
    ]);
    assert!(v.checklist_flagged(), "left without a reason");
    let ev = events(&v);
    app.on_visit(v, ev);
    for _ in 0..8 {
        press(&mut app, KeyCode::Down);
    }
    snap!("archive_equipment", app);
}

// ------------------------------------------------------------ more than one door

/// A console at one door, with visits started at another: Home names
/// their door (a column for those inside, after the name in progress);
/// its own door's visits leave it empty.
#[test]
fn home_names_visits_of_another_door() {
    let config = Config {
        door: "Pintu Utara".into(),
        ..Config::default()
    };
    let mut dash = busy();
    for (i, s) in dash.open.iter_mut().enumerate() {
        s.visit.door = if i % 2 == 0 {
            "Pintu Selatan"
        } else {
            "Pintu Utara"
        }
        .into();
    }
    let mut app = app_with(config);
    app.on_data(dash, users(), Vec::new());
    snap!("home_other_door", app);
}
