//! Home: the visits in progress, and the keys that start or open one.

use crate::domain::visit::Status;
use crate::store::VisitSummary;

use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{
    AccountsState, App, DayLogState, Effect, EndOfShiftState, KeyTarget, LineInput, Notice,
    Overlay, PlansState, Prompt, Screen, WatchlistState,
};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeState {
    pub selected: usize,
}

pub(super) fn can_cancel(s: Status) -> bool {
    matches!(
        s,
        Status::Draft | Status::Review | Status::AwaitingApproval | Status::Approved
    )
}

impl App {
    /// Open visits in the order the home screen lists them.
    pub fn home_rows(&self) -> Vec<&VisitSummary> {
        let rank = |s: Status| match s {
            Status::Inside => 0,
            Status::AwaitingApproval => 1,
            Status::Approved => 2,
            Status::Rejected => 3,
            Status::CheckedOut => 4,
            Status::Review => 5,
            Status::Draft => 6,
            Status::Cancelled | Status::Archived => 7,
        };
        let mut rows: Vec<&VisitSummary> = self.dashboard.open.iter().collect();
        rows.sort_by_key(|s| (rank(s.visit.status), s.visit.started_at, s.visit.id));
        rows
    }
}

impl super::ScreenState for HomeState {
    /// A list, so letters are commands.
    const KEYS: &'static [Binding] = &[
        b(Char('n'), A::NewVisit, true),
        b(Code(K::Enter), A::Open, true),
        b(Char('x'), A::CancelVisit, true),
        b(Char('u'), A::Accounts, true),
        b(Char('s'), A::SignOut, true),
        b(Char('l'), A::DayLog, true),
        b(Char('e'), A::EndOfShift, true),
        b(Char('w'), A::Watchlist, true),
        b(Char('t'), A::Plans, true),
        b(Char('q'), A::Quit, true),
        b(Char('?'), A::Help, true),
        b(Code(K::Up), A::Up, false),
        b(Code(K::Down), A::Down, false),
        b(Char('k'), A::Up, false),
        b(Char('j'), A::Down, false),
    ];
    const TICKS: bool = true;

    fn key(self, app: &mut App, action: Option<Action>, _: Option<char>) -> (Screen, Vec<Effect>) {
        let mut h = self;
        let n = app.home_rows().len();
        let selected = app.home_rows().get(h.selected).map(|s| s.visit.clone());
        let effects = match action {
            Some(Action::Up) => {
                h.selected = h.selected.saturating_sub(1);
                Vec::new()
            }
            Some(Action::Down) => {
                if h.selected + 1 < n {
                    h.selected += 1;
                }
                Vec::new()
            }
            Some(Action::NewVisit) => vec![Effect::NewVisit],
            Some(Action::Open) => selected
                .map(|v| vec![Effect::OpenVisit(KeyTarget::of(&v))])
                .unwrap_or_default(),
            Some(Action::CancelVisit) => {
                match selected {
                    Some(v) if can_cancel(v.status) => {
                        app.overlay = Some(Overlay::Prompt(Prompt {
                            visit: v.id,
                            value: LineInput::new(300),
                            error: None,
                        }));
                    }
                    // Say why, and what to do instead.
                    Some(v) => {
                        app.overlay = Some(Overlay::Told(Notice::NotCancellable {
                            name: v.form.full_name.clone(),
                            status: v.status,
                        }));
                    }
                    None => {}
                }
                Vec::new()
            }
            Some(Action::SignOut) => vec![Effect::SignOut],
            Some(Action::Quit) => app.ask_exit(),
            Some(Action::Accounts) => {
                return app.open_desk(Screen::Accounts(AccountsState::default()), true);
            }
            Some(Action::DayLog) => {
                let today = app.today();
                return app.open_desk(Screen::DayLog(DayLogState::new(today)), true);
            }
            Some(Action::Plans) => {
                return app.open_desk(Screen::Plans(PlansState::default()), false);
            }
            Some(Action::Watchlist) => {
                return app.open_desk(Screen::Watchlist(WatchlistState::default()), true);
            }
            Some(Action::EndOfShift) => {
                return app.open_desk(Screen::EndOfShift(EndOfShiftState::default()), false);
            }
            _ => Vec::new(),
        };
        (Screen::Home(h), effects)
    }

    fn works(&self, app: &App, action: Action) -> Option<bool> {
        match action {
            Action::Back => Some(false),
            Action::Open | Action::CancelVisit => Some(!app.dashboard.open.is_empty()),
            _ => None,
        }
    }

    fn confirms(&self, app: &App) -> bool {
        !app.dashboard.open.is_empty()
    }

    fn lists(&self, app: &App) -> bool {
        app.dashboard.open.len() > 1
    }
}
