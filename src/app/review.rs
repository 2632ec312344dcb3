//! Step 3: the form read back before it is handed in; and after a
//! rejection, the ID given back.

use crate::domain::visit::{Command, Visit};

use super::keymap::Action;
use super::{App, Effect, LineInput, Overlay, Prompt, Screen};

/// Step 3 (and the ID return after a rejection): a visit shown read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewState {
    pub visit: Visit,
}

impl App {
    pub(super) fn review_key(
        &mut self,
        r: ReviewState,
        action: Option<Action>,
    ) -> (Screen, Vec<Effect>) {
        let id = r.visit.id;
        match action {
            Some(Action::Confirm) => (Screen::Review(r), vec![Effect::Apply(id, Command::Submit)]),
            Some(Action::EditForm) => (
                Screen::Review(r),
                vec![Effect::Apply(id, Command::EditForm)],
            ),
            Some(Action::CancelVisit) => {
                self.overlay = Some(Overlay::Prompt(Prompt {
                    visit: id,
                    value: LineInput::new(300),
                    error: None,
                }));
                (Screen::Review(r), Vec::new())
            }
            Some(Action::Back) => Self::home(),
            _ => (Screen::Review(r), Vec::new()),
        }
    }

    /// After a rejection: Enter records the ID given back.
    pub(super) fn return_id_key(r: ReviewState, action: Option<Action>) -> (Screen, Vec<Effect>) {
        match action {
            Some(Action::Confirm) => {
                let id = r.visit.id;
                (
                    Screen::ReturnId(r),
                    vec![Effect::Apply(id, Command::ReturnId)],
                )
            }
            Some(Action::Back) => Self::home(),
            _ => (Screen::ReturnId(r), Vec::new()),
        }
    }
}
