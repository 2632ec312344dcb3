//! Step 7 (archive) and the read-only report of a closed visit.

use crate::domain::visit::{Command, Status, Visit};
use crate::store::EventRow;

use super::keymap::Action;
use super::{App, Effect, Screen};

/// Step 7 (archive) and the read-only report of a closed visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveState {
    pub visit: Visit,
    pub events: Vec<EventRow>,
    pub scroll: u16,
}

impl App {
    pub(super) fn archive_key(
        mut a: ArchiveState,
        action: Option<Action>,
    ) -> (Screen, Vec<Effect>) {
        match action {
            Some(Action::Confirm) if a.visit.status == Status::CheckedOut => {
                let id = a.visit.id;
                return (
                    Screen::Archive(a),
                    vec![Effect::Apply(id, Command::Archive)],
                );
            }
            Some(Action::Back) => return Self::home(),
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
}
