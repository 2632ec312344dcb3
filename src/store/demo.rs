//! How a practice database is told from a real one: its first audit event
//! is `demo_history` (chained like every other, so it cannot be removed
//! or added later without breaking the chain).

use rusqlite::OptionalExtension;
use serde_json::json;

use super::{Result, Stamp, Store, StoreError};
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

    /// Run `f` (the demo's bulks) with the search index's triggers and the
    /// counts' index dropped, then put them back and build both indexes
    /// once from the rows.
    /// Each write the triggers fire on (a visit started, its form saved)
    /// would otherwise make FTS5 flush its pending terms at the
    /// statement's savepoint and merge segments: a third of the demo's
    /// time. Only for a demo in a new file: the triggers' own SQL, read
    /// from the schema, is put back whatever `f` returns.
    ///
    /// Meanwhile the rollback journal is kept in memory instead of the
    /// WAL (each page written once, not to the WAL and again at each
    /// checkpoint); WAL is back after. A crash meanwhile may leave the
    /// practice file broken, as `synchronous = OFF` in the bulks may.
    /// (When another connection has the file open the mode stays WAL.)
    pub(crate) fn search_index_after<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.conn
            .query_row("PRAGMA journal_mode = MEMORY", [], |_| Ok(()))
            .map_err(StoreError::from)?;
        let out = self.without_search_triggers(f);
        let wal = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(StoreError::from);
        self.opened
            .wal
            .set(super::files::file_id(&super::files::wal_path(&self.path)));
        let value = out?;
        wal?;
        Ok(value)
    }

    fn without_search_triggers<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        // The counts' covering index too: built once at the end rather
        // than kept in step with each of a visit's steps (a quarter more
        // time when kept).
        let dropped: Vec<(String, String, String)> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT type, name, sql FROM sqlite_master
                     WHERE tbl_name = 'visits'
                       AND ((type = 'trigger' AND name LIKE 'visits_search_%')
                            OR (type = 'index' AND name = 'visits_counts'))
                     ORDER BY type, name",
                )
                .map_err(StoreError::from)?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .and_then(Iterator::collect)
                .map_err(StoreError::from)?
        };
        let mut drop_sql = String::new();
        for (kind, name, _) in &dropped {
            let kind = if kind == "index" { "INDEX" } else { "TRIGGER" };
            drop_sql.push_str("DROP ");
            drop_sql.push_str(kind);
            drop_sql.push_str(" \"");
            drop_sql.push_str(&name.replace('"', "\"\""));
            drop_sql.push_str("\";");
        }
        self.conn
            .execute_batch(&format!("BEGIN IMMEDIATE; {drop_sql} COMMIT;"))
            .map_err(StoreError::from)?;
        let out = f(self);
        let mut create_sql = String::new();
        for (_, _, sql) in &dropped {
            create_sql.push_str(sql);
            create_sql.push_str(";\n");
        }
        let back = self.conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;
             {create_sql}
             INSERT INTO visits_search (visits_search) VALUES ('rebuild');
             COMMIT;"
        ));
        if back.is_err() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let value = out?;
        back.map_err(StoreError::from)?;
        Ok(value)
    }
}
