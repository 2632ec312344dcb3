//! After a rejection: the ID given back to the visitor.

use crate::domain::visit::{Command, Visit};

use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{App, Effect, Screen};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// A rejected visit whose ID is still held: shown read-only until the ID
/// is given back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnIdState {
    pub visit: Visit,
}

impl App {
    /// After a rejection: Enter records the ID given back.
    fn return_id_key(r: ReturnIdState, action: Option<Action>) -> (Screen, Vec<Effect>) {
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

impl super::ScreenState for ReturnIdState {
    const KEYS: &'static [Binding] = &[
        b(Code(K::Enter), A::Confirm, true),
        b(Char('?'), A::Help, true),
    ];

    fn key(
        self,
        _app: &mut App,
        action: Option<Action>,
        _ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        App::return_id_key(self, action)
    }

    fn visit(&self) -> Option<&Visit> {
        Some(&self.visit)
    }
}
