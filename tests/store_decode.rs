//! Stored text the program does not know is an error, not a default: a
//! visit whose status was changed outside the program is not read as a
//! draft, an account whose role was changed is not read as an operator,
//! a checklist that is not JSON is not read as empty, an audit action
//! this program does not know is not shown as its raw text.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Site, fixture};
use dc_access::store::StoreError;
use rusqlite::Connection;

/// The fixture's database with `sql` run on it by a second, plain
/// `rusqlite` connection (the store reads rows afresh each time).
fn changed(sql: &str) -> (Site, common::Fixture) {
    let mut site = Site::new();
    let f = fixture(&mut site);
    Connection::open(&site.db)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
    (site, f)
}

fn says_unknown(e: &StoreError, what: &str, found: &str) {
    let s = e.to_string();
    assert!(matches!(e, StoreError::Sql(_)), "{e:?}");
    assert!(s.contains(what) && s.contains(found), "{s}");
}

#[test]
fn an_unknown_status_is_an_error() {
    let (site, f) = changed("UPDATE visits SET status = 'wandering'");
    let e = site.store.visit(f.budi).unwrap_err();
    says_unknown(&e, "status", "wandering");
}

#[test]
fn an_unknown_role_is_an_error() {
    let (site, _) =
        changed("PRAGMA ignore_check_constraints = ON; UPDATE users SET role = 'guest'");
    let e = site.store.users().unwrap_err();
    says_unknown(&e, "role", "guest");
}

#[test]
fn a_checklist_that_is_not_json_is_an_error() {
    let (site, f) = changed("UPDATE visits SET checklist = 'not json'");
    assert!(matches!(
        site.store.visit(f.budi),
        Err(StoreError::Sql(rusqlite::Error::FromSqlConversionFailure(
            28,
            ..
        )))
    ));
}

#[test]
fn an_unknown_action_is_an_error() {
    let (site, _) = changed(
        "DROP TRIGGER IF EXISTS events_no_update;
         UPDATE events SET action = 'teleported' WHERE id = (SELECT max(id) FROM events)",
    );
    let e = site.store.recent_events(1).unwrap_err();
    says_unknown(&e, "action", "teleported");
}
