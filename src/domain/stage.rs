//! Where a visit is, with the two states the stored status does not name
//! on its own: a rejected visit whose ID the operator still holds, and a
//! visitor inside whose check-out has begun. [`Visit::stage`] decides them
//! in this one place; screens and words match on a [`Stage`] instead of
//! testing `id_returned_at` or `checkout_started_at` themselves.

use super::visit::{Status, Visit};

/// A visit's place in the SOP, every state named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Draft,
    Review,
    AwaitingApproval,
    Approved,
    /// Rejected, and the visitor's ID is still with the operator: step 4
    /// is not over until it is given back.
    RejectedIdHeld,
    /// Rejected, the ID given back (or never held): closed.
    Rejected,
    Cancelled,
    /// In the server room; check-out not begun.
    Inside,
    /// In the server room; check-out begun (the checklist is being filled).
    CheckingOut,
    CheckedOut,
    Archived,
}

impl Visit {
    /// Where this visit is: its status, with the ID and check-out facts
    /// that split two of them.
    pub fn stage(&self) -> Stage {
        Stage::of(
            self.status,
            self.id_returned_at.is_some(),
            self.checkout_started_at.is_some(),
        )
    }
}

impl Stage {
    /// The stage from the stored status and the two facts that split it
    /// (for readers that have the columns, not a whole [`Visit`]).
    pub fn of(status: Status, id_returned: bool, checkout_started: bool) -> Stage {
        match status {
            Status::Draft => Stage::Draft,
            Status::Review => Stage::Review,
            Status::AwaitingApproval => Stage::AwaitingApproval,
            Status::Approved => Stage::Approved,
            Status::Rejected if !id_returned => Stage::RejectedIdHeld,
            Status::Rejected => Stage::Rejected,
            Status::Cancelled => Stage::Cancelled,
            Status::Inside if !checkout_started => Stage::Inside,
            Status::Inside => Stage::CheckingOut,
            Status::CheckedOut => Stage::CheckedOut,
            Status::Archived => Stage::Archived,
        }
    }

    /// Nothing more will happen to the visit (read-only).
    pub fn is_closed(self) -> bool {
        match self {
            Stage::Rejected | Stage::Cancelled | Stage::Archived => true,
            Stage::Draft
            | Stage::Review
            | Stage::AwaitingApproval
            | Stage::Approved
            | Stage::RejectedIdHeld
            | Stage::Inside
            | Stage::CheckingOut
            | Stage::CheckedOut => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::{UserId, VisitId};
    use chrono::TimeZone;

    fn visit(status: Status) -> Visit {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap();
        let mut v = Visit::start(VisitId(1), UserId(1), now);
        v.status = status;
        v
    }

    /// The two hidden states are decided here, from the ID and check-out
    /// times; every other status is its own stage.
    #[test]
    fn the_hidden_states_are_named() {
        let mut rejected = visit(Status::Rejected);
        assert_eq!(rejected.stage(), Stage::RejectedIdHeld);
        assert!(!rejected.is_closed());
        rejected.id_returned_at = Some(rejected.started_at);
        assert_eq!(rejected.stage(), Stage::Rejected);
        assert!(rejected.is_closed());

        let mut inside = visit(Status::Inside);
        assert_eq!(inside.stage(), Stage::Inside);
        inside.checkout_started_at = Some(inside.started_at);
        assert_eq!(inside.stage(), Stage::CheckingOut);
        assert!(!inside.is_closed());

        for (status, stage) in [
            (Status::Draft, Stage::Draft),
            (Status::Review, Stage::Review),
            (Status::AwaitingApproval, Stage::AwaitingApproval),
            (Status::Approved, Stage::Approved),
            (Status::Cancelled, Stage::Cancelled),
            (Status::CheckedOut, Stage::CheckedOut),
            (Status::Archived, Stage::Archived),
        ] {
            assert_eq!(visit(status).stage(), stage);
            assert_eq!(stage.is_closed(), status.is_final(), "{status:?}");
        }
    }
}
