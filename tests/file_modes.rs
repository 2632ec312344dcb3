//! Everything the program creates is owner-only: the database, its WAL and
//! SHM, the key file, backups, the reports folder and a saved report
//! (files 0600, folders 0700), whatever the caller's umask.
#![cfg(unix)]

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use harness::{OP_NAME, STEP, Site};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o7777
}

fn assert_mode(p: &Path, want: u32) {
    assert_eq!(mode(p), want, "{} is {:04o}", p.display(), mode(p));
}

#[test]
fn database_wal_shm_key_backup_and_report_are_owner_only() {
    let site = Site::new();
    site.add_accounts();
    assert_mode(&site.db, 0o600);
    assert_mode(&site.key, 0o600);

    // A kiosk running: its WAL and SHM exist while it has the file open.
    let mut k = site.kiosk("modes");
    k.wait_for_all(&["Masuk petugas", OP_NAME], STEP);
    let wal = site.db.with_file_name("dc.db-wal");
    let shm = site.db.with_file_name("dc.db-shm");
    assert_mode(&wal, 0o600);
    assert_mode(&shm, 0o600);

    let backups = site.dir.path().join("backups");
    let o = site.cli(&["backup", "--out", backups.to_str().expect("utf-8")], "");
    assert!(o.status.success(), "{o:?}");
    assert_mode(&backups, 0o700);
    let backup = std::fs::read_dir(&backups)
        .expect("backups")
        .next()
        .expect("one backup")
        .expect("entry")
        .path();
    assert_mode(&backup, 0o700);
    for f in ["dc-access.db", "dc-access.key", "manifest.toml"] {
        assert_mode(&backup.join(f), 0o600);
    }

    // A report saved under reports_dir (created with its folder).
    let o = site.cli(&["report", "--date", "2026-11-27", "--format", "pdf"], "");
    assert!(o.status.success(), "{o:?}");
    let reports = site.dir.path().join("data/reports");
    assert_mode(&reports, 0o700);
    let saved: Vec<_> = std::fs::read_dir(&reports)
        .expect("reports folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_mode(&saved[0], 0o600);
    // And a report written where the caller says.
    let out = site.dir.path().join("day.csv");
    let o = site.cli(
        &[
            "report",
            "--date",
            "2026-11-27",
            "--format",
            "csv",
            "--out",
            out.to_str().expect("utf-8"),
        ],
        "",
    );
    assert!(o.status.success(), "{o:?}");
    assert_mode(&out, 0o600);
    drop(k);
}

#[test]
fn a_key_file_others_can_read_is_refused_with_the_chmod_that_fixes_it() {
    let site = Site::new();
    site.add_accounts();
    std::fs::set_permissions(&site.key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let o = site.cli(&["user", "list"], "");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("chmod 600 {}", site.key.display())),
        "{err}"
    );
    // A padded key is refused too, not accepted and then failing every PIN.
    std::fs::set_permissions(&site.key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let key = std::fs::read_to_string(&site.key).expect("key");
    std::fs::write(&site.key, format!("{}00\n", key.trim())).expect("pad the key");
    let o = site.cli(&["user", "list"], "");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("exactly 64 hex digits"), "{err}");
}
