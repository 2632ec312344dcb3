//! One visit in full, from the log or a search; a supervisor's correction.

use crate::domain::visit::Visit;
use crate::store::EventRow;

use super::desk::scroll;
use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{App, Effect, LineInput, Notice, Overlay, Screen};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// One visit in full: the form (ID unmasked), timeline, step times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailState {
    pub visit: Visit,
    pub events: Vec<EventRow>,
    pub scroll: u16,
    pub back: Box<Screen>,
    /// A supervisor is typing a correction (a new audit event, never an edit).
    pub correction: Option<LineInput>,
}

impl App {
    /// Show a visit in full. From a list, the list is kept to go back to;
    /// on the detail itself (a refresh), only the data changes.
    pub fn on_detail(&mut self, visit: Visit, events: Vec<EventRow>) {
        if let Screen::Detail(d) = &mut self.screen
            && d.visit.id == visit.id
        {
            d.visit = visit;
            d.events = events;
            return;
        }
        let back = std::mem::replace(&mut self.screen, Screen::Home(super::HomeState::default()));
        self.screen = Screen::Detail(DetailState {
            visit,
            events,
            scroll: 0,
            back: Box::new(back),
            correction: None,
        });
    }
}

impl super::ScreenState for DetailState {
    /// Read, print, correct (supervisors).
    const KEYS: &'static [Binding] = &[
        b(Char('p'), A::Print, true),
        b(Code(K::Down), A::Down, true),
        b(Char('k'), A::Correct, true),
        b(Char('?'), A::Help, true),
    ];

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut d = self;
        if let Some(mut typed) = d.correction.take() {
            return match action {
                Some(Action::Back) => (Screen::Detail(d), Vec::new()),
                Some(Action::Confirm) if !typed.value().trim().is_empty() => {
                    let visit = d.visit.id;
                    let reason = typed.value().trim().to_owned();
                    (
                        Screen::Detail(d),
                        vec![Effect::AddCorrection { visit, reason }],
                    )
                }
                _ => {
                    typed.key(action, ch);
                    d.correction = Some(typed);
                    (Screen::Detail(d), Vec::new())
                }
            };
        }
        match action {
            Some(Action::Correct) => {
                if app.is_supervisor() {
                    d.correction = Some(LineInput::new(crate::domain::visit::MAX_REASON));
                } else {
                    app.overlay = Some(Overlay::Told(Notice::SupervisorOnly));
                }
                (Screen::Detail(d), Vec::new())
            }
            Some(Action::Back) => app.back_to(*d.back),
            Some(Action::Print) => {
                let id = d.visit.id;
                (Screen::Detail(d), vec![Effect::PrintVisit(id)])
            }
            _ => {
                scroll(&mut d.scroll, action);
                (Screen::Detail(d), Vec::new())
            }
        }
    }

    fn typing(&self) -> bool {
        self.correction.is_some()
    }

    fn query(&self) -> Option<Effect> {
        Some(Effect::OpenDetail(self.visit.id))
    }

    fn confirms(&self, _app: &App) -> bool {
        self.correction.is_some()
    }

    fn lists(&self, _app: &App) -> bool {
        true
    }

    fn pages(&self) -> bool {
        true
    }
}
