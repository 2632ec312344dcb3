//! Supervisors: one day's visits, a page at a time, with the day's review.

use chrono::NaiveDate;

use crate::domain::fields::sanitize;
use crate::domain::visit::{Status, Time};
use crate::store::{DayReview, VisitSummary};

use super::desk::select;
use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{
    Accepts, App, CountsState, Effect, LineInput, PAGE_SIZE, Screen, SearchState, month_start,
};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// Which visits of the day the log shows: the store's filter itself.
pub use crate::store::LogFilter as LogView;

impl LogView {
    /// The order `f` cycles through.
    pub const CYCLE: [LogView; 10] = [
        LogView::All,
        LogView::Status(Status::Inside),
        LogView::Status(Status::CheckedOut),
        LogView::Status(Status::Archived),
        LogView::Status(Status::AwaitingApproval),
        LogView::Status(Status::Cancelled),
        LogView::Overstay,
        LogView::Rejected,
        LogView::ChecklistNotOk,
        LogView::BadgeLost,
    ];

    #[must_use]
    pub fn next(self) -> LogView {
        let i = LogView::CYCLE.iter().position(|v| *v == self).unwrap_or(0);
        LogView::CYCLE[(i + 1) % LogView::CYCLE.len()]
    }
}

/// Typing on the day log: a date to jump to, or the review note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogInput {
    Date { value: LineInput, error: bool },
    Review { value: LineInput },
}

/// Who reviewed a day, when, and what they noted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewMark {
    pub by_name: String,
    pub at: Time,
    pub note: String,
}

impl From<DayReview> for ReviewMark {
    fn from(r: DayReview) -> Self {
        ReviewMark {
            by_name: r.by_name,
            at: r.at,
            note: r.note,
        }
    }
}

/// One day of visits, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayLogState {
    pub day: NaiveDate,
    pub view: LogView,
    pub newest_first: bool,
    /// First row of the page shown.
    pub offset: u32,
    pub rows: Vec<VisitSummary>,
    /// Rows matching the filter on the whole day.
    pub total: u32,
    pub selected: usize,
    pub review: Option<ReviewMark>,
    pub input: Option<LogInput>,
    /// The rows are for this state (false until the shell answered).
    pub loaded: bool,
    /// Only the visits started at this door (`None`: all doors).
    pub door: Option<String>,
    /// The doors visits were started at, as last loaded (`d` cycles them).
    pub doors: Vec<String>,
}

impl DayLogState {
    pub fn new(day: NaiveDate) -> DayLogState {
        DayLogState {
            day,
            view: LogView::All,
            newest_first: false,
            offset: 0,
            rows: Vec::new(),
            total: 0,
            selected: 0,
            review: None,
            input: None,
            loaded: false,
            door: None,
            doors: Vec::new(),
        }
    }

    pub fn query(&self) -> Effect {
        Effect::LoadDayLog {
            day: self.day,
            view: self.view,
            newest_first: self.newest_first,
            offset: self.offset,
            door: self.door.clone(),
        }
    }

    /// The next door filter: all doors, then each door in turn.
    fn next_door(&mut self) {
        self.door = match &self.door {
            None => self.doors.first().cloned(),
            Some(d) => self
                .doors
                .iter()
                .position(|x| x == d)
                .and_then(|i| self.doors.get(i + 1))
                .cloned(),
        };
    }

    /// Start again at the first page (after a change of day, filter or order).
    fn first_page(&mut self) -> Effect {
        self.offset = 0;
        self.selected = 0;
        self.loaded = false;
        self.query()
    }
}

impl App {
    pub(super) fn day_log_input(
        mut s: DayLogState,
        input: LogInput,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        // Enter opens a visit on the list; here it confirms what was typed.
        let action = if action == Some(Action::Open) {
            Some(Action::Confirm)
        } else {
            action
        };
        match (input, action) {
            (_, Some(Action::Back)) => (Screen::DayLog(s), Vec::new()),
            (LogInput::Date { value, .. }, Some(Action::Confirm)) => {
                if let Some(day) = crate::format::parse_date(value.value()) {
                    s.day = day;
                    let effect = s.first_page();
                    (Screen::DayLog(s), vec![effect])
                } else {
                    s.input = Some(LogInput::Date { value, error: true });
                    (Screen::DayLog(s), Vec::new())
                }
            }
            (LogInput::Review { value }, Some(Action::Confirm)) => {
                let note = sanitize(value.value(), 300);
                let day = s.day;
                (Screen::DayLog(s), vec![Effect::MarkReviewed { day, note }])
            }
            (LogInput::Date { mut value, .. }, _) => {
                value.key(action, ch);
                s.input = Some(LogInput::Date {
                    value,
                    error: false,
                });
                (Screen::DayLog(s), Vec::new())
            }
            (LogInput::Review { mut value }, _) => {
                value.key(action, ch);
                s.input = Some(LogInput::Review { value });
                (Screen::DayLog(s), Vec::new())
            }
        }
    }

    /// A page of the day log (ignored if the screen moved on meanwhile).
    pub fn on_day_log(
        &mut self,
        query: &Effect,
        rows: Vec<VisitSummary>,
        total: u32,
        review: Option<ReviewMark>,
    ) {
        if let Screen::DayLog(s) = &mut self.screen
            && s.query() == *query
        {
            s.rows = rows;
            s.total = total;
            s.review = review;
            s.selected = s.selected.min(s.rows.len().saturating_sub(1));
            s.loaded = true;
        }
    }

    /// The day was marked reviewed.
    pub fn on_day_reviewed(&mut self, day: NaiveDate) {
        self.unreviewed.retain(|d| *d != day);
    }
}

impl super::ScreenState for DayLogState {
    /// Most used first: the footer drops hints from the end.
    const KEYS: &'static [Binding] = &[
        b(Code(K::Left), A::Left, true),
        b(Code(K::Right), A::Right, false),
        b(Code(K::Enter), A::Open, true),
        b(Char('r'), A::MarkReviewed, true),
        b(Char('c'), A::Counts, true),
        b(Char('/'), A::Search, true),
        b(Char('p'), A::Print, true),
        b(Char('f'), A::Filter, true),
        b(Char('d'), A::Door, true),
        b(Char('o'), A::SortOrder, true),
        b(Char('g'), A::GoToDate, true),
        b(Char('t'), A::Today, true),
        b(Code(K::PageDown), A::PageDown, true),
        b(Char('?'), A::Help, true),
        b(Char('k'), A::Up, false),
        b(Char('j'), A::Down, false),
    ];

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut s = self;
        if let Some(input) = s.input.take() {
            return App::day_log_input(s, input, action, ch);
        }
        let effect = match action {
            Some(Action::Back) => return App::home(),
            Some(Action::Up | Action::Down) => {
                select(&mut s.selected, s.rows.len(), action);
                None
            }
            Some(Action::Left) => {
                s.day = s.day.pred_opt().unwrap_or(s.day);
                Some(s.first_page())
            }
            Some(Action::Right) => {
                s.day = s.day.succ_opt().unwrap_or(s.day);
                Some(s.first_page())
            }
            Some(Action::Today) => {
                s.day = app.today();
                Some(s.first_page())
            }
            Some(Action::SortOrder) => {
                s.newest_first = !s.newest_first;
                Some(s.first_page())
            }
            Some(Action::Filter) => {
                s.view = s.view.next();
                Some(s.first_page())
            }
            Some(Action::Door) if !s.doors.is_empty() => {
                s.next_door();
                Some(s.first_page())
            }
            Some(Action::PageDown) if s.offset + PAGE_SIZE < s.total => {
                s.offset += PAGE_SIZE;
                s.selected = 0;
                Some(s.query())
            }
            Some(Action::PageUp) if s.offset > 0 => {
                s.offset = s.offset.saturating_sub(PAGE_SIZE);
                s.selected = 0;
                Some(s.query())
            }
            Some(Action::GoToDate) => {
                s.input = Some(LogInput::Date {
                    value: LineInput::new(10).accepting(Accepts::Date),
                    error: false,
                });
                None
            }
            Some(Action::MarkReviewed) => {
                s.input = Some(LogInput::Review {
                    value: LineInput::new(300),
                });
                None
            }
            Some(Action::Open) => s
                .rows
                .get(s.selected)
                .map(|r| Effect::OpenDetail(r.visit.id)),
            Some(Action::Print) => Some(Effect::PrintDay(s.day, s.door.clone())),
            Some(Action::Counts) => {
                let day = s.day;
                let counts = CountsState {
                    day,
                    door: s.door.clone(),
                    month: month_start(day),
                    day_stats: None,
                    month_stats: None,
                    scroll: 0,
                    back: Box::new(Screen::DayLog(s)),
                };
                let effect = counts.query();
                return (Screen::Counts(counts), vec![effect]);
            }
            Some(Action::Search) => {
                let search = SearchState::new(Screen::DayLog(s));
                return (Screen::Search(search), Vec::new());
            }
            _ => None,
        };
        (Screen::DayLog(s), effect.into_iter().collect())
    }

    fn typing(&self) -> bool {
        self.input.is_some()
    }

    fn query(&self) -> Option<Effect> {
        Some(DayLogState::query(self))
    }

    fn works(&self, _app: &App, action: Action) -> Option<bool> {
        match action {
            Action::Door => Some(!self.doors.is_empty()),
            Action::Open | Action::CancelVisit => Some(!self.rows.is_empty()),
            _ => None,
        }
    }

    fn confirms(&self, _app: &App) -> bool {
        self.input.is_some()
    }

    fn choosing(&self) -> bool {
        self.input.is_none()
    }

    fn lists(&self, _app: &App) -> bool {
        self.rows.len() > 1
    }

    fn pages(&self) -> bool {
        self.offset > 0 || self.offset + PAGE_SIZE < self.total
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::app::fixtures::{app, key};
    use crate::domain::visit::Role;

    /// The door a day-log query asks for: "*" for all doors, "" for no query.
    fn door_of(effects: &[Effect]) -> String {
        match effects {
            [Effect::LoadDayLog { door, .. }] => door.clone().unwrap_or_else(|| "*".into()),
            _ => String::new(),
        }
    }

    #[test]
    fn d_cycles_the_doors_then_all_and_counts_keep_the_door() {
        let mut a = app(Role::Supervisor);
        let effects = key(&mut a, KeyCode::Char('l'));
        assert_eq!(door_of(&effects), "*");
        let Some(Effect::LoadDayLog { .. }) = effects.first().cloned() else {
            panic!("{effects:?}")
        };
        // No door named yet: d does nothing.
        assert!(key(&mut a, KeyCode::Char('d')).is_empty());
        let query = match &a.screen {
            Screen::DayLog(s) => s.query(),
            other => panic!("{other:?}"),
        };
        a.update(
            super::super::Msg::Answer(super::super::Answer::DayLog {
                query,
                rows: Vec::new(),
                total: 0,
                review: None,
                doors: vec!["Pintu Selatan".into(), "Pintu Utara".into()],
            }),
            crate::app::fixtures::now(),
        );
        let d = |a: &mut App| door_of(&key(a, KeyCode::Char('d')));
        assert_eq!(d(&mut a), "Pintu Selatan");
        assert_eq!(d(&mut a), "Pintu Utara");
        assert_eq!(d(&mut a), "*");
        assert_eq!(d(&mut a), "Pintu Selatan");
        // The counts opened from here count that door.
        let effects = key(&mut a, KeyCode::Char('c'));
        assert!(
            matches!(&effects[..], [Effect::LoadCounts { door: Some(d), .. }] if d == "Pintu Selatan"),
            "{effects:?}"
        );
    }
}
