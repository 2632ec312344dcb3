//! Speed on years of a busy door (issue 10), measured on a demo history
//! made by the program itself (`dc_access::demo`: every step of every
//! visit, every event chained), never asserted in tests.
//!
//! Each number is read against a minimal program measured in the same
//! run: a bare rusqlite query of today's visits plus a bare ratatui table
//! drawn to a `TestBackend` (`reference: ...`), and the sqlite3 command
//! line tool for the CSV (when installed). Budgets (README, "Speed"):
//! first frame within 1.5x the reference and independent of the number
//! of events; every key redrawn within 16 ms; a year's CSV within 2x
//! sqlite3; verify at least 1.5 M events/s.
//!
//! ```sh
//! cargo bench --bench speed          # a 20,000-visit history it makes itself
//! # the README's table: 1,000,000 visits, made once, kept outside the repo
//! DC_BENCH_DB=/work/bench-data/demo-1m.db DC_BENCH_VISITS=1000000 cargo bench --bench speed
//! ```
//! With `DC_BENCH_DB` the history is read from that file (made there
//! first, with `DC_BENCH_VISITS` visits, if it does not exist); without
//! it, `DC_BENCH_VISITS` (default 20,000) visits are made once into
//! `target/bench-data/` and reused.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Constraint;
use ratatui::widgets::{Block, Row, Table};

use dc_access::app::{App, Msg};
use dc_access::config::Config;
use dc_access::demo::{DemoSpec, SUPERVISOR_PIN, build};
use dc_access::domain::days::day_bounds;
use dc_access::domain::visit::Time;
use dc_access::report;
use dc_access::shell::{
    before_first_frame, handle_at, handle_deferring_at, load_home, pin_check, throttle,
};
use dc_access::store::{Store, default_key_path};

/// "Now" for the history and the benches: Wednesday 25 November 2026,
/// 11:00 WIB (the day's visits partly open).
fn now() -> Time {
    chrono_tz::Asia::Jakarta
        .with_ymd_and_hms(2026, 11, 25, 11, 0, 0)
        .single()
        .map(|t| t.to_utc())
        .unwrap_or_default()
}

fn env_u32(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    target.join("bench-data")
}

/// The demo database: `DC_BENCH_DB`, or one of `visits` visits under
/// `target/bench-data/`; made once (through a temporary name, so a run
/// cut short leaves nothing half made), then reused while the schema is
/// the same (its version is in the name, so a new schema is not measured
/// through an upgrade of an older file).
fn demo_db(visits: u32, per_day: u32) -> PathBuf {
    let schema = dc_access::store::SCHEMA_VERSION;
    let db = std::env::var_os("DC_BENCH_DB").map_or_else(
        || data_dir().join(format!("demo-{visits}-{per_day}-s{schema}.db")),
        PathBuf::from,
    );
    if db.exists() {
        return db;
    }
    let dir = db.parent().map_or_else(data_dir, Path::to_path_buf);
    std::fs::create_dir_all(&dir).expect("bench-data folder");
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".building");
    let building = dir.join(name);
    let _ = std::fs::remove_file(&building);
    let key = default_key_path(&db);
    let _ = std::fs::remove_file(&key);
    let _ = std::fs::remove_file(dc_access::store::head_path(&key));
    let started = Instant::now();
    eprintln!("building the demo history: {visits} visits, {per_day} a day ...");
    {
        let mut store = Store::open(&building, &key).expect("open");
        let spec = DemoSpec {
            visits,
            per_day,
            seed: 1,
            end: now(),
        };
        let s = build(&mut store, &Config::default(), spec, |_| {}).expect("demo");
        eprintln!(
            "built {} visits, {} events in {:.1} s",
            s.visits,
            s.events,
            started.elapsed().as_secs_f64()
        );
        // Closing the last connection folds the WAL into the file
        // before the rename.
    }
    std::fs::rename(&building, &db).expect("rename");
    db
}

fn key(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

/// The kiosk without its terminal: app, store, an 80x24 test screen.
struct Kiosk {
    app: App,
    store: Store,
    term: Terminal<TestBackend>,
    /// A sign-in PIN check handed off, not yet run.
    check: Option<dc_access::app::Effect>,
}

impl Kiosk {
    /// One key handled as the shell handles it (update, effects against
    /// the store), then the frame drawn.
    fn press(&mut self, msg: Msg) {
        handle_at(&mut self.app, &mut self.store, msg, now()).expect("database files");
        self.draw();
    }

    fn draw(&mut self) {
        let app = &self.app;
        self.term
            .draw(|f| dc_access::ui::draw(app, f))
            .expect("draw");
    }

    /// A key as the kiosk's loop handles it: a sign-in PIN check is kept
    /// for [`Kiosk::finish_check`] (the loop runs it on another thread).
    fn press_deferring(&mut self, msg: Msg) {
        self.check = handle_deferring_at(&mut self.app, &mut self.store, msg, now())
            .expect("database files");
        self.draw();
    }

    /// The PIN check handed off: Argon2, its event, the answer, the frame.
    fn finish_check(&mut self) {
        let effect = self.check.take().expect("a PIN check handed off");
        let t = throttle(&self.app);
        let answer = pin_check::answer(&mut self.store, effect, t, now());
        self.press(Msg::Answer(answer));
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.app.update(ch(c), now());
        }
    }

    /// Time only `act`, after `setup` each time.
    fn timed(
        &mut self,
        iters: u64,
        setup: impl Fn(&mut Kiosk),
        act: impl Fn(&mut Kiosk),
    ) -> Duration {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            setup(self);
            let t = Instant::now();
            act(self);
            total += t.elapsed();
        }
        total
    }

    /// Back to the home screen, whatever is shown.
    fn home(&mut self) {
        for _ in 0..4 {
            self.press(key(KeyCode::Esc));
        }
    }
}

/// The minimal program: open, today's visits, a table, one frame.
fn reference_frame(db: &Path, day: (Time, Time)) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT id, full_name, organisation, status FROM visits
             WHERE started_at >= ?1 AND started_at < ?2 ORDER BY started_at",
        )
        .expect("prepare");
    let rows: Vec<[String; 4]> = stmt
        .query_map([day.0.timestamp(), day.1.timestamp()], |r| {
            Ok([
                r.get::<_, i64>(0)?.to_string(),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
            ])
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("term");
    term.draw(|f| {
        let table = Table::new(
            rows.iter().take(20).map(|r| Row::new(r.clone())),
            [
                Constraint::Length(7),
                Constraint::Length(24),
                Constraint::Fill(1),
                Constraint::Length(10),
            ],
        )
        .block(Block::bordered().title("Hari ini"));
        f.render_widget(table, f.area());
    })
    .expect("draw");
    black_box(term.backend().buffer().area);
}

fn benches(c: &mut Criterion) {
    let visits = env_u32("DC_BENCH_VISITS", 20_000);
    let per_day = env_u32("DC_BENCH_PER_DAY", 400);
    let db = demo_db(visits, per_day);
    let keyf = default_key_path(&db);
    let config = Config::default();
    let tz = config.timezone;
    let today = now().with_timezone(&tz).date_naive();
    let day = day_bounds(today, tz);

    let name = db
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut g = c.benchmark_group(format!("door ({name})"));
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));

    g.bench_function(
        "reference: bare rusqlite + ratatui table, first frame",
        |b| {
            b.iter(|| reference_frame(&db, day));
        },
    );

    // What `shell::run` does before its first frame (the sign-in screen),
    // then that frame.
    g.bench_function("start-up to first frame (sign-in screen)", |b| {
        b.iter(|| {
            let (app, store) = before_first_frame(config.clone(), &db, &keyf, now()).expect("open");
            let mut term = Terminal::new(TestBackend::new(80, 24)).expect("term");
            term.draw(|f| dc_access::ui::draw(&app, f)).expect("draw");
            black_box((term.backend().buffer().area, store.path().as_os_str().len()));
        });
    });
    // The same, then what the kiosk reads right after that frame (the
    // home screen's data: open visits, today's counts, lost badges,
    // accounts, watchlist, plans) and the frame again: as much as the
    // reference reads and draws, and more.
    g.bench_function("start-up to first frame + home data read, redrawn", |b| {
        b.iter(|| {
            let (mut app, store) =
                before_first_frame(config.clone(), &db, &keyf, now()).expect("open");
            let mut term = Terminal::new(TestBackend::new(80, 24)).expect("term");
            term.draw(|f| dc_access::ui::draw(&app, f)).expect("draw");
            load_home(&mut app, &store, now()).expect("home data");
            term.draw(|f| dc_access::ui::draw(&app, f)).expect("draw");
            black_box(term.backend().buffer().area);
        });
    });

    let store = Store::open(&db, &keyf).expect("open");
    let fresh_app = |store: &Store| {
        let mut app = App::new(config.clone(), now(), false);
        app.on_data(
            store.dashboard(day, now(), 60).expect("dashboard"),
            store.users().expect("users"),
            store.badges_unavailable().expect("badges"),
        );
        app
    };
    let mut kiosk = Kiosk {
        app: fresh_app(&store),
        store,
        term: Terminal::new(TestBackend::new(80, 24)).expect("term"),
        check: None,
    };

    // The supervisor (first in the list) types the PIN and Enter: the
    // screen says "Checking the PIN…" at once (key → redraw); the check
    // (Argon2, the event, the dashboard, the frame) runs apart in the
    // kiosk and is timed apart here.
    let signed_out = |k: &mut Kiosk| {
        k.app = fresh_app(&k.store);
        k.type_text(SUPERVISOR_PIN);
    };
    g.bench_function("sign-in: PIN + Enter to 'checking the PIN' (redraw)", |b| {
        b.iter_custom(|iters| {
            kiosk.timed(iters, signed_out, |k| {
                k.press_deferring(key(KeyCode::Enter));
            })
        });
    });
    g.bench_function("sign-in: the PIN check (Argon2) to dashboard", |b| {
        b.iter_custom(|iters| {
            kiosk.timed(
                iters,
                |k| {
                    signed_out(k);
                    k.press_deferring(key(KeyCode::Enter));
                },
                Kiosk::finish_check,
            )
        });
    });

    kiosk.app = fresh_app(&kiosk.store);
    kiosk.type_text(SUPERVISOR_PIN);
    kiosk.press(key(KeyCode::Enter));

    g.bench_function("key on home (j) + redraw", |b| {
        b.iter(|| kiosk.press(ch('j')));
    });

    g.bench_function("day log: l from home to today's first page", |b| {
        b.iter_custom(|iters| kiosk.timed(iters, Kiosk::home, |k| k.press(ch('l'))));
    });

    kiosk.home();
    kiosk.press(ch('l'));
    let mut back = true;
    g.bench_function("day log: previous / next day (← / →)", |b| {
        b.iter(|| {
            let code = if back { KeyCode::Left } else { KeyCode::Right };
            back = !back;
            kiosk.press(key(code));
        });
    });

    let to_log = |k: &mut Kiosk| {
        k.home();
        k.press(ch('l'));
    };
    g.bench_function("day log: next page (PgDn)", |b| {
        b.iter_custom(|iters| kiosk.timed(iters, to_log, |k| k.press(key(KeyCode::PageDown))));
    });

    g.bench_function("counts of a day and its month (c)", |b| {
        b.iter_custom(|iters| kiosk.timed(iters, to_log, |k| k.press(ch('c'))));
    });

    let name = kiosk
        .store
        .visit(dc_access::domain::visit::VisitId(i64::from(visits / 2)))
        .expect("a visit")
        .form
        .full_name;
    for (label, query) in [
        ("search found: a full name (Enter)", name.as_str()),
        ("search found: part of a name (Enter)", "putra"),
        ("search not found (Enter)", "Zyxwvut Qoph"),
    ] {
        g.bench_function(label, |b| {
            b.iter_custom(|iters| {
                kiosk.timed(
                    iters,
                    |k| {
                        to_log(k);
                        k.press(ch('/'));
                        k.type_text(query);
                    },
                    |k| k.press(key(KeyCode::Enter)),
                )
            });
        });
    }
    // The screens added since (watchlist, planned visits) and the
    // returning visitor's lookups on the form, key to redraw.
    g.bench_function("watchlist: w from home", |b| {
        b.iter_custom(|iters| kiosk.timed(iters, Kiosk::home, |k| k.press(ch('w'))));
    });
    g.bench_function("planned visits: t from home", |b| {
        b.iter_custom(|iters| kiosk.timed(iters, Kiosk::home, |k| k.press(ch('t'))));
    });
    // One new visit (a draft row and its event), then its form.
    kiosk.home();
    kiosk.press(ch('n'));
    let ctrl_u = || Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    g.bench_function(
        "form: a 4th letter of the name (names seen before looked up)",
        |b| {
            b.iter_custom(|iters| {
                kiosk.timed(
                    iters,
                    |k| {
                        k.press(ctrl_u());
                        k.press(ch('B'));
                        k.press(ch('u'));
                        k.press(ch('d'));
                    },
                    |k| k.press(ch('i')),
                )
            });
        },
    );
    // An earlier visitor's NIK, typed whole on the ID number field.
    let nik = (1..200)
        .filter_map(|i| {
            kiosk
                .store
                .visit(dc_access::domain::visit::VisitId(i64::from(visits / 2 + i)))
                .ok()
        })
        .map(|v| v.form.id_number)
        .find(|n| n.len() == 16 && n.bytes().all(|c| c.is_ascii_digit()))
        .expect("a visitor with a KTP");
    kiosk.press(ctrl_u());
    kiosk.press(key(KeyCode::Tab));
    kiosk.press(key(KeyCode::Tab));
    g.bench_function(
        "form: the 16th digit of a NIK (earlier visits looked up)",
        |b| {
            b.iter_custom(|iters| {
                kiosk.timed(
                    iters,
                    |k| {
                        k.press(ctrl_u());
                        k.type_text(&nik[..15]);
                    },
                    |k| k.press(ch(char::from(nik.as_bytes()[15]))),
                )
            });
        },
    );
    kiosk.home();
    let store = &kiosk.store;

    // A year's visitor report: the rows read, then written.
    let year = (
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default(),
    );
    let words = report::report_text(config.language);
    g.bench_function("a year's visitor report as CSV (2025)", |b| {
        b.iter(|| {
            let csv = report::day_csv_streamed(store, year, &config, now(), words, b';');
            black_box(csv.expect("report").len());
        });
    });
    let (from, to) = (
        day_bounds(year.0, tz).0.timestamp(),
        day_bounds(year.1, tz).1.timestamp(),
    );
    let sqlite3 = Process::new("sqlite3").arg("-version").output().is_ok();
    if sqlite3 {
        // The same query as the CSV's (`store::sheet_sql`: the columns it
        // prints, both names joined, the same index walk), printed as CSV
        // by the sqlite3 shell into a pipe: the rows read and written, no
        // more. (The kiosk's CSV also masks ID numbers, words the status
        // and flags, reads the checklist JSON and guards formula cells.)
        let query = dc_access::store::sheet_sql(from, to);
        g.bench_function("reference: sqlite3 CLI, the same year's rows as CSV", |b| {
            b.iter(|| {
                let out = Process::new("sqlite3")
                    .args(["-readonly", "-csv"])
                    .arg(&db)
                    .arg(&query)
                    .output()
                    .expect("sqlite3");
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                black_box(out.stdout.len());
            });
        });
        // The earlier, narrower reference (9 columns, one name joined, no
        // checklist): a lower bar, kept to compare with earlier runs.
        g.bench_function("reference: sqlite3 CLI, 9 of the columns as CSV", |b| {
            b.iter(|| {
                let out = Process::new("sqlite3")
                    .args(["-readonly", "-csv"])
                    .arg(&db)
                    .arg(format!(
                        "SELECT v.id, v.entered_at, v.exited_at, v.full_name, v.organisation,
                                v.purpose, v.status, v.badge, d.name
                         FROM visits v LEFT JOIN users d ON d.id = v.decided_by
                         WHERE v.started_at >= {from} AND v.started_at < {to}
                         ORDER BY v.started_at, v.id"
                    ))
                    .output()
                    .expect("sqlite3");
                black_box(out.stdout.len());
            });
        });
    } else {
        eprintln!("sqlite3 not installed: no CSV reference (apt-get install sqlite3)");
    }
    g.sample_size(10).measurement_time(Duration::from_secs(1));
    g.bench_function("a year's visitor report as PDF (2025)", |b| {
        b.iter(|| {
            let r =
                report::day_report(store, year.0, year.1, &config, now(), None).expect("report");
            black_box(report::day_pdf(&r, words).expect("pdf"));
        });
    });
    g.finish();

    // verify: one pass on both cores (links, private values, the replay
    // of the rows); and --since-head after 1,000 new events. Read as events
    // per second.
    let store = &kiosk.store;
    let head = store.chain_head().expect("head");
    let events = head.events;
    let mut g = c.benchmark_group(format!("verify ({events} events)"));
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(criterion::Throughput::Elements(events));
    g.bench_function("verify: chain, private values, replay (both cores)", |b| {
        b.iter(|| {
            let audit = store.audit(None).expect("verify");
            assert!(audit.is_intact(), "{:?}", audit.problems.first());
        });
    });
    g.bench_function("verify: chain only, one core (before)", |b| {
        b.iter(|| black_box(store.verify_chain().expect("verify")));
    });
    let from = store
        .head_at(events.saturating_sub(1000))
        .expect("head")
        .expect("an event 1,000 before the end");
    g.throughput(criterion::Throughput::Elements(events - from.events));
    g.bench_function("verify --since-head: the last 1,000 events", |b| {
        b.iter(|| {
            let found = store.verify_since(&from).expect("verify");
            assert!(found.checked > 0, "{found:?}");
        });
    });
    g.finish();
}

criterion_group!(speed, benches);
criterion_main!(speed);
