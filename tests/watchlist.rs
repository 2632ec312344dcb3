//! The watchlist (daftar tangkal) on a real store in a temp dir: entries
//! added and removed with their chained events and private values, expiry,
//! the approval of a watched visitor (refused without the second
//! confirmation, recorded with it), `verify` replaying all of it and
//! catching a row edited behind the program's back, and `anonymize`.

#![expect(
    clippy::unwrap_used,
    reason = "test fixtures: a failure is a broken test"
)]

mod common;

use chrono_tz::Asia::Jakarta;
use common::{Plan, Site, Until, by, date, mins, wib};
use dc_access::domain::audit::AuditAction;
use dc_access::domain::visit::{Command, Status};
use dc_access::domain::watchlist::{NewWatch, WatchId, matches};
use dc_access::store::{Problem, StoreError};

fn entry(name: &str, org: &str, last_day: &str) -> NewWatch {
    NewWatch::parse(
        "",
        name,
        org,
        "Membawa perangkat tanpa izin",
        last_day,
        date(2026, 3, 1),
    )
    .unwrap()
}

#[test]
fn entries_added_and_removed_are_chained_events_with_private_values() {
    let mut s = Site::new();
    let at = wib(2026, 3, 2, 9, 0);
    let nik = NewWatch::parse(
        "3201011505850001",
        "Budi Santoso",
        "",
        "Pernah merusak rak",
        "31-12-2026",
        date(2026, 3, 2),
    )
    .unwrap();
    let a = s.store.add_watch(&nik, Jakarta, by(&s.sup, at)).unwrap();
    let b = s
        .store
        .add_watch(
            &entry("", "PT Abal-Abal", "2026-03-05"),
            Jakarta,
            by(&s.sup, at),
        )
        .unwrap();
    // Valid through the last day in WIB: until its end (17:00 UTC).
    assert_eq!(b.until, wib(2026, 3, 6, 0, 0));
    assert_eq!(s.store.watchlist(at, false).unwrap().len(), 2);
    // An operator keeps no list.
    assert!(matches!(
        s.store.remove_watch(a.id, by(&s.op, at)),
        Err(StoreError::Transition(_))
    ));
    s.store
        .remove_watch(a.id, by(&s.sup2, at + mins(5)))
        .unwrap();
    assert!(matches!(
        s.store.remove_watch(a.id, by(&s.sup, at + mins(6))),
        Err(StoreError::NoWatch(_))
    ));
    let active = s.store.watchlist(at + mins(10), false).unwrap();
    assert_eq!(active.iter().map(|e| e.id).collect::<Vec<_>>(), vec![b.id]);
    // After its last day the entry is no longer in force; `all` keeps it.
    assert!(
        s.store
            .watchlist(wib(2026, 3, 6, 0, 0), false)
            .unwrap()
            .is_empty()
    );
    assert_eq!(s.store.watchlist(at, true).unwrap().len(), 2);

    let events = s.store.recent_events(3).unwrap();
    let actions: Vec<AuditAction> = events.iter().map(|e| e.action).collect();
    assert!(actions.contains(&AuditAction::WatchAdded));
    assert!(actions.contains(&AuditAction::WatchRemoved));
    // The chained details hold keyed hashes, not the NIK or the name.
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let chained: String = conn
        .query_row(
            "SELECT details FROM events WHERE action = 'watch_added' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!chained.contains("3201011505850001") && !chained.contains("Budi"));
    let private: i64 = conn
        .query_row(
            "SELECT count(*) FROM event_private p JOIN events e ON e.id = p.event_id
             WHERE e.action = 'watch_added'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(private, 6, "NIK, name and reason of two entries");
    let audit = s.store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
    assert_eq!(audit.watchlist, 2);
}

#[test]
fn a_watched_visitor_is_approved_only_with_the_match_confirmed() {
    let mut s = Site::new();
    let start = wib(2026, 3, 2, 9, 0);
    let e = s
        .store
        .add_watch(
            &entry("budi  SANTOSO", "", "31-12-2026"),
            Jakarta,
            by(&s.sup, start - mins(60)),
        )
        .unwrap();
    let id = s.drive(&Plan::new(start, "Budi Santoso", Until::Awaiting));
    let v = s.store.visit(id).unwrap();
    let hits = matches(&s.store.watchlist(start, false).unwrap(), &v.form, start);
    assert_eq!(hits.len(), 1);
    let sup = s.sup.actor();
    let at = start + mins(10);
    // A plain approval is refused: the match was not confirmed.
    assert!(matches!(
        s.store.apply(id, &Command::Approve, sup, at),
        Err(StoreError::WatchUnconfirmed(1))
    ));
    // Naming another entry does not confirm this one.
    let other = Command::ApproveWatched {
        seen: vec![WatchId(99)],
    };
    assert!(matches!(
        s.store.apply(id, &other, sup, at),
        Err(StoreError::WatchUnconfirmed(1))
    ));
    assert_eq!(
        s.store.visit(id).unwrap().status,
        Status::AwaitingApproval,
        "nothing recorded"
    );
    let ok = Command::ApproveWatched { seen: vec![e.id] };
    let v = s.store.apply(id, &ok, sup, at).unwrap();
    assert_eq!(v.status, Status::Approved);
    let events = s.store.visit_events(id).unwrap();
    let approved = events
        .iter()
        .find(|e| e.action == AuditAction::Approved)
        .unwrap();
    let d: serde_json::Value = serde_json::from_str(&approved.details).unwrap();
    assert_eq!(d["watch_seen"], serde_json::json!([e.id.0]));
    // The signed form says the match was checked before the approval.
    let config = dc_access::config::Config::default();
    let doc = dc_access::report::visit_doc(&s.store, id, &config, at).unwrap();
    assert_eq!(
        doc.decided_how,
        Some(dc_access::report::DecidedHow::Watched { entries: 1 })
    );
    let paper = dc_access::report::visit_txt(&doc, dc_access::report::report_text(config.language));
    assert!(
        paper.contains("Cocok dengan daftar tangkal, diperiksa sebelum"),
        "{paper}"
    );
    let audit = s.store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);

    // Once expired, the entry matches nobody: a plain approval goes through.
    let later = wib(2027, 1, 4, 9, 0);
    let id2 = s.drive(&Plan::new(later, "Budi Santoso", Until::Awaiting));
    s.store
        .apply(id2, &Command::Approve, sup, later + mins(10))
        .unwrap();
    let audit = s.store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
}

/// An entry marked removed in the table (not by the program) lets a plain
/// approval through the store; `verify` replays the events, finds the
/// entry in force at the approval and says so, and names the edited row.
#[test]
fn verify_catches_a_watched_visitor_approved_past_an_edited_row() {
    let mut s = Site::new();
    let start = wib(2026, 3, 2, 9, 0);
    let e = s
        .store
        .add_watch(
            &entry("", "PT Telkom", "31-12-2026"),
            Jakarta,
            by(&s.sup, start - mins(60)),
        )
        .unwrap();
    let id = s.drive(&Plan::new(start, "Joko Widodo", Until::Awaiting));
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute(
        "UPDATE watchlist SET removed_at = ?1, removed_by = ?2 WHERE id = ?3",
        rusqlite::params![start.timestamp(), s.sup.id.0, e.id.0],
    )
    .unwrap();
    s.store
        .apply(id, &Command::Approve, s.sup.actor(), start + mins(10))
        .unwrap();
    let audit = s.store.audit(None).unwrap();
    assert!(!audit.is_intact());
    let text: Vec<String> = audit.problems.iter().map(ToString::to_string).collect();
    assert!(
        audit.problems.iter().any(|p| matches!(
            p,
            Problem::Replay { action, error, .. }
                if action == "approved" && error.contains("watchlist")
        )),
        "{text:#?}"
    );
    assert!(
        audit.problems.iter().any(|p| matches!(
            p,
            Problem::Column {
                table: "watchlist",
                column: "removed_at",
                ..
            }
        )),
        "{text:#?}"
    );
}

#[test]
fn anonymize_empties_entries_that_ended_and_keeps_those_in_force() {
    let mut s = Site::new();
    let at = wib(2026, 3, 2, 9, 0);
    let old = s
        .store
        .add_watch(
            &entry("Budi Santoso", "PT A", "2026-03-10"),
            Jakarta,
            by(&s.sup, at),
        )
        .unwrap();
    let removed = s
        .store
        .add_watch(
            &entry("Ani Lestari", "", "2027-12-31"),
            Jakarta,
            by(&s.sup, at),
        )
        .unwrap();
    let live = s
        .store
        .add_watch(
            &entry("Dedi Kurnia", "", "2027-12-31"),
            Jakarta,
            by(&s.sup, at),
        )
        .unwrap();
    s.store
        .remove_watch(removed.id, by(&s.sup, at + mins(1)))
        .unwrap();
    let n = s
        .store
        .anonymize_before(date(2026, 6, 1), Jakarta, by(&s.sup, wib(2026, 7, 1, 9, 0)))
        .unwrap();
    assert_eq!(n, 0, "no visit");
    let all = s.store.watchlist(wib(2026, 7, 1, 9, 0), true).unwrap();
    let get = |id| all.iter().find(|e| e.id == id).unwrap();
    assert_eq!(get(old.id).name, "");
    assert_eq!(get(old.id).reason, "");
    assert_eq!(get(old.id).organisation, "PT A", "organisation kept");
    assert_eq!(get(removed.id).name, "");
    assert_eq!(get(live.id).name, "Dedi Kurnia");
    // The private values of the two ended entries are gone, the live one's stay.
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let private: i64 = conn
        .query_row(
            "SELECT count(*) FROM event_private p JOIN events e ON e.id = p.event_id
             WHERE e.action = 'watch_added'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(private, 3);
    let audit = s.store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
}
