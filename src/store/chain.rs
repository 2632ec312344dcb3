//! The chain's links, checked on every core, and `verify --since-head`.
//!
//! Each event's HMAC covers its own fields and the HMAC stored in the
//! event before it, so any stretch of the chain can be checked on its own
//! once the event before the stretch is read: the walk is cut into ranges
//! of ids that threads (each with its own read-only connection) take from
//! one counter. The ranges meet because each starts from the stored event
//! at or before its lower bound — a gap or a broken link across a range
//! boundary is found exactly as by one walk from the start.
//! (`ENGINEERING.md`: one core walked about 0.95 M events/s.)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::audit::{keyed, mac_of, read_head_file, write_atomic};
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
    fn merge(&mut self, other: Links) {
        self.checked += other.checked;
        self.broken.extend(other.broken);
        self.gaps.extend(other.gaps);
    }

    fn sort(&mut self) {
        self.broken.sort_unstable();
        self.gaps.sort_unstable();
    }
}

/// Events per range: about 16 ranges, so that the threads end together,
/// at most 50,000 and at least 64 events, so that a range's start-up (one
/// seek) does not count. (Small logs, as in the tests, still split.)
fn range_len(last_id: i64) -> i64 {
    (last_id / 16).clamp(64, 50_000)
}

/// Check the links of the events with ids in `(lo, hi]`, each against the
/// event before it; the first against the newest stored event at or
/// before `lo` (none when `lo` is below 1).
pub(super) fn check_range(conn: &Connection, key: &[u8], lo: i64, hi: i64) -> Result<Links> {
    let start: Option<(i64, String)> = if lo < 1 {
        None
    } else {
        conn.prepare_cached("SELECT id, hmac FROM events WHERE id <= ?1 ORDER BY id DESC LIMIT 1")?
            .query_row([lo], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
    };
    let (mut prev_id, mut prev) = start.unwrap_or((0, String::new()));
    let mut out = Links::default();
    let keyed = keyed(key);
    let mut stmt = conn.prepare_cached(
        "SELECT id, visit_id, step, action, actor, at, details, hmac FROM events
         WHERE id > ?1 AND id <= ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query([lo, hi])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let action = text(r, 3)?;
        let details = text(r, 6)?;
        let hmac = text(r, 7)?;
        if id != prev_id + 1 {
            out.gaps.push((prev_id, id));
        }
        let expected = mac_of(
            &keyed,
            &prev,
            id,
            r.get(1)?,
            r.get(2)?,
            action,
            r.get(4)?,
            r.get(5)?,
            details,
        );
        out.checked += 1;
        if expected != hmac {
            out.broken.push((id, action.to_owned()));
        }
        prev_id = id;
        prev.clear();
        prev.push_str(hmac);
    }
    Ok(out)
}

/// A text column borrowed from the row (no copy).
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Check every link up to the end of the log, on all cores, while `main`
/// (the replay) runs on this thread; this thread joins the link work when
/// `main` is done. `open` makes a read-only connection for a helper
/// thread; a helper that cannot open one leaves its share to the others.
pub(super) fn check_all<R>(
    conn: &Connection,
    open: &(dyn Fn() -> rusqlite::Result<Connection> + Sync),
    key: &[u8],
    last_id: i64,
    main: impl FnOnce() -> R,
) -> (Result<Links>, R) {
    let range = range_len(last_id);
    let mut bounds = vec![(i64::MIN, range.min(last_id))];
    let mut lo = range;
    while lo < last_id {
        bounds.push((lo, (lo + range).min(last_id)));
        lo += range;
    }
    // Whatever was appended after the head was read is in the last range.
    if let Some(last) = bounds.last_mut() {
        last.1 = i64::MAX;
    }
    let next = AtomicUsize::new(0);
    let work = |conn: &Connection| -> Result<Links> {
        let mut out = Links::default();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(lo, hi)) = bounds.get(i) else {
                return Ok(out);
            };
            out.merge(check_range(conn, key, lo, hi)?);
        }
    };
    let helpers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .saturating_sub(1)
        .max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| {
                s.spawn(|| match open() {
                    Ok(c) => work(&c),
                    Err(_) => Ok(Links::default()),
                })
            })
            .collect();
        let r = main();
        let mut links = work(conn);
        for h in handles {
            let found = h
                .join()
                .unwrap_or_else(|_| Err(StoreError::Hash("a verify thread panicked".into())));
            links = match (links, found) {
                (Ok(mut a), Ok(b)) => {
                    a.merge(b);
                    Ok(a)
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
        }
        (
            links.map(|mut l| {
                l.sort();
                l
            }),
            r,
        )
    })
}

/// A read-only connection to the database at `uri` (for a helper thread).
pub(super) fn open_reader(uri: &str) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // A verify reads the whole file once: a large page cache and a
    // memory map spare most of the read calls and page copies.
    conn.execute_batch(
        "PRAGMA query_only = ON; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;",
    )?;
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
