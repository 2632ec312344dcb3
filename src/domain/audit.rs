//! What an audit event records, as a type: the store writes
//! [`AuditAction::as_str`] and reads back with [`AuditAction::parse`] (one
//! table, below), so a stored action this program does not know is an
//! error, and a screen's words for an action are one exhaustive match.

use std::fmt;

/// The action of one audit event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// Step 1: a visit started.
    VisitStarted,
    /// Step 2: the form complete.
    FormCompleted,
    /// Step 3: the form opened again for changes.
    FormReopened,
    /// Step 3: handed in for approval.
    Submitted,
    /// Step 4: approved.
    Approved,
    /// Step 4: rejected.
    Rejected,
    /// Step 4: the ID of a rejected visitor given back.
    IdReturned,
    /// A visit cancelled before entry.
    Cancelled,
    /// Step 5: badge issued, the visitor entered.
    BadgeIssued,
    /// Step 6: check-out started.
    CheckoutStarted,
    /// Step 6: checked out.
    CheckedOut,
    /// Step 7: the form archived.
    Archived,
    /// A supervisor's correction to a closed visit.
    Correction,
    /// A step refused because another console's step came first; changes no row.
    AttemptRefused,
    /// An operator signed out.
    SignedOut,
    /// A PIN accepted.
    PinOk,
    /// A wrong PIN.
    PinFailed,
    /// A wrong PIN that locked the account.
    PinFailedLocked,
    /// A PIN refused: typed again too soon.
    PinRefusedWait,
    /// A PIN refused: the account is locked.
    PinRefusedLocked,
    /// A PIN refused: the account is disabled.
    PinRefusedDisabled,
    /// A supervisor set a new PIN for an account.
    PinReset,
    /// An account created.
    UserCreated,
    /// An account disabled.
    UserDisabled,
    /// An account enabled again.
    UserEnabled,
    /// A locked account unlocked.
    UserUnlocked,
    /// A lost badge put back into the pool.
    BadgeRestored,
    /// A supervisor's review of a day.
    DayReviewed,
    /// Old visits' personal data removed.
    VisitsAnonymized,
    /// A demo database's made-up history was written.
    DemoHistory,
    /// A watchlist entry added.
    WatchAdded,
    /// A watchlist entry removed.
    WatchRemoved,
    /// A planned visit registered.
    PlanAdded,
    /// A planned visit cancelled.
    PlanCancelled,
    /// Step 4: recorded as pre-approved by the supervisor who approved the plan.
    PreApproved,
}

impl AuditAction {
    pub const ALL: [AuditAction; 35] = [
        AuditAction::VisitStarted,
        AuditAction::FormCompleted,
        AuditAction::FormReopened,
        AuditAction::Submitted,
        AuditAction::Approved,
        AuditAction::Rejected,
        AuditAction::IdReturned,
        AuditAction::Cancelled,
        AuditAction::BadgeIssued,
        AuditAction::CheckoutStarted,
        AuditAction::CheckedOut,
        AuditAction::Archived,
        AuditAction::Correction,
        AuditAction::AttemptRefused,
        AuditAction::SignedOut,
        AuditAction::PinOk,
        AuditAction::PinFailed,
        AuditAction::PinFailedLocked,
        AuditAction::PinRefusedWait,
        AuditAction::PinRefusedLocked,
        AuditAction::PinRefusedDisabled,
        AuditAction::PinReset,
        AuditAction::UserCreated,
        AuditAction::UserDisabled,
        AuditAction::UserEnabled,
        AuditAction::UserUnlocked,
        AuditAction::BadgeRestored,
        AuditAction::DayReviewed,
        AuditAction::VisitsAnonymized,
        AuditAction::DemoHistory,
        AuditAction::WatchAdded,
        AuditAction::WatchRemoved,
        AuditAction::PlanAdded,
        AuditAction::PlanCancelled,
        AuditAction::PreApproved,
    ];

    /// The text stored in the audit log (and chained in its hash): never
    /// change one, old databases hold it.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::VisitStarted => "visit_started",
            AuditAction::FormCompleted => "form_completed",
            AuditAction::FormReopened => "form_reopened",
            AuditAction::Submitted => "submitted",
            AuditAction::Approved => "approved",
            AuditAction::Rejected => "rejected",
            AuditAction::IdReturned => "id_returned",
            AuditAction::Cancelled => "cancelled",
            AuditAction::BadgeIssued => "badge_issued",
            AuditAction::CheckoutStarted => "checkout_started",
            AuditAction::CheckedOut => "checked_out",
            AuditAction::Archived => "archived",
            AuditAction::Correction => "correction",
            AuditAction::AttemptRefused => "attempt_refused",
            AuditAction::SignedOut => "signed_out",
            AuditAction::PinOk => "pin_ok",
            AuditAction::PinFailed => "pin_failed",
            AuditAction::PinFailedLocked => "pin_failed_locked",
            AuditAction::PinRefusedWait => "pin_refused_wait",
            AuditAction::PinRefusedLocked => "pin_refused_locked",
            AuditAction::PinRefusedDisabled => "pin_refused_disabled",
            AuditAction::PinReset => "pin_reset",
            AuditAction::UserCreated => "user_created",
            AuditAction::UserDisabled => "user_disabled",
            AuditAction::UserEnabled => "user_enabled",
            AuditAction::UserUnlocked => "user_unlocked",
            AuditAction::BadgeRestored => "badge_restored",
            AuditAction::DayReviewed => "day_reviewed",
            AuditAction::VisitsAnonymized => "visits_anonymized",
            AuditAction::DemoHistory => "demo_history",
            AuditAction::WatchAdded => "watch_added",
            AuditAction::WatchRemoved => "watch_removed",
            AuditAction::PlanAdded => "plan_added",
            AuditAction::PlanCancelled => "plan_cancelled",
            AuditAction::PreApproved => "pre_approved",
        }
    }

    /// The action stored as `s`; `None` for a text this program does not know.
    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// The stored text, as logs and error messages name it.
impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_and_texts_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert!(seen.insert(a.as_str()), "{a} twice");
        }
        assert_eq!(AuditAction::parse("visit_teleported"), None);
        assert_eq!(AuditAction::parse(""), None);
    }
}
