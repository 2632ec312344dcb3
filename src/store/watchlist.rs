//! The watchlist (daftar tangkal): entries added and removed by a
//! supervisor, each change one audit event in the same transaction. The
//! personal values of an entry (NIK, name, reason) are private values of
//! its `watch_added` event (kept beside the chain under a keyed hash, see
//! `004_private.sql`), so `anonymize` can remove them as it does a visit's.

use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::audit::append_private;
use super::{Result, Stamp, Store, StoreError, from_ts, supervisor, ts};
use crate::domain::audit::AuditAction;
use crate::domain::days::day_bounds;
use crate::domain::visit::{Time, UserId};
use crate::domain::watchlist::{NewWatch, WatchEntry, WatchId};

const COLS: &str =
    "id, nik, name, organisation, reason, valid_until, added_by, added_at, removed_by, removed_at";

fn row_to_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<WatchEntry> {
    let removed_by: Option<i64> = r.get(8)?;
    let removed_at: Option<i64> = r.get(9)?;
    Ok(WatchEntry {
        id: WatchId(r.get(0)?),
        nik: r.get(1)?,
        name: r.get(2)?,
        organisation: r.get(3)?,
        reason: r.get(4)?,
        until: from_ts(r.get(5)?),
        added_by: UserId(r.get(6)?),
        added_at: from_ts(r.get(7)?),
        removed: match (removed_by, removed_at) {
            (Some(by), Some(at)) => Some((UserId(by), from_ts(at))),
            _ => None,
        },
    })
}

/// The entries that match at `now` (not removed, not past their last day).
pub(super) fn active(conn: &Connection, now: Time) -> Result<Vec<WatchEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM watchlist WHERE removed_at IS NULL AND valid_until > ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([ts(now)], row_to_entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The entries active at `now`, or with `all` every entry ever added
    /// (removed and expired ones too), oldest first.
    pub fn watchlist(&self, now: Time, all: bool) -> Result<Vec<WatchEntry>> {
        if !all {
            return active(&self.conn, now);
        }
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLS} FROM watchlist ORDER BY id"))?;
        let rows = stmt.query_map([], row_to_entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Add an entry, valid to the end of its last day in `tz`: the row
    /// and its `watch_added` event in one transaction.
    pub fn add_watch(&mut self, new: &NewWatch, tz: Tz, stamp: Stamp) -> Result<WatchEntry> {
        let by = supervisor(stamp)?.id;
        let until = day_bounds(new.last_day, tz).1;
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO watchlist (nik, name, organisation, reason, valid_until, added_by, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                new.nik,
                new.name,
                new.organisation,
                new.reason,
                ts(until),
                by.0,
                ts(stamp.at)
            ],
        )?;
        let id = tx.last_insert_rowid();
        append_private(
            &tx,
            &key,
            None,
            0,
            AuditAction::WatchAdded,
            stamp,
            &json!({
                "entry": id,
                "until": ts(until),
                "organisation": new.organisation,
                "nik": new.nik,
                "name": new.name,
                "reason": new.reason,
            }),
            &["nik", "name", "reason"],
        )?;
        tx.commit()?;
        self.publish_head()?;
        self.watch_entry(WatchId(id))
    }

    /// Remove an entry (the row stays, marked removed): its
    /// `watch_removed` event in the same transaction. An entry already
    /// removed, or none with that id, is [`StoreError::NoWatch`].
    pub fn remove_watch(&mut self, id: WatchId, stamp: Stamp) -> Result<WatchEntry> {
        let by = supervisor(stamp)?.id;
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let n = tx.execute(
            "UPDATE watchlist SET removed_by = ?2, removed_at = ?3
             WHERE id = ?1 AND removed_at IS NULL",
            params![id.0, by.0, ts(stamp.at)],
        )?;
        if n == 0 {
            return Err(StoreError::NoWatch(id.0));
        }
        append_private(
            &tx,
            &key,
            None,
            0,
            AuditAction::WatchRemoved,
            stamp,
            &json!({ "entry": id.0 }),
            &[],
        )?;
        tx.commit()?;
        self.publish_head()?;
        self.watch_entry(id)
    }

    /// One entry, removed or not.
    pub fn watch_entry(&self, id: WatchId) -> Result<WatchEntry> {
        self.conn
            .query_row(
                &format!("SELECT {COLS} FROM watchlist WHERE id = ?1"),
                [id.0],
                row_to_entry,
            )
            .optional()?
            .ok_or(StoreError::NoWatch(id.0))
    }
}

/// Retention: the entries that ended (removed, or past their last day)
/// before `cutoff` lose their NIK, name and reason, in the row and in
/// their `watch_added` event's private values. Entries still in force keep
/// them: the door still needs them. Returns how many were anonymised.
pub(super) fn anonymize_ended(tx: &Connection, cutoff: Time) -> Result<usize> {
    let ids = ended_before(
        tx,
        "SELECT id FROM watchlist WHERE anonymized = 0
           AND (valid_until <= ?1 OR removed_at < ?1)",
        cutoff,
    )?;
    for id in &ids {
        tx.execute(
            "UPDATE watchlist SET nik = '', name = '', reason = '', anonymized = 1 WHERE id = ?1",
            [id],
        )?;
        forget_private(tx, "watch_added", "$.entry", *id)?;
    }
    Ok(ids.len())
}

/// The ids `select` (with the cutoff as `?1`) finds: what ended before it.
pub(super) fn ended_before(tx: &Connection, select: &str, cutoff: Time) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare(select)?;
    let rows = stmt.query_map([ts(cutoff)], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Delete the private values of the `action` event (of no visit) whose
/// details name `id` at `path` (`$.entry`, `$.plan`).
pub(super) fn forget_private(tx: &Connection, action: &str, path: &str, id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM event_private WHERE event_id IN (
             SELECT id FROM events WHERE visit_id IS NULL AND action = ?1
                AND json_extract(details, ?2) = ?3)",
        rusqlite::params![action, path, id],
    )?;
    Ok(())
}
