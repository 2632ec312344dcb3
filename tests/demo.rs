//! The demo history (`dc-access demo`): made through the store's own
//! methods, its chain verifies, it holds every kind of visit, and it is
//! never mixed into a database with real history.

#![allow(clippy::unwrap_used)]

use chrono::TimeZone;
use chrono_tz::Asia::Jakarta;
use dc_access::config::Config;
use dc_access::demo::{DemoError, DemoSpec, build};
use dc_access::domain::visit::{Status, Time};
use dc_access::store::{History, LogFilter, LogSort, Page, Stamp, Store, Verification};

/// Wednesday 25 November 2026, 11:00 WIB: some of the day's visits are
/// still open.
fn end() -> Time {
    Jakarta
        .with_ymd_and_hms(2026, 11, 25, 11, 0, 0)
        .unwrap()
        .to_utc()
}

fn spec(visits: u32) -> DemoSpec {
    DemoSpec {
        visits,
        per_day: 40,
        seed: 7,
        end: end(),
    }
}

fn count(store: &Store, filter: LogFilter) -> u32 {
    let (from, to) = (end() - chrono::Duration::days(60), end());
    store
        .day_log(
            from,
            to,
            filter,
            LogSort::TimeAsc,
            Page::first(1),
            end(),
            60,
        )
        .unwrap()
        .1
}

#[test]
fn a_small_demo_verifies_and_holds_every_kind_of_visit() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = (dir.path().join("demo.db"), dir.path().join("demo.key"));
    let mut store = Store::open(&db, &key).unwrap();
    let config = Config::default();
    let summary = build(&mut store, &config, spec(300), |_| {}).unwrap();

    assert_eq!(summary.visits, 300);
    assert_eq!(summary.working_days, 8);
    assert_eq!(store.history().unwrap(), History::Demo);
    assert_eq!(
        store.verify_chain().unwrap(),
        Verification::Intact {
            events: summary.events
        }
    );
    // `verify` replays the events against the rows: they agree.
    let audit = store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
    // Every step of a visit is an event: about nine a visit.
    assert!(summary.events > 300 * 8, "{} events", summary.events);

    assert!(count(&store, LogFilter::Rejected) > 0);
    assert!(count(&store, LogFilter::Status(Status::Cancelled)) > 0);
    assert!(count(&store, LogFilter::Status(Status::Archived)) > 250);
    assert!(count(&store, LogFilter::Overstay) > 0);
    assert!(count(&store, LogFilter::ChecklistNotOk) > 0);
    assert!(count(&store, LogFilter::BadgeLost) > 0);
    // The last day stops at 11:00: visits still open, as at a real door.
    assert!(!store.open_visits().unwrap().is_empty());
    // Several operators and supervisors, with events in their names.
    let users = store.users().unwrap();
    assert_eq!(users.len(), 9);
    // The same search the desk runs finds the made-up visitors.
    let first = store.visit(dc_access::domain::visit::VisitId(1)).unwrap();
    let found = store
        .search_visits(&first.form.full_name, Page::first(50))
        .unwrap();
    assert!(found.iter().any(|s| s.visit.id == first.id));
    // Events are in time order, as a real day's are.
    let events = store.recent_events(u32::MAX).unwrap();
    assert!(events.windows(2).all(|w| w[0].at >= w[1].at));
}

#[test]
fn the_same_seed_makes_the_same_history() {
    let make = || {
        let dir = tempfile::tempdir().unwrap();
        let (db, key) = (dir.path().join("d.db"), dir.path().join("d.key"));
        let mut store = Store::open(&db, &key).unwrap();
        build(&mut store, &Config::default(), spec(60), |_| {}).unwrap();
        let v = store.search_visits("", Page::first(100)).unwrap();
        (dir, v.into_iter().map(|s| s.visit).collect::<Vec<_>>())
    };
    assert_eq!(make().1, make().1);
}

#[test]
fn a_database_with_real_history_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = (dir.path().join("real.db"), dir.path().join("real.key"));
    let mut store = Store::open(&db, &key).unwrap();
    store
        .record_event(
            None,
            0,
            dc_access::domain::audit::AuditAction::SignedOut,
            Stamp {
                actor: None,
                at: end(),
            },
            &serde_json::json!({}),
        )
        .unwrap();
    assert_eq!(store.history().unwrap(), History::Real);
    let err = build(&mut store, &Config::default(), spec(10), |_| {}).unwrap_err();
    assert!(matches!(err, DemoError::RealHistory), "{err}");
    // Nothing was added.
    assert_eq!(store.chain_head().unwrap().events, 1);
}

#[test]
fn a_demo_is_not_made_twice_into_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = (dir.path().join("d.db"), dir.path().join("d.key"));
    let mut store = Store::open(&db, &key).unwrap();
    build(&mut store, &Config::default(), spec(10), |_| {}).unwrap();
    let events = store.chain_head().unwrap().events;
    let err = build(&mut store, &Config::default(), spec(10), |_| {}).unwrap_err();
    assert!(matches!(err, DemoError::AlreadyDemo), "{err}");
    assert_eq!(store.chain_head().unwrap().events, events);
}
