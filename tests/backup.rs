//! `dc-access backup` and `restore` as the real binary, and the copy a
//! schema upgrade takes first.

#![allow(clippy::unwrap_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use std::io::Write;

const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

/// A checkout-like folder: `config/dc-access.toml`, data in `data/`.
/// The supervisor every site starts with (PIN 482916).
const BUDI: &str = "198501152010011001";

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        std::fs::copy(SAMPLE, dir.path().join("config/dc-access.toml")).unwrap();
        Site { dir }
    }

    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(BIN)
            .current_dir(self.dir.path())
            .env_remove("DC_ACCESS_CONFIG")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str], stdin: &str) -> String {
        let o = self.run(args, stdin);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// The first account is the supervisor Budi (PIN 482916); later ones
    /// are operators he adds.
    fn add(&self, name: &str, nip: &str) {
        let first = !self.data().join("dc-access.db").exists();
        let mut args = vec!["user", "add", "--name", name, "--nip", nip, "--role"];
        if first {
            args.extend(["supervisor", "--pin-stdin"]);
            self.ok(&args, "482916\n");
        } else {
            args.extend(["operator", "--as", BUDI, "--pin-stdin"]);
            self.ok(&args, "482916\n582047\n");
        }
    }

    /// `restore FROM --force`, by the supervisor Budi.
    fn restore_as_budi(&self, from: &Path) -> Output {
        let from = from.to_str().unwrap();
        let args = ["restore", from, "--force", "--as", BUDI, "--pin-stdin"];
        self.run(&args, "482916\n")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn backups(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn backup_holds_database_key_and_manifest_owner_only_and_keeps_n() {
    let s = Site::new();
    s.add("Budi Santoso", BUDI);
    let out = s.dir.path().join("backups");
    let o = s.ok(
        &["backup", "--out", out.to_str().unwrap(), "--keep", "2"],
        "",
    );
    assert!(o.contains("backup written to"), "{o}");
    let first = backups(&out);
    assert_eq!(first.len(), 1);
    let b = &first[0];
    // Named by the site's local time and zone, as the office reads clocks
    // (the daily timer's 18:30 is 18:30 in the name, not 11:30 UTC).
    let name = b.file_name().unwrap().to_string_lossy().into_owned();
    let stamp = name
        .strip_prefix("dc-access-")
        .and_then(|n| n.strip_suffix("-WIB"))
        .unwrap_or_else(|| panic!("{name}"));
    let named = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").unwrap();
    let local = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .naive_local();
    assert!(
        (local - named).num_seconds().abs() < 120,
        "{name} at {local}"
    );
    assert_eq!(mode(&out), 0o700);
    assert_eq!(mode(b), 0o700);
    for f in ["dc-access.db", "dc-access.key", "manifest.toml"] {
        assert_eq!(mode(&b.join(f)), 0o600, "{f}");
    }
    assert_eq!(
        std::fs::read(b.join("dc-access.key")).unwrap(),
        std::fs::read(s.data().join("dc-access.key")).unwrap()
    );
    let manifest = std::fs::read_to_string(b.join("manifest.toml")).unwrap();
    assert!(manifest.contains("events = 1"), "{manifest}");
    assert!(manifest.contains(&format!(
        "schema_version = {}",
        dc_access::store::SCHEMA_VERSION
    )));
    assert!(manifest.contains(&format!(
        "program_version = \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    let head = dc_access::store::Store::open(&b.join("dc-access.db"), &b.join("dc-access.key"))
        .unwrap()
        .chain_head()
        .unwrap();
    assert!(manifest.contains(&head.last_hmac), "{manifest}");

    // Two more, one per second (the folder names are dated to the second):
    // the oldest goes.
    for _ in 0..2 {
        let before = backups(&out).last().cloned();
        loop {
            let o = s.run(
                &["backup", "--out", out.to_str().unwrap(), "--keep", "2"],
                "",
            );
            if o.status.success() {
                break;
            }
            // Same second as the last one: refused, nothing overwritten.
            assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
            assert_eq!(backups(&out).last().cloned(), before);
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
    let now = backups(&out);
    assert_eq!(now.len(), 2, "{now:?}");
    assert!(!now.contains(b), "the oldest was removed");
}

#[test]
fn restore_verifies_refuses_without_force_and_keeps_the_replaced_one() {
    let s = Site::new();
    s.add("Budi Santoso", BUDI);
    let out = s.dir.path().join("backups");
    s.ok(&["backup", "--out", out.to_str().unwrap()], "");
    let b = backups(&out).pop().unwrap();
    // A change after the backup.
    s.add("Dewi Lestari", "199103032016042003");

    let o = s.run(&["restore", b.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert!(s.ok(&["user", "list"], "").contains("Dewi"), "untouched");

    // Replacing a database needs one of its supervisors.
    let o = s.run(&["restore", b.to_str().unwrap(), "--force"], "");
    assert_eq!(o.status.code(), Some(3));
    assert!(s.ok(&["user", "list"], "").contains("Dewi"), "untouched");
    let o = s.restore_as_budi(&b);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = String::from_utf8(o.stdout).unwrap();
    assert!(o.contains("kept the replaced file as"), "{o}");
    let list = s.ok(&["user", "list"], "");
    assert!(list.contains("Budi") && !list.contains("Dewi"), "{list}");
    let v = s.ok(&["verify"], "");
    assert!(v.starts_with("1 events, chain intact"), "{v}");
    let aside: Vec<_> = std::fs::read_dir(s.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".replaced-"))
        .collect();
    assert!(
        aside
            .iter()
            .any(|n| n.starts_with("dc-access.db.replaced-") && n.ends_with("-WIB")),
        "{aside:?}"
    );
    assert!(
        aside
            .iter()
            .any(|n| n.starts_with("dc-access.key.replaced-")),
        "{aside:?}"
    );
    assert_eq!(mode(&s.data().join("dc-access.db")), 0o600);
    assert_eq!(mode(&s.data().join("dc-access.key")), 0o600);

    // Into an empty place: no --force needed.
    let fresh = s.dir.path().join("fresh/door.db");
    let o = s.ok(
        &[
            "--db",
            fresh.to_str().unwrap(),
            "restore",
            b.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.contains("restored"), "{o}");
    assert!(fresh.exists() && fresh.with_file_name("door.key").exists());
}

#[test]
fn a_tampered_backup_is_refused_and_nothing_is_touched() {
    let s = Site::new();
    s.add("Budi Santoso", BUDI);
    s.add("Dewi Lestari", "199103032016042003");
    let out = s.dir.path().join("backups");
    s.ok(&["backup", "--out", out.to_str().unwrap()], "");
    let b = backups(&out).pop().unwrap();
    let conn = rusqlite::Connection::open(b.join("dc-access.db")).unwrap();
    conn.execute_batch(
        "DROP TRIGGER events_no_update;
         UPDATE events SET details = '{\"user\":99}' WHERE id = 2;",
    )
    .unwrap();
    drop(conn);
    let o = s.restore_as_budi(&b);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("does not verify"), "{err}");
    // Only the supervisor's PIN was recorded: both accounts are there and
    // the record verifies.
    assert!(s.ok(&["user", "list"], "").contains("Dewi"), "untouched");
    assert!(s.ok(&["verify"], "").contains("chain intact"));
    let left: Vec<_> = std::fs::read_dir(s.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restore") || n.contains("replaced"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    let o = s.run(&["restore", s.dir.path().to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a dc-access backup"));
}

#[test]
fn version_names_program_schema_and_commit() {
    let s = Site::new();
    let v = s.ok(&["--version"], "");
    assert!(
        v.starts_with(&format!(
            "dc-access {} (schema {}, commit ",
            env!("CARGO_PKG_VERSION"),
            dc_access::store::SCHEMA_VERSION
        )),
        "{v}"
    );
}
