//! Speed targets of DESIGN.md, measured (never asserted in tests):
//! - a key press handled and redrawn within 1 ms,
//! - first frame within a few milliseconds of start (open + load + draw),
//! - a day's log and a search answered by an index on a database of
//!   1,000,000 visits (`DC_BENCH_VISITS` to change the size).
//!
//! Run with `cargo bench`.

use std::hint::black_box;
use std::path::Path;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use dc_access::app::{App, Msg};
use dc_access::config::Config;
use dc_access::domain::days::day_bounds;
use dc_access::domain::visit::Time;
use dc_access::store::{LogFilter, LogSort, Page, Store};

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A database with `n` visits spread over the last years, ~30 open.
fn populate(dir: &Path, n: u32) -> (std::path::PathBuf, std::path::PathBuf) {
    let db = dir.join("bench.db");
    let key = dir.join("bench.key");
    drop(Store::open(&db, &key).expect("open"));
    let mut conn = rusqlite::Connection::open(&db).expect("raw open");
    let tx = conn.transaction().expect("tx");
    tx.execute(
        "INSERT INTO users (name, nip, role, pin_hash, created_at) VALUES ('Andi', '199002202015032002', 'operator', 'x', 0)",
        [],
    )
    .expect("user");
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO visits (status, full_name, id_type, id_number, organisation, purpose,
                    started_by, started_at, submitted_at, entered_at, exited_at, badge, closed_at)
                 VALUES (?1, ?2, 'KTP', ?3, ?4, ?5, 1, ?6, ?6, ?7, ?8, ?9, ?10)",
            )
            .expect("prepare");
        let end = now().timestamp();
        let purposes = [
            "Pemeliharaan perangkat",
            "Instalasi perangkat",
            "Audit / pemeriksaan",
        ];
        for i in 0..n {
            // About 1,000 visits a day going back from `now`.
            let started = end - i64::from(i) * 86;
            let open = i < 30;
            let status = if open { "inside" } else { "archived" };
            stmt.execute(rusqlite::params![
                status,
                name(i),
                format!("3201{:012}", i),
                format!("Instansi {}", i % 500),
                purposes[(i % 3) as usize],
                started,
                started + 300,
                if open { None } else { Some(started + 3600) },
                if open { Some(format!("B-{i}")) } else { None },
                if open { None } else { Some(started + 3900) },
            ])
            .expect("insert");
        }
    }
    tx.commit().expect("commit");
    (db, key)
}

/// A varied visitor name, as a real log has.
fn name(i: u32) -> String {
    const FIRST: [&str; 12] = [
        "Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Maria", "Andi", "Putri", "Hendra", "Wati",
        "Yusuf",
    ];
    const LAST: [&str; 10] = [
        "Santoso",
        "Rahma",
        "Salim",
        "Lestari",
        "Wulandari",
        "Prasetyo",
        "Ulfa",
        "Wijaya",
        "Hartono",
        "Nasution",
    ];
    let f = FIRST[(i % 12) as usize];
    let l = LAST[((i / 12) % 10) as usize];
    format!("{f} {l} {}", i / 120)
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn benches(c: &mut Criterion) {
    let n: u32 = std::env::var("DC_BENCH_VISITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, keyf) = populate(dir.path(), n);
    let config = Config::default();
    let tz = config.timezone;
    let store = Store::open(&db, &keyf).expect("open");
    let day = day_bounds(now().with_timezone(&tz).date_naive(), tz);

    c.bench_function("startup: open + dashboard + first frame 80x24", |b| {
        b.iter(|| {
            let store = Store::open(&db, &keyf).expect("open");
            let dash = store.dashboard(day, now(), 60).expect("dashboard");
            let users = store.users().expect("users");
            let mut app = App::new(config.clone(), now(), false);
            app.on_data(dash, users.clone(), Vec::new());
            app.on_signed_in(users[0].clone());
            let mut term = Terminal::new(TestBackend::new(80, 24)).expect("term");
            term.draw(|f| dc_access::ui::draw(&app, f)).expect("draw");
            black_box(term.backend().buffer().area);
        });
    });

    let users = store.users().expect("users");
    let mut app = App::new(config.clone(), now(), false);
    app.on_data(
        store.dashboard(day, now(), 60).expect("dash"),
        users.clone(),
        Vec::new(),
    );
    app.on_signed_in(users[0].clone());
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("term");
    c.bench_function("key press on home + redraw 80x24", |b| {
        b.iter(|| {
            black_box(app.update(key('j'), now()));
            term.draw(|f| dc_access::ui::draw(&app, f)).expect("draw");
        });
    });

    let visit = dc_access::domain::visit::Visit::start(
        dc_access::domain::visit::VisitId(1),
        users[0].id,
        now(),
    );
    let mut form_app = App::new(config.clone(), now(), false);
    form_app.on_signed_in(users[0].clone());
    form_app.on_visit(visit, Vec::new());
    let mut big = Terminal::new(TestBackend::new(200, 60)).expect("term");
    c.bench_function("typing into the form + redraw 200x60", |b| {
        b.iter(|| {
            black_box(form_app.update(key('a'), now()));
            big.draw(|f| dc_access::ui::draw(&form_app, f))
                .expect("draw");
        });
    });

    c.bench_function("dashboard queries (open visits, today's counts)", |b| {
        b.iter(|| black_box(store.dashboard(day, now(), 60).expect("dashboard")));
    });

    let page = || Page {
        offset: 0,
        limit: 50,
    };
    c.bench_function("day log: one day, first page", |b| {
        b.iter(|| {
            black_box(
                store
                    .day_log(
                        day.0,
                        day.1,
                        LogFilter::All,
                        LogSort::TimeAsc,
                        page(),
                        now(),
                        60,
                    )
                    .expect("day log"),
            )
        });
    });

    c.bench_function("search by name prefix, first page", |b| {
        b.iter(|| black_box(store.search_visits("Siti Rahma 7", page()).expect("search")));
    });

    c.bench_function(
        "search by a word inside the name (trigram index), first page",
        |b| {
            b.iter(|| black_box(store.search_visits("Hartono 42", page()).expect("search")));
        },
    );
}

criterion_group! {
    name = speed;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(speed);
