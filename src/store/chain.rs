//! The chain's links, and `verify --since-head`.
//!
//! Each event's HMAC covers its own fields and the HMAC stored in the
//! event before it, so any stretch of the chain can be checked on its own
//! once the event before the stretch is read ([`LinkWalk`]): a full
//! `verify` walks stretches on every core (`verify/pass.rs`), and a gap or
//! a broken link across a stretch's end is found exactly as by one walk
//! from the start; `verify --since-head` walks the events after the last
//! verified head.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::head::{read_head_file, write_atomic};
use super::keyed::{keyed, mac_of};
use super::{ChainHead, Result, Store, StoreError};

/// What a walk over some links found.
#[derive(Debug, Default)]
pub(super) struct Links {
    /// Links checked.
    pub checked: u64,
    /// Events whose HMAC does not match (id, action).
    pub broken: Vec<(i64, String)>,
    /// Ids that do not follow the one before (after, next).
    pub gaps: Vec<(i64, i64)>,
}

impl Links {
    pub(super) fn merge(&mut self, other: Links) {
        self.checked += other.checked;
        self.broken.extend(other.broken);
        self.gaps.extend(other.gaps);
    }

    pub(super) fn sort(&mut self) {
        self.broken.sort_unstable();
        self.gaps.sort_unstable();
    }
}

/// A walk along the links of the events with ids in `(lo, hi]`, each
/// against the event before it; the first against the newest stored event
/// at or before `lo` (none when `lo` is below 1). Fed the rows of
/// [`LINK_COLS`] in id order.
pub(super) struct LinkWalk {
    prev_id: i64,
    prev: Vec<u8>,
    keyed: super::keyed::HmacSha256,
    pub(super) out: Links,
}

/// The columns [`LinkWalk::step`] reads, first in a row.
pub(super) const LINK_COLS: &str = "id, visit_id, step, action, actor, at, details, hmac";

impl LinkWalk {
    pub(super) fn start(conn: &Connection, key: &[u8], lo: i64) -> Result<LinkWalk> {
        let start: Option<(i64, String)> = if lo < 1 {
            None
        } else {
            conn.prepare_cached(
                "SELECT id, hmac FROM events WHERE id <= ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([lo], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        };
        let (prev_id, prev) = start.map_or((0, Vec::new()), |(id, h)| (id, h.into_bytes()));
        Ok(LinkWalk {
            prev_id,
            prev,
            keyed: keyed(key),
            out: Links::default(),
        })
    }

    /// Check the link of the event in `r` (columns [`LINK_COLS`]).
    pub(super) fn step(&mut self, r: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
        let id: i64 = r.get(0)?;
        // Bytes as stored: the MAC covers them, no need to validate text.
        let action = bytes(r, 3)?;
        let hmac = bytes(r, 7)?;
        if id != self.prev_id + 1 {
            self.out.gaps.push((self.prev_id, id));
        }
        let expected = mac_of(
            &self.keyed,
            &self.prev,
            id,
            r.get(1)?,
            r.get(2)?,
            action,
            r.get(4)?,
            r.get(5)?,
            bytes(r, 6)?,
        );
        self.out.checked += 1;
        if expected[..] != *hmac {
            let action = String::from_utf8_lossy(action).into_owned();
            self.out.broken.push((id, action));
        }
        self.prev_id = id;
        self.prev.clear();
        self.prev.extend_from_slice(hmac);
        Ok(())
    }
}

/// Check the links of the events with ids in `(lo, hi]` (see [`LinkWalk`]).
pub(super) fn check_range(conn: &Connection, key: &[u8], lo: i64, hi: i64) -> Result<Links> {
    let mut walk = LinkWalk::start(conn, key, lo)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINK_COLS} FROM events WHERE id > ?1 AND id <= ?2 ORDER BY id"
    ))?;
    let mut rows = stmt.query([lo, hi])?;
    while let Some(r) = rows.next()? {
        walk.step(r)?;
    }
    Ok(walk.out)
}

/// A text column's bytes borrowed from the row (no copy, and no UTF-8
/// check: the MAC covers the bytes). Only text: a value stored as a blob
/// is refused, as [`text`] refuses it.
fn bytes<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r [u8]> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(b) => Ok(b),
        other => Err(rusqlite::Error::InvalidColumnType(
            i,
            r.as_ref().column_name(i).unwrap_or("?").to_owned(),
            other.data_type(),
        )),
    }
}

/// A text column borrowed from the row (no copy).
pub(super) fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A verify reads the whole file once: a large page cache and a memory
/// map spare most of the read calls and page copies. (Only for `verify`:
/// the mapped pages count in a process's resident memory.)
pub(super) const WHOLE_READS: &str = "PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;";

/// A read-only connection to the database at `uri` (for a helper thread).
pub(super) fn open_reader(uri: &str) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute_batch("PRAGMA query_only = ON;")?;
    conn.execute_batch(WHOLE_READS)?;
    super::schema::legacy_views(&conn)?;
    Ok(conn)
}

/// The file that records the head of the last full `verify` that found
/// the record intact: beside the key file, `<key stem>.verified`.
pub fn verified_path(key_file: &Path) -> PathBuf {
    key_file.with_extension("verified")
}

/// The outcome of [`Store::verify_since`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinceHead {
    /// The head the last full verify ended at.
    pub from: ChainHead,
    /// The database's head now.
    pub head: ChainHead,
    /// Links checked (the events after `from`).
    pub checked: u64,
    /// The head file: `None` when there is none.
    pub head_file_matches: Option<bool>,
    /// Every problem found, in words.
    pub problems: Vec<String>,
}

impl SinceHead {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    /// Record `head` as verified (after a full verify found the record
    /// intact), so that `verify --since-head` can start there.
    pub fn record_verified(&self, head: &ChainHead) -> Result<()> {
        let path = verified_path(&self.key_path);
        write_atomic(&path, &format!("{head}\n"))
            .map_err(|source| StoreError::Head { path, source })
    }

    /// The head of the last full verify that found the record intact.
    pub fn last_verified(&self) -> Result<Option<ChainHead>> {
        let path = verified_path(&self.key_path);
        let text = read_head_file(&path).map_err(|source| StoreError::Head {
            path: path.clone(),
            source,
        })?;
        Ok(text.and_then(|t| t.parse().ok()))
    }

    /// The chain as it stood after event `n`: `n` and its HMAC (`None`
    /// when there is no event `n`).
    pub fn head_at(&self, n: u64) -> Result<Option<ChainHead>> {
        let id = i64::try_from(n).unwrap_or(i64::MAX);
        let hmac: Option<String> = self
            .conn
            .prepare_cached("SELECT hmac FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(hmac.map(|last_hmac| ChainHead {
            events: n,
            last_hmac,
        }))
    }

    /// `verify --since-head`: the verified head is still in the log with
    /// its HMAC, every link after it holds, ids run on without a gap, and
    /// the head file matches the end. The rows are not replayed: that is
    /// the full verify's work.
    pub fn verify_since(&self, from: &ChainHead) -> Result<SinceHead> {
        let head = self.chain_head()?;
        let mut problems = Vec::new();
        let at = i64::try_from(from.events).unwrap_or(i64::MAX);
        if from.events > 0 {
            let stored: Option<String> = self
                .conn
                .prepare_cached("SELECT hmac FROM events WHERE id = ?1")?
                .query_row([at], |r| r.get(0))
                .optional()?;
            match stored {
                None => problems.push(format!(
                    "event {} of the verified head is missing: the log ends at event {}",
                    from.events, head.events
                )),
                Some(h) if h != from.last_hmac => problems.push(format!(
                    "event {} has another HMAC than when it was verified: the log was rewritten",
                    from.events
                )),
                Some(_) => {}
            }
        }
        let links = check_range(&self.conn, self.secret.bytes(), at, i64::MAX)?;
        for (after, next) in &links.gaps {
            problems.push(format!(
                "event ids jump from {after} to {next}: events missing or inserted"
            ));
        }
        for (event, action) in &links.broken {
            problems.push(format!(
                "event {event} ({action}): the HMAC does not match: edited, inserted or moved"
            ));
        }
        let head_file_matches = match read_head_file(&self.head_path) {
            Ok(None) => None,
            Ok(Some(text)) => {
                let same = text.parse::<ChainHead>().is_ok_and(|h| h == head);
                if !same {
                    problems.push(format!(
                        "head file {} says {}, the database ends at {head}",
                        self.head_path.display(),
                        text.trim()
                    ));
                }
                Some(same)
            }
            Err(e) => {
                problems.push(format!(
                    "head file {} cannot be read: {e}",
                    self.head_path.display()
                ));
                Some(false)
            }
        };
        Ok(SinceHead {
            from: from.clone(),
            head,
            checked: links.checked,
            head_file_matches,
            problems,
        })
    }
}
