//! A database written by an older program opens, migrates to this
//! program's schema and still verifies, before and after new history.

#![allow(clippy::unwrap_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Asia::Jakarta;
use dc_access::store::{SCHEMA_VERSION, Stamp, Store};

const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema3");

fn user_version(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn verify(db: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(["--config", SAMPLE, "--db"])
        .arg(db)
        .arg("verify")
        .output()
        .unwrap()
}

#[test]
fn a_schema_3_database_migrates_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let (db, key) = (data.join("dc-access.db"), data.join("dc-access.key"));
    std::fs::copy(Path::new(FIXTURE).join("dc-access.db"), &db).unwrap();
    std::fs::copy(Path::new(FIXTURE).join("dc-access.key"), &key).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(user_version(&db), 3);
    // Read as it is, without migrating (`verify` opens read-only): the
    // tables of later schemas (the watchlist) are not there, and that is
    // no problem.
    {
        let old = Store::open_read_only(&db, &key).unwrap();
        let audit = old.audit(None).unwrap();
        assert!(audit.is_intact(), "{:?}", audit.problems);
        assert_eq!((audit.visits, audit.watchlist), (24, 0));
    }

    let mut store = Store::open(&db, &key).unwrap();
    assert_eq!(user_version(&db), SCHEMA_VERSION);
    assert!(
        std::fs::read_dir(&data).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("dc-access.db.before-schema-")),
        "the old database was copied aside first"
    );
    let audit = store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
    assert_eq!(
        (audit.visits, audit.accounts, audit.day_reviews),
        (24, 9, 2)
    );

    // New history in the current format on top of the old, and retention
    // over both (the old reviews' notes are in the chain itself).
    let sup = store.find_user("197806152005011003").unwrap();
    let at = Jakarta
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .unwrap()
        .to_utc();
    let stamp = Stamp {
        actor: Some(sup.actor()),
        at,
    };
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    store
        .mark_day_reviewed(day, "Ditinjau dengan program baru", stamp)
        .unwrap();
    let n = store
        .anonymize_before(
            NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(),
            Jakarta,
            stamp,
        )
        .unwrap();
    assert!(n > 0);
    let audit = store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
    drop(store);

    // The command line agrees.
    let o = verify(&db);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("chain intact; 24 visits, 9 accounts"), "{out}");
}
