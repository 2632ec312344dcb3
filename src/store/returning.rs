//! Returning visitors: the earlier visits of an ID number, and the names
//! seen before that start with what is typed. Only submitted visits that
//! were never anonymised count; both queries are index range scans
//! (`visits_returning` by ID number, `visits_name` by name), so they cost
//! the same on a million visits as on ten.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::visits::{VISIT_COLS, row_to_visit};
use super::{Result, Store, from_ts, ts};
use crate::domain::returning::{KnownName, Returning};
use crate::domain::visit::{Time, VisitId};

/// The visits a returning visitor is known by: submitted, never anonymised
/// (the terms of the partial index `visits_returning`).
const EARLIER: &str = "id_number = ?1 AND anonymized = 0 AND submitted_at IS NOT NULL AND id != ?2";

/// Names in the pick list, at most.
pub const NAMES_SHOWN: usize = 3;
/// Rows read for the pick list before grouping by ID number.
const NAMES_READ: u32 = 200;

impl Store {
    /// The earlier visits of `id_number` (not `except`, the visit being
    /// typed): the last one's details, how many, and their flags; an
    /// overstay is `inside_minutes` or more inside (still inside: until `now`).
    pub fn returning(
        &self,
        id_number: &str,
        except: VisitId,
        now: Time,
        inside_minutes: u32,
    ) -> Result<Option<Returning>> {
        let last = self
            .conn
            .prepare_cached(&format!(
                "SELECT {VISIT_COLS} FROM visits WHERE {EARLIER} ORDER BY started_at DESC LIMIT 1"
            ))?
            .query_row(params![id_number, except.0], row_to_visit)
            .optional()?;
        let Some(last) = last else {
            return Ok(None);
        };
        let (visits, overstays, checklist_not_ok, badges_lost) = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*),
                    coalesce(sum(entered_at IS NOT NULL
                        AND (coalesce(exited_at, ?3) - entered_at) / 60 >= ?4), 0),
                    coalesce(sum(EXISTS (SELECT 1 FROM json_each(checklist) c
                        WHERE {flagged})), 0),
                    coalesce(sum(badge_returned = 0), 0)
                 FROM visits WHERE {EARLIER}",
                flagged = flagged_answer_sql!()
            ))?
            .query_row(params![id_number, except.0, ts(now), inside_minutes], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        Ok(Some(Returning {
            last_at: last.started_at,
            last: last.form,
            visits,
            overstays,
            checklist_not_ok,
            badges_lost,
        }))
    }

    /// Earlier visitors whose name starts with `prefix` (case ignored),
    /// one per ID number with its newest visit, by name; at most
    /// [`NAMES_SHOWN`].
    pub fn known_names(&self, prefix: &str, except: VisitId) -> Result<Vec<KnownName>> {
        let upper = format!("{prefix}\u{10FFFF}");
        let mut stmt = self.conn.prepare_cached(
            "SELECT full_name, organisation, id_number, started_at FROM visits
             WHERE full_name >= ?1 COLLATE NOCASE AND full_name < ?2 COLLATE NOCASE
               AND anonymized = 0 AND submitted_at IS NOT NULL AND id != ?3
               AND id_number != ''
             ORDER BY full_name COLLATE NOCASE LIMIT ?4",
        )?;
        let rows = stmt.query_map(params![prefix, upper, except.0, NAMES_READ], |r| {
            Ok(KnownName {
                full_name: r.get(0)?,
                organisation: r.get(1)?,
                id_number: r.get(2)?,
                last_at: from_ts(r.get(3)?),
            })
        })?;
        let mut newest: HashMap<String, KnownName> = HashMap::new();
        for row in rows {
            let k = row?;
            match newest.get(&k.id_number) {
                Some(seen) if seen.last_at >= k.last_at => {}
                _ => {
                    newest.insert(k.id_number.clone(), k);
                }
            }
        }
        let mut out: Vec<KnownName> = newest.into_values().collect();
        out.sort_by(|a, b| {
            a.full_name
                .to_lowercase()
                .cmp(&b.full_name.to_lowercase())
                .then(b.last_at.cmp(&a.last_at))
        });
        out.truncate(NAMES_SHOWN);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(store: &Store, sql: &str) -> String {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>();
        rows.join("\n")
    }

    /// A real store in a temporary folder: the queries above use their
    /// indexes (no scan of the visits table).
    #[test]
    fn the_queries_use_their_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.db"), &dir.path().join("d.key")).unwrap();
        let earlier = EARLIER
            .replace("?1", "'3201011505850001'")
            .replace("?2", "0");
        let last = plan(
            &store,
            &format!("SELECT id FROM visits WHERE {earlier} ORDER BY started_at DESC LIMIT 1"),
        );
        assert!(last.contains("USING INDEX visits_returning"), "{last}");
        assert!(!last.contains("TEMP B-TREE"), "{last}");
        let counts = plan(
            &store,
            &format!("SELECT count(*), sum(badge_returned = 0) FROM visits WHERE {earlier}"),
        );
        assert!(counts.contains("USING INDEX visits_returning"), "{counts}");
        let names = plan(
            &store,
            "SELECT full_name FROM visits
             WHERE full_name >= 'bud' COLLATE NOCASE AND full_name < 'bud\u{10FFFF}' COLLATE NOCASE
               AND anonymized = 0 AND submitted_at IS NOT NULL AND id != 0 AND id_number != ''
             ORDER BY full_name COLLATE NOCASE LIMIT 200",
        );
        assert!(names.contains("USING INDEX visits_name"), "{names}");
        assert!(!names.contains("TEMP B-TREE"), "{names}");
    }
}
