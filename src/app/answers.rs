//! The shell's answers: what the store said, back through [`App::update`].
//! The rules of the procedure that follow an answer live here (start the
//! check-out when a visitor inside is opened; only a supervisor may close
//! the kiosk; an account is checked again before it is disabled), so they
//! are tested without `SQLite`.

use chrono::NaiveDate;

use super::{
    AccountChange, App, Effect, Failure, KeyTarget, Notice, Overlay, Screen, ShiftList, Stats,
    disable_refusal, last_change,
};
use crate::domain::stage::Stage;
use crate::domain::visit::{Command, Role, UserId, Visit, VisitId};
use crate::report::output::Delivered;
use crate::store::{Dashboard, EventRow, PinCheck, Refusal, StoreError, User, VisitSummary};

/// The lists every screen may show, as loaded after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub dashboard: Dashboard,
    pub users: Vec<User>,
    pub badges_unavailable: Vec<crate::domain::badge::BadgeNo>,
    /// What waits for a supervisor (loaded for supervisors only).
    pub desk: Option<DeskDue>,
    /// The watchlist entries in force.
    pub watchlist: Vec<crate::domain::watchlist::WatchEntry>,
    /// Planned visits still to come or under way.
    pub plans: Vec<crate::domain::plan::Plan>,
}

/// What waits for a supervisor's attention, shown on Home.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskDue {
    /// Past days not reviewed, newest first.
    pub unreviewed: Vec<NaiveDate>,
    /// The day the oldest visit past the retention period started that
    /// still holds personal data (`anonymize --due` removes it).
    pub retention_due: Option<NaiveDate>,
}

/// What the store answered to an [`Effect`].
#[derive(Debug)]
pub enum Answer {
    /// The effect was done; nothing to show.
    Done,
    Loaded(Box<Loaded>),
    UserCreated {
        user: User,
        first: bool,
    },
    /// A PIN typed at sign-in, checked.
    SignIn(PinCheck),
    SignedOut,
    VisitCreated(Visit),
    /// A command was recorded: the visit as it is now.
    Applied {
        visit: Visit,
        events: Vec<EventRow>,
        cmd: Command,
    },
    /// A supervisor's PIN was refused; nothing was decided.
    PinRefused(PinCheck),
    /// A visit opened from a list, as stored, with the state its row was
    /// drawn in.
    VisitOpened {
        visit: Visit,
        events: Vec<EventRow>,
        drawn: KeyTarget,
    },
    /// A step lost to another console's and was not recorded (the refused
    /// attempt is an audit event): the visit as it is now.
    Refused {
        refusal: Refusal,
        visit: Visit,
        events: Vec<EventRow>,
    },
    /// Teams: a closed leader's members, by name.
    Team {
        leader: VisitId,
        members: Vec<(VisitId, String)>,
    },
    /// The visit on screen, read again after another console's change.
    VisitRefreshed {
        visit: Visit,
        events: Vec<EventRow>,
    },
    /// The PIN typed to leave the kiosk, checked.
    ExitPin(PinCheck),
    /// The accounts as they are now, before `user` is disabled.
    BeforeDisable {
        user: UserId,
        users: Vec<User>,
    },
    AccountChanged {
        user: User,
        change: AccountChange,
    },
    DayLog {
        query: Effect,
        rows: Vec<VisitSummary>,
        total: u32,
        review: Option<super::ReviewMark>,
        /// The doors visits were started at (for the door filter).
        doors: Vec<String>,
    },
    DayReviewed(NaiveDate),
    Counts {
        query: Effect,
        day: Stats,
        month: Stats,
    },
    Search {
        query: Effect,
        results: Vec<VisitSummary>,
    },
    Detail {
        visit: Visit,
        events: Vec<EventRow>,
    },
    EndOfShift(ShiftList),
    /// A document went to the printer or a file, or could not.
    Delivered {
        outcome: Result<Delivered, String>,
        /// The end-of-shift list printed (what is true now).
        shift: Option<ShiftList>,
    },
    CorrectionAdded {
        visit: Visit,
        events: Vec<EventRow>,
    },
    /// A found badge: back in the pool (with the list as it is now), or
    /// it was not recorded lost.
    BadgeRestored {
        badge: crate::domain::badge::BadgeNo,
        list: Option<ShiftList>,
    },
    /// A watchlist entry was added or removed.
    WatchChanged(super::WatchNote),
    /// A plan was added or cancelled.
    PlanChanged(super::PlanNote),
    /// A visit started from a plan was submitted (step 3): the visit as
    /// it is now.
    PlannedSubmitted {
        visit: Visit,
        events: Vec<EventRow>,
    },
    /// Step 4 of a planned visit asked of its plan: recorded as
    /// pre-approved, or `refused` (why), and the visit waits in the
    /// approval queue.
    PreApproval {
        visit: Visit,
        events: Vec<EventRow>,
        refused: Option<super::NotPreApproved>,
    },
    /// The earlier visits of an ID number typed on the form.
    Returning {
        visit: crate::domain::visit::VisitId,
        id_number: String,
        found: Option<crate::domain::returning::Returning>,
    },
    /// Names seen before that start with `prefix`.
    KnownNames {
        visit: crate::domain::visit::VisitId,
        prefix: String,
        names: Vec<crate::domain::returning::KnownName>,
    },
    /// The store refused or failed; `reload` when what is shown may be stale.
    Failed {
        error: StoreError,
        reload: bool,
    },
}

impl Answer {
    /// The visit on screen read again.
    pub fn refreshed((visit, events): (Visit, Vec<EventRow>)) -> Answer {
        Answer::VisitRefreshed { visit, events }
    }

    /// A visit in full for the detail screen.
    pub fn detail((visit, events): (Visit, Vec<EventRow>)) -> Answer {
        Answer::Detail { visit, events }
    }
}

impl App {
    /// Handle the store's answer to an effect; returns further effects.
    pub(super) fn on_answer(&mut self, answer: Answer) -> Vec<Effect> {
        // Whatever came back, the PIN check (if one ran) is over.
        if let Screen::SignIn(p) = &mut self.screen {
            p.checking = false;
        }
        match answer {
            Answer::Done => Vec::new(),
            Answer::Loaded(l) => {
                let Loaded {
                    dashboard,
                    users,
                    badges_unavailable,
                    desk,
                    watchlist,
                    plans,
                } = *l;
                self.watchlist = watchlist;
                self.plans = plans;
                self.on_data(dashboard, users, badges_unavailable);
                if let Some(due) = desk {
                    self.on_desk_due(due);
                }
                self.check_alerts()
            }
            Answer::UserCreated { user, first } => {
                if !self.users.iter().any(|u| u.id == user.id) {
                    self.users.push(user.clone());
                }
                self.on_user_created(&user, first);
                vec![Effect::Reload]
            }
            Answer::SignIn(check) => match check {
                PinCheck::Ok(u) => {
                    self.on_signed_in(u);
                    vec![Effect::Reload]
                }
                other => {
                    self.on_pin_refused(&other);
                    Vec::new()
                }
            },
            Answer::SignedOut => {
                self.on_signed_out();
                vec![Effect::Reload]
            }
            Answer::VisitCreated(v) => {
                self.on_visit(v, Vec::new());
                vec![Effect::Reload]
            }
            Answer::Applied { visit, events, cmd } => {
                if closes(&cmd) {
                    self.overlay = (cmd == Command::RefuseNotice)
                        .then_some(Overlay::Told(Notice::PrivacyRefused(visit.id)));
                    self.screen = Screen::Home(super::HomeState::default());
                } else {
                    self.on_visit(visit, events);
                }
                vec![Effect::Reload]
            }
            Answer::PinRefused(check) => {
                self.on_pin_refused(&check);
                Vec::new()
            }
            Answer::VisitOpened {
                visit,
                events,
                drawn,
            } => self.on_opened(visit, events, drawn),
            Answer::Refused {
                refusal,
                visit,
                events,
            } => {
                // Show the visit as it is now, and say what happened and
                // what was not recorded.
                if self.visit_on_screen().is_some_and(|v| v.id == visit.id) {
                    self.on_visit(visit, events);
                }
                self.overlay = Some(Overlay::Told(Notice::Refused(refusal)));
                vec![Effect::Reload]
            }
            Answer::VisitRefreshed { visit, events } => {
                let drawn = self
                    .visit_on_screen()
                    .filter(|v| v.id == visit.id && visit_moved_on(v, &visit))
                    .map(KeyTarget::of);
                if let Some(drawn) = drawn {
                    // A key never acts on a screen that changed under it:
                    // the next one only closes a notice saying what changed.
                    let last = last_change(&events);
                    self.on_visit(visit, events);
                    self.on_changed_under_key(drawn, last);
                }
                Vec::new()
            }
            Answer::ExitPin(check) => {
                match check {
                    PinCheck::Ok(u) if u.role == Role::Supervisor => self.quit = true,
                    PinCheck::Ok(_) => self.on_pin_refused(&PinCheck::Disabled),
                    other => self.on_pin_refused(&other),
                }
                Vec::new()
            }
            Answer::BeforeDisable { user, users } => {
                // Checked again against the database: another console may
                // have disabled a supervisor meanwhile.
                let me = self.on_duty.as_ref().map(|u| u.id);
                if let Some(why) = disable_refusal(&users, user, me) {
                    let name = users
                        .iter()
                        .find(|u| u.id == user)
                        .map_or_else(|| "-".to_owned(), |u| u.name.clone());
                    self.on_account_refused(why, &name);
                    Vec::new()
                } else {
                    vec![Effect::DisableUser(user)]
                }
            }
            Answer::AccountChanged { user, change } => {
                self.on_account_changed(&user, change);
                vec![Effect::Reload]
            }
            Answer::DayLog {
                query,
                rows,
                total,
                review,
                doors,
            } => {
                self.on_day_log(&query, rows, total, review);
                if let Screen::DayLog(s) = &mut self.screen {
                    s.doors = doors;
                }
                Vec::new()
            }
            Answer::DayReviewed(day) => {
                self.on_day_reviewed(day);
                self.screen_query().into_iter().collect()
            }
            Answer::Counts { query, day, month } => {
                self.on_counts(&query, day, month);
                Vec::new()
            }
            Answer::Search { query, results } => {
                self.on_search(&query, results);
                Vec::new()
            }
            Answer::Detail { visit, events } => {
                self.on_detail(visit, events);
                Vec::new()
            }
            Answer::Team { leader, members } => {
                self.team_shown = Some((leader, members));
                Vec::new()
            }
            Answer::EndOfShift(list) => {
                self.on_end_of_shift(list);
                Vec::new()
            }
            Answer::Delivered { outcome, shift } => {
                if let Some(list) = shift {
                    self.on_end_of_shift(list);
                }
                match outcome {
                    Ok(Delivered::Printed { command }) => {
                        self.overlay = Some(Overlay::Told(Notice::Printed { command }));
                    }
                    Ok(Delivered::Saved(path)) => {
                        self.overlay = Some(Overlay::Told(Notice::Saved { path }));
                    }
                    Ok(Delivered::PrintFailed { error, saved }) => {
                        self.overlay = Some(Overlay::Told(Notice::PrintFailed { error, saved }));
                    }
                    Err(_) => {
                        let printing = !self.config.report.print_command.trim().is_empty();
                        self.on_error(Failure::Document { printing });
                    }
                }
                Vec::new()
            }
            Answer::CorrectionAdded { visit, events } => {
                let id = visit.id;
                self.on_detail(visit, events);
                self.overlay = Some(Overlay::Told(Notice::CorrectionRecorded(id)));
                Vec::new()
            }
            Answer::BadgeRestored { badge, list } => {
                if let Some(list) = list {
                    self.on_end_of_shift(list);
                    self.overlay = Some(Overlay::Told(Notice::BadgeRestored(badge)));
                    vec![Effect::Reload]
                } else {
                    self.on_error(Failure::BadgeNotLost(badge));
                    Vec::new()
                }
            }
            Answer::PlanChanged(note) => {
                self.on_plan_changed(note);
                vec![Effect::Reload]
            }
            // Step 3 of a planned visit is done: step 4 is asked of the plan.
            Answer::PlannedSubmitted { visit, events } => {
                let id = visit.id;
                self.on_visit(visit, events);
                vec![Effect::Reload, Effect::PreApprove(id)]
            }
            Answer::PreApproval {
                visit,
                events,
                refused,
            } => {
                self.on_visit(visit, events);
                // A visit not started from a plan has nothing to say.
                let unplanned =
                    super::NotPreApproved::Plan(crate::domain::plan::PlanRefusal::NotFromPlan);
                if let Some(why) = refused.filter(|w| *w != unplanned) {
                    self.overlay = Some(Overlay::Told(Notice::NotPreApproved(why)));
                }
                vec![Effect::Reload]
            }
            Answer::WatchChanged(note) => {
                self.on_watch_changed(note);
                vec![Effect::Reload]
            }
            Answer::Returning {
                visit,
                id_number,
                found,
            } => {
                self.on_returning(visit, &id_number, found);
                Vec::new()
            }
            Answer::KnownNames {
                visit,
                prefix,
                names,
            } => {
                self.on_known_names(visit, &prefix, names);
                Vec::new()
            }
            Answer::Failed { error, reload } => {
                self.on_error(Failure::Store((&error).into()));
                // Whatever was shown may be stale now.
                if reload {
                    vec![Effect::Reload]
                } else {
                    Vec::new()
                }
            }
        }
    }

    /// A visit opened from a list: a visitor inside goes to check-out,
    /// which is recorded as started (the step-6 timer runs from here).
    /// A row that moved on since it was drawn (e.g. the visitor was let in
    /// at another console) is shown with a notice; nothing is started.
    fn on_opened(&mut self, visit: Visit, events: Vec<EventRow>, drawn: KeyTarget) -> Vec<Effect> {
        if KeyTarget::of(&visit) != drawn {
            let last = last_change(&events);
            self.on_visit(visit, events);
            self.on_changed_under_key(drawn, last);
            return vec![Effect::Reload];
        }
        // A member handed in with the team is shown with it: the leader.
        if let Some(leader) = visit.team
            && matches!(visit.stage(), Stage::Review | Stage::AwaitingApproval)
        {
            let stage = visit.stage();
            return vec![Effect::OpenVisit(KeyTarget {
                visit: leader,
                stage,
            })];
        }
        if visit.stage() == Stage::Inside && self.on_duty.is_some() {
            return vec![Effect::Apply(visit.id, Command::BeginCheckout)];
        }
        self.on_visit(visit, events);
        Vec::new()
    }

    /// The visit a step screen shows, if one does.
    pub fn visit_on_screen(&self) -> Option<&Visit> {
        self.screen.visit()
    }

    /// Another console committed: reload the lists, follow the visit on
    /// screen if it moved on, and run the screen's query again.
    pub(super) fn on_database_changed(&mut self) -> Vec<Effect> {
        let mut effects = vec![Effect::Reload];
        if let Some(v) = self.visit_on_screen() {
            effects.push(Effect::RefreshVisit(v.id));
        }
        effects.extend(self.screen_query());
        effects
    }
}

/// A command after which the console goes back to the dashboard.
fn closes(cmd: &Command) -> bool {
    matches!(
        cmd,
        Command::Cancel { .. } | Command::ReturnId | Command::RefuseNotice
    )
}

/// The visit changed in a way that moves it to another screen.
fn visit_moved_on(shown: &Visit, fresh: &Visit) -> bool {
    fresh.status != shown.status || fresh.id_returned_at != shown.id_returned_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::{app, now, user};
    use crate::domain::visit::{Status, VisitId};

    fn inside(checkout_started: bool) -> Visit {
        let mut v = Visit::start(VisitId(7), UserId(2), now());
        v.status = Status::Inside;
        v.badge = Some(crate::domain::badge::BadgeNo::try_from("V-01").unwrap());
        v.checkout_started_at = checkout_started.then(now);
        v
    }

    #[test]
    fn opening_a_visitor_inside_starts_the_check_out() {
        let mut a = app(Role::Operator);
        let effects = a.on_answer(Answer::VisitOpened {
            visit: inside(false),
            events: Vec::new(),
            drawn: KeyTarget::of(&inside(false)),
        });
        assert_eq!(
            effects,
            vec![Effect::Apply(VisitId(7), Command::BeginCheckout)]
        );
        let effects = a.on_answer(Answer::Applied {
            visit: inside(true),
            events: Vec::new(),
            cmd: Command::BeginCheckout,
        });
        assert_eq!(effects, vec![Effect::Reload]);
        assert!(matches!(a.screen, Screen::Checkout(_)));
        // Already started: straight to the screen, nothing recorded.
        let mut a = app(Role::Operator);
        let effects = a.on_answer(Answer::VisitOpened {
            visit: inside(true),
            events: Vec::new(),
            drawn: KeyTarget::of(&inside(true)),
        });
        assert!(effects.is_empty());
        assert!(matches!(a.screen, Screen::Checkout(_)));
    }

    #[test]
    fn only_a_supervisors_pin_closes_the_kiosk() {
        let mut a = app(Role::Operator);
        a.on_answer(Answer::ExitPin(PinCheck::Ok(user(2, Role::Operator))));
        assert!(!a.quit);
        assert!(matches!(a.overlay, Some(Overlay::Error(_))));
        a.on_answer(Answer::ExitPin(PinCheck::Ok(user(1, Role::Supervisor))));
        assert!(a.quit);
    }

    #[test]
    fn disabling_is_checked_again_against_the_fresh_accounts() {
        let mut a = app(Role::Supervisor);
        a.screen = Screen::Accounts(super::super::AccountsState::default());
        // Meanwhile the only other supervisor was disabled elsewhere.
        let mut other = user(3, Role::Supervisor);
        let mut me = user(1, Role::Supervisor);
        me.active = false;
        other.active = true;
        let fresh = vec![me, other, user(2, Role::Operator)];
        let effects = a.on_answer(Answer::BeforeDisable {
            user: UserId(3),
            users: fresh.clone(),
        });
        assert!(effects.is_empty());
        let Screen::Accounts(s) = &a.screen else {
            panic!("accounts")
        };
        assert!(matches!(
            &s.message,
            Some(super::super::AccountNote::Refused { name, .. }) if name == "User 3"
        ));
        let effects = a.on_answer(Answer::BeforeDisable {
            user: UserId(2),
            users: fresh,
        });
        assert_eq!(effects, vec![Effect::DisableUser(UserId(2))]);
    }

    #[test]
    fn a_failed_reload_does_not_ask_for_another() {
        let mut a = app(Role::Operator);
        let effects = a.on_answer(Answer::Failed {
            error: StoreError::DraftLocked,
            reload: false,
        });
        assert!(effects.is_empty());
        assert!(matches!(a.overlay, Some(Overlay::Error(_))));
        let effects = a.on_answer(Answer::Failed {
            error: StoreError::DraftLocked,
            reload: true,
        });
        assert_eq!(effects, vec![Effect::Reload]);
    }
}
