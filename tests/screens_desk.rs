//! The supervisor's desk screens at 80x24, with fixed data and a fixed
//! clock: accounts, day log, counts, search, visit detail, end of shift,
//! and the dashboard's reminder of unreviewed days.

#![expect(
    clippy::unwrap_used,
    reason = "test fixtures: a failure is a broken test"
)]

mod snap;

use chrono::{NaiveDate, TimeZone, Utc};
use dc_access::ui::console::Charset;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use dc_access::app::{
    AccountForm, AccountsState, App, CountsState, DayLogState, DetailState, EndOfShiftState,
    HomeState, LineInput, LogInput, LogView, PinReset, ReviewMark, Screen, SearchState, ShiftList,
    Stats, UserForm,
};
use dc_access::config::{Config, Language};
use dc_access::domain::visit::{
    ChecklistAnswer, FormDraft, Role, Status, Time, UserId, Visit, VisitId,
};
use dc_access::store::{EventRow, User, VisitSummary};

/// 27-11-2026 10:30 WIB.
fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

/// A time on the 27th, WIB.
fn wib(h: u32, m: u32) -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, h - 7, m, 0).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn user(id: i64, name: &str, nip: &str, role: Role) -> User {
    User {
        id: UserId(id),
        name: name.into(),
        nip: nip.into(),
        role,
        active: true,
        locked: false,
        failed_pins: 0,
        created_at: wib(8, 0),
    }
}

fn users() -> Vec<User> {
    let mut andi = user(2, "Andi Saputra", "199002022015031002", Role::Operator);
    andi.locked = true;
    andi.failed_pins = 10;
    let mut rudi = user(3, "Rudi Hartono", "198807072012121003", Role::Operator);
    rudi.active = false;
    vec![
        user(1, "Siti Rahma", "198501152010011001", Role::Supervisor),
        andi,
        rudi,
        user(4, "Dewi Lestari", "199205052018032004", Role::Supervisor),
    ]
}

fn form(name: &str, org: &str, purpose: &str) -> FormDraft {
    FormDraft {
        full_name: name.into(),
        id_type: "KTP".into(),
        id_number: "3201014509900001".into(),
        organisation: org.into(),
        phone: "081234567890".into(),
        purpose: purpose.into(),
        purpose_detail: "Ganti disk server arsip".into(),
        equipment: "Laptop, obeng".into(),
        planned_minutes: "60".into(),
        person_visited: "Siti Rahma".into(),
        id_held: true,
        ..FormDraft::default()
    }
}

/// A visit that went in at `h:m` and came out after `mins` (or is inside).
fn visit(id: i64, name: &str, org: &str, h: u32, m: u32, mins: Option<i64>) -> VisitSummary {
    let start = wib(h, m) - chrono::Duration::minutes(12);
    let mut v = Visit::start(VisitId(id), UserId(2), start);
    v.form = form(name, org, "Pemeliharaan");
    v.form_completed_at = Some(start + chrono::Duration::minutes(4));
    v.submitted_by = Some(UserId(2));
    v.submitted_at = Some(start + chrono::Duration::minutes(6));
    v.decided_by = Some(UserId(1));
    v.decided_at = Some(start + chrono::Duration::minutes(9));
    v.badge = dc_access::domain::badge::BadgeNo::try_from(format!("V-{id:02}")).ok();
    v.escort = Some(UserId(2));
    v.entered_at = Some(wib(h, m));
    v.status = Status::Inside;
    if let Some(mins) = mins {
        let out = wib(h, m) + chrono::Duration::minutes(mins);
        v.checkout_started_at = Some(out - chrono::Duration::minutes(3));
        v.exited_at = Some(out);
        v.badge_returned = Some(true);
        v.id_returned_at = Some(out);
        v.checklist = vec![
            ChecklistAnswer {
                item: "Pintu rak tertutup".into(),
                ok: true,
                note: String::new(),
                ..ChecklistAnswer::default()
            },
            ChecklistAnswer {
                item: "Tidak ada kabel lepas".into(),
                ok: true,
                note: String::new(),
                ..ChecklistAnswer::default()
            },
        ];
        v.activity = "Disk diganti, RAID dibangun ulang".into();
        v.status = Status::CheckedOut;
    }
    VisitSummary {
        visit: v,
        escort_name: Some("Andi Saputra".into()),
        approver_name: Some("Siti Rahma".into()),
    }
}

fn day_rows() -> Vec<VisitSummary> {
    let mut archived = visit(11, "Budi Santoso", "PT Telkom Indonesia", 8, 5, Some(45));
    archived.visit.status = Status::Archived;
    archived.visit.archived_at = Some(wib(9, 0));
    archived.visit.archived_by = Some(UserId(2));
    let mut lost = visit(12, "Rina Wulandari", "Dinas Kominfo", 8, 40, Some(30));
    lost.visit.badge_returned = Some(false);
    lost.visit.checklist[1].ok = false;
    lost.visit.checklist[1].note = "Kabel patch rak B lepas".into();
    let mut rejected = visit(13, "Joko Prasetyo", "CV Sinar Jaya", 9, 0, None);
    rejected.visit.status = Status::Rejected;
    rejected.visit.entered_at = None;
    rejected.visit.badge = None;
    rejected.visit.escort = None;
    rejected.visit.reject_reason = Some("Tidak ada surat tugas".into());
    rejected.visit.id_returned_at = Some(wib(9, 5));
    rejected.approver_name = Some("Dewi Lestari".into());
    rejected.escort_name = None;
    // Inside since 09:10: 80 minutes at 10:30, past the 60-minute standard.
    let overstay = visit(14, "Agus Salim", "PT PLN (Persero)", 9, 10, None);
    let inside = visit(15, "Maria Ulfa", "Bank Sumsel Babel", 10, 5, None);
    vec![archived, lost, rejected, overstay, inside]
}

fn app(screen: Screen) -> App {
    let mut app = App::new(Config::default(), now(), false);
    app.users = users();
    app.on_duty = app.users.first().cloned();
    app.screen = screen;
    app
}

/// Draw at 80x24; and once more as on the Linux console, where no cell may
/// hold a character outside the console font or a colour outside its 16.
fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| dc_access::ui::draw(app, f)).unwrap();
    assert_console_safe(app);
    snap::body(app, terminal.backend().buffer())
}

fn assert_console_safe(app: &App) {
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let mut console = ratatui::buffer::Buffer::empty(area);
    dc_access::ui::render_as(app, Charset::Console, area, &mut console);
    let bad = dc_access::ui::console::unshowable(&console);
    assert!(bad.is_empty(), "not on the console font: {bad:?}");
}

/// Draw at 80x24 as on the Linux console (`TERM=linux`).
fn draw_console(mut app: App) -> String {
    app.charset = Charset::Console;
    draw(&app)
}

fn day_log() -> DayLogState {
    let mut s = DayLogState::new(day());
    s.rows = day_rows();
    s.total = 5;
    s.loaded = true;
    s.selected = 1;
    s
}

#[test]
fn accounts_list() {
    let app = app(Screen::Accounts(AccountsState {
        selected: 1,
        form: None,
        message: Some(dc_access::app::AccountNote::Changed {
            change: dc_access::app::AccountChange::Unlocked,
            name: "Andi Saputra".into(),
        }),
    }));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn accounts_add_form() {
    let mut f = UserForm::new(Role::Operator, true);
    f.name.set("Eko Wibowo");
    f.nip.set("199303032019031005");
    f.pin.set("482915");
    f.focus = dc_access::app::UserField::Pin2;
    let app = app(Screen::Accounts(AccountsState {
        selected: 0,
        form: Some(AccountForm::Add(f)),
        message: None,
    }));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn accounts_reset_pin() {
    let app = app(Screen::Accounts(AccountsState {
        selected: 1,
        form: Some(AccountForm::ResetPin(PinReset {
            user: UserId(2),
            name: "Andi Saputra".into(),
            pin: LineInput::pin().with_value("4829"),
            pin2: LineInput::pin(),
            second: false,
            error: Some(dc_access::domain::fields::FieldError::PinMismatch),
        })),
        message: None,
    }));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn day_log_with_review() {
    insta::assert_snapshot!(draw(&reviewed_day_log()));
}

/// The day log of a day a supervisor reviewed, with a note.
fn reviewed_day_log() -> App {
    let mut s = day_log();
    s.review = Some(ReviewMark {
        by_name: "Siti Rahma".into(),
        at: wib(10, 15),
        note: "Kartu V-12 hilang, sudah dilaporkan".into(),
    });
    app(Screen::DayLog(s))
}

#[test]
fn day_log_english_filtered_not_reviewed() {
    let mut s = day_log();
    s.view = LogView::Overstay;
    s.newest_first = true;
    s.rows.retain(|r| r.visit.id == VisitId(14));
    s.total = 1;
    s.selected = 0;
    let mut app = app(Screen::DayLog(s));
    app.config.language = Language::En;
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn day_log_review_prompt() {
    let mut s = day_log();
    s.input = Some(LogInput::Review {
        value: LineInput::new(300).with_value("Kabel rak B dilaporkan ke vendor"),
    });
    let app = app(Screen::DayLog(s));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn day_log_empty_day() {
    let mut s = DayLogState::new(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
    s.loaded = true;
    let app = app(Screen::DayLog(s));
    insta::assert_snapshot!(draw(&app));
}

fn stats(visitors: u32) -> Stats {
    Stats {
        visitors,
        by_purpose: vec![
            ("Pemeliharaan".into(), visitors.saturating_sub(2)),
            ("Instalasi perangkat".into(), 1),
            ("Audit".into(), 1),
        ],
        by_organisation: vec![
            ("PT Telkom Indonesia".into(), 2),
            ("Dinas Kominfo".into(), 1),
            ("PT PLN (Persero)".into(), 1),
        ],
        by_door: Vec::new(),
        rejected: 1,
        overstays: 1,
        avg_minutes_inside: Some(52),
        steps_within: 23,
        steps_timed: 25,
    }
}

#[test]
fn counts_day_and_month() {
    let back = Box::new(Screen::DayLog(day_log()));
    let app = app(Screen::Counts(CountsState {
        day: day(),
        month: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        day_stats: Some(stats(5)),
        month_stats: Some(stats(83)),
        scroll: 0,
        back,
        door: None,
    }));
    insta::assert_snapshot!(draw(&app));
}

/// More than one door: the day log filtered to one door, and the counts
/// of all doors grouped by door, then of one door.
#[test]
fn day_log_and_counts_by_door() {
    let mut s = day_log();
    s.doors = vec!["Pintu Selatan".into(), "Pintu Utara".into()];
    s.door = Some("Pintu Utara".into());
    let mut app = app(Screen::DayLog(s));
    app.config.door = "Pintu Utara".into();
    insta::assert_snapshot!("day_log_one_door", draw(&app));

    let mut by_door = stats(5);
    by_door.by_door = vec![
        ("Pintu Utara".into(), 3),
        ("Pintu Selatan".into(), 1),
        (String::new(), 1),
    ];
    let back = Box::new(Screen::DayLog(day_log()));
    app.screen = Screen::Counts(CountsState {
        day: day(),
        month: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        day_stats: Some(by_door.clone()),
        month_stats: Some(by_door),
        scroll: 0,
        back: back.clone(),
        door: None,
    });
    insta::assert_snapshot!("counts_by_door", draw(&app));

    app.screen = Screen::Counts(CountsState {
        day: day(),
        month: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        day_stats: Some(stats(3)),
        month_stats: Some(stats(40)),
        scroll: 0,
        back,
        door: Some("Pintu Utara".into()),
    });
    insta::assert_snapshot!("counts_one_door", draw(&app));
}

#[test]
fn search_results() {
    let mut results = day_rows();
    results.reverse();
    let app = app(Screen::Search(SearchState {
        query: LineInput::new(80).with_value("pt"),
        editing: false,
        searched: Some("pt".into()),
        offset: 0,
        results,
        selected: 2,
        back: Box::new(Screen::DayLog(day_log())),
    }));
    insta::assert_snapshot!(draw(&app));
}

fn events() -> Vec<EventRow> {
    let ev = |id: i64, step: u8, action: &str, at: Time, who: &str| EventRow {
        id,
        visit: Some(VisitId(12)),
        step,
        action: dc_access::domain::audit::AuditAction::parse(action).unwrap(),
        actor: Some(UserId(2)),
        actor_name: Some(who.into()),
        at,
        details: "{}".into(),
    };
    vec![
        ev(40, 1, "visit_started", wib(8, 28), "Andi Saputra"),
        ev(41, 2, "form_completed", wib(8, 32), "Andi Saputra"),
        ev(42, 3, "submitted", wib(8, 34), "Andi Saputra"),
        ev(43, 4, "approved", wib(8, 37), "Siti Rahma"),
        ev(44, 5, "badge_issued", wib(8, 40), "Andi Saputra"),
    ]
}

#[test]
fn visit_detail_top() {
    let v = day_rows().swap_remove(1).visit;
    let app = app(Screen::Detail(DetailState {
        visit: v,
        events: events(),
        scroll: 0,
        back: Box::new(Screen::DayLog(day_log())),
        correction: None,
    }));
    insta::assert_snapshot!(draw(&app));
}

/// A visit started at a named door: the title says which.
#[test]
fn visit_detail_at_a_door() {
    let mut v = day_rows().swap_remove(1).visit;
    v.door = "Pintu Selatan".into();
    let app = app(Screen::Detail(DetailState {
        visit: v,
        events: events(),
        scroll: 0,
        back: Box::new(Screen::DayLog(day_log())),
        correction: None,
    }));
    let drawn = draw(&app);
    assert!(drawn.contains("· Pintu Selatan ─"), "{drawn}");
    insta::assert_snapshot!(drawn);
}

#[test]
fn visit_detail_scrolled_to_timeline() {
    let v = day_rows().swap_remove(1).visit;
    let app = app(Screen::Detail(DetailState {
        visit: v,
        events: events(),
        scroll: 20,
        back: Box::new(Screen::DayLog(day_log())),
        correction: None,
    }));
    insta::assert_snapshot!(draw(&app));
}

/// A supervisor types a correction on a closed visit: `k`, the reason,
/// Enter gives the effect that appends it as an audit event.
#[test]
fn visit_detail_correction() {
    use dc_access::app::{Effect, Msg};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: KeyCode| Msg::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let v = day_rows().swap_remove(1).visit;
    let id = v.id;
    let mut app = app(Screen::Detail(DetailState {
        visit: v,
        events: events(),
        scroll: 0,
        back: Box::new(Screen::DayLog(day_log())),
        correction: None,
    }));
    assert!(app.update(key(KeyCode::Char('k')), now()).is_empty());
    for c in "Jam keluar 09:10, bukan 09:15".chars() {
        assert!(app.update(key(KeyCode::Char(c)), now()).is_empty());
    }
    insta::assert_snapshot!(draw(&app));
    assert_eq!(
        app.update(key(KeyCode::Enter), now()),
        [Effect::AddCorrection {
            visit: id,
            reason: "Jam keluar 09:10, bukan 09:15".into()
        }]
    );
}

/// The end-of-shift list with two visitors inside and a lost badge.
fn roll_call() -> App {
    let rows = day_rows();
    let inside: Vec<VisitSummary> = rows
        .iter()
        .filter(|r| r.visit.status == Status::Inside)
        .cloned()
        .collect();
    let list = ShiftList {
        ids_held: inside.clone(),
        badges_out: inside
            .iter()
            .map(|r| (r.visit.badge.clone().unwrap(), r.visit.id))
            .collect(),
        inside,
        badges_lost: vec![dc_access::domain::badge::BadgeNo::try_from("V-12").unwrap()],
    };
    app(Screen::EndOfShift(EndOfShiftState {
        list: Some(list),
        scroll: 0,
        restore: None,
    }))
}

#[test]
fn end_of_shift_roll_call() {
    insta::assert_snapshot!(draw(&roll_call()));
}

/// The roll call on the Linux console (`TERM=linux`): `!` for overstay.
#[test]
fn console_end_of_shift_roll_call() {
    insta::assert_snapshot!(draw_console(roll_call()));
}

/// The day log with its review mark (`+`) on the Linux console.
#[test]
fn console_day_log_with_review() {
    insta::assert_snapshot!(draw_console(reviewed_day_log()));
}

#[test]
fn end_of_shift_all_clear() {
    let app = app(Screen::EndOfShift(EndOfShiftState {
        list: Some(ShiftList::default()),
        scroll: 0,
        restore: None,
    }));
    insta::assert_snapshot!(draw(&app));
}

/// A supervisor types the number of a found badge: `b`, the number, Enter
/// gives the effect that puts it back into the pool.
#[test]
fn end_of_shift_restore_a_found_badge() {
    use dc_access::app::{Effect, Msg};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: KeyCode| Msg::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let list = ShiftList {
        badges_lost: vec![dc_access::domain::badge::BadgeNo::try_from("V-12").unwrap()],
        ..ShiftList::default()
    };
    let mut app = app(Screen::EndOfShift(EndOfShiftState {
        list: Some(list),
        scroll: 0,
        restore: None,
    }));
    assert!(app.update(key(KeyCode::Char('b')), now()).is_empty());
    for c in "V-12".chars() {
        assert!(app.update(key(KeyCode::Char(c)), now()).is_empty());
    }
    insta::assert_snapshot!(draw(&app));
    assert_eq!(
        app.update(key(KeyCode::Enter), now()),
        [Effect::RestoreBadge(
            dc_access::domain::badge::BadgeNo::try_from("V-12").unwrap()
        )]
    );
}

#[test]
fn home_reminds_about_unreviewed_days() {
    let mut app = app(Screen::Home(HomeState::default()));
    app.unreviewed = vec![
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    ];
    insta::assert_snapshot!(draw(&app));
}

/// Personal data kept past the retention period the privacy notice told
/// visitors: a line under the unreviewed days with the command that keeps
/// the promise; in English too.
#[test]
fn home_reminds_about_data_past_retention() {
    let mut app = app(Screen::Home(HomeState::default()));
    app.unreviewed = vec![NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()];
    app.retention_due = NaiveDate::from_ymd_opt(2024, 3, 4);
    insta::assert_snapshot!(draw(&app));
    app.config.language = dc_access::config::Language::En;
    let drawn = draw(&app);
    assert!(
        drawn.contains(
            "Data past the 730-day retention since 04-03-2024 · dc-access anonymize --due"
        ),
        "{drawn}"
    );
}

#[test]
fn end_of_shift_document_is_plain_text() {
    let rows = day_rows();
    let list = ShiftList {
        inside: rows[3..].to_vec(),
        ..ShiftList::default()
    };
    let app = app(Screen::EndOfShift(EndOfShiftState::default()));
    let doc = dc_access::ui::shift_document(&app, &list);
    insta::assert_snapshot!(doc);
}

/// Overstay rows are red; a row with another flag is light red.
#[test]
fn day_log_overstay_row_is_red() {
    use ratatui::style::Color;
    let mut s = day_log();
    s.selected = 0;
    let app = app(Screen::DayLog(s));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| dc_access::ui::draw(&app, f)).unwrap();
    let buf = terminal.backend().buffer();
    let row_of = |name: &str| {
        (0..24)
            .find(|&y| {
                let line: String = (0..80).map(|x| buf[(x, y)].symbol()).collect();
                line.contains(name)
            })
            .unwrap()
    };
    assert_eq!(buf[(20, row_of("Agus Salim"))].fg, Color::Red);
    assert_eq!(buf[(20, row_of("Rina W"))].fg, Color::LightRed);
    assert_eq!(buf[(20, row_of("Maria Ulfa"))].fg, Color::Reset);
}

#[test]
fn day_log_help_lists_every_key() {
    let mut app = app(Screen::DayLog(day_log()));
    app.overlay = Some(dc_access::app::Overlay::Help);
    insta::assert_snapshot!(draw(&app));
}

/// A visit that never went in — rejected, or cancelled before the badge —
/// shows no entry, exit or time inside in the day log, however far it
/// got (issue 8: they showed the time they started).
#[test]
fn rejected_and_cancelled_visits_show_no_entry_time() {
    let mut rows = day_rows();
    let mut cancelled = visit(16, "Wawan Setiawan", "CV Maju Jaya", 9, 30, None);
    cancelled.visit.status = Status::Cancelled;
    cancelled.visit.entered_at = None;
    cancelled.visit.badge = None;
    cancelled.visit.cancel_reason = Some("Pengunjung pulang".into());
    rows.push(cancelled);
    let mut s = day_log();
    s.rows = rows;
    s.total = 6;
    let text = draw(&app(Screen::DayLog(s)));
    for (name, started) in [("Joko Pras", "09:00"), ("Wawan Set", "09:30")] {
        let line = text
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{text}"));
        assert!(!line.contains(started), "{line}");
        let cells: Vec<&str> = line.trim_matches(['"', '│']).split_whitespace().collect();
        assert_eq!(cells[..3], ["-", "-", "-"], "in, out, time inside: {line}");
    }
}
