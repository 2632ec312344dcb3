//! One focus cycle: on every screen with fields, Tab and ↓ go to the next
//! field, Shift-Tab and ↑ to the one before, round from the last to the
//! first; help says so in the same words everywhere.

#![allow(clippy::unwrap_used)]

mod kiosk;

use dc_access::app::{AccountForm, App, Screen};
use dc_access::config::Config;
use dc_access::domain::visit::{Status, UserId, Visit, VisitId};
use dc_access::store::Dashboard;
use kiosk::{app_as, now, press, users};
use ratatui::crossterm::event::KeyCode;

fn on_visit(status: Status) -> App {
    let mut app = app_as(1);
    let mut v = Visit::start(VisitId(16), UserId(2), now());
    v.form.full_name = "Budi Santoso".into();
    v.status = status;
    v.submitted_by = Some(UserId(2));
    v.entered_at = Some(now());
    v.checkout_started_at = Some(now());
    app.on_visit(v, Vec::new());
    app
}

/// Where the focus is, whatever the screen.
fn focus(app: &App) -> String {
    match &app.screen {
        Screen::Form(f) => format!("{:?}", f.focus),
        Screen::Setup(f) => format!("{:?}", f.focus),
        Screen::Approval(a) => format!("{:?}", a.focus),
        Screen::Badge(b) => format!("escort {}", b.on_escort),
        Screen::Checkout(c) => format!("{:?}", c.focus()),
        Screen::Accounts(a) => match &a.form {
            Some(AccountForm::Add(f)) => format!("{:?}", f.focus),
            Some(AccountForm::ResetPin(r)) => format!("second {}", r.second),
            None => "list".into(),
        },
        other => panic!("no fields on {:?}", other.kind()),
    }
}

/// The places `key` visits from where the focus is until it is back.
fn round(app: &mut App, key: KeyCode) -> Vec<String> {
    let start = focus(app);
    let mut seen = vec![start.clone()];
    for _ in 0..30 {
        press(app, key);
        let now = focus(app);
        if now == start {
            return seen;
        }
        seen.push(now);
    }
    panic!("{key:?} never came back to {start}: {seen:?}");
}

#[track_caller]
fn moves_round_the_same_way(name: &str, mut app: App) {
    let tab = round(&mut app, KeyCode::Tab);
    assert!(tab.len() >= 2, "{name}: {tab:?}");
    let down = round(&mut app, KeyCode::Down);
    assert_eq!(down, tab, "{name}: ↓ is Tab");
    let mut back = round(&mut app, KeyCode::BackTab);
    back[1..].reverse();
    assert_eq!(back, tab, "{name}: Shift-Tab goes back the same way");
    let mut up = round(&mut app, KeyCode::Up);
    up[1..].reverse();
    assert_eq!(up, tab, "{name}: ↑ is Shift-Tab");
    // Help says it in the same words as everywhere.
    let help = dc_access::ui::help_lines(&app);
    for (keys, words) in [
        ("Tab", "Kolom berikut"),
        ("Shift-Tab", "Kolom sebelumnya"),
        ("↑↓", "Pindah kolom"),
    ] {
        assert!(
            help.iter().any(|(k, w)| k == keys && w.starts_with(words)),
            "{name}: {keys} {words} missing from {help:?}"
        );
    }
}

#[test]
fn every_screen_with_fields_moves_its_focus_the_same_way() {
    let mut form = app_as(1);
    form.on_visit(Visit::start(VisitId(16), UserId(2), now()), Vec::new());
    moves_round_the_same_way("form", form);
    moves_round_the_same_way("setup", App::new(Config::default(), now(), true));
    moves_round_the_same_way("approval", on_visit(Status::AwaitingApproval));
    moves_round_the_same_way("badge", on_visit(Status::Approved));
    moves_round_the_same_way("check-out", on_visit(Status::Inside));
    let mut add = app_as(0);
    press(&mut add, KeyCode::Char('u'));
    press(&mut add, KeyCode::Char('a'));
    moves_round_the_same_way("add an account", add);
    let mut reset = app_as(0);
    press(&mut reset, KeyCode::Char('u'));
    press(&mut reset, KeyCode::Char('p'));
    moves_round_the_same_way("reset a PIN", reset);
}

#[test]
fn sign_in_has_one_field_so_tab_goes_nowhere_and_arrows_choose() {
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), users(), Vec::new());
    let selected = |app: &App| match &app.screen {
        Screen::SignIn(p) => p.selected,
        other => panic!("{:?}", other.kind()),
    };
    press(&mut app, KeyCode::Tab);
    assert_eq!(selected(&app), 0);
    press(&mut app, KeyCode::Down);
    assert_eq!(selected(&app), 1);
    let help = dc_access::ui::help_lines(&app);
    assert!(!help.iter().any(|(k, _)| k == "Tab"), "{help:?}");
    assert!(
        help.iter().any(|(k, w)| k == "↑↓" && *w == "Pilih"),
        "{help:?}"
    );
}
