//! Visits: creation, draft saving, the rows and the dashboard's queries
//! (a step applied to a visit is `apply`).
//! Row mapping lives in `row_to_visit` and nowhere else.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::apply::{LastChange, last_change};
use super::audit::append;
use super::decode::{json, known};
use super::{Result, Stamp, Store, StoreError, from_ts, ts};
use crate::domain::audit::AuditAction;
use crate::domain::badge::BadgeNo;
use crate::domain::visit::{
    Actor, ChecklistAnswer, CheckoutDraft, FormDraft, NoticeAnswer, Status, Time, UserId, Visit,
    VisitId,
};

pub(super) const VISIT_COLS: &str =
    "id, status, full_name, id_type, id_number, organisation, phone, purpose,
    purpose_detail, equipment, planned_minutes, person_visited, id_held, started_by, started_at,
    form_completed_at, submitted_by, submitted_at, decided_by, decided_at, reject_reason,
    cancel_reason, badge, escort, entered_at, checkout_started_at, exited_at, badge_returned,
    checklist, activity, id_returned_at, archived_by, archived_at, closed_at, checkout_draft,
    notice_answer, notice_at, notice_retention_days, door, letter_number, letter_date,
    letter_issuer, team_of";

/// Where [`VISIT_COLS`] names `checkout_draft`.
pub(super) const CHECKOUT_DRAFT_COL: usize = 34;

/// How many columns [`VISIT_COLS`] names: the first column a query adds
/// after them (counted once, when compiled: `verify` asks for every row).
pub(super) const VISIT_COL_COUNT: usize = {
    let b = VISIT_COLS.as_bytes();
    let (mut i, mut n) = (0, 1);
    while i < b.len() {
        if b[i] == b',' {
            n += 1;
        }
        i += 1;
    }
    n
};

fn opt_time(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<Time>> {
    Ok(r.get::<_, Option<i64>>(i)?.map(from_ts))
}

fn opt_user(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<UserId>> {
    Ok(r.get::<_, Option<i64>>(i)?.map(UserId))
}

pub(super) fn row_to_visit(r: &rusqlite::Row<'_>) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: VisitId(r.get(0)?),
        status: known(r, 1, "status", Status::parse)?,
        form: FormDraft {
            full_name: r.get(2)?,
            id_type: r.get(3)?,
            id_number: r.get(4)?,
            organisation: r.get(5)?,
            phone: r.get(6)?,
            purpose: r.get(7)?,
            purpose_detail: r.get(8)?,
            equipment: r.get(9)?,
            planned_minutes: r.get(10)?,
            person_visited: r.get(11)?,
            letter_number: r.get(39)?,
            letter_date: r.get(40)?,
            letter_issuer: r.get(41)?,
            id_held: r.get(12)?,
        },
        started_by: UserId(r.get(13)?),
        started_at: from_ts(r.get(14)?),
        form_completed_at: opt_time(r, 15)?,
        submitted_by: opt_user(r, 16)?,
        submitted_at: opt_time(r, 17)?,
        decided_by: opt_user(r, 18)?,
        decided_at: opt_time(r, 19)?,
        reject_reason: r.get(20)?,
        cancel_reason: r.get(21)?,
        badge: r.get(22)?,
        escort: opt_user(r, 23)?,
        entered_at: opt_time(r, 24)?,
        checkout_started_at: opt_time(r, 25)?,
        exited_at: opt_time(r, 26)?,
        badge_returned: r.get(27)?,
        checklist: json::<Vec<ChecklistAnswer>>(r, 28)?,
        activity: r.get(29)?,
        id_returned_at: opt_time(r, 30)?,
        archived_by: opt_user(r, 31)?,
        archived_at: opt_time(r, 32)?,
        closed_at: opt_time(r, 33)?,
        checkout_draft: r
            .get::<_, Option<String>>(CHECKOUT_DRAFT_COL)?
            .and_then(|j| serde_json::from_str(&j).ok()),
        notice: NoticeAnswer::from_row(
            r.get::<_, Option<String>>(35)?.as_deref(),
            opt_time(r, 36)?,
            r.get(37)?,
        ),
        door: r.get(38)?,
        team: r.get::<_, Option<i64>>(42)?.map(VisitId),
    })
}

/// Store `v` over `before`. The searched columns (name, ID number,
/// organisation) are written only when they changed: naming them in an
/// UPDATE fires the search index's trigger, which re-indexes their trigrams
/// — for nothing on seven of a visit's eight steps.
pub(super) fn write_visit(tx: &Connection, v: &Visit, before: &Visit) -> Result<()> {
    let f = &v.form;
    let b = &before.form;
    if (&f.full_name, &f.id_number, &f.organisation)
        != (&b.full_name, &b.id_number, &b.organisation)
    {
        tx.prepare_cached(
            "UPDATE visits SET full_name = ?2, id_number = ?3, organisation = ?4 WHERE id = ?1",
        )?
        .execute(params![v.id.0, f.full_name, f.id_number, f.organisation])?;
    }
    let checklist = serde_json::to_string(&v.checklist).unwrap_or_else(|_| "[]".into());
    let draft_json = v
        .checkout_draft
        .as_ref()
        .and_then(|d| serde_json::to_string(d).ok());
    tx.prepare_cached(
        "UPDATE visits SET status = ?2, id_type = ?3,
            phone = ?4, purpose = ?5, purpose_detail = ?6, equipment = ?7,
            planned_minutes = ?8, person_visited = ?9, id_held = ?10, form_completed_at = ?11,
            submitted_by = ?12, submitted_at = ?13, decided_by = ?14, decided_at = ?15,
            reject_reason = ?16, cancel_reason = ?17, badge = ?18, escort = ?19, entered_at = ?20,
            checkout_started_at = ?21, exited_at = ?22, badge_returned = ?23, checklist = ?24,
            activity = ?25, id_returned_at = ?26, archived_by = ?27, archived_at = ?28,
            closed_at = ?29, flagged = ?30, checkout_draft = ?31, notice_answer = ?32,
            notice_at = ?33, notice_retention_days = ?34, letter_number = ?35, letter_date = ?36,
            letter_issuer = ?37
         WHERE id = ?1",
    )?
    .execute(params![
        v.id.0,
        v.status.as_str(),
        f.id_type,
        f.phone,
        f.purpose,
        f.purpose_detail,
        f.equipment,
        f.planned_minutes,
        f.person_visited,
        f.id_held,
        v.form_completed_at.map(ts),
        v.submitted_by.map(|u| u.0),
        v.submitted_at.map(ts),
        v.decided_by.map(|u| u.0),
        v.decided_at.map(ts),
        v.reject_reason,
        v.cancel_reason,
        v.badge,
        v.escort.map(|u| u.0),
        v.entered_at.map(ts),
        v.checkout_started_at.map(ts),
        v.exited_at.map(ts),
        v.badge_returned,
        checklist,
        v.activity,
        v.id_returned_at.map(ts),
        v.archived_by.map(|u| u.0),
        v.archived_at.map(ts),
        v.closed_at.map(ts),
        v.checklist_flagged() || v.badge_lost(),
        draft_json,
        v.notice.map(NoticeAnswer::as_str),
        v.notice.map(|n| ts(n.at())),
        v.notice.and_then(NoticeAnswer::retention_days),
        f.letter_number,
        f.letter_date,
        f.letter_issuer,
    ])?;
    Ok(())
}

/// A visit as a line in a list (dashboard, log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitSummary {
    pub visit: Visit,
    pub escort_name: Option<String>,
    pub approver_name: Option<String>,
}

/// Today's counts for the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Visits submitted for approval (requests to enter).
    pub visitors: u32,
    /// Visits whose visitor went into the room (badge issued).
    pub entered: u32,
    pub by_purpose: Vec<(String, u32)>,
    pub rejected: u32,
    /// Inside longer than the standard, as of `now` when counted.
    pub overstays: u32,
    /// Of those, the visitors who have left the room: a number that no
    /// longer changes with the clock (the screen adds whoever is inside
    /// past the standard at the moment it draws).
    pub overstays_left: u32,
    pub cancelled: u32,
}

/// Everything the home screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dashboard {
    /// Visits not yet closed, oldest first.
    pub open: Vec<VisitSummary>,
    pub today: Counts,
    /// Badges recorded lost and not restored.
    pub lost_badges: Vec<BadgeNo>,
}

impl Dashboard {
    pub fn with_status(&self, status: Status) -> impl Iterator<Item = &VisitSummary> {
        self.open.iter().filter(move |s| s.visit.status == status)
    }
}

pub(super) const SUMMARY_JOIN: &str = "FROM visits v
    LEFT JOIN users e ON e.id = v.escort
    LEFT JOIN users d ON d.id = v.decided_by";

pub(super) fn summary_cols() -> String {
    let cols: Vec<String> = VISIT_COLS
        .split(',')
        .map(|c| format!("v.{}", c.trim()))
        .collect();
    format!("{}, e.name, d.name", cols.join(", "))
}

pub(super) fn row_to_summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<VisitSummary> {
    Ok(VisitSummary {
        visit: row_to_visit(r)?,
        escort_name: r.get(VISIT_COL_COUNT)?,
        approver_name: r.get(VISIT_COL_COUNT + 1)?,
    })
}

/// Step 1's event for visit `id`, started by `by` at `now`: `details`
/// (what a plan or a team says of it) with the console's door, if named.
pub(super) fn append_start(
    tx: &super::WriteTx<'_>,
    key: &[u8],
    id: VisitId,
    (door, mut details): (&str, serde_json::Value),
    by: Actor,
    now: Time,
) -> Result<()> {
    let ev = Visit::start_event();
    if !door.is_empty() {
        details["door"] = door.into();
    }
    let stamp = Stamp {
        actor: Some(by),
        at: now,
    };
    append(
        tx,
        key,
        Some(id),
        ev.step.number(),
        ev.action,
        stamp,
        &details,
    )
}

impl Store {
    /// Step 1 (Mulai): a new visit in Draft, with its event.
    pub fn create_visit(&mut self, by: Actor, now: Time) -> Result<Visit> {
        let key = self.secret.bytes().to_vec();
        let door = self.door.clone();
        let tx = self.write_tx()?;
        tx.prepare_cached(
            "INSERT INTO visits (status, started_by, started_at, door) VALUES ('draft', ?1, ?2, ?3)",
        )?
        .execute(params![by.id.0, ts(now), door])?;
        let id = VisitId(tx.last_insert_rowid());
        append_start(&tx, &key, id, (&door, serde_json::json!({})), by, now)?;
        tx.commit()?;
        self.publish_head()?;
        self.visit(id)
    }

    pub fn visit(&self, id: VisitId) -> Result<Visit> {
        self.conn
            .prepare_cached(&format!("SELECT {VISIT_COLS} FROM visits WHERE id = ?1"))?
            .query_row([id.0], row_to_visit)
            .optional()?
            .ok_or(StoreError::NoVisit(id.0))
    }

    /// The newest change to a visit (who did what, when), for telling a
    /// console that its screen changed under it.
    pub fn last_change(&self, id: VisitId) -> Result<Option<LastChange>> {
        last_change(&self.conn, id)
    }

    /// One visit with the names a list shows.
    pub fn visit_summary(&self, id: VisitId) -> Result<VisitSummary> {
        self.conn
            .query_row(
                &format!("SELECT {} {SUMMARY_JOIN} WHERE v.id = ?1", summary_cols()),
                [id.0],
                row_to_summary,
            )
            .optional()?
            .ok_or(StoreError::NoVisit(id.0))
    }

    /// Save the form as typed. Only a Draft can be edited; this is not a
    /// transition, so it appends no event.
    pub fn save_draft(&mut self, id: VisitId, form: &FormDraft) -> Result<()> {
        let tx = self.write_tx()?;
        let n = tx
            .prepare_cached(
                "UPDATE visits SET full_name = ?2, id_type = ?3, id_number = ?4, organisation = ?5,
                phone = ?6, purpose = ?7, purpose_detail = ?8, equipment = ?9,
                planned_minutes = ?10, person_visited = ?11, id_held = ?12,
                letter_number = ?13, letter_date = ?14, letter_issuer = ?15
             WHERE id = ?1 AND status = 'draft'",
            )?
            .execute(params![
                id.0,
                form.full_name,
                form.id_type,
                form.id_number,
                form.organisation,
                form.phone,
                form.purpose,
                form.purpose_detail,
                form.equipment,
                form.planned_minutes,
                form.person_visited,
                form.id_held,
                form.letter_number,
                form.letter_date,
                form.letter_issuer
            ])?;
        tx.commit()?;
        if n == 0 {
            return Err(StoreError::DraftLocked);
        }
        Ok(())
    }

    /// Save the check-out as typed so far. Only while the visitor is
    /// inside (false when it was not: the visit moved on, e.g. checked out
    /// at another console); not a transition, so it appends no event.
    pub fn save_checkout_draft(&mut self, id: VisitId, draft: &CheckoutDraft) -> Result<bool> {
        let json = serde_json::to_string(draft).unwrap_or_default();
        let tx = self.write_tx()?;
        let n = tx.execute(
            "UPDATE visits SET checkout_draft = ?2 WHERE id = ?1 AND status = 'inside'",
            params![id.0, json],
        )?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// A supervisor's correction to a read-only visit: an event with a
    /// reason, never an edit.
    pub fn add_correction(&mut self, id: VisitId, reason: &str, stamp: Stamp) -> Result<()> {
        let v = self.visit(id)?;
        self.record_event_private(
            Some(id),
            v.status.step().number(),
            AuditAction::Correction,
            stamp,
            &json!({ "reason": reason }),
            &["reason"],
        )
    }

    /// Badges out with a visit inside, and badges lost.
    pub fn badges_unavailable(&self) -> Result<Vec<BadgeNo>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT badge FROM visits WHERE status = 'inside' AND badge IS NOT NULL
             UNION SELECT badge FROM lost_badges",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn lost_badges(&self) -> Result<Vec<BadgeNo>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT badge FROM lost_badges ORDER BY badge")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A supervisor puts a found badge back into the pool.
    pub fn restore_badge(&mut self, badge: &BadgeNo, stamp: Stamp) -> Result<bool> {
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let n = tx.execute("DELETE FROM lost_badges WHERE badge = ?1", [badge])?;
        if n > 0 {
            append(
                &tx,
                &key,
                None,
                0,
                AuditAction::BadgeRestored,
                stamp,
                &json!({ "badge": badge.as_str() }),
            )?;
        }
        tx.commit()?;
        self.publish_head()?;
        Ok(n > 0)
    }

    /// Visits not yet closed, oldest first.
    pub fn open_visits(&self) -> Result<Vec<VisitSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} {SUMMARY_JOIN} WHERE v.closed_at IS NULL ORDER BY v.started_at, v.id",
            summary_cols()
        ))?;
        let rows = stmt.query_map([], row_to_summary)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Counts over visits started in `[from, to)`.
    pub fn counts(
        &self,
        from: Time,
        to: Time,
        now: Time,
        inside_standard_min: u32,
    ) -> Result<Counts> {
        let (from, to, now) = (ts(from), ts(to), ts(now));
        let limit = i64::from(inside_standard_min) * 60;
        let mut counts: Counts = self.conn.query_row(
            "SELECT
                count(*) FILTER (WHERE submitted_at IS NOT NULL),
                count(*) FILTER (WHERE entered_at IS NOT NULL),
                count(*) FILTER (WHERE status = 'rejected'),
                count(*) FILTER (WHERE entered_at IS NOT NULL
                                   AND coalesce(exited_at, ?3) - entered_at >= ?4),
                count(*) FILTER (WHERE exited_at IS NOT NULL AND entered_at IS NOT NULL
                                   AND exited_at - entered_at >= ?4),
                count(*) FILTER (WHERE status = 'cancelled')
             FROM visits WHERE started_at >= ?1 AND started_at < ?2",
            params![from, to, now, limit],
            |r| {
                Ok(Counts {
                    visitors: r.get(0)?,
                    entered: r.get(1)?,
                    rejected: r.get(2)?,
                    overstays: r.get(3)?,
                    overstays_left: r.get(4)?,
                    cancelled: r.get(5)?,
                    by_purpose: Vec::new(),
                })
            },
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT purpose, count(*) FROM visits
             WHERE started_at >= ?1 AND started_at < ?2 AND submitted_at IS NOT NULL
             GROUP BY purpose ORDER BY count(*) DESC, purpose",
        )?;
        counts.by_purpose = stmt
            .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(counts)
    }

    /// The home screen's data in one go.
    pub fn dashboard(
        &self,
        day: (Time, Time),
        now: Time,
        inside_standard_min: u32,
    ) -> Result<Dashboard> {
        Ok(Dashboard {
            open: self.open_visits()?,
            today: self.counts(day.0, day.1, now, inside_standard_min)?,
            lost_badges: self.lost_badges()?,
        })
    }
}
