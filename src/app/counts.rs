//! Counts of the day shown and of a month.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::desk::scroll;
use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{App, Effect, Screen};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// Counts of the visits of the day shown and of a month: the store's
/// answer as it is.
pub use crate::store::RangeStats as Stats;

/// The first day of the month of `d`.
pub fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The last day of the month of `d`.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    month_start(d)
        .checked_add_months(Months::new(1))
        .and_then(|n| n.checked_sub_days(Days::new(1)))
        .unwrap_or(d)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountsState {
    pub day: NaiveDate,
    /// Only the visits started at this door (`None`: all doors).
    pub door: Option<String>,
    /// The first day of the month counted.
    pub month: NaiveDate,
    pub day_stats: Option<Stats>,
    pub month_stats: Option<Stats>,
    pub scroll: u16,
    pub back: Box<Screen>,
}

impl CountsState {
    pub fn query(&self) -> Effect {
        Effect::LoadCounts {
            day: self.day,
            month: self.month,
            door: self.door.clone(),
        }
    }
}

impl App {
    pub fn on_counts(&mut self, query: &Effect, day: Stats, month: Stats) {
        if let Screen::Counts(c) = &mut self.screen
            && c.query() == *query
        {
            c.day_stats = Some(day);
            c.month_stats = Some(month);
        }
    }
}

impl super::ScreenState for CountsState {
    /// ← → a month back or on; ↑ ↓ scroll.
    const KEYS: &'static [Binding] = &[
        b(Code(K::Left), A::Left, true),
        b(Code(K::Right), A::Right, false),
        b(Code(K::Down), A::Down, true),
        b(Char('?'), A::Help, true),
    ];

    fn key(self, app: &mut App, action: Option<Action>, _: Option<char>) -> (Screen, Vec<Effect>) {
        let mut c = self;
        let month = match action {
            Some(Action::Back) => return app.back_to(*c.back),
            Some(Action::Left) => c.month.checked_sub_months(Months::new(1)),
            Some(Action::Right) => c.month.checked_add_months(Months::new(1)),
            _ => {
                scroll(&mut c.scroll, action);
                None
            }
        };
        match month {
            Some(m) => {
                c.month = m;
                c.month_stats = None;
                let effect = c.query();
                (Screen::Counts(c), vec![effect])
            }
            None => (Screen::Counts(c), Vec::new()),
        }
    }

    fn query(&self) -> Option<Effect> {
        Some(CountsState::query(self))
    }

    fn confirms(&self, _app: &App) -> bool {
        false
    }

    fn choosing(&self) -> bool {
        true
    }

    fn lists(&self, _app: &App) -> bool {
        true
    }

    fn pages(&self) -> bool {
        true
    }
}
