//! Storage: every visit, account and audit event in one `SQLite` file.
//!
//! No `rusqlite` outside this module. Each write is one IMMEDIATE
//! transaction (see `ENGINEERING.md`): the change plus exactly one audit
//! event, whose HMAC chains to the previous one.

/// SQL: the checklist answer `c.value` (of `json_each(…) c`) flags its
/// visit — a room item not OK, or equipment left without a reason — as
/// `ChecklistAnswer::flags` says.
macro_rules! flagged_answer_sql {
    () => {
        "json_extract(c.value, '$.ok') = 0
         AND (json_extract(c.value, '$.kind') IS NULL
              OR json_extract(c.value, '$.kind') = 'brought'
                 AND json_extract(c.value, '$.note') = '')"
    };
}

mod apply;
mod audit;
mod chain;
mod decode;
mod demo;
mod files;
mod head;
mod keyed;
mod log;
mod plans;
mod problem;
mod retention;
mod returning;
mod schema;
mod secret;
mod sheet;
mod stats;
mod teams;
mod users;
mod verify;
mod visits;
mod watchlist;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use apply::{ATTEMPT_REFUSED, LastChange, Refusal};
pub use audit::{EventRow, Verification};
pub use chain::{SinceHead, verified_path};
pub use demo::{DEMO_ACTION, History};
pub use files::FileChange;
pub use head::ChainHead;
pub use log::{DayReview, EndOfShift, LogFilter, LogSort, Page, RangeStats};
pub use problem::StoreProblem;
pub use schema::VERSION as SCHEMA_VERSION;
pub use schema::upgrade_pending;
pub use secret::Secret;
pub use sheet::{SheetAnswer, SheetRow, sheet_sql};
pub use users::{NewUser, PinCheck, Throttle, User};
pub use verify::{Audit, HeadFileState, Problem, Progress};
pub use visits::{Counts, Dashboard, VisitSummary};

use crate::domain::visit::{Actor, Time, TransitionError};

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the database {path} was written by a newer dc-access (schema {found}, this program knows {known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("cannot keep the copy made before the upgrade as {path}: {source}")]
    UpgradeCopy {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("head file {path}: {source}")]
    Head {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("key file {path}: {message}")]
    Key { path: PathBuf, message: String },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Transition(#[from] TransitionError),
    #[error("no such visit: {0}")]
    NoVisit(i64),
    #[error("no such account: {0}")]
    NoUser(String),
    #[error("badge {0} is already out or lost")]
    BadgeTaken(crate::domain::badge::BadgeNo),
    #[error("an account with NIP {0} already exists")]
    DuplicateNip(String),
    #[error("{} not recorded: visit {} is already {}", .0.attempted, .0.visit.0, .0.found.as_str())]
    Refused(Box<Refusal>),
    #[error("the form can no longer be edited")]
    DraftLocked,
    #[error("this step is taken by the whole team of visit {0}")]
    TeamStep(i64),
    #[error("the team of visit {0} changed meanwhile")]
    TeamChanged(i64),
    #[error("PIN refused: {0}")]
    WeakPin(crate::domain::fields::FieldError),
    #[error("PIN hashing failed: {0}")]
    Hash(String),
    #[error("no such watchlist entry: {0}")]
    NoWatch(i64),
    #[error("no such planned visit: {0}")]
    NoPlan(i64),
    #[error("planned visit {0} is not open now (cancelled, or not for today)")]
    PlanClosed(i64),
    #[error("the visitor matches {0} watchlist entr(ies) not confirmed by the supervisor")]
    WatchUnconfirmed(usize),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What kind of database trouble a [`StoreError::Sql`] or
/// [`StoreError::Open`] is, so the screens can say it in words without
/// knowing `rusqlite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbFault {
    /// Another console held the database longer than the busy timeout.
    Busy,
    /// The file or its folder cannot be written.
    ReadOnly,
    /// The disk is full.
    DiskFull,
    /// The file is damaged or not a dc-access database.
    Corrupt,
    /// The file could not be opened or read (missing, permissions, I/O).
    CannotOpen,
    /// Anything else.
    Other,
}

impl StoreError {
    /// The kind of database trouble, for errors that come from `SQLite`.
    pub fn db_fault(&self) -> Option<DbFault> {
        use rusqlite::ErrorCode as C;
        let (Self::Sql(e) | Self::Open { source: e, .. }) = self else {
            return None;
        };
        Some(match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => DbFault::Busy,
            Some(C::ReadOnly) => DbFault::ReadOnly,
            Some(C::DiskFull) => DbFault::DiskFull,
            Some(C::DatabaseCorrupt | C::NotADatabase) => DbFault::Corrupt,
            Some(C::CannotOpen | C::PermissionDenied | C::SystemIoFailure) => DbFault::CannotOpen,
            _ => DbFault::Other,
        })
    }
}

/// The open database plus the outside secret.
pub struct Store {
    conn: Connection,
    secret: Secret,
    path: PathBuf,
    /// Inside [`Store::bulk`]: each write is a part of one big
    /// transaction instead of a transaction of its own.
    bulk: bool,
    /// Device and inode of the database and WAL files as opened.
    opened: files::Opened,
    key_path: PathBuf,
    head_path: PathBuf,
    /// Opened with [`Store::open_read_only`]: no write, no head file.
    read_only: bool,
    /// The head last written to the head file.
    published: Option<ChainHead>,
    /// Schema 3 or later: `event_private` exists.
    has_private: bool,
    /// Inside [`Store::bulk`] only: the newest event's id and HMAC, so an
    /// append does not read them back. The bulk holds the write lock from
    /// start to end, so no other connection can append meanwhile.
    tail: std::cell::RefCell<Option<(i64, String)>>,
    /// How a second, read-only connection opens the same file (the
    /// threads of `verify`).
    reader_uri: String,
    /// This console's door: recorded on the visits it starts.
    door: String,
}

/// The database path as an `SQLite` URI path.
fn uri_path(db: &Path) -> String {
    db.to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23")
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The default key file: beside the database, `<stem>.key`.
pub fn default_key_path(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or_else(|| "dc-access".into(), |s| s.to_string_lossy().into_owned());
    db.with_file_name(format!("{stem}.key"))
}

/// The chain head witness file: beside the key file, `<key stem>.head`.
pub fn head_path(key_file: &Path) -> PathBuf {
    key_file.with_extension("head")
}

impl Store {
    /// Open (or create) the database and its key file, and migrate it.
    pub fn open(db: &Path, key_file: &Path) -> Result<Store> {
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::files::create_dir_private(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        // A new database is created owner-only; SQLite gives its WAL and
        // SHM the database's mode.
        // (If it cannot be created, SQLite's open below says why.)
        if !db.exists() {
            let _ = crate::files::touch_private(db);
        }
        let open_err = |source| StoreError::Open {
            path: db.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(open_err)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA secure_delete = ON;",
        )
        .map_err(open_err)?;
        // Touch the file so a read-only location fails here, clearly.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(open_err)?;
        let mut store = Store {
            conn,
            secret: Secret::empty(),
            path: db.to_path_buf(),
            bulk: false,
            opened: files::Opened::default(),
            key_path: key_file.to_path_buf(),
            head_path: head_path(key_file),
            read_only: false,
            published: None,
            has_private: true,
            tail: std::cell::RefCell::new(None),
            door: String::new(),
            reader_uri: format!("file:{}?mode=ro", uri_path(db)),
        };
        schema::migrate(&mut store.conn, db)?;
        let has_history = store.has_history()?;
        store.secret = Secret::load_or_create(key_file, has_history)?;
        // A key from another database would lock every account and chain
        // new events under the wrong key: refuse it while nothing is written.
        if store.first_event_signed_by_key()? == Some(false) {
            return Err(StoreError::Key {
                path: key_file.to_path_buf(),
                message: "does not belong to this database (event 1 does not verify with it)"
                    .into(),
            });
        }
        store.publish_head()?;
        // What a running program checks stays in place (`files_in_place`).
        store.opened = files::Opened {
            db: files::file_id(db),
            wal: std::cell::Cell::new(files::file_id(&files::wal_path(db))),
        };
        Ok(store)
    }

    /// Open an existing database only to read it (`verify`, `report`):
    /// `SQLITE_OPEN_READ_ONLY`, no migration, no key file created, no head
    /// file written, so it works on a read-only copy. A database without a
    /// `-wal` file is read as immutable: nothing is created beside it.
    pub fn open_read_only(db: &Path, key_file: &Path) -> Result<Store> {
        let open_err = |source| StoreError::Open {
            path: db.to_path_buf(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let try_open = |uri: &str| -> rusqlite::Result<Connection> {
            let conn = Connection::open_with_flags(uri, flags)?;
            conn.busy_timeout(Duration::from_secs(10))?;
            // (`verify` gives its reads a large cache and a memory map:
            // `chain::WHOLE_READS`; a report reads only what it prints.)
            conn.execute_batch("PRAGMA query_only = ON;")?;
            // Reading the schema makes SQLite open the WAL index now.
            schema::version(&conn).map_err(|e| match e {
                StoreError::Sql(e) => e,
                other => rusqlite::Error::InvalidParameterName(other.to_string()),
            })?;
            Ok(conn)
        };
        let escaped = uri_path(db);
        let wal = {
            let mut w = db.as_os_str().to_os_string();
            w.push("-wal");
            PathBuf::from(w)
        };
        // Without a WAL file the database file holds every commit: read it
        // as immutable, which creates no `-wal` or `-shm` beside it (a
        // read-only folder, a copy). With one, read through it.
        let uri = if wal.exists() {
            format!("file:{escaped}?mode=ro")
        } else {
            format!("file:{escaped}?mode=ro&immutable=1")
        };
        let conn = try_open(&uri).map_err(open_err)?;
        let found = schema::version(&conn)?;
        if found > schema::VERSION {
            return Err(StoreError::TooNew {
                path: db.to_path_buf(),
                found,
                known: schema::VERSION,
            });
        }
        schema::legacy_views(&conn)?;
        // Never creates a key: with history, a missing key is an error.
        let secret = Secret::load_or_create(key_file, true)?;
        Ok(Store {
            conn,
            secret,
            path: db.to_path_buf(),
            opened: files::Opened {
                db: files::file_id(db),
                wal: std::cell::Cell::new(files::file_id(&files::wal_path(db))),
            },
            key_path: key_file.to_path_buf(),
            head_path: head_path(key_file),
            read_only: true,
            bulk: false,
            published: None,
            has_private: found >= 4,
            tail: std::cell::RefCell::new(None),
            door: String::new(),
            reader_uri: uri,
        })
    }

    /// Any account or event yet (one seek each, never a count).
    fn has_history(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM users)",
            [],
            |r| r.get(0),
        )?)
    }

    /// The table exists (a database read without migrating may predate it).
    pub(crate) fn has_table(&self, name: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [name],
            |r| r.get(0),
        )?)
    }

    /// The key file this store uses.
    pub fn key_path(&self) -> &Path {
        &self.key_path
    }

    /// The door of this console (`door` in the configuration, or
    /// `--door`): each visit started through this store records it, in
    /// its row and on its `visit_started` event. Empty: one door.
    pub fn set_door(&mut self, door: &str) {
        door.clone_into(&mut self.door);
    }

    /// This console's door, as set.
    pub fn door(&self) -> &str {
        &self.door
    }

    /// The database file this store writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A token that changes whenever any connection commits a change.
    /// Cheap: `SQLite` keeps it in memory (`PRAGMA data_version` plus our own
    /// total change count).
    pub fn change_token(&self) -> Result<(i64, u64)> {
        let v: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((v, self.conn.total_changes()))
    }

    /// Online backup to another file (`dc-access backup`).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        // Owner-only like the database (an existing file keeps its mode).
        let _ = crate::files::touch_private(dest);
        let mut out = Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
        backup.run_to_completion(256, Duration::from_millis(0), None)?;
        Ok(())
    }

    /// One write: an IMMEDIATE transaction of its own, or inside
    /// [`Store::bulk`] a part of the bulk's transaction.
    fn write_tx(&mut self) -> Result<WriteTx<'_>> {
        let nested = self.bulk;
        if !nested {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        Ok(WriteTx {
            conn: &self.conn,
            nested,
            done: false,
            tail: nested.then_some(&self.tail),
        })
    }

    /// Run many writes as one IMMEDIATE transaction with `synchronous =
    /// OFF`: for building a demo history only (a crash may lose or corrupt
    /// it; `synchronous = FULL` is restored after). Every write inside
    /// goes through the same methods, so rows and events are exactly what
    /// the kiosk writes; only the commits are shared. A failed write fails
    /// the whole bulk: `f` must pass the error on, and nothing is kept.
    ///
    /// No savepoint per write: the search index (FTS5) flushes its pending
    /// terms to a new segment at every savepoint release, and a savepoint
    /// keeps a copy of each page it changes (measured: a third of the
    /// demo's time). For the same reason foreign keys are not checked
    /// inside: a statement that may fail on one makes `SQLite` open a
    /// statement savepoint, with the same two costs. The demo's rows refer
    /// only to rows it made. `secure_delete` is off inside too: a visit's
    /// row is rewritten at each of its steps, and zeroing each old copy
    /// protects nothing in made-up data.
    pub(crate) fn bulk<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.conn
            .execute_batch(
                "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF;
                 PRAGMA temp_store = MEMORY; PRAGMA secure_delete = OFF; BEGIN IMMEDIATE",
            )
            .map_err(StoreError::from)?;
        self.bulk = true;
        self.tail.replace(None);
        let out = f(self);
        self.bulk = false;
        self.tail.replace(None);
        let end = self
            .conn
            .execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        self.conn
            .execute_batch(
                "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON;
                 PRAGMA temp_store = DEFAULT; PRAGMA secure_delete = ON",
            )
            .map_err(StoreError::from)?;
        end.map_err(StoreError::from)?;
        self.publish_head()?;
        out
    }
}

/// A write in progress; rolled back on drop unless committed. Derefs to
/// the connection for its statements.
pub(crate) struct WriteTx<'a> {
    conn: &'a Connection,
    nested: bool,
    done: bool,
    /// Inside a bulk: the chain's newest event, kept by `audit::append`.
    pub(super) tail: Option<&'a std::cell::RefCell<Option<(i64, String)>>>,
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl WriteTx<'_> {
    pub(crate) fn commit(mut self) -> Result<()> {
        if !self.nested {
            self.conn.execute_batch("COMMIT")?;
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        // Inside a bulk the error goes on up and the bulk rolls back.
        if !self.done && !self.nested {
            // Nothing better to do with a failed rollback than what SQLite
            // does itself: the connection rolls back when it closes.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// Who did it, when: passed to every write.
#[derive(Debug, Clone, Copy)]
pub struct Stamp {
    pub actor: Option<Actor>,
    pub at: Time,
}

/// The supervisor a change is made by, or why not: only a supervisor
/// keeps the watchlist and the plans.
pub(crate) fn supervisor(stamp: Stamp) -> Result<Actor> {
    match stamp.actor {
        Some(a) if a.role == crate::domain::visit::Role::Supervisor => Ok(a),
        _ => Err(StoreError::Transition(TransitionError::NotSupervisor)),
    }
}

pub(crate) fn ts(t: Time) -> i64 {
    t.timestamp()
}

pub(crate) fn from_ts(secs: i64) -> Time {
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default()
}
