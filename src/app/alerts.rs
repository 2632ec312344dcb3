//! Alerts: the terminal bell and the configured commands when a visit
//! starts waiting for approval (step 4) or a visitor inside starts to
//! overstay (step 5).
//!
//! Whose console: the bell rings, and the commands run, only where a
//! supervisor (Sub Koordinator Infrastruktur TIK) is signed in — the person
//! who decides step 4 and answers for an overstay. An operator's console
//! stays quiet (the operator started the visit and sees it on Home), so
//! several consoles on one database do not all ring, and a command
//! configured on every console runs once per supervisor console.
//!
//! What counts as new: the app remembers which visits were waiting and
//! which overstaying when it last looked, whoever was signed in. A visit is
//! new when it was not in the set last time; so a supervisor who signs in
//! is not rung at for what Home already shows, and a visit that waits
//! again after being sent back rings again. The sets are kept from the
//! dashboard this console loads after every change (its own or another
//! console's, through `Msg::DatabaseChanged`) and the clock.
//!
//! Pure: it returns [`Effect::Bell`] and [`Effect::RunHook`]; the shell
//! writes the bell through the terminal backend and spawns the command.

use std::collections::BTreeSet;

use chrono::Duration;

use super::{App, Effect};
use crate::config::BellMode;
use crate::domain::step::Step;
use crate::domain::visit::{Status, Time, VisitId};

/// Which kind of event an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertKind {
    /// A visit started waiting for approval (step 4).
    Waiting,
    /// A visitor inside passed the time standard (step 5).
    Overstay,
}

impl AlertKind {
    /// The name given to a command (`$DC_ACCESS_ALERT`) and in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Waiting => "waiting",
            AlertKind::Overstay => "overstay",
        }
    }

    /// The SOP step the event is at.
    pub fn step(self) -> Step {
        match self {
            AlertKind::Waiting => Step::Decide,
            AlertKind::Overstay => Step::Inside,
        }
    }
}

/// What the alerts remember between looks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertState {
    /// Visits waiting for approval at the last look.
    pub waiting: BTreeSet<VisitId>,
    /// Visitors inside past the standard at the last look.
    pub overstaying: BTreeSet<VisitId>,
    /// When the bell last rang here.
    pub last_bell: Option<Time>,
}

impl App {
    /// Visits waiting for approval now, as last loaded.
    pub fn waiting_now(&self) -> BTreeSet<VisitId> {
        self.dashboard
            .with_status(Status::AwaitingApproval)
            .map(|s| s.visit.id)
            .collect()
    }

    /// Visitors inside past the time standard at `self.now`.
    pub fn overstaying_now(&self) -> BTreeSet<VisitId> {
        let standard = self.config.standards.inside;
        self.dashboard
            .with_status(Status::Inside)
            .filter(|s| s.visit.overstay(self.now, standard))
            .map(|s| s.visit.id)
            .collect()
    }

    /// Alerts ring and run on this console (see the module doc).
    pub fn alerts_here(&self) -> bool {
        self.is_supervisor()
    }

    /// In repeat mode with something still waiting or overstaying: the
    /// shell must tick so the next bell comes on time.
    pub(super) fn alert_repeat_pending(&self) -> bool {
        self.alerts_here()
            && self.config.alerts.bell == BellMode::Repeat
            && !(self.alerts.waiting.is_empty() && self.alerts.overstaying.is_empty())
    }

    /// Look at the dashboard and the clock: the bell and the commands for
    /// what is new since the last look, and the repeated bell when due.
    pub(super) fn check_alerts(&mut self) -> Vec<Effect> {
        let waiting = self.waiting_now();
        let overstaying = self.overstaying_now();
        let new: Vec<(AlertKind, VisitId)> = waiting
            .difference(&self.alerts.waiting)
            .map(|v| (AlertKind::Waiting, *v))
            .chain(
                overstaying
                    .difference(&self.alerts.overstaying)
                    .map(|v| (AlertKind::Overstay, *v)),
            )
            .collect();
        self.alerts.waiting = waiting;
        self.alerts.overstaying = overstaying;
        if !self.alerts_here() {
            return Vec::new();
        }
        let mut effects = Vec::new();
        let bell = self.config.alerts.bell;
        let repeat = Duration::seconds(i64::from(self.config.alerts.repeat_seconds));
        let ring = match bell {
            BellMode::Off => false,
            BellMode::Once => !new.is_empty(),
            BellMode::Repeat => {
                !new.is_empty()
                    || (self.alert_repeat_pending()
                        && self.alerts.last_bell.is_none_or(|t| self.now - t >= repeat))
            }
        };
        if ring {
            self.alerts.last_bell = Some(self.now);
            effects.push(Effect::Bell);
        }
        for (kind, visit) in new {
            let command = match kind {
                AlertKind::Waiting => &self.config.alerts.command.waiting,
                AlertKind::Overstay => &self.config.alerts.command.overstay,
            };
            if !command.trim().is_empty() {
                let door = self
                    .dashboard
                    .open
                    .iter()
                    .find(|s| s.visit.id == visit)
                    .map(|s| s.visit.door.clone())
                    .unwrap_or_default();
                effects.push(Effect::RunHook { kind, visit, door });
            }
        }
        effects
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::fixtures::{app, now};
    use crate::app::{Answer, Loaded, Msg};
    use crate::domain::visit::{Role, UserId, Visit};
    use crate::store::{Dashboard, VisitSummary};

    fn visit(id: i64, status: Status, entered_min_ago: Option<i64>) -> VisitSummary {
        let mut v = Visit::start(VisitId(id), UserId(2), now() - Duration::minutes(90));
        v.status = status;
        v.entered_at = entered_min_ago.map(|m| now() - Duration::minutes(m));
        VisitSummary {
            visit: v,
            escort_name: None,
            approver_name: None,
        }
    }

    fn loaded(a: &App, open: Vec<VisitSummary>) -> Msg {
        Msg::Answer(Answer::Loaded(Box::new(Loaded {
            dashboard: Dashboard {
                open,
                ..Dashboard::default()
            },
            users: a.users.clone(),
            badges_unavailable: Vec::new(),
            desk: None,
            watchlist: Vec::new(),
            plans: Vec::new(),
        })))
    }

    fn bells(effects: &[Effect]) -> usize {
        effects.iter().filter(|e| **e == Effect::Bell).count()
    }

    #[test]
    fn the_bell_rings_once_when_a_visit_starts_waiting() {
        let mut a = app(Role::Supervisor);
        let m = loaded(&a, vec![visit(1, Status::Review, None)]);
        assert_eq!(bells(&a.update(m, now())), 0);
        // Another console submitted it: the reload shows it waiting.
        let m = loaded(&a, vec![visit(1, Status::AwaitingApproval, None)]);
        assert_eq!(a.update(m, now()), vec![Effect::Bell]);
        // Still waiting at the next reload and the next ticks: no more.
        let m = loaded(&a, vec![visit(1, Status::AwaitingApproval, None)]);
        assert_eq!(bells(&a.update(m, now())), 0);
        for s in 1..200 {
            let effects = a.update(Msg::Tick, now() + Duration::seconds(s));
            assert_eq!(bells(&effects), 0);
        }
        // A second visit starts waiting: once more.
        let m = loaded(
            &a,
            vec![
                visit(1, Status::AwaitingApproval, None),
                visit(2, Status::AwaitingApproval, None),
            ],
        );
        assert_eq!(bells(&a.update(m, now())), 1);
    }

    #[test]
    fn an_operators_console_stays_quiet() {
        let mut a = app(Role::Operator);
        let m = loaded(&a, vec![]);
        a.update(m, now());
        let m = loaded(&a, vec![visit(1, Status::AwaitingApproval, None)]);
        assert!(a.update(m, now()).is_empty());
        // A supervisor signing in later is not rung at for what Home shows.
        a.on_duty = Some(crate::app::fixtures::user(1, Role::Supervisor));
        let m = loaded(&a, vec![visit(1, Status::AwaitingApproval, None)]);
        assert!(a.update(m, now()).is_empty());
    }

    #[test]
    fn off_never_rings() {
        let mut a = app(Role::Supervisor);
        a.config.alerts.bell = BellMode::Off;
        let m = loaded(&a, vec![]);
        a.update(m, now());
        let m = loaded(&a, vec![visit(1, Status::AwaitingApproval, None)]);
        assert!(a.update(m, now()).is_empty());
    }

    #[test]
    fn repeat_rings_again_while_something_waits() {
        let mut a = app(Role::Supervisor);
        a.config.alerts.bell = BellMode::Repeat;
        a.config.alerts.repeat_seconds = 30;
        let m = loaded(&a, vec![]);
        a.update(m, now());
        assert!(!a.needs_tick() || matches!(a.screen, crate::app::Screen::Home(_)));
        let m = loaded(&a, vec![visit(1, Status::AwaitingApproval, None)]);
        assert_eq!(bells(&a.update(m, now())), 1);
        assert!(a.alert_repeat_pending());
        // Ticks: the next bell 30 s after the first, not before.
        let mut rang = Vec::new();
        for s in 1..=65 {
            let t = now() + Duration::seconds(s);
            if bells(&a.update(Msg::Tick, t)) > 0 {
                rang.push(s);
            }
        }
        assert_eq!(rang, vec![30, 60]);
        // Decided: nothing waits, the repeating stops.
        let m = loaded(&a, vec![visit(1, Status::Approved, None)]);
        let t = now() + Duration::seconds(100);
        assert_eq!(bells(&a.update(m, t)), 0);
        assert!(!a.alert_repeat_pending());
        assert_eq!(bells(&a.update(Msg::Tick, t + Duration::seconds(60))), 0);
    }

    #[test]
    fn an_overstay_rings_when_the_standard_passes() {
        let mut a = app(Role::Supervisor);
        // Inside 59 minutes of a 60-minute standard.
        let m = loaded(&a, vec![visit(1, Status::Inside, Some(59))]);
        assert_eq!(bells(&a.update(m, now())), 0);
        // The clock moves past the standard: the minute's message rings.
        let later = now() + Duration::minutes(1);
        assert_eq!(a.update(Msg::Clock, later), vec![Effect::Bell]);
        assert_eq!(bells(&a.update(Msg::Clock, later)), 0);
    }

    #[test]
    fn commands_run_per_kind_with_the_visit_only() {
        let mut a = app(Role::Supervisor);
        a.config.alerts.command.waiting = "notify-waiting".into();
        let m = loaded(&a, vec![visit(3, Status::Inside, Some(30))]);
        a.update(m, now());
        let mut waiting = visit(4, Status::AwaitingApproval, None);
        waiting.visit.door = "Pintu Selatan".into();
        let m = loaded(&a, vec![visit(3, Status::Inside, Some(30)), waiting]);
        assert_eq!(
            a.update(m, now()),
            vec![
                Effect::Bell,
                Effect::RunHook {
                    kind: AlertKind::Waiting,
                    visit: VisitId(4),
                    door: "Pintu Selatan".into(),
                }
            ]
        );
        // No overstay command configured: the bell only.
        let later = now() + Duration::minutes(30);
        assert_eq!(a.update(Msg::Clock, later), vec![Effect::Bell]);
    }

    #[test]
    fn keys_do_not_ring() {
        let mut a = app(Role::Supervisor);
        let m = loaded(&a, vec![visit(1, Status::AwaitingApproval, None)]);
        a.update(m, now());
        let k = Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_eq!(bells(&a.update(k, now())), 0);
    }
}
