//! Step 5: a badge and an escort; the visitor goes in.

use crate::domain::badge::BadgeNo;
use crate::domain::visit::{Command, Role, UserId, Visit};

use super::keymap::Action;
use super::{App, Effect, Problem, Screen, cycle, cycle_item, move_focus};

/// Step 5: badge and escort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeState {
    pub visit: Visit,
    pub badge: Option<BadgeNo>,
    pub escort: Option<UserId>,
    pub on_escort: bool,
    pub message: Option<Problem>,
}

impl App {
    pub(super) fn badge_key(
        &mut self,
        mut b: BadgeState,
        action: Option<Action>,
    ) -> (Screen, Vec<Effect>) {
        let free = self.free_badges();
        let escorts = self.choices(Some(Role::Operator));
        match action {
            Some(Action::Back) => return Self::home(),
            Some(Action::NextField | Action::PrevField | Action::Up | Action::Down) => {
                b.on_escort =
                    move_focus(action, &[false, true], b.on_escort).unwrap_or(b.on_escort);
            }
            Some(Action::Left | Action::Right) => {
                let forward = action == Some(Action::Right);
                if b.on_escort {
                    let names: Vec<String> = escorts.iter().map(|e| e.0.0.to_string()).collect();
                    let cur = b.escort.map(|e| e.0.to_string()).unwrap_or_default();
                    b.escort = cycle(&names, &cur, forward).parse().ok().map(UserId);
                } else {
                    b.badge = cycle_item(&free, b.badge.as_ref(), forward).or(b.badge.take());
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
}
