//! What can be asked of a visit ([`Command`]), why it can be refused
//! ([`TransitionError`]), and the audit event a step records
//! ([`EventSpec`]). Which command is allowed in which status is decided by
//! [`super::visit::Visit::apply`].

use super::audit::AuditAction;
use super::badge::BadgeNo;
use super::checkout::ChecklistAnswer;
use super::form::VisitForm;
use super::ids::UserId;
use super::notice::NoticeAgreed;
use super::plan::{PlanApproval, PlanRefusal};
use super::status::Status;
use super::step::Step;
use super::watchlist::WatchId;

/// What someone asks to happen to a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Step 2 → 3: the form is complete, the ID is held, and the visitor
    /// was told the privacy notice and agreed.
    CompleteForm(VisitForm, NoticeAgreed),
    /// End of step 2: the visitor refused the privacy notice. The visit is
    /// cancelled for that reason and the ID given back.
    RefuseNotice,
    /// Step 3 → 2: back to fix the form.
    EditForm,
    /// Step 3: hand the form over for approval.
    Submit,
    /// Step 4: the supervisor approves.
    Approve,
    /// Step 4: the supervisor approves a visitor who matches the
    /// watchlist, after a second confirmation; `seen` names the entries
    /// shown (the event records them).
    ApproveWatched { seen: Vec<WatchId> },
    /// Step 4 for a planned visit: recorded as pre-approved by the
    /// supervisor who approved the plan, when the plan allows it now.
    PreApprove(PlanApproval),
    /// Step 4: the supervisor rejects, with a reason.
    Reject { reason: String },
    /// After a rejection: the operator gave the ID back.
    ReturnId,
    /// Before entry: the visit is called off and the ID given back.
    Cancel { reason: String },
    /// Step 5: badge out, escort named, the visitor enters.
    IssueBadge { badge: BadgeNo, escort: UserId },
    /// Step 6 starts: the operator opens the check-out.
    BeginCheckout,
    /// Step 6: out, badge and ID exchanged, checklist answered.
    CheckOut {
        /// The badge handed back; none, or another than the one issued:
        /// the issued badge is recorded lost.
        badge_returned: Option<BadgeNo>,
        id_returned: bool,
        checklist: Vec<ChecklistAnswer>,
        activity: String,
    },
    /// Step 7: the form goes to the archive.
    Archive,
}

impl Command {
    /// A step the whole team takes together while it moves as one (until
    /// the decision): the form, its hand-in, the decision, and a refusal
    /// or cancellation before entry. A team member never takes it alone,
    /// nor a leader without the members at its step.
    pub fn moves_team(&self, status: Status) -> bool {
        match self {
            Command::CompleteForm(..)
            | Command::RefuseNotice
            | Command::EditForm
            | Command::Submit
            | Command::Approve
            | Command::ApproveWatched { .. }
            | Command::PreApprove(_)
            | Command::Reject { .. } => true,
            Command::Cancel { .. } => matches!(
                status,
                Status::Draft | Status::Review | Status::AwaitingApproval
            ),
            Command::ReturnId
            | Command::IssueBadge { .. }
            | Command::BeginCheckout
            | Command::CheckOut { .. }
            | Command::Archive => false,
        }
    }

    /// The name used in the audit log.
    pub fn action(&self) -> AuditAction {
        match self {
            Command::CompleteForm(..) => AuditAction::FormCompleted,
            Command::RefuseNotice => AuditAction::Cancelled,
            Command::EditForm => AuditAction::FormReopened,
            Command::Submit => AuditAction::Submitted,
            Command::Approve | Command::ApproveWatched { .. } => AuditAction::Approved,
            Command::PreApprove(_) => AuditAction::PreApproved,
            Command::Reject { .. } => AuditAction::Rejected,
            Command::ReturnId => AuditAction::IdReturned,
            Command::Cancel { .. } => AuditAction::Cancelled,
            Command::IssueBadge { .. } => AuditAction::BadgeIssued,
            Command::BeginCheckout => AuditAction::CheckoutStarted,
            Command::CheckOut { .. } => AuditAction::CheckedOut,
            Command::Archive => AuditAction::Archived,
        }
    }
}

/// Why a command cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("cannot {action} a visit that is {from:?}")]
    NotAllowed { action: AuditAction, from: Status },
    #[error("only a supervisor may decide")]
    NotSupervisor,
    #[error("the supervisor who decides cannot be the one who submitted")]
    SameAsSubmitter,
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the ID document must be confirmed held")]
    IdNotHeld,
    #[error("the ID document must be confirmed returned")]
    IdNotReturned,
    #[error("the ID document was already returned")]
    IdAlreadyReturned,
    #[error("every checklist item must be answered")]
    ChecklistIncomplete,
    #[error("checklist item {0} is not OK and needs a note")]
    NoteRequired(usize),
    #[error("text is too long (max {0} characters)")]
    TooLong(usize),
    #[error("approving a watched visitor names the watchlist entries seen")]
    WatchNotNamed,
    #[error("not pre-approved: {0}")]
    Plan(PlanRefusal),
}

/// The audit event a transition appends (who and when are added by the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSpec {
    pub step: Step,
    pub action: AuditAction,
    pub details: serde_json::Value,
    /// Top-level keys of `details` that hold personal data (reasons, notes,
    /// the form). The store keeps their values outside the chained event,
    /// where `anonymize` can remove them, and chains a keyed hash instead.
    pub private: &'static [&'static str],
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::budi_form;

    /// The team moves as one until the decision; from the badge on, each
    /// member alone.
    #[test]
    fn team_steps_are_the_form_the_hand_in_and_the_decision() {
        let reason = String::from("x");
        let together = [
            Command::CompleteForm(budi_form(), NoticeAgreed { retention_days: 1 }),
            Command::RefuseNotice,
            Command::EditForm,
            Command::Submit,
            Command::Approve,
            Command::ApproveWatched { seen: Vec::new() },
            Command::Reject {
                reason: reason.clone(),
            },
        ];
        for cmd in &together {
            assert!(cmd.moves_team(Status::Draft), "{cmd:?}");
        }
        let cancel = Command::Cancel { reason };
        for s in [Status::Draft, Status::Review, Status::AwaitingApproval] {
            assert!(cancel.moves_team(s));
        }
        assert!(!cancel.moves_team(Status::Approved));
        let alone = [
            Command::ReturnId,
            Command::BeginCheckout,
            Command::Archive,
            Command::IssueBadge {
                badge: BadgeNo::try_from("V-01").unwrap(),
                escort: UserId(1),
            },
        ];
        for cmd in &alone {
            assert!(!cmd.moves_team(Status::Approved), "{cmd:?}");
        }
    }
}
