//! The sign-in PIN is checked off the screen's thread (issue 10): Enter
//! redraws at once with "Memeriksa PIN…" / "Checking the PIN…", the
//! dashboard comes with the answer, and keys typed meanwhile are handled
//! after it, none lost. Argon2, the throttle and the lock are the store's,
//! unchanged (tests/store.rs).

#![allow(clippy::unwrap_used)]

mod common;
#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use common::{Site, wib};
use dc_access::app::{App, Effect, Msg, Screen};
use dc_access::config::{Config, Language};
use dc_access::shell::{handle_at, handle_deferring_at, pin_check, throttle};
use dc_access::store::PinCheck;
use harness::{ENTER, STEP, SUP_NAME, SUP_PIN};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| dc_access::ui::draw(app, f)).unwrap();
    term.backend().to_string()
}

fn checking_then_signed_in(language: Language, checking: &str) {
    let mut site = Site::new();
    let now = wib(2026, 11, 25, 9, 0);
    let config = Config {
        language,
        ..Config::default()
    };
    let mut app = App::new(config, now, false);
    let store = &mut site.store;
    app.on_data(
        store.dashboard((now, now), now, 60).unwrap(),
        store.users().unwrap(),
        Vec::new(),
    );
    // The first in the list is the first supervisor.
    for c in "482916".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    let check = handle_deferring_at(&mut app, store, key(KeyCode::Enter), now).unwrap();
    assert!(matches!(check, Some(Effect::SignIn { .. })), "{check:?}");
    assert!(matches!(app.screen, Screen::SignIn(_)));
    let shown = screen(&app);
    assert!(shown.contains(checking), "{shown}");

    let answer = pin_check::answer(store, check.unwrap(), throttle(&app), now);
    assert!(
        matches!(&answer, dc_access::app::Answer::SignIn(PinCheck::Ok(_))),
        "{answer:?}"
    );
    handle_at(&mut app, store, Msg::Answer(answer), now).unwrap();
    assert!(app.on_duty.is_some());
    assert!(!screen(&app).contains(checking));
}

#[test]
fn enter_shows_checking_the_pin_until_the_answer() {
    checking_then_signed_in(Language::Id, "Memeriksa PIN…");
    checking_then_signed_in(Language::En, "Checking the PIN…");
}

#[test]
fn a_wrong_pin_ends_the_checking_with_the_refusal() {
    let mut site = Site::new();
    let now = wib(2026, 11, 25, 9, 0);
    let mut app = App::new(Config::default(), now, false);
    let store = &mut site.store;
    app.on_data(
        store.dashboard((now, now), now, 60).unwrap(),
        store.users().unwrap(),
        Vec::new(),
    );
    for c in "000000".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    let check = handle_deferring_at(&mut app, store, key(KeyCode::Enter), now).unwrap();
    let answer = pin_check::answer(store, check.unwrap(), throttle(&app), now);
    handle_at(&mut app, store, Msg::Answer(answer), now).unwrap();
    let shown = screen(&app);
    assert!(app.on_duty.is_none());
    assert!(!shown.contains("Memeriksa PIN"), "{shown}");
    assert!(shown.contains("PIN salah"), "{shown}");
}

/// In the real kiosk: the PIN, Enter and `l` (day log) in one write; the
/// `l` arrives while the PIN is checked and opens the day log after the
/// sign-in, on the dashboard it leads to.
#[test]
fn keys_typed_during_the_check_are_not_lost() {
    let site = harness::Site::new();
    site.add_accounts();
    let mut k = site.kiosk("keys during the PIN check");
    // The supervisor, first in the list (the day log is a supervisor's).
    k.wait_for(&format!("▶ {SUP_NAME}"), STEP);
    k.send(&format!("{SUP_PIN}{ENTER}l"));
    k.wait_for_all(&["Log harian", &format!("{SUP_NAME} ·")], STEP);
    k.esc();
    k.wait_for("Di dalam sekarang", STEP);
}
