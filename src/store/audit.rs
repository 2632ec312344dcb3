//! The audit log: one row per event, each carrying an HMAC-SHA256 (keyed by
//! the outside secret) over its own fields and the previous event's HMAC.
//! Editing, deleting or inserting a row breaks the chain at that row.

use hmac::{Hmac, Mac};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::Sha256;

use super::{Result, Stamp, Store, from_ts, ts};
use crate::domain::visit::{Time, UserId, VisitId};

type HmacSha256 = Hmac<Sha256>;

/// One stored event, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub id: i64,
    pub visit: Option<VisitId>,
    pub step: u8,
    pub action: String,
    pub actor: Option<UserId>,
    pub actor_name: Option<String>,
    pub at: Time,
    pub details: String,
}

/// The newest event: printed on each day's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub events: u64,
    pub last_hmac: String,
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact { events: u64 },
    Broken { event_id: i64, after: u64 },
}

struct Fields<'a> {
    id: i64,
    visit: Option<i64>,
    step: i64,
    action: &'a str,
    actor: Option<i64>,
    at: i64,
    details: &'a str,
}

fn mac(key: &[u8], prev: &str, f: &Fields<'_>) -> String {
    let mut m = HmacSha256::new_from_slice(key).expect("HMAC accepts any key length");
    // Length-prefixed fields: no two different events encode the same way.
    let parts: [String; 8] = [
        prev.to_owned(),
        f.id.to_string(),
        f.visit.map_or_else(String::new, |v| v.to_string()),
        f.step.to_string(),
        f.action.to_owned(),
        f.actor.map_or_else(String::new, |v| v.to_string()),
        f.at.to_string(),
        f.details.to_owned(),
    ];
    for p in &parts {
        m.update(&(p.len() as u64).to_be_bytes());
        m.update(p.as_bytes());
    }
    hex::encode(m.finalize().into_bytes())
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
                action: &self.action,
                actor: self.actor,
                at: self.at,
                details: &self.details,
            },
        )
    }
}

/// Append one event inside the caller's transaction.
pub(super) fn append(
    tx: &Connection,
    key: &[u8],
    visit: Option<VisitId>,
    step: u8,
    action: &str,
    stamp: Stamp,
    details: &serde_json::Value,
) -> Result<()> {
    let last: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, hmac FROM events ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (last_id, prev) = last.unwrap_or((0, String::new()));
    let details = details.to_string();
    let f = Fields {
        id: last_id + 1,
        visit: visit.map(|v| v.0),
        step: i64::from(step),
        action,
        actor: stamp.actor.map(|a| a.id.0),
        at: ts(stamp.at),
        details: &details,
    };
    let h = mac(key, &prev, &f);
    tx.prepare_cached(
        "INSERT INTO events (id, visit_id, step, action, actor, at, details, hmac)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        f.id, f.visit, f.step, f.action, f.actor, f.at, f.details, h
    ])?;
    Ok(())
}

fn row_to_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        visit: r.get::<_, Option<i64>>(1)?.map(VisitId),
        step: r.get(2)?,
        action: r.get(3)?,
        actor: r.get::<_, Option<i64>>(4)?.map(UserId),
        actor_name: r.get(5)?,
        at: from_ts(r.get(6)?),
        details: r.get(7)?,
    })
}

const EVENT_COLS: &str = "e.id, e.visit_id, e.step, e.action, e.actor, u.name, e.at, e.details
     FROM events e LEFT JOIN users u ON u.id = e.actor";

impl Store {
    /// Append an event that belongs to no transition of a visit (accounts,
    /// sign-in, reviews, corrections), in its own transaction.
    pub fn record_event(
        &mut self,
        visit: Option<VisitId>,
        step: u8,
        action: &str,
        stamp: Stamp,
        details: &serde_json::Value,
    ) -> Result<()> {
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        append(&tx, &key, visit, step, action, stamp, details)?;
        tx.commit()?;
        Ok(())
    }

    pub fn event_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The number of events and the newest HMAC.
    pub fn chain_head(&self) -> Result<ChainHead> {
        let last: Option<String> = self
            .conn
            .query_row(
                "SELECT hmac FROM events ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(ChainHead {
            events: self.event_count()?,
            last_hmac: last.unwrap_or_default(),
        })
    }

    /// The events of one visit, oldest first.
    pub fn visit_events(&self, visit: VisitId) -> Result<Vec<EventRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLS} WHERE e.visit_id = ?1 ORDER BY e.id"
        ))?;
        let rows = stmt.query_map([visit.0], row_to_event)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest `limit` events of all kinds.
    pub fn recent_events(&self, limit: u32) -> Result<Vec<EventRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {EVENT_COLS} ORDER BY e.id DESC LIMIT ?1"))?;
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
