//! End of shift: what is not accounted for (the evacuation roll-call);
//! a found badge put back into the pool.

use super::desk::scroll;
use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{App, Effect, LineInput, Notice, Overlay, Screen};
use crate::domain::badge::BadgeNo;
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// What is not accounted for, as last loaded: the store's answer as it is.
pub use crate::store::EndOfShift as ShiftList;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndOfShiftState {
    pub list: Option<ShiftList>,
    pub scroll: u16,
    /// A supervisor is typing the number of a lost badge that was found.
    pub restore: Option<LineInput>,
}

impl App {
    pub fn on_end_of_shift(&mut self, list: ShiftList) {
        if let Screen::EndOfShift(e) = &mut self.screen {
            e.list = Some(list);
        }
    }
}

impl super::ScreenState for EndOfShiftState {
    /// Read, print, put a found badge back (supervisors).
    const KEYS: &'static [Binding] = &[
        b(Char('p'), A::Print, true),
        b(Char('b'), A::RestoreBadge, true),
        b(Code(K::Down), A::Down, true),
        b(Char('?'), A::Help, true),
    ];

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut e = self;
        if let Some(mut typed) = e.restore.take() {
            return match action {
                Some(Action::Back) => (Screen::EndOfShift(e), Vec::new()),
                Some(Action::Confirm) if BadgeNo::try_from(typed.value()).is_ok() => {
                    let badge = BadgeNo::try_from(typed.value()).ok();
                    let effects = badge.map(Effect::RestoreBadge).into_iter().collect();
                    (Screen::EndOfShift(e), effects)
                }
                _ => {
                    typed.key(action, ch);
                    e.restore = Some(typed);
                    (Screen::EndOfShift(e), Vec::new())
                }
            };
        }
        match action {
            Some(Action::Back) => App::home(),
            Some(Action::Print) => (Screen::EndOfShift(e), vec![Effect::PrintEndOfShift]),
            Some(Action::RestoreBadge) => {
                if app.is_supervisor() {
                    e.restore = Some(LineInput::new(20));
                } else {
                    app.overlay = Some(Overlay::Told(Notice::SupervisorOnly));
                }
                (Screen::EndOfShift(e), Vec::new())
            }
            _ => {
                scroll(&mut e.scroll, action);
                (Screen::EndOfShift(e), Vec::new())
            }
        }
    }

    fn typing(&self) -> bool {
        self.restore.is_some()
    }

    fn query(&self) -> Option<Effect> {
        Some(Effect::LoadEndOfShift)
    }

    fn confirms(&self, _app: &App) -> bool {
        self.restore.is_some()
    }

    fn lists(&self, _app: &App) -> bool {
        true
    }

    fn pages(&self) -> bool {
        true
    }
}
