//! Schema migrations by `PRAGMA user_version`: a list of SQL scripts, each
//! applied once, in order, inside one IMMEDIATE transaction.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, StoreError};

/// Migration `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_initial.sql"),
    include_str!("sql/002_search.sql"),
    include_str!("sql/003_checkout_draft.sql"),
    include_str!("sql/004_private.sql"),
    include_str!("sql/005_watchlist.sql"),
    include_str!("sql/006_plans.sql"),
    include_str!("sql/007_returning_notice.sql"),
    include_str!("sql/008_doors.sql"),
    include_str!("sql/009_counts_index.sql"),
    include_str!("sql/010_letters.sql"),
    include_str!("sql/011_teams.sql"),
    include_str!("sql/012_retention_index.sql"),
];

/// The schema version this program writes.
#[expect(clippy::cast_possible_wrap, reason = "a handful of migrations")]
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema that gave visits the privacy notice's columns
/// (`007_returning_notice.sql`).
const NOTICE_SCHEMA: i64 = 7;

/// The schema that gave visits their door (`008_doors.sql`).
const DOOR_SCHEMA: i64 = 8;

/// The schema that gave visits the assignment letter (`010_letters.sql`).
const LETTER_SCHEMA: i64 = 10;

/// The schema that gave visits their team (`011_teams.sql`).
const TEAM_SCHEMA: i64 = 11;

/// What a migration makes that a later version can be told by: its new
/// tables (`CREATE [VIRTUAL] TABLE t`) and indexes (`CREATE [UNIQUE]
/// INDEX i`, none is dropped later) as (`"table"` or `"index"`, name,
/// `None`), and its new columns (`ALTER TABLE t ADD COLUMN c`) as
/// (`"column"`, t, `Some(c)`).
fn made_by(sql: &str) -> Vec<(&'static str, &str, Option<&str>)> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    let is = |i: usize, w: &str| words.get(i).is_some_and(|x| x.eq_ignore_ascii_case(w));
    // The name after `IF NOT EXISTS`, if the words at `i` say so.
    let name = |i: usize| words.get(if is(i, "IF") { i + 3 } else { i }).copied();
    let mut out = Vec::new();
    for i in 0..words.len() {
        if !is(i, "CREATE") && !is(i, "ALTER") {
            continue;
        }
        if is(i, "CREATE") && is(i + 1, "TABLE") {
            out.extend(name(i + 2).map(|t| ("table", t, None)));
        } else if is(i, "CREATE") && is(i + 1, "VIRTUAL") && is(i + 2, "TABLE") {
            out.extend(name(i + 3).map(|t| ("table", t, None)));
        } else if is(i, "CREATE") && is(i + 1, "INDEX") {
            out.extend(name(i + 2).map(|t| ("index", t, None)));
        } else if is(i, "CREATE") && is(i + 1, "UNIQUE") && is(i + 2, "INDEX") {
            out.extend(name(i + 3).map(|t| ("index", t, None)));
        } else if is(i, "ALTER")
            && is(i + 1, "TABLE")
            && is(i + 3, "ADD")
            && is(i + 4, "COLUMN")
            && let (Some(t), Some(c)) = (words.get(i + 2), words.get(i + 5))
        {
            out.push(("column", *t, Some(*c)));
        }
    }
    out
}

/// A table, index or column that a migration after the database's
/// `user_version` makes, yet is there: the version was lowered outside
/// the program (which raises it in the migration's own transaction). In
/// words, or `None` when the file is as its version says.
pub(super) fn ahead_of_version(conn: &Connection) -> Result<Option<String>> {
    let found = version(conn)?;
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        for (kind, name, column) in made_by(sql) {
            let there: bool = match column {
                None => conn.query_row(
                    "SELECT count(*) > 0 FROM main.sqlite_master WHERE type = ?1 AND name = ?2",
                    [kind, name],
                    |r| r.get(0),
                )?,
                // The file's own table, not a view of `legacy_views`.
                Some(column) => conn.query_row(
                    "SELECT count(*) > 0 FROM pragma_table_info(?1, 'main') WHERE name = ?2",
                    [name, column],
                    |r| r.get(0),
                )?,
            };
            if there {
                let what = match column {
                    None => format!("{kind} {name}"),
                    Some(c) => format!("column {name}.{c}"),
                };
                return Ok(Some(format!(
                    "PRAGMA user_version is {found}, but {what} of schema {} is there",
                    i + 1
                )));
            }
        }
    }
    Ok(None)
}

/// A database read without migrating (`verify`, reports on a copy): the
/// visits of a schema older than [`NOTICE_SCHEMA`] have no privacy-notice
/// columns, older than [`DOOR_SCHEMA`] no door, older than
/// [`LETTER_SCHEMA`] no assignment letter, older than [`TEAM_SCHEMA`] no
/// team. A view in the connection's
/// own temporary schema (never the file) shows them empty, so every query
/// reads an old database as it reads a current one.
pub(super) fn legacy_views(conn: &Connection) -> rusqlite::Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found == 0 || found >= TEAM_SCHEMA {
        return Ok(());
    }
    let notice = if found < NOTICE_SCHEMA {
        ", NULL AS notice_answer, NULL AS notice_at, NULL AS notice_retention_days"
    } else {
        ""
    };
    let door = if found < DOOR_SCHEMA {
        ", '' AS door"
    } else {
        ""
    };
    let letter = if found < LETTER_SCHEMA {
        ", '' AS letter_number, '' AS letter_date, '' AS letter_issuer"
    } else {
        ""
    };
    conn.execute_batch(&format!(
        "PRAGMA query_only = OFF;
         CREATE TEMP VIEW IF NOT EXISTS visits AS SELECT *{notice}{door}{letter},
            NULL AS team_of
            FROM main.visits;
         PRAGMA query_only = ON;"
    ))
}

/// The schema version of an open database.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Whether the database at `path` has history and an older schema: the
/// next open upgrades it, first copying it beside itself (the kiosk says
/// so before its first frame: on a long history that takes minutes).
pub fn upgrade_pending(path: &Path) -> bool {
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags)
        .and_then(|c| version(&c).map_err(|_| rusqlite::Error::InvalidQuery))
        .is_ok_and(|v| (1..VERSION).contains(&v))
}

/// A whole copy made before an upgrade to this schema, from an earlier
/// try whose upgrade did not finish (the database is still as copied).
fn copied_before(path: &Path) -> bool {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let prefix = format!("{}.before-schema-{VERSION}-", name.to_string_lossy());
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let n = e.file_name();
        let n = n.to_string_lossy();
        n.starts_with(&prefix) && !n.ends_with("-journal")
    })
}

/// The rollback journal `SQLite` keeps beside a file being written.
fn journal_of(path: &Path) -> PathBuf {
    let mut j = path.as_os_str().to_os_string();
    j.push("-journal");
    PathBuf::from(j)
}

pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    // Up to date (every open but the first after an upgrade): no write
    // lock to take. A version only ever grows, so no other process can
    // make it stale meanwhile.
    if found == VERSION {
        return Ok(());
    }
    // A database with history about to be upgraded: a copy first, beside
    // it, so a failed or unwanted upgrade can be undone.
    if (1..VERSION).contains(&found) && !copied_before(path) {
        // Written under a fixed name and renamed when whole: a copy cut
        // short (the power went, the kiosk was stopped) is not taken for
        // a backup, and the next try writes over it instead of leaving
        // another one of gigabytes beside the database.
        let part = PathBuf::from(format!("{}.before-schema-{VERSION}.part", path.display()));
        for stale in [part.clone(), journal_of(&part)] {
            let _ = std::fs::remove_file(stale);
        }
        conn.execute("VACUUM INTO ?1", [part.display().to_string()])?;
        // Owner-only, like the database: it holds the same data.
        let _ =
            std::fs::set_permissions(&part, std::os::unix::fs::PermissionsExt::from_mode(0o600));
        // The store knows no site zone: the time is UTC, and says so (Z).
        let copy = PathBuf::from(format!(
            "{}.before-schema-{VERSION}-{}",
            path.display(),
            chrono::Utc::now().format("%Y%m%d-%H%M%SZ")
        ));
        std::fs::rename(&part, &copy)
            .map_err(|source| StoreError::UpgradeCopy { path: copy, source })?;
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: VERSION,
        });
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i64::try_from(i).unwrap_or(0) + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_each_migration_makes() {
        assert_eq!(
            made_by(MIGRATIONS[2]),
            [("column", "visits", Some("checkout_draft"))]
        );
        assert_eq!(
            made_by(MIGRATIONS[5]),
            [
                ("table", "plans", None),
                ("index", "plans_open", None),
                ("table", "plan_visits", None),
                ("index", "plan_visits_plan", None),
            ]
        );
        assert_eq!(
            made_by("CREATE TABLE IF NOT EXISTS x (a INT); CREATE UNIQUE INDEX u ON x(a);"),
            [("table", "x", None), ("index", "u", None)]
        );
        // Every migration after the first two makes something a lowered
        // version can be told by.
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(2) {
            assert!(!made_by(sql).is_empty(), "migration {}", i + 1);
        }
    }

    /// A database as a program that knew two migrations left it.
    fn old_database(db: &Path) -> Connection {
        let conn = Connection::open(db).unwrap();
        for sql in &MIGRATIONS[..2] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn
    }

    fn copies(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".before-schema-"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_upgrade_is_told_before_it_starts() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.db");
        assert!(!upgrade_pending(&db), "no database yet");
        let mut conn = old_database(&db);
        assert!(upgrade_pending(&db));
        migrate(&mut conn, &db).unwrap();
        assert!(!upgrade_pending(&db), "up to date");
        let fresh = dir.path().join("f.db");
        Connection::open(&fresh).unwrap();
        assert!(
            !upgrade_pending(&fresh),
            "a new database has no history to copy"
        );
    }

    /// A copy cut short (the kiosk stopped during it) is written over by
    /// the next try, and only a whole copy gets its dated name; a whole
    /// copy from a try whose upgrade did not finish is not made again.
    #[test]
    fn a_copy_cut_short_is_replaced_and_a_whole_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.db");
        let mut conn = old_database(&db);
        let part = dir
            .path()
            .join(format!("d.db.before-schema-{VERSION}.part"));
        std::fs::write(&part, b"half a copy").unwrap();
        std::fs::write(journal_of(&part), b"its journal").unwrap();
        migrate(&mut conn, &db).unwrap();
        let names = copies(dir.path());
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(!names[0].contains(".part"), "{names:?}");
        let old = Connection::open(dir.path().join(&names[0])).unwrap();
        assert_eq!(version(&old).unwrap(), 2, "the whole database as it was");

        // An earlier try made its copy, then stopped before upgrading.
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.db");
        let mut conn = old_database(&db);
        let earlier = format!("d.db.before-schema-{VERSION}-20261201-080000");
        std::fs::copy(&db, dir.path().join(&earlier)).unwrap();
        migrate(&mut conn, &db).unwrap();
        assert_eq!(copies(dir.path()), vec![earlier]);
        assert_eq!(version(&conn).unwrap(), VERSION);
    }

    #[test]
    fn an_upgrade_first_copies_the_database_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.db");
        let mut conn = Connection::open(&db).unwrap();
        // The database as a program that knew two migrations left it.
        for sql in &MIGRATIONS[..2] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        migrate(&mut conn, &db).unwrap();
        let copies: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("d.db.before-schema-"))
            .collect();
        assert_eq!(copies.len(), 1, "{copies:?}");
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(&copies[0]).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
        let old = Connection::open(&copies[0]).unwrap();
        let v: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 2, "the copy is the database as it was");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, VERSION);

        // A new database and an up-to-date one: no copy.
        let fresh = dir.path().join("f.db");
        let mut conn = Connection::open(&fresh).unwrap();
        migrate(&mut conn, &fresh).unwrap();
        migrate(&mut conn, &fresh).unwrap();
        assert!(
            !std::fs::read_dir(dir.path()).unwrap().any(|e| e
                .unwrap()
                .path()
                .to_string_lossy()
                .contains("f.db.before"))
        );
    }
}
