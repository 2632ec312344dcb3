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

impl super::ScreenState for BadgeState {
    const HAS_FIELDS: bool = true;
    const TICKS: bool = true;

    fn key(self, app: &mut App, action: Option<Action>, _: Option<char>) -> (Screen, Vec<Effect>) {
        let mut b = self;
        let free = app.free_badges();
        let escorts = app.choices(Some(Role::Operator));
        match action {
            Some(Action::Back) => return App::home(),
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
                (Some(badge), Some(_)) if app.badge_of_other_door(&badge).is_some() => {
                    let door = app.badge_of_other_door(&badge).unwrap_or_default();
                    b.message = Some(Problem::BadgeOtherDoor { badge, door });
                }
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

    fn visit(&self) -> Option<&Visit> {
        Some(&self.visit)
    }

    fn choosing(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::app::fixtures::{app, key, now};
    use crate::domain::visit::{Status, VisitId};

    /// Two doors, V-01 and V-02 at the north door, V-03 at the south one,
    /// the others shared; this console is the south door, at step 5.
    fn at_step_5() -> App {
        let mut a = app(Role::Operator);
        a.config.door = "Pintu Selatan".into();
        a.config.visit.door_badges = [
            ("Pintu Utara".to_owned(), vec!["V-01".into(), "V-02".into()]),
            ("Pintu Selatan".to_owned(), vec!["V-03".into()]),
        ]
        .into();
        let mut v = Visit::start(VisitId(5), UserId(2), now());
        v.status = Status::Approved;
        a.on_visit(v, Vec::new());
        a
    }

    #[test]
    fn this_doors_badges_come_first_and_another_doors_is_refused() {
        let mut a = at_step_5();
        let Screen::Badge(b) = &a.screen else {
            panic!("not at step 5: {:?}", a.screen)
        };
        // Offered first: the south door's own badge.
        assert_eq!(b.badge.as_ref().map(BadgeNo::as_str), Some("V-03"));
        // ← from the first: the last offered, a north door badge (V-02).
        key(&mut a, KeyCode::Left);
        key(&mut a, KeyCode::Left);
        let Screen::Badge(b) = &a.screen else {
            panic!("left step 5")
        };
        assert_eq!(b.badge.as_ref().map(BadgeNo::as_str), Some("V-01"));
        key(&mut a, KeyCode::Enter); // to the escort
        let effects = key(&mut a, KeyCode::Enter);
        assert!(effects.is_empty(), "{effects:?}");
        let Screen::Badge(b) = &a.screen else {
            panic!("left step 5")
        };
        assert_eq!(
            b.message,
            Some(Problem::BadgeOtherDoor {
                badge: BadgeNo::try_from("V-01").unwrap(),
                door: "Pintu Utara".into(),
            })
        );
        // A shared badge goes.
        key(&mut a, KeyCode::Up);
        key(&mut a, KeyCode::Right);
        key(&mut a, KeyCode::Right);
        key(&mut a, KeyCode::Right);
        key(&mut a, KeyCode::Enter);
        let effects = key(&mut a, KeyCode::Enter);
        assert!(
            matches!(&effects[..], [Effect::Apply(_, Command::IssueBadge { badge, .. })]
                if badge.as_str() == "V-04"),
            "{effects:?}"
        );
    }
}
