//! How a practice database is told from a real one: its first audit event
//! is `demo_history` (chained like every other, so it cannot be removed
//! or added later without breaking the chain).

use rusqlite::OptionalExtension;
use serde_json::json;

use super::{Result, Stamp, Store};
use crate::domain::audit::AuditAction;

/// The action of the event that opens a demo history.
pub const DEMO_ACTION: AuditAction = AuditAction::DemoHistory;

/// What a database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// No event at all: a new file.
    Empty,
    /// A practice history made by `dc-access demo`.
    Demo,
    /// Anything else: real work, never to be mixed with made-up visits.
    Real,
}

impl Store {
    /// Whether the database is new, a demo, or real.
    pub fn history(&self) -> Result<History> {
        let first: Option<String> = self
            .conn
            .query_row("SELECT action FROM events ORDER BY id LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(match first.as_deref() {
            None => History::Empty,
            Some(a) if a == DEMO_ACTION.as_str() => History::Demo,
            Some(_) => History::Real,
        })
    }

    /// The first event of a demo history (the database must be empty).
    pub(crate) fn mark_demo(&mut self, details: &serde_json::Value, stamp: Stamp) -> Result<()> {
        let mut details = details.clone();
        if let Some(map) = details.as_object_mut() {
            map.insert("note".into(), json!("practice data, not a real log"));
        }
        self.record_event(None, 0, DEMO_ACTION, stamp, &details)
    }
}
