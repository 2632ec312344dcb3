//! Step 4: the supervisor decides at this console, with a PIN.

use crate::domain::fields::{Pin, sanitize};
use crate::domain::visit::{Command, UserId, Visit};
use crate::domain::watchlist::WatchHit;

use super::keymap::Action;
use super::{App, Effect, FocusMove, LineInput, Problem, Screen, move_focus};

/// Where the focus is on the approval screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalFocus {
    Decision,
    Supervisor,
    Reason,
    Pin,
}

impl ApprovalFocus {
    /// The places in the order the focus goes through them: the reason
    /// only when rejecting.
    pub fn order(reject: bool) -> Vec<ApprovalFocus> {
        let mut v = vec![ApprovalFocus::Decision, ApprovalFocus::Supervisor];
        if reject {
            v.push(ApprovalFocus::Reason);
        }
        v.push(ApprovalFocus::Pin);
        v
    }
}

/// Step 4: the supervisor decides at this console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalState {
    pub visit: Visit,
    /// Supervisors who may decide (not the one who submitted).
    pub supervisors: Vec<(UserId, String)>,
    pub selected: usize,
    pub reject: bool,
    pub reason: LineInput,
    pub pin: LineInput,
    pub focus: ApprovalFocus,
    pub message: Option<Problem>,
    /// Watchlist entries the visitor matches (shown; approving them needs
    /// a second Enter).
    pub watch: Vec<WatchHit>,
    /// The first Enter to approve a watched visitor was pressed: the next
    /// one approves, Esc takes it back.
    pub confirm_watch: bool,
}

impl ApprovalState {
    pub fn new(visit: Visit, supervisors: Vec<(UserId, String)>) -> ApprovalState {
        ApprovalState {
            visit,
            supervisors,
            selected: 0,
            reject: false,
            reason: LineInput::new(300),
            pin: LineInput::pin(),
            focus: ApprovalFocus::Decision,
            message: None,
            watch: Vec::new(),
            confirm_watch: false,
        }
    }
}

impl super::ScreenState for ApprovalState {
    const HAS_FIELDS: bool = true;
    const TICKS: bool = true;

    fn key(self, _: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut a = self;
        // Nobody here may decide (the one who submitted may not): only
        // Esc does something; the screen follows another console's decision.
        if a.supervisors.is_empty() && action != Some(Action::Back) {
            return (Screen::Approval(a), Vec::new());
        }
        // Asked to confirm a watched visitor: Enter approves, anything
        // else takes the question back.
        if a.confirm_watch && action != Some(Action::Confirm) {
            a.confirm_watch = false;
            if action == Some(Action::Back) {
                return (Screen::Approval(a), Vec::new());
            }
        }
        match action {
            Some(Action::Back) => return App::home(),
            Some(Action::NextField | Action::Down | Action::PrevField | Action::Up) => {
                let order = ApprovalFocus::order(a.reject);
                a.focus = move_focus(action, &order, a.focus).unwrap_or(a.focus);
            }
            Some(Action::Confirm) if a.focus != ApprovalFocus::Pin => {
                a.focus = FocusMove::Next.from(&ApprovalFocus::order(a.reject), a.focus);
            }
            Some(Action::Confirm) => {
                let Some(supervisor) = a.supervisors.get(a.selected).map(|s| s.0) else {
                    return (Screen::Approval(a), Vec::new());
                };
                let cmd = if a.reject {
                    let reason = sanitize(a.reason.value(), 300);
                    if reason.is_empty() {
                        a.message = Some(Problem::ReasonRequired);
                        a.focus = ApprovalFocus::Reason;
                        return (Screen::Approval(a), Vec::new());
                    }
                    Command::Reject { reason }
                } else if a.watch.is_empty() {
                    Command::Approve
                } else if !a.confirm_watch {
                    // The second confirmation: said on screen, asked once more.
                    a.confirm_watch = true;
                    return (Screen::Approval(a), Vec::new());
                } else {
                    Command::ApproveWatched {
                        seen: a.watch.iter().map(|h| h.entry).collect(),
                    }
                };
                a.confirm_watch = false;
                let pin = match Pin::entered(&a.pin.take()) {
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
            _ if a.focus == ApprovalFocus::Reason => {
                a.reason.key(action, ch);
            }
            _ if a.focus == ApprovalFocus::Pin => {
                a.pin.key(action, ch);
            }
            _ => {}
        }
        (Screen::Approval(a), Vec::new())
    }

    fn typing(&self) -> bool {
        matches!(self.focus, ApprovalFocus::Reason | ApprovalFocus::Pin)
    }

    fn visit(&self) -> Option<&Visit> {
        Some(&self.visit)
    }

    /// With no supervisor to decide, only help and back work.
    fn works(&self, _app: &App, action: Action) -> Option<bool> {
        self.supervisors
            .is_empty()
            .then_some(matches!(action, Action::Back | Action::Help))
    }

    fn choosing(&self) -> bool {
        self.focus == ApprovalFocus::Decision
            || (self.focus == ApprovalFocus::Supervisor && self.supervisors.len() > 1)
    }

    fn toggles(&self) -> bool {
        self.focus == ApprovalFocus::Decision
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::app::fixtures::{app, key, now};
    use crate::domain::visit::{Role, Status, VisitId};
    use crate::domain::watchlist::{MatchOn, WatchId};

    fn approval(watch: Vec<WatchHit>) -> App {
        let mut a = app(Role::Operator);
        let mut v = Visit::start(VisitId(4), UserId(2), now());
        v.status = Status::AwaitingApproval;
        v.submitted_by = Some(UserId(2));
        let mut s = ApprovalState::new(v, vec![(UserId(1), "User 1".into())]);
        s.watch = watch;
        s.focus = ApprovalFocus::Pin;
        a.screen = Screen::Approval(s);
        for c in "482915".chars() {
            key(&mut a, KeyCode::Char(c));
        }
        a
    }

    #[test]
    fn approving_a_watched_visitor_takes_a_second_enter() {
        let hit = WatchHit {
            entry: WatchId(7),
            on: vec![MatchOn::Name],
        };
        let mut a = approval(vec![hit]);
        assert!(key(&mut a, KeyCode::Enter).is_empty(), "first Enter asks");
        assert!(matches!(&a.screen, Screen::Approval(s) if s.confirm_watch));
        // Esc takes the question back and stays on the screen.
        assert!(key(&mut a, KeyCode::Esc).is_empty());
        assert!(matches!(&a.screen, Screen::Approval(s) if !s.confirm_watch));
        key(&mut a, KeyCode::Enter);
        let e = key(&mut a, KeyCode::Enter);
        assert!(matches!(
            &e[..],
            [Effect::Decide { cmd: Command::ApproveWatched { seen }, .. }] if seen == &[WatchId(7)]
        ));
        // No match: one Enter approves.
        let mut a = approval(Vec::new());
        let e = key(&mut a, KeyCode::Enter);
        assert!(matches!(
            &e[..],
            [Effect::Decide {
                cmd: Command::Approve,
                ..
            }]
        ));
    }
}
