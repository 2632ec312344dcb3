//! After `anonymize` the personal data is gone from the files themselves
//! (database and WAL bytes, search index, chained events), the record
//! still verifies, and the counts are unchanged.

#![allow(clippy::unwrap_used)]

mod common;

use chrono_tz::Asia::Jakarta;
use common::{Site, by, date, fixture, wib};
use dc_access::config::Standards;
use dc_access::domain::days::day_bounds;
use dc_access::domain::visit::Status;
use dc_access::store::Page;

fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn personal_data_is_gone_from_the_bytes() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let at = wib(2026, 11, 28, 12, 0);
    site.store
        .add_correction(f.budi, "Jam keluar dicatat ulang", by(&site.sup, at))
        .unwrap();
    // An old draft that was never finished.
    let old = site
        .store
        .create_visit(site.op.actor(), wib(2026, 11, 20, 9, 0))
        .unwrap();
    let mut draft = site.store.visit(old.id).unwrap().form;
    draft.full_name = "Wulan Sari Dewi".into();
    draft.id_number = "3201011505859999".into();
    site.store.save_draft(old.id, &draft).unwrap();

    let (from, _) = day_bounds(date(2026, 11, 1), Jakarta);
    let (to, _) = day_bounds(date(2026, 12, 1), Jakarta);
    let now = wib(2026, 11, 28, 12, 0);
    let stats =
        |s: &dc_access::store::Store| s.range_stats(from, to, now, &Standards::default()).unwrap();
    let before = stats(&site.store);

    // Visits started before 28 Nov: september, october, early (cancelled),
    // budi (archived), dede (rejected), the old draft (cancelled now).
    let n = site
        .store
        .anonymize_before(date(2026, 11, 28), Jakarta, by(&site.sup, at))
        .unwrap();
    assert_eq!(n, 6);
    let v = site.store.visit(old.id).unwrap();
    assert_eq!(v.status, Status::Cancelled);
    assert_eq!(v.cancel_reason.as_deref(), Some("(anonim)"));

    let after = stats(&site.store);
    assert_eq!(after.visitors, before.visitors);
    assert_eq!(after.by_purpose, before.by_purpose);
    assert_eq!(after.by_organisation, before.by_organisation);
    assert_eq!(after.rejected, before.rejected);

    // The search index no longer finds them.
    assert!(
        site.store
            .search_visits("Santoso", Page::first(10))
            .unwrap()
            .is_empty()
    );
    assert!(
        site.store
            .search_visits("Wulan", Page::first(10))
            .unwrap()
            .is_empty()
    );

    let Site {
        dir,
        db,
        key,
        store,
        ..
    } = site;
    let audit = store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
    drop(store);

    let mut bytes = file_bytes(&db);
    for suffix in ["-wal", "-shm"] {
        let mut p = db.clone().into_os_string();
        p.push(suffix);
        bytes.extend(file_bytes(std::path::Path::new(&p)));
    }
    for personal in [
        "Budi Santoso",
        "Eka Putra",
        "Dédé Sétiawan",
        "B7654321",
        "Wulan Sari Dewi",
        "3201011505859999",
        "Tidak terjadwal",
        "Jam keluar dicatat ulang",
    ] {
        assert!(
            !contains(&bytes, personal),
            "{personal:?} still in the files"
        );
    }
    // What is kept is still there.
    assert!(
        contains(&bytes, "Fajar Nugroho"),
        "newer visits keep their data"
    );
    let reopened = dc_access::store::Store::open_read_only(&db, &key).unwrap();
    assert!(reopened.audit(None).unwrap().is_intact());
    drop(dir);
}

/// A supervisor's note on a day may name a visitor: anonymising the day
/// empties it, in the row and in the files, and the record still verifies.
#[test]
fn day_review_notes_are_cleared() {
    let mut site = Site::new();
    fixture(&mut site);
    let at = wib(2026, 11, 28, 12, 0);
    let old_note = "Sdr. Wirawan Kusumo datang tanpa surat tugas";
    let new_note = "Hari ini semua sesuai";
    for (day, note) in [
        (date(2026, 11, 20), old_note),
        (date(2026, 11, 28), new_note),
    ] {
        site.store
            .mark_day_reviewed(day, note, by(&site.sup, at))
            .unwrap();
    }
    site.store
        .anonymize_before(date(2026, 11, 28), Jakarta, by(&site.sup, at))
        .unwrap();
    let note = |s: &dc_access::store::Store, d| s.day_review(d).unwrap().unwrap().note;
    assert_eq!(note(&site.store, date(2026, 11, 20)), "");
    assert_eq!(note(&site.store, date(2026, 11, 28)), new_note);
    let ev = &site.store.recent_events(1).unwrap()[0];
    let details: serde_json::Value = serde_json::from_str(&ev.details).unwrap();
    assert_eq!(details["reviews_before"], "2026-11-28");
    assert_eq!(details["reviews"], 1);

    // A review written again afterwards keeps its new note.
    site.store
        .mark_day_reviewed(date(2026, 11, 20), "Ditinjau ulang", by(&site.sup, at))
        .unwrap();
    assert_eq!(note(&site.store, date(2026, 11, 20)), "Ditinjau ulang");

    let Site { db, store, dir, .. } = site;
    let audit = store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
    drop(store);
    let mut bytes = file_bytes(&db);
    let mut wal = db.clone().into_os_string();
    wal.push("-wal");
    bytes.extend(file_bytes(std::path::Path::new(&wal)));
    assert!(
        !contains(&bytes, "Wirawan Kusumo"),
        "the note is in the files"
    );
    assert!(contains(&bytes, new_note));
    drop(dir);
}

/// Emptying a review's note by hand (without `anonymize`) is found.
#[test]
fn a_review_note_emptied_by_hand_is_found() {
    let mut site = Site::new();
    fixture(&mut site);
    let at = wib(2026, 11, 28, 12, 0);
    site.store
        .mark_day_reviewed(date(2026, 11, 20), "Semua sesuai", by(&site.sup, at))
        .unwrap();
    let Site {
        db,
        key,
        store,
        dir,
        ..
    } = site;
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE day_reviews SET note = ''", [])
        .unwrap();
    drop(conn);
    let store = dc_access::store::Store::open_read_only(&db, &key).unwrap();
    let audit = store.audit(None).unwrap();
    assert!(!audit.is_intact());
    assert!(
        audit
            .problems
            .iter()
            .any(|p| p.to_string().contains("day_reviews")),
        "{:?}",
        audit.problems
    );
    drop(dir);
}

/// Home asks whether visits past the retention period still hold
/// personal data: the oldest such visit's day, until `anonymize` ran up to
/// that period; a visit still open before the decision counts (anonymize
/// cancels it), one inside or checked out does not.
#[test]
fn retention_due_names_the_oldest_visit_until_anonymize_ran() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let due = |s: &Site, d| s.store.retention_due(d, Jakarta).unwrap();
    // September 1st is the oldest visit; nothing before it.
    assert_eq!(due(&site, date(2026, 11, 28)), Some(date(2026, 9, 1)));
    assert_eq!(due(&site, date(2026, 9, 1)), None);
    let at = wib(2026, 11, 28, 12, 0);
    site.store
        .anonymize_before(date(2026, 10, 16), Jakarta, by(&site.sup, at))
        .unwrap();
    assert_eq!(due(&site, date(2026, 10, 16)), None);
    // Left: the visits of 27 November on.
    assert_eq!(due(&site, date(2026, 11, 28)), Some(date(2026, 11, 27)));
    site.store
        .anonymize_before(date(2026, 11, 28), Jakarta, by(&site.sup, at))
        .unwrap();
    assert_eq!(due(&site, date(2026, 11, 28)), None);
    // On the 28th: one checked out, one inside (anonymize leaves both),
    // and one awaiting approval (anonymize would cancel it).
    assert_eq!(due(&site, date(2026, 11, 29)), Some(date(2026, 11, 28)));
    site.store
        .anonymize_before(date(2026, 11, 29), Jakarta, by(&site.sup, at))
        .unwrap();
    assert_eq!(
        site.store.visit(f.waiting).unwrap().status,
        Status::Cancelled
    );
    for v in [f.late, f.citra] {
        assert_ne!(site.store.visit(v).unwrap().form.full_name, "(anonim)");
    }
    assert_eq!(due(&site, date(2026, 11, 29)), None);
}
