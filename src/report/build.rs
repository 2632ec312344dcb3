//! From the store to the documents' plain data: every word translated,
//! every time in the site's zone.

use chrono::NaiveDate;

use super::model::{
    BadgeOutcome, ChainHead, ChecklistLine, DayReport, DayReviewLine, DayRow, DayTotals,
    DecidedHow, Decision, Office, Review, ShiftDoc, ShiftVisit, Signer, StepTiming,
    Time as LocalTime, VisitDoc, Visitor,
};
use super::text::report_text;
use crate::config::Config;
use crate::domain::audit::AuditAction;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::step::Step;
use crate::domain::visit::{NoticeAnswer, Status, Time, UserId, Visit, VisitId};
use crate::store::{self, EndOfShift, Store, StoreError, VisitSummary};

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

/// An account as a signer (name and NIP); `None` when it cannot be found.
pub fn signer(store: &Store, id: UserId) -> store::Result<Option<Signer>> {
    match store.user(id) {
        Ok(u) => Ok(Some(Signer {
            name: u.name,
            nip: u.nip,
        })),
        Err(StoreError::NoUser(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The office of the papers, with the logo read from `document.logo`.
/// A logo that cannot be read is left out; the second value says why.
pub fn office(config: &Config) -> (Office, Option<String>) {
    let mut office = Office::from_config(&config.document);
    let path = config.document.logo.trim();
    if path.is_empty() {
        return (office, None);
    }
    match std::fs::read(path) {
        Ok(bytes) if bytes.starts_with(b"\x89PNG\r\n\x1a\n") => {
            office.logo_png = Some(bytes);
            (office, None)
        }
        Ok(_) => (
            office,
            Some(format!(
                "document.logo: {path} is not a PNG file; no logo printed"
            )),
        ),
        Err(e) => (
            office,
            Some(format!(
                "document.logo: cannot read {path}: {e}; no logo printed"
            )),
        ),
    }
}

/// `3201**********01`: the first 4 and last 2 characters of an ID number
/// shown, the rest hidden (shorter numbers: first and last only).
fn masked(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    let n = chars.len();
    if n < 3 {
        return "*".repeat(n);
    }
    let (head, tail) = if n >= 8 { (4, 2) } else { (1, 1) };
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(n - head - tail));
    out.extend(&chars[n - tail..]);
    out
}

/// The checklist notes of a visit: `item: note` for each note written.
fn checklist_notes(v: &Visit) -> String {
    v.checklist
        .iter()
        .filter(|a| !a.note.trim().is_empty())
        .map(|a| format!("{}: {}", a.item, a.note.trim()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// How step 4 was decided, from its event: pre-approved with a plan, or
/// approved over a watchlist match.
fn decided_how(store: &Store, v: &Visit) -> store::Result<Option<DecidedHow>> {
    if v.decided_at.is_none() {
        return Ok(None);
    }
    for e in store.visit_events(v.id)? {
        match e.action {
            AuditAction::PreApproved => {
                return Ok(store
                    .plan_of_visit(v.id)?
                    .map(|plan| DecidedHow::PreApproved {
                        plan: plan.0,
                        recorded_by: e.actor_name,
                    }));
            }
            AuditAction::Approved => {
                let d: serde_json::Value = serde_json::from_str(&e.details).unwrap_or_default();
                let entries = d
                    .get("watch_seen")
                    .and_then(serde_json::Value::as_array)
                    .map_or(0, Vec::len);
                return Ok((entries > 0).then_some(DecidedHow::Watched { entries }));
            }
            _ => {}
        }
    }
    Ok(None)
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

/// One visit's line on the day or range report.
pub(super) fn day_row(s: &VisitSummary, config: &Config, now: Time) -> DayRow {
    let tz = config.tz();
    let words = report_text(config.language);
    let local = |t: Option<Time>| -> Option<LocalTime> { t.map(|t| t.with_timezone(&tz)) };
    let v = &s.visit;
    DayRow {
        visit_number: v.id.0,
        date: local_date(v.started_at, tz),
        time_in: local(v.entered_at),
        time_out: local(v.exited_at),
        duration_minutes: inside_minutes(v, now),
        still_inside: v.entered_at.is_some() && v.exited_at.is_none(),
        visitor_name: v.form.full_name.clone(),
        id_type: v.form.id_type.clone(),
        id_number_masked: masked(&v.form.id_number),
        organisation: v.form.organisation.clone(),
        purpose: v.form.purpose.clone(),
        status: words.status_label(v).to_owned(),
        badge: v.badge.clone(),
        escort: s.escort_name.clone(),
        decision: decision(v),
        decided_by: s.approver_name.clone(),
        reject_reason: v.reject_reason.clone(),
        checklist_notes: checklist_notes(v),
        flags: flags(v, config, now),
        letter_number: v.form.letter_number.clone(),
        letter_date: crate::domain::watchlist::parse_day(&v.form.letter_date),
        letter_issuer: v.form.letter_issuer.clone(),
        door: v.door.clone(),
    }
}

/// The site's name on a report, with the door when it covers one door.
pub(super) fn site_at(config: &Config, door: Option<&str>) -> String {
    match door {
        Some(d) => {
            let label = crate::text::text(config.language).door_label(d);
            format!("{} — {label}", config.site_name)
        }
        None => config.site_name.clone(),
    }
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
    let words = report_text(config.language);
    let f = &v.form;
    let operator = match v.archived_by {
        Some(id) => signer(store, id)?,
        None => signer(store, v.started_by)?,
    };
    let supervisor = match v.decided_by {
        Some(id) => signer(store, id)?,
        None => None,
    };
    let steps = Step::TIMED
        .into_iter()
        .map(|step| StepTiming {
            step,
            name: words.step_title(step).to_owned(),
            minutes: v.step_minutes(step),
            standard: config.standards.minutes_for_step(step),
        })
        .collect();
    Ok(VisitDoc {
        office: office(config).0,
        printed_at: now.with_timezone(&tz),
        visit_number: v.id.0,
        // The door the visit started at, where doors are named.
        site_name: site_at(config, Some(v.door.as_str()).filter(|d| !d.is_empty())),
        status: words.status_label(&v).to_owned(),
        visitor: Visitor {
            full_name: f.full_name.clone(),
            id_type: f.id_type.clone(),
            id_number: f.id_number.clone(),
            organisation: f.organisation.clone(),
            phone: f.phone.clone(),
            purpose_category: f.purpose.clone(),
            purpose_detail: f.purpose_detail.clone(),
            letter: letter_text(f, config.language),
            team: team_text(store, &v, words)?,
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
        decided_how: decided_how(store, &v)?,
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
                kind: a.kind,
            })
            .collect(),
        activity_notes: v.activity.clone(),
        archived_at: local(v.archived_at),
        archived_by: opt_name(store, v.archived_by)?,
        steps,
        supervisor,
        operator,
        notice_agreed: match v.notice {
            Some(NoticeAnswer::Agreed { at, retention_days }) => {
                Some((at.with_timezone(&tz), retention_days))
            }
            Some(NoticeAnswer::Refused { .. }) | None => None,
        },
    })
}

/// The visitor report of the local days `from..=to` (swapped if reversed):
/// every visit started in the range, by time, with the counts, each day's
/// review and the audit chain head at the time of making. `operator` signs
/// as the operator (the one on duty, or named on the command line).
pub fn day_report(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    config: &Config,
    now: Time,
    operator: Option<UserId>,
) -> store::Result<DayReport> {
    day_report_at(store, None, (from, to), config, now, operator)
}

/// [`day_report`] of the visits started at one door (`None`: all doors);
/// the heading names the door.
pub fn day_report_at(
    store: &Store,
    door: Option<&str>,
    (from, to): (NaiveDate, NaiveDate),
    config: &Config,
    now: Time,
    operator: Option<UserId>,
) -> store::Result<DayReport> {
    let (from, to) = if to < from { (to, from) } else { (from, to) };
    let tz = config.tz();
    let start = day_bounds(from, tz).0;
    let end = day_bounds(to, tz).1;
    let mut rows = Vec::new();
    store.each_visit_between_at(door, start, end, |s| {
        rows.push(day_row(&s, config, now));
    })?;
    let stats = store.range_stats_at(door, start, end, now, &config.standards)?;
    let head = store.chain_head()?;
    let generated_at = now.with_timezone(&tz);
    let mut days: Vec<NaiveDate> = rows.iter().map(|r| r.date).collect();
    days.dedup();
    if from == to {
        days = vec![from];
    }
    let mut reviews = Vec::with_capacity(days.len());
    for day in days {
        let review = match store.day_review(day)? {
            Some(r) => Some(Review {
                by: signer(store, r.by)?.unwrap_or(Signer {
                    name: r.by_name,
                    nip: String::new(),
                }),
                at: r.at.with_timezone(&tz),
                note: r.note,
            }),
            None => None,
        };
        reviews.push(DayReviewLine { day, review });
    }
    // The supervisor signs when one supervisor reviewed every day.
    let mut reviewers = reviews.iter().map(|l| l.review.as_ref().map(|r| &r.by));
    let first = reviewers.next().flatten().cloned();
    let supervisor = first.filter(|f| reviewers.all(|r| r == Some(f)));
    let operator = match operator {
        Some(id) => signer(store, id)?,
        None => None,
    };
    Ok(DayReport {
        office: office(config).0,
        site_name: site_at(config, door),
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
        reviews,
        supervisor,
        operator,
    })
}

/// The end-of-shift list as a document, from what the store says now;
/// `printed_by` is the account on duty.
pub fn shift_doc(
    store: &Store,
    list: &EndOfShift,
    config: &Config,
    now: Time,
    printed_by: Option<UserId>,
) -> store::Result<ShiftDoc> {
    let tz = config.tz();
    let words = report_text(config.language);
    let visit = |s: &VisitSummary| {
        let v = &s.visit;
        ShiftVisit {
            visit_number: v.id.0,
            visitor_name: v.form.full_name.clone(),
            organisation: v.form.organisation.clone(),
            id_type: v.form.id_type.clone(),
            id_number_masked: masked(&v.form.id_number),
            badge: v.badge.clone(),
            escort: s.escort_name.clone(),
            entered_at: v.entered_at.map(|t| t.with_timezone(&tz)),
            minutes: inside_minutes(v, now),
            status: words.status_label(v).to_owned(),
        }
    };
    let printed_by = match printed_by {
        Some(id) => signer(store, id)?,
        None => None,
    };
    Ok(ShiftDoc {
        office: office(config).0,
        site_name: config.site_name.clone(),
        printed_at: now.with_timezone(&tz),
        printed_by,
        inside: list.inside.iter().map(visit).collect(),
        ids_held: list.ids_held.iter().map(visit).collect(),
        badges_out: list
            .badges_out
            .iter()
            .map(|(b, id)| (b.clone(), id.0))
            .collect(),
        badges_lost: list.badges_lost.clone(),
    })
}

/// Teams on the visit form: a leader's members (`2 anggota: #13 Andi
/// Pratama, #14 Citra Lestari`), or a member's leader (`#12 Budi Santoso
/// (ketua rombongan)`); empty for a visitor alone.
fn team_text(store: &Store, v: &Visit, words: &super::ReportText) -> store::Result<String> {
    if let Some(leader) = v.team {
        let name = store.visit(leader)?.form.full_name;
        return Ok(format!("#{} {name} ({})", leader.0, words.team_leader));
    }
    let members = store.team_members(v.id)?;
    if members.is_empty() {
        return Ok(String::new());
    }
    let list: Vec<String> = members
        .iter()
        .map(|m| format!("#{} {}", m.id.0, m.form.full_name))
        .collect();
    Ok(format!(
        "{} {}: {}",
        members.len(),
        words.team_members,
        list.join(", ")
    ))
}

/// The assignment letter as the form prints it: `090/12/ST/2026, 1 Desember
/// 2026, PT Telkom Indonesia`; empty when none was brought.
fn letter_text(f: &crate::domain::visit::FormDraft, lang: crate::config::Language) -> String {
    if f.letter_number.trim().is_empty() {
        return String::new();
    }
    let date = crate::format::parse_date(&f.letter_date).map_or_else(
        || f.letter_date.clone(),
        |d| crate::format::long_date(lang, &d),
    );
    f.letter().joined(&date, ", ")
}
