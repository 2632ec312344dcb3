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

impl super::ScreenState for ReturnIdState {
    const KEYS: &'static [Binding] = &[
        b(Code(K::Enter), A::Confirm, true),
        b(Char('?'), A::Help, true),
    ];

    /// After a rejection: Enter records the ID given back.
    fn key(self, _: &mut App, action: Option<Action>, _: Option<char>) -> (Screen, Vec<Effect>) {
        let r = self;
        match action {
            Some(Action::Confirm) => {
                let id = r.visit.id;
                (
                    Screen::ReturnId(r),
                    vec![Effect::Apply(id, Command::ReturnId)],
                )
            }
            Some(Action::Back) => App::home(),
            _ => (Screen::ReturnId(r), Vec::new()),
        }
    }

    fn visit(&self) -> Option<&Visit> {
        Some(&self.visit)
    }
}
