//! Boxes over the screen: help, errors, notices, the cancel reason, the
//! exit PIN, leaving the setup. What they hold and what keys do in them.

use ratatui::crossterm::event::KeyEvent;

use crate::domain::fields::{Pin, sanitize};
use crate::domain::visit::{Command, Status, VisitId};
use crate::store::{LastChange, Refusal};

use super::keymap::Action;
use super::{App, DisableRefusal, Effect, Failure, LineInput, PinPrompt, Problem};

/// A box drawn over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// A step could not be recorded: says so and what to do.
    Error(Failure),
    /// A line of text asked for before an effect, e.g. a cancel reason.
    Prompt(Prompt),
    /// A supervisor PIN asked for before leaving the kiosk.
    ExitPin(PinPrompt),
    /// Something told in words chosen by `ui/`; any key closes it, and
    /// does nothing else.
    Told(Notice),
    /// Esc on the first-run setup: close the program (Enter) or stay.
    LeaveSetup,
}

/// What a console is told about the record changing under it. Typed: the
/// words are `ui/`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// This console's step lost to another console's and was not recorded.
    Refused(Refusal),
    /// The visit the next key would act on was changed at another console
    /// since the screen was drawn; the key that closes this notice does
    /// nothing else.
    ChangedElsewhere {
        visit: VisitId,
        last: Option<LastChange>,
    },
    /// The print command failed (`error`, its own words); whatever step
    /// was taken is saved, and the document was saved to `saved` instead.
    PrintFailed {
        error: String,
        saved: std::path::PathBuf,
    },
    /// `x` on a visit past the point where it can be cancelled (a visitor
    /// inside must check out; a rejected visitor gets the ID back).
    NotCancellable { name: String, status: Status },
    /// The first supervisor account was made: sign in.
    SetupDone { name: String },
    /// A supervisor's key pressed by an operator.
    SupervisorOnly,
    /// The visitor refused the privacy notice: the visit was cancelled;
    /// the ID goes back.
    PrivacyRefused(VisitId),
    /// A document went to the print command.
    Printed { command: String },
    /// A document was saved (no print command set).
    Saved { path: std::path::PathBuf },
    /// A supervisor's correction was recorded.
    CorrectionRecorded(VisitId),
    /// A found badge is back in the pool.
    BadgeRestored(crate::domain::badge::BadgeNo),
    /// A change to an account was refused before it reached the store.
    AccountRefused { why: DisableRefusal, name: String },
    /// A planned visit was not recorded as pre-approved: it waits for the
    /// supervisor's decision.
    NotPreApproved(NotPreApproved),
}

/// Why a planned visit's step 4 was not recorded as pre-approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPreApproved {
    /// What the plan lacked.
    Plan(crate::domain::plan::PlanRefusal),
    /// The visitor matches the watchlist: always decided at the approval.
    Watched,
}

/// What a typed reason is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub visit: VisitId,
    pub value: LineInput,
    pub error: Option<Problem>,
}

impl App {
    pub(super) fn on_overlay_key(
        &mut self,
        overlay: Overlay,
        key: &KeyEvent,
        ch: Option<char>,
    ) -> Vec<Effect> {
        let action = super::keymap::lookup_overlay(key);
        match overlay {
            Overlay::Help | Overlay::Error(_) | Overlay::Told(_) => Vec::new(),
            Overlay::LeaveSetup => {
                // Nothing was created: the setup comes back at the next start.
                self.quit = action == Some(Action::Confirm);
                Vec::new()
            }
            Overlay::Prompt(mut p) => match action {
                Some(Action::Back) => Vec::new(),
                Some(Action::Confirm) => {
                    let reason = sanitize(p.value.value(), 300);
                    if reason.is_empty() {
                        p.error = Some(Problem::ReasonRequired);
                        self.overlay = Some(Overlay::Prompt(p));
                        Vec::new()
                    } else {
                        vec![Effect::Apply(p.visit, Command::Cancel { reason })]
                    }
                }
                _ => {
                    p.value.key(action, ch);
                    self.overlay = Some(Overlay::Prompt(p));
                    Vec::new()
                }
            },
            Overlay::ExitPin(mut p) => match action {
                Some(Action::Back) => Vec::new(),
                Some(Action::Confirm) => match (p.chosen(), Pin::entered(&p.pin.take())) {
                    (Some(id), Ok(pin)) => {
                        self.overlay = Some(Overlay::ExitPin(p));
                        vec![Effect::ExitPin {
                            supervisor: id,
                            pin,
                        }]
                    }
                    (Some(_), Err(e)) => {
                        p.message = Some(Problem::Field(e));
                        self.overlay = Some(Overlay::ExitPin(p));
                        Vec::new()
                    }
                    (None, _) => Vec::new(),
                },
                _ => {
                    p.key(action, ch);
                    self.overlay = Some(Overlay::ExitPin(p));
                    Vec::new()
                }
            },
        }
    }
}
