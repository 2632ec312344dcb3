//! The supervisor's desk: the day's log, search, counts over a range, day
//! reviews and the end-of-shift list (retention: `retention.rs`).
//!
//! Every query here is driven by an index (`visits_started_at`, the
//! prefix indexes on name / organisation / ID number, `visits_open`,
//! the `day_reviews` key) and pages with `LIMIT`/`OFFSET`: nothing loads
//! all visits into memory.

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use serde_json::json;

use super::audit::append_private;
use super::visits::{SUMMARY_JOIN, row_to_summary, summary_cols};
use super::{Result, Stamp, Store, StoreError, VisitSummary, from_ts, ts};
use crate::domain::audit::AuditAction;
use crate::domain::badge::BadgeNo;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::fields::sanitize;
use crate::domain::visit::{MAX_ACTIVITY, Role, Status, Time, TransitionError, UserId, VisitId};

/// Which visits of a day the log shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFilter {
    #[default]
    All,
    Status(Status),
    /// Inside (or was inside) at least the step-5 standard.
    Overstay,
    Rejected,
    /// A checklist item was answered "not OK".
    ChecklistNotOk,
    /// The badge was not handed back.
    BadgeLost,
}

/// Order of the day's log, by the time the visit started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogSort {
    #[default]
    TimeAsc,
    TimeDesc,
}

/// One page of a long list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: u32,
    pub limit: u32,
}

impl Page {
    /// The first `limit` rows.
    pub fn first(limit: u32) -> Page {
        Page { offset: 0, limit }
    }

    /// The page after this one.
    #[must_use]
    pub fn next(self) -> Page {
        Page {
            offset: self.offset.saturating_add(self.limit),
            limit: self.limit,
        }
    }
}

/// Counts over a day or a month (issue 3, "Counts").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeStats {
    /// Visits submitted for approval (the SOP's *jumlah pengunjung*).
    pub visitors: u32,
    /// Submitted visits by purpose category, most first.
    pub by_purpose: Vec<(String, u32)>,
    /// Submitted visits by organisation, most first.
    pub by_organisation: Vec<(String, u32)>,
    /// Submitted visits by the door they started at, most first (`""`:
    /// no door named).
    pub by_door: Vec<(String, u32)>,
    pub rejected: u32,
    /// Inside (or were inside, up to `now`) at least the step-5 standard.
    pub overstays: u32,
    /// Mean time inside of the visits that have left, rounded to minutes.
    pub avg_minutes_inside: Option<u32>,
    /// Finished steps 2..=7 that took no longer than their standard.
    pub steps_within: u32,
    /// Finished steps 2..=7.
    pub steps_timed: u32,
}

/// A supervisor's review of one local day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayReview {
    pub day: NaiveDate,
    pub by: UserId,
    pub by_name: String,
    pub at: Time,
    pub note: String,
}

/// Everything unaccounted for (and the evacuation roll-call).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndOfShift {
    /// Visitors inside the room now, by time of entry.
    pub inside: Vec<VisitSummary>,
    /// Open visits whose ID document the operator still holds (including
    /// the visitors inside), oldest first.
    pub ids_held: Vec<VisitSummary>,
    /// Badges out, with the visit holding each.
    pub badges_out: Vec<(BadgeNo, VisitId)>,
    /// Badges recorded lost and not restored.
    pub badges_lost: Vec<BadgeNo>,
}

impl EndOfShift {
    /// Nothing left: nobody inside, no ID held, no badge out or lost.
    pub fn is_clear(&self) -> bool {
        self.inside.is_empty()
            && self.ids_held.is_empty()
            && self.badges_out.is_empty()
            && self.badges_lost.is_empty()
    }
}

/// How far back `unreviewed_days` looks, in days.
pub const REVIEW_LOOKBACK_DAYS: i64 = 366;

/// The SQL condition (on alias `v`) and its parameters for a filter.
fn filter_sql(
    filter: LogFilter,
    now: Time,
    inside_standard_min: u32,
) -> (&'static str, Vec<Value>) {
    match filter {
        LogFilter::All => ("1", vec![]),
        LogFilter::Status(s) => ("v.status = ?", vec![Value::Text(s.as_str().to_owned())]),
        LogFilter::Overstay => (
            "v.entered_at IS NOT NULL AND coalesce(v.exited_at, ?) - v.entered_at >= ?",
            vec![
                Value::Integer(ts(now)),
                Value::Integer(i64::from(inside_standard_min) * 60),
            ],
        ),
        LogFilter::Rejected => ("v.status = 'rejected'", vec![]),
        // `flagged` also covers a lost badge, so look into the checklist:
        // a room item not OK, or equipment left without a reason
        // (`ChecklistAnswer::flags`).
        LogFilter::ChecklistNotOk => (
            concat!(
                "EXISTS (SELECT 1 FROM json_each(v.checklist) c WHERE ",
                flagged_answer_sql!(),
                ")"
            ),
            vec![],
        ),
        LogFilter::BadgeLost => ("v.badge_returned = 0", vec![]),
    }
}

/// `LIKE` pattern for a substring, with `\` as the escape character.
fn like_substring(q: &str) -> String {
    let mut p = String::with_capacity(q.len() + 2);
    p.push('%');
    for c in q.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Prefix match on the three indexed columns, `?1 <= col < ?2`; name and
/// organisation compare without ASCII case (their indexes are NOCASE).
// A UNION of three index range lookups: written as one OR, SQLite 3.54
// scans the whole table instead (measured: 230 ms on 1,000,000 visits).
const PREFIX_MATCH: &str = "v.id IN (
       SELECT id FROM visits WHERE full_name >= ?1 COLLATE NOCASE AND full_name < ?2 COLLATE NOCASE
       UNION ALL
       SELECT id FROM visits WHERE organisation >= ?1 COLLATE NOCASE AND organisation < ?2 COLLATE NOCASE
       UNION ALL
       SELECT id FROM visits WHERE id_number >= ?1 AND id_number < ?2)";

/// Up to this many substring matches, a search reads them from the
/// trigram index and sorts them (about 2 ms for 2,000); beyond, it walks
/// the `started_at` index back until its page is full.
const FTS_DRIVEN: i64 = 2000;

/// The six timed spans (`Visit::step_span`, steps 2..=7).
pub(super) const STEP_SPANS: [(&str, &str, u8); 6] = [
    ("started_at", "form_completed_at", 2),
    ("form_completed_at", "submitted_at", 3),
    ("submitted_at", "decided_at", 4),
    ("entered_at", "exited_at", 5),
    ("checkout_started_at", "exited_at", 6),
    ("exited_at", "archived_at", 7),
];

fn summaries(
    stmt: &mut rusqlite::CachedStatement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<VisitSummary>> {
    let rows = stmt.query_map(params, row_to_summary)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Visits started in `[from, to)`, filtered, sorted, one page; plus the
    /// total matching count.
    #[expect(clippy::too_many_arguments, reason = "the screens' agreed API")]
    pub fn day_log(
        &self,
        from: Time,
        to: Time,
        filter: LogFilter,
        sort: LogSort,
        page: Page,
        now: Time,
        inside_standard_min: u32,
    ) -> Result<(Vec<VisitSummary>, u32)> {
        self.day_log_at(
            None,
            (from, to),
            filter,
            sort,
            page,
            now,
            inside_standard_min,
        )
    }

    /// [`Store::day_log`] of the visits started at one door (`None`: all).
    #[expect(clippy::too_many_arguments, reason = "the screens' agreed API")]
    pub fn day_log_at(
        &self,
        door: Option<&str>,
        (from, to): (Time, Time),
        filter: LogFilter,
        sort: LogSort,
        page: Page,
        now: Time,
        inside_standard_min: u32,
    ) -> Result<(Vec<VisitSummary>, u32)> {
        let (cond, extra) = filter_sql(filter, now, inside_standard_min);
        let range = "v.started_at >= ? AND v.started_at < ? AND (? IS NULL OR v.door = ?)";
        let door = door.map_or(Value::Null, |d| Value::Text(d.to_owned()));
        let mut args = vec![
            Value::Integer(ts(from)),
            Value::Integer(ts(to)),
            door.clone(),
            door,
        ];
        args.extend(extra);
        let total: u32 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM visits v WHERE {range} AND ({cond})"
            ))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        let dir = match sort {
            LogSort::TimeAsc => "ASC",
            LogSort::TimeDesc => "DESC",
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} {SUMMARY_JOIN} WHERE {range} AND ({cond})
             ORDER BY v.started_at {dir}, v.id {dir} LIMIT ? OFFSET ?",
            summary_cols()
        ))?;
        args.push(Value::Integer(i64::from(page.limit)));
        args.push(Value::Integer(i64::from(page.offset)));
        let rows = summaries(&mut stmt, params_from_iter(args.iter()))?;
        Ok((rows, total))
    }

    /// Every visit started in `[from, to)`, by start time, handed to `each`
    /// one at a time as one query walks the `started_at` index: a year's
    /// report without paging (each `OFFSET` page walked again all the rows
    /// before it) and without holding all the visits in memory.
    pub fn each_visit_between(
        &self,
        from: Time,
        to: Time,
        each: impl FnMut(VisitSummary),
    ) -> Result<()> {
        self.each_visit_between_at(None, from, to, each)
    }

    /// [`Store::each_visit_between`] at one door (`None`: all).
    pub fn each_visit_between_at(
        &self,
        door: Option<&str>,
        from: Time,
        to: Time,
        mut each: impl FnMut(VisitSummary),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} {SUMMARY_JOIN} WHERE v.started_at >= ?1 AND v.started_at < ?2
                AND (?3 IS NULL OR v.door = ?3)
             ORDER BY v.started_at, v.id",
            summary_cols()
        ))?;
        let mut rows = stmt.query(params![ts(from), ts(to), door])?;
        while let Some(r) = rows.next()? {
            each(row_to_summary(r)?);
        }
        Ok(())
    }

    /// The doors visits were started at (not the empty one), by name: a
    /// seek per door on the door index, however many visits.
    pub fn doors(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE d(door) AS (
                 SELECT (SELECT min(door) FROM visits WHERE door > '')
                 UNION ALL
                 SELECT (SELECT min(door) FROM visits WHERE door > d.door)
                 FROM d WHERE d.door IS NOT NULL)
             SELECT door FROM d WHERE door IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Visits whose name, ID number or organisation matches `query`, newest
    /// first, one page.
    ///
    /// Matches that *start* with the query come first (found through the
    /// prefix indexes), then those that merely contain it (a backward walk
    /// of the `started_at` index that stops when the page is full). Case is
    /// ignored for ASCII letters only (`SQLite` without ICU); other letters
    /// must be typed as stored. An empty query lists the newest visits.
    pub fn search_visits(&self, query: &str, page: Page) -> Result<Vec<VisitSummary>> {
        let q = sanitize(query, 100);
        let cols = summary_cols();
        let (limit, offset) = (i64::from(page.limit), i64::from(page.offset));
        if q.is_empty() {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {cols} {SUMMARY_JOIN} ORDER BY v.started_at DESC, v.id DESC
                 LIMIT ?1 OFFSET ?2"
            ))?;
            return summaries(&mut stmt, params![limit, offset]);
        }
        let upper = format!("{q}\u{10FFFF}");
        let prefixed: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM visits v WHERE {PREFIX_MATCH}"
            ))?
            .query_row(params![q, upper], |r| r.get(0))?;
        let mut out = Vec::new();
        if offset < prefixed {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {cols} {SUMMARY_JOIN} WHERE {PREFIX_MATCH}
                 ORDER BY v.started_at DESC, v.id DESC LIMIT ?3 OFFSET ?4"
            ))?;
            out = summaries(&mut stmt, params![q, upper, limit, offset])?;
        }
        let missing = limit - i64::try_from(out.len()).unwrap_or(limit);
        if missing > 0 {
            let offset2 = (offset - prefixed).max(0);
            let found = if q.chars().count() >= 3 {
                self.substring_matches(&q, &upper, missing, offset2)?
            } else {
                // Shorter queries (rare) fall back to a scan that stops
                // at a full page.
                self.substring_walk(&q, &upper, missing, offset2)?
            };
            out.extend(found);
        }
        Ok(out)
    }

    /// Visits that contain `q` (three characters or more) but do not
    /// start with it, newest first: answered by the trigram index.
    ///
    /// Which side drives depends on how many visits match, counted up to
    /// [`FTS_DRIVEN`] (the count stops there): none, and nothing more is
    /// read (a search that finds nothing was a walk of the whole
    /// `started_at` index, 60 ms on 1,000,000 visits); a few, and they are
    /// read by id from the index's matches and sorted; many, and
    /// [`Store::substring_walk`] stops early because matches are
    /// everywhere.
    fn substring_matches(
        &self,
        q: &str,
        upper: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<VisitSummary>> {
        let cols = summary_cols();
        let pattern = format!("\"{}\"", q.replace('"', "\"\""));
        let matches: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM visits_search
                                       WHERE visits_search MATCH ?1 LIMIT ?2)",
            )?
            .query_row(params![pattern, FTS_DRIVEN + 1], |r| r.get(0))?;
        if matches == 0 {
            return Ok(Vec::new());
        }
        if matches > FTS_DRIVEN {
            return self.substring_walk(q, upper, limit, offset);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {cols} FROM visits_search CROSS JOIN visits v ON v.id = visits_search.rowid
                LEFT JOIN users e ON e.id = v.escort
                LEFT JOIN users d ON d.id = v.decided_by
             WHERE visits_search MATCH ?3 AND NOT {PREFIX_MATCH}
             ORDER BY v.started_at DESC, v.id DESC LIMIT ?4 OFFSET ?5"
        ))?;
        summaries(&mut stmt, params![q, upper, pattern, limit, offset])
    }

    /// Visits that contain `q` but do not start with it, newest first: a
    /// walk back along the `started_at` index that stops when the page is
    /// full (1 ms for "putra" on 1,000,000 visits, where reading all the
    /// trigram index's matches took a second).
    fn substring_walk(
        &self,
        q: &str,
        upper: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<VisitSummary>> {
        let cols = summary_cols();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {cols} {SUMMARY_JOIN}
             WHERE (v.full_name LIKE ?3 ESCAPE '\\' OR v.organisation LIKE ?3 ESCAPE '\\'
                    OR v.id_number LIKE ?3 ESCAPE '\\')
               AND NOT {PREFIX_MATCH}
             ORDER BY v.started_at DESC, v.id DESC LIMIT ?4 OFFSET ?5"
        ))?;
        summaries(
            &mut stmt,
            params![q, upper, like_substring(q), limit, offset],
        )
    }

    /// A supervisor marks a local day as reviewed, with a note of any
    /// anomaly (at most 500 characters). Marking it again replaces the
    /// record; each mark is an audit event `day_reviewed`.
    pub fn mark_day_reviewed(&mut self, day: NaiveDate, note: &str, stamp: Stamp) -> Result<()> {
        let actor = stamp
            .actor
            .filter(|a| a.role == Role::Supervisor)
            .ok_or(StoreError::Transition(TransitionError::NotSupervisor))?;
        let note = sanitize(note, usize::MAX);
        if note.chars().count() > MAX_ACTIVITY {
            return Err(TransitionError::TooLong(MAX_ACTIVITY).into());
        }
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let day_text = day.format("%Y-%m-%d").to_string();
        tx.execute(
            "INSERT INTO day_reviews (day, reviewed_by, reviewed_at, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (day) DO UPDATE SET reviewed_by = excluded.reviewed_by,
                 reviewed_at = excluded.reviewed_at, note = excluded.note",
            params![day_text, actor.id.0, ts(stamp.at), note],
        )?;
        append_private(
            &tx,
            &key,
            None,
            0,
            AuditAction::DayReviewed,
            stamp,
            &json!({ "day": day_text, "note": note }),
            &["note"],
        )?;
        tx.commit()?;
        self.publish_head()?;
        Ok(())
    }

    /// The review of a local day, if any.
    pub fn day_review(&self, day: NaiveDate) -> Result<Option<DayReview>> {
        let day_text = day.format("%Y-%m-%d").to_string();
        Ok(self
            .conn
            .prepare_cached(
                "SELECT r.reviewed_by, coalesce(u.name, ''), r.reviewed_at, r.note
                 FROM day_reviews r LEFT JOIN users u ON u.id = r.reviewed_by
                 WHERE r.day = ?1",
            )?
            .query_row([day_text], |r| {
                Ok(DayReview {
                    day,
                    by: UserId(r.get(0)?),
                    by_name: r.get(1)?,
                    at: from_ts(r.get(2)?),
                    note: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// Past local days (before `today`) that have visits but no review,
    /// newest first, at most `limit`.
    ///
    /// Walks back from day to day with visits (one index seek each, exact
    /// in any zone, DST included, through `day_bounds`), over at most the
    /// last [`REVIEW_LOOKBACK_DAYS`] days.
    pub fn unreviewed_days(&self, today: NaiveDate, tz: Tz, limit: u32) -> Result<Vec<NaiveDate>> {
        let (today_start, _) = day_bounds(today, tz);
        let floor = ts(today_start - Duration::days(REVIEW_LOOKBACK_DAYS));
        let mut before = ts(today_start);
        let mut prev = self.conn.prepare_cached(
            "SELECT started_at FROM visits WHERE started_at < ?1 AND started_at >= ?2
             ORDER BY started_at DESC LIMIT 1",
        )?;
        let mut reviewed = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM day_reviews WHERE day = ?1)")?;
        let mut out = Vec::new();
        while out.len() < limit as usize {
            let Some(t) = prev
                .query_row(params![before, floor], |r| r.get::<_, i64>(0))
                .optional()?
            else {
                break;
            };
            let day = local_date(from_ts(t), tz);
            let done: bool =
                reviewed.query_row([day.format("%Y-%m-%d").to_string()], |r| r.get(0))?;
            if !done {
                out.push(day);
            }
            // The day's start is <= t, so the next seek is strictly earlier.
            before = ts(day_bounds(day, tz).0);
        }
        Ok(out)
    }

    /// Anything unaccounted for: visitors inside, ID documents held, badges
    /// out or lost.
    pub fn end_of_shift(&self) -> Result<EndOfShift> {
        let cols = summary_cols();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {cols} {SUMMARY_JOIN} WHERE v.closed_at IS NULL AND v.status = 'inside'
             ORDER BY v.entered_at, v.id"
        ))?;
        let inside = summaries(&mut stmt, [])?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {cols} {SUMMARY_JOIN}
             WHERE v.closed_at IS NULL AND v.id_held = 1 AND v.id_returned_at IS NULL
             ORDER BY v.started_at, v.id"
        ))?;
        let ids_held = summaries(&mut stmt, [])?;
        let badges_out = inside
            .iter()
            .filter_map(|s| s.visit.badge.clone().map(|b| (b, s.visit.id)))
            .collect();
        Ok(EndOfShift {
            inside,
            ids_held,
            badges_out,
            badges_lost: self.lost_badges()?,
        })
    }
}
