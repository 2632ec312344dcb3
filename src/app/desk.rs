//! The supervisor's desk: accounts, the day log with its counts, search and
//! visit detail, and the end-of-shift list. State of each screen, what keys
//! do to it, and the answers from the shell (`on_*`).

use chrono::{Datelike, Days, Months, NaiveDate};

use super::keymap::Action;
use super::{AccountNote, App, Effect, Notice, Overlay, Screen, UserForm, edit_text};
use crate::domain::days::local_date;
use crate::domain::fields::{FieldError, Pin, sanitize};
use crate::domain::visit::{Role, Status, Time, UserId, Visit};
use crate::store::{DayReview, EventRow, User, VisitSummary};

/// Rows of the day log and of search results per page.
pub const PAGE_SIZE: u32 = 50;

/// How many unreviewed past days the dashboard looks for.
pub const UNREVIEWED_LIMIT: u32 = 30;

// ---- Accounts ----

/// The accounts screen: the list, or a form over it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountsState {
    pub selected: usize,
    pub form: Option<AccountForm>,
    /// The outcome of the last action, or why it was refused.
    pub message: Option<AccountNote>,
}

/// A form open on the accounts screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountForm {
    Add(UserForm),
    ResetPin(PinReset),
}

/// A new PIN for an account, typed twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinReset {
    pub user: UserId,
    pub name: String,
    pub pin: String,
    pub pin2: String,
    /// The focus is on the second entry.
    pub second: bool,
    pub error: Option<FieldError>,
}

/// Why an account may not be disabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisableRefusal {
    Yourself,
    LastSupervisor,
}

/// Disabling `target` would lock everyone out, or the one on duty.
pub fn disable_refusal(
    users: &[User],
    target: UserId,
    me: Option<UserId>,
) -> Option<DisableRefusal> {
    if me == Some(target) {
        return Some(DisableRefusal::Yourself);
    }
    let t = users.iter().find(|u| u.id == target)?;
    let active_supervisors = users
        .iter()
        .filter(|u| u.active && u.role == Role::Supervisor)
        .count();
    (t.active && t.role == Role::Supervisor && active_supervisors <= 1)
        .then_some(DisableRefusal::LastSupervisor)
}

/// What was done to an account, for the message after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChange {
    Disabled,
    Enabled,
    Unlocked,
    PinReset,
}

// ---- Day log ----

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
    Date { value: String, error: bool },
    Review { value: String },
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
        }
    }

    pub fn query(&self) -> Effect {
        Effect::LoadDayLog {
            day: self.day,
            view: self.view,
            newest_first: self.newest_first,
            offset: self.offset,
        }
    }

    /// Start again at the first page (after a change of day, filter or order).
    fn first_page(&mut self) -> Effect {
        self.offset = 0;
        self.selected = 0;
        self.loaded = false;
        self.query()
    }
}

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
        }
    }
}

/// Search across all days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    /// The focus is on the query (typing), not on the results.
    pub editing: bool,
    /// The query the results are for, once searched.
    pub searched: Option<String>,
    pub offset: u32,
    pub results: Vec<VisitSummary>,
    pub selected: usize,
    pub back: Box<Screen>,
}

impl SearchState {
    pub fn query_effect(&self) -> Option<Effect> {
        self.searched.as_ref().map(|q| Effect::Search {
            query: q.clone(),
            offset: self.offset,
        })
    }

    /// A full page came back: there may be more.
    pub fn may_have_more(&self) -> bool {
        self.results.len() >= PAGE_SIZE as usize
    }
}

/// One visit in full: the form (ID unmasked), timeline, step times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailState {
    pub visit: Visit,
    pub events: Vec<EventRow>,
    pub scroll: u16,
    pub back: Box<Screen>,
    /// A supervisor is typing a correction (a new audit event, never an edit).
    pub correction: Option<String>,
}

/// What is not accounted for, as last loaded: the store's answer as it is.
pub use crate::store::EndOfShift as ShiftList;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndOfShiftState {
    pub list: Option<ShiftList>,
    pub scroll: u16,
    /// A supervisor is typing the number of a lost badge that was found.
    pub restore: Option<String>,
}

fn scroll(pos: &mut u16, action: Option<Action>) {
    match action {
        Some(Action::Up) => *pos = pos.saturating_sub(1),
        Some(Action::Down) => *pos = pos.saturating_add(1),
        Some(Action::PageUp) => *pos = pos.saturating_sub(10),
        Some(Action::PageDown) => *pos = pos.saturating_add(10),
        _ => {}
    }
}

/// Move a selection within `n` rows.
fn select(selected: &mut usize, n: usize, action: Option<Action>) {
    match action {
        Some(Action::Up) => *selected = selected.saturating_sub(1),
        Some(Action::Down) if *selected + 1 < n => *selected += 1,
        _ => {}
    }
}

impl App {
    pub fn today(&self) -> NaiveDate {
        local_date(self.now, self.config.timezone)
    }

    /// The query that fills the screen on show, if it has one: run on
    /// entering it and again whenever the database changes.
    pub fn screen_query(&self) -> Option<Effect> {
        match &self.screen {
            Screen::DayLog(s) => Some(s.query()),
            Screen::Counts(s) => Some(s.query()),
            Screen::Search(s) => s.query_effect(),
            Screen::Detail(s) => Some(Effect::OpenDetail(s.visit.id)),
            Screen::EndOfShift(_) => Some(Effect::LoadEndOfShift),
            Screen::Setup(_)
            | Screen::SignIn(_)
            | Screen::Home(_)
            | Screen::Form(_)
            | Screen::Review(_)
            | Screen::Approval(_)
            | Screen::ReturnId(_)
            | Screen::Badge(_)
            | Screen::Checkout(_)
            | Screen::Archive(_)
            | Screen::Accounts(_) => None,
        }
    }

    /// Go to a desk screen from Home; supervisors only where it says so.
    pub(super) fn open_desk(
        &mut self,
        screen: Screen,
        supervisor_only: bool,
    ) -> (Screen, Vec<Effect>) {
        if supervisor_only && !self.is_supervisor() {
            self.overlay = Some(Overlay::Told(Notice::SupervisorOnly));
            return Self::home();
        }
        let previous = std::mem::replace(&mut self.screen, screen);
        let effects = self.screen_query().into_iter().collect();
        let screen = std::mem::replace(&mut self.screen, previous);
        (screen, effects)
    }

    /// Back to a screen left for a detail, counts or search: its data is
    /// queried again.
    fn back_to(&mut self, back: Screen) -> (Screen, Vec<Effect>) {
        let previous = std::mem::replace(&mut self.screen, back);
        let effects = self.screen_query().into_iter().collect();
        let back = std::mem::replace(&mut self.screen, previous);
        (back, effects)
    }

    // ---- keys ----

    pub(super) fn accounts_key(
        &mut self,
        mut a: AccountsState,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        match a.form.take() {
            Some(AccountForm::Add(mut form)) => {
                match action {
                    Some(Action::Back) => {}
                    Some(Action::Confirm) if form.focus == super::UserField::Pin2 => {
                        if let Some(user) = form.validate() {
                            a.form = Some(AccountForm::Add(form));
                            return (
                                Screen::Accounts(a),
                                vec![Effect::CreateUser { user, first: false }],
                            );
                        }
                        a.form = Some(AccountForm::Add(form));
                    }
                    Some(Action::Confirm | Action::NextField | Action::Down) => {
                        form.focus = form.focus.next(form.role_editable);
                        a.form = Some(AccountForm::Add(form));
                    }
                    Some(Action::PrevField | Action::Up) => {
                        form.focus = form.focus.prev(form.role_editable);
                        a.form = Some(AccountForm::Add(form));
                    }
                    _ => {
                        form.edit(action, ch);
                        a.form = Some(AccountForm::Add(form));
                    }
                }
                return (Screen::Accounts(a), Vec::new());
            }
            Some(AccountForm::ResetPin(mut r)) => {
                match action {
                    Some(Action::Back) => {}
                    Some(Action::Confirm) if r.second => {
                        let nip = self
                            .users
                            .iter()
                            .find(|u| u.id == r.user)
                            .map_or("", |u| u.nip.as_str());
                        let checked = match Pin::for_account(r.pin.as_str(), nip) {
                            Err(e) => Err(e),
                            Ok(_) if r.pin != r.pin2 => Err(FieldError::PinMismatch),
                            Ok(pin) => Ok(pin),
                        };
                        if let Err(e) = &checked {
                            r.error = Some(e.clone());
                            r.pin.clear();
                            r.pin2.clear();
                            r.second = false;
                            a.form = Some(AccountForm::ResetPin(r));
                            return (Screen::Accounts(a), Vec::new());
                        }
                        let Ok(pin) = checked else {
                            return (Screen::Accounts(a), Vec::new());
                        };
                        r.pin.clear();
                        r.pin2.clear();
                        let effect = Effect::ResetPin { user: r.user, pin };
                        a.form = Some(AccountForm::ResetPin(r));
                        return (Screen::Accounts(a), vec![effect]);
                    }
                    Some(Action::Confirm | Action::NextField | Action::Down) => {
                        r.second = true;
                        a.form = Some(AccountForm::ResetPin(r));
                    }
                    Some(Action::PrevField | Action::Up) => {
                        r.second = false;
                        a.form = Some(AccountForm::ResetPin(r));
                    }
                    _ => {
                        let buf = if r.second { &mut r.pin2 } else { &mut r.pin };
                        edit_text(buf, action, ch.filter(char::is_ascii_digit), 12);
                        a.form = Some(AccountForm::ResetPin(r));
                    }
                }
                return (Screen::Accounts(a), Vec::new());
            }
            None => {}
        }
        let target = self.users.get(a.selected).cloned();
        let mut effects = Vec::new();
        match action {
            Some(Action::Back) => return Self::home(),
            Some(Action::Up | Action::Down) => select(&mut a.selected, self.users.len(), action),
            Some(Action::Add) => {
                a.message = None;
                a.form = Some(AccountForm::Add(UserForm::new(Role::Operator, true)));
            }
            Some(Action::ResetPin) => {
                if let Some(u) = target {
                    a.message = None;
                    a.form = Some(AccountForm::ResetPin(PinReset {
                        user: u.id,
                        name: u.name,
                        pin: String::new(),
                        pin2: String::new(),
                        second: false,
                        error: None,
                    }));
                }
            }
            Some(Action::Unlock) => {
                if let Some(u) = target {
                    if u.locked || u.failed_pins > 0 {
                        effects.push(Effect::UnlockUser(u.id));
                    } else {
                        a.message = Some(AccountNote::NotLocked { name: u.name });
                    }
                }
            }
            Some(Action::ToggleActive) => {
                if let Some(u) = target {
                    let me = self.on_duty.as_ref().map(|m| m.id);
                    if !u.active {
                        effects.push(Effect::SetUserActive {
                            user: u.id,
                            active: true,
                        });
                    } else if let Some(why) = disable_refusal(&self.users, u.id, me) {
                        a.message = Some(AccountNote::Refused { why, name: u.name });
                    } else {
                        effects.push(Effect::SetUserActive {
                            user: u.id,
                            active: false,
                        });
                    }
                }
            }
            _ => {}
        }
        (Screen::Accounts(a), effects)
    }

    pub(super) fn day_log_key(
        &mut self,
        mut s: DayLogState,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        if let Some(input) = s.input.take() {
            return Self::day_log_input(s, input, action, ch);
        }
        let effect = match action {
            Some(Action::Back) => return Self::home(),
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
                s.day = self.today();
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
                    value: String::new(),
                    error: false,
                });
                None
            }
            Some(Action::MarkReviewed) => {
                s.input = Some(LogInput::Review {
                    value: String::new(),
                });
                None
            }
            Some(Action::Open) => s
                .rows
                .get(s.selected)
                .map(|r| Effect::OpenDetail(r.visit.id)),
            Some(Action::Print) => Some(Effect::PrintDay(s.day)),
            Some(Action::Counts) => {
                let day = s.day;
                let counts = CountsState {
                    day,
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
                let search = SearchState {
                    query: String::new(),
                    editing: true,
                    searched: None,
                    offset: 0,
                    results: Vec::new(),
                    selected: 0,
                    back: Box::new(Screen::DayLog(s)),
                };
                return (Screen::Search(search), Vec::new());
            }
            _ => None,
        };
        (Screen::DayLog(s), effect.into_iter().collect())
    }

    fn day_log_input(
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
                if let Some(day) = crate::format::parse_date(&value) {
                    s.day = day;
                    let effect = s.first_page();
                    (Screen::DayLog(s), vec![effect])
                } else {
                    s.input = Some(LogInput::Date { value, error: true });
                    (Screen::DayLog(s), Vec::new())
                }
            }
            (LogInput::Review { value }, Some(Action::Confirm)) => {
                let note = sanitize(&value, 300);
                let day = s.day;
                (Screen::DayLog(s), vec![Effect::MarkReviewed { day, note }])
            }
            (LogInput::Date { mut value, .. }, _) => {
                let ch = ch.filter(|c| c.is_ascii_digit() || *c == '-');
                edit_text(&mut value, action, ch, 10);
                s.input = Some(LogInput::Date {
                    value,
                    error: false,
                });
                (Screen::DayLog(s), Vec::new())
            }
            (LogInput::Review { mut value }, _) => {
                edit_text(&mut value, action, ch, 300);
                s.input = Some(LogInput::Review { value });
                (Screen::DayLog(s), Vec::new())
            }
        }
    }

    pub(super) fn counts_key(
        &mut self,
        mut c: CountsState,
        action: Option<Action>,
    ) -> (Screen, Vec<Effect>) {
        let month = match action {
            Some(Action::Back) => return self.back_to(*c.back),
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

    pub(super) fn search_key(
        &mut self,
        mut s: SearchState,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        if action == Some(Action::Back) {
            return self.back_to(*s.back);
        }
        if s.editing {
            match action {
                Some(Action::Confirm) => {
                    let q = sanitize(&s.query, 80);
                    if q.chars().count() >= 2 {
                        s.editing = false;
                        s.searched = Some(q.clone());
                        s.offset = 0;
                        s.selected = 0;
                        s.results.clear();
                        return (
                            Screen::Search(s),
                            vec![Effect::Search {
                                query: q,
                                offset: 0,
                            }],
                        );
                    }
                }
                Some(Action::Down | Action::NextField) if !s.results.is_empty() => {
                    s.editing = false;
                }
                _ => edit_text(&mut s.query, action, ch, 80),
            }
            return (Screen::Search(s), Vec::new());
        }
        let effect = match action {
            Some(Action::Search | Action::NextField | Action::PrevField) => {
                s.editing = true;
                None
            }
            Some(Action::Up) if s.selected == 0 => {
                s.editing = true;
                None
            }
            Some(Action::Up | Action::Down) => {
                select(&mut s.selected, s.results.len(), action);
                None
            }
            Some(Action::Confirm) => s
                .results
                .get(s.selected)
                .map(|r| Effect::OpenDetail(r.visit.id)),
            Some(Action::PageDown) if s.may_have_more() => {
                s.offset += PAGE_SIZE;
                s.selected = 0;
                s.query_effect()
            }
            Some(Action::PageUp) if s.offset > 0 => {
                s.offset = s.offset.saturating_sub(PAGE_SIZE);
                s.selected = 0;
                s.query_effect()
            }
            _ => None,
        };
        (Screen::Search(s), effect.into_iter().collect())
    }

    pub(super) fn detail_key(
        &mut self,
        mut d: DetailState,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        if let Some(mut typed) = d.correction.take() {
            return match action {
                Some(Action::Back) => (Screen::Detail(d), Vec::new()),
                Some(Action::Confirm) if !typed.trim().is_empty() => {
                    let visit = d.visit.id;
                    let reason = typed.trim().to_owned();
                    (
                        Screen::Detail(d),
                        vec![Effect::AddCorrection { visit, reason }],
                    )
                }
                _ => {
                    super::edit_text(&mut typed, action, ch, crate::domain::visit::MAX_REASON);
                    d.correction = Some(typed);
                    (Screen::Detail(d), Vec::new())
                }
            };
        }
        match action {
            Some(Action::Correct) => {
                if self.is_supervisor() {
                    d.correction = Some(String::new());
                } else {
                    self.overlay = Some(Overlay::Told(Notice::SupervisorOnly));
                }
                (Screen::Detail(d), Vec::new())
            }
            Some(Action::Back) => self.back_to(*d.back),
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

    pub(super) fn end_of_shift_key(
        &mut self,
        mut e: EndOfShiftState,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        if let Some(mut typed) = e.restore.take() {
            return match action {
                Some(Action::Back) => (Screen::EndOfShift(e), Vec::new()),
                Some(Action::Confirm) if !typed.trim().is_empty() => (
                    Screen::EndOfShift(e),
                    vec![Effect::RestoreBadge(typed.trim().to_owned())],
                ),
                _ => {
                    super::edit_text(&mut typed, action, ch, 20);
                    e.restore = Some(typed);
                    (Screen::EndOfShift(e), Vec::new())
                }
            };
        }
        match action {
            Some(Action::Back) => Self::home(),
            Some(Action::Print) => (Screen::EndOfShift(e), vec![Effect::PrintEndOfShift]),
            Some(Action::RestoreBadge) => {
                if self.is_supervisor() {
                    e.restore = Some(String::new());
                } else {
                    self.overlay = Some(Overlay::Told(Notice::SupervisorOnly));
                }
                (Screen::EndOfShift(e), Vec::new())
            }
            _ => {
                scroll(&mut e.scroll, action);
                (Screen::EndOfShift(e), Vec::new())
            }
        }
    }

    // ---- answers from the shell ----

    /// An account was changed at this console.
    pub fn on_account_changed(&mut self, user: &User, change: AccountChange) {
        if let Screen::Accounts(a) = &mut self.screen {
            a.form = None;
            a.message = Some(AccountNote::Changed {
                change,
                name: user.name.clone(),
            });
        }
    }

    /// A change to an account was refused before it reached the store.
    pub fn on_account_refused(&mut self, why: DisableRefusal, name: &str) {
        let name = name.to_owned();
        if let Screen::Accounts(a) = &mut self.screen {
            a.message = Some(AccountNote::Refused { why, name });
        } else {
            self.overlay = Some(Overlay::Told(Notice::AccountRefused { why, name }));
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

    pub fn on_counts(&mut self, query: &Effect, day: Stats, month: Stats) {
        if let Screen::Counts(c) = &mut self.screen
            && c.query() == *query
        {
            c.day_stats = Some(day);
            c.month_stats = Some(month);
        }
    }

    pub fn on_search(&mut self, query: &Effect, results: Vec<VisitSummary>) {
        if let Screen::Search(s) = &mut self.screen
            && s.query_effect().as_ref() == Some(query)
        {
            s.results = results;
            s.selected = s.selected.min(s.results.len().saturating_sub(1));
        }
    }

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

    pub fn on_end_of_shift(&mut self, list: ShiftList) {
        if let Screen::EndOfShift(e) = &mut self.screen {
            e.list = Some(list);
        }
    }

    /// Past days nobody has reviewed yet, newest first.
    pub fn on_unreviewed(&mut self, days: Vec<NaiveDate>) {
        self.unreviewed = days;
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::Msg;
    use crate::app::fixtures::{app, now, user};

    fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
    }

    fn chars(app: &mut App, s: &str) {
        for c in s.chars() {
            key(app, KeyCode::Char(c));
        }
    }

    #[test]
    fn desk_screens_are_for_supervisors_end_of_shift_for_all() {
        let mut op = app(Role::Operator);
        assert!(key(&mut op, KeyCode::Char('l')).contains(&Effect::Reload));
        assert!(matches!(
            op.overlay,
            Some(Overlay::Told(Notice::SupervisorOnly))
        ));
        op.overlay = None;
        key(&mut op, KeyCode::Char('u'));
        assert!(matches!(op.screen, Screen::Home(_)));
        op.overlay = None;
        assert_eq!(
            key(&mut op, KeyCode::Char('e')),
            vec![Effect::LoadEndOfShift]
        );
        assert!(matches!(op.screen, Screen::EndOfShift(_)));

        let mut sup = app(Role::Supervisor);
        let effects = key(&mut sup, KeyCode::Char('l'));
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(
            effects,
            vec![Effect::LoadDayLog {
                day,
                view: LogView::All,
                newest_first: false,
                offset: 0
            }]
        );
    }

    #[test]
    fn day_log_keys_change_the_query() {
        let mut a = app(Role::Supervisor);
        key(&mut a, KeyCode::Char('l'));
        let e = key(&mut a, KeyCode::Left);
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert!(matches!(e[..], [Effect::LoadDayLog { day: d, .. }] if d == day));
        let e = key(&mut a, KeyCode::Char('f'));
        assert!(matches!(
            e[..],
            [Effect::LoadDayLog {
                view: LogView::Status(Status::Inside),
                ..
            }]
        ));
        let e = key(&mut a, KeyCode::Char('o'));
        assert!(matches!(
            e[..],
            [Effect::LoadDayLog {
                newest_first: true,
                ..
            }]
        ));
        // A page further only when there are more rows.
        assert!(key(&mut a, KeyCode::PageDown).is_empty());
        if let Screen::DayLog(s) = &mut a.screen {
            s.total = 120;
        }
        let e = key(&mut a, KeyCode::PageDown);
        assert!(matches!(e[..], [Effect::LoadDayLog { offset: 50, .. }]));
        // Jump to a typed date; a bad one says so.
        key(&mut a, KeyCode::Char('g'));
        chars(&mut a, "2026-13-01");
        assert!(key(&mut a, KeyCode::Enter).is_empty());
        assert!(matches!(
            &a.screen,
            Screen::DayLog(DayLogState {
                input: Some(LogInput::Date { error: true, .. }),
                ..
            })
        ));
        key(&mut a, KeyCode::Esc);
        key(&mut a, KeyCode::Char('g'));
        chars(&mut a, "2025-01-31");
        let e = key(&mut a, KeyCode::Enter);
        let day = NaiveDate::from_ymd_opt(2025, 1, 31).unwrap();
        assert!(matches!(e[..], [Effect::LoadDayLog { day: d, offset: 0, .. }] if d == day));
        // Review with a note.
        key(&mut a, KeyCode::Char('r'));
        chars(&mut a, "ok");
        assert_eq!(
            key(&mut a, KeyCode::Enter),
            vec![Effect::MarkReviewed {
                day,
                note: "ok".into()
            }]
        );
    }

    #[test]
    fn search_then_back_to_the_log() {
        let mut a = app(Role::Supervisor);
        key(&mut a, KeyCode::Char('l'));
        assert!(key(&mut a, KeyCode::Char('/')).is_empty());
        chars(&mut a, "budi");
        assert_eq!(
            key(&mut a, KeyCode::Enter),
            vec![Effect::Search {
                query: "budi".into(),
                offset: 0
            }]
        );
        let e = key(&mut a, KeyCode::Esc);
        assert!(matches!(a.screen, Screen::DayLog(_)));
        assert!(matches!(e[..], [Effect::LoadDayLog { .. }]));
    }

    #[test]
    fn no_disabling_yourself_or_the_last_supervisor() {
        let users = vec![user(1, Role::Supervisor), user(2, Role::Operator)];
        assert_eq!(
            disable_refusal(&users, UserId(1), Some(UserId(1))),
            Some(DisableRefusal::Yourself)
        );
        assert_eq!(
            disable_refusal(&users, UserId(1), Some(UserId(2))),
            Some(DisableRefusal::LastSupervisor)
        );
        assert_eq!(disable_refusal(&users, UserId(2), Some(UserId(1))), None);

        let mut a = app(Role::Supervisor);
        key(&mut a, KeyCode::Char('u'));
        assert!(key(&mut a, KeyCode::Char('d')).is_empty());
        let Screen::Accounts(s) = &a.screen else {
            panic!("accounts")
        };
        assert!(s.message.is_some());
        key(&mut a, KeyCode::Down);
        assert_eq!(
            key(&mut a, KeyCode::Char('d')),
            vec![Effect::SetUserActive {
                user: UserId(2),
                active: false
            }]
        );
    }

    #[test]
    fn reset_pin_typed_twice() {
        let mut a = app(Role::Supervisor);
        key(&mut a, KeyCode::Char('u'));
        key(&mut a, KeyCode::Down);
        key(&mut a, KeyCode::Char('p'));
        chars(&mut a, "482915");
        key(&mut a, KeyCode::Enter);
        chars(&mut a, "482916");
        assert!(key(&mut a, KeyCode::Enter).is_empty());
        chars(&mut a, "482915");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "482915");
        assert_eq!(
            key(&mut a, KeyCode::Enter),
            vec![Effect::ResetPin {
                user: UserId(2),
                pin: Pin::try_from("482915").unwrap()
            }]
        );
    }

    #[test]
    fn add_account_from_the_kiosk() {
        let mut a = app(Role::Supervisor);
        key(&mut a, KeyCode::Char('u'));
        key(&mut a, KeyCode::Char('a'));
        chars(&mut a, "Eko Wibowo");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "199303032019031005");
        key(&mut a, KeyCode::Tab);
        key(&mut a, KeyCode::Right); // supervisor
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "482915");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "482915");
        let e = key(&mut a, KeyCode::Enter);
        assert!(matches!(
            &e[..],
            [Effect::CreateUser { user, first: false }] if user.role == Role::Supervisor
        ));
    }
}
