//! What the desk screens share (accounts, day log, counts, search, detail,
//! end of shift; each in its own module): paging, scrolling, the query
//! that fills the screen on show, and going there and back.

use chrono::NaiveDate;

use super::keymap::Action;
use super::{App, Effect, Notice, Overlay, Screen};
use crate::domain::days::local_date;

/// Rows of the day log and of search results per page.
pub const PAGE_SIZE: u32 = 50;

/// How many unreviewed past days the dashboard looks for.
pub const UNREVIEWED_LIMIT: u32 = 30;

pub(super) fn scroll(pos: &mut u16, action: Option<Action>) {
    match action {
        Some(Action::Up) => *pos = pos.saturating_sub(1),
        Some(Action::Down) => *pos = pos.saturating_add(1),
        Some(Action::PageUp) => *pos = pos.saturating_sub(10),
        Some(Action::PageDown) => *pos = pos.saturating_add(10),
        _ => {}
    }
}

/// Move a selection within `n` rows.
pub(super) fn select(selected: &mut usize, n: usize, action: Option<Action>) {
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
        self.screen.query()
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
    pub(super) fn back_to(&mut self, back: Screen) -> (Screen, Vec<Effect>) {
        let previous = std::mem::replace(&mut self.screen, back);
        let effects = self.screen_query().into_iter().collect();
        let back = std::mem::replace(&mut self.screen, previous);
        (back, effects)
    }

    // ---- keys ----

    // ---- answers from the shell ----

    /// What waits for a supervisor: past days nobody has reviewed yet
    /// (newest first), visits past the retention period.
    pub fn on_desk_due(&mut self, due: super::DeskDue) {
        self.unreviewed = due.unreviewed;
        self.retention_due = due.retention_due;
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::app::fixtures::{app, chars, key, user};
    use crate::app::{DayLogState, DisableRefusal, LogInput, LogView, Notice, disable_refusal};
    use crate::domain::fields::Pin;
    use crate::domain::visit::{Role, Status, UserId};

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
                offset: 0,
                door: None,
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
