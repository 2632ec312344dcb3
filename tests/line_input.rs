//! The one text input, key by key through `App::update` as the shell feeds
//! it: editing at the cursor, pastes at the cursor, and the terminal's
//! cursor drawn where the next character goes, on every screen that types.

#![allow(clippy::unwrap_used)]

mod kiosk;

use dc_access::app::{App, Msg, Overlay, Screen, SearchState};
use dc_access::config::Config;
use dc_access::domain::visit::{FormField, UserId, Visit, VisitId};
use dc_access::store::{Dashboard, VisitSummary};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};

use kiosk::{app_as, ctrl, form_app, now, press, type_str, users};

fn name(app: &App) -> String {
    match &app.screen {
        Screen::Form(f) => f.draft.full_name.clone(),
        other => panic!("expected the form, got {:?}", other.kind()),
    }
}

/// The screen at 80x24 and where the terminal's cursor is put.
fn drawn(app: &App) -> (Buffer, Option<Position>) {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    let cursor = dc_access::ui::render(app, area, &mut buf);
    (buf, cursor)
}

/// The text of row `y` left of column `x`.
fn left_of(buf: &Buffer, at: Position) -> String {
    (0..at.x).map(|x| buf[(x, at.y)].symbol()).collect()
}

/// The cursor is drawn right after `before` (the text typed left of it).
#[track_caller]
fn cursor_after(app: &App, before: &str) {
    let (buf, cursor) = drawn(app);
    let at = cursor.expect("a field is typed in: the cursor is drawn");
    let left = left_of(&buf, at);
    assert!(left.ends_with(before), "cursor at {at:?} after {left:?}");
}

#[test]
fn a_form_field_is_edited_at_the_cursor() {
    let mut app = form_app();
    type_str(&mut app, "Budi Santoso");
    cursor_after(&app, "Budi Santoso");
    press(&mut app, KeyCode::Home);
    type_str(&mut app, "P. ");
    assert_eq!(name(&app), "P. Budi Santoso");
    cursor_after(&app, "Nama lengkap              P. ");
    // ← → move by a character; Delete takes the one after the cursor,
    // Backspace the one before.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Delete);
    assert_eq!(name(&app), "P. Bdi Santoso");
    cursor_after(&app, "P. B");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(name(&app), "P.Bdi Santoso");
    cursor_after(&app, "Nama lengkap              P.");
    press(&mut app, KeyCode::End);
    type_str(&mut app, "!");
    assert_eq!(name(&app), "P.Bdi Santoso!");
    cursor_after(&app, "Santoso!");
    // Ctrl-U clears the field.
    ctrl(&mut app, 'u');
    assert_eq!(name(&app), "");
    cursor_after(&app, "Nama lengkap              ");
}

#[test]
fn a_paste_goes_in_at_the_cursor() {
    let mut app = form_app();
    type_str(&mut app, "Jl. 2");
    press(&mut app, KeyCode::Left);
    app.update(Msg::Paste("Thamrin\r\nNo. ".into()), now());
    assert_eq!(name(&app), "Jl. Thamrin No. 2");
    cursor_after(&app, "Jl. Thamrin No. ");
}

#[test]
fn arrows_in_a_text_move_the_cursor_and_on_a_choice_choose() {
    let mut app = form_app();
    type_str(&mut app, "ab");
    press(&mut app, KeyCode::Left);
    type_str(&mut app, "x");
    assert_eq!(name(&app), "axb");
    press(&mut app, KeyCode::Tab);
    let Screen::Form(f) = &app.screen else {
        panic!()
    };
    assert_eq!(f.focus, FormField::IdType);
    // A choice has no cursor.
    assert_eq!(drawn(&app).1, None);
    press(&mut app, KeyCode::Right);
    let Screen::Form(f) = &app.screen else {
        panic!()
    };
    assert_eq!(f.draft.id_type, "SIM");
    // Back on the name, the cursor is at its end again.
    press(&mut app, KeyCode::BackTab);
    cursor_after(&app, "axb");
}

#[test]
fn help_names_the_editing_keys_where_a_field_is_typed_in() {
    let mut app = form_app();
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)),
        now(),
    );
    let keys: Vec<String> = dc_access::ui::help_lines(&app)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    for k in ["←→", "Home/End", "⌫", "Del", "Ctrl-U"] {
        assert!(keys.iter().any(|x| x == k), "{k} missing from {keys:?}");
    }
}

#[test]
fn no_cursor_where_nothing_is_typed() {
    let app = app_as(1);
    assert_eq!(drawn(&app).1, None, "Home has no field");
    let mut app = form_app();
    app.overlay = Some(Overlay::Help);
    assert_eq!(drawn(&app).1, None, "help over the form takes the keys");
}

#[test]
fn every_screen_that_types_draws_the_cursor_after_the_text() {
    // First-run setup.
    let mut app = App::new(Config::default(), now(), true);
    type_str(&mut app, "Siti");
    cursor_after(&app, "Siti");
    // Sign-in: the PIN, as stars.
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), users(), Vec::new());
    type_str(&mut app, "4829");
    cursor_after(&app, "****");
    // The exit PIN over the sign-in.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::ExitPin(_))));
    type_str(&mut app, "12");
    cursor_after(&app, "**");
    // The cancel reason over Home.
    let mut app = app_as(1);
    let mut d = Dashboard::default();
    let mut v = Visit::start(VisitId(16), UserId(2), now());
    v.form.full_name = "Budi Santoso".into();
    d.open.push(VisitSummary {
        visit: v,
        escort_name: None,
        approver_name: None,
    });
    app.on_data(d, users(), Vec::new());
    press(&mut app, KeyCode::Char('x'));
    type_str(&mut app, "Pulang");
    press(&mut app, KeyCode::Left);
    cursor_after(&app, "Pulan");
    // Search.
    let mut app = app_as(0);
    app.screen = Screen::Search(SearchState::new(Screen::Home(
        dc_access::app::HomeState::default(),
    )));
    type_str(&mut app, "budi");
    cursor_after(&app, "budi");
}
