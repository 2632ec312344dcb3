//! Sign-in: pick an account, type its PIN. The same prompt asks a
//! supervisor's PIN to leave the kiosk.

use crate::domain::fields::Pin;
use crate::domain::visit::{Role, UserId};

use super::keymap::Action;
use super::{App, Effect, LineInput, Overlay, Problem, Screen};

/// Pick an account and type its PIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinPrompt {
    pub choices: Vec<(UserId, String)>,
    pub selected: usize,
    pub pin: LineInput,
    pub message: Option<Problem>,
    /// The PIN was sent for checking (Argon2, off the screen's thread in
    /// the kiosk): "Checking the PIN…" until the answer comes.
    pub checking: bool,
}

impl PinPrompt {
    pub fn new(choices: Vec<(UserId, String)>) -> PinPrompt {
        PinPrompt {
            choices,
            selected: 0,
            pin: LineInput::pin(),
            message: None,
            checking: false,
        }
    }

    pub fn chosen(&self) -> Option<UserId> {
        self.choices.get(self.selected).map(|c| c.0)
    }

    /// ↑ ↓ choose the account in the list; every other key edits the PIN,
    /// the one field (so Tab has nowhere to go).
    pub(super) fn key(&mut self, action: Option<Action>, ch: Option<char>) {
        match action {
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
            }
            Some(Action::Down) => {
                if self.selected + 1 < self.choices.len() {
                    self.selected += 1;
                }
            }
            _ => {
                self.pin.key(action, ch);
            }
        }
    }
}

impl App {
    /// Leaving: straight away, or after a supervisor PIN.
    pub(super) fn ask_exit(&mut self) -> Vec<Effect> {
        if self.config.kiosk.exit_requires_pin {
            let sups = self.choices(Some(Role::Supervisor));
            self.overlay = Some(Overlay::ExitPin(PinPrompt::new(sups)));
        } else {
            self.quit = true;
        }
        Vec::new()
    }
}

/// As a screen, the PIN prompt is the sign-in.
impl super::ScreenState for PinPrompt {
    const HAS_FIELDS: bool = true;

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut p = self;
        match action {
            Some(Action::Confirm) => match (p.chosen(), Pin::entered(&p.pin.take())) {
                (Some(user), Ok(pin)) => {
                    p.message = None;
                    p.checking = true;
                    (Screen::SignIn(p), vec![Effect::SignIn { user, pin }])
                }
                (Some(_), Err(e)) => {
                    p.message = Some(Problem::Field(e));
                    (Screen::SignIn(p), Vec::new())
                }
                (None, _) => (Screen::SignIn(p), Vec::new()),
            },
            Some(Action::Back) => {
                app.ask_exit();
                (Screen::SignIn(p), Vec::new())
            }
            _ => {
                // The prompt's own key (inside this impl, `p.key` would be
                // ScreenState::key).
                PinPrompt::key(&mut p, action, ch);
                (Screen::SignIn(p), Vec::new())
            }
        }
    }

    fn typing(&self) -> bool {
        true
    }

    fn works(&self, _app: &App, action: Action) -> Option<bool> {
        // ↑ ↓ choose the account: they work where there is a choice.
        matches!(action, Action::Up | Action::Down).then_some(self.choices.len() > 1)
    }

    fn arrows_move_focus(&self) -> bool {
        false
    }

    fn several_fields(&self) -> bool {
        false
    }
}
