//! Step 3: the form read back before it is handed in.

use crate::domain::visit::{Command, Visit};

use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{App, Effect, LineInput, Overlay, Prompt, Screen};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// Step 3: a visit shown read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewState {
    pub visit: Visit,
}

impl super::ScreenState for ReviewState {
    /// Read-only: hand in, edit or cancel.
    const KEYS: &'static [Binding] = &[
        b(Code(K::Enter), A::Confirm, true),
        b(Char('e'), A::EditForm, true),
        b(Char('x'), A::CancelVisit, true),
        b(Char('?'), A::Help, true),
    ];
    const TICKS: bool = true;

    fn key(self, app: &mut App, action: Option<Action>, _: Option<char>) -> (Screen, Vec<Effect>) {
        let r = self;
        let id = r.visit.id;
        match action {
            Some(Action::Confirm) => (Screen::Review(r), vec![Effect::Apply(id, Command::Submit)]),
            Some(Action::EditForm) => (
                Screen::Review(r),
                vec![Effect::Apply(id, Command::EditForm)],
            ),
            Some(Action::CancelVisit) => {
                app.overlay = Some(Overlay::Prompt(Prompt {
                    visit: id,
                    value: LineInput::new(300),
                    error: None,
                }));
                (Screen::Review(r), Vec::new())
            }
            Some(Action::Back) => App::home(),
            _ => (Screen::Review(r), Vec::new()),
        }
    }

    fn visit(&self) -> Option<&Visit> {
        Some(&self.visit)
    }
}
