//! The head of the chain (the newest event's number and HMAC) and its
//! witness outside the database: the head file beside the key file,
//! replaced atomically after every commit that appends an event.

use std::path::Path;

use rusqlite::OptionalExtension;

use super::{Result, Store, StoreError};

/// The newest event: printed on each day's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub events: u64,
    pub last_hmac: String,
}

impl std::fmt::Display for ChainHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.events, self.last_hmac)
    }
}

impl std::str::FromStr for ChainHead {
    type Err = String;

    /// `N:HMAC`, as printed on reports and written to the head file.
    fn from_str(s: &str) -> std::result::Result<ChainHead, String> {
        let s = s.trim();
        let bad = || format!("`{s}` is not a chain head: expected N:HMAC, e.g. 42:9f3c…");
        let (n, hmac) = s.split_once(':').ok_or_else(bad)?;
        let events = n.trim().parse::<u64>().map_err(|_| bad())?;
        let hmac = hmac.trim().to_ascii_lowercase();
        let hex_ok = hmac.len() == 64 && hmac.bytes().all(|b| b.is_ascii_hexdigit());
        if !(hex_ok || (events == 0 && hmac.is_empty())) {
            return Err(bad());
        }
        Ok(ChainHead {
            events,
            last_hmac: hmac,
        })
    }
}

/// What the head file says, if there is one.
pub(super) fn read_head_file(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Replace `path` atomically: a temporary file beside it, written and
/// synced, renamed over it, and the folder synced so the rename lasts.
pub(super) fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    // Two stores of one process (tests, two consoles) never share a name.
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}-{seq}", std::process::id()));
    let tmp = dir.join(name);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl Store {
    /// The head file: the newest event's number and HMAC, rewritten after
    /// every commit, a witness of the end of the log outside the database.
    pub fn head_path(&self) -> &Path {
        &self.head_path
    }

    /// Write the chain head to the head file when it moved. Called after
    /// every commit that appends an event (and at open, after a crash
    /// between a commit and this write).
    pub(super) fn publish_head(&mut self) -> Result<()> {
        // Inside a bulk (the demo) the head is written once, after it.
        if self.read_only || self.bulk {
            return Ok(());
        }
        // At open, a head file that already names the newest event is
        // left as it is, and no write lock is taken to see that.
        if self.published.is_none() {
            let head = self.chain_head()?;
            let text = format!("{head}\n");
            let current = read_head_file(&self.head_path).map_err(|source| StoreError::Head {
                path: self.head_path.clone(),
                source,
            })?;
            if current.as_deref() == Some(text.as_str()) {
                self.published = Some(head);
                return Ok(());
            }
        }
        // Under the write lock, so that two writers (kiosk and command
        // line) cannot write their heads in the wrong order.
        let lock = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let head = lock.query_row(
            "SELECT id, hmac FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        );
        let head = match head.optional()? {
            Some((id, hmac)) => ChainHead {
                events: u64::try_from(id).unwrap_or(0),
                last_hmac: hmac,
            },
            None => ChainHead {
                events: 0,
                last_hmac: String::new(),
            },
        };
        if self.published.as_ref() == Some(&head) {
            return Ok(());
        }
        let text = format!("{head}\n");
        let err = |source| StoreError::Head {
            path: self.head_path.clone(),
            source,
        };
        // At open, leave a head file that already says this untouched.
        let unchanged = self.published.is_none()
            && read_head_file(&self.head_path).map_err(err)?.as_deref() == Some(text.as_str());
        if !unchanged {
            write_atomic(&self.head_path, &text).map_err(err)?;
        }
        lock.commit()?;
        self.published = Some(head);
        Ok(())
    }
}
