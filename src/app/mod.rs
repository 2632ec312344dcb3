//! UI state and what keys do to it. No terminal and no database here:
//! [`App::update`] changes the state and returns [`Effect`]s, which the
//! shell runs against the store and answers through the `on_*` methods.

mod alerts;
mod answers;
mod desk;
mod effect;
#[cfg(test)]
mod fixtures;
mod hints;
mod input;
pub mod keymap;
mod overlay;
mod reasons;
/// The returning visitor's panel on the form.
mod returning;
mod screens;
/// Teams: the leader's form, its members, the team's watchlist matches.
mod team;

// One module per screen, as in `ui/`: its state, keys and facts. The
// screens are listed in `screens.rs`; the modules are declared here so
// that rustfmt (which does not expand macros) finds their files.
mod accounts;
mod approval;
mod archive;
mod badge;
mod checkout;
mod counts;
mod day_log;
mod detail;
mod end_of_shift;
mod form;
mod home;
mod plans;
mod privacy;
mod return_id;
mod review;
mod search;
mod setup;
mod sign_in;
mod watchlist;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use accounts::*;
pub use alerts::{AlertKind, AlertState};
pub use answers::{Answer, DeskDue, Loaded};
pub use approval::*;
pub use archive::*;
pub use badge::*;
pub use checkout::*;
pub use counts::*;
pub use day_log::*;
pub use desk::*;
pub use detail::*;
pub use effect::*;
pub use end_of_shift::*;
pub use form::*;
pub use hints::Hint;
pub use home::*;
pub use input::{Accepts, FocusMove, LineInput, Shown, move_focus};
pub use overlay::*;
pub use plans::*;
pub use privacy::*;
pub use reasons::{AccountNote, Failure, PinRefusal, Problem};
pub use return_id::*;
pub use returning::*;
pub use review::*;
pub use screens::*;
pub use search::*;
pub use setup::*;
pub use sign_in::*;
pub use watchlist::*;

use crate::config::Config;
use crate::domain::audit::AuditAction;
use crate::domain::badge::BadgeNo;
use crate::domain::fields::is_dropped;
use crate::domain::stage::Stage;
use crate::domain::visit::{Role, Time, UserId, Visit, VisitId};
use crate::store::{ATTEMPT_REFUSED, Dashboard, EventRow, LastChange, PinCheck, User};
use keymap::Action;

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
    pub badges_unavailable: Vec<BadgeNo>,
    /// Past days not yet reviewed by a supervisor, newest first.
    pub unreviewed: Vec<chrono::NaiveDate>,
    /// The start day of the oldest visit past the retention period that
    /// still holds personal data (supervisors only).
    pub retention_due: Option<chrono::NaiveDate>,
    pub quit: bool,
    /// The terminal is below the minimum size: only a message is drawn.
    pub too_small: bool,
    /// The glyphs and colours the terminal shows, decided once at start.
    pub charset: crate::config::Charset,
    /// The watchlist entries in force, as last loaded.
    pub watchlist: Vec<crate::domain::watchlist::WatchEntry>,
    /// Planned visits still to come or under way, as last loaded.
    pub plans: Vec<crate::domain::plan::Plan>,
    /// What the alerts saw at their last look (see `alerts`).
    pub alerts: AlertState,
    /// Teams: the members of the closed visit on screen (a leader's), as
    /// last loaded: open visits' teams come with the dashboard.
    pub team_shown: Option<(VisitId, Vec<(VisitId, String)>)>,
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
            retention_due: None,
            quit: false,
            too_small: false,
            charset: crate::config::Charset::Unicode,
            watchlist: Vec::new(),
            plans: Vec::new(),
            alerts: AlertState::default(),
            team_shown: None,
        }
    }

    /// A timer is on screen: the shell ticks once a second.
    pub fn needs_tick(&self) -> bool {
        self.screen.kind().ticks() || self.alert_repeat_pending()
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

    /// Badges of the pool that are free now (the configuration's numbers,
    /// checked when it was loaded).
    /// This door's badges and the shared ones come first, then those of
    /// other doors (offered, so that a badge in hand can be picked and
    /// refused with the door it belongs to).
    pub fn free_badges(&self) -> Vec<BadgeNo> {
        let mut free: Vec<BadgeNo> = self
            .config
            .visit
            .badges
            .iter()
            .filter_map(|b| BadgeNo::try_from(b.as_str()).ok())
            .filter(|b| !self.badges_unavailable.contains(b))
            .collect();
        free.sort_by_key(|b| self.badge_of_other_door(b).is_some());
        free
    }

    /// The other door a badge belongs to, if it is not this console's.
    pub fn badge_of_other_door(&self, badge: &BadgeNo) -> Option<String> {
        self.config
            .badge_door(badge.as_str())
            .filter(|d| *d != self.config.door)
            .map(str::to_owned)
    }

    /// Handle one message. Returns the work for the shell.
    pub fn update(&mut self, msg: Msg, now: Time) -> Vec<Effect> {
        self.now = now;
        match msg {
            Msg::Tick => {
                let mut effects = self.on_tick();
                effects.extend(self.check_alerts());
                effects
            }
            Msg::Clock => self.check_alerts(),
            Msg::DatabaseChanged => self.on_database_changed(),
            Msg::Answer(answer) => {
                // A visit newly shown: its team, if the screen lacks it.
                let shows_visit = matches!(
                    answer,
                    Answer::VisitOpened { .. }
                        | Answer::Applied { .. }
                        | Answer::Detail { .. }
                        | Answer::VisitRefreshed { .. }
                        | Answer::Refused { .. }
                );
                let mut effects = self.on_answer(answer);
                if shows_visit {
                    effects.extend(self.team_query());
                }
                effects
            }
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
        self.screen.tick()
    }

    pub(crate) fn typing(&self) -> bool {
        self.screen.typing()
    }

    /// A paste goes into the field in focus as text, at the cursor: the
    /// end of the copied line is left out, other newlines and tabs become
    /// spaces, control and format characters are dropped, the length is
    /// capped. Where no field takes text it is ignored, so pasted letters
    /// never run commands.
    fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        let clean: String = text
            .trim_end_matches(['\r', '\n'])
            .replace("\r\n", "\n")
            .chars()
            .map(|c| {
                if matches!(c, '\r' | '\n' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !is_dropped(*c))
            .take(PASTE_MAX)
            .collect();
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
        // A lookup per pasted character: only the last of each kind is asked.
        let lookup = |e: &Effect| match e {
            Effect::FindNames { .. } => Some(0),
            Effect::FindReturning { .. } => Some(1),
            _ => None,
        };
        let mut seen = [false; 2];
        let mut kept: Vec<Effect> = Vec::with_capacity(effects.len());
        for e in effects.into_iter().rev() {
            if let Some(k) = lookup(&e) {
                if seen[k] {
                    continue;
                }
                seen[k] = true;
            }
            kept.push(e);
        }
        kept.reverse();
        kept
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

    fn screen_key(
        &mut self,
        screen: Screen,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        screen.key(self, action, ch)
    }

    pub(crate) fn home() -> (Screen, Vec<Effect>) {
        (Screen::Home(HomeState::default()), vec![Effect::Reload])
    }

    // ---- answers from the shell ----

    /// Fresh data from the store.
    pub fn on_data(
        &mut self,
        dashboard: Dashboard,
        users: Vec<User>,
        badges_unavailable: Vec<BadgeNo>,
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
        let watch = match &self.screen {
            Screen::Approval(a) => Some(self.team_watch_hits(&a.visit)),
            _ => None,
        };
        if let (Screen::Approval(a), Some(watch)) = (&mut self.screen, watch)
            && a.watch != watch
        {
            // The list changed under the screen: what was confirmed is
            // asked again.
            a.watch = watch;
            a.confirm_watch = false;
        }
        if let Screen::Watchlist(w) = &mut self.screen {
            w.selected = w.selected.min(self.watchlist.len().saturating_sub(1));
        }
        let plan_rows = self.plan_rows().len();
        if let Screen::Plans(p) = &mut self.screen {
            p.selected = p.selected.min(plan_rows.saturating_sub(1));
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
            (Screen::SignIn(p), _) => {
                p.checking = false;
                p.message = Some(msg);
            }
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
                Screen::Form(
                    FormState::new(visit.id, visit.started_at, draft).member_of(visit.team),
                )
            }
            Stage::Review => Screen::Review(ReviewState { visit }),
            Stage::AwaitingApproval => {
                let supervisors: Vec<(UserId, String)> = self
                    .choices(Some(Role::Supervisor))
                    .into_iter()
                    .filter(|(id, _)| Some(*id) != visit.submitted_by)
                    .collect();
                let watch = self.team_watch_hits(&visit);
                let mut a = ApprovalState::new(visit, supervisors);
                a.watch = watch;
                Screen::Approval(a)
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
            Stage::RejectedIdHeld => Screen::ReturnId(ReturnIdState { visit }),
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

/// The next (or previous) entry of `list` after `current`.
pub(super) fn cycle(list: &[String], current: &str, forward: bool) -> String {
    let current = current.to_owned();
    cycle_item(list, Some(&current), forward).unwrap_or(current)
}

/// The next (or previous) entry of `list` after `current`: the first (or
/// last) when `current` is not in it; `None` for an empty list.
pub(super) fn cycle_item<T: Clone + PartialEq>(
    list: &[T],
    current: Option<&T>,
    forward: bool,
) -> Option<T> {
    if list.is_empty() {
        return None;
    }
    let n = list.len();
    let next = match current.and_then(|c| list.iter().position(|x| x == c)) {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None if forward => 0,
        None => n - 1,
    };
    list.get(next).cloned()
}
