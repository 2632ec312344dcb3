//! What went wrong in storage, as typed data the kiosk can hold and
//! compare: the [`StoreError`] without its sources (an I/O or `SQLite`
//! error cannot be cloned). The kiosk's words for it are
//! `text::store_errors`; the error's English `Display` is for the log.

use std::path::PathBuf;

use super::{DbFault, Refusal, StoreError};
use crate::domain::fields::FieldError;
use crate::domain::visit::TransitionError;

/// A [`StoreError`] by kind, with the data its sentence names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreProblem {
    CreateDir { path: PathBuf },
    TooNew,
    Head { path: PathBuf },
    UpgradeCopy { path: PathBuf },
    Key { path: PathBuf },
    Db(DbFault),
    Transition(TransitionError),
    NoVisit(i64),
    NoUser(String),
    BadgeTaken(crate::domain::badge::BadgeNo),
    DuplicateNip(String),
    Refused(Box<Refusal>),
    DraftLocked,
    TeamStep(i64),
    TeamChanged(i64),
    WeakPin(FieldError),
    Hash,
    NoWatch(i64),
    WatchUnconfirmed(usize),
    NoPlan(i64),
    PlanClosed(i64),
}

impl From<&StoreError> for StoreProblem {
    fn from(e: &StoreError) -> Self {
        use StoreError as E;
        match e {
            E::CreateDir { path, .. } => StoreProblem::CreateDir { path: path.clone() },
            E::TooNew { .. } => StoreProblem::TooNew,
            E::Head { path, .. } => StoreProblem::Head { path: path.clone() },
            E::UpgradeCopy { path, .. } => StoreProblem::UpgradeCopy { path: path.clone() },
            E::Key { path, .. } => StoreProblem::Key { path: path.clone() },
            E::Sql(_) | E::Open { .. } => StoreProblem::Db(e.db_fault().unwrap_or(DbFault::Other)),
            E::Transition(t) => StoreProblem::Transition(t.clone()),
            E::NoVisit(n) => StoreProblem::NoVisit(*n),
            E::NoUser(who) => StoreProblem::NoUser(who.clone()),
            E::BadgeTaken(b) => StoreProblem::BadgeTaken(b.clone()),
            E::DuplicateNip(n) => StoreProblem::DuplicateNip(n.clone()),
            E::Refused(r) => StoreProblem::Refused(r.clone()),
            E::DraftLocked => StoreProblem::DraftLocked,
            E::TeamStep(n) => StoreProblem::TeamStep(*n),
            E::TeamChanged(n) => StoreProblem::TeamChanged(*n),
            E::WeakPin(f) => StoreProblem::WeakPin(f.clone()),
            E::Hash(_) => StoreProblem::Hash,
            E::NoWatch(n) => StoreProblem::NoWatch(*n),
            E::WatchUnconfirmed(n) => StoreProblem::WatchUnconfirmed(*n),
            E::NoPlan(n) => StoreProblem::NoPlan(*n),
            E::PlanClosed(n) => StoreProblem::PlanClosed(*n),
        }
    }
}
