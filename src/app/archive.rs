//! Step 7 (archive) and the read-only report of a closed visit.

use crate::domain::visit::{Command, Status, Visit};
use crate::store::EventRow;

use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{App, Effect, Screen};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// Step 7 (archive) and the read-only report of a closed visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveState {
    pub visit: Visit,
    pub events: Vec<EventRow>,
    pub scroll: u16,
}

impl super::ScreenState for ArchiveState {
    /// Step 7, read-only: archive, print, scroll.
    const KEYS: &'static [Binding] = &[
        b(Code(K::Enter), A::Confirm, true),
        b(Char('p'), A::Print, true),
        b(Char('?'), A::Help, true),
        b(Code(K::Up), A::Up, false),
        b(Code(K::Down), A::Down, false),
        b(Code(K::PageUp), A::PageUp, false),
        b(Code(K::PageDown), A::PageDown, false),
    ];

    fn key(self, _: &mut App, action: Option<Action>, _: Option<char>) -> (Screen, Vec<Effect>) {
        let mut a = self;
        match action {
            Some(Action::Confirm) if a.visit.status == Status::CheckedOut => {
                let id = a.visit.id;
                return (
                    Screen::Archive(a),
                    vec![Effect::Apply(id, Command::Archive)],
                );
            }
            Some(Action::Back) => return App::home(),
            Some(Action::Print) => {
                let id = a.visit.id;
                return (Screen::Archive(a), vec![Effect::PrintVisit(id)]);
            }
            Some(Action::Up) => a.scroll = a.scroll.saturating_sub(1),
            Some(Action::Down) => a.scroll = a.scroll.saturating_add(1),
            Some(Action::PageUp) => a.scroll = a.scroll.saturating_sub(10),
            Some(Action::PageDown) => a.scroll = a.scroll.saturating_add(10),
            _ => {}
        }
        (Screen::Archive(a), Vec::new())
    }

    fn visit(&self) -> Option<&Visit> {
        Some(&self.visit)
    }

    /// Enter archives a visit checked out; a closed one is only read.
    fn confirms(&self, _app: &App) -> bool {
        self.visit.status == Status::CheckedOut
    }

    fn lists(&self, _app: &App) -> bool {
        true
    }

    fn pages(&self) -> bool {
        true
    }
}
