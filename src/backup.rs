//! `dc-access backup --out DIR [--keep N]` and `dc-access restore FROM`.
//!
//! A backup is a folder `DIR/dc-access-YYYYMMDD-HHMMSS-ZONE/` (the site's
//! local time, e.g. `dc-access-20261204-183000-WIB`; mode 0700) with
//! the database (`SQLite` online backup), the key file, the head file when
//! there is one, and `manifest.toml`: the chain head, the schema version and
//! the program version. Every file is 0600: the key is a secret.
//!
//! `restore` checks the copy before it touches anything: the key belongs to
//! the database, the chain verifies, and its head is the manifest's. It
//! refuses to replace an existing database without `--force`, and then keeps
//! the replaced database and key beside it (`*.replaced-YYYYMMDD-HHMMSS-ZONE`).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono_tz::Tz;

use crate::store::{ChainHead, Store, Verification};

/// The folder name prefix of a backup.
pub const PREFIX: &str = "dc-access-";
/// The files inside a backup.
pub const DB_FILE: &str = "dc-access.db";
pub const KEY_FILE: &str = "dc-access.key";
pub const HEAD_FILE: &str = "dc-access.head";
pub const MANIFEST: &str = "manifest.toml";

/// What went wrong; `input` errors exit 2, the rest 1.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    Fault(String),
}

fn fault(what: &str, path: &Path, e: impl std::fmt::Display) -> BackupError {
    BackupError::Fault(format!("{what} {}: {e}", path.display()))
}

/// What a backup says about itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Manifest {
    pub created: String,
    pub program_version: String,
    pub schema_version: i64,
    pub events: u64,
    pub chain_head_hmac: String,
}

/// When a backup or a restore was made, in names: the site's local time
/// and its zone, `20261204-183000-WIB` (the daily timer's 18:30 reads as
/// 18:30, not as 11:30 UTC). Names of one site sort by time.
fn local_stamp(now: &DateTime<Tz>) -> String {
    now.format("%Y%m%d-%H%M%S-%Z").to_string()
}

/// Write a dated backup of `store` (key file `key`, head file `head`)
/// into `out`, then remove the oldest backups there beyond `keep`.
/// Returns the new folder and the removed ones.
pub fn backup(
    store: &Store,
    key: &Path,
    head: &Path,
    out: &Path,
    keep: Option<usize>,
    now: DateTime<Tz>,
) -> Result<(PathBuf, Vec<PathBuf>), BackupError> {
    if keep == Some(0) {
        return Err(BackupError::Input("--keep must be at least 1".into()));
    }
    make_private_dir(out).map_err(|e| fault("cannot create", out, e))?;
    let stamp = local_stamp(&now);
    let dir = out.join(format!("{PREFIX}{stamp}"));
    std::fs::create_dir(&dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            BackupError::Input(format!(
                "{} already exists (one backup per second); not overwriting it",
                dir.display()
            ))
        } else {
            fault("cannot create", &dir, e)
        }
    })?;
    let written = write_into(store, key, head, &dir, now);
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(e);
    }
    let removed = match keep {
        Some(n) => prune(out, n)?,
        None => Vec::new(),
    };
    Ok((dir, removed))
}

fn write_into(
    store: &Store,
    key: &Path,
    head: &Path,
    dir: &Path,
    now: DateTime<Tz>,
) -> Result<(), BackupError> {
    set_mode(dir, 0o700).map_err(|e| fault("cannot protect", dir, e))?;
    let db = dir.join(DB_FILE);
    create_private(&db, b"").map_err(|e| fault("cannot create", &db, e))?;
    store
        .backup_to(&db)
        .map_err(|e| fault("backup to", &db, e))?;
    let key_bytes = std::fs::read(key).map_err(|e| fault("cannot read the key file", key, e))?;
    create_private(&dir.join(KEY_FILE), &key_bytes)
        .map_err(|e| fault("cannot write", &dir.join(KEY_FILE), e))?;
    if let Ok(bytes) = std::fs::read(head) {
        create_private(&dir.join(HEAD_FILE), &bytes)
            .map_err(|e| fault("cannot write", &dir.join(HEAD_FILE), e))?;
    }
    // The head of the copy, not of the live database: a commit may land
    // between the two.
    let copy =
        Store::open(&db, &dir.join(KEY_FILE)).map_err(|e| fault("cannot read back", &db, e))?;
    let ChainHead { events, last_hmac } = copy
        .chain_head()
        .map_err(|e| fault("cannot read back", &db, e))?;
    drop(copy);
    remove_sidecars(&db);
    let manifest = Manifest {
        created: now.to_rfc3339(),
        program_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version: crate::store::SCHEMA_VERSION,
        events,
        chain_head_hmac: last_hmac,
    };
    let text = toml::to_string(&manifest).map_err(|e| BackupError::Fault(e.to_string()))?;
    create_private(&dir.join(MANIFEST), text.as_bytes())
        .map_err(|e| fault("cannot write", &dir.join(MANIFEST), e))?;
    Ok(())
}

/// The backups in `out`, oldest first (the names sort by date).
pub fn list(out: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(out)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(PREFIX))
                && p.join(MANIFEST).is_file()
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Remove the oldest backups in `out` so that `keep` remain.
fn prune(out: &Path, keep: usize) -> Result<Vec<PathBuf>, BackupError> {
    let all = list(out).map_err(|e| fault("cannot list", out, e))?;
    let excess = all.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for old in all.into_iter().take(excess) {
        std::fs::remove_dir_all(&old).map_err(|e| fault("cannot remove", &old, e))?;
        removed.push(old);
    }
    Ok(removed)
}

/// Read a backup's manifest.
pub fn manifest(from: &Path) -> Result<Manifest, BackupError> {
    let path = from.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        BackupError::Input(format!(
            "{} is not a dc-access backup (no {MANIFEST}: {e})",
            from.display()
        ))
    })?;
    toml::from_str(&text)
        .map_err(|e| BackupError::Input(format!("{}: {}", path.display(), e.message())))
}

/// What `restore` did.
#[derive(Debug)]
pub struct Restored {
    pub manifest: Manifest,
    /// The database and key that were replaced, kept aside.
    pub kept_aside: Vec<PathBuf>,
}

/// Restore the backup `from` as the database `db` with key `key` (and
/// head file `head`). The copy is verified first, in a staging file
/// beside `db`; an existing database is replaced only with `force`.
pub fn restore(
    from: &Path,
    db: &Path,
    key: &Path,
    head: &Path,
    force: bool,
    now: DateTime<Tz>,
) -> Result<Restored, BackupError> {
    let manifest = manifest(from)?;
    if manifest.schema_version > crate::store::SCHEMA_VERSION {
        return Err(BackupError::Input(format!(
            "the backup has schema {}, newer than this program's {}",
            manifest.schema_version,
            crate::store::SCHEMA_VERSION
        )));
    }
    let exists = db.try_exists().unwrap_or(true);
    if exists && !force {
        return Err(BackupError::Input(format!(
            "{} exists; stop the kiosk and give --force to replace it (it is kept aside)",
            db.display()
        )));
    }
    let folder = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    make_private_dir(folder).map_err(|e| fault("cannot create", folder, e))?;

    // Verify a staged copy with the backup's key; nothing is touched yet.
    let stamp = local_stamp(&now);
    let staged = folder.join(format!(".restore-{stamp}.db"));
    let staged_key = folder.join(format!(".restore-{stamp}.key"));
    // Opening the staged copy may write its head file beside its key.
    let staged_head = crate::store::head_path(&staged_key);
    let cleanup = || {
        let _ = std::fs::remove_file(&staged);
        let _ = std::fs::remove_file(&staged_key);
        let _ = std::fs::remove_file(&staged_head);
        remove_sidecars(&staged);
    };
    let verified = stage(from, &staged, &staged_key, &manifest);
    if let Err(e) = verified {
        cleanup();
        return Err(e);
    }

    let mut kept_aside = Vec::new();
    if exists {
        for (file, sidecars) in [(db, true), (key, false), (head, false)] {
            if !file.exists() {
                continue;
            }
            let aside = PathBuf::from(format!("{}.replaced-{stamp}", file.display()));
            std::fs::rename(file, &aside).map_err(|e| fault("cannot move aside", file, e))?;
            if sidecars {
                for ext in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{ext}", file.display()));
                    if side.exists() {
                        let to = PathBuf::from(format!("{}{ext}", aside.display()));
                        std::fs::rename(&side, &to)
                            .map_err(|e| fault("cannot move aside", &side, e))?;
                    }
                }
            }
            kept_aside.push(aside);
        }
    }
    std::fs::rename(&staged, db).map_err(|e| fault("cannot put in place", db, e))?;
    if let Some(dir) = key.parent().filter(|d| !d.as_os_str().is_empty()) {
        make_private_dir(dir).map_err(|e| fault("cannot create", dir, e))?;
    }
    let _ = std::fs::remove_file(key);
    std::fs::rename(&staged_key, key)
        .or_else(|_| std::fs::copy(&staged_key, key).map(|_| ()))
        .map_err(|e| fault("cannot put in place", key, e))?;
    let _ = std::fs::remove_file(&staged_key);
    let _ = std::fs::remove_file(&staged_head);
    if let Ok(bytes) = std::fs::read(from.join(HEAD_FILE)) {
        let _ = std::fs::remove_file(head);
        create_private(head, &bytes).map_err(|e| fault("cannot write", head, e))?;
    }
    Ok(Restored {
        manifest,
        kept_aside,
    })
}

/// Copy the backup's database and key to the staging paths and check
/// them: the key belongs, the chain verifies, the head is the manifest's.
fn stage(
    from: &Path,
    staged: &Path,
    staged_key: &Path,
    manifest: &Manifest,
) -> Result<(), BackupError> {
    let src_db = from.join(DB_FILE);
    let src_key = from.join(KEY_FILE);
    let db_bytes = std::fs::read(&src_db).map_err(|e| fault("cannot read", &src_db, e))?;
    let key_bytes = std::fs::read(&src_key).map_err(|e| fault("cannot read", &src_key, e))?;
    create_private(staged, &db_bytes).map_err(|e| fault("cannot write", staged, e))?;
    create_private(staged_key, &key_bytes).map_err(|e| fault("cannot write", staged_key, e))?;
    let bad = |why: String| {
        BackupError::Fault(format!(
            "the backup {} does not verify: {why}; nothing was restored",
            from.display()
        ))
    };
    let store = Store::open(staged, staged_key).map_err(|e| bad(e.to_string()))?;
    match store.verify_chain().map_err(|e| bad(e.to_string()))? {
        Verification::Intact { .. } => {}
        Verification::Broken { event_id, after } => {
            return Err(bad(format!(
                "chain broken at event {event_id} (after {after} good events)"
            )));
        }
    }
    let head = store.chain_head().map_err(|e| bad(e.to_string()))?;
    if head.events != manifest.events || head.last_hmac != manifest.chain_head_hmac {
        return Err(bad(format!(
            "its head is {} events, the manifest says {}",
            head.events, manifest.events
        )));
    }
    drop(store);
    remove_sidecars(staged);
    Ok(())
}

fn remove_sidecars(db: &Path) {
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
}

fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    set_mode(dir, 0o700)
}

fn set_mode(p: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode))
}

/// A new file, mode 0600 from the start, with `bytes` in it, synced.
fn create_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
