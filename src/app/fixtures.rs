//! Test fixtures shared by the app's unit tests: a fixed clock, accounts and
//! an app signed in on Home.

use chrono::{TimeZone, Utc};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Effect, HomeState, Msg, Screen};
use crate::config::Config;
use crate::domain::visit::{Role, Time, UserId};
use crate::store::User;

pub(super) fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

pub(super) fn user(id: i64, role: Role) -> User {
    User {
        id: UserId(id),
        name: format!("User {id}"),
        nip: "198501152010011001".into(),
        role,
        active: true,
        locked: false,
        failed_pins: 0,
        created_at: now(),
    }
}

/// A supervisor (1) and an operator (2); the one of `role` on duty, on Home.
pub(super) fn app(role: Role) -> App {
    let mut app = App::new(Config::default(), now(), false);
    app.users = vec![user(1, Role::Supervisor), user(2, Role::Operator)];
    app.on_duty = app.users.iter().find(|u| u.role == role).cloned();
    app.screen = Screen::Home(HomeState::default());
    app
}

/// One key pressed at the fixed clock.
pub(super) fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

/// Each character of `s` typed.
pub(super) fn chars(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}
