//! More than one door (issue 12 item 5), on a real database file: each
//! visit records the door of the store that started it, on its row and on
//! its `visit_started` event; the day log, counts and the report walk
//! filter by door; `verify` replays the door; a database of an older
//! schema read without migrating shows an empty door.

#![allow(clippy::unwrap_used, clippy::many_single_char_names)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{Plan, Site, Until, wib};
use dc_access::config::Standards;
use dc_access::store::{LogFilter, LogSort, Page, Store};

const PAGE: Page = Page {
    offset: 0,
    limit: 50,
};

fn ids(rows: &[dc_access::store::VisitSummary]) -> Vec<i64> {
    rows.iter().map(|s| s.visit.id.0).collect()
}

#[test]
fn visits_record_their_door_and_lists_filter_by_it() {
    let mut site = Site::new();
    let day = (wib(2026, 3, 2, 0, 0), wib(2026, 3, 3, 0, 0));
    // One door's console, then the other's, then a console with no door.
    site.store.set_door("Pintu Utara");
    let a = site.drive(&Plan::new(
        wib(2026, 3, 2, 8, 0),
        "Budi Santoso",
        Until::Archived,
    ));
    let b = site.drive(&Plan::new(
        wib(2026, 3, 2, 9, 0),
        "Dewi Lestari",
        Until::Awaiting,
    ));
    site.store.set_door("Pintu Selatan");
    let c = site.drive(&Plan::new(
        wib(2026, 3, 2, 10, 0),
        "Joko Susanto",
        Until::Inside,
    ));
    site.store.set_door("");
    let d = site.drive(&Plan::new(
        wib(2026, 3, 2, 11, 0),
        "Rudi Hartono",
        Until::Rejected,
    ));

    let s = &site.store;
    assert_eq!(s.visit(a).unwrap().door, "Pintu Utara");
    assert_eq!(s.visit(c).unwrap().door, "Pintu Selatan");
    assert_eq!(s.visit(d).unwrap().door, "");
    assert_eq!(s.doors().unwrap(), vec!["Pintu Selatan", "Pintu Utara"]);

    // The start event names the door (and none where there is none).
    let started = |v| s.visit_events(v).unwrap()[0].details.clone();
    assert!(
        started(a).contains(r#""door":"Pintu Utara""#),
        "{}",
        started(a)
    );
    assert!(!started(d).contains("door"), "{}", started(d));

    let now = wib(2026, 3, 2, 12, 0);
    let log = |door: Option<&str>| {
        let (rows, total) = s
            .day_log_at(door, day, LogFilter::All, LogSort::TimeAsc, PAGE, now, 60)
            .unwrap();
        assert_eq!(total as usize, rows.len());
        ids(&rows)
    };
    assert_eq!(log(None), vec![a.0, b.0, c.0, d.0]);
    assert_eq!(log(Some("Pintu Utara")), vec![a.0, b.0]);
    assert_eq!(log(Some("Pintu Selatan")), vec![c.0]);
    assert_eq!(log(Some("")), vec![d.0]);
    assert_eq!(log(Some("Pintu Barat")), Vec::<i64>::new());

    let standards = Standards::default();
    let all = s
        .range_stats_at(None, day.0, day.1, now, &standards)
        .unwrap();
    assert_eq!(all.visitors, 4);
    assert_eq!(
        all.by_door,
        vec![
            ("Pintu Utara".to_owned(), 2),
            (String::new(), 1),
            ("Pintu Selatan".to_owned(), 1),
        ]
    );
    let north = s
        .range_stats_at(Some("Pintu Utara"), day.0, day.1, now, &standards)
        .unwrap();
    assert_eq!((north.visitors, north.rejected), (2, 0));
    let mut walked = Vec::new();
    s.each_visit_between_at(Some("Pintu Selatan"), day.0, day.1, |v| {
        walked.push(v.visit.id.0);
    })
    .unwrap();
    assert_eq!(walked, vec![c.0]);

    // verify replays the door of each visit.
    let audit = s.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
}

#[test]
fn verify_sees_a_door_changed_in_the_row() {
    let mut site = Site::new();
    site.store.set_door("Pintu Utara");
    let a = site.drive(&Plan::new(
        wib(2026, 3, 2, 8, 0),
        "Budi Santoso",
        Until::Inside,
    ));
    let (db, key) = (site.db.clone(), site.key.clone());
    drop(site.store);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE visits SET door = 'Pintu Selatan' WHERE id = ?1",
            [a.0],
        )
        .unwrap();
    let store = Store::open(&db, &key).unwrap();
    let audit = store.audit(None).unwrap();
    assert!(!audit.is_intact());
    let shown = format!("{:?}", audit.problems);
    assert!(shown.contains("door"), "{shown}");
}

#[test]
fn an_old_database_read_without_migrating_has_no_door() {
    // A database as schema 3 left it (the committed fixture of
    // tests/old_schema.rs): doors came with schema 8. (Dropping the column
    // from a current file and lowering its version is no old database:
    // `verify` names the newer tables and columns still there.)
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema3");
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = (dir.path().join("old.db"), dir.path().join("old.key"));
    std::fs::copy(fixture.join("dc-access.db"), &db).unwrap();
    std::fs::copy(fixture.join("dc-access.key"), &key).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let old = Store::open_read_only(&db, &key).unwrap();
    assert!(old.doors().unwrap().is_empty());
    let audit = old.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
}

/// `report --door`: the CSV, text and PDF reports of one door; the CSV's
/// last column is each visit's door.
#[test]
fn reports_filter_by_door() {
    const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
    const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");
    let mut site = Site::new();
    site.store.set_door("Pintu Utara");
    let a = site.drive(&Plan::new(
        wib(2026, 3, 2, 8, 0),
        "Budi Santoso",
        Until::Archived,
    ));
    site.store.set_door("Pintu Selatan");
    let b = site.drive(&Plan::new(
        wib(2026, 3, 2, 10, 0),
        "Joko Susanto",
        Until::Rejected,
    ));
    let report = |extra: &[&str]| {
        let o = std::process::Command::new(BIN)
            .args(["--config", SAMPLE, "--db"])
            .arg(&site.db)
            .args(["report", "--date", "2026-03-02"])
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let all = report(&["--format", "csv"]);
    assert!(all.contains("Budi Santoso") && all.contains("Joko Susanto"));
    let lines: Vec<&str> = all.lines().collect();
    assert!(lines[0].ends_with(";Pintu"), "{}", lines[0]);
    assert!(lines[1].ends_with(";Pintu Utara"), "{}", lines[1]);
    assert!(lines[2].ends_with(";Pintu Selatan"), "{}", lines[2]);

    let south = report(&["--format", "csv", "--door", "Pintu Selatan"]);
    assert!(south.contains("Joko Susanto") && !south.contains("Budi Santoso"));
    let north = report(&["--format", "txt", "--door", "Pintu Utara"]);
    assert!(north.contains("Pintu Utara"), "{north}");
    assert!(north.contains(&a.0.to_string()));
    assert!(!north.contains("Joko Susanto"), "{north}");
    // One visit's form names the door it started at.
    let o = std::process::Command::new(BIN)
        .args(["--config", SAMPLE, "--db"])
        .arg(&site.db)
        .args(["report", "--visit", &b.0.to_string(), "--format", "txt"])
        .output()
        .unwrap();
    let form = String::from_utf8_lossy(&o.stdout);
    assert!(form.contains("Pintu Selatan"), "{form}");

    // A door's PDF is saved under its own name: it does not overwrite the
    // report of all doors.
    let reports = site.path().join("reports");
    let config = site.path().join("dc-access.toml");
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let line = "reports_dir = \"../data/reports\"";
    assert!(sample.contains(line));
    std::fs::write(
        &config,
        sample.replace(
            line,
            &format!("reports_dir = {:?}", reports.display().to_string()),
        ),
    )
    .unwrap();
    for door in [None, Some("Pintu Utara")] {
        let o = std::process::Command::new(BIN)
            .arg("--config")
            .arg(&config)
            .arg("--db")
            .arg(&site.db)
            .args(["report", "--date", "2026-03-02", "--format", "pdf"])
            .args(door.map(|d| ["--door", d]).iter().flatten())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let mut saved: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    saved.sort();
    assert_eq!(
        saved,
        [
            "pengunjung-2026-03-02-pintu-utara.pdf",
            "pengunjung-2026-03-02.pdf"
        ]
    );
}
