//! The tables read for the replay, and the rows compared with it.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use super::checker::{
    Checker, ColumnDiff, VisitEvent, VisitRow, opt, parse, private_pairs, private_values,
};
use super::{HeadFileState, Problem};
use crate::store::audit::PRIVATE_OF_E;
use crate::store::head::read_head_file;
use crate::store::keyed::fingerprint;
use crate::store::visits::{CHECKOUT_DRAFT_COL, VISIT_COL_COUNT, VISIT_COLS, row_to_visit};
use crate::store::{ChainHead, Result, Store};

/// The columns [`read_visit_row`] reads.
pub(super) fn visit_row_cols() -> String {
    format!("{VISIT_COLS}, flagged, anonymized")
}

/// A visit row as the replay compares it (columns [`visit_row_cols`]).
pub(super) fn read_visit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<VisitRow> {
    let extra = VISIT_COL_COUNT;
    Ok(VisitRow {
        visit: row_to_visit(r)?,
        draft_stored: r.get_ref(CHECKOUT_DRAFT_COL)? != rusqlite::types::ValueRef::Null,
        status: r.get(1)?,
        flagged: r.get(extra)?,
        anonymized: r.get(extra + 1)?,
    })
}

/// Replay the visits with ids in `[lo, hi]` (their events through the
/// index on `visit_id`) alongside their rows, both in id order.
pub(super) fn replay_visits(
    conn: &Connection,
    has_private: bool,
    c: &mut Checker<'_>,
    lo: i64,
    hi: i64,
) -> Result<u64> {
    let private = if has_private { PRIVATE_OF_E } else { "NULL" };
    let mut ev_stmt = conn.prepare_cached(&format!(
        "SELECT e.visit_id, e.id, e.action, e.actor, e.at, e.details, {private}
         FROM events e WHERE e.visit_id BETWEEN ?1 AND ?2 ORDER BY e.visit_id, e.id"
    ))?;
    let mut events = ev_stmt.query([lo, hi])?;
    let mut row_stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM visits WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
        visit_row_cols()
    ))?;
    let mut rows = row_stmt.query([lo, hi])?;
    let mut next_event = || -> rusqlite::Result<Option<(i64, VisitEvent)>> {
        let Some(r) = events.next()? else {
            return Ok(None);
        };
        Ok(Some((
            r.get(0)?,
            VisitEvent {
                id: r.get(1)?,
                action: r.get(2)?,
                actor: r.get(3)?,
                at: r.get(4)?,
                details: r.get(5)?,
                private: private_pairs(r.get_ref(6)?.as_str_or_null().ok().flatten()),
            },
        )))
    };
    let mut pending_event = next_event()?;
    let mut pending_row = match rows.next()? {
        Some(r) => Some(read_visit_row(r)?),
        None => None,
    };
    let mut n = 0;
    // One buffer for every visit's events.
    let mut group = Vec::new();
    loop {
        let ev_visit = pending_event.as_ref().map(|e| e.0);
        let row_visit = pending_row.as_ref().map(|r| r.visit.id.0);
        let id = match (ev_visit, row_visit) {
            (None, None) => break,
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
        };
        group.clear();
        while let Some((v, _)) = &pending_event
            && *v == id
        {
            if let Some((_, e)) = pending_event.take() {
                group.push(e);
            }
            pending_event = next_event()?;
        }
        let row = if row_visit == Some(id) {
            let taken = pending_row.take();
            pending_row = match rows.next()? {
                Some(r) => Some(read_visit_row(r)?),
                None => None,
            };
            n += 1;
            taken
        } else {
            None
        };
        c.visit(id, &group, row.as_ref());
    }
    Ok(n)
}

impl Store {
    /// The events of no visit applied to accounts, badges, reviews, in
    /// id order (through the `events_visit` index: NULL sorts first).
    pub(super) fn walk_globals(&self, c: &mut Checker<'_>) -> Result<()> {
        let private = if self.has_private {
            PRIVATE_OF_E
        } else {
            "NULL"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.id, e.action, e.actor, e.at, e.details, {private}
             FROM events e WHERE e.visit_id IS NULL ORDER BY e.id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let action: String = r.get(1)?;
            let actor: Option<i64> = r.get(2)?;
            let at: i64 = r.get(3)?;
            let details: String = r.get(4)?;
            let private: Option<String> = r.get(5)?;
            let d = parse(&details);
            let private = private_values(&private_pairs(private.as_deref()));
            c.global(id, &action, actor, at, &d, &private);
        }
        Ok(())
    }

    pub(super) fn compare_accounts(&self, c: &mut Checker<'_>) -> Result<u64> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, nip, role, pin_hash, active, failed_pins, last_failed_at, locked,
                    created_at FROM users ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut seen = Vec::new();
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let id: i64 = r.get(0)?;
            let name: String = r.get(1)?;
            let nip: String = r.get(2)?;
            let role: String = r.get(3)?;
            let pin_hash: String = r.get(4)?;
            let active: bool = r.get(5)?;
            let failed: i64 = r.get(6)?;
            let last_failed: Option<i64> = r.get(7)?;
            let locked: bool = r.get(8)?;
            let created_at: i64 = r.get(9)?;
            seen.push(id);
            let Some(a) = c.accounts.get(&id) else {
                c.problem(Problem::ExtraRow {
                    table: "users",
                    row: id.to_string(),
                });
                continue;
            };
            let who = fingerprint(c.key, "user", id, &[&name, &nip]);
            let pin = fingerprint(c.key, "pin", id, &[&pin_hash]);
            let mut diffs: Vec<ColumnDiff> = Vec::new();
            if a.who.as_ref().is_some_and(|w| *w != who) {
                diffs.push(("name/nip", None, a.created.clone()));
            }
            if a.role_text != role {
                diffs.push(("role", Some((role, a.role_text.clone())), a.created.clone()));
            }
            if a.pin.as_ref().is_some_and(|p| *p != pin) {
                diffs.push(("pin_hash", None, a.pin_ev.clone()));
            }
            if a.active != active {
                diffs.push((
                    "active",
                    Some((active.to_string(), a.active.to_string())),
                    a.active_ev.clone(),
                ));
            }
            if a.locked != locked {
                diffs.push((
                    "locked",
                    Some((locked.to_string(), a.locked.to_string())),
                    a.lock_ev.clone(),
                ));
            }
            if a.failed != failed {
                diffs.push((
                    "failed_pins",
                    Some((failed.to_string(), a.failed.to_string())),
                    a.lock_ev.clone(),
                ));
            }
            if a.last_failed != last_failed {
                diffs.push((
                    "last_failed_at",
                    Some((opt(last_failed), opt(a.last_failed))),
                    a.lock_ev.clone(),
                ));
            }
            if a.created_at != created_at {
                diffs.push((
                    "created_at",
                    Some((created_at.to_string(), a.created_at.to_string())),
                    a.created.clone(),
                ));
            }
            for (column, values, event) in diffs {
                c.problem(Problem::Column {
                    table: "users",
                    row: id.to_string(),
                    column,
                    values,
                    event: Some(event),
                });
            }
        }
        let missing: Vec<(i64, (i64, String))> = c
            .accounts
            .iter()
            .filter(|(id, _)| !seen.contains(id))
            .map(|(id, a)| (*id, a.created.clone()))
            .collect();
        for (id, event) in missing {
            c.problem(Problem::MissingRow {
                table: "users",
                row: id.to_string(),
                event,
            });
        }
        Ok(n)
    }

    pub(super) fn compare_lost_badges(&self, c: &mut Checker<'_>) -> Result<u64> {
        let mut changes = std::mem::take(&mut c.badges);
        changes.sort_by_key(|b| b.0);
        let mut expected: BTreeMap<String, (i64, i64, (i64, String))> = BTreeMap::new();
        for (event, badge, change) in changes {
            match change {
                Some((visit, at)) => {
                    expected.insert(badge, (visit, at, (event, "checked_out".into())));
                }
                None => {
                    if expected.remove(&badge).is_none() {
                        c.replay_error(
                            event,
                            "badge_restored",
                            format!("badge {badge} was not lost"),
                        );
                    }
                }
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT badge, visit_id, lost_at FROM lost_badges ORDER BY badge")?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let badge: String = r.get(0)?;
            let visit: Option<i64> = r.get(1)?;
            let at: i64 = r.get(2)?;
            let Some((ev_visit, ev_at, event)) = expected.remove(&badge) else {
                c.problem(Problem::ExtraRow {
                    table: "lost_badges",
                    row: badge,
                });
                continue;
            };
            if visit != Some(ev_visit) {
                c.column(
                    "lost_badges",
                    &badge,
                    "visit_id",
                    opt(visit),
                    ev_visit.to_string(),
                    Some(event.clone()),
                );
            }
            if at != ev_at {
                c.column(
                    "lost_badges",
                    &badge,
                    "lost_at",
                    at.to_string(),
                    ev_at.to_string(),
                    Some(event),
                );
            }
        }
        for (badge, (_, _, event)) in expected {
            c.problem(Problem::MissingRow {
                table: "lost_badges",
                row: badge,
                event,
            });
        }
        Ok(n)
    }

    pub(super) fn compare_reviews(&self, c: &mut Checker<'_>) -> Result<u64> {
        let mut expected = std::mem::take(&mut c.reviews);
        let mut stmt = self
            .conn
            .prepare("SELECT day, reviewed_by, reviewed_at, note FROM day_reviews ORDER BY day")?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let day: String = r.get(0)?;
            let by: i64 = r.get(1)?;
            let at: i64 = r.get(2)?;
            let note: String = r.get(3)?;
            let Some(rev) = expected.remove(&day) else {
                c.problem(Problem::ExtraRow {
                    table: "day_reviews",
                    row: day,
                });
                continue;
            };
            if by != rev.by {
                c.column(
                    "day_reviews",
                    &day,
                    "reviewed_by",
                    by.to_string(),
                    rev.by.to_string(),
                    Some(rev.event.clone()),
                );
            }
            if at != rev.at {
                c.column(
                    "day_reviews",
                    &day,
                    "reviewed_at",
                    at.to_string(),
                    rev.at.to_string(),
                    Some(rev.event.clone()),
                );
            }
            // Emptied by a later anonymisation of the day.
            let cleared = c.anonymizers.iter().any(|a| {
                a.event > rev.event.0 && a.reviews_before.as_deref().is_some_and(|b| *day < *b)
            });
            match &rev.note {
                _ if cleared => {
                    if !note.is_empty() {
                        c.problem(Problem::Column {
                            table: "day_reviews",
                            row: day.clone(),
                            column: "note",
                            values: None,
                            event: Some(rev.event.clone()),
                        });
                    }
                }
                Some(n) if *n != note => c.problem(Problem::Column {
                    table: "day_reviews",
                    row: day.clone(),
                    column: "note",
                    values: None,
                    event: Some(rev.event.clone()),
                }),
                Some(_) => {}
                None => c.problem(Problem::Private {
                    event: rev.event.0,
                    field: "note".into(),
                    what: "deleted",
                }),
            }
        }
        for (day, rev) in expected {
            c.problem(Problem::MissingRow {
                table: "day_reviews",
                row: day,
                event: rev.event,
            });
        }
        Ok(n)
    }

    pub(super) fn compare_head_file(&self, c: &mut Checker<'_>, head: &ChainHead) -> HeadFileState {
        let path = self.head_path.clone();
        let text = match read_head_file(&path) {
            Ok(Some(t)) => t,
            Ok(None) => return HeadFileState::Missing,
            Err(e) => {
                c.problem(Problem::HeadFile {
                    path,
                    what: format!("cannot be read: {e}"),
                });
                return HeadFileState::Differs;
            }
        };
        let recorded: ChainHead = match text.parse() {
            Ok(h) => h,
            Err(e) => {
                c.problem(Problem::HeadFile { path, what: e });
                return HeadFileState::Differs;
            }
        };
        if recorded == *head {
            return HeadFileState::Matches;
        }
        let what = match recorded.events.cmp(&head.events) {
            std::cmp::Ordering::Greater => format!(
                "records {} events, the database ends at event {}: {} event(s) missing at the end",
                recorded.events,
                head.events,
                recorded.events - head.events
            ),
            std::cmp::Ordering::Less => format!(
                "records {} events, the database has {}: the head file is behind \
                 (replaced with an older one, or not written after a commit)",
                recorded.events, head.events
            ),
            std::cmp::Ordering::Equal => format!(
                "records event {} with another HMAC: the end of the log was rewritten",
                recorded.events
            ),
        };
        c.problem(Problem::HeadFile { path, what });
        HeadFileState::Differs
    }

    pub(super) fn compare_expected(
        &self,
        c: &mut Checker<'_>,
        head: &ChainHead,
        expect: &ChainHead,
    ) -> Result<()> {
        if expect.events == 0 {
            return Ok(());
        }
        let hmac: Option<String> = self
            .conn
            .query_row(
                "SELECT hmac FROM events WHERE id = ?1",
                [i64::try_from(expect.events).unwrap_or(i64::MAX)],
                |r| r.get(0),
            )
            .optional()?;
        let what = match hmac {
            None => format!(
                "event {} is missing: the log ends at event {}",
                expect.events, head.events
            ),
            Some(h) if h != expect.last_hmac => {
                format!(
                    "event {} has another HMAC: the log was rewritten",
                    expect.events
                )
            }
            Some(_) => return Ok(()),
        };
        c.problem(Problem::ExpectedHead { what });
        Ok(())
    }
}
