//! Counts over a day or a month (issue 3, "Counts") in one pass over the
//! visits started in the range: the counts screen redraws within 16 ms on
//! a month of a busy door (issue 10). One scan read in Rust costs a third
//! of the three grouped queries it replaces, which each walked the range.

use std::collections::HashMap;

use rusqlite::params;

use super::log::{RangeStats, STEP_SPANS};
use super::{Result, Store, ts};
use crate::config::Standards;
use crate::domain::step::Step;
use crate::domain::visit::Time;

/// The standard each of [`STEP_SPANS`] is measured against, in order.
const SPAN_STANDARDS: [Step; 6] = [
    Step::Form,
    Step::Submit,
    Step::Decide,
    Step::Inside,
    Step::Checkout,
    Step::Archive,
];

/// Names and counts, most first, then by name (byte order, as `SQLite`
/// sorts text).
fn ranked(counts: HashMap<String, u32>) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = counts.into_iter().collect();
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The one query of [`Store::range_stats_at`]: every column it reads is
/// in the `visits_counts` index (schema 9), so a month is read from the
/// index alone.
fn stats_sql() -> String {
    let spans: Vec<String> = STEP_SPANS
        .iter()
        .map(|(a, b, _)| format!("{b} - {a}"))
        .collect();
    format!(
        "SELECT submitted_at IS NOT NULL, status = 'rejected', entered_at, exited_at,
                purpose, organisation, door, {}
         FROM visits WHERE started_at >= ?1 AND started_at < ?2
            AND (?3 IS NULL OR door = ?3)",
        spans.join(", ")
    )
}

impl Store {
    /// Counts over visits started in `[from, to)` (a day or a month).
    pub fn range_stats(
        &self,
        from: Time,
        to: Time,
        now: Time,
        standards: &Standards,
    ) -> Result<RangeStats> {
        self.range_stats_at(None, from, to, now, standards)
    }

    /// [`Store::range_stats`] of the visits started at one door (`None`:
    /// all doors, with the count by door).
    pub fn range_stats_at(
        &self,
        door: Option<&str>,
        from: Time,
        to: Time,
        now: Time,
        standards: &Standards,
    ) -> Result<RangeStats> {
        let mut stmt = self.conn.prepare_cached(&stats_sql())?;
        let limits: Vec<i64> = SPAN_STANDARDS
            .iter()
            .map(|s| i64::from(standards.minutes_for_step(*s)) * 60)
            .collect();
        let inside = i64::from(standards.minutes_for_step(Step::Inside)) * 60;
        let now = ts(now);
        let mut stats = RangeStats::default();
        let (mut inside_sum, mut inside_n) = (0_i64, 0_i64);
        let mut purposes: HashMap<String, u32> = HashMap::new();
        let mut organisations: HashMap<String, u32> = HashMap::new();
        let mut doors: HashMap<String, u32> = HashMap::new();
        let mut rows = stmt.query(params![ts(from), ts(to), door])?;
        while let Some(r) = rows.next()? {
            let submitted: bool = r.get(0)?;
            let rejected: bool = r.get(1)?;
            let entered: Option<i64> = r.get(2)?;
            let exited: Option<i64> = r.get(3)?;
            if submitted {
                stats.visitors += 1;
                let purpose = r.get_ref(4)?.as_str().unwrap_or_default();
                match purposes.get_mut(purpose) {
                    Some(n) => *n += 1,
                    None => {
                        purposes.insert(purpose.to_owned(), 1);
                    }
                }
                let organisation = r.get_ref(5)?.as_str().unwrap_or_default();
                match organisations.get_mut(organisation) {
                    Some(n) => *n += 1,
                    None => {
                        organisations.insert(organisation.to_owned(), 1);
                    }
                }
                let door = r.get_ref(6)?.as_str().unwrap_or_default();
                match doors.get_mut(door) {
                    Some(n) => *n += 1,
                    None => {
                        doors.insert(door.to_owned(), 1);
                    }
                }
            }
            if rejected {
                stats.rejected += 1;
            }
            if let Some(entered) = entered {
                if exited.unwrap_or(now) - entered >= inside {
                    stats.overstays += 1;
                }
                if let Some(exited) = exited {
                    inside_sum += exited - entered;
                    inside_n += 1;
                }
            }
            for (i, limit) in limits.iter().enumerate() {
                if let Some(span) = r.get::<_, Option<i64>>(7 + i)? {
                    stats.steps_timed += 1;
                    if span <= *limit {
                        stats.steps_within += 1;
                    }
                }
            }
        }
        if inside_n > 0 {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "a non-negative number of minutes"
            )]
            let minutes = ((inside_sum as f64 / inside_n as f64).max(0.0) / 60.0).floor() as u32;
            stats.avg_minutes_inside = Some(minutes);
        }
        stats.by_purpose = ranked(purposes);
        stats.by_organisation = ranked(organisations);
        // Only where doors are named: a site with one door has no groups.
        if doors.keys().any(|d| !d.is_empty()) {
            stats.by_door = ranked(doors);
        }
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real store in a temporary folder: the counts (prepared once with
    /// the door a parameter, as `range_stats_at` prepares them) read the
    /// covering index, never the table's rows.
    #[test]
    fn the_counts_read_only_their_covering_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.db"), &dir.path().join("d.key")).unwrap();
        {
            let sql = stats_sql();
            let mut stmt = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let plan = stmt
                .query_map(params![0, 86_400, rusqlite::types::Null], |r| {
                    r.get::<_, String>(3)
                })
                .unwrap()
                .map(Result::unwrap)
                .collect::<Vec<_>>()
                .join("\n");
            assert!(plan.contains("COVERING INDEX visits_counts"), "{plan}");
        }
    }
}
