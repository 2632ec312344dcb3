//! Typed reasons the screens show: what is wrong, what was done, why a
//! step was not recorded. The app holds these, never sentences; the words
//! are `text::reasons` (both languages), chosen only when drawing.

use super::{AccountChange, DisableRefusal};
use crate::domain::fields::FieldError;
use crate::store::{PinCheck, StoreProblem};

/// Why a screen cannot go on yet: shown on the line under its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A typed value is not valid.
    Field(FieldError),
    /// A PIN was refused by the store.
    Pin(PinRefusal),
    /// A reason (cancel, reject) must be typed.
    ReasonRequired,
    /// The badge picked is out with another visit or lost.
    BadgeTaken(crate::domain::badge::BadgeNo),
    /// Step 5: the badge belongs to another door (`visit.door_badges`).
    BadgeOtherDoor {
        badge: crate::domain::badge::BadgeNo,
        door: String,
    },
    /// Step 5 needs a badge and an escort.
    BadgeEscortRequired,
    /// Step 6: the badge handed back must be typed.
    BadgeReturnedRequired,
    /// Step 6: the ID must be given back.
    IdReturnRequired,
    /// Checklist item `n` (from 1) has no answer yet.
    ChecklistUnanswered(usize),
    /// Checklist item `n` (from 1) is "not OK" without a note.
    NoteRequired(usize),
    /// The badge handed back is not the one issued: the next Enter
    /// records it lost.
    BadgeMismatch {
        given: crate::domain::badge::BadgeNo,
        issued: Option<crate::domain::badge::BadgeNo>,
    },
}

/// Why a PIN was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRefusal {
    Wrong { failures: u32, wait_secs: i64 },
    TooSoon { wait_secs: i64 },
    Locked,
    Disabled,
}

impl PinRefusal {
    /// The refusal in a PIN check; `None` when the PIN was accepted.
    pub fn of(check: &PinCheck) -> Option<PinRefusal> {
        match check {
            PinCheck::Ok(_) => None,
            PinCheck::Wrong {
                failures,
                wait_secs,
            } => Some(PinRefusal::Wrong {
                failures: *failures,
                wait_secs: *wait_secs,
            }),
            PinCheck::TooSoon { wait_secs } => Some(PinRefusal::TooSoon {
                wait_secs: *wait_secs,
            }),
            PinCheck::Locked => Some(PinRefusal::Locked),
            PinCheck::Disabled => Some(PinRefusal::Disabled),
        }
    }
}

/// The line under the accounts list: what was done, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountNote {
    Created { name: String },
    Changed { change: AccountChange, name: String },
    NotLocked { name: String },
    Refused { why: DisableRefusal, name: String },
}

/// Why a step was not recorded: the error box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The store refused or failed.
    Store(StoreProblem),
    /// A PIN was refused where no screen asked for it.
    Pin(PinRefusal),
    /// The document could not be printed or saved.
    Document { printing: bool },
    /// A badge to put back into the pool was not recorded lost.
    BadgeNotLost(crate::domain::badge::BadgeNo),
}
