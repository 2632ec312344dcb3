//! Where a visit is in the SOP: the stored status, its name in the
//! database, the step it is at, and whether it is read-only. How a visit
//! moves from one status to another is [`super::visit::Visit::apply`]; the
//! finer places screens show are [`super::stage::Stage`].

use super::step::Step;

/// Where a visit is in the SOP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Step 2: the form is being filled in.
    Draft,
    /// Step 3: the operator reviews the completed form before submitting.
    Review,
    /// Step 4: waiting for the supervisor's decision.
    AwaitingApproval,
    /// Approved, waiting for badge and escort.
    Approved,
    /// Not approved. The ID goes back to the visitor (see `id_returned_at`).
    Rejected,
    /// Cancelled before entry; the ID went back.
    Cancelled,
    /// Step 5: in the server room with a badge and an escort.
    Inside,
    /// Step 6 done: out, badge and ID exchanged, checklist answered.
    CheckedOut,
    /// Step 7: the form is archived; read-only.
    Archived,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Draft,
        Status::Review,
        Status::AwaitingApproval,
        Status::Approved,
        Status::Rejected,
        Status::Cancelled,
        Status::Inside,
        Status::CheckedOut,
        Status::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::AwaitingApproval => "awaiting_approval",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Cancelled => "cancelled",
            Status::Inside => "inside",
            Status::CheckedOut => "checked_out",
            Status::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The SOP step a visit in this state is at.
    pub fn step(self) -> Step {
        match self {
            Status::Draft => Step::Form,
            Status::Review => Step::Submit,
            Status::AwaitingApproval | Status::Rejected | Status::Cancelled => Step::Decide,
            Status::Approved | Status::Inside => Step::Inside,
            Status::CheckedOut | Status::Archived => Step::Archive,
        }
    }

    /// Read-only states: nothing but a supervisor's correction event.
    pub fn is_final(self) -> bool {
        match self {
            Status::Archived | Status::Cancelled => true,
            Status::Rejected => false, // until the ID is returned; see `Visit::is_closed`
            Status::Draft
            | Status::Review
            | Status::AwaitingApproval
            | Status::Approved
            | Status::Inside
            | Status::CheckedOut => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::Role;

    #[test]
    fn status_names_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("nope"), None);
        assert_eq!(Role::parse("supervisor"), Some(Role::Supervisor));
    }
}
