//! `verify`: the record proves itself.
//!
//! The audit events are the record; the `visits`, `users`, `lost_badges`
//! and `day_reviews` rows are a projection of them. [`Store::audit`]
//!
//! 1. walks the chain: every link is checked against the stored previous
//!    HMAC, ids must run 1, 2, 3 … without a gap;
//! 2. checks every private value (`event_private`) against the keyed hash
//!    its event chains;
//! 3. replays the events — visits through the domain's own state machine
//!    ([`Visit::apply`]), accounts, lost badges and day reviews by their
//!    events — and compares every row and column the events determine;
//! 4. compares the end of the log with the head file, and with a head
//!    printed on a report (`--expect-head`).
//!
//! Events written before schema 4 ("legacy", no `"v"` in their details)
//! carry less: what they do not determine (a PIN hash, a checklist) is
//! accepted as stored.

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rusqlite::Connection;

mod checker;
mod command;
mod pass;
mod plans;
mod rows;
mod types;
mod visit;
mod watch;

use super::chain::Links;
use super::{ChainHead, Result, Store, StoreError};
use checker::{Checker, text};

/// The shortest stretch of the pass, in events. The log is cut in about
/// 16 stretches, so that the cores end together, and not shorter than
/// this: a visit whose events cross a stretch's end is replayed again on
/// its own, and a busy day at the door is a few hundred events.
const MIN_STRETCH: i64 = 8192;

/// How many problems are kept (the first ones); the count goes on.
const KEEP: usize = 1000;

/// One way the record does not prove itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Event 1 does not verify and neither does any later link.
    KeyMismatch { path: PathBuf },
    /// One event's HMAC does not match its fields and the previous HMAC.
    Link { event: i64, action: String },
    /// Event ids are not contiguous.
    Gap { after: i64, next: i64 },
    /// A private value does not match the hash its event chains, or is
    /// missing where it may not be.
    Private {
        event: i64,
        field: String,
        what: &'static str,
    },
    /// An event that the replay cannot apply.
    Replay {
        event: i64,
        action: String,
        error: String,
    },
    /// A column differs from what the events say.
    Column {
        table: &'static str,
        row: String,
        column: &'static str,
        /// `None` for personal data, which is not printed.
        values: Option<(String, String)>,
        event: Option<(i64, String)>,
    },
    /// A row the events create is not there.
    MissingRow {
        table: &'static str,
        row: String,
        event: (i64, String),
    },
    /// A row no event created.
    ExtraRow { table: &'static str, row: String },
    /// The head file does not match the database.
    HeadFile { path: PathBuf, what: String },
    /// The head given with `--expect-head` does not match.
    ExpectedHead { what: String },
    /// A table or column the record needs is not there (`SQLite`'s words).
    Schema { what: String },
    /// A value stored with another type than its column's, or as text
    /// that is not UTF-8 (`stored` says which).
    Type {
        table: String,
        row: String,
        column: String,
        stored: String,
    },
}

fn ev(e: &(i64, String)) -> String {
    format!("event {} ({})", e.0, e.1)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::KeyMismatch { path } => write!(
                f,
                "key file {}: event 1 and every later event fail to verify with it: \
                 the key was swapped or changed, or the database belongs to another key",
                path.display()
            ),
            Problem::Link { event, action } => write!(
                f,
                "table events, event {event} ({action}): HMAC does not match: \
                 the event was edited, inserted or moved"
            ),
            Problem::Gap { after, next } => write!(
                f,
                "table events: ids jump from {after} to {next}: {} event(s) deleted",
                next - after - 1
            ),
            Problem::Private { event, field, what } => {
                write!(
                    f,
                    "table event_private, event {event}, field {field}: {what}"
                )
            }
            Problem::Replay {
                event,
                action,
                error,
            } => write!(f, "event {event} ({action}) does not replay: {error}"),
            Problem::Column {
                table,
                row,
                column,
                values,
                event,
            } => {
                write!(f, "table {table}, row {row}, column {column}: ")?;
                match values {
                    Some((found, expected)) => write!(f, "is {found}, expected {expected}")?,
                    None => f.write_str("differs from the record")?,
                }
                match event {
                    Some(e) => write!(f, " (set by {})", ev(e)),
                    None => f.write_str(" (no event sets it)"),
                }
            }
            Problem::MissingRow { table, row, event } => write!(
                f,
                "table {table}, row {row}: missing ({} created it)",
                ev(event)
            ),
            Problem::ExtraRow { table, row } => {
                write!(f, "table {table}, row {row}: no event created it")
            }
            Problem::HeadFile { path, what } => write!(f, "head file {}: {what}", path.display()),
            Problem::ExpectedHead { what } => write!(f, "expected head: {what}"),
            Problem::Schema { what } => f.write_str(what),
            Problem::Type {
                table,
                row,
                column,
                stored,
            } => write!(
                f,
                "table {table}, row {row}, column {column}: stored as {stored}: \
                 changed outside dc-access"
            ),
        }
    }
}

/// What the head file told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadFileState {
    Matches,
    /// No head file: the end of the log was not checked against it.
    Missing,
    /// It does not match (the problem is in the list).
    Differs,
}

/// The outcome of [`Store::audit`].
#[derive(Debug, Clone)]
pub struct Audit {
    /// The database's chain head.
    pub head: ChainHead,
    pub visits: u64,
    /// Visits the one pass did not replay (crossing a stretch's end, or
    /// with something to report), replayed again on their own.
    pub replayed_alone: u64,
    pub accounts: u64,
    pub lost_badges: u64,
    pub day_reviews: u64,
    pub watchlist: u64,
    pub plans: u64,
    pub head_file: HeadFileState,
    /// The first problems found (at most 1000).
    pub problems: Vec<Problem>,
    /// All problems found.
    pub problem_count: u64,
}

impl Audit {
    pub fn is_intact(&self) -> bool {
        self.problem_count == 0
    }
}

impl Store {
    /// Check the whole record: the chain, the private values, every row
    /// against the replay of the events, the head file, and `expect` (a
    /// head printed on a report). Problems are collected, not returned as
    /// errors: `Err` means the check could not run.
    pub fn audit(&self, expect: Option<&ChainHead>) -> Result<Audit> {
        self.audit_in_stretches(expect, None, None)
    }

    /// [`Store::audit`], telling `progress` (from any thread) how many
    /// events of how many the pass has walked as its stretches end: on a
    /// long history the command line shows it.
    pub fn audit_with_progress(
        &self,
        expect: Option<&ChainHead>,
        progress: &Progress<'_>,
    ) -> Result<Audit> {
        self.audit_in_stretches(expect, None, Some(progress))
    }

    /// [`Store::audit`] with the pass cut into stretches of `len` events
    /// (`None`: the usual ones): tests check that tiny stretches (nearly
    /// every visit replayed on its own) find exactly what the pass finds.
    #[doc(hidden)]
    pub fn audit_in_stretches(
        &self,
        expect: Option<&ChainHead>,
        len: Option<i64>,
        progress: Option<&Progress<'_>>,
    ) -> Result<Audit> {
        match self.audit_walk(expect, len, progress) {
            Err(e) => {
                // A table, column or value the pass could not read: told
                // (with every other value like it) as what was changed.
                let Some(problems) = types::unreadable(&self.conn, &e, KEEP)? else {
                    return Err(e);
                };
                Ok(self.found_only(problems))
            }
            ok => ok,
        }
    }

    /// An audit that found `problems` before it could replay anything.
    fn found_only(&self, problems: Vec<Problem>) -> Audit {
        Audit {
            head: self.chain_head().unwrap_or(ChainHead {
                events: 0,
                last_hmac: String::new(),
            }),
            visits: 0,
            replayed_alone: 0,
            accounts: 0,
            lost_badges: 0,
            day_reviews: 0,
            watchlist: 0,
            plans: 0,
            head_file: HeadFileState::Differs,
            problem_count: problems.len() as u64,
            problems,
        }
    }

    fn audit_walk(
        &self,
        expect: Option<&ChainHead>,
        len: Option<i64>,
        progress: Option<&Progress<'_>>,
    ) -> Result<Audit> {
        // Read as an older schema, every newer column would look wrong:
        // a lowered version is told on its own.
        if let Some(what) = super::schema::ahead_of_version(&self.conn)? {
            return Ok(self.found_only(vec![Problem::Schema {
                what: format!("{what}: the version was changed outside dc-access"),
            }]));
        }
        if self.read_only {
            self.conn.execute_batch(super::chain::WHOLE_READS)?;
        }
        let key = self.secret.bytes();
        let mut c = Checker::new(key);
        let head = self.chain_head()?;
        let last_id = i64::try_from(head.events).unwrap_or(i64::MAX);
        let len = len.unwrap_or((last_id / 16).max(MIN_STRETCH)).max(1);
        let walk = Walk {
            stretches: &stretches(last_id, len),
            events: head.events,
            progress,
        };
        let (visits, replayed_alone, links) = self.replay(&mut c, &walk)?;
        for (after, next) in links.gaps {
            c.problem(Problem::Gap { after, next });
        }
        if links.checked >= 2 && links.broken.len() as u64 == links.checked {
            c.problem(Problem::KeyMismatch {
                path: self.key_path.clone(),
            });
        } else {
            for (event, action) in links.broken {
                c.problem(Problem::Link { event, action });
            }
        }
        let accounts = self.compare_accounts(&mut c)?;
        let lost_badges = self.compare_lost_badges(&mut c)?;
        let day_reviews = self.compare_reviews(&mut c)?;
        let watchlist = self.compare_watchlist(&mut c)?;
        let plans = self.compare_plans(&mut c)?;
        let counts: Vec<(i64, &str, u64, u64)> = c
            .anonymizers
            .iter()
            .flat_map(|a| {
                [
                    (a.event, "watchlist entries", a.watch_said, a.watch_counted),
                    (a.event, "plans", a.plans_said, a.plans_counted),
                ]
            })
            .filter(|x| x.2 != x.3)
            .collect();
        for (event, what, said, counted) in counts {
            c.problem(Problem::Replay {
                event,
                action: "visits_anonymized".into(),
                error: format!("records {said} {what} anonymised, the replay finds {counted}"),
            });
        }
        let head_file = self.compare_head_file(&mut c, &head);
        if let Some(expect) = expect {
            self.compare_expected(&mut c, &head, expect)?;
        }
        Ok(Audit {
            head,
            visits,
            replayed_alone,
            accounts,
            lost_badges,
            day_reviews,
            watchlist,
            plans,
            head_file,
            problems: c.problems,
            problem_count: c.count,
        })
    }

    /// One pass along the log in stretches that every core takes from one
    /// counter ([`pass::walk`]: links, private values, visits), each
    /// stretch checked by a fork of the checker and joined back in order;
    /// the events of no visit are walked on this thread meanwhile (the
    /// helpers' visits wait for the accounts, anonymisations, watchlist and
    /// plans they make) before it takes stretches too; then the
    /// visits the pass left, on their own, in id order; then the
    /// anonymisations counted. Returns the visit rows read, the visits
    /// replayed on their own, and the links.
    fn replay(&self, c: &mut Checker<'_>, walk: &Walk<'_>) -> Result<(u64, u64, Links)> {
        let stretches = walk.stretches;
        let next = AtomicUsize::new(0);
        let walked = AtomicU64::new(0);
        // What the threads read of the store (a `Store` stays on its thread).
        let (has_private, uri, key) = (self.has_private, self.reader_uri.as_str(), c.key);
        // What the events of no visit made, once walked.
        let base = OnceLock::new();
        let work = |conn: &Connection| {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(lo, hi)) = stretches.get(i) else {
                    return done;
                };
                let stretch = pass::walk(conn, &base, key, has_private, lo, hi);
                if let (Ok(s), Some(progress)) = (&stretch, walk.progress) {
                    let n = walked.fetch_add(s.links.checked, Ordering::Relaxed);
                    progress(n + s.links.checked, walk.events);
                }
                done.push((i, stretch));
            }
        };
        let helpers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .saturating_sub(1);
        let (globals, mut walked) = std::thread::scope(|s| {
            // The helpers start on the log at once; their visits wait for
            // the events of no visit, walked here meanwhile.
            let handles: Vec<_> = (0..helpers)
                .map(|_| {
                    s.spawn(|| match super::chain::open_reader(uri) {
                        Ok(conn) => work(&conn),
                        // Its stretches are left to the others.
                        Err(_) => Vec::new(),
                    })
                })
                .collect();
            let globals = self.walk_globals(c);
            // Set even when the walk failed (the helpers wait for it); the
            // error is told below.
            let _ = base.set(c.fork());
            let mut walked = if globals.is_ok() {
                work(&self.conn)
            } else {
                Vec::new()
            };
            for h in handles {
                match h.join() {
                    Ok(found) => walked.extend(found),
                    Err(_) => walked.push((
                        usize::MAX,
                        Err(StoreError::Hash("a verify thread panicked".into())),
                    )),
                }
            }
            (globals, walked)
        });
        globals?;
        walked.sort_by_key(|w| w.0);
        let mut links = Links::default();
        let mut founds = Vec::new();
        let mut replayed = Vec::new();
        let mut again = Vec::new();
        for (_, stretch) in walked {
            let stretch = stretch?;
            links.merge(stretch.links);
            for p in stretch.private {
                c.problem(p);
            }
            founds.push(stretch.found);
            replayed.extend(stretch.replayed);
            again.extend(stretch.again);
        }
        links.sort();
        for found in founds {
            c.join(found);
        }
        let mut visits = replayed.len() as u64;
        // Rows no visit of the pass stands for: replayed on their own
        // (which finds them extra).
        replayed.sort_unstable();
        again.sort_unstable();
        again.dedup();
        let mut stmt = self.conn.prepare("SELECT id FROM visits")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if replayed.binary_search(&id).is_err() && again.binary_search(&id).is_err() {
                again.push(id);
            }
        }
        again.sort_unstable();
        again.dedup();
        let alone = again.len() as u64;
        for id in again {
            visits += rows::replay_visits(&self.conn, has_private, c, id, id)?;
        }
        let counts: Vec<(i64, u64, u64)> = c
            .anonymizers
            .iter()
            .map(|a| (a.event, a.said, a.counted))
            .collect();
        for (event, said, counted) in counts {
            if said != counted {
                let p = Problem::Replay {
                    event,
                    action: "visits_anonymized".into(),
                    error: format!(
                        "records {said} visit(s) anonymised, the replay finds {counted}"
                    ),
                };
                c.problem(p);
            }
        }
        Ok((visits, alone, links))
    }
}

/// Told how many events of how many a full check has walked.
pub type Progress<'a> = dyn Fn(u64, u64) + Sync + 'a;

/// The pass's stretches, the events in all, and whom to tell.
struct Walk<'a> {
    stretches: &'a [(i64, i64)],
    events: u64,
    progress: Option<&'a Progress<'a>>,
}

/// The stretches of the pass: ids `(lo, hi]`, the first from below every
/// id, the last to above every id (so that strays and whatever was appended
/// after the head was read fall in one).
fn stretches(last_id: i64, len: i64) -> Vec<(i64, i64)> {
    let mut out = vec![(i64::MIN, len.min(last_id))];
    let mut lo = len;
    while lo < last_id {
        out.push((lo, (lo + len).min(last_id)));
        lo += len;
    }
    if let Some(last) = out.last_mut() {
        last.1 = i64::MAX;
    }
    out
}
