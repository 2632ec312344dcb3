//! The privacy notice (UU 27/2022) on a real store: the agreement and the
//! refusal are on the visit and in its chained events, and `verify` checks
//! the row against them.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Plan, Site, Until, mins, wib};
use dc_access::domain::visit::{Command, FormDraft, NoticeAnswer, Status};
use dc_access::store::Store;
use rusqlite::Connection;

fn events(site: &Site, visit: i64) -> Vec<(String, String)> {
    let c = Connection::open(&site.db).unwrap();
    let mut st = c
        .prepare("SELECT action, details FROM events WHERE visit_id = ?1 ORDER BY id")
        .unwrap();
    st.query_map([visit], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The store closed, `sql` run on the file behind its back, opened
/// again: what `verify` reports (empty when the record still holds).
fn tampered(site: Site, sql: &str) -> String {
    let Site { store, db, key, .. } = site;
    drop(store);
    Connection::open(&db).unwrap().execute_batch(sql).unwrap();
    let audit = Store::open(&db, &key).unwrap().audit(None).unwrap();
    format!("{:?}", audit.problems)
}

#[test]
fn the_agreement_is_on_the_visit_in_its_event_and_verified() {
    let mut site = Site::new();
    let start = wib(2026, 11, 27, 8, 0);
    let id = site.drive(&Plan::new(start, "Budi Santoso", Until::Awaiting));
    let v = site.store.visit(id).unwrap();
    assert_eq!(
        v.notice,
        Some(NoticeAnswer::Agreed {
            at: start + mins(3),
            retention_days: 730
        })
    );
    let completed = events(&site, id.0)
        .into_iter()
        .find(|(a, _)| a == "form_completed")
        .unwrap();
    let d: serde_json::Value = serde_json::from_str(&completed.1).unwrap();
    assert_eq!(
        d["notice"],
        serde_json::json!({ "agreed": true, "retention_days": 730 })
    );
    let audit = site.store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
    // The paper of the visit carries it (printed above the signatures).
    let config = dc_access::config::Config::default();
    let doc = dc_access::report::visit_doc(&site.store, id, &config, start + mins(30)).unwrap();
    assert_eq!(
        doc.notice_agreed,
        Some((
            (start + mins(3)).with_timezone(&chrono_tz::Asia::Jakarta),
            730
        ))
    );

    // The row changed behind the program's back: verify names the column.
    let problems = tampered(
        site,
        &format!(
            "UPDATE visits SET notice_retention_days = 30 WHERE id = {}",
            id.0
        ),
    );
    assert!(problems.contains("notice_retention_days"), "{problems}");
}

#[test]
fn a_refusal_cancels_the_visit_gives_the_id_back_and_is_verified() {
    let mut site = Site::new();
    let op = site.op.actor();
    let at = wib(2026, 11, 27, 9, 0);
    let v = site.store.create_visit(op, at).unwrap();
    let draft = FormDraft {
        full_name: "Citra Lestari".into(),
        id_type: "KTP".into(),
        id_number: "3201014506900002".into(),
        id_held: true,
        ..FormDraft::default()
    };
    site.store.save_draft(v.id, &draft).unwrap();
    let done = site
        .store
        .apply(v.id, &Command::RefuseNotice, op, at + mins(4))
        .unwrap();
    assert_eq!(done.status, Status::Cancelled);
    assert_eq!(
        done.notice,
        Some(NoticeAnswer::Refused { at: at + mins(4) })
    );
    assert_eq!(done.id_returned_at, Some(at + mins(4)));
    let stored = site.store.visit(v.id).unwrap();
    assert_eq!(stored, done);
    let (action, details) = events(&site, v.id.0).pop().unwrap();
    assert_eq!(action, "cancelled");
    let d: serde_json::Value = serde_json::from_str(&details).unwrap();
    assert_eq!(d["notice_refused"], serde_json::json!(true));
    assert_eq!(d["id_returned"], serde_json::json!(true));
    // Not on the dashboard any more: the visit is closed.
    let open = site.store.open_visits().unwrap();
    assert!(open.iter().all(|s| s.visit.id != v.id));
    let audit = site.store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);

    // A refusal turned into an agreement in the row: verify sees it.
    let problems = tampered(
        site,
        &format!(
            "UPDATE visits SET notice_answer = 'agreed', notice_retention_days = 730 WHERE id = {}",
            v.id.0
        ),
    );
    assert!(problems.contains("notice_answer"), "{problems}");
}
