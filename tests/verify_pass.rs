//! `verify` reads the log in one pass, in stretches on every core, and
//! replays a visit there when all its events lie in one stretch; the
//! others are replayed on their own, visit by visit. Whatever the
//! stretches, it finds the same: tiny stretches (nearly every visit on its
//! own) and the normal ones agree, on an intact history and on one with
//! rows, events and private values edited.

#![allow(clippy::unwrap_used)]

use chrono::TimeZone;
use chrono_tz::Asia::Jakarta;
use dc_access::config::Config;
use dc_access::demo::{DemoSpec, build};
use dc_access::store::Store;
use rusqlite::Connection;

fn problems(a: &dc_access::store::Audit) -> Vec<String> {
    a.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn every_stretch_length_finds_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = (dir.path().join("demo.db"), dir.path().join("demo.key"));
    let mut store = Store::open(&db, &key).unwrap();
    let spec = DemoSpec {
        visits: 300,
        per_day: 40,
        seed: 11,
        end: Jakarta
            .with_ymd_and_hms(2026, 11, 25, 11, 0, 0)
            .unwrap()
            .to_utc(),
    };
    build(&mut store, &Config::default(), spec, |_| {}).unwrap();
    drop(store);

    let audits = |store: &Store| {
        [store.audit(None).unwrap()]
            .into_iter()
            .chain([1, 97].map(|len| store.audit_in_stretches(None, Some(len), None).unwrap()))
            .collect::<Vec<_>>()
    };
    let store = Store::open_read_only(&db, &key).unwrap();
    let intact = audits(&store);
    for a in &intact {
        assert!(a.is_intact(), "{:?}", a.problems);
        assert_eq!(a.visits, intact[0].visits);
    }
    // The progress the command line shows on a terminal: each stretch's
    // end, growing, up to every event of the log.
    let told = std::sync::Mutex::new(Vec::new());
    let with_progress = store
        .audit_with_progress(None, &|walked, events| {
            told.lock().unwrap().push((walked, events));
        })
        .unwrap();
    assert!(with_progress.is_intact());
    // (Two threads may tell out of order.)
    let mut told = told.into_inner().unwrap();
    told.sort_unstable();
    let events = intact[0].head.events;
    assert!(!told.is_empty());
    assert!(told.iter().all(|&(_, e)| e == events), "{told:?}");
    assert!(told.windows(2).all(|w| w[0].0 < w[1].0), "{told:?}");
    assert_eq!(told.last().unwrap().0, events);
    // One stretch: only the visits still open at the end of the log are
    // not replayed in the pass... and with stretches of one event, every
    // visit of more than one event is replayed on its own.
    assert_eq!(intact[0].replayed_alone, 0);
    assert!(intact[1].replayed_alone * 10 > intact[1].visits * 9);
    drop(store);

    // Rows, events and private values edited.
    let raw = Connection::open(&db).unwrap();
    raw.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER IF EXISTS events_no_update;
         UPDATE visits SET organisation = 'Lain' WHERE id = 10;
         UPDATE visits SET status = 'archived'
           WHERE id = (SELECT max(id) FROM visits WHERE status = 'inside');
         DELETE FROM visits WHERE id = 20;
         UPDATE event_private SET value = '\"Lain\"'
           WHERE event_id = (SELECT min(event_id) FROM event_private WHERE field = 'reason');
         UPDATE events SET at = at - 60
           WHERE id = (SELECT min(id) FROM events WHERE action = 'badge_issued' AND visit_id > 40);",
    )
    .unwrap();
    let max: i64 = raw
        .query_row("SELECT max(id) FROM visits", [], |r| r.get(0))
        .unwrap();
    raw.execute_batch(&format!(
        "CREATE TEMP TABLE x AS SELECT * FROM visits WHERE id = 30;
         UPDATE x SET id = {};
         INSERT INTO visits SELECT * FROM x;",
        max + 1000
    ))
    .unwrap();
    drop(raw);
    let store = Store::open_read_only(&db, &key).unwrap();
    let found = audits(&store);
    let told = problems(&found[0]);
    let has = |needle: &str| told.iter().any(|p| p.contains(needle));
    assert!(
        has("table visits, row 10, column organisation"),
        "{told:#?}"
    );
    assert!(has("table visits, row 20: missing"), "{told:#?}");
    assert!(
        has(&format!(
            "table visits, row {}: no event created it",
            max + 1000
        )),
        "{told:#?}"
    );
    assert!(
        has("column status: is archived, expected inside"),
        "{told:#?}"
    );
    assert!(has("field reason: does not match the hash"), "{told:#?}");
    assert!(has("(badge_issued): HMAC does not match"), "{told:#?}");
    for a in &found[1..] {
        assert_eq!(problems(a), told);
        assert_eq!(a.problem_count, found[0].problem_count);
        assert_eq!(a.visits, found[0].visits);
    }
}
