//! UI state and what keys do to it. No terminal and no database here:
//! [`App::update`] changes the state and returns [`Effect`]s, which the
//! shell runs against the store and answers through the `on_*` methods.

mod answers;
mod desk;
#[cfg(test)]
mod fixtures;
mod hints;
pub mod keymap;
mod reasons;
mod screens;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use answers::{Answer, Loaded};
pub use desk::*;
pub use hints::Hint;
pub use reasons::{AccountNote, Failure, PinRefusal, Problem};
pub use screens::*;

use crate::config::Config;
use crate::domain::audit::AuditAction;
use crate::domain::fields::{Nip, PersonName, Pin, sanitize};
use crate::domain::stage::Stage;
use crate::domain::visit::{
    CheckoutDraft, Command, FormDraft, Role, Status, Time, UserId, Visit, VisitId,
};
use crate::store::{
    ATTEMPT_REFUSED, Dashboard, EventRow, LastChange, NewUser, PinCheck, Refusal, User,
    VisitSummary,
};
use keymap::Action;

/// Something that happened: a key, a paste, a clock tick, the store's
/// answer to an effect, another console's change.
#[derive(Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "one message at a time, moved once into update"
)]
pub enum Msg {
    Key(KeyEvent),
    /// A bracketed paste: text for the field in focus, never keys.
    Paste(String),
    /// Once a second while a timer is on screen (and before leaving).
    Tick,
    /// The minute changed: the clock on screen moves on.
    Clock,
    /// The terminal's size (at start and on every resize).
    Resize(u16, u16),
    /// The database changed (another console, or this one, committed).
    DatabaseChanged,
    /// What the store answered to an effect.
    Answer(Answer),
}

/// Work for the shell: each runs against the store, then the shell calls
/// back into the app with the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Reload the dashboard and account lists.
    Reload,
    CreateUser {
        user: NewUserInput,
        first: bool,
    },
    SignIn {
        user: UserId,
        pin: Pin,
    },
    SignOut,
    NewVisit,
    SaveDraft(VisitId, FormDraft),
    /// Save the check-out as typed so far (no event).
    SaveCheckoutDraft(VisitId, CheckoutDraft),
    /// Apply a command as the operator on duty.
    Apply(VisitId, Command),
    /// Check a supervisor's PIN, then apply the command as that supervisor.
    Decide {
        visit: VisitId,
        supervisor: UserId,
        pin: Pin,
        cmd: Command,
    },
    /// Load a visit and go to the screen of its step. It carries the state
    /// the row was drawn in: if the visit moved on since, it is shown with
    /// a notice and nothing is started (no check-out begun).
    OpenVisit(KeyTarget),
    /// Read the visit on screen again (another console may have moved it on).
    RefreshVisit(VisitId),
    /// Check a supervisor's PIN to leave the kiosk.
    ExitPin {
        supervisor: UserId,
        pin: Pin,
    },
    /// Enable an account, or read the accounts again before disabling
    /// one (never deleted).
    SetUserActive {
        user: UserId,
        active: bool,
    },
    /// Disable an account, checked against fresh accounts.
    DisableUser(UserId),
    UnlockUser(UserId),
    ResetPin {
        user: UserId,
        pin: Pin,
    },
    /// A page of one day's visits, with the day's review mark.
    LoadDayLog {
        day: chrono::NaiveDate,
        view: LogView,
        newest_first: bool,
        offset: u32,
    },
    MarkReviewed {
        day: chrono::NaiveDate,
        note: String,
    },
    /// Counts of a day and of a month (its first day).
    LoadCounts {
        day: chrono::NaiveDate,
        month: chrono::NaiveDate,
    },
    /// Visits by name, ID number or organisation, newest first.
    Search {
        query: String,
        offset: u32,
    },
    /// A visit in full (read-only), from a list.
    OpenDetail(VisitId),
    LoadEndOfShift,
    /// Print or save documents.
    PrintVisit(VisitId),
    PrintDay(chrono::NaiveDate),
    PrintEndOfShift,
    /// A supervisor puts a found badge back into the pool.
    RestoreBadge(String),
    /// A supervisor's correction to a visit: an audit event with a reason.
    AddCorrection {
        visit: VisitId,
        reason: String,
    },
}

/// A new account as typed (already validated; the PIN never shown by `Debug`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUserInput {
    pub name: String,
    pub nip: String,
    pub role: Role,
    pub pin: Pin,
}

impl NewUserInput {
    pub fn parse(&self) -> Option<NewUser> {
        Some(NewUser {
            name: PersonName::try_from(self.name.as_str()).ok()?,
            nip: Nip::try_from(self.nip.as_str()).ok()?,
            role: self.role,
            pin: self.pin.clone(),
        })
    }
}

/// A box drawn over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// A step could not be recorded: says so and what to do.
    Error(Failure),
    /// A line of text asked for before an effect, e.g. a cancel reason.
    Prompt(Prompt),
    /// A supervisor PIN asked for before leaving the kiosk.
    ExitPin(PinPrompt),
    /// Something told in words chosen by `ui/`; any key closes it, and
    /// does nothing else.
    Told(Notice),
    /// Esc on the first-run setup: close the program (Enter) or stay.
    LeaveSetup,
}

/// What a console is told about the record changing under it. Typed: the
/// words are `ui/`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// This console's step lost to another console's and was not recorded.
    Refused(Refusal),
    /// The visit the next key would act on was changed at another console
    /// since the screen was drawn; the key that closes this notice does
    /// nothing else.
    ChangedElsewhere {
        visit: VisitId,
        last: Option<LastChange>,
    },
    /// The print command failed (`error`, its own words); whatever step
    /// was taken is saved, and the document was saved to `saved` instead.
    PrintFailed {
        error: String,
        saved: std::path::PathBuf,
    },
    /// `x` on a visit past the point where it can be cancelled (a visitor
    /// inside must check out; a rejected visitor gets the ID back).
    NotCancellable { name: String, status: Status },
    /// The first supervisor account was made: sign in.
    SetupDone { name: String },
    /// A supervisor's key pressed by an operator.
    SupervisorOnly,
    /// A document went to the print command.
    Printed { command: String },
    /// A document was saved (no print command set).
    Saved { path: std::path::PathBuf },
    /// A supervisor's correction was recorded.
    CorrectionRecorded(VisitId),
    /// A found badge is back in the pool.
    BadgeRestored(String),
    /// A change to an account was refused before it reached the store.
    AccountRefused { why: DisableRefusal, name: String },
}

/// What a key acts on: a visit and the state it was drawn in. A key whose
/// target changed since is not acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyTarget {
    pub visit: VisitId,
    /// The stage drawn: a key answers only if the visit is still there.
    pub stage: Stage,
}

impl KeyTarget {
    pub fn of(v: &Visit) -> KeyTarget {
        KeyTarget {
            visit: v.id,
            stage: v.stage(),
        }
    }
}

/// The newest change to a visit among its events (not a refused attempt,
/// not a correction).
pub fn last_change(events: &[EventRow]) -> Option<LastChange> {
    events
        .iter()
        .rev()
        .find(|e| e.action != ATTEMPT_REFUSED && e.action != AuditAction::Correction)
        .map(|e| LastChange {
            action: e.action,
            by: e.actor_name.clone(),
            at: e.at,
        })
}

/// What a typed reason is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub visit: VisitId,
    pub value: String,
    pub error: Option<Problem>,
}

/// Pick an account and type its PIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinPrompt {
    pub choices: Vec<(UserId, String)>,
    pub selected: usize,
    pub pin: String,
    pub message: Option<Problem>,
}

impl PinPrompt {
    pub fn new(choices: Vec<(UserId, String)>) -> PinPrompt {
        PinPrompt {
            choices,
            selected: 0,
            pin: String::new(),
            message: None,
        }
    }

    pub fn chosen(&self) -> Option<UserId> {
        self.choices.get(self.selected).map(|c| c.0)
    }

    fn key(&mut self, action: Option<Action>, ch: Option<char>) {
        match action {
            Some(Action::Up | Action::Left | Action::PrevField) => {
                self.selected = self.selected.saturating_sub(1);
            }
            Some(Action::Down | Action::Right | Action::NextField) => {
                if self.selected + 1 < self.choices.len() {
                    self.selected += 1;
                }
            }
            Some(Action::Backspace) => {
                self.pin.pop();
            }
            Some(Action::ClearField) => self.pin.clear(),
            _ => {
                if let Some(c) = ch.filter(char::is_ascii_digit)
                    && self.pin.len() < 12
                {
                    self.pin.push(c);
                }
            }
        }
    }
}

/// The whole UI state.
#[derive(Debug)]
pub struct App {
    pub config: Config,
    pub now: Time,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The operator (or supervisor) signed in at this console.
    pub on_duty: Option<User>,
    pub dashboard: Dashboard,
    pub users: Vec<User>,
    /// Badges out or lost, as last loaded.
    pub badges_unavailable: Vec<String>,
    /// Past days not yet reviewed by a supervisor, newest first.
    pub unreviewed: Vec<chrono::NaiveDate>,
    pub quit: bool,
    /// The terminal is below the minimum size: only a message is drawn.
    pub too_small: bool,
    /// The glyphs and colours the terminal shows, decided once at start.
    pub charset: crate::config::Charset,
}

/// Below this size only a "terminal too small" message is drawn and keys
/// are not handled.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The most a paste puts into a field.
pub const PASTE_MAX: usize = 500;

impl App {
    pub fn new(config: Config, now: Time, first_run: bool) -> App {
        let screen = if first_run {
            Screen::Setup(UserForm::new(Role::Supervisor, false))
        } else {
            Screen::SignIn(PinPrompt::new(Vec::new()))
        };
        App {
            config,
            now,
            screen,
            overlay: None,
            on_duty: None,
            dashboard: Dashboard::default(),
            users: Vec::new(),
            badges_unavailable: Vec::new(),
            unreviewed: Vec::new(),
            quit: false,
            too_small: false,
            charset: crate::config::Charset::Unicode,
        }
    }

    /// A timer is on screen: the shell ticks once a second.
    pub fn needs_tick(&self) -> bool {
        matches!(
            self.screen,
            Screen::Home(_)
                | Screen::Form(_)
                | Screen::Review(_)
                | Screen::Approval(_)
                | Screen::Badge(_)
                | Screen::Checkout(_)
        )
    }

    pub fn is_supervisor(&self) -> bool {
        self.on_duty
            .as_ref()
            .is_some_and(|u| u.role == Role::Supervisor)
    }

    /// Active accounts of a role (or all), as choices.
    pub fn choices(&self, role: Option<Role>) -> Vec<(UserId, String)> {
        self.users
            .iter()
            .filter(|u| u.active && role.is_none_or(|r| u.role == r))
            .map(|u| (u.id, u.name.clone()))
            .collect()
    }

    pub fn user_name(&self, id: Option<UserId>) -> String {
        id.and_then(|id| self.users.iter().find(|u| u.id == id))
            .map_or_else(|| "-".into(), |u| u.name.clone())
    }

    /// Badges of the pool that are free now.
    pub fn free_badges(&self) -> Vec<String> {
        self.config
            .visit
            .badges
            .iter()
            .filter(|b| !self.badges_unavailable.contains(b))
            .cloned()
            .collect()
    }

    /// Handle one message. Returns the work for the shell.
    pub fn update(&mut self, msg: Msg, now: Time) -> Vec<Effect> {
        self.now = now;
        match msg {
            Msg::Tick => self.on_tick(),
            Msg::Clock => Vec::new(),
            Msg::DatabaseChanged => self.on_database_changed(),
            Msg::Answer(answer) => self.on_answer(answer),
            Msg::Resize(width, height) => {
                self.too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
                Vec::new()
            }
            // While "terminal too small" is shown, keys and pastes do not
            // reach the screen hidden behind it.
            Msg::Paste(_) | Msg::Key(_) if self.too_small => Vec::new(),
            Msg::Paste(text) => self.on_paste(&text),
            Msg::Key(key) => {
                if key.kind == KeyEventKind::Release {
                    return Vec::new();
                }
                self.on_key(key)
            }
        }
    }

    fn on_tick(&mut self) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Form(f) if f.dirty => {
                f.dirty = false;
                vec![Effect::SaveDraft(f.visit, f.draft.clone())]
            }
            Screen::Checkout(c) if c.dirty => {
                c.dirty = false;
                vec![Effect::SaveCheckoutDraft(c.visit.id, c.draft())]
            }
            _ => Vec::new(),
        }
    }

    pub(crate) fn typing(&self) -> bool {
        match &self.screen {
            Screen::Form(f) => {
                !f.focus.is_choice() && f.focus != crate::domain::visit::FormField::IdHeld
            }
            Screen::Checkout(c) => matches!(
                c.focus(),
                CheckoutFocus::Badge | CheckoutFocus::Note(_) | CheckoutFocus::Activity
            ),
            Screen::Approval(a) => matches!(a.focus, ApprovalFocus::Reason | ApprovalFocus::Pin),
            Screen::Setup(f) => f.focus != UserField::Role,
            Screen::SignIn(_) => true,
            Screen::Accounts(a) => match &a.form {
                Some(AccountForm::Add(f)) => f.focus != UserField::Role,
                Some(AccountForm::ResetPin(_)) => true,
                None => false,
            },
            Screen::DayLog(d) => d.input.is_some(),
            Screen::Search(s) => s.editing,
            Screen::EndOfShift(e) => e.restore.is_some(),
            Screen::Detail(d) => d.correction.is_some(),
            Screen::Counts(_) => false,
            Screen::Home(_)
            | Screen::Review(_)
            | Screen::ReturnId(_)
            | Screen::Badge(_)
            | Screen::Archive(_) => false,
        }
    }

    /// A paste goes into the field in focus as text: newlines and tabs
    /// become spaces, control and format characters are dropped, the
    /// length is capped. Where no field takes text it is ignored, so
    /// pasted letters never run commands.
    fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        let one_line: String = text
            .replace("\r\n", "\n")
            .chars()
            .map(|c| {
                if matches!(c, '\r' | '\n' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let clean = sanitize(&one_line, PASTE_MAX);
        let mut effects = Vec::new();
        for c in clean.chars() {
            if let Some(overlay) = self.overlay.take() {
                let typing = matches!(overlay, Overlay::Prompt(_) | Overlay::ExitPin(_));
                if !typing {
                    self.overlay = Some(overlay);
                    break;
                }
                let none = KeyEvent::new(KeyCode::Null, KeyModifiers::NONE);
                effects.extend(self.on_overlay_key(overlay, &none, Some(c)));
                continue;
            }
            if !self.typing() {
                break;
            }
            let screen = std::mem::replace(&mut self.screen, Screen::Home(HomeState::default()));
            let (screen, more) = self.screen_key(screen, None, Some(c));
            self.screen = screen;
            effects.extend(more);
        }
        effects
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let ch = match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        };
        if let Some(overlay) = self.overlay.take() {
            return self.on_overlay_key(overlay, &key, ch);
        }
        let action = keymap::lookup(self.screen.kind(), &key, self.typing());
        if action == Some(Action::Help) {
            self.overlay = Some(Overlay::Help);
            return Vec::new();
        }
        let screen = std::mem::replace(&mut self.screen, Screen::Home(HomeState::default()));
        let (screen, effects) = self.screen_key(screen, action, ch);
        self.screen = screen;
        effects
    }

    fn on_overlay_key(
        &mut self,
        overlay: Overlay,
        key: &KeyEvent,
        ch: Option<char>,
    ) -> Vec<Effect> {
        let action = keymap::lookup_overlay(key);
        match overlay {
            Overlay::Help | Overlay::Error(_) | Overlay::Told(_) => Vec::new(),
            Overlay::LeaveSetup => {
                // Nothing was created: the setup comes back at the next start.
                self.quit = action == Some(Action::Confirm);
                Vec::new()
            }
            Overlay::Prompt(mut p) => match action {
                Some(Action::Back) => Vec::new(),
                Some(Action::Confirm) => {
                    let reason = sanitize(&p.value, 300);
                    if reason.is_empty() {
                        p.error = Some(Problem::ReasonRequired);
                        self.overlay = Some(Overlay::Prompt(p));
                        Vec::new()
                    } else {
                        vec![Effect::Apply(p.visit, Command::Cancel { reason })]
                    }
                }
                _ => {
                    edit_text(&mut p.value, action, ch, 300);
                    self.overlay = Some(Overlay::Prompt(p));
                    Vec::new()
                }
            },
            Overlay::ExitPin(mut p) => match action {
                Some(Action::Back) => Vec::new(),
                Some(Action::Confirm) => {
                    match (p.chosen(), Pin::entered(&std::mem::take(&mut p.pin))) {
                        (Some(id), Ok(pin)) => {
                            self.overlay = Some(Overlay::ExitPin(p));
                            vec![Effect::ExitPin {
                                supervisor: id,
                                pin,
                            }]
                        }
                        (Some(_), Err(e)) => {
                            p.message = Some(Problem::Field(e));
                            self.overlay = Some(Overlay::ExitPin(p));
                            Vec::new()
                        }
                        (None, _) => Vec::new(),
                    }
                }
                _ => {
                    p.key(action, ch);
                    self.overlay = Some(Overlay::ExitPin(p));
                    Vec::new()
                }
            },
        }
    }

    fn screen_key(
        &mut self,
        screen: Screen,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        match screen {
            Screen::Setup(form) => self.setup_key(form, action, ch),
            Screen::SignIn(p) => self.sign_in_key(p, action, ch),
            Screen::Home(h) => self.home_key(h, action),
            Screen::Form(f) => self.form_key(f, action, ch),
            Screen::Review(r) => self.review_key(r, action),
            Screen::Approval(a) => Self::approval_key(a, action, ch),
            Screen::ReturnId(r) => match action {
                Some(Action::Confirm) => {
                    let id = r.visit.id;
                    (
                        Screen::ReturnId(r),
                        vec![Effect::Apply(id, Command::ReturnId)],
                    )
                }
                Some(Action::Back) => Self::home(),
                _ => (Screen::ReturnId(r), Vec::new()),
            },
            Screen::Badge(b) => self.badge_key(b, action),
            Screen::Checkout(c) => Self::checkout_key(c, action, ch),
            Screen::Archive(a) => Self::archive_key(a, action),
            Screen::Accounts(a) => self.accounts_key(a, action, ch),
            Screen::DayLog(d) => self.day_log_key(d, action, ch),
            Screen::Counts(c) => self.counts_key(c, action),
            Screen::Search(s) => self.search_key(s, action, ch),
            Screen::Detail(d) => self.detail_key(d, action, ch),
            Screen::EndOfShift(e) => self.end_of_shift_key(e, action, ch),
        }
    }

    pub(crate) fn home() -> (Screen, Vec<Effect>) {
        (Screen::Home(HomeState::default()), vec![Effect::Reload])
    }

    fn setup_key(
        &mut self,
        mut form: UserForm,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        match action {
            Some(Action::Confirm) if form.focus == UserField::Pin2 => match form.validate() {
                Some(user) => (
                    Screen::Setup(form),
                    vec![Effect::CreateUser { user, first: true }],
                ),
                None => (Screen::Setup(form), Vec::new()),
            },
            Some(Action::Confirm | Action::NextField | Action::Down) => {
                form.focus = form.focus.next(form.role_editable);
                (Screen::Setup(form), Vec::new())
            }
            Some(Action::PrevField | Action::Up) => {
                form.focus = form.focus.prev(form.role_editable);
                (Screen::Setup(form), Vec::new())
            }
            Some(Action::Back) => {
                self.overlay = Some(Overlay::LeaveSetup);
                (Screen::Setup(form), Vec::new())
            }
            _ => {
                form.edit(action, ch);
                (Screen::Setup(form), Vec::new())
            }
        }
    }

    fn sign_in_key(
        &mut self,
        mut p: PinPrompt,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        match action {
            Some(Action::Confirm) => {
                match (p.chosen(), Pin::entered(&std::mem::take(&mut p.pin))) {
                    (Some(user), Ok(pin)) => {
                        (Screen::SignIn(p), vec![Effect::SignIn { user, pin }])
                    }
                    (Some(_), Err(e)) => {
                        p.message = Some(Problem::Field(e));
                        (Screen::SignIn(p), Vec::new())
                    }
                    (None, _) => (Screen::SignIn(p), Vec::new()),
                }
            }
            Some(Action::Back) => {
                self.ask_exit();
                (Screen::SignIn(p), Vec::new())
            }
            _ => {
                p.key(action, ch);
                (Screen::SignIn(p), Vec::new())
            }
        }
    }

    /// Leaving: straight away, or after a supervisor PIN.
    fn ask_exit(&mut self) -> Vec<Effect> {
        if self.config.kiosk.exit_requires_pin {
            let sups = self.choices(Some(Role::Supervisor));
            self.overlay = Some(Overlay::ExitPin(PinPrompt::new(sups)));
        } else {
            self.quit = true;
        }
        Vec::new()
    }

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

    fn home_key(&mut self, mut h: HomeState, action: Option<Action>) -> (Screen, Vec<Effect>) {
        let n = self.home_rows().len();
        let selected = self.home_rows().get(h.selected).map(|s| s.visit.clone());
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
                        self.overlay = Some(Overlay::Prompt(Prompt {
                            visit: v.id,
                            value: String::new(),
                            error: None,
                        }));
                    }
                    // Say why, and what to do instead.
                    Some(v) => {
                        self.overlay = Some(Overlay::Told(Notice::NotCancellable {
                            name: v.form.full_name.clone(),
                            status: v.status,
                        }));
                    }
                    None => {}
                }
                Vec::new()
            }
            Some(Action::SignOut) => vec![Effect::SignOut],
            Some(Action::Quit) => self.ask_exit(),
            Some(Action::Accounts) => {
                return self.open_desk(Screen::Accounts(AccountsState::default()), true);
            }
            Some(Action::DayLog) => {
                let today = self.today();
                return self.open_desk(Screen::DayLog(DayLogState::new(today)), true);
            }
            Some(Action::EndOfShift) => {
                return self.open_desk(Screen::EndOfShift(EndOfShiftState::default()), false);
            }
            _ => Vec::new(),
        };
        (Screen::Home(h), effects)
    }

    fn form_key(
        &mut self,
        mut f: FormState,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        use crate::domain::visit::FormField as F;
        let mut effects = Vec::new();
        let before = f.draft.clone();
        let focus_before = f.focus;
        match action {
            Some(Action::NextField | Action::Down) => f.focus = f.focus.next(),
            Some(Action::PrevField | Action::Up) => f.focus = f.focus.prev(),
            Some(Action::Confirm) if f.focus == F::IdHeld => {
                let (types, purposes) = (&self.config.visit.id_types, &self.config.visit.purposes);
                match f.draft.validate(types, purposes) {
                    Ok(form) => {
                        f.show_errors = true;
                        effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
                        effects.push(Effect::Apply(f.visit, Command::CompleteForm(form)));
                        return (Screen::Form(f), effects);
                    }
                    Err(problems) => {
                        f.show_errors = true;
                        if let Some((field, _)) = problems.first() {
                            f.focus = *field;
                        }
                    }
                }
            }
            Some(Action::Confirm) => f.focus = f.focus.next(),
            Some(Action::Back) => {
                effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
                let (s, mut e) = Self::home();
                effects.append(&mut e);
                return (s, effects);
            }
            Some(Action::Left | Action::Right) if f.focus.is_choice() => {
                let list = if f.focus == F::IdType {
                    &self.config.visit.id_types
                } else {
                    &self.config.visit.purposes
                };
                let forward = action == Some(Action::Right);
                if let Some(buf) = f.draft.text_mut(f.focus) {
                    *buf = cycle(list, buf, forward);
                }
            }
            _ if f.focus == F::IdHeld
                && (ch == Some(' ') || matches!(action, Some(Action::Left | Action::Right))) =>
            {
                f.draft.id_held = !f.draft.id_held;
            }
            _ if !f.focus.is_choice() => {
                let max = max_len(f.focus);
                if let Some(buf) = f.draft.text_mut(f.focus) {
                    edit_text(buf, action, ch, max);
                }
            }
            _ => {}
        }
        if f.draft != before {
            f.dirty = true;
        }
        // Saved on every field change: when the focus moves, when a choice
        // or the checkbox changes, and (see `on_tick`) within a second of typing.
        let typed = f.focus == focus_before && !f.focus.is_choice() && f.focus != F::IdHeld;
        if f.dirty && !typed {
            effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
            f.dirty = false;
        }
        (Screen::Form(f), effects)
    }

    fn review_key(&mut self, r: ReviewState, action: Option<Action>) -> (Screen, Vec<Effect>) {
        let id = r.visit.id;
        match action {
            Some(Action::Confirm) => (Screen::Review(r), vec![Effect::Apply(id, Command::Submit)]),
            Some(Action::EditForm) => (
                Screen::Review(r),
                vec![Effect::Apply(id, Command::EditForm)],
            ),
            Some(Action::CancelVisit) => {
                self.overlay = Some(Overlay::Prompt(Prompt {
                    visit: id,
                    value: String::new(),
                    error: None,
                }));
                (Screen::Review(r), Vec::new())
            }
            Some(Action::Back) => Self::home(),
            _ => (Screen::Review(r), Vec::new()),
        }
    }

    fn approval_key(
        mut a: ApprovalState,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        // Nobody here may decide (the one who submitted may not): only
        // Esc does something; the screen follows another console's decision.
        if a.supervisors.is_empty() && action != Some(Action::Back) {
            return (Screen::Approval(a), Vec::new());
        }
        match action {
            Some(Action::Back) => return Self::home(),
            Some(Action::NextField | Action::Down) => a.focus = a.focus.next(a.reject),
            Some(Action::PrevField | Action::Up) => a.focus = a.focus.prev(a.reject),
            Some(Action::Confirm) if a.focus != ApprovalFocus::Pin => {
                a.focus = a.focus.next(a.reject);
            }
            Some(Action::Confirm) => {
                let Some(supervisor) = a.supervisors.get(a.selected).map(|s| s.0) else {
                    return (Screen::Approval(a), Vec::new());
                };
                let cmd = if a.reject {
                    let reason = sanitize(&a.reason, 300);
                    if reason.is_empty() {
                        a.message = Some(Problem::ReasonRequired);
                        a.focus = ApprovalFocus::Reason;
                        return (Screen::Approval(a), Vec::new());
                    }
                    Command::Reject { reason }
                } else {
                    Command::Approve
                };
                let pin = match Pin::entered(&std::mem::take(&mut a.pin)) {
                    Ok(pin) => pin,
                    Err(e) => {
                        a.message = Some(Problem::Field(e));
                        a.focus = ApprovalFocus::Pin;
                        return (Screen::Approval(a), Vec::new());
                    }
                };
                let visit = a.visit.id;
                return (
                    Screen::Approval(a),
                    vec![Effect::Decide {
                        visit,
                        supervisor,
                        pin,
                        cmd,
                    }],
                );
            }
            Some(Action::Left | Action::Right) if a.focus == ApprovalFocus::Decision => {
                a.reject = !a.reject;
            }
            Some(Action::Left) if a.focus == ApprovalFocus::Supervisor => {
                a.selected = a.selected.saturating_sub(1);
            }
            Some(Action::Right)
                if a.focus == ApprovalFocus::Supervisor && a.selected + 1 < a.supervisors.len() =>
            {
                a.selected += 1;
            }
            _ if a.focus == ApprovalFocus::Decision && ch == Some(' ') => a.reject = !a.reject,
            _ if a.focus == ApprovalFocus::Reason => edit_text(&mut a.reason, action, ch, 300),
            _ if a.focus == ApprovalFocus::Pin => {
                if let Some(c) = ch.filter(char::is_ascii_digit) {
                    if a.pin.len() < 12 {
                        a.pin.push(c);
                    }
                } else {
                    edit_text(&mut a.pin, action, None, 12);
                }
            }
            _ => {}
        }
        (Screen::Approval(a), Vec::new())
    }

    fn badge_key(&mut self, mut b: BadgeState, action: Option<Action>) -> (Screen, Vec<Effect>) {
        let free = self.free_badges();
        let escorts = self.choices(Some(Role::Operator));
        match action {
            Some(Action::Back) => return Self::home(),
            Some(Action::NextField | Action::PrevField | Action::Up | Action::Down) => {
                b.on_escort = !b.on_escort;
            }
            Some(Action::Left | Action::Right) => {
                let forward = action == Some(Action::Right);
                if b.on_escort {
                    let names: Vec<String> = escorts.iter().map(|e| e.0.0.to_string()).collect();
                    let cur = b.escort.map(|e| e.0.to_string()).unwrap_or_default();
                    b.escort = cycle(&names, &cur, forward).parse().ok().map(UserId);
                } else {
                    b.badge = Some(cycle(&free, b.badge.as_deref().unwrap_or(""), forward));
                }
            }
            Some(Action::Confirm) if !b.on_escort => b.on_escort = true,
            Some(Action::Confirm) => match (b.badge.clone(), b.escort) {
                (Some(badge), Some(escort)) if free.contains(&badge) => {
                    let id = b.visit.id;
                    return (
                        Screen::Badge(b),
                        vec![Effect::Apply(id, Command::IssueBadge { badge, escort })],
                    );
                }
                (Some(badge), Some(_)) => {
                    b.message = Some(Problem::BadgeTaken(badge));
                }
                _ => b.message = Some(Problem::BadgeEscortRequired),
            },
            _ => {}
        }
        (Screen::Badge(b), Vec::new())
    }

    fn checkout_key(
        mut c: CheckoutState,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        let focus = c.focus();
        let before = c.draft();
        let save = |c: &CheckoutState| Effect::SaveCheckoutDraft(c.visit.id, c.draft());
        match action {
            Some(Action::Back) => {
                let (screen, mut effects) = Self::home();
                if c.dirty {
                    effects.insert(0, save(&c));
                }
                return (screen, effects);
            }
            Some(Action::NextField | Action::Down) => c.move_focus(true),
            Some(Action::PrevField | Action::Up) => c.move_focus(false),
            Some(Action::Confirm) if focus == CheckoutFocus::Activity => match c.command() {
                Ok(cmd) => {
                    let id = c.visit.id;
                    let mut effects = Vec::new();
                    if c.dirty {
                        effects.push(save(&c));
                    }
                    effects.push(Effect::Apply(id, cmd));
                    return (Screen::Checkout(c), effects);
                }
                Err(msg) => c.message = Some(msg),
            },
            Some(Action::Confirm) => c.move_focus(true),
            Some(Action::Ok | Action::Left) if matches!(focus, CheckoutFocus::Item(_)) => {
                c.answer(Some(true));
            }
            Some(Action::NotOk | Action::Right) if matches!(focus, CheckoutFocus::Item(_)) => {
                c.answer(Some(false));
            }
            // On the ID box, ← (Ok) ticks it and → (NotOk) clears it;
            // Space flips it.
            Some(Action::Ok) if focus == CheckoutFocus::IdReturned => c.id_returned = true,
            Some(Action::NotOk) if focus == CheckoutFocus::IdReturned => c.id_returned = false,
            _ if focus == CheckoutFocus::IdReturned => {
                if ch == Some(' ') || matches!(action, Some(Action::Left | Action::Right)) {
                    c.id_returned = !c.id_returned;
                }
            }
            _ if matches!(focus, CheckoutFocus::Item(_)) => match ch {
                Some('o' | 'O' | 'y' | 'Y') => c.answer(Some(true)),
                Some('n' | 'N' | 't' | 'T') => c.answer(Some(false)),
                _ => {}
            },
            _ => {
                if let Some(buf) = c.text_mut(focus) {
                    let max = if focus == CheckoutFocus::Activity {
                        500
                    } else {
                        200
                    };
                    edit_text(buf, action, ch, max);
                }
                if focus == CheckoutFocus::Badge {
                    c.confirm_lost = false;
                }
            }
        }
        // Saved on each change, as the form is: a choice or the focus
        // moving saves at once, typing within a second (`on_tick`), so
        // that a restart (even kill -9) resumes the check-out as typed.
        if c.draft() != before {
            c.dirty = true;
        }
        let typed = c.focus() == focus
            && matches!(
                focus,
                CheckoutFocus::Badge | CheckoutFocus::Note(_) | CheckoutFocus::Activity
            );
        let mut effects = Vec::new();
        if c.dirty && !typed {
            effects.push(save(&c));
            c.dirty = false;
        }
        (Screen::Checkout(c), effects)
    }

    fn archive_key(mut a: ArchiveState, action: Option<Action>) -> (Screen, Vec<Effect>) {
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

    // ---- answers from the shell ----

    /// Fresh data from the store.
    pub fn on_data(
        &mut self,
        dashboard: Dashboard,
        users: Vec<User>,
        badges_unavailable: Vec<String>,
    ) {
        // Home keeps its selection on the same visit, wherever the new
        // list puts it: Enter opens the row that was highlighted.
        let selected_visit = match &self.screen {
            Screen::Home(h) => self.home_rows().get(h.selected).map(|s| s.visit.id),
            _ => None,
        };
        self.dashboard = dashboard;
        self.users = users;
        self.badges_unavailable = badges_unavailable;
        let position =
            selected_visit.and_then(|id| self.home_rows().iter().position(|s| s.visit.id == id));
        if let Screen::Home(h) = &mut self.screen {
            let n = self.dashboard.open.len();
            h.selected = position.unwrap_or(h.selected).min(n.saturating_sub(1));
        }
        if let Screen::Accounts(a) = &mut self.screen {
            a.selected = a.selected.min(self.users.len().saturating_sub(1));
        }
        if let Screen::SignIn(p) = &mut self.screen {
            let choices: Vec<(UserId, String)> = self
                .users
                .iter()
                .filter(|u| u.active)
                .map(|u| (u.id, u.name.clone()))
                .collect();
            if p.choices != choices {
                p.choices = choices;
                p.selected = p.selected.min(p.choices.len().saturating_sub(1));
            }
        }
        if let Screen::Badge(b) = &mut self.screen
            && b.escort.is_none()
        {
            b.escort = self
                .on_duty
                .as_ref()
                .filter(|u| u.role == Role::Operator)
                .map(|u| u.id);
        }
    }

    /// An account was created.
    pub fn on_user_created(&mut self, user: &User, first: bool) {
        if first {
            self.screen = Screen::SignIn(PinPrompt::new(vec![(user.id, user.name.clone())]));
            self.overlay = Some(Overlay::Told(Notice::SetupDone {
                name: user.name.clone(),
            }));
        } else if let Screen::Accounts(a) = &mut self.screen {
            a.form = None;
            a.selected = self
                .users
                .iter()
                .position(|u| u.id == user.id)
                .unwrap_or(a.selected);
            a.message = Some(AccountNote::Created {
                name: user.name.clone(),
            });
        }
    }

    pub fn on_signed_in(&mut self, user: User) {
        self.on_duty = Some(user);
        self.screen = Screen::Home(HomeState::default());
    }

    pub fn on_signed_out(&mut self) {
        self.on_duty = None;
        let choices = self.choices(None);
        self.screen = Screen::SignIn(PinPrompt::new(choices));
    }

    /// A PIN was refused: say why on the screen that asked.
    pub fn on_pin_refused(&mut self, check: &PinCheck) {
        let Some(refusal) = PinRefusal::of(check) else {
            return;
        };
        let msg = Problem::Pin(refusal);
        match (&mut self.screen, &mut self.overlay) {
            (_, Some(Overlay::ExitPin(p))) => p.message = Some(msg),
            (Screen::SignIn(p), _) => p.message = Some(msg),
            (Screen::Approval(a), _) => {
                a.message = Some(msg);
                a.focus = ApprovalFocus::Pin;
            }
            _ => self.overlay = Some(Overlay::Error(Failure::Pin(refusal))),
        }
    }

    /// What the next key would act on: the visit on a step screen, or the
    /// visit selected on Home.
    pub fn key_target(&self) -> Option<KeyTarget> {
        match &self.screen {
            Screen::Home(h) => self
                .home_rows()
                .get(h.selected)
                .map(|s| KeyTarget::of(&s.visit)),
            _ => self.visit_on_screen().map(KeyTarget::of),
        }
    }

    /// The visit the next key would have acted on (`drawn`) is not what it
    /// was: tell so, so the next key only closes the notice. A box already
    /// open stays (it takes the next key itself).
    pub fn on_changed_under_key(&mut self, drawn: KeyTarget, last: Option<LastChange>) {
        if self.overlay.is_none() {
            self.overlay = Some(Overlay::Told(Notice::ChangedElsewhere {
                visit: drawn.visit,
                last,
            }));
        }
    }

    /// A step could not be recorded.
    pub fn on_error(&mut self, failure: Failure) {
        self.overlay = Some(Overlay::Error(failure));
    }

    /// Show a visit at the screen of its step.
    pub fn on_visit(&mut self, visit: Visit, events: Vec<EventRow>) {
        self.overlay = None;
        let free = self.free_badges();
        self.screen = match visit.stage() {
            Stage::Draft => {
                let mut draft = visit.form.clone();
                // A new form starts with the defaults a door sees most:
                // the first ID type (KTP) and the configured duration.
                if draft.planned_minutes.is_empty() {
                    draft.planned_minutes = self.config.visit.default_duration_minutes.to_string();
                }
                if let (true, Some(first)) =
                    (draft.id_type.is_empty(), self.config.visit.id_types.first())
                {
                    draft.id_type.clone_from(first);
                }
                Screen::Form(FormState::new(visit.id, visit.started_at, draft))
            }
            Stage::Review => Screen::Review(ReviewState { visit }),
            Stage::AwaitingApproval => {
                let supervisors: Vec<(UserId, String)> = self
                    .choices(Some(Role::Supervisor))
                    .into_iter()
                    .filter(|(id, _)| Some(*id) != visit.submitted_by)
                    .collect();
                Screen::Approval(ApprovalState::new(visit, supervisors))
            }
            Stage::Approved => {
                let escort = self
                    .on_duty
                    .as_ref()
                    .filter(|u| u.role == Role::Operator)
                    .map(|u| u.id);
                Screen::Badge(BadgeState {
                    badge: free.first().cloned(),
                    escort: escort
                        .or_else(|| self.choices(Some(Role::Operator)).first().map(|c| c.0)),
                    visit,
                    on_escort: false,
                    message: None,
                })
            }
            Stage::RejectedIdHeld => Screen::ReturnId(ReviewState { visit }),
            // Step 5 done: the visitor is in the room; the console goes
            // back to the dashboard until the check-out is opened from it.
            Stage::Inside => Screen::Home(HomeState::default()),
            Stage::CheckingOut => {
                let items = self.config.visit.checklist.clone();
                Screen::Checkout(CheckoutState::new(visit, &items))
            }
            Stage::Rejected | Stage::Cancelled | Stage::CheckedOut | Stage::Archived => {
                Screen::Archive(ArchiveState {
                    visit,
                    events,
                    scroll: 0,
                })
            }
        };
    }
}

fn can_cancel(s: Status) -> bool {
    matches!(
        s,
        Status::Draft | Status::Review | Status::AwaitingApproval | Status::Approved
    )
}

/// The next (or previous) entry of `list` after `current`.
fn cycle(list: &[String], current: &str, forward: bool) -> String {
    if list.is_empty() {
        return current.to_owned();
    }
    let n = list.len();
    let next = match list.iter().position(|x| x == current) {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None if forward => 0,
        None => n - 1,
    };
    list[next].clone()
}

fn max_len(field: crate::domain::visit::FormField) -> usize {
    use crate::domain::visit::{self as v, FormField as F};
    match field {
        F::FullName | F::PersonVisited => 80,
        F::IdNumber => 40,
        F::Phone => 20,
        F::PlannedMinutes => 3,
        F::Organisation => v::MAX_ORGANISATION,
        F::PurposeDetail => v::MAX_DETAIL,
        F::Equipment => v::MAX_EQUIPMENT,
        F::IdType | F::Purpose | F::IdHeld => 40,
    }
}

/// Type into a text buffer: characters appended (control characters never
/// arrive here), Backspace removes one, Ctrl-U clears; bounded length.
pub fn edit_text(buf: &mut String, action: Option<Action>, ch: Option<char>, max: usize) {
    match action {
        Some(Action::Backspace) => {
            buf.pop();
        }
        Some(Action::ClearField) => buf.clear(),
        _ => {
            if let Some(c) = ch.filter(|c| !c.is_control())
                && buf.chars().count() < max
            {
                buf.push(c);
            }
        }
    }
}
