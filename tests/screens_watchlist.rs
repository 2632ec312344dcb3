//! The watchlist (daftar tangkal) on screen at 80x24, with fixed data and a
//! fixed clock (27 November 2026, 10:30 WIB): the supervisor's list, the
//! form to add an entry, the question before a removal, the warning on
//! the access form, and the approval screen with a match and its second
//! confirmation. Each is also drawn as on the Linux console.

#![allow(clippy::unwrap_used)]

mod snap;

use chrono::{Duration, TimeZone, Utc};
use dc_access::app::{
    App, ApprovalFocus, Effect, Msg, Screen, WatchForm, WatchNote, WatchlistState,
};
use dc_access::config::Config;
use dc_access::domain::visit::{Command, FormDraft, Role, Status, Time, UserId, Visit, VisitId};
use dc_access::domain::watchlist::{WatchEntry, WatchError, WatchId};
use dc_access::store::{Dashboard, User};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

fn user(id: i64, name: &str, role: Role) -> User {
    snap::account(id, name, role, now() - Duration::days(30))
}

/// Two entries in force: one by NIK and name, one by organisation.
fn entries() -> Vec<WatchEntry> {
    let entry = |id, nik: &str, name: &str, org: &str, reason: &str, days| WatchEntry {
        id: WatchId(id),
        nik: nik.into(),
        name: name.into(),
        organisation: org.into(),
        reason: reason.into(),
        until: now() + Duration::days(days),
        added_by: UserId(1),
        added_at: now() - Duration::days(3),
        removed: None,
    };
    vec![
        entry(
            1,
            "3201011505850001",
            "Joko Susanto",
            "",
            "Membawa perangkat tanpa izin",
            34,
        ),
        entry(
            2,
            "",
            "",
            "PT Abal-Abal",
            "Kontrak diputus, akses dicabut",
            400,
        ),
    ]
}

/// Signed in as `who` (1 Siti, supervisor; 2 Andi, operator), the
/// watchlist loaded.
fn app(who: usize) -> App {
    let users = vec![
        user(1, "Siti Rahma", Role::Supervisor),
        user(2, "Andi Wijaya", Role::Operator),
        user(3, "Bambang Susilo", Role::Supervisor),
    ];
    let mut app = App::new(Config::default(), now(), false);
    app.on_data(Dashboard::default(), users.clone(), Vec::new());
    app.on_signed_in(users[who - 1].clone());
    app.watchlist = entries();
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn draw(app: &App) -> String {
    snap::draw_checked(app)
}

/// Joko's form as the operator typed it: his NIK, his name in capitals,
/// the organisation with other punctuation.
fn joko() -> FormDraft {
    FormDraft {
        full_name: "JOKO  SUSANTO".into(),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "pt abal abal".into(),
        phone: "081234567890".into(),
        purpose: "Pemeliharaan perangkat".into(),
        purpose_detail: "Ganti baterai UPS".into(),
        equipment: "Laptop".into(),
        planned_minutes: "60".into(),
        person_visited: "Andi Wijaya".into(),
        id_held: true,
        ..FormDraft::default()
    }
}

#[test]
fn watchlist_list_with_a_note() {
    let mut app = app(1);
    press(&mut app, KeyCode::Char('w'));
    if let Screen::Watchlist(w) = &mut app.screen {
        w.note = Some(WatchNote::Added(WatchId(2)));
    }
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn watchlist_add_form_refuses_an_entry_that_matches_nobody() {
    let mut app = app(1);
    app.screen = Screen::Watchlist(WatchlistState {
        form: Some({
            let mut f = WatchForm::default();
            f.reason.set("Tanpa nama");
            f.until.set("31-12-2026");
            f.focus = 4;
            f
        }),
        ..WatchlistState::default()
    });
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    let Screen::Watchlist(w) = &app.screen else {
        panic!("watchlist")
    };
    assert_eq!(
        w.form.as_ref().and_then(|f| f.error.clone()),
        Some(WatchError::NothingToMatch)
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn watchlist_remove_asks_first() {
    let mut app = app(1);
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Down);
    assert!(press(&mut app, KeyCode::Char('d')).is_empty());
    insta::assert_snapshot!(draw(&app));
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::RemoveWatch(WatchId(2))]
    );
}

#[test]
fn form_warns_the_operator_of_a_match() {
    let mut app = app(2);
    let mut v = Visit::start(VisitId(16), UserId(2), now() - Duration::minutes(3));
    v.form = joko();
    app.on_visit(v, Vec::new());
    insta::assert_snapshot!(draw(&app));
}

fn awaiting_joko() -> Visit {
    let mut v = Visit::start(VisitId(14), UserId(2), now() - Duration::minutes(12));
    v.form = joko();
    v.status = Status::AwaitingApproval;
    v.form_completed_at = Some(now() - Duration::minutes(8));
    v.submitted_by = Some(UserId(2));
    v.submitted_at = Some(now() - Duration::minutes(6));
    v
}

#[test]
fn approval_shows_the_match_and_asks_twice() {
    let mut app = app(2);
    app.on_visit(awaiting_joko(), Vec::new());
    let Screen::Approval(a) = &app.screen else {
        panic!("approval")
    };
    assert_eq!(a.watch.len(), 2, "by NIK and name, and by organisation");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "482916");
    insta::assert_snapshot!("approval_watch_match", draw(&app));
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(&app.screen, Screen::Approval(a) if a.confirm_watch && a.focus == ApprovalFocus::Pin)
    );
    insta::assert_snapshot!("approval_watch_confirm", draw(&app));
    let e = press(&mut app, KeyCode::Enter);
    assert!(matches!(
        &e[..],
        [Effect::Decide { cmd: Command::ApproveWatched { seen }, .. }]
            if seen == &[WatchId(1), WatchId(2)]
    ));
}

/// The list changing under the approval screen (an entry removed at the
/// desk) takes back a confirmation already given.
#[test]
fn a_changed_list_asks_again() {
    let mut app = app(2);
    app.on_visit(awaiting_joko(), Vec::new());
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "482916");
    press(&mut app, KeyCode::Enter);
    app.watchlist.truncate(1);
    let users = app.users.clone();
    app.on_data(Dashboard::default(), users, Vec::new());
    let Screen::Approval(a) = &app.screen else {
        panic!("approval")
    };
    assert!(!a.confirm_watch);
    assert_eq!(a.watch.len(), 1);
}

/// The watchlist and the approval's match in English (the catalogue's
/// other language).
#[test]
fn watchlist_and_match_in_english() {
    let mut app = app(1);
    app.config.language = dc_access::config::Language::En;
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Char('d'));
    insta::assert_snapshot!(draw(&app));
    let mut app = app_en_operator();
    app.on_visit(awaiting_joko(), Vec::new());
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "482916");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("approval_watch_confirm_en", draw(&app));
}

fn app_en_operator() -> App {
    let mut app = app(2);
    app.config.language = dc_access::config::Language::En;
    app
}
