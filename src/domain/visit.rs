//! A visit's life through the seven SOP steps, as a state machine.
//!
//! ```text
//! Draft ⇄ Review ──submit──▶ AwaitingApproval ──approve──▶ Approved ──issue badge──▶ Inside
//!   │ step 2       step 3        │ step 4                       step 5                 │
//!   │                            └─reject──▶ Rejected ─ID returned─▶ (closed)          │
//!   └─cancel (ID returned)─▶ Cancelled           CheckedOut ◀──────────check out───────┘
//!                                                  step 6  └─archive─▶ Archived (step 7)
//! ```
//!
//! Step 4 has three ways to "approve": [`Command::Approve`];
//! [`Command::ApproveWatched`] for a visitor on the watchlist, naming the
//! entries the supervisor confirmed (the store refuses a plain approval
//! while an entry matches); and [`Command::PreApprove`] for a visit started
//! from a planned visit that a supervisor pre-approved, recorded by the
//! operator at the door as decided by that supervisor
//! ([`super::plan::PlanApproval::check`] says when it stands).
//!
//! [`Visit::apply`] is the only way a visit changes state. It is pure: the
//! caller passes who acts and `now`, and gets back the new visit plus the
//! audit event to append in the same transaction.
//!
//! The words it is written in have files of their own and are re-exported
//! here, so `domain::visit` still names them all: [`VisitId`], [`UserId`],
//! [`Role`] and [`Actor`] (`ids`), [`Status`] (`status`), [`Command`],
//! [`TransitionError`] and [`EventSpec`] (`command`), [`Time`] and
//! [`whole_minutes`] (`time`).

use super::audit::AuditAction;
pub use super::badge::BadgeNo;
pub use super::checkout::{CheckKind, ChecklistAnswer, CheckoutDraft, DraftAnswer};
pub use super::command::{Command, EventSpec, TransitionError};
pub use super::form::{
    FormDraft, FormField, FormRules, MAX_ACTIVITY, MAX_DETAIL, MAX_EQUIPMENT, MAX_NOTE,
    MAX_ORGANISATION, MAX_REASON, VisitForm, form_digest,
};
pub use super::ids::{Actor, Role, UserId, VisitId};
pub use super::notice::{NoticeAgreed, NoticeAnswer};
pub use super::status::Status;
use super::step::Step;
pub use super::time::{Time, whole_minutes};

/// What anonymised personal fields become.
pub const ANONYMISED: &str = "(anonim)";

/// A visit with everything recorded so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub id: VisitId,
    pub status: Status,
    pub form: FormDraft,
    pub started_by: UserId,
    pub started_at: Time,
    pub form_completed_at: Option<Time>,
    pub submitted_by: Option<UserId>,
    pub submitted_at: Option<Time>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<Time>,
    pub reject_reason: Option<String>,
    pub cancel_reason: Option<String>,
    pub badge: Option<BadgeNo>,
    pub escort: Option<UserId>,
    pub entered_at: Option<Time>,
    pub checkout_started_at: Option<Time>,
    pub exited_at: Option<Time>,
    /// `Some(false)`: the badge handed back did not match; recorded lost.
    pub badge_returned: Option<bool>,
    pub checklist: Vec<ChecklistAnswer>,
    pub activity: String,
    pub id_returned_at: Option<Time>,
    pub archived_by: Option<UserId>,
    pub archived_at: Option<Time>,
    pub closed_at: Option<Time>,
    /// The check-out typed so far, while the visitor is inside.
    pub checkout_draft: Option<CheckoutDraft>,
    /// What the visitor answered to the privacy notice (UU 27/2022) at the
    /// end of step 2; `None` before, and for visits older than the notice.
    pub notice: Option<NoticeAnswer>,
    /// The door the visit started at (its console's); empty at a site
    /// with one door and for visits older than doors.
    pub door: String,
    /// A team member's leader (the leader's visit); `None` for a visitor
    /// alone and for the leader.
    pub team: Option<VisitId>,
}

fn bounded(text: &str, max: usize) -> Result<String, TransitionError> {
    let clean = super::fields::sanitize(text, usize::MAX);
    if clean.chars().count() > max {
        return Err(TransitionError::TooLong(max));
    }
    Ok(clean)
}

impl Visit {
    /// Step 1 (Mulai): a new visit, started by the operator on duty.
    pub fn start(id: VisitId, by: UserId, now: Time) -> Visit {
        Visit {
            id,
            status: Status::Draft,
            form: FormDraft::default(),
            started_by: by,
            started_at: now,
            form_completed_at: None,
            submitted_by: None,
            submitted_at: None,
            decided_by: None,
            decided_at: None,
            reject_reason: None,
            cancel_reason: None,
            badge: None,
            escort: None,
            entered_at: None,
            checkout_started_at: None,
            exited_at: None,
            badge_returned: None,
            checklist: Vec::new(),
            activity: String::new(),
            id_returned_at: None,
            archived_by: None,
            archived_at: None,
            closed_at: None,
            checkout_draft: None,
            notice: None,
            door: String::new(),
            team: None,
        }
    }

    /// The visit with its personal data removed (retention, UU 27/2022):
    /// name and person visited become [`ANONYMISED`]; ID number, phone,
    /// purpose detail, equipment, activity and checklist notes are emptied;
    /// reasons become [`ANONYMISED`]. ID type, organisation, purpose,
    /// planned duration, times, statuses, badges and checklist results stay
    /// for statistics.
    #[must_use]
    pub fn anonymized(&self) -> Visit {
        let mut v = self.clone();
        v.form.full_name = ANONYMISED.into();
        v.form.person_visited = ANONYMISED.into();
        v.form.id_number.clear();
        v.form.phone.clear();
        v.form.purpose_detail.clear();
        v.form.equipment.clear();
        v.activity.clear();
        v.checkout_draft = None;
        for a in &mut v.checklist {
            // A reason for equipment left in the room stays a reason (its
            // words go): without one the item would flag the visit.
            if a.kind == CheckKind::Brought && !a.note.is_empty() {
                a.note = ANONYMISED.into();
            } else {
                a.note.clear();
            }
        }
        for r in [&mut v.reject_reason, &mut v.cancel_reason]
            .into_iter()
            .flatten()
        {
            *r = ANONYMISED.into();
        }
        v
    }

    /// The event that records step 1.
    pub fn start_event() -> EventSpec {
        EventSpec {
            step: Step::Start,
            action: AuditAction::VisitStarted,
            details: serde_json::json!({}),
            private: &[],
        }
    }

    /// The visitor's ID document is with the operator right now.
    pub fn id_held(&self) -> bool {
        self.form.id_held && self.id_returned_at.is_none()
    }

    /// The badge is out with this visit right now.
    pub fn badge_out(&self) -> bool {
        self.status == Status::Inside
    }

    /// Nothing more will happen to this visit (read-only).
    pub fn is_closed(&self) -> bool {
        self.stage().is_closed()
    }

    /// The badge was not handed back (lost).
    pub fn badge_lost(&self) -> bool {
        self.badge_returned == Some(false)
    }

    /// The equipment the form lists, one item each (step 6 confirms each).
    pub fn brought(&self) -> Vec<String> {
        super::equipment::listed(&self.form.equipment)
    }

    /// A checklist item was answered "not OK", or equipment was left in
    /// the room without a reason ([`ChecklistAnswer::flags`]).
    pub fn checklist_flagged(&self) -> bool {
        self.checklist.iter().any(ChecklistAnswer::flags)
    }

    /// Minutes inside so far (or in all, once out), by [`whole_minutes`].
    pub fn minutes_inside(&self, now: Time) -> Option<i64> {
        let entered = self.entered_at?;
        Some(whole_minutes(entered, self.exited_at.unwrap_or(now)))
    }

    /// Inside (or was inside) longer than the standard.
    pub fn overstay(&self, now: Time, standard_minutes: u32) -> bool {
        self.minutes_inside(now)
            .is_some_and(|m| m >= i64::from(standard_minutes))
    }

    /// When a step began and ended, for timing against its standard.
    pub fn step_span(&self, step: Step) -> (Option<Time>, Option<Time>) {
        match step {
            Step::Start => (None, None),
            Step::Form => (Some(self.started_at), self.form_completed_at),
            Step::Submit => (self.form_completed_at, self.submitted_at),
            Step::Decide => (self.submitted_at, self.decided_at),
            Step::Inside => (self.entered_at, self.exited_at),
            Step::Checkout => (self.checkout_started_at, self.exited_at),
            Step::Archive => (self.exited_at, self.archived_at),
        }
    }

    /// Minutes a finished step took, by [`whole_minutes`].
    pub fn step_minutes(&self, step: Step) -> Option<i64> {
        match self.step_span(step) {
            (Some(a), Some(b)) => Some(whole_minutes(a, b)),
            _ => None,
        }
    }

    /// Apply a command: the new visit and the event to record, or why not.
    pub fn apply(
        &self,
        cmd: &Command,
        actor: Actor,
        now: Time,
    ) -> Result<(Visit, EventSpec), TransitionError> {
        let mut v = self.clone();
        let spec = v.apply_in_place(cmd, actor, now)?;
        Ok((v, spec))
    }

    /// [`Visit::apply`] to this visit itself (no copy of it: `verify`
    /// replays every visit). On `Err` the visit is left as it was: every
    /// check comes before the first change.
    pub fn apply_in_place(
        &mut self,
        cmd: &Command,
        actor: Actor,
        now: Time,
    ) -> Result<EventSpec, TransitionError> {
        use serde_json::json;
        let status = self.status;
        let not_allowed = || TransitionError::NotAllowed {
            action: cmd.action(),
            from: status,
        };
        let mut private: &'static [&'static str] = &[];
        let details = match (status, cmd) {
            (Status::Draft, Command::CompleteForm(form, notice)) => {
                self.form = form.to_draft();
                self.status = Status::Review;
                self.form_completed_at = Some(now);
                self.notice = Some(NoticeAnswer::Agreed {
                    at: now,
                    retention_days: notice.retention_days,
                });
                json!({ "notice": { "agreed": true, "retention_days": notice.retention_days } })
            }
            (Status::Draft, Command::RefuseNotice) => {
                self.status = Status::Cancelled;
                self.notice = Some(NoticeAnswer::Refused { at: now });
                let id_was_held = self.form.id_held;
                if id_was_held {
                    self.id_returned_at = Some(now);
                }
                self.closed_at = Some(now);
                json!({ "notice_refused": true, "id_returned": id_was_held })
            }
            (Status::Review, Command::EditForm) => {
                self.status = Status::Draft;
                json!({})
            }
            (Status::Review, Command::Submit) => {
                if !self.form.id_held {
                    return Err(TransitionError::IdNotHeld);
                }
                self.status = Status::AwaitingApproval;
                self.submitted_by = Some(actor.id);
                self.submitted_at = Some(now);
                private = &["form"];
                let f = &self.form;
                let mut kept = json!({
                    "id_type": f.id_type,
                    "organisation": f.organisation,
                    "purpose": f.purpose,
                    "planned_minutes": f.planned_minutes,
                    "id_held": f.id_held,
                });
                // The assignment letter is the visitor's organisation's,
                // not personal: it outlives anonymisation.
                if !f.letter_number.is_empty() {
                    kept["letter_number"] = json!(f.letter_number);
                    kept["letter_date"] = json!(f.letter_date);
                    kept["letter_issuer"] = json!(f.letter_issuer);
                }
                json!({ "form": f, "kept": kept })
            }
            (
                Status::AwaitingApproval,
                Command::Approve | Command::ApproveWatched { .. } | Command::Reject { .. },
            ) => {
                if actor.role != Role::Supervisor {
                    return Err(TransitionError::NotSupervisor);
                }
                if self.submitted_by == Some(actor.id) {
                    return Err(TransitionError::SameAsSubmitter);
                }
                if let Command::Reject { reason } = cmd {
                    let reason = bounded(reason, MAX_REASON)?;
                    if reason.is_empty() {
                        return Err(TransitionError::ReasonRequired);
                    }
                    self.decided_by = Some(actor.id);
                    self.decided_at = Some(now);
                    self.status = Status::Rejected;
                    self.reject_reason = Some(reason.clone());
                    private = &["reason"];
                    json!({ "reason": reason })
                } else if let Command::ApproveWatched { seen } = cmd {
                    if seen.is_empty() {
                        return Err(TransitionError::WatchNotNamed);
                    }
                    self.decided_by = Some(actor.id);
                    self.decided_at = Some(now);
                    self.status = Status::Approved;
                    let ids: Vec<i64> = seen.iter().map(|w| w.0).collect();
                    json!({ "watch_seen": ids })
                } else {
                    self.decided_by = Some(actor.id);
                    self.decided_at = Some(now);
                    self.status = Status::Approved;
                    json!({})
                }
            }
            (Status::AwaitingApproval, Command::PreApprove(plan)) => {
                let by = plan.check(now).map_err(TransitionError::Plan)?;
                if self.submitted_by == Some(by) {
                    return Err(TransitionError::SameAsSubmitter);
                }
                self.status = Status::Approved;
                self.decided_by = Some(by);
                self.decided_at = Some(now);
                json!({ "plan": plan.plan.0, "by": by.0 })
            }
            (Status::Rejected, Command::ReturnId) => {
                if self.id_returned_at.is_some() {
                    return Err(TransitionError::IdAlreadyReturned);
                }
                self.id_returned_at = Some(now);
                self.closed_at = Some(now);
                json!({})
            }
            (
                Status::Draft | Status::Review | Status::AwaitingApproval | Status::Approved,
                Command::Cancel { reason },
            ) => {
                let reason = bounded(reason, MAX_REASON)?;
                if reason.is_empty() {
                    return Err(TransitionError::ReasonRequired);
                }
                self.status = Status::Cancelled;
                self.cancel_reason = Some(reason.clone());
                let id_was_held = self.form.id_held;
                if id_was_held {
                    self.id_returned_at = Some(now);
                }
                self.closed_at = Some(now);
                private = &["reason"];
                json!({ "reason": reason, "id_returned": id_was_held })
            }
            (Status::Approved, Command::IssueBadge { badge, escort }) => {
                self.status = Status::Inside;
                self.badge = Some(badge.clone());
                self.escort = Some(*escort);
                self.entered_at = Some(now);
                json!({ "badge": badge.as_str(), "escort": escort.0 })
            }
            (Status::Inside, Command::BeginCheckout) => {
                if self.checkout_started_at.is_some() {
                    return Err(not_allowed());
                }
                self.checkout_started_at = Some(now);
                json!({})
            }
            (
                Status::Inside,
                Command::CheckOut {
                    badge_returned,
                    id_returned,
                    checklist,
                    activity,
                },
            ) => {
                if !id_returned {
                    return Err(TransitionError::IdNotReturned);
                }
                let answers = super::checkout::checked_answers(checklist)?;
                let activity = bounded(activity, MAX_ACTIVITY)?;
                let matches =
                    badge_returned.is_some() && self.badge.as_ref() == badge_returned.as_ref();
                self.status = Status::CheckedOut;
                self.badge_returned = Some(matches);
                self.id_returned_at = Some(now);
                self.exited_at = Some(now);
                self.checkout_started_at = self.checkout_started_at.or(Some(now));
                self.activity = activity;
                private = &["notes", "activity"];
                let items: Vec<_> = answers
                    .iter()
                    .map(|a| match a.kind {
                        CheckKind::Room => json!({ "item": a.item, "ok": a.ok }),
                        // Whether a reason was given is not personal; it
                        // says, once the reason is anonymised, whether the
                        // item flags the visit.
                        CheckKind::Brought => json!({
                            "item": a.item, "ok": a.ok, "kind": a.kind,
                            "reason": !a.note.is_empty(),
                        }),
                        CheckKind::TakenOut => {
                            json!({ "item": a.item, "ok": a.ok, "kind": a.kind })
                        }
                    })
                    .collect();
                let notes: Vec<&str> = answers.iter().map(|a| a.note.as_str()).collect();
                let details = json!({
                    "badge_returned": matches,
                    "badge_handed_back": badge_returned.as_deref().unwrap_or_default(),
                    "checklist_ok": !answers.iter().any(ChecklistAnswer::flags),
                    "checklist": items,
                    "notes": notes,
                    "activity": self.activity,
                });
                self.checklist = answers;
                self.checkout_draft = None;
                details
            }
            (Status::CheckedOut, Command::Archive) => {
                self.status = Status::Archived;
                self.archived_by = Some(actor.id);
                self.archived_at = Some(now);
                self.closed_at = Some(now);
                json!({})
            }
            (
                Status::Draft
                | Status::Review
                | Status::AwaitingApproval
                | Status::Approved
                | Status::Rejected
                | Status::Cancelled
                | Status::Inside
                | Status::CheckedOut
                | Status::Archived,
                // Every command, named: a new one does not compile until
                // the table above says where it is allowed.
                Command::CompleteForm(..)
                | Command::RefuseNotice
                | Command::EditForm
                | Command::Submit
                | Command::Approve
                | Command::ApproveWatched { .. }
                | Command::PreApprove(_)
                | Command::Reject { .. }
                | Command::ReturnId
                | Command::Cancel { .. }
                | Command::IssueBadge { .. }
                | Command::BeginCheckout
                | Command::CheckOut { .. }
                | Command::Archive,
            ) => return Err(not_allowed()),
        };
        let step = match cmd {
            Command::CompleteForm(..) | Command::RefuseNotice | Command::EditForm => Step::Form,
            Command::Submit => Step::Submit,
            Command::Approve
            | Command::ApproveWatched { .. }
            | Command::PreApprove(_)
            | Command::Reject { .. }
            | Command::ReturnId => Step::Decide,
            Command::Cancel { .. } => status.step(),
            Command::IssueBadge { .. } => Step::Inside,
            Command::BeginCheckout | Command::CheckOut { .. } => Step::Checkout,
            Command::Archive => Step::Archive,
        };
        Ok(EventSpec {
            step,
            action: cmd.action(),
            details,
            private,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{form_lists as lists, good_draft};
    use crate::domain::plan::{PlanApproval, PlanRefusal};
    use crate::domain::watchlist::WatchId;

    fn badge(no: &str) -> BadgeNo {
        BadgeNo::try_from(no).unwrap()
    }
    use chrono::{TimeZone, Utc};

    fn t(min: i64) -> Time {
        Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap() + chrono::Duration::minutes(min)
    }
    const OP: Actor = Actor {
        id: UserId(2),
        role: Role::Operator,
    };
    const SUP: Actor = Actor {
        id: UserId(1),
        role: Role::Supervisor,
    };
    const NOTICE: NoticeAgreed = NoticeAgreed {
        retention_days: 730,
    };
    fn form() -> VisitForm {
        let (a, b) = lists();
        good_draft().validate(&FormRules::new(&a, &b)).unwrap()
    }
    fn checklist(ok: bool, note: &str) -> Vec<ChecklistAnswer> {
        vec![ChecklistAnswer {
            item: "Rak tertutup".into(),
            ok,
            note: note.into(),
            ..ChecklistAnswer::default()
        }]
    }
    fn checkout(no: &str) -> Command {
        Command::CheckOut {
            badge_returned: Some(badge(no)),
            id_returned: true,
            checklist: checklist(true, ""),
            activity: "Ganti UPS".into(),
        }
    }
    #[expect(clippy::needless_pass_by_value, reason = "reads better in scenarios")]
    fn step(v: &Visit, cmd: Command, actor: Actor, min: i64) -> Visit {
        v.apply(&cmd, actor, t(min)).unwrap().0
    }
    /// A visit driven to `status` the usual way.
    fn at(status: Status) -> Visit {
        let mut v = Visit::start(VisitId(1), OP.id, t(0));
        let path: Vec<(Command, Actor)> = vec![
            (Command::CompleteForm(form(), NOTICE), OP),
            (Command::Submit, OP),
            (Command::Approve, SUP),
            (
                Command::IssueBadge {
                    badge: badge("V-01"),
                    escort: UserId(3),
                },
                OP,
            ),
            (checkout("V-01"), OP),
            (Command::Archive, OP),
        ];
        let mut min = 0;
        for (cmd, actor) in path {
            if v.status == status {
                return v;
            }
            min += 3;
            v = step(&v, cmd, actor, min);
        }
        assert_eq!(v.status, status);
        v
    }
    /// A visit in each state, the usual way there.
    fn every_state() -> [Visit; 9] {
        [
            at(Status::Draft),
            at(Status::Review),
            at(Status::AwaitingApproval),
            at(Status::Approved),
            rejected(),
            cancelled(),
            at(Status::Inside),
            at(Status::CheckedOut),
            at(Status::Archived),
        ]
    }
    fn rejected() -> Visit {
        let v = at(Status::AwaitingApproval);
        step(
            &v,
            Command::Reject {
                reason: "Tidak terjadwal".into(),
            },
            SUP,
            9,
        )
    }
    fn cancelled() -> Visit {
        // Cancelled at review: the ID was held and goes back.
        step(
            &at(Status::Review),
            Command::Cancel {
                reason: "Batal".into(),
            },
            OP,
            4,
        )
    }

    #[test]
    fn whole_visit_records_every_time() {
        let v = at(Status::Archived);
        assert_eq!(v.form_completed_at, Some(t(3)));
        assert_eq!(v.submitted_at, Some(t(6)));
        assert_eq!(v.decided_by, Some(SUP.id));
        assert_eq!(v.entered_at, Some(t(12)));
        assert_eq!(v.exited_at, Some(t(15)));
        assert_eq!(v.archived_at, Some(t(18)));
        assert_eq!(v.badge_returned, Some(true));
        assert!(v.is_closed());
        assert_eq!(v.step_minutes(Step::Form), Some(3));
        assert_eq!(v.step_minutes(Step::Inside), Some(3));
        assert_eq!(v.step_minutes(Step::Archive), Some(3));
    }

    /// Every (state, command) pair: allowed ones go where the diagram says,
    /// all others are refused.
    #[test]
    fn transition_table() {
        let commands = || -> Vec<(Command, Actor)> {
            vec![
                (Command::CompleteForm(form(), NOTICE), OP),
                (Command::EditForm, OP),
                (Command::Submit, OP),
                (Command::Approve, SUP),
                (
                    Command::ApproveWatched {
                        seen: vec![WatchId(1)],
                    },
                    SUP,
                ),
                (Command::PreApprove(plan_approval()), OP),
                (Command::Reject { reason: "x".into() }, SUP),
                (Command::ReturnId, OP),
                (Command::Cancel { reason: "x".into() }, OP),
                (
                    Command::IssueBadge {
                        badge: badge("V-02"),
                        escort: UserId(3),
                    },
                    OP,
                ),
                (Command::BeginCheckout, OP),
                (checkout("V-01"), OP),
                (Command::Archive, OP),
            ]
        };
        let states = every_state();
        let expected = |from: Status, action: &str| -> Option<Status> {
            use Status as S;
            match (from, action) {
                (S::Draft, "form_completed") => Some(S::Review),
                (S::Review, "form_reopened") => Some(S::Draft),
                (S::Review, "submitted") => Some(S::AwaitingApproval),
                (S::AwaitingApproval, "approved" | "pre_approved") => Some(S::Approved),
                (S::AwaitingApproval, "rejected") | (S::Rejected, "id_returned") => {
                    Some(S::Rejected)
                }
                (S::Draft | S::Review | S::AwaitingApproval | S::Approved, "cancelled") => {
                    Some(S::Cancelled)
                }
                (S::Approved, "badge_issued") | (S::Inside, "checkout_started") => Some(S::Inside),
                (S::Inside, "checked_out") => Some(S::CheckedOut),
                (S::CheckedOut, "archived") => Some(S::Archived),
                _ => None,
            }
        };
        let mut allowed = 0;
        for v in &states {
            for (cmd, actor) in commands() {
                let got = v.apply(&cmd, actor, t(30));
                match expected(v.status, cmd.action().as_str()) {
                    Some(to) => {
                        let (nv, ev) = got.unwrap_or_else(|e| {
                            panic!("{:?} --{}--> should work: {e}", v.status, cmd.action())
                        });
                        assert_eq!(nv.status, to, "{:?} --{}", v.status, cmd.action());
                        assert_eq!(ev.action, cmd.action());
                        allowed += 1;
                    }
                    None => assert_eq!(
                        got.unwrap_err(),
                        TransitionError::NotAllowed {
                            action: cmd.action(),
                            from: v.status
                        },
                        "{:?} --{}--> must be refused",
                        v.status,
                        cmd.action()
                    ),
                }
            }
        }
        assert_eq!(allowed, 16);
    }

    /// `apply_in_place` is `apply` without the copy: the same visit and
    /// event when allowed, the same refusal and the visit untouched when
    /// not — also when a check fails late in a step (a reason too long, an
    /// activity too long, an empty checklist).
    #[test]
    fn in_place_is_apply_and_a_refusal_changes_nothing() {
        let long = "x".repeat(MAX_ACTIVITY + 1);
        let commands = vec![
            Command::CompleteForm(form(), NOTICE),
            Command::RefuseNotice,
            Command::EditForm,
            Command::Submit,
            Command::Approve,
            Command::ApproveWatched {
                seen: vec![WatchId(1)],
            },
            Command::ApproveWatched { seen: Vec::new() },
            Command::PreApprove(plan_approval()),
            Command::Reject { reason: "x".into() },
            Command::Reject {
                reason: String::new(),
            },
            Command::Reject {
                reason: "x".repeat(MAX_REASON + 1),
            },
            Command::ReturnId,
            Command::Cancel { reason: "x".into() },
            Command::Cancel {
                reason: String::new(),
            },
            Command::IssueBadge {
                badge: badge("V-02"),
                escort: UserId(3),
            },
            Command::BeginCheckout,
            checkout("V-01"),
            checkout("V-09"),
            Command::CheckOut {
                badge_returned: Some(badge("V-01")),
                id_returned: false,
                checklist: checklist(true, ""),
                activity: String::new(),
            },
            Command::CheckOut {
                badge_returned: None,
                id_returned: true,
                checklist: Vec::new(),
                activity: String::new(),
            },
            Command::CheckOut {
                badge_returned: Some(badge("V-01")),
                id_returned: true,
                checklist: checklist(false, "kabel"),
                activity: long,
            },
            Command::Archive,
        ];
        let states = every_state();
        let (mut allowed, mut refused) = (0, 0);
        for v in &states {
            for cmd in &commands {
                for actor in [OP, SUP] {
                    let mut w = v.clone();
                    let copied = v.apply(cmd, actor, t(30));
                    let in_place = w.apply_in_place(cmd, actor, t(30));
                    match copied {
                        Ok((next, spec)) => {
                            let got = in_place.expect("allowed in place too");
                            assert_eq!(w, next, "{:?} --{}", v.status, cmd.action());
                            assert_eq!(got, spec);
                            allowed += 1;
                        }
                        Err(e) => {
                            assert_eq!(in_place.unwrap_err(), e);
                            assert_eq!(w, *v, "{:?} --{} refused", v.status, cmd.action());
                            refused += 1;
                        }
                    }
                }
            }
        }
        assert!(allowed > 20 && refused > 300, "{allowed} {refused}");
    }

    #[test]
    fn operator_cannot_decide_and_submitter_cannot_approve() {
        let v = at(Status::AwaitingApproval);
        assert_eq!(
            v.apply(&Command::Approve, OP, t(9)).unwrap_err(),
            TransitionError::NotSupervisor
        );
        // A supervisor who submitted the form cannot approve it too.
        let mut v2 = at(Status::Review);
        v2 = step(&v2, Command::Submit, SUP, 5);
        assert_eq!(
            v2.apply(&Command::Approve, SUP, t(9)).unwrap_err(),
            TransitionError::SameAsSubmitter
        );
    }

    /// The plan the test visits are started from: pre-approved by the
    /// supervisor, open from t(0) for a day.
    fn plan_approval() -> PlanApproval {
        PlanApproval {
            plan: crate::domain::plan::PlanId(5),
            started_from: Some(crate::domain::plan::PlanId(5)),
            by: Some(SUP),
            from: t(0),
            until: t(24 * 60),
            cancelled: false,
        }
    }

    #[test]
    fn a_planned_visit_is_recorded_as_pre_approved_by_its_supervisor() {
        let v = at(Status::AwaitingApproval);
        // The operator at the door records it; the decision is the supervisor's.
        let (a, ev) = v
            .apply(&Command::PreApprove(plan_approval()), OP, t(9))
            .unwrap();
        assert_eq!(a.status, Status::Approved);
        assert_eq!(a.decided_by, Some(SUP.id));
        assert_eq!(a.decided_at, Some(t(9)));
        assert_eq!(ev.action, AuditAction::PreApproved);
        assert_eq!(ev.step, Step::Decide);
        assert_eq!(ev.details, serde_json::json!({ "plan": 5, "by": 1 }));
    }

    #[test]
    fn pre_approval_refused_by_a_non_supervisor_outside_the_days_or_cancelled() {
        let v = at(Status::AwaitingApproval);
        let refused =
            |p: PlanApproval, at: Time| v.apply(&Command::PreApprove(p), OP, at).unwrap_err();
        let mut by_operator = plan_approval();
        by_operator.by = Some(OP);
        assert_eq!(
            refused(by_operator, t(9)),
            TransitionError::Plan(PlanRefusal::NotSupervisor)
        );
        assert_eq!(
            refused(plan_approval(), t(24 * 60)),
            TransitionError::Plan(PlanRefusal::OutsideDays),
            "the day after"
        );
        let mut cancelled = plan_approval();
        cancelled.cancelled = true;
        assert_eq!(
            refused(cancelled, t(9)),
            TransitionError::Plan(PlanRefusal::Cancelled)
        );
        let mut not_approved = plan_approval();
        not_approved.by = None;
        assert_eq!(
            refused(not_approved, t(9)),
            TransitionError::Plan(PlanRefusal::NotPreApproved)
        );
        let mut other_plan = plan_approval();
        other_plan.started_from = None;
        assert_eq!(
            refused(other_plan, t(9)),
            TransitionError::Plan(PlanRefusal::NotFromPlan)
        );
        // Only from the approval queue: not before submission, not twice.
        assert!(matches!(
            at(Status::Review).apply(&Command::PreApprove(plan_approval()), OP, t(9)),
            Err(TransitionError::NotAllowed { .. })
        ));
        assert!(matches!(
            at(Status::Approved).apply(&Command::PreApprove(plan_approval()), OP, t(9)),
            Err(TransitionError::NotAllowed { .. })
        ));
        // A supervisor who pre-approved cannot be the one who submitted.
        let mut v2 = at(Status::Review);
        v2 = step(&v2, Command::Submit, SUP, 5);
        assert_eq!(
            v2.apply(&Command::PreApprove(plan_approval()), OP, t(9))
                .unwrap_err(),
            TransitionError::SameAsSubmitter
        );
    }

    #[test]
    fn approving_a_watched_visitor_records_the_entries_seen() {
        let v = at(Status::AwaitingApproval);
        let none = Command::ApproveWatched { seen: vec![] };
        assert_eq!(
            v.apply(&none, SUP, t(9)).unwrap_err(),
            TransitionError::WatchNotNamed
        );
        let cmd = Command::ApproveWatched {
            seen: vec![WatchId(3), WatchId(5)],
        };
        assert_eq!(
            v.apply(&cmd, OP, t(9)).unwrap_err(),
            TransitionError::NotSupervisor
        );
        let (a, ev) = v.apply(&cmd, SUP, t(9)).unwrap();
        assert_eq!(a.status, Status::Approved);
        assert_eq!(ev.action, AuditAction::Approved);
        assert_eq!(ev.details["watch_seen"], serde_json::json!([3, 5]));
    }

    #[test]
    fn reject_needs_reason_and_keeps_id_until_returned() {
        let v = at(Status::AwaitingApproval);
        assert_eq!(
            v.apply(
                &Command::Reject {
                    reason: "  ".into()
                },
                SUP,
                t(9)
            )
            .unwrap_err(),
            TransitionError::ReasonRequired
        );
        let r = rejected();
        assert!(!r.is_closed(), "ID still held");
        assert!(r.id_held());
        let closed = step(&r, Command::ReturnId, OP, 10);
        assert!(closed.is_closed());
        assert!(!closed.id_held());
        assert_eq!(
            closed.apply(&Command::ReturnId, OP, t(11)).unwrap_err(),
            TransitionError::IdAlreadyReturned
        );
    }

    #[test]
    fn cancel_returns_the_id() {
        let v = cancelled();
        assert!(v.is_closed());
        assert!(v.id_returned_at.is_some());
        assert!(!v.id_held());
        assert_eq!(
            at(Status::Draft)
                .apply(
                    &Command::Cancel {
                        reason: String::new()
                    },
                    OP,
                    t(1)
                )
                .unwrap_err(),
            TransitionError::ReasonRequired
        );
    }

    #[test]
    fn submit_requires_id_held() {
        let mut v = at(Status::Review);
        v.form.id_held = false;
        assert_eq!(
            v.apply(&Command::Submit, OP, t(5)).unwrap_err(),
            TransitionError::IdNotHeld
        );
    }

    #[test]
    fn checkout_rules() {
        let v = at(Status::Inside);
        let mut cmd = checkout("V-01");
        if let Command::CheckOut { id_returned, .. } = &mut cmd {
            *id_returned = false;
        }
        assert_eq!(
            v.apply(&cmd, OP, t(20)).unwrap_err(),
            TransitionError::IdNotReturned
        );
        let no_note = Command::CheckOut {
            badge_returned: Some(badge("V-01")),
            id_returned: true,
            checklist: checklist(false, " "),
            activity: String::new(),
        };
        assert_eq!(
            v.apply(&no_note, OP, t(20)).unwrap_err(),
            TransitionError::NoteRequired(1)
        );
        let empty = Command::CheckOut {
            badge_returned: Some(badge("V-01")),
            id_returned: true,
            checklist: vec![],
            activity: String::new(),
        };
        assert_eq!(
            v.apply(&empty, OP, t(20)).unwrap_err(),
            TransitionError::ChecklistIncomplete
        );
        // Not OK with a note flags the visit; a different badge is recorded lost.
        let flagged = Command::CheckOut {
            badge_returned: Some(badge("V-07")),
            id_returned: true,
            checklist: checklist(false, "Pintu rak terbuka"),
            activity: "x".into(),
        };
        let (out, ev) = v.apply(&flagged, OP, t(20)).unwrap();
        assert!(out.checklist_flagged());
        assert!(out.badge_lost());
        assert_eq!(ev.details["badge_returned"], false);
        assert!(!out.id_held());
    }

    #[test]
    fn begin_checkout_only_once() {
        let v = at(Status::Inside);
        let v = step(&v, Command::BeginCheckout, OP, 70);
        assert_eq!(v.checkout_started_at, Some(t(70)));
        assert!(v.apply(&Command::BeginCheckout, OP, t(71)).is_err());
    }

    #[test]
    fn overstay_and_timers() {
        let v = at(Status::Inside);
        assert!(!v.overstay(t(12 + 59), 60));
        assert!(v.overstay(t(12 + 60), 60));
        assert_eq!(v.minutes_inside(t(12 + 75)), Some(75));
    }

    /// One rounding rule: whole minutes rounded down, for the time inside
    /// and for each step alike, never negative.
    #[test]
    fn durations_round_down_alike_everywhere() {
        let secs = chrono::Duration::seconds;
        assert_eq!(whole_minutes(t(0), t(0) + secs(59)), 0);
        assert_eq!(whole_minutes(t(0), t(50) + secs(59)), 50);
        assert_eq!(whole_minutes(t(5), t(0)), 0);
        let mut v = at(Status::Archived);
        v.exited_at = Some(t(12) + secs(50 * 60 + 59));
        assert_eq!(v.minutes_inside(t(500)), Some(50));
        assert_eq!(v.step_minutes(Step::Inside), Some(50));
        v.archived_at = Some(t(12) + secs(50 * 60 + 59 + 20));
        assert_eq!(v.step_minutes(Step::Archive), Some(0));
    }
}
