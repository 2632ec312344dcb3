//! Every table at 80x24 with values far longer than their columns: each
//! cut cell ends in "…" (never cut silently), however wide its letters.

#![allow(clippy::unwrap_used)]

mod snap;

use chrono::{TimeZone, Utc};
use dc_access::app::{
    AccountsState, App, DayLogState, EndOfShiftState, HomeState, LineInput, Screen, SearchState,
    WatchlistState,
};
use dc_access::config::Config;
use dc_access::domain::badge::BadgeNo;
use dc_access::domain::visit::{Role, Status, Time, UserId, Visit, VisitId};
use dc_access::domain::watchlist::{WatchEntry, WatchId};
use dc_access::store::{Dashboard, EndOfShift, User, VisitSummary};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

/// A value no column holds: a marker, then 100 letters, no spaces.
fn long(marker: &str) -> String {
    format!("{marker}{}", "x".repeat(100))
}

const MARKERS: [&str; 6] = ["NAMA", "INST", "KAWAL", "SETUJU", "AKUN", "ALASAN"];

fn users() -> Vec<User> {
    vec![
        snap::account(1, "Siti Rahma", Role::Supervisor, now()),
        snap::account(2, &long("AKUN"), Role::Operator, now()),
    ]
}

fn summary(id: i64, status: Status) -> VisitSummary {
    let mut v = Visit::start(
        VisitId(id),
        UserId(2),
        now() - chrono::Duration::minutes(30),
    );
    v.form.full_name = long("NAMA");
    v.form.organisation = long("INST");
    v.form.purpose = "Pemeliharaan".into();
    v.form.id_type = "KTP".into();
    v.form.id_number = "3201014509900001".into();
    v.status = status;
    if status == Status::Inside {
        v.badge = Some(BadgeNo::try_from("BDG-0123456789ABCDE").unwrap());
        v.entered_at = Some(now() - chrono::Duration::minutes(20));
    }
    VisitSummary {
        visit: v,
        escort_name: Some(long("KAWAL")),
        approver_name: Some(long("SETUJU")),
    }
}

fn app(screen: Screen) -> App {
    let mut app = App::new(Config::default(), now(), false);
    let dashboard = Dashboard {
        open: vec![
            summary(1, Status::Inside),
            summary(2, Status::AwaitingApproval),
        ],
        ..Dashboard::default()
    };
    app.on_data(dashboard, users(), Vec::new());
    app.on_signed_in(users()[0].clone());
    app.watchlist = vec![WatchEntry {
        id: WatchId(1),
        nik: "3201014509900001".into(),
        name: long("NAMA"),
        organisation: long("INST"),
        reason: long("ALASAN"),
        until: now() + chrono::Duration::days(30),
        added_by: UserId(1),
        added_at: now(),
        removed: None,
    }];
    app.screen = screen;
    app
}

fn rows(app: &App) -> Vec<String> {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    dc_access::ui::render(app, area, &mut buf);
    // A wide letter takes two cells; the second holds nothing of its own.
    (0..24)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < 80 {
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1)).unwrap();
            }
            row
        })
        .collect()
}

/// Every place a long value shows is cut with "…"; returns how many.
#[track_caller]
fn cut_cells_end_in_an_ellipsis(name: &str, app: &App) -> usize {
    let mut cut = 0;
    for row in rows(app) {
        for marker in MARKERS {
            for (at, _) in row.match_indices(marker) {
                // A cell ends at a space or at its box's border.
                let cell: String = row[at..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '│')
                    .collect();
                assert!(
                    cell.ends_with('…'),
                    "{name}: {cell:?} cut without \"…\" in {row:?}"
                );
                cut += 1;
            }
        }
    }
    cut
}

#[test]
fn every_table_ends_its_cut_cells_in_an_ellipsis() {
    let day = now().date_naive();
    let mut log = DayLogState::new(day);
    log.rows = vec![summary(1, Status::Inside), summary(2, Status::CheckedOut)];
    log.total = 2;
    log.loaded = true;
    let search = SearchState {
        query: LineInput::new(80).with_value("budi"),
        editing: false,
        searched: Some("budi".into()),
        offset: 0,
        results: vec![summary(1, Status::Inside), summary(2, Status::Archived)],
        selected: 0,
        back: Box::new(Screen::Home(HomeState::default())),
    };
    let shift = EndOfShiftState {
        list: Some(EndOfShift {
            inside: vec![summary(1, Status::Inside)],
            ids_held: vec![summary(2, Status::AwaitingApproval)],
            badges_out: Vec::new(),
            badges_lost: Vec::new(),
        }),
        scroll: 0,
        restore: None,
    };
    for (name, screen, at_least) in [
        ("home", Screen::Home(HomeState::default()), 4),
        ("day log", Screen::DayLog(log), 4),
        ("search", Screen::Search(search), 2),
        ("accounts", Screen::Accounts(AccountsState::default()), 1),
        ("end of shift", Screen::EndOfShift(shift), 4),
        ("watchlist", Screen::Watchlist(WatchlistState::default()), 2),
    ] {
        let app = app(screen);
        let n = cut_cells_end_in_an_ellipsis(name, &app);
        assert!(
            n >= at_least,
            "{name}: {n} cut cells found\n{}",
            rows(&app).join("\n")
        );
    }
}

#[test]
fn wide_letters_are_cut_by_the_cells_they_take() {
    let mut app = app(Screen::Home(HomeState::default()));
    app.dashboard.open[0].visit.form.full_name = "日本語".repeat(20);
    let rows = rows(&app);
    let row = rows.iter().find(|r| r.contains("日本")).unwrap();
    let cell: String = row[row.find("日本").unwrap()..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(cell.ends_with('…'), "{cell:?} in {row:?}");
}
