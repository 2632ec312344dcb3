//! The kiosk as the key-by-key tests meet it: three accounts, one signed
//! in, a fixed clock, keys fed through `App::update` as the shell feeds
//! them. Shared by `at_the_keys.rs`, `focus.rs` and `line_input.rs`.

#![allow(dead_code, clippy::unwrap_used)]

#[path = "../snap/mod.rs"]
mod snap;

use chrono::{TimeZone, Utc};
use dc_access::app::{App, Effect, Msg};
use dc_access::config::Config;
use dc_access::domain::visit::{Role, Time, UserId, Visit, VisitId};
use dc_access::store::{Dashboard, User};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

/// An active account.
pub fn user(id: i64, name: &str, role: Role) -> User {
    snap::account(id, name, role, now())
}

/// Siti (supervisor), Andi (operator), Bambang (supervisor).
pub fn users() -> Vec<User> {
    vec![
        user(1, "Siti Rahma", Role::Supervisor),
        user(2, "Andi Wijaya", Role::Operator),
        user(3, "Bambang Susilo", Role::Supervisor),
    ]
}

/// Signed in as `who` (an index into `users()`), on Home.
pub fn app_as(who: usize) -> App {
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), users(), Vec::new());
    app.on_signed_in(users()[who].clone());
    app
}

/// Andi on a new, empty form.
pub fn form_app() -> App {
    let mut app = app_as(1);
    app.on_visit(Visit::start(VisitId(16), UserId(2), now()), Vec::new());
    app
}

pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

pub fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        now(),
    )
}

pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    app.update(Msg::Paste(text.into()), now())
}

pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}
