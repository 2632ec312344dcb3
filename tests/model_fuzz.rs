//! Model-based fuzz: random keys and pastes through `App`, every effect run
//! against a real `Store` in a temp dir (the shell's own interpreter,
//! `shell::run_effects`), with a second console changing the same file now
//! and then, at random terminal sizes. After each step the invariants hold:
//! one badge per visitor inside, approver never the submitter, and (every
//! few steps and at the end) the audit: chain intact and every row
//! replaying from the events.
//!
//! Seeded and deterministic: a failure names its seed and step.
//! `cargo test --test model_fuzz` runs 10,000 steps; the 1,000,000-step run
//! is `cargo test --release --test model_fuzz -- --ignored`.
#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use chrono::{Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use dc_access::app::{App, Effect, Msg, Screen};
use dc_access::config::Config;
use dc_access::domain::fields::{Nip, PersonName, Pin};
use dc_access::domain::visit::{Actor, ChecklistAnswer, Command, FormDraft, Role, Status, Time};
use dc_access::shell::run_effects;
use dc_access::store::{NewUser, Page, Stamp, Store, User};

struct World {
    _dir: tempfile::TempDir,
    /// This console's store and the other console's, on one file.
    store: Store,
    other: Store,
    users: Vec<User>,
    config: Config,
}

fn world() -> World {
    // In memory when the machine has it: the fuzz is about the program,
    // not the disk's fsync (synchronous = FULL syncs every commit).
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let (db, key) = (dir.path().join("f.db"), dir.path().join("f.key"));
    let mut store = Store::open(&db, &key).unwrap();
    let mut users = Vec::new();
    for (name, nip, role, pin) in [
        (
            "Siti Rahma",
            "198501152010011001",
            Role::Supervisor,
            "482916",
        ),
        (
            "Bambang Hartono",
            "197803122005011002",
            Role::Supervisor,
            "730482",
        ),
        (
            "Andi Wijaya",
            "199002202015032002",
            Role::Operator,
            "739251",
        ),
        (
            "Dewi Lestari",
            "199103032016042003",
            Role::Operator,
            "602817",
        ),
    ] {
        let u = store
            .create_user(
                &NewUser {
                    name: PersonName::try_from(name).unwrap(),
                    nip: Nip::try_from(nip).unwrap(),
                    role,
                    pin: Pin::try_from(pin).unwrap(),
                },
                Stamp {
                    actor: None,
                    at: Utc::now(),
                },
            )
            .unwrap();
        users.push(u);
    }
    let other = Store::open(&db, &key).unwrap();
    let mut config = Config::default();
    config.report.reports_dir = dir.path().join("reports").display().to_string();
    World {
        _dir: dir,
        store,
        other,
        users,
        config,
    }
}

const CHARS: &[char] = &[
    'n', 'o', 'x', 'y', 't', 'e', 'l', 'u', 'a', 'p', 'd', 'r', 'f', 'g', 'k', 'b', '/', '?', ' ',
    '0', '1', '4', '8', '9', 'V', '-', 'B', 'u', 'd', 'i',
];

fn random_key(rng: &mut StdRng) -> KeyEvent {
    let code = match rng.gen_range(0..20) {
        0..=3 => KeyCode::Enter,
        4..=5 => KeyCode::Tab,
        6 => KeyCode::BackTab,
        7 => KeyCode::Esc,
        8 => KeyCode::Up,
        9 => KeyCode::Down,
        10 => KeyCode::Left,
        11 => KeyCode::Right,
        12 => KeyCode::Backspace,
        13 => KeyCode::PageDown,
        _ => KeyCode::Char(CHARS[rng.gen_range(0..CHARS.len())]),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn valid_draft(config: &Config, n: u64) -> FormDraft {
    FormDraft {
        full_name: format!("Pengunjung {n}"),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "PT Telkom".into(),
        phone: "081234567890".into(),
        purpose: config.visit.purposes[0].clone(),
        purpose_detail: "Pemeliharaan".into(),
        equipment: String::new(),
        planned_minutes: "60".into(),
        person_visited: "Rudi".into(),
        id_held: true,
        ..FormDraft::default()
    }
}

/// The other console takes one natural step on some visit (or starts one).
fn other_console(w: &mut World, rng: &mut StdRng, now: Time, n: u64) {
    let actor = |u: &User| u.actor();
    let op: Actor = actor(&w.users[3]);
    let sup: Actor = actor(&w.users[1]);
    let open = w.other.open_visits().unwrap();
    if open.is_empty() || rng.gen_bool(0.2) {
        let v = w.other.create_visit(op, now).unwrap();
        let d = valid_draft(&w.config, n);
        w.other.save_draft(v.id, &d).unwrap();
        return;
    }
    let v = &open[rng.gen_range(0..open.len())].visit;
    let c = &w.config;
    let cmd = match v.status {
        Status::Draft => match valid_draft(c, n).validate(&c.visit.form_rules()) {
            Ok(form) => Command::CompleteForm(
                form,
                dc_access::domain::visit::NoticeAgreed {
                    retention_days: 730,
                },
            ),
            Err(_) => return,
        },
        Status::Review => Command::Submit,
        Status::AwaitingApproval if rng.gen_bool(0.8) => Command::Approve,
        Status::AwaitingApproval => Command::Reject {
            reason: "Tidak terjadwal".into(),
        },
        Status::Approved => Command::IssueBadge {
            badge: dc_access::domain::badge::BadgeNo::try_from(
                c.visit.badges[rng.gen_range(0..c.visit.badges.len())].as_str(),
            )
            .unwrap(),
            escort: op.id,
        },
        Status::Rejected => Command::ReturnId,
        Status::Inside => Command::CheckOut {
            badge_returned: v.badge.clone(),
            id_returned: true,
            checklist: c
                .visit
                .checklist
                .iter()
                .map(|i| ChecklistAnswer {
                    item: i.clone(),
                    ok: true,
                    note: String::new(),
                    ..ChecklistAnswer::default()
                })
                .collect(),
            activity: String::new(),
        },
        Status::CheckedOut => Command::Archive,
        Status::Cancelled | Status::Archived => return,
    };
    // The submitter never decides: decisions are the second supervisor's,
    // submissions the second operator's.
    let by = match cmd {
        Command::Approve | Command::Reject { .. } => sup,
        _ => op,
    };
    // Refusals (lost races, badge taken, same as submitter) are expected.
    let _ = w.other.apply(v.id, &cmd, by, now);
}

fn check_invariants(w: &World, seed: u64, step: u64, full: bool) {
    let ctx = format!("seed {seed}, step {step}");
    // Visitors inside are open visits; every visit (for the approver) and
    // the audit on the full checks.
    let all = if full {
        w.store
            .search_visits(
                "",
                Page {
                    offset: 0,
                    limit: 1_000_000,
                },
            )
            .unwrap()
    } else {
        w.store.open_visits().unwrap()
    };
    let mut badges: Vec<&str> = Vec::new();
    for s in &all {
        let v = &s.visit;
        if v.status == Status::Inside {
            let badge = v
                .badge
                .as_deref()
                .unwrap_or_else(|| panic!("{ctx}: inside without badge"));
            assert!(!badges.contains(&badge), "{ctx}: badge {badge} out twice");
            badges.push(badge);
        }
        if let Some(d) = v.decided_by {
            assert_ne!(
                Some(d),
                v.submitted_by,
                "{ctx}: visit {} approver = submitter",
                v.id.0
            );
        }
    }
    if full {
        let a = w.store.audit(None).unwrap();
        assert!(
            a.is_intact(),
            "{ctx}: audit found {} problems: {:?}",
            a.problem_count,
            a.problems.iter().take(5).collect::<Vec<_>>()
        );
    }
}

fn run(seed: u64, steps: u64) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut w = world();
    let start = Utc.with_ymd_and_hms(2026, 11, 27, 1, 0, 0).unwrap();
    let mut app = App::new(w.config.clone(), start, false);
    app.on_signed_in(w.users[2].clone());
    run_effects(&mut app, &mut w.store, vec![Effect::Reload]);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for step in 0..steps {
        // Real time moves on a little; stored times are whole seconds.
        let now = start + Duration::seconds(i64::try_from(step).unwrap_or(0) * 7);
        match rng.gen_range(0..100) {
            0..=3 => {
                other_console(&mut w, &mut rng, now, step);
                let effects = app.update(Msg::DatabaseChanged, now);
                run_effects(&mut app, &mut w.store, effects);
            }
            4 => {
                let effects = app.update(Msg::Tick, now);
                run_effects(&mut app, &mut w.store, effects);
            }
            5 => {
                let text: String = (0..rng.gen_range(1..30))
                    .map(|_| CHARS[rng.gen_range(0..CHARS.len())])
                    .collect();
                let effects = app.update(Msg::Paste(text), now);
                run_effects(&mut app, &mut w.store, effects);
            }
            _ => {
                let effects = app.update(Msg::Key(random_key(&mut rng)), now);
                run_effects(&mut app, &mut w.store, effects);
            }
        }
        // Signed out, or quit: back on duty as someone (PINs are not what
        // this fuzz is about; wrong ones would only lock the accounts).
        if app.quit || matches!(app.screen, Screen::SignIn(_) | Screen::Setup(_)) {
            let who = w.users[rng.gen_range(0..w.users.len())].clone();
            app = App::new(w.config.clone(), now, false);
            app.on_signed_in(who);
            run_effects(&mut app, &mut w.store, vec![Effect::Reload]);
        }
        if step % 10 == 0 {
            let (cols, rows) = (rng.gen_range(1..=200), rng.gen_range(1..=60));
            terminal.backend_mut().resize(cols, rows);
            terminal
                .resize(ratatui::layout::Rect::new(0, 0, cols, rows))
                .unwrap();
            terminal.draw(|f| dc_access::ui::draw(&app, f)).unwrap();
        }
        check_invariants(&w, seed, step, step % 1000 == 999);
    }
    check_invariants(&w, seed, steps, true);
}

#[test]
fn ten_thousand_random_steps_keep_the_record_sound() {
    run(0x00dc_acce55, 10_000);
}

#[test]
#[ignore = "long: a million steps (run with --release --ignored)"]
fn a_million_random_steps_keep_the_record_sound() {
    run(0x0001_dc0a_cce5, 1_000_000);
}
