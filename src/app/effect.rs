//! The messages into the app and the work it hands the shell.

use ratatui::crossterm::event::KeyEvent;

use crate::domain::fields::{Nip, PersonName, Pin};
use crate::domain::visit::{CheckoutDraft, Command, FormDraft, Role, UserId, VisitId};
use crate::store::NewUser;

use super::Answer;
use super::{KeyTarget, LogView};

/// Something that happened: a key, a paste, a clock tick, the store's
/// answer to an effect, another console's change.
#[derive(Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "one message at a time, moved once into update"
)]
pub enum Msg {
    Key(KeyEvent),
    /// A bracketed paste: text for the field in focus, never keys.
    Paste(String),
    /// Once a second while a timer is on screen (and before leaving).
    Tick,
    /// The minute changed: the clock on screen moves on.
    Clock,
    /// The terminal's size (at start and on every resize).
    Resize(u16, u16),
    /// The database changed (another console, or this one, committed).
    DatabaseChanged,
    /// What the store answered to an effect.
    Answer(Answer),
}

/// Work for the shell: each runs against the store, then the shell calls
/// back into the app with the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Reload the dashboard and account lists.
    Reload,
    CreateUser {
        user: NewUserInput,
        first: bool,
    },
    SignIn {
        user: UserId,
        pin: Pin,
    },
    SignOut,
    NewVisit,
    SaveDraft(VisitId, FormDraft),
    /// Save the check-out as typed so far (no event).
    SaveCheckoutDraft(VisitId, CheckoutDraft),
    /// Apply a command as the operator on duty.
    Apply(VisitId, Command),
    /// Check a supervisor's PIN, then apply the command as that supervisor.
    Decide {
        visit: VisitId,
        supervisor: UserId,
        pin: Pin,
        cmd: Command,
    },
    /// Teams: a new member of the leader's team (step 1 for them), then
    /// their form.
    NewMember(VisitId),
    /// Teams: the form of the leader and of every member, completed
    /// together (the leader's first); one transaction, or nothing.
    ApplyTeam(Vec<(VisitId, Command)>),
    /// Teams: the members of a closed visit on screen, by name.
    LoadTeam(VisitId),
    /// Load a visit and go to the screen of its step. It carries the state
    /// the row was drawn in: if the visit moved on since, it is shown with
    /// a notice and nothing is started (no check-out begun).
    OpenVisit(KeyTarget),
    /// Read the visit on screen again (another console may have moved it on).
    RefreshVisit(VisitId),
    /// Check a supervisor's PIN to leave the kiosk.
    ExitPin {
        supervisor: UserId,
        pin: Pin,
    },
    /// Enable an account, or read the accounts again before disabling
    /// one (never deleted).
    SetUserActive {
        user: UserId,
        active: bool,
    },
    /// Disable an account, checked against fresh accounts.
    DisableUser(UserId),
    UnlockUser(UserId),
    ResetPin {
        user: UserId,
        pin: Pin,
    },
    /// A page of one day's visits, with the day's review mark.
    LoadDayLog {
        day: chrono::NaiveDate,
        view: LogView,
        newest_first: bool,
        offset: u32,
        /// Only the visits started at this door (`None`: all doors).
        door: Option<String>,
    },
    MarkReviewed {
        day: chrono::NaiveDate,
        note: String,
    },
    /// Counts of a day and of a month (its first day).
    LoadCounts {
        day: chrono::NaiveDate,
        month: chrono::NaiveDate,
        /// Only the visits started at this door (`None`: all doors).
        door: Option<String>,
    },
    /// Visits by name, ID number or organisation, newest first.
    Search {
        query: String,
        offset: u32,
    },
    /// A visit in full (read-only), from a list.
    OpenDetail(VisitId),
    LoadEndOfShift,
    /// Print or save documents.
    PrintVisit(VisitId),
    /// The day's visitor report, of one door (`Some`) or all.
    PrintDay(chrono::NaiveDate, Option<String>),
    PrintEndOfShift,
    /// A supervisor puts a found badge back into the pool.
    RestoreBadge(crate::domain::badge::BadgeNo),
    /// A supervisor adds a watchlist entry.
    AddWatch(crate::domain::watchlist::NewWatch),
    /// A supervisor removes a watchlist entry.
    RemoveWatch(crate::domain::watchlist::WatchId),
    /// Step 1 from a plan: a new visit for one of its visitors, prefilled.
    StartPlanned {
        plan: crate::domain::plan::PlanId,
        visitor: usize,
    },
    /// A supervisor registers a plan; with their PIN it is pre-approved.
    AddPlan {
        plan: crate::domain::plan::NewPlan,
        pin: Option<Pin>,
    },
    CancelPlan(crate::domain::plan::PlanId),
    /// Step 4 of a submitted planned visit, as pre-approved by its plan.
    PreApprove(VisitId),
    /// A returning visitor: the earlier visits of a whole NIK.
    FindReturning {
        visit: VisitId,
        id_number: String,
    },
    /// Names seen before that start with what is typed.
    FindNames {
        visit: VisitId,
        prefix: String,
    },
    /// A supervisor's correction to a visit: an audit event with a reason.
    AddCorrection {
        visit: VisitId,
        reason: String,
    },
    /// Ring the terminal bell (written through the terminal backend).
    Bell,
    /// Run the command configured for this kind of alert, in the
    /// background, given only the visit number and the step.
    RunHook {
        kind: super::AlertKind,
        visit: VisitId,
        /// The door the visit started at (not personal data).
        door: String,
    },
}

/// A new account as typed (already validated; the PIN never shown by `Debug`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUserInput {
    pub name: String,
    pub nip: String,
    pub role: Role,
    pub pin: Pin,
}

impl NewUserInput {
    pub fn parse(&self) -> Option<NewUser> {
        Some(NewUser {
            name: PersonName::try_from(self.name.as_str()).ok()?,
            nip: Nip::try_from(self.nip.as_str()).ok()?,
            role: self.role,
            pin: self.pin.clone(),
        })
    }
}
