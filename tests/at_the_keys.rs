//! What a user at the keys meets: pastes, a terminal too small, leaving the
//! first-run setup. `App::update` fed messages as the shell would; no
//! database, no terminal.

#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use dc_access::app::{App, Effect, Msg, Overlay, PASTE_MAX, Screen};
use dc_access::config::Config;
use dc_access::domain::visit::{FormField, Role, Time, UserId, Visit, VisitId};
use dc_access::store::{Dashboard, User};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

fn user(id: i64, name: &str, role: Role) -> User {
    User {
        id: UserId(id),
        name: name.into(),
        nip: "198501152010011001".into(),
        role,
        active: true,
        locked: false,
        failed_pins: 0,
        created_at: now(),
    }
}

fn users() -> Vec<User> {
    vec![
        user(1, "Siti Rahma", Role::Supervisor),
        user(2, "Andi Wijaya", Role::Operator),
        user(3, "Bambang Susilo", Role::Supervisor),
    ]
}

/// Signed in as `who` (an index into `users()`), on Home.
fn app_as(who: usize) -> App {
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), users(), Vec::new());
    app.on_signed_in(users()[who].clone());
    app
}

fn form_app() -> App {
    let mut app = app_as(1);
    app.on_visit(Visit::start(VisitId(16), UserId(2), now()), Vec::new());
    app
}

fn form(app: &App) -> &dc_access::app::FormState {
    match &app.screen {
        Screen::Form(f) => f,
        other => panic!("expected the form, got {:?}", other.kind()),
    }
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    app.update(Msg::Paste(text.into()), now())
}

// ------------------------------------------------------------------ paste

#[test]
fn a_paste_goes_into_one_field_with_newlines_as_spaces() {
    let mut app = form_app();
    assert!(paste(&mut app, "PT Dua\r\nJl. Thamrin 2\rLt. 3\tB").is_empty());
    let f = form(&app);
    assert_eq!(f.draft.full_name, "PT Dua Jl. Thamrin 2 Lt. 3 B");
    assert_eq!(
        f.focus,
        FormField::FullName,
        "Enter in a paste moves nothing"
    );
    assert!(f.dirty, "saved by the next tick like typing");
}

#[test]
fn a_paste_never_runs_commands() {
    let mut app = app_as(1);
    // On Home letters are commands: n new, x cancel, q quit, s sign out.
    assert!(paste(&mut app, "nxqsl?\r").is_empty());
    assert!(matches!(app.screen, Screen::Home(_)));
    assert_eq!(app.overlay, None);
    assert!(!app.quit);
}

#[test]
fn a_paste_is_capped_and_stops_at_the_fields_limit() {
    let mut app = form_app();
    let long = "a".repeat(PASTE_MAX * 4);
    paste(&mut app, &long);
    let name = &form(&app).draft.full_name;
    assert!(name.chars().count() <= 80, "{}", name.chars().count());
    assert!(!name.is_empty());
}

#[test]
fn a_paste_into_the_exit_pin_takes_digits_only() {
    let mut app = app_as(1);
    press(&mut app, KeyCode::Char('q'));
    paste(&mut app, "48 29\n15x");
    let Some(Overlay::ExitPin(p)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(p.pin, "482915");
}

// ------------------------------------------------------------------ too small

#[test]
fn keys_do_not_reach_a_screen_hidden_by_too_small() {
    let mut app = form_app();
    app.update(Msg::Resize(60, 20), now());
    assert!(app.too_small);
    for c in "Budi".chars() {
        assert!(press(&mut app, KeyCode::Char(c)).is_empty());
    }
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    assert!(paste(&mut app, "Budi").is_empty());
    assert_eq!(form(&app).draft.full_name, "");
    assert!(matches!(app.screen, Screen::Form(_)));

    app.update(Msg::Resize(80, 24), now());
    assert!(!app.too_small);
    press(&mut app, KeyCode::Char('B'));
    assert_eq!(form(&app).draft.full_name, "B");
}

// ------------------------------------------------------------------ setup

#[test]
fn first_run_setup_can_be_left_with_esc_after_a_confirmation() {
    let mut app = App::new(Config::default(), now(), true);
    press(&mut app, KeyCode::Char('S'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Some(Overlay::LeaveSetup));
    // Esc again: back to the setup, what was typed kept.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert!(!app.quit);
    let Screen::Setup(form) = &app.screen else {
        panic!("setup")
    };
    assert_eq!(form.name, "S");
    // Ctrl-C asks the same; Enter closes the program.
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        now(),
    );
    assert_eq!(app.overlay, Some(Overlay::LeaveSetup));
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(app.quit);
}
