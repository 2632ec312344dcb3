//! Planned visits (kunjungan terjadwal) on screen at 80x24, fixed data and
//! clock (27 November 2026, 10:30 WIB): Home's "Terjadwal hari ini", the
//! plans screen (today's and a later plan), the form to register one with
//! a refusal, and the question before one is cancelled; each also drawn
//! as on the Linux console.

#![allow(clippy::unwrap_used)]

mod snap;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use dc_access::app::{App, Effect, Msg, PlanNote, PlansState, Screen};
use dc_access::config::Config;
use dc_access::domain::plan::{Plan, PlanError, PlanId, PlannedVisitor};
use dc_access::domain::visit::{Role, Time, UserId};
use dc_access::store::{Dashboard, User};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

/// Midnight WIB of 27 November 2026 plus `days`.
fn day_start(days: i64) -> Time {
    Utc.with_ymd_and_hms(2026, 11, 26, 17, 0, 0).unwrap() + Duration::days(days)
}

fn user(id: i64, name: &str, role: Role) -> User {
    snap::account(id, name, role, now() - Duration::days(30))
}

fn visitor(nik: &str, name: &str) -> PlannedVisitor {
    PlannedVisitor {
        nik: nik.into(),
        name: name.into(),
    }
}

fn plans() -> Vec<Plan> {
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    vec![
        Plan {
            id: PlanId(3),
            first_day: day(27),
            last_day: day(28),
            from: day_start(0),
            until: day_start(2),
            visitors: vec![
                visitor("3201011505850001", "Budi Santoso"),
                visitor("3201014509900001", "Siti Aminah"),
            ],
            organisation: "PT Telkom Indonesia".into(),
            purpose: "Pemeliharaan perangkat".into(),
            detail: "Ganti baterai UPS".into(),
            letter: "090/123/ST/2026".into(),
            created_by: UserId(1),
            created_at: now() - Duration::days(2),
            approved: Some((UserId(1), now() - Duration::days(2))),
            cancelled: None,
        },
        Plan {
            id: PlanId(4),
            first_day: day(30),
            last_day: day(30),
            from: day_start(3),
            until: day_start(4),
            visitors: vec![visitor("3201012003880002", "Rudi Hartono")],
            organisation: "CV Sinar Jaya".into(),
            purpose: "Instalasi perangkat".into(),
            detail: String::new(),
            letter: "12/ST/XI/2026".into(),
            created_by: UserId(1),
            created_at: now() - Duration::days(1),
            approved: None,
            cancelled: None,
        },
    ]
}

/// Signed in as `who` (1 Siti, supervisor; 2 Andi, operator), plans loaded.
fn app(who: usize) -> App {
    let users = vec![
        user(1, "Siti Rahma", Role::Supervisor),
        user(2, "Andi Wijaya", Role::Operator),
    ];
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), users.clone(), Vec::new());
    app.on_signed_in(users[who - 1].clone());
    app.plans = plans();
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

fn draw(app: &App) -> String {
    snap::draw_checked(app)
}

#[test]
fn home_shows_who_is_planned_today() {
    let app = app(2);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn plans_screen_today_first_and_a_later_one() {
    let mut app = app(2);
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    insta::assert_snapshot!(draw(&app));
    press(&mut app, KeyCode::Up);
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::StartPlanned {
            plan: PlanId(3),
            visitor: 1
        }]
    );
}

#[test]
fn plan_form_with_a_refused_visitor() {
    let mut app = app(1);
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('a'));
    for c in "27-11-2026".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for c in "Budi Santoso".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    let Screen::Plans(s) = &app.screen else {
        panic!("plans")
    };
    assert_eq!(
        s.form.as_ref().and_then(|f| f.error.clone()),
        Some(PlanError::BadVisitor(1))
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn cancelling_a_plan_asks_first() {
    let mut app = app(1);
    app.screen = Screen::Plans(PlansState {
        selected: 2,
        note: Some(PlanNote::Added {
            id: PlanId(4),
            pre_approved: false,
        }),
        ..PlansState::default()
    });
    assert!(press(&mut app, KeyCode::Char('c')).is_empty());
    insta::assert_snapshot!(draw(&app));
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::CancelPlan(PlanId(4))]
    );
}

/// The plans screen and its form in English.
#[test]
fn plans_in_english() {
    let mut app = app(1);
    app.config.language = dc_access::config::Language::En;
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('a'));
    insta::assert_snapshot!(draw(&app));
}
