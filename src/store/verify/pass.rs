//! One pass along the log: the links, the private values and the replay
//! of the visits, each stretch of the log read once, in id order.
//!
//! The log is cut into stretches of event ids that every core takes from
//! one counter. A stretch is read along the `events` table (no index), and
//! the private values beside it along `event_private`; each event is
//!
//! 1. linked to the one before it ([`LinkWalk`]);
//! 2. its private values checked against the hashes it chains;
//! 3. handed to the replay of its visit, whose row is read when the visit
//!    starts.
//!
//! A visit is replayed in the pass when its first event starts it, all its
//! events lie in the stretch, its row is there and it replays without a
//! problem. Every other visit — one that crosses a stretch's end, an event
//! of no started visit, a row no event started, anything with a problem —
//! is replayed afterwards on its own by [`rows::replay_visits`], the code
//! that words every problem, so problems are told as one walk by visit
//! would tell them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::Value;

use super::Problem;
use super::checker::{Checker, Found, VisitEvent, VisitRow, parse};
use super::rows::{read_visit_row, visit_row_cols};
use crate::store::Result;
use crate::store::chain::{LINK_COLS, LinkWalk, Links, text};
use crate::store::keyed::private_mac_hex;

/// What one stretch found.
pub(super) struct Stretch {
    pub(super) links: Links,
    /// Private values that do not match, in event order.
    pub(super) private: Vec<Problem>,
    /// What the visits replayed here added (no problem: those are replayed
    /// again).
    pub(super) found: Found,
    /// Visits replayed here and found right.
    pub(super) replayed: Vec<i64>,
    /// Visits to replay on their own.
    pub(super) again: Vec<i64>,
}

/// The hashes an event's details chain for its private values
/// (`"sealed"`), read without building the whole details.
enum Sealed<'a> {
    Borrowed(BTreeMap<&'a str, &'a str>),
    /// Details with escapes in them, or not an object.
    Parsed(Value),
}

#[derive(Deserialize)]
struct SealedOnly<'a> {
    #[serde(borrow, default)]
    sealed: BTreeMap<&'a str, &'a str>,
}

impl<'a> Sealed<'a> {
    fn of(details: &'a str) -> Sealed<'a> {
        match serde_json::from_str::<SealedOnly<'a>>(details) {
            Ok(s) => Sealed::Borrowed(s.sealed),
            Err(_) => Sealed::Parsed(parse(details)),
        }
    }

    fn hash(&self, field: &str) -> Option<&str> {
        match self {
            Sealed::Borrowed(m) => m.get(field).copied(),
            Sealed::Parsed(d) => d.get("sealed")?.get(field)?.as_str(),
        }
    }
}

/// A visit being replayed: its last event, its row, its events so far.
struct Open {
    last: i64,
    row: VisitRow,
    events: Vec<VisitEvent>,
}

/// Replay one visit: `true` when it is right; otherwise what it added to
/// the checker is taken back (it is replayed again on its own).
fn right(c: &mut Checker<'_>, visit: i64, events: &[VisitEvent], row: &VisitRow) -> bool {
    let mark = c.mark();
    c.visit(visit, events, Some(row));
    if c.count == mark.count {
        return true;
    }
    c.undo(mark);
    false
}

/// Visits waiting, at most, for the events of no visit to be walked.
const WAITING: usize = 4096;

/// The visits of a stretch, replayed as their last events come once the
/// events of no visit have been walked (`base` is set then: the accounts,
/// anonymisations, watchlist and plans every visit is checked against);
/// until then they wait, at most [`WAITING`] of them.
struct Replays<'b, 'a> {
    base: &'b OnceLock<Checker<'a>>,
    c: Option<Checker<'a>>,
    waiting: Vec<(i64, Open)>,
    replayed: Vec<i64>,
    again: Vec<i64>,
}

impl Replays<'_, '_> {
    /// A visit whose last event came.
    fn done(&mut self, visit: i64, o: Open) {
        self.waiting.push((visit, o));
        if self.c.is_none() {
            self.c = if self.waiting.len() < WAITING {
                self.base.get().map(Checker::fork)
            } else {
                Some(self.base.wait().fork())
            };
        }
        self.replay_waiting();
    }

    fn replay_waiting(&mut self) {
        if let Some(c) = self.c.as_mut() {
            replay_all(c, &mut self.waiting, &mut self.replayed, &mut self.again);
        }
    }

    /// What the stretch's visits added, and which were right, which not.
    fn finish(mut self) -> (Found, Vec<i64>, Vec<i64>) {
        let mut c = self.c.take().unwrap_or_else(|| self.base.wait().fork());
        replay_all(
            &mut c,
            &mut self.waiting,
            &mut self.replayed,
            &mut self.again,
        );
        (c.into_found(), self.replayed, self.again)
    }
}

/// Replay the waiting visits: each into `replayed` when right, else
/// into `again`.
fn replay_all(
    c: &mut Checker<'_>,
    waiting: &mut Vec<(i64, Open)>,
    replayed: &mut Vec<i64>,
    again: &mut Vec<i64>,
) {
    for (visit, o) in waiting.drain(..) {
        if right(c, visit, &o.events, &o.row) {
            replayed.push(visit);
        } else {
            again.push(visit);
        }
    }
}

/// Walk the events with ids in `(lo, hi]`.
pub(super) fn walk<'a>(
    conn: &Connection,
    base: &OnceLock<Checker<'a>>,
    key: &'a [u8],
    has_private: bool,
    lo: i64,
    hi: i64,
) -> Result<Stretch> {
    let mut links = LinkWalk::start(conn, key, lo)?;
    let mut private_problems = Vec::new();
    let mut ev_stmt = conn.prepare_cached(&format!(
        "SELECT {LINK_COLS} FROM events WHERE id > ?1 AND id <= ?2 ORDER BY id"
    ))?;
    let mut events = ev_stmt.query([lo, hi])?;
    let mut pv_stmt = conn.prepare_cached(if has_private {
        "SELECT event_id, field, value FROM event_private
         WHERE event_id > ?1 AND event_id <= ?2 ORDER BY event_id, field"
    } else {
        // No private values before schema 4: no rows.
        "SELECT 0, '', '' WHERE 0 AND ?1 = ?2"
    })?;
    let mut privates = pv_stmt.query([lo, hi])?;
    let next_private =
        |privates: &mut rusqlite::Rows<'_>| -> Result<Option<(i64, String, String)>> {
            Ok(match privates.next()? {
                Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?)),
                None => None,
            })
        };
    let mut pending = next_private(&mut privates)?;
    let mut bounds_stmt =
        conn.prepare_cached("SELECT min(id), max(id) FROM events WHERE visit_id = ?1")?;
    let mut row_stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM visits WHERE id = ?1",
        visit_row_cols()
    ))?;
    // A visit replayed here: its first event here starts it, its last is
    // in the stretch, its row is there. Its last event and its row.
    let mut start_here = |e: &VisitEvent, visit: i64, hi: i64| -> Result<Option<(i64, VisitRow)>> {
        if e.action != "visit_started" {
            return Ok(None);
        }
        let (first, last): (Option<i64>, Option<i64>) =
            bounds_stmt.query_row([visit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let Some(last) = last.filter(|l| first == Some(e.id) && *l <= hi) else {
            return Ok(None);
        };
        let row = row_stmt.query_row([visit], read_visit_row).optional()?;
        Ok(row.map(|row| (last, row)))
    };
    let mut open: HashMap<i64, Open> = HashMap::new();
    // Visits left to the replay on their own (no open replay here).
    let mut left: HashSet<i64> = HashSet::new();
    let mut again = Vec::new();
    let mut replays = Replays {
        base,
        c: None,
        waiting: Vec::new(),
        replayed: Vec::new(),
        again: Vec::new(),
    };
    while let Some(r) = events.next()? {
        links.step(r)?;
        let id: i64 = r.get(0)?;
        // Private values of no event (ids in a gap).
        while let Some((event, field, _)) = pending.take_if(|p| p.0 < id) {
            private_problems.push(Problem::Private {
                event,
                field,
                what: "no event chains this value: inserted",
            });
            pending = next_private(&mut privates)?;
        }
        let details = text(r, 6)?;
        let mut private = Vec::new();
        if pending.as_ref().is_some_and(|p| p.0 == id) {
            let sealed = Sealed::of(details);
            while let Some((_, field, value)) = pending.take_if(|p| p.0 == id) {
                let what = match sealed.hash(&field) {
                    None => Some("no event chains this value: inserted"),
                    Some(h) if *h.as_bytes() != private_mac_hex(key, id, &field, &value) => {
                        Some("does not match the hash its event chains: edited")
                    }
                    Some(_) => None,
                };
                if let Some(what) = what {
                    private_problems.push(Problem::Private {
                        event: id,
                        field: field.clone(),
                        what,
                    });
                }
                private.push((field, value));
                pending = next_private(&mut privates)?;
            }
        }
        let Some(visit) = r.get::<_, Option<i64>>(1)? else {
            continue; // walked before, with the accounts
        };
        if left.contains(&visit) {
            continue;
        }
        let event = VisitEvent {
            id,
            action: text(r, 3)?.to_owned(),
            actor: r.get(4)?,
            at: r.get(5)?,
            details: details.to_owned(),
            private,
        };
        if let Some(o) = open.get_mut(&visit) {
            o.events.push(event);
        } else if let Some((last, row)) = start_here(&event, visit, hi)? {
            let events = vec![event];
            open.insert(visit, Open { last, row, events });
        } else {
            again.push(visit);
            left.insert(visit);
            continue;
        }
        // Its last event: the visit is replayed.
        if open.get(&visit).is_some_and(|o| o.last == id)
            && let Some(o) = open.remove(&visit)
        {
            replays.done(visit, o);
        }
    }
    while let Some((event, field, _)) = pending.take() {
        private_problems.push(Problem::Private {
            event,
            field,
            what: "no event chains this value: inserted",
        });
        pending = next_private(&mut privates)?;
    }
    // Nothing is left open when the bounds held; to be sure.
    again.extend(open.into_keys());
    let (found, replayed, wrong) = replays.finish();
    again.extend(wrong);
    Ok(Stretch {
        links: links.out,
        private: private_problems,
        found,
        replayed,
        again,
    })
}
