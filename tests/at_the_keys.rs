//! What a user at the keys meets: pastes, a terminal too small, leaving the
//! first-run setup. `App::update` fed messages as the shell would; no
//! database, no terminal.

#![allow(clippy::unwrap_used)]

mod kiosk;

use dc_access::app::{App, Effect, Msg, Overlay, PASTE_MAX, Screen};
use dc_access::config::Config;
use dc_access::domain::visit::{FormField, Role, UserId, Visit, VisitId};
use dc_access::store::Dashboard;
use kiosk::{app_as, form_app, now, paste, press, user, users};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn form(app: &App) -> &dc_access::app::FormState {
    match &app.screen {
        Screen::Form(f) => f,
        other => panic!("expected the form, got {:?}", other.kind()),
    }
}

// ------------------------------------------------------------------ paste

#[test]
fn a_paste_goes_into_one_field_with_newlines_as_spaces() {
    let mut app = form_app();
    // Nothing but one lookup of the names seen before (not one per letter).
    let e = paste(&mut app, "PT Dua\r\nJl. Thamrin 2\rLt. 3\tB");
    assert!(
        matches!(&e[..], [Effect::FindNames { prefix, .. }] if prefix == "PT Dua Jl. Thamrin 2 Lt. 3 B"),
        "{e:?}"
    );
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
fn format_and_bidi_characters_are_stripped_from_keys_and_pastes() {
    let mut app = form_app();
    paste(&mut app, "Budi\u{200B} \u{202E}Santoso\u{202C}\u{FEFF}");
    for c in ['\u{2066}', 'x', '\u{200F}'] {
        press(&mut app, KeyCode::Char(c));
    }
    assert_eq!(form(&app).draft.full_name, "Budi Santosox");
}

#[test]
fn a_field_shows_its_count_and_stops_at_its_limit() {
    let mut app = form_app();
    assert!(screen_text(&app).contains("(0/80)"));
    for _ in 0..85 {
        press(&mut app, KeyCode::Char('a'));
    }
    assert_eq!(form(&app).draft.full_name.chars().count(), 80);
    assert!(
        screen_text(&app).contains("(80/80)"),
        "{}",
        screen_text(&app)
    );
}

#[test]
fn a_paste_into_the_exit_pin_takes_digits_only() {
    let mut app = app_as(1);
    press(&mut app, KeyCode::Char('q'));
    paste(&mut app, "48 29\n15x");
    let Some(Overlay::ExitPin(p)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(p.pin.value(), "482915");
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
    assert_eq!(form.name.value(), "S");
    // Ctrl-C asks the same; Enter closes the program.
    app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        now(),
    );
    assert_eq!(app.overlay, Some(Overlay::LeaveSetup));
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(app.quit);
}

// ------------------------------------------------------------------ footer and help

use dc_access::app::keymap::Action;

fn footer(app: &App) -> Vec<Action> {
    app.footer_hints().iter().map(|h| h.action).collect()
}

fn help(app: &App) -> Vec<(String, &'static str)> {
    dc_access::ui::help_lines(app)
}

fn with_rows(mut app: App) -> App {
    use dc_access::store::VisitSummary;
    let mut v = Visit::start(VisitId(16), UserId(2), now());
    v.form.full_name = "Budi Santoso".into();
    let mut d = Dashboard::default();
    d.open.push(VisitSummary {
        visit: v,
        escort_name: None,
        approver_name: None,
    });
    app.on_data(d, users(), Vec::new());
    app
}

#[test]
fn operators_never_see_supervisor_keys() {
    let op = with_rows(app_as(1));
    let f = footer(&op);
    assert!(
        !f.contains(&Action::Accounts) && !f.contains(&Action::DayLog),
        "{f:?}"
    );
    assert!(f.contains(&Action::NewVisit) && f.contains(&Action::Open));
    let words: Vec<_> = help(&op).into_iter().map(|(k, _)| k).collect();
    assert!(!words.contains(&"u".to_owned()) && !words.contains(&"l".to_owned()));

    let sup = with_rows(app_as(0));
    let f = footer(&sup);
    assert!(
        f.contains(&Action::Accounts) && f.contains(&Action::DayLog),
        "{f:?}"
    );

    // End of shift: the badge-found key is the supervisor's.
    let mut op = app_as(1);
    press(&mut op, KeyCode::Char('e'));
    assert!(matches!(op.screen, Screen::EndOfShift(_)));
    assert!(!footer(&op).contains(&Action::RestoreBadge));
    let mut sup = app_as(0);
    press(&mut sup, KeyCode::Char('e'));
    assert!(footer(&sup).contains(&Action::RestoreBadge));
}

#[test]
fn home_without_visits_offers_no_open_or_cancel_and_esc_is_not_shown() {
    let app = app_as(1);
    let f = footer(&app);
    assert!(!f.contains(&Action::Open), "{f:?}");
    assert!(!f.contains(&Action::CancelVisit), "{f:?}");
    assert!(!f.contains(&Action::Back), "Esc does nothing on Home");
}

#[test]
fn a_dialogs_footer_is_the_dialogs() {
    let mut app = with_rows(app_as(1));
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    assert_eq!(footer(&app), vec![Action::Confirm, Action::Back]);
    let line = dc_access::ui::hints(&app)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!line.contains("Baru"), "{line}");
}

#[test]
fn choose_is_shown_only_on_a_choice_with_both_arrows() {
    let mut app = form_app();
    assert_eq!(form(&app).focus, FormField::FullName);
    assert!(!footer(&app).contains(&Action::Left), "no list on the name");
    press(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).focus, FormField::IdType);
    let hints = dc_access::ui::hints(&app);
    assert!(hints.iter().any(|(k, _)| k == "←→"), "{hints:?}");
}

#[test]
fn help_lists_shift_tab_ctrl_u_arrows_and_space_where_they_work() {
    let mut app = form_app();
    let keys: Vec<String> = help(&app).into_iter().map(|(k, _)| k).collect();
    for k in ["Shift-Tab", "Ctrl-U", "↑↓", "Tab", "Enter", "Esc/Ctrl-C"] {
        assert!(keys.iter().any(|x| x == k), "{k} missing from {keys:?}");
    }
    // On the "ID held" box Space ticks it.
    press(&mut app, KeyCode::BackTab);
    assert_eq!(form(&app).focus, FormField::IdHeld);
    let keys: Vec<String> = help(&app).into_iter().map(|(k, _)| k).collect();
    assert!(keys.iter().any(|x| x == "Spasi"), "{keys:?}");
    press(&mut app, KeyCode::Char(' '));
    assert!(form(&app).draft.id_held);
}

// ------------------------------------------------------------------ approval, cancel

fn screen_text(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| dc_access::ui::draw(app, f)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_single_supervisor_who_submitted_is_told_another_is_needed() {
    use dc_access::domain::visit::Status;
    let mut app = App::new(Config::default(), now(), false);
    let only = vec![
        user(1, "Siti Rahma", Role::Supervisor),
        user(2, "Andi Wijaya", Role::Operator),
    ];
    app.on_data(Dashboard::default(), only.clone(), Vec::new());
    app.on_signed_in(only[0].clone());
    let mut v = Visit::start(VisitId(14), UserId(1), now());
    v.form.full_name = "Budi Santoso".into();
    v.status = Status::AwaitingApproval;
    v.submitted_by = Some(UserId(1));
    v.submitted_at = Some(now());
    app.on_visit(v, Vec::new());
    assert!(matches!(app.screen, Screen::Approval(_)));
    let text = screen_text(&app);
    assert!(text.contains("Perlu Sub Koordinator"), "{text}");
    assert!(!text.contains("tidak ada superviso"), "{text}");
    // Enter, arrows and digits do nothing; the footer offers only Esc and help.
    for code in [
        KeyCode::Enter,
        KeyCode::Right,
        KeyCode::Tab,
        KeyCode::Char('4'),
    ] {
        assert!(press(&mut app, code).is_empty());
    }
    let f = footer(&app);
    assert!(
        f.iter().all(|a| matches!(a, Action::Back | Action::Help)),
        "{f:?}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn x_on_a_visitor_inside_says_they_must_check_out() {
    use dc_access::domain::visit::Status;
    use dc_access::store::VisitSummary;
    let mut app = app_as(1);
    let mut v = Visit::start(VisitId(12), UserId(2), now());
    v.form.full_name = "Budi Santoso".into();
    v.status = Status::Inside;
    v.badge = Some(dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap());
    v.entered_at = Some(now());
    let mut d = Dashboard::default();
    d.open.push(VisitSummary {
        visit: v,
        escort_name: None,
        approver_name: None,
    });
    app.on_data(d, users(), Vec::new());
    assert!(press(&mut app, KeyCode::Char('x')).is_empty());
    assert!(
        matches!(
            &app.overlay,
            Some(Overlay::Told(dc_access::app::Notice::NotCancellable {
                status: Status::Inside,
                ..
            }))
        ),
        "{:?}",
        app.overlay
    );
    let text = screen_text(&app);
    assert!(text.contains("check-out"), "{text}");
    // Any key closes it; the visit is untouched.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.overlay, None);
}

// ------------------------------------------------------------------ PINs

#[test]
fn a_pin_travels_redacted_and_a_short_one_never_leaves_the_screen() {
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), users(), Vec::new());
    for c in "739".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert!(
        press(&mut app, KeyCode::Enter).is_empty(),
        "too short: not checked"
    );
    let Screen::SignIn(p) = &app.screen else {
        panic!("sign-in")
    };
    assert!(p.message.is_some());
    for c in "739251".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(effects[..], [Effect::SignIn { .. }]),
        "{effects:?}"
    );
    let shown = format!("{effects:?}");
    assert!(!shown.contains("739251"), "{shown}");
}
