//! The visitor's data at the door on screen at 80x24, with fixed data and
//! a fixed clock (27 November 2026, 10:30 WIB): the privacy notice at the
//! end of step 2 (and the refusal asked twice), and what the form offers
//! of a returning visitor. Each is also drawn as on the Linux console.

#![allow(clippy::unwrap_used)]

mod snap;

use chrono::{Duration, TimeZone, Utc};
use dc_access::app::{App, Effect, Msg, Notice, Overlay, Screen};
use dc_access::config::{Config, Language};
use dc_access::domain::visit::{
    Command, FormDraft, NoticeAnswer, Role, Status, Time, UserId, Visit, VisitId,
};
use dc_access::store::{Dashboard, User};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

fn user(id: i64, name: &str, role: Role) -> User {
    snap::account(id, name, role, now() - Duration::days(30))
}

/// Andi (operator) signed in.
fn app_in(language: Language) -> App {
    let users = vec![
        user(1, "Siti Rahma", Role::Supervisor),
        user(2, "Andi Wijaya", Role::Operator),
    ];
    let config = Config {
        language,
        ..Config::default()
    };
    let mut app = App::new(config, now(), false);
    app.on_data(Dashboard::default(), users.clone(), Vec::new());
    app.on_signed_in(users[1].clone());
    app
}

fn app() -> App {
    app_in(Language::Id)
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

/// The body at 80x24, checked on the console's font too.
fn draw(app: &App) -> String {
    snap::draw_checked(app)
}

fn footer(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| dc_access::ui::draw(app, f)).unwrap();
    snap::parts(app, terminal.backend().buffer())[2].clone()
}

fn budi() -> FormDraft {
    FormDraft {
        full_name: "Budi Santoso".into(),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "PT Telkom".into(),
        phone: "081234567890".into(),
        purpose: "Pemeliharaan perangkat".into(),
        purpose_detail: "Ganti baterai UPS".into(),
        equipment: "Laptop".into(),
        planned_minutes: "60".into(),
        person_visited: "Joko Susilo".into(),
        id_held: true,
        ..FormDraft::default()
    }
}

/// The form of visit 16 started four minutes ago, typed in full, with the
/// focus on the last field.
fn on_last_field(app: &mut App, draft: FormDraft) {
    let mut v = Visit::start(VisitId(16), UserId(2), now() - Duration::minutes(4));
    v.form = draft;
    app.on_visit(v, Vec::new());
    press(app, KeyCode::BackTab);
}

#[test]
fn privacy_notice_at_the_end_of_the_form() {
    let mut app = app();
    on_last_field(&mut app, budi());
    let e = press(&mut app, KeyCode::Enter);
    assert_eq!(e, vec![Effect::SaveDraft(VisitId(16), budi())]);
    assert!(matches!(app.screen, Screen::Privacy(_)));
    let body = draw(&app);
    assert!(
        body.contains("730 hari"),
        "the configured retention:\n{body}"
    );
    insta::assert_snapshot!(body);
    let keys = footer(&app);
    assert!(
        keys.contains("Setuju") && keys.contains("Menolak"),
        "{keys}"
    );
    // Enter: told and agreed, with the period the notice named.
    let e = press(&mut app, KeyCode::Enter);
    assert!(matches!(
        &e[..],
        [Effect::Apply(VisitId(16), Command::CompleteForm(f, told))]
            if f.to_draft() == budi() && told.retention_days == 730
    ));
}

#[test]
fn privacy_notice_in_english_names_the_retention_from_the_config() {
    let mut app = app_in(Language::En);
    app.config.report.retention_days = 365;
    on_last_field(&mut app, budi());
    press(&mut app, KeyCode::Enter);
    let body = draw(&app);
    // The notice is the configured (Indonesian) text; the screen's words
    // are the language's.
    assert!(
        body.contains("365 hari") && body.contains("Privacy notice"),
        "{body}"
    );
    insta::assert_snapshot!(body);
}

#[test]
fn privacy_refusal_is_asked_twice_and_cancels_the_visit() {
    let mut app = app();
    on_last_field(&mut app, budi());
    press(&mut app, KeyCode::Enter);
    assert!(press(&mut app, KeyCode::Char('x')).is_empty());
    insta::assert_snapshot!(draw(&app));
    let e = press(&mut app, KeyCode::Char('x'));
    assert_eq!(e, vec![Effect::Apply(VisitId(16), Command::RefuseNotice)]);
    // The store answers: the visit is cancelled, the console is home and
    // says to give the ID back.
    let mut v = Visit::start(VisitId(16), UserId(2), now() - Duration::minutes(4));
    v.form = budi();
    let (done, _) = v
        .apply(
            &Command::RefuseNotice,
            dc_access::domain::visit::Actor {
                id: UserId(2),
                role: Role::Operator,
            },
            now(),
        )
        .unwrap();
    assert_eq!(done.status, Status::Cancelled);
    assert_eq!(done.notice, Some(NoticeAnswer::Refused { at: now() }));
    app.update(
        Msg::Answer(dc_access::app::Answer::Applied {
            visit: done,
            events: Vec::new(),
            cmd: Command::RefuseNotice,
        }),
        now(),
    );
    assert!(matches!(app.screen, Screen::Home(_)));
    assert_eq!(
        app.overlay,
        Some(Overlay::Told(Notice::PrivacyRefused(VisitId(16))))
    );
    insta::assert_snapshot!(
        "privacy_refused_told",
        snap::rows(
            &{
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                terminal.draw(|f| dc_access::ui::draw(&app, f)).unwrap();
                terminal.backend().buffer().clone()
            },
            ratatui::layout::Rect::new(0, 0, 80, 24)
        )
    );
}

#[test]
fn esc_on_the_notice_goes_back_to_the_form() {
    let mut app = app();
    on_last_field(&mut app, budi());
    press(&mut app, KeyCode::Enter);
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    assert!(matches!(&app.screen, Screen::Form(f) if f.draft == budi()));
}

fn budi_before() -> dc_access::domain::returning::Returning {
    dc_access::domain::returning::Returning {
        last: budi(),
        last_at: now() - Duration::days(15),
        visits: 3,
        overstays: 1,
        checklist_not_ok: 0,
        badges_lost: 1,
    }
}

/// A new form where only the NIK was typed: the store is asked, and its
/// answer offers the last visit's details beside the fields.
#[test]
fn returning_visitor_offered_field_by_field() {
    let mut app = app();
    let v = Visit::start(VisitId(16), UserId(2), now() - Duration::minutes(2));
    app.on_visit(v, Vec::new());
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let mut asked = Vec::new();
    for c in "3201011505850001".chars() {
        asked.extend(press(&mut app, KeyCode::Char(c)));
    }
    assert!(asked.contains(&Effect::FindReturning {
        visit: VisitId(16),
        id_number: "3201011505850001".into()
    }));
    app.update(
        Msg::Answer(dc_access::app::Answer::Returning {
            visit: VisitId(16),
            id_number: "3201011505850001".into(),
            found: Some(budi_before()),
        }),
        now(),
    );
    press(&mut app, KeyCode::Tab);
    let body = draw(&app);
    assert!(
        body.contains("« PT Telkom") && body.contains("3 kunjungan"),
        "{body}"
    );
    insta::assert_snapshot!(body);
    let keys = footer(&app);
    assert!(keys.contains("F2") && keys.contains("F3"), "{keys}");
    // F2: the organisation only; F3: the rest.
    let e = press(&mut app, KeyCode::F(2));
    let Screen::Form(f) = &app.screen else {
        panic!("form")
    };
    assert_eq!(f.draft.organisation, "PT Telkom");
    assert!(f.draft.full_name.is_empty());
    assert_eq!(e, vec![Effect::SaveDraft(VisitId(16), f.draft.clone())]);
    press(&mut app, KeyCode::F(3));
    let Screen::Form(f) = &app.screen else {
        panic!("form")
    };
    assert_eq!(
        (
            f.draft.full_name.as_str(),
            f.draft.phone.as_str(),
            f.draft.person_visited.as_str()
        ),
        ("Budi Santoso", "081234567890", "Joko Susilo")
    );
    assert!(
        f.draft.purpose_detail.is_empty(),
        "only the visitor's details"
    );
}

/// Typing a name lists the names seen before; `PgDn` picks, `F2` looks the
/// picked visitor up.
#[test]
fn returning_visitor_picked_by_name() {
    let mut app = app();
    let v = Visit::start(VisitId(16), UserId(2), now() - Duration::minutes(1));
    app.on_visit(v, Vec::new());
    let mut asked = Vec::new();
    for c in "bud".chars() {
        asked.extend(press(&mut app, KeyCode::Char(c)));
    }
    assert!(asked.contains(&Effect::FindNames {
        visit: VisitId(16),
        prefix: "bud".into()
    }));
    let known = |name: &str, org: &str, nik: &str, days| dc_access::domain::returning::KnownName {
        full_name: name.into(),
        organisation: org.into(),
        id_number: nik.into(),
        last_at: now() - Duration::days(days),
    };
    app.update(
        Msg::Answer(dc_access::app::Answer::KnownNames {
            visit: VisitId(16),
            prefix: "bud".into(),
            names: vec![
                known("Budi Santoso", "PT Telkom", "3201011505850001", 15),
                known("Budiman Hakim", "CV Maju", "3201014506900002", 40),
            ],
        }),
        now(),
    );
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    insta::assert_snapshot!(draw(&app));
    assert_eq!(
        press(&mut app, KeyCode::F(2)),
        vec![Effect::FindReturning {
            visit: VisitId(16),
            id_number: "3201014506900002".into()
        }]
    );
}
