//! The audit log: one row per event, each carrying an HMAC-SHA256 (keyed by
//! the outside secret) over its own fields and the previous event's HMAC.
//! Editing, deleting or inserting a row breaks the chain at that row.
//! The hashes are in [`super::keyed`], the head file in [`super::head`].

use rusqlite::{OptionalExtension, params};

use super::ChainHead;
use super::decode::known;
use super::keyed::{Fields, mac, seal};
use super::{Result, Stamp, Store, WriteTx, from_ts, ts};
use crate::domain::audit::AuditAction;
use crate::domain::visit::{Time, UserId, VisitId};

/// One stored event, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub id: i64,
    pub visit: Option<VisitId>,
    pub step: u8,
    pub action: AuditAction,
    pub actor: Option<UserId>,
    pub actor_name: Option<String>,
    pub at: Time,
    pub details: String,
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact { events: u64 },
    Broken { event_id: i64, after: u64 },
}

/// An event as stored, with its HMAC, for checking.
struct Stored {
    id: i64,
    visit: Option<i64>,
    step: i64,
    action: String,
    actor: Option<i64>,
    at: i64,
    details: String,
    hmac: String,
}

const STORED_COLS: &str = "id, visit_id, step, action, actor, at, details, hmac";

impl Stored {
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
        Ok(Stored {
            id: r.get(0)?,
            visit: r.get(1)?,
            step: r.get(2)?,
            action: r.get(3)?,
            actor: r.get(4)?,
            at: r.get(5)?,
            details: r.get(6)?,
            hmac: r.get(7)?,
        })
    }

    /// The HMAC this event should carry after `prev`.
    fn mac(&self, key: &[u8], prev: &str) -> String {
        mac(
            key,
            prev,
            &Fields {
                id: self.id,
                visit: self.visit,
                step: self.step,
                action: self.action.as_bytes(),
                actor: self.actor,
                at: self.at,
                details: self.details.as_bytes(),
            },
        )
    }
}

/// The chained details format written since schema 4: `"v": 2`, personal
/// values moved to `event_private` under `"sealed"`. Events without `"v"`
/// are older ("legacy") and verified by the older rules.
pub(super) const FORMAT: i64 = 2;

/// Append one event inside the caller's transaction.
pub(super) fn append(
    tx: &WriteTx<'_>,
    key: &[u8],
    visit: Option<VisitId>,
    step: u8,
    action: AuditAction,
    stamp: Stamp,
    details: &serde_json::Value,
) -> Result<()> {
    append_private(tx, key, visit, step, action, stamp, details, &[])
}

/// Append one event whose `private` keys of `details` hold personal data
/// (see [`seal`]).
#[expect(clippy::too_many_arguments, reason = "one event's fields")]
pub(super) fn append_private(
    tx: &WriteTx<'_>,
    key: &[u8],
    visit: Option<VisitId>,
    step: u8,
    action: AuditAction,
    stamp: Stamp,
    details: &serde_json::Value,
    private: &[&str],
) -> Result<()> {
    // Inside a bulk the newest event is known; otherwise read it under
    // this transaction's write lock.
    let cached = tx.tail.and_then(|t| t.borrow().clone());
    let last: Option<(i64, String)> = match cached {
        Some(last) => Some(last),
        None => tx
            .prepare_cached("SELECT id, hmac FROM events ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    };
    let (last_id, prev) = last.unwrap_or((0, String::new()));
    let id = last_id + 1;
    let (sealed, private_rows) = seal(key, id, details, private);
    let details = sealed.to_string();
    let f = Fields {
        id,
        visit: visit.map(|v| v.0),
        step: i64::from(step),
        action: action.as_str().as_bytes(),
        actor: stamp.actor.map(|a| a.id.0),
        at: ts(stamp.at),
        details: details.as_bytes(),
    };
    let h = mac(key, &prev, &f);
    tx.prepare_cached(
        "INSERT INTO events (id, visit_id, step, action, actor, at, details, hmac)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        f.id,
        f.visit,
        f.step,
        action.as_str(),
        f.actor,
        f.at,
        details,
        h
    ])?;
    for (field, value) in private_rows {
        tx.prepare_cached(
            "INSERT INTO event_private (event_id, field, value) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, field, value])?;
    }
    if let Some(tail) = tx.tail {
        tail.replace(Some((id, h)));
    }
    Ok(())
}

fn row_to_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        visit: r.get::<_, Option<i64>>(1)?.map(VisitId),
        step: r.get(2)?,
        action: known(r, 3, "action", AuditAction::parse)?,
        actor: r.get::<_, Option<i64>>(4)?.map(UserId),
        actor_name: r.get(5)?,
        at: from_ts(r.get(6)?),
        details: unseal(r.get(7)?, r.get(8)?),
    })
}

/// An event's details as written by the program: its private values (when
/// still kept) back in their place, instead of their keyed hashes.
fn unseal(details: String, private: Option<String>) -> String {
    let Some(private) = private else {
        return details;
    };
    let (Ok(serde_json::Value::Object(mut d)), Ok(serde_json::Value::Object(p))) = (
        serde_json::from_str::<serde_json::Value>(&details),
        serde_json::from_str::<serde_json::Value>(&private),
    ) else {
        return details;
    };
    d.remove("sealed");
    for (field, text) in p {
        if let Some(value) = text
            .as_str()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        {
            d.insert(field, value);
        }
    }
    serde_json::Value::Object(d).to_string()
}

/// The SQL for an event's private values as one JSON object (field → JSON
/// text), read only for events that have some.
pub(super) const PRIVATE_OF_E: &str = "CASE WHEN instr(e.details, '\"sealed\"') > 0 THEN
       (SELECT json_group_object(p.field, p.value) FROM event_private p WHERE p.event_id = e.id)
     END";

impl Store {
    fn event_cols(&self) -> String {
        let private = if self.has_private {
            PRIVATE_OF_E
        } else {
            "NULL"
        };
        format!(
            "e.id, e.visit_id, e.step, e.action, e.actor, u.name, e.at, e.details, {private}
             FROM events e LEFT JOIN users u ON u.id = e.actor"
        )
    }

    /// Append an event that belongs to no transition of a visit (accounts,
    /// sign-in, reviews, corrections), in its own transaction.
    pub fn record_event(
        &mut self,
        visit: Option<VisitId>,
        step: u8,
        action: AuditAction,
        stamp: Stamp,
        details: &serde_json::Value,
    ) -> Result<()> {
        self.record_event_private(visit, step, action, stamp, details, &[])
    }

    /// [`Store::record_event`] whose `private` keys of `details` hold
    /// personal text (kept beside the chain, removable by `anonymize`).
    pub(super) fn record_event_private(
        &mut self,
        visit: Option<VisitId>,
        step: u8,
        action: AuditAction,
        stamp: Stamp,
        details: &serde_json::Value,
        private: &[&str],
    ) -> Result<()> {
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        append_private(&tx, &key, visit, step, action, stamp, details, private)?;
        tx.commit()?;
        self.publish_head()
    }

    /// The number of events: the newest id (ids are contiguous from 1;
    /// `verify` checks that). One index seek, never a count of the table.
    pub fn event_count(&self) -> Result<u64> {
        Ok(self.chain_head()?.events)
    }

    /// The number of events and the newest HMAC: one seek on the newest
    /// row, whatever the length of the history.
    pub fn chain_head(&self) -> Result<ChainHead> {
        let last: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, hmac FROM events ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(last.map_or(
            ChainHead {
                events: 0,
                last_hmac: String::new(),
            },
            |(id, hmac)| ChainHead {
                events: u64::try_from(id).unwrap_or(0),
                last_hmac: hmac,
            },
        ))
    }

    /// The events of one visit, oldest first.
    pub fn visit_events(&self, visit: VisitId) -> Result<Vec<EventRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} WHERE e.visit_id = ?1 ORDER BY e.id",
            self.event_cols()
        ))?;
        let rows = stmt.query_map([visit.0], row_to_event)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest `limit` events of all kinds.
    pub fn recent_events(&self, limit: u32) -> Result<Vec<EventRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} ORDER BY e.id DESC LIMIT ?1",
            self.event_cols()
        ))?;
        let rows = stmt.query_map([limit], row_to_event)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the first event's HMAC verifies with the loaded key
    /// (`None` when there are no events yet).
    pub(super) fn first_event_signed_by_key(&self) -> Result<Option<bool>> {
        let first = self
            .conn
            .query_row(
                &format!("SELECT {STORED_COLS} FROM events ORDER BY id LIMIT 1"),
                [],
                Stored::from_row,
            )
            .optional()?;
        Ok(first.map(|e| e.mac(self.secret.bytes(), "") == e.hmac))
    }

    /// Walk the whole chain, oldest first, and report the first event whose
    /// HMAC or position does not match.
    pub fn verify_chain(&self) -> Result<Verification> {
        let key = self.secret.bytes();
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {STORED_COLS} FROM events ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut prev = String::new();
        let mut expected_id = 1;
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            let e = Stored::from_row(r)?;
            if e.id != expected_id || e.mac(key, &prev) != e.hmac {
                return Ok(Verification::Broken {
                    event_id: e.id.min(expected_id),
                    after: n,
                });
            }
            prev = e.hmac;
            expected_id += 1;
            n += 1;
        }
        Ok(Verification::Intact { events: n })
    }
}
