//! Planned visits (kunjungan terjadwal): registered and cancelled by a
//! supervisor (one event each, `plan_added` / `plan_cancelled`), a visit
//! started from one (prefilled, linked in `plan_visits`), and step 4
//! recorded as pre-approved from the plan's rows inside the transition's
//! own transaction. The visitors and the detail are private values of the
//! `plan_added` event (see `004_private.sql`).

use chrono::NaiveDate;
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::audit::{append, append_private};
use super::{Result, Stamp, Store, StoreError, from_ts, supervisor, ts};
use crate::domain::audit::AuditAction;
use crate::domain::days::day_bounds;
use crate::domain::plan::{NewPlan, Plan, PlanApproval, PlanId, PlannedVisitor};
use crate::domain::visit::{
    ANONYMISED, Actor, Command, FormDraft, Role, Time, UserId, Visit, VisitId,
};

const COLS: &str = "id, first_day, last_day, valid_from, valid_until, visitors, organisation,
    purpose, detail, letter, created_by, created_at, approved_by, approved_at, cancelled_by,
    cancelled_at";

fn day(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(i)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn by_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<(UserId, Time)>> {
    let by: Option<i64> = r.get(i)?;
    let at: Option<i64> = r.get(i + 1)?;
    Ok(by.zip(at).map(|(b, a)| (UserId(b), from_ts(a))))
}

fn row_to_plan(r: &rusqlite::Row<'_>) -> rusqlite::Result<Plan> {
    Ok(Plan {
        id: PlanId(r.get(0)?),
        first_day: day(r, 1)?,
        last_day: day(r, 2)?,
        from: from_ts(r.get(3)?),
        until: from_ts(r.get(4)?),
        visitors: super::decode::json::<Vec<PlannedVisitor>>(r, 5)?,
        organisation: r.get(6)?,
        purpose: r.get(7)?,
        detail: r.get(8)?,
        letter: r.get(9)?,
        created_by: UserId(r.get(10)?),
        created_at: from_ts(r.get(11)?),
        approved: by_at(r, 12)?,
        cancelled: by_at(r, 14)?,
    })
}

fn plan_in(conn: &Connection, id: PlanId) -> Result<Plan> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM plans WHERE id = ?1"))?
        .query_row([id.0], row_to_plan)
        .optional()?
        .ok_or(StoreError::NoPlan(id.0))
}

/// What step 4 of visit `visit` needs to be recorded as pre-approved, read
/// from the rows under the transition's lock.
pub(super) fn approval(conn: &Connection, visit: VisitId, now: Time) -> Result<PlanApproval> {
    let link: Option<i64> = conn
        .prepare_cached("SELECT plan_id FROM plan_visits WHERE visit_id = ?1")?
        .query_row([visit.0], |r| r.get(0))
        .optional()?;
    let Some(plan) = link else {
        return Ok(PlanApproval {
            plan: PlanId(0),
            started_from: None,
            by: None,
            from: now,
            until: now,
            cancelled: false,
        });
    };
    let p = plan_in(conn, PlanId(plan))?;
    let by = match p.approved {
        Some((id, _)) => {
            let role: String =
                conn.query_row("SELECT role FROM users WHERE id = ?1", [id.0], |r| r.get(0))?;
            Some(Actor {
                id,
                role: Role::parse(&role).unwrap_or(Role::Operator),
            })
        }
        None => None,
    };
    Ok(PlanApproval {
        plan: p.id,
        started_from: Some(p.id),
        by,
        from: p.from,
        until: p.until,
        cancelled: p.cancelled.is_some(),
    })
}

impl Store {
    /// Plans not cancelled whose last day has not ended at `now` (with
    /// `all`: every plan), by first day.
    pub fn plans(&self, now: Time, all: bool) -> Result<Vec<Plan>> {
        let sql = if all {
            format!("SELECT {COLS} FROM plans ORDER BY valid_from, id")
        } else {
            format!(
                "SELECT {COLS} FROM plans WHERE cancelled_at IS NULL AND valid_until > ?1
                 ORDER BY valid_from, id"
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = if all {
            stmt.query_map([], row_to_plan)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        } else {
            stmt.query_map([ts(now)], row_to_plan)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok(rows)
    }

    pub fn plan(&self, id: PlanId) -> Result<Plan> {
        plan_in(&self.conn, id)
    }

    /// Register a plan (a supervisor), pre-approved by that supervisor when
    /// `pre_approve` (their PIN checked by the caller): the row and its
    /// `plan_added` event in one transaction.
    pub fn add_plan(
        &mut self,
        new: &NewPlan,
        pre_approve: bool,
        tz: Tz,
        stamp: Stamp,
    ) -> Result<Plan> {
        let by = supervisor(stamp)?;
        let from = day_bounds(new.first_day, tz).0;
        let until = day_bounds(new.last_day, tz).1;
        let visitors = serde_json::to_string(&new.visitors).unwrap_or_else(|_| "[]".into());
        let approved = pre_approve.then_some(by.id.0);
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO plans (first_day, last_day, valid_from, valid_until, visitors,
                organisation, purpose, detail, letter, created_by, created_at, approved_by,
                approved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                new.first_day.format("%Y-%m-%d").to_string(),
                new.last_day.format("%Y-%m-%d").to_string(),
                ts(from),
                ts(until),
                visitors,
                new.organisation,
                new.purpose,
                new.detail,
                new.letter,
                by.id.0,
                ts(stamp.at),
                approved,
                approved.map(|_| ts(stamp.at)),
            ],
        )?;
        let id = tx.last_insert_rowid();
        append_private(
            &tx,
            &key,
            None,
            0,
            AuditAction::PlanAdded,
            stamp,
            &json!({
                "plan": id,
                "first_day": new.first_day.format("%Y-%m-%d").to_string(),
                "last_day": new.last_day.format("%Y-%m-%d").to_string(),
                "from": ts(from),
                "until": ts(until),
                "organisation": new.organisation,
                "purpose": new.purpose,
                "letter": new.letter,
                "pre_approved": pre_approve,
                "visitors": new.visitors,
                "detail": new.detail,
            }),
            &["visitors", "detail"],
        )?;
        tx.commit()?;
        self.publish_head()?;
        self.plan(PlanId(id))
    }

    /// Cancel a plan (a supervisor); the row stays, marked cancelled.
    pub fn cancel_plan(&mut self, id: PlanId, stamp: Stamp) -> Result<Plan> {
        let by = supervisor(stamp)?;
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let n = tx.execute(
            "UPDATE plans SET cancelled_by = ?2, cancelled_at = ?3
             WHERE id = ?1 AND cancelled_at IS NULL",
            params![id.0, by.id.0, ts(stamp.at)],
        )?;
        if n == 0 {
            return Err(StoreError::NoPlan(id.0));
        }
        append(
            &tx,
            &key,
            None,
            0,
            AuditAction::PlanCancelled,
            stamp,
            &json!({ "plan": id.0 }),
        )?;
        tx.commit()?;
        self.publish_head()?;
        self.plan(id)
    }

    /// Step 1 from a plan: a new visit whose form comes prefilled with the
    /// plan's `visitor` (NIK, name), organisation, purpose and detail. The
    /// plan must be open now. The `visit_started` event names the plan.
    pub fn start_planned_visit(
        &mut self,
        plan: PlanId,
        visitor: usize,
        by: Actor,
        now: Time,
    ) -> Result<Visit> {
        let key = self.secret.bytes().to_vec();
        let door = self.door.clone();
        let tx = self.write_tx()?;
        let p = plan_in(&tx, plan)?;
        let who = p.visitors.get(visitor).cloned();
        let Some(who) = who.filter(|_| p.open_at(now)) else {
            return Err(StoreError::PlanClosed(plan.0));
        };
        let form = FormDraft {
            full_name: who.name,
            id_type: "KTP".into(),
            id_number: who.nik,
            organisation: p.organisation.clone(),
            purpose: p.purpose.clone(),
            purpose_detail: p.detail.clone(),
            letter_number: p.letter.clone(),
            ..FormDraft::default()
        };
        tx.execute(
            "INSERT INTO visits (status, started_by, started_at, full_name, id_type, id_number,
                organisation, purpose, purpose_detail, door, letter_number)
             VALUES ('draft', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                by.id.0,
                ts(now),
                form.full_name,
                form.id_type,
                form.id_number,
                form.organisation,
                form.purpose,
                form.purpose_detail,
                door,
                form.letter_number
            ],
        )?;
        let id = VisitId(tx.last_insert_rowid());
        tx.execute(
            "INSERT INTO plan_visits (visit_id, plan_id, visitor) VALUES (?1, ?2, ?3)",
            params![id.0, plan.0, i64::try_from(visitor).unwrap_or(0)],
        )?;
        let details = json!({ "plan": plan.0, "visitor": visitor });
        super::visits::append_start(&tx, &key, id, (&door, details), by, now)?;
        tx.commit()?;
        self.publish_head()?;
        self.visit(id)
    }

    /// Step 4 of a submitted visit recorded as pre-approved, from the plan
    /// it was started from (read under the transition's lock). Refused
    /// (the visit waits in the queue) when it was started from no plan,
    /// the plan is not pre-approved, cancelled or not for today, or the
    /// visitor matches the watchlist.
    pub fn pre_approve(&mut self, id: VisitId, actor: Actor, now: Time) -> Result<Visit> {
        // The store fills in the plan as it stands (see `apply`).
        let asked = Command::PreApprove(PlanApproval {
            plan: PlanId(0),
            started_from: None,
            by: None,
            from: now,
            until: now,
            cancelled: true,
        });
        self.apply(id, &asked, actor, now)
    }

    /// The plan a visit was started from, if any.
    pub fn plan_of_visit(&self, id: VisitId) -> Result<Option<PlanId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT plan_id FROM plan_visits WHERE visit_id = ?1")?
            .query_row([id.0], |r| r.get(0))
            .optional()?
            .map(PlanId))
    }
}

/// Retention: plans that ended (last day over, or cancelled) before
/// `cutoff` lose their visitors' NIKs and names and the detail, in the row
/// and in their `plan_added` event's private values. Returns how many.
pub(super) fn anonymize_ended(tx: &Connection, cutoff: Time) -> Result<usize> {
    let ids = super::watchlist::ended_before(
        tx,
        "SELECT id FROM plans WHERE anonymized = 0
           AND (valid_until <= ?1 OR cancelled_at < ?1)",
        cutoff,
    )?;
    for id in &ids {
        let n: i64 = tx.query_row(
            "SELECT json_array_length(visitors) FROM plans WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let anonymous = vec![
            PlannedVisitor {
                nik: String::new(),
                name: ANONYMISED.into(),
            };
            usize::try_from(n).unwrap_or(0)
        ];
        tx.execute(
            "UPDATE plans SET visitors = ?2, detail = '', anonymized = 1 WHERE id = ?1",
            params![
                id,
                serde_json::to_string(&anonymous).unwrap_or_else(|_| "[]".into())
            ],
        )?;
        super::watchlist::forget_private(tx, "plan_added", "$.plan", *id)?;
    }
    Ok(ids.len())
}
