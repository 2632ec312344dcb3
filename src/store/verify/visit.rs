//! One visit's events replayed through the domain's state machine and
//! compared with its row (the commands it replays are rebuilt in
//! [`super::command`]).

use std::sync::OnceLock;

use serde_json::Value;

use super::Problem;
use super::checker::{
    Checker, Private, VisitEvent, VisitRow, is_current, opt, parse, private_values, sealed_keys,
    text,
};
use super::watch;
use crate::domain::visit::{
    ANONYMISED, Command, FormDraft, NoticeAnswer, Status, UserId, Visit, VisitId, form_digest,
};
use crate::store::from_ts;
use crate::store::keyed::seal;

/// The details most events carry (nothing but the format), as text and
/// parsed, made once.
fn plain_details() -> &'static (String, Value) {
    static PLAIN: OnceLock<(String, Value)> = OnceLock::new();
    PLAIN.get_or_init(|| {
        let text = format!(r#"{{"v":{}}}"#, crate::store::audit::FORMAT);
        let parsed = parse(&text);
        (text, parsed)
    })
}

/// The retention rule before schema 4: name, person visited, ID number,
/// phone, purpose detail, equipment and activity.
fn legacy_anonymized(v: &Visit) -> Visit {
    let mut v = v.clone();
    v.form.full_name = ANONYMISED.into();
    v.form.person_visited = ANONYMISED.into();
    v.form.id_number.clear();
    v.form.phone.clear();
    v.form.purpose_detail.clear();
    v.form.equipment.clear();
    v.activity.clear();
    v
}

/// Every column of a visit row the events determine: name, value, and
/// whether it is personal data (not printed).
fn visit_columns(v: &Visit, flagged: bool, anonymized: i64) -> Vec<(&'static str, String, bool)> {
    let f = &v.form;
    let user = |u: Option<UserId>| opt(u.map(|u| u.0));
    let time = |t: Option<crate::domain::visit::Time>| opt(t.map(|t| t.timestamp()));
    let checklist = serde_json::to_string(&v.checklist).unwrap_or_default();
    vec![
        ("status", v.status.as_str().to_owned(), false),
        ("full_name", f.full_name.clone(), true),
        ("id_type", f.id_type.clone(), false),
        ("id_number", f.id_number.clone(), true),
        ("organisation", f.organisation.clone(), false),
        ("phone", f.phone.clone(), true),
        ("purpose", f.purpose.clone(), false),
        ("purpose_detail", f.purpose_detail.clone(), true),
        ("equipment", f.equipment.clone(), true),
        ("planned_minutes", f.planned_minutes.clone(), false),
        ("person_visited", f.person_visited.clone(), true),
        ("letter_number", f.letter_number.clone(), false),
        ("letter_date", f.letter_date.clone(), false),
        ("letter_issuer", f.letter_issuer.clone(), false),
        ("id_held", f.id_held.to_string(), false),
        ("started_by", v.started_by.0.to_string(), false),
        ("started_at", v.started_at.timestamp().to_string(), false),
        ("form_completed_at", time(v.form_completed_at), false),
        ("submitted_by", user(v.submitted_by), false),
        ("submitted_at", time(v.submitted_at), false),
        ("decided_by", user(v.decided_by), false),
        ("decided_at", time(v.decided_at), false),
        ("reject_reason", opt(v.reject_reason.as_ref()), true),
        ("cancel_reason", opt(v.cancel_reason.as_ref()), true),
        ("badge", opt(v.badge.as_ref()), false),
        ("escort", user(v.escort), false),
        ("entered_at", time(v.entered_at), false),
        ("checkout_started_at", time(v.checkout_started_at), false),
        ("exited_at", time(v.exited_at), false),
        ("badge_returned", opt(v.badge_returned), false),
        ("checklist", checklist, true),
        ("activity", v.activity.clone(), true),
        ("id_returned_at", time(v.id_returned_at), false),
        ("archived_by", user(v.archived_by), false),
        ("archived_at", time(v.archived_at), false),
        ("closed_at", time(v.closed_at), false),
        (
            "notice_answer",
            opt(v.notice.map(NoticeAnswer::as_str)),
            false,
        ),
        ("notice_at", time(v.notice.map(NoticeAnswer::at)), false),
        (
            "notice_retention_days",
            opt(v.notice.and_then(NoticeAnswer::retention_days)),
            false,
        ),
        ("door", v.door.clone(), false),
        ("team_of", opt(v.team.map(|t| t.0)), false),
        ("flagged", flagged.to_string(), false),
        ("anonymized", anonymized.to_string(), false),
    ]
}

impl Checker<'_> {
    /// Compare the details a replayed transition produces with the stored
    /// ones (current format only; legacy events are compared through the
    /// rows they produce). A private value the replay produces equal to the
    /// stored one has the stored hash: every stored value is checked against
    /// its hash on its own (the pass), so it is not hashed again here.
    fn compare_details(
        &mut self,
        e: &VisitEvent,
        stored: &Value,
        spec: &crate::domain::visit::EventSpec,
        private: &Private,
        missing: &[String],
    ) {
        let (Value::Object(exp), Value::Object(got)) = (&spec.details, stored) else {
            return self.compare_sealed(e, stored, spec, missing);
        };
        let no_map = serde_json::Map::new();
        let got_sealed = got
            .get("sealed")
            .and_then(Value::as_object)
            .unwrap_or(&no_map);
        let plain = |k: &str| !spec.private.contains(&k);
        let same = !exp.contains_key("v")
            && !exp.contains_key("sealed")
            && got.get("v").and_then(Value::as_i64) == Some(crate::store::audit::FORMAT)
            // Every key the replay makes is stored as made, or sealed
            // with the value stored beside it.
            && exp.iter().all(|(k, v)| {
                if plain(k) {
                    got.get(k) == Some(v)
                } else {
                    got_sealed.contains_key(k) && private.get(k) == Some(v)
                }
            })
            // And nothing else is stored.
            && got.len() == exp.iter().filter(|(k, _)| plain(k)).count() + 1 + usize::from(got.contains_key("sealed"))
            && got_sealed.len() == exp.keys().filter(|k| !plain(k)).count();
        if !same {
            self.compare_sealed(e, stored, spec, missing);
        }
    }

    /// [`Checker::compare_details`] by sealing the replayed details again
    /// and naming every key that differs.
    fn compare_sealed(
        &mut self,
        e: &VisitEvent,
        stored: &Value,
        spec: &crate::domain::visit::EventSpec,
        missing: &[String],
    ) {
        let (expected, _) = seal(self.key, e.id, &spec.details, spec.private);
        let (Value::Object(exp), Value::Object(got)) = (&expected, stored) else {
            return;
        };
        let mut differs: Vec<String> = Vec::new();
        for k in exp.keys().chain(got.keys()) {
            if k == "sealed" || differs.contains(k) {
                continue;
            }
            if exp.get(k) != got.get(k) {
                differs.push(k.clone());
            }
        }
        let no_map = serde_json::Map::new();
        let es = exp
            .get("sealed")
            .and_then(Value::as_object)
            .unwrap_or(&no_map);
        let gs = got
            .get("sealed")
            .and_then(Value::as_object)
            .unwrap_or(&no_map);
        for k in es.keys().chain(gs.keys()) {
            if differs.contains(k) || missing.contains(k) {
                continue;
            }
            if es.get(k) != gs.get(k) {
                differs.push(k.clone());
            }
        }
        if !differs.is_empty() {
            differs.sort();
            self.replay_error(
                e.id,
                &e.action,
                format!(
                    "the visit row does not lead to this event ({} differ)",
                    differs.join(", ")
                ),
            );
        }
    }

    /// Replay one visit's events and compare the result with its row.
    /// The states after each event are kept only to name the event that
    /// set a column that differs: a visit whose row matches is replayed
    /// once without them; one that differs is replayed again with them.
    pub(super) fn visit(&mut self, id: i64, events: &[VisitEvent], row: Option<&VisitRow>) {
        let mark = self.mark();
        if self.replay_visit(id, events, row, false) {
            return;
        }
        self.undo(mark);
        self.replay_visit(id, events, row, true);
    }

    /// [`Checker::visit`]; `false` (and the columns not compared) when the
    /// row differs and `states` was not kept.
    fn replay_visit(
        &mut self,
        id: i64,
        events: &[VisitEvent],
        row: Option<&VisitRow>,
        keep_states: bool,
    ) -> bool {
        let (plain_text, plain) = plain_details();
        let mut v: Option<Visit> = None;
        let mut states: Vec<((i64, String), Visit)> = Vec::new();
        let mut submitted: Option<(i64, FormDraft)> = None;
        let mut closed_ev: Option<i64> = None;
        let mut missing: Vec<(i64, String)> = Vec::new();
        let mut legacy_digest: Option<(i64, String)> = None;
        let mut started: Option<(i64, String)> = None;
        let mut started_plan: Option<i64> = None;
        // The form the next step sees is in `base` (see below).
        let mut form_set = false;
        for e in events {
            // Most events carry nothing but the format; many carry the
            // same details as an earlier visit's.
            let (parsed, memo);
            let d = if e.details == *plain_text {
                plain
            } else if e.private.is_empty() {
                memo = self.details(&e.details);
                &*memo
            } else {
                // Sealed hashes: no two alike.
                parsed = parse(&e.details);
                &parsed
            };
            let private = private_values(&e.private);
            // Only details with sealed values can miss one (no allocation
            // for the others).
            let absent: Vec<String> = if d.get("sealed").is_some() {
                sealed_keys(d)
                    .into_iter()
                    .filter(|k| !private.contains_key(k))
                    .collect()
            } else {
                Vec::new()
            };
            missing.extend(absent.iter().map(|k| (e.id, k.clone())));
            if e.action == "visit_started" {
                if v.is_some() {
                    self.replay_error(e.id, &e.action, "the visit was already started");
                    continue;
                }
                let Some(by) = e.actor else {
                    self.replay_error(e.id, &e.action, "no operator named");
                    continue;
                };
                let mut start = Visit::start(VisitId(id), UserId(by), from_ts(e.at));
                if let Some(door) = d.get("door").and_then(Value::as_str) {
                    door.clone_into(&mut start.door);
                }
                start.team = d.get("team_of").and_then(Value::as_i64).map(VisitId);
                if let Some(plan) = d.get("plan").and_then(Value::as_i64) {
                    started_plan = Some(plan);
                    self.plan_links.insert(id, (plan, (e.id, e.action.clone())));
                }
                started = Some((e.id, e.action.clone()));
                if keep_states {
                    states.push(((e.id, e.action.clone()), start.clone()));
                }
                v = Some(start);
                continue;
            }
            let Some(base) = v.as_mut() else {
                self.replay_error(e.id, &e.action, "comes before the visit was started");
                continue;
            };
            let cmd = if e.action == "pre_approved" {
                Some(self.pre_approval(e.id, started_plan))
            } else {
                self.command(e, d, &private, row)
            };
            let Some(cmd) = cmd else {
                continue; // corrections and other events that change no row
            };
            let actor = self.actor(e.actor, e.id, &e.action);
            // The form the step saw: the submitted one, else the row's
            // (drafts are saved without events). Set in place, again only
            // after a step that changed it.
            let was_lost = base.badge_lost();
            if !form_set {
                match &submitted {
                    Some((_, form)) => base.form.clone_from(form),
                    None => {
                        if let Some(r) = row {
                            base.form.clone_from(&r.visit.form);
                        }
                    }
                }
                form_set = true;
            }
            if e.action == "submitted" {
                if is_current(d) {
                    base.form = Self::submitted_form(d, &private);
                } else {
                    legacy_digest = Some((e.id, text(d, "form_sha256")));
                }
            }
            if (e.action == "approved" || e.action == "pre_approved")
                && is_current(d)
                && !self.watch.is_empty()
            {
                let seen = watch::seen(d).unwrap_or_default();
                let form = base.form.clone();
                self.check_approval((e.id, &e.action), e.at, &form, &seen);
            }
            let Some(next) = v.as_mut() else {
                continue;
            };
            let notice_before = next.notice;
            // Applied in place: a refused step leaves the visit as it was.
            match next.apply_in_place(&cmd, actor, from_ts(e.at)) {
                Ok(spec) => {
                    // A form completed before the privacy notice existed
                    // records no answer to it: the row has none either.
                    let before_notice = e.action == "form_completed" && d.get("notice").is_none();
                    if before_notice {
                        next.notice = notice_before;
                    }
                    if is_current(d) && !before_notice {
                        self.compare_details(e, d, &spec, &private, &absent);
                    }
                    if e.action == "submitted" {
                        submitted = Some((e.id, next.form.clone()));
                    }
                    // Completing the form puts the placeholder in.
                    form_set = !matches!(cmd, Command::CompleteForm(..));
                    if next.badge_lost()
                        && !was_lost
                        && let Some(b) = &next.badge
                    {
                        self.badges.push((e.id, b.to_string(), Some((id, e.at))));
                    }
                    if next.closed_at.is_some() && closed_ev.is_none() {
                        closed_ev = Some(e.id);
                    }
                    if keep_states {
                        states.push(((e.id, e.action.clone()), next.clone()));
                    }
                }
                Err(err) => self.replay_error(e.id, &e.action, err.to_string()),
            }
        }
        let (Some(mut expected), Some(started)) = (v, started) else {
            if row.is_some() {
                self.problem(Problem::ExtraRow {
                    table: "visits",
                    row: id.to_string(),
                });
            }
            return true;
        };
        let Some(row) = row else {
            self.problem(Problem::MissingRow {
                table: "visits",
                row: id.to_string(),
                event: started,
            });
            return true;
        };
        if submitted.is_none() {
            // Drafts are saved without events: the form is as stored.
            expected.form = row.visit.form.clone();
        }
        // So is the check-out as typed so far, kept only while the visitor
        // is inside (the step that lets them out clears it): a draft on
        // any other visit, or one that does not read as a draft, was put
        // there outside dc-access.
        if row.draft_stored
            && (expected.status != Status::Inside || row.visit.checkout_draft.is_none())
        {
            self.problem(Problem::Column {
                table: "visits",
                row: id.to_string(),
                column: "checkout_draft",
                values: None,
                event: None,
            });
        }
        expected
            .checkout_draft
            .clone_from(&row.visit.checkout_draft);
        // Retention: which anonymisation reached this visit.
        let mut level = 0;
        let mut anon_ev = None;
        if let Some(closed) = closed_ev {
            for a in &mut self.anonymizers {
                let started_before = expected.started_at.timestamp() < a.cutoff;
                let closed_before = expected.closed_at.is_some_and(|t| t.timestamp() < a.cutoff);
                if a.event <= closed || !started_before {
                    continue;
                }
                if a.current && level < 2 {
                    level = 2;
                } else if !a.current && level == 0 && closed_before {
                    level = 1;
                } else {
                    continue;
                }
                a.counted += 1;
                anon_ev = Some((a.event, "visits_anonymized".to_owned()));
            }
        }
        match level {
            0 => {}
            1 => expected = legacy_anonymized(&expected),
            _ => expected = expected.anonymized(),
        }
        if let Some((event, digest)) = legacy_digest
            && level == 0
            && form_digest(&row.visit.form) != digest
        {
            self.problem(Problem::Column {
                table: "visits",
                row: id.to_string(),
                column: "form",
                values: None,
                event: Some((event, "submitted".into())),
            });
        }
        for (event, field) in &missing {
            if level < 2 {
                self.problem(Problem::Private {
                    event: *event,
                    field: field.clone(),
                    what: "deleted, but the visit is not anonymised",
                });
            }
        }
        let flagged = expected.checklist_flagged() || expected.badge_lost();
        if expected == row.visit
            && row.status == expected.status.as_str()
            && row.flagged == flagged
            && row.anonymized == level
        {
            return true;
        }
        if !keep_states {
            return false;
        }
        let exp_cols = visit_columns(&expected, flagged, level);
        let mut got_cols = visit_columns(&row.visit, row.flagged, row.anonymized);
        got_cols[0].1.clone_from(&row.status);
        for ((name, e, personal), (_, g, _)) in exp_cols.iter().zip(&got_cols) {
            if e == g {
                continue;
            }
            // The last event that changed this column.
            let setter = if *name == "anonymized" || (level > 0 && *personal) {
                anon_ev.clone()
            } else {
                let mut found = None;
                for w in states.windows(2).rev() {
                    let before = visit_columns(&w[0].1, false, 0);
                    let after = visit_columns(&w[1].1, false, 0);
                    let changed = before
                        .iter()
                        .zip(&after)
                        .any(|(b, a)| b.0 == *name && b.1 != a.1);
                    if changed {
                        found = Some(w[1].0.clone());
                        break;
                    }
                }
                found
                    .or_else(|| {
                        submitted
                            .as_ref()
                            .filter(|_| *personal)
                            .map(|s| (s.0, "submitted".into()))
                    })
                    .or_else(|| states.first().map(|s| s.0.clone()))
            };
            self.problem(Problem::Column {
                table: "visits",
                row: id.to_string(),
                column: name,
                values: (!personal).then(|| (g.clone(), e.clone())),
                event: setter,
            });
        }
        true
    }
}
