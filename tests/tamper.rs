//! One case per kind of tampering: each makes `dc-access verify` (the real
//! binary) exit 1 with a message that names what was changed. The database
//! is built through the `Store` API, closed, and then changed with plain
//! `rusqlite`, as someone with a shell on the door PC would.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Fixture, Site, by, date, fixture, wib};
use dc_access::domain::visit::{Command as Cmd, VisitId};
use dc_access::store::{Store, Throttle};
use rusqlite::Connection;

const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

/// A closed database with a varied history, and its files.
struct History {
    dir: tempfile::TempDir,
    db: PathBuf,
    key: PathBuf,
    f: Fixture,
    sup: i64,
    op: i64,
}

/// The fixture's visits plus a day review, a correction, a wrong PIN, a
/// PIN reset and an anonymisation of the oldest visits.
fn history() -> History {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let at = wib(2026, 11, 28, 12, 0);
    let s = &mut site.store;
    s.mark_day_reviewed(date(2026, 11, 27), "Semua sesuai", by(&site.sup, at))
        .unwrap();
    s.add_correction(f.budi, "Jam keluar dicatat ulang", by(&site.sup, at))
        .unwrap();
    s.check_pin(site.op.id, "000000", "sign_in", Throttle::default(), at)
        .unwrap();
    let pin = dc_access::domain::fields::Pin::try_from("739251").unwrap();
    s.reset_pin(site.sup2.id, &pin, by(&site.sup, at)).unwrap();
    let tz = chrono_tz::Asia::Jakarta;
    assert_eq!(
        s.anonymize_before(date(2026, 10, 16), tz, by(&site.sup, at))
            .unwrap(),
        2
    );
    let Site {
        dir,
        db,
        key,
        store,
        sup,
        op,
        ..
    } = site;
    drop(store);
    History {
        dir,
        db,
        key,
        f,
        sup: sup.id.0,
        op: op.id.0,
    }
}

impl History {
    fn raw(&self) -> Connection {
        let c = Connection::open(&self.db).unwrap();
        c.execute_batch("PRAGMA foreign_keys = OFF; DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;")
            .unwrap();
        c
    }

    fn sql(&self, sql: &str) {
        self.raw().execute_batch(sql).unwrap();
    }

    fn id_of(&self, sql: &str) -> i64 {
        Connection::open(&self.db)
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }

    fn event(&self, action: &str, visit: VisitId) -> i64 {
        self.id_of(&format!(
            "SELECT id FROM events WHERE action = '{action}' AND visit_id = {}",
            visit.0
        ))
    }

    fn last_event(&self) -> i64 {
        self.id_of("SELECT max(id) FROM events")
    }

    fn head_file(&self) -> PathBuf {
        self.key.with_extension("head")
    }

    fn verify(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .current_dir(self.dir.path())
            .arg("--config")
            .arg(SAMPLE)
            .arg("--db")
            .arg(&self.db)
            .arg("verify")
            .args(args)
            .output()
            .unwrap()
    }

    /// `verify` exits 1 and says `needle` (on stderr).
    fn fails(&self, needle: &str) {
        let o = self.verify(&[]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    }

    fn passes(&self) -> String {
        let o = self.verify(&[]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }
}

#[test]
fn untouched_history_verifies() {
    let h = history();
    let out = h.passes();
    assert!(
        out.contains("chain intact; 8 visits, 3 accounts, 1 lost badges, 1 day reviews"),
        "{out}"
    );
    assert!(out.contains("matches the head file"), "{out}");
}

// ------------------------------------------------------------------ events

#[test]
fn an_event_edited() {
    let h = history();
    let e = h.event("approved", h.f.budi);
    h.sql(&format!("UPDATE events SET at = at - 60 WHERE id = {e}"));
    h.fails(&format!("event {e} (approved): HMAC does not match"));
}

#[test]
fn an_event_deleted_in_the_middle() {
    let h = history();
    let e = h.event("submitted", h.f.budi);
    h.sql(&format!("DELETE FROM events WHERE id = {e}"));
    h.fails(&format!(
        "ids jump from {} to {}: 1 event(s) deleted",
        e - 1,
        e + 1
    ));
}

#[test]
fn events_deleted_at_the_end() {
    let h = history();
    let last = h.last_event();
    h.sql(&format!("DELETE FROM events WHERE id > {}", last - 2));
    h.fails(&format!(
        "records {last} events, the database ends at event {}: 2 event(s) missing at the end",
        last - 2
    ));
}

#[test]
fn all_events_deleted() {
    let h = history();
    h.sql("DELETE FROM event_private; DELETE FROM events;");
    h.fails("event(s) missing at the end");
    h.fails("table users, row 1: no event created it");
    h.fails("table visits, row 1: no event created it");
}

#[test]
fn an_event_inserted() {
    let h = history();
    let last = h.last_event();
    h.sql(&format!(
        "INSERT INTO events (id, visit_id, step, action, actor, at, details, hmac)
         SELECT {}, visit_id, step, action, actor, at + 60, details, hmac FROM events WHERE id = {last}",
        last + 1
    ));
    h.fails(&format!("event {}", last + 1));
    h.fails("HMAC does not match");
}

#[test]
fn events_reordered() {
    let h = history();
    let a = h.event("approved", h.f.budi);
    let b = h.event("badge_issued", h.f.budi);
    h.sql(&format!(
        "CREATE TEMP TABLE x AS SELECT * FROM events WHERE id IN ({a}, {b});
         UPDATE events SET (step, action, actor, at, details, hmac) =
           (SELECT step, action, actor, at, details, hmac FROM x WHERE x.id = {b}) WHERE id = {a};
         UPDATE events SET (step, action, actor, at, details, hmac) =
           (SELECT step, action, actor, at, details, hmac FROM x WHERE x.id = {a}) WHERE id = {b};"
    ));
    h.fails(&format!("event {a} (badge_issued): HMAC does not match"));
    h.fails(&format!("event {b} (approved): HMAC does not match"));
}

#[test]
fn values_stored_as_another_type() {
    // The same bytes as a blob, or text that is not UTF-8: the program
    // never writes either, and the pass cannot read them; every such value
    // is named, not a database error.
    let h = history();
    let e = h.event("approved", h.f.budi);
    let e2 = h.event("submitted", h.f.budi);
    let v = h.f.citra.0;
    h.sql(&format!(
        "UPDATE events SET action = CAST(action AS BLOB) WHERE id = {e};
         UPDATE events SET details = CAST(X'7B22FF7D' AS TEXT) WHERE id = {e2};
         UPDATE visits SET status = CAST(status AS BLOB) WHERE id = {v};
         UPDATE visits SET organisation = CAST(X'41FF42' AS TEXT) WHERE id = {v};"
    ));
    h.fails(&format!(
        "table events, row {e}, column action: stored as blob, not text: changed outside dc-access"
    ));
    h.fails(&format!(
        "table events, row {e2}, column details: stored as text that is not UTF-8"
    ));
    h.fails(&format!(
        "table visits, row {v}, column status: stored as blob, not text"
    ));
    h.fails(&format!(
        "table visits, row {v}, column organisation: stored as text that is not UTF-8"
    ));
}

#[test]
fn checklist_that_is_not_a_checklist() {
    let h = history();
    let v = h.f.budi.0;
    h.sql(&format!(
        "UPDATE visits SET checklist = '[1]' WHERE id = {v}"
    ));
    h.fails(&format!(
        "table visits, row {v}, column checklist: stored as text that does not read as a checklist"
    ));
}

#[test]
fn checkout_draft_on_a_visit_not_inside() {
    // A draft is kept only while the visitor is inside; the step that lets
    // them out clears it.
    let h = history();
    let v = h.f.budi.0;
    h.sql(&format!(
        "UPDATE visits SET checkout_draft = '{{}}' WHERE id = {v}"
    ));
    h.fails(&format!(
        "table visits, row {v}, column checkout_draft: differs from the record (no event sets it)"
    ));
}

#[test]
fn findings_to_a_closed_pipe_still_exit_1() {
    // `dc-access verify 2>&1 | head -1`: the reader goes before the lines
    // come. The command must still end with its own code (a closed pipe
    // made `eprintln!` panic: exit 101).
    let h = history();
    let e = h.event("approved", h.f.budi);
    h.sql(&format!("UPDATE events SET at = at - 60 WHERE id = {e}"));
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = Command::new(BIN)
        .current_dir(h.dir.path())
        .arg("--config")
        .arg(SAMPLE)
        .arg("--db")
        .arg(&h.db)
        .arg("verify")
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_table_or_column_dropped() {
    let h = history();
    h.sql("DROP TABLE day_reviews");
    h.fails("no such table: day_reviews: dropped outside dc-access");
    let h = history();
    h.sql("ALTER TABLE visits DROP COLUMN letter_issuer");
    h.fails("no such column: letter_issuer: dropped outside dc-access");
}

#[test]
fn schema_version_lowered() {
    // Read as an older schema, the newer columns would be taken for
    // changes one by one: the lowered version is told instead.
    let h = history();
    h.sql("PRAGMA user_version = 5");
    h.fails(
        "PRAGMA user_version is 5, but table plans of schema 6 is there: \
         the version was changed outside dc-access",
    );
}

// ---------------------------------------------------------------- visits

#[test]
fn visit_status_edited() {
    let h = history();
    let v = h.f.citra.0;
    h.sql(&format!(
        "UPDATE visits SET status = 'archived' WHERE id = {v}"
    ));
    let e = h.event("badge_issued", h.f.citra);
    h.fails(&format!(
        "table visits, row {v}, column status: is archived, expected inside (set by event {e} (badge_issued))"
    ));
}

#[test]
fn visit_approver_set_to_the_submitter() {
    let h = history();
    let v = h.f.budi.0;
    h.sql(&format!(
        "UPDATE visits SET decided_by = {} WHERE id = {v}",
        h.op
    ));
    let e = h.event("approved", h.f.budi);
    h.fails(&format!(
        "table visits, row {v}, column decided_by: is {}, expected {} (set by event {e} (approved))",
        h.op, h.sup
    ));
}

#[test]
fn visit_badge_edited() {
    let h = history();
    let v = h.f.citra.0;
    h.sql(&format!("UPDATE visits SET badge = 'V-09' WHERE id = {v}"));
    h.fails(&format!(
        "table visits, row {v}, column badge: is V-09, expected V-02"
    ));
}

#[test]
fn visit_times_edited() {
    let h = history();
    let v = h.f.budi.0;
    h.sql(&format!(
        "UPDATE visits SET exited_at = exited_at - 600 WHERE id = {v}"
    ));
    let e = h.event("checked_out", h.f.budi);
    h.fails(&format!("table visits, row {v}, column exited_at"));
    h.fails(&format!("(set by event {e} (checked_out))"));
}

#[test]
fn submitted_form_edited() {
    let h = history();
    let v = h.f.budi.0;
    h.sql(&format!(
        "UPDATE visits SET full_name = 'Orang Lain' WHERE id = {v}"
    ));
    let e = h.event("submitted", h.f.budi);
    h.fails(&format!(
        "table visits, row {v}, column full_name: differs from the record (set by event {e} (submitted))"
    ));
}

#[test]
fn assignment_letter_added_afterwards() {
    let h = history();
    let v = h.f.budi.0;
    h.sql(&format!(
        "UPDATE visits SET letter_number = '090/1/ST/2026' WHERE id = {v}"
    ));
    h.fails(&format!(
        "table visits, row {v}, column letter_number: is 090/1/ST/2026, expected  (set by event"
    ));
}

#[test]
fn reject_reason_edited() {
    let h = history();
    let v = h.f.dede.0;
    h.sql(&format!(
        "UPDATE visits SET reject_reason = 'Lain' WHERE id = {v}"
    ));
    h.fails(&format!("table visits, row {v}, column reject_reason"));
}

#[test]
fn checklist_edited() {
    let h = history();
    let v = h.f.late.0;
    h.sql(&format!(
        "UPDATE visits SET checklist = replace(checklist, 'false', 'true'), flagged = 0 WHERE id = {v}"
    ));
    h.fails(&format!("table visits, row {v}, column checklist"));
    h.fails(&format!(
        "table visits, row {v}, column flagged: is false, expected true"
    ));
}

#[test]
fn anonymised_flag_forged() {
    let h = history();
    let v = h.f.budi.0;
    h.sql(&format!("UPDATE visits SET anonymized = 2 WHERE id = {v}"));
    h.fails(&format!(
        "table visits, row {v}, column anonymized: is 2, expected 0"
    ));
}

#[test]
fn visit_row_inserted_or_deleted() {
    let h = history();
    h.sql(&format!(
        "INSERT INTO visits (id, status, started_by, started_at) VALUES (999, 'draft', {}, 0)",
        h.op
    ));
    h.fails("table visits, row 999: no event created it");
    let v = h.f.waiting.0;
    h.sql(&format!("DELETE FROM visits WHERE id = {v}"));
    h.fails(&format!("table visits, row {v}: missing (event"));
}

// ---------------------------------------------------------------- accounts

#[test]
fn operator_raised_to_supervisor() {
    let h = history();
    h.sql(&format!(
        "UPDATE users SET role = 'supervisor' WHERE id = {}",
        h.op
    ));
    h.fails(&format!(
        "table users, row {}, column role: is supervisor, expected operator",
        h.op
    ));
}

/// An account change signed by an operator (the chain is right: written
/// through the store, as a program without the supervisor check would).
#[test]
fn account_change_by_an_operator() {
    let h = history();
    let mut s = Store::open(&h.db, &h.key).unwrap();
    let op = s.user(dc_access::domain::visit::UserId(h.op)).unwrap();
    s.disable_user(
        dc_access::domain::visit::UserId(h.sup),
        by(&op, wib(2026, 11, 28, 13, 0)),
    )
    .unwrap();
    drop(s);
    h.fails(&format!(
        "(user_disabled) does not replay: made by account {}, which is not a supervisor's",
        h.op
    ));
}

#[test]
fn pin_hash_copied_to_another_account() {
    let h = history();
    h.sql(&format!(
        "UPDATE users SET pin_hash = (SELECT pin_hash FROM users WHERE id = {}) WHERE id = {}",
        h.sup, h.op
    ));
    h.fails(&format!("table users, row {}, column pin_hash", h.op));
}

#[test]
fn account_active_and_lock_edited() {
    let h = history();
    h.sql(&format!(
        "UPDATE users SET active = 0 WHERE id = {sup}; UPDATE users SET failed_pins = 0 WHERE id = {op}",
        sup = h.sup,
        op = h.op
    ));
    h.fails(&format!(
        "table users, row {}, column active: is false, expected true",
        h.sup
    ));
    h.fails(&format!(
        "table users, row {}, column failed_pins: is 0, expected 1",
        h.op
    ));
    h.sql(&format!("UPDATE users SET locked = 1 WHERE id = {}", h.op));
    h.fails(&format!("table users, row {}, column locked", h.op));
}

#[test]
fn account_name_edited() {
    let h = history();
    h.sql(&format!(
        "UPDATE users SET name = 'Orang Lain' WHERE id = {}",
        h.sup
    ));
    h.fails(&format!("table users, row {}, column name/nip", h.sup));
}

// ------------------------------------------------- lost badges, day reviews

#[test]
fn lost_badge_removed_or_added() {
    let h = history();
    h.sql("DELETE FROM lost_badges");
    h.fails("table lost_badges, row V-03: missing (event");
    h.sql("INSERT INTO lost_badges (badge, visit_id, lost_at) VALUES ('V-55', NULL, 0)");
    h.fails("table lost_badges, row V-55: no event created it");
}

#[test]
fn day_review_edited() {
    let h = history();
    h.sql(&format!(
        "UPDATE day_reviews SET reviewed_by = {}, note = 'Ada masalah'",
        h.op
    ));
    h.fails("table day_reviews, row 2026-11-27, column reviewed_by");
    h.fails("table day_reviews, row 2026-11-27, column note");
}

// ------------------------------------------------------- private values

#[test]
fn private_value_edited_or_deleted() {
    let h = history();
    let e = h.event("rejected", h.f.dede);
    h.sql(&format!(
        "UPDATE event_private SET value = '\"Lain\"' WHERE event_id = {e}"
    ));
    h.fails(&format!(
        "table event_private, event {e}, field reason: does not match the hash its event chains"
    ));
    h.sql(&format!("DELETE FROM event_private WHERE event_id = {e}"));
    h.fails(&format!(
        "table event_private, event {e}, field reason: deleted, but the visit is not anonymised"
    ));
}

// ----------------------------------------------------------- key and head

#[test]
fn key_swapped() {
    let h = history();
    std::fs::write(&h.key, format!("{}\n", "ab".repeat(32))).unwrap();
    let o = h.verify(&[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("key file"));
}

#[test]
fn key_padded() {
    let h = history();
    let key = std::fs::read_to_string(&h.key).unwrap();
    std::fs::write(&h.key, format!("{}00ff\n", key.trim())).unwrap();
    let o = h.verify(&[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("key file"));
}

#[test]
fn key_missing_is_could_not_run() {
    let h = history();
    std::fs::remove_file(&h.key).unwrap();
    assert_eq!(h.verify(&[]).status.code(), Some(2));
    assert!(!h.key.exists(), "verify never creates a key");
}

#[test]
fn head_file_behind_or_ahead() {
    let h = history();
    let last = h.last_event();
    let hmac_of = |id: i64| -> String {
        Connection::open(&h.db)
            .unwrap()
            .query_row("SELECT hmac FROM events WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    };
    std::fs::write(
        h.head_file(),
        format!("{}:{}\n", last - 1, hmac_of(last - 1)),
    )
    .unwrap();
    h.fails(&format!(
        "records {} events, the database has {last}: the head file is behind",
        last - 1
    ));
    std::fs::write(h.head_file(), format!("{}:{}\n", last + 3, "0".repeat(64))).unwrap();
    h.fails("3 event(s) missing at the end");
    std::fs::write(h.head_file(), format!("{last}:{}\n", "0".repeat(64))).unwrap();
    h.fails(&format!("records event {last} with another HMAC"));
}

#[test]
fn expect_head_from_a_report() {
    let h = history();
    // The newest event changes no row (a sign-out), so only the end of the
    // log tells that it was cut off.
    let mut store = Store::open(&h.db, &h.key).unwrap();
    let stamp = dc_access::store::Stamp {
        actor: None,
        at: wib(2026, 11, 28, 13, 0),
    };
    store
        .record_event(
            None,
            0,
            dc_access::domain::audit::AuditAction::SignedOut,
            stamp,
            &serde_json::json!({}),
        )
        .unwrap();
    drop(store);
    let last = h.last_event();
    let hmac: String = Connection::open(&h.db)
        .unwrap()
        .query_row("SELECT hmac FROM events WHERE id = ?1", [last], |r| {
            r.get(0)
        })
        .unwrap();
    let good = format!("{last}:{hmac}");
    assert_eq!(h.verify(&["--expect-head", &good]).status.code(), Some(0));
    let past = format!("{}:{hmac}", last + 1);
    let o = h.verify(&["--expect-head", &past]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&format!("event {} is missing", last + 1)));
    let wrong = format!("{last}:{}", "1".repeat(64));
    let o = h.verify(&["--expect-head", &wrong]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("has another HMAC"));
    // Deleting the end and rewriting the head file does not fool the paper.
    h.sql(&format!("DELETE FROM events WHERE id = {last}"));
    let earlier = hmac_of_db(&h.db, last - 1);
    std::fs::write(h.head_file(), format!("{}:{earlier}\n", last - 1)).unwrap();
    assert_eq!(
        h.verify(&[]).status.code(),
        Some(0),
        "the head file alone is fooled"
    );
    let o = h.verify(&["--expect-head", &good]);
    assert_eq!(o.status.code(), Some(1));
    let bad = h.verify(&["--expect-head", "12"]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a malformed head is a usage error"
    );
}

fn hmac_of_db(db: &Path, id: i64) -> String {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT hmac FROM events WHERE id = ?1", [id], |r| r.get(0))
        .unwrap()
}

// ------------------------------------------------------------- read-only

/// `verify` and `report` only read: the database file, the head file and
/// the folder are exactly as before, and they work where the `-wal` and
/// `-shm` files cannot be created (a directory stands in their way, which
/// stops root too, unlike file modes).
#[test]
fn verify_and_report_only_read() {
    let h = history();
    let db_before = std::fs::read(&h.db).unwrap();
    let head_before = std::fs::read(h.head_file()).unwrap();
    let listing = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let folder = h.db.parent().unwrap().to_path_buf();
    // Block the WAL index and the WAL: SQLite cannot create either.
    let shm = folder.join("dc-access.db-shm");
    std::fs::create_dir(&shm).unwrap();
    let names_before = listing(&folder);
    h.passes();
    let report = Command::new(BIN)
        .current_dir(h.dir.path())
        .arg("--config")
        .arg(SAMPLE)
        .arg("--db")
        .arg(&h.db)
        .args(["report", "--date", "2026-11-27", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(String::from_utf8_lossy(&report.stdout).contains("Budi Santoso"));
    assert_eq!(
        std::fs::read(&h.db).unwrap(),
        db_before,
        "database unchanged"
    );
    assert_eq!(std::fs::read(h.head_file()).unwrap(), head_before);
    assert_eq!(listing(&folder), names_before, "no file created or removed");

    // A store opened read-only refuses to write.
    std::fs::remove_dir(&shm).unwrap();
    let mut ro = Store::open_read_only(&h.db, &h.key).unwrap();
    let op = ro.user(dc_access::domain::visit::UserId(h.op)).unwrap();
    assert!(
        ro.apply(
            h.f.waiting,
            &Cmd::Archive,
            op.actor(),
            wib(2026, 12, 1, 8, 0)
        )
        .is_err()
    );
    assert!(ro.create_visit(op.actor(), wib(2026, 12, 1, 8, 0)).is_err());
    drop(ro);
    assert_eq!(
        std::fs::read(&h.db).unwrap(),
        db_before,
        "database unchanged"
    );
}
