//! From the store to the documents' plain data: every word translated,
//! every time in the site's zone.

use chrono::NaiveDate;

use super::model::{
    BadgeOutcome, ChainHead, ChecklistLine, DayReport, DayRow, DayTotals, Decision, StepTiming,
    Time as LocalTime, VisitDoc, Visitor,
};
use super::text::report_text;
use crate::config::Config;
use crate::domain::days::day_bounds;
use crate::domain::visit::{Status, Time, UserId, Visit, VisitId};
use crate::store::{self, LogFilter, LogSort, Page, Store, StoreError, VisitSummary};
use crate::ui::text as i18n;

/// Rows fetched per query while paging through a range.
const PAGE: u32 = 500;

/// An account's name; `#id` when the account cannot be found.
fn name_of(store: &Store, id: UserId) -> store::Result<String> {
    match store.user(id) {
        Ok(u) => Ok(u.name),
        Err(StoreError::NoUser(_)) => Ok(format!("#{}", id.0)),
        Err(e) => Err(e),
    }
}

fn opt_name(store: &Store, id: Option<UserId>) -> store::Result<Option<String>> {
    id.map(|id| name_of(store, id)).transpose()
}

/// The decision at step 4, from what was recorded.
fn decision(v: &Visit) -> Option<Decision> {
    match v.status {
        Status::Rejected => Some(Decision::Rejected),
        Status::Draft
        | Status::Review
        | Status::AwaitingApproval
        | Status::Approved
        | Status::Cancelled
        | Status::Inside
        | Status::CheckedOut
        | Status::Archived => v.decided_at.map(|_| Decision::Approved),
    }
}

/// Minutes inside, never negative (a console's clock may lag another's).
fn inside_minutes(v: &Visit, now: Time) -> Option<i64> {
    v.minutes_inside(now).map(|m| m.max(0))
}

/// The flags of a visit in the day table, in the document's language.
fn flags(v: &Visit, config: &Config, now: Time) -> Vec<String> {
    let t = report_text(config.language);
    let mut out = Vec::new();
    if v.overstay(now, config.standards.inside) {
        out.push(t.flag_overstay.to_owned());
    }
    if v.status == Status::Rejected {
        out.push(t.flag_rejected.to_owned());
    }
    if v.checklist_flagged() {
        out.push(t.flag_checklist.to_owned());
    }
    if v.badge_lost() {
        out.push(t.flag_badge_lost.to_owned());
    }
    out
}

/// One visit's form / activity report.
pub fn visit_doc(
    store: &Store,
    id: VisitId,
    config: &Config,
    now: Time,
) -> store::Result<VisitDoc> {
    let VisitSummary {
        visit: v,
        escort_name,
        approver_name,
    } = store.visit_summary(id)?;
    let tz = config.tz();
    let local = |t: Option<Time>| t.map(|t| t.with_timezone(&tz));
    let ui = i18n::text(config.language);
    let f = &v.form;
    let steps = (2..=7u8)
        .map(|step| StepTiming {
            step,
            name: ui.step_name(step).to_owned(),
            minutes: v.step_minutes(step),
            standard: config.standards.minutes_for_step(step),
        })
        .collect();
    Ok(VisitDoc {
        visit_number: v.id.0,
        site_name: config.site_name.clone(),
        status: ui.status_label(&v).to_owned(),
        visitor: Visitor {
            full_name: f.full_name.clone(),
            id_type: f.id_type.clone(),
            id_number: f.id_number.clone(),
            organisation: f.organisation.clone(),
            phone: f.phone.clone(),
            purpose_category: f.purpose.clone(),
            purpose_detail: f.purpose_detail.clone(),
            equipment: f.equipment.clone(),
            planned_minutes: f.planned_minutes.trim().parse().unwrap_or(0),
            person_visited: f.person_visited.clone(),
        },
        started_by: name_of(store, v.started_by)?,
        started_at: local(Some(v.started_at)),
        submitted_by: opt_name(store, v.submitted_by)?,
        submitted_at: local(v.submitted_at),
        decision: decision(&v),
        decided_by: approver_name,
        decided_at: local(v.decided_at),
        reject_reason: v.reject_reason.clone(),
        badge: v.badge.clone(),
        escort: escort_name,
        entered_at: local(v.entered_at),
        exited_at: local(v.exited_at),
        duration_minutes: inside_minutes(&v, now),
        badge_outcome: v.badge_returned.map(|back| {
            if back {
                BadgeOutcome::Returned
            } else {
                BadgeOutcome::Lost
            }
        }),
        id_returned: v.id_returned_at.is_some(),
        checklist: v
            .checklist
            .iter()
            .map(|a| ChecklistLine {
                item: a.item.clone(),
                ok: a.ok,
                note: a.note.clone(),
            })
            .collect(),
        activity_notes: v.activity.clone(),
        archived_at: local(v.archived_at),
        archived_by: opt_name(store, v.archived_by)?,
        steps,
    })
}

/// The visitor report of the local days `from..=to` (swapped if reversed):
/// every visit started in the range, by time, with the counts and the audit
/// chain head at the time of making.
pub fn day_report(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    config: &Config,
    now: Time,
) -> store::Result<DayReport> {
    let (from, to) = if to < from { (to, from) } else { (from, to) };
    let tz = config.tz();
    let start = day_bounds(from, tz).0;
    let end = day_bounds(to, tz).1;
    let ui = i18n::text(config.language);
    let local = |t: Option<Time>| -> Option<LocalTime> { t.map(|t| t.with_timezone(&tz)) };
    let mut rows = Vec::new();
    let mut page = Page::first(PAGE);
    loop {
        let (batch, total) = store.day_log(
            start,
            end,
            LogFilter::All,
            LogSort::TimeAsc,
            page,
            now,
            config.standards.inside,
        )?;
        let got = u32::try_from(batch.len()).unwrap_or(u32::MAX);
        for s in batch {
            let v = &s.visit;
            rows.push(DayRow {
                visit_number: v.id.0,
                time_in: local(v.entered_at),
                time_out: local(v.exited_at),
                duration_minutes: inside_minutes(v, now),
                visitor_name: v.form.full_name.clone(),
                organisation: v.form.organisation.clone(),
                purpose: v.form.purpose.clone(),
                status: ui.status_label(v).to_owned(),
                badge: v.badge.clone(),
                approver: s.approver_name.clone(),
                flags: flags(v, config, now),
            });
        }
        page = page.next();
        if got < PAGE || page.offset >= total {
            break;
        }
    }
    let stats = store.range_stats(start, end, now, &config.standards)?;
    let head = store.chain_head()?;
    let generated_at = now.with_timezone(&tz);
    Ok(DayReport {
        site_name: config.site_name.clone(),
        from,
        to,
        zone_label: generated_at.format("%Z").to_string(),
        rows,
        by_purpose: stats.by_purpose,
        totals: DayTotals {
            visitors: stats.visitors,
            rejected: stats.rejected,
            overstays: stats.overstays,
        },
        chain_head: Some(ChainHead {
            events: head.events,
            last_hmac: head.last_hmac,
        }),
        generated_at,
    })
}
