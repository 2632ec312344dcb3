//! The database files a running program has open must stay the ones on
//! disk: deleting or replacing the database or its WAL under a running
//! process makes `SQLite` write into an unlinked file, and every commit since
//! is gone when the process ends (measured, `ENGINEERING.md`). The kiosk
//! compares device and inode of both paths with what it opened.

use std::path::{Path, PathBuf};

use super::Store;

/// Which file changed under the running program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// The database file is gone or another file is at its path.
    Database(PathBuf),
    /// The WAL file is gone or another file is at its path.
    Wal(PathBuf),
}

/// For the log and the English of the command line; the kiosk's words are
/// `text::notice::files_changed_text`.
impl std::fmt::Display for FileChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileChange::Database(p) => write!(
                f,
                "the database file {} was deleted or replaced",
                p.display()
            ),
            FileChange::Wal(p) => write!(f, "the WAL file {} was deleted or replaced", p.display()),
        }
    }
}

impl std::error::Error for FileChange {}

/// A file's identity: device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileId {
    dev: u64,
    ino: u64,
}

pub(super) fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| FileId {
            dev: m.dev(),
            ino: m.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path)
            .ok()
            .map(|_| FileId { dev: 0, ino: 0 })
    }
}

pub(super) fn wal_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

impl Store {
    /// Whether the database and WAL files on disk are still the ones this
    /// store opened. Two `stat`s; call it after each commit and on the
    /// watch, and stop rather than acknowledge a step that will not last.
    ///
    /// # Errors
    /// The file that is gone or replaced.
    pub fn files_in_place(&self) -> Result<(), FileChange> {
        if file_id(&self.path) != self.opened.db {
            return Err(FileChange::Database(self.path.clone()));
        }
        let wal = wal_path(&self.path);
        match self.opened.wal.get() {
            Some(id) if file_id(&wal) != Some(id) => Err(FileChange::Wal(wal)),
            Some(_) => Ok(()),
            None => {
                // Not there at open (it is once anything was read): take
                // the first one seen as ours.
                self.opened.wal.set(file_id(&wal));
                Ok(())
            }
        }
    }
}

/// The identities recorded at open.
#[derive(Debug, Default)]
pub(super) struct Opened {
    pub(super) db: Option<FileId>,
    pub(super) wal: std::cell::Cell<Option<FileId>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removed_wal_or_replaced_database_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let key = dir.path().join("t.key");
        let store = Store::open(&db, &key).unwrap();
        assert_eq!(store.files_in_place(), Ok(()));
        std::fs::remove_file(wal_path(&db)).unwrap();
        assert_eq!(store.files_in_place(), Err(FileChange::Wal(wal_path(&db))));
        drop(store);

        let store = Store::open(&db, &key).unwrap();
        assert_eq!(store.files_in_place(), Ok(()));
        // Another file moved to the database's path.
        let copy = dir.path().join("copy.db");
        std::fs::copy(&db, &copy).unwrap();
        std::fs::rename(&copy, &db).unwrap();
        assert_eq!(
            store.files_in_place(),
            Err(FileChange::Database(db.clone()))
        );
    }
}
