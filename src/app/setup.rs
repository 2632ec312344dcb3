//! First run: the first supervisor account (name, NIP, PIN typed twice).
//! The account form is also the accounts screen's "add".
//! Its focus moves as on every screen ([`super::FocusMove`]).

use crate::domain::fields::{FieldError, Nip, PersonName, Pin};
use crate::domain::visit::Role;

use super::keymap::Action;
use super::{Accepts, App, Effect, LineInput, NewUserInput, Overlay, Screen, move_focus};

/// The fields of an account form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserField {
    Name,
    Nip,
    Role,
    Pin,
    Pin2,
}

impl UserField {
    const ORDER: [UserField; 5] = [
        UserField::Name,
        UserField::Nip,
        UserField::Role,
        UserField::Pin,
        UserField::Pin2,
    ];

    /// The fields in the order the focus goes through them.
    pub fn order(role_editable: bool) -> Vec<UserField> {
        UserField::ORDER
            .into_iter()
            .filter(|f| role_editable || *f != UserField::Role)
            .collect()
    }
}

/// A new account: name, NIP, role, PIN typed twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserForm {
    pub name: LineInput,
    pub nip: LineInput,
    pub role: Role,
    pub role_editable: bool,
    pub pin: LineInput,
    pub pin2: LineInput,
    pub focus: UserField,
    pub errors: Vec<(UserField, FieldError)>,
}

impl UserForm {
    pub fn new(role: Role, role_editable: bool) -> UserForm {
        UserForm {
            name: LineInput::new(80),
            nip: LineInput::new(22).accepting(Accepts::DigitsSpaces),
            role,
            role_editable,
            pin: LineInput::pin(),
            pin2: LineInput::pin(),
            focus: UserField::Name,
            errors: Vec::new(),
        }
    }

    pub fn error(&self, field: UserField) -> Option<&FieldError> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e)
    }

    pub fn edit(&mut self, action: Option<Action>, ch: Option<char>) {
        match self.focus {
            UserField::Name => {
                self.name.key(action, ch);
            }
            UserField::Nip => {
                self.nip.key(action, ch);
            }
            UserField::Role => {
                if matches!(action, Some(Action::Left | Action::Right)) || ch == Some(' ') {
                    self.role = match self.role {
                        Role::Operator => Role::Supervisor,
                        Role::Supervisor => Role::Operator,
                    };
                }
            }
            UserField::Pin => {
                self.pin.key(action, ch);
            }
            UserField::Pin2 => {
                self.pin2.key(action, ch);
            }
        }
    }

    /// Tab, Shift-Tab, ↑ ↓ move the focus ([`FocusMove`]); Enter too, to
    /// the next field.
    pub fn move_focus(&mut self, action: Option<Action>) {
        let action = if action == Some(Action::Confirm) {
            Some(Action::NextField)
        } else {
            action
        };
        let order = UserField::order(self.role_editable);
        self.focus = move_focus(action, &order, self.focus).unwrap_or(self.focus);
    }

    /// Check every field; on success the account to create.
    pub fn validate(&mut self) -> Option<NewUserInput> {
        let mut errors: Vec<(UserField, FieldError)> = Vec::new();
        if let Err(e) = PersonName::try_from(self.name.value()) {
            errors.push((UserField::Name, e));
        }
        if let Err(e) = Nip::try_from(self.nip.value()) {
            errors.push((UserField::Nip, e));
        }
        let pin = match Pin::for_account(self.pin.value(), self.nip.value()) {
            Err(e) => {
                errors.push((UserField::Pin, e));
                None
            }
            Ok(_) if self.pin.value() != self.pin2.value() => {
                errors.push((UserField::Pin2, FieldError::PinMismatch));
                None
            }
            Ok(pin) => Some(pin),
        };
        if let Some((f, _)) = errors.first() {
            self.focus = *f;
            if *f == UserField::Pin || *f == UserField::Pin2 {
                self.pin.clear();
                self.pin2.clear();
                self.focus = UserField::Pin;
            }
            self.errors = errors;
            return None;
        }
        self.errors = errors;
        Some(NewUserInput {
            name: self.name.value().to_owned(),
            nip: self.nip.value().to_owned(),
            role: self.role,
            pin: pin?,
        })
    }
}

/// As a screen, the account form is the first run's setup.
impl super::ScreenState for UserForm {
    const HAS_FIELDS: bool = true;

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut form = self;
        match action {
            Some(Action::Confirm) if form.focus == UserField::Pin2 => match form.validate() {
                Some(user) => (
                    Screen::Setup(form),
                    vec![Effect::CreateUser { user, first: true }],
                ),
                None => (Screen::Setup(form), Vec::new()),
            },
            Some(
                Action::Confirm | Action::NextField | Action::Down | Action::PrevField | Action::Up,
            ) => {
                form.move_focus(action);
                (Screen::Setup(form), Vec::new())
            }
            Some(Action::Back) => {
                app.overlay = Some(Overlay::LeaveSetup);
                (Screen::Setup(form), Vec::new())
            }
            _ => {
                form.edit(action, ch);
                (Screen::Setup(form), Vec::new())
            }
        }
    }

    fn typing(&self) -> bool {
        self.focus != UserField::Role
    }

    fn choosing(&self) -> bool {
        self.focus == UserField::Role
    }

    fn toggles(&self) -> bool {
        self.focus == UserField::Role
    }
}
