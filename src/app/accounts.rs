//! Supervisors: the accounts (add, reset a PIN, unlock, disable; never
//! deleted).

use crate::domain::fields::{FieldError, Pin};
use crate::domain::visit::{Role, UserId};
use crate::store::User;

use super::desk::select;
use super::keymap::Keys::Char;
use super::keymap::{Action, Binding, b};
use super::{
    AccountNote, App, Effect, LineInput, Notice, Overlay, Screen, UserField, UserForm, move_focus,
};
use Action as A;

/// The accounts screen: the list, or a form over it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountsState {
    pub selected: usize,
    pub form: Option<AccountForm>,
    /// The outcome of the last action, or why it was refused.
    pub message: Option<AccountNote>,
}

/// A form open on the accounts screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountForm {
    Add(UserForm),
    ResetPin(PinReset),
}

/// A new PIN for an account, typed twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinReset {
    pub user: UserId,
    pub name: String,
    pub pin: LineInput,
    pub pin2: LineInput,
    /// The focus is on the second entry.
    pub second: bool,
    pub error: Option<FieldError>,
}

/// Why an account may not be disabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisableRefusal {
    Yourself,
    LastSupervisor,
}

/// Disabling `target` would lock everyone out, or the one on duty.
pub fn disable_refusal(
    users: &[User],
    target: UserId,
    me: Option<UserId>,
) -> Option<DisableRefusal> {
    if me == Some(target) {
        return Some(DisableRefusal::Yourself);
    }
    let t = users.iter().find(|u| u.id == target)?;
    let active_supervisors = users
        .iter()
        .filter(|u| u.active && u.role == Role::Supervisor)
        .count();
    (t.active && t.role == Role::Supervisor && active_supervisors <= 1)
        .then_some(DisableRefusal::LastSupervisor)
}

/// What was done to an account, for the message after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChange {
    Disabled,
    Enabled,
    Unlocked,
    PinReset,
}

impl App {
    /// An account was changed at this console.
    pub fn on_account_changed(&mut self, user: &User, change: AccountChange) {
        if let Screen::Accounts(a) = &mut self.screen {
            a.form = None;
            a.message = Some(AccountNote::Changed {
                change,
                name: user.name.clone(),
            });
        }
    }

    /// A change to an account was refused before it reached the store.
    pub fn on_account_refused(&mut self, why: DisableRefusal, name: &str) {
        let name = name.to_owned();
        if let Screen::Accounts(a) = &mut self.screen {
            a.message = Some(AccountNote::Refused { why, name });
        } else {
            self.overlay = Some(Overlay::Told(Notice::AccountRefused { why, name }));
        }
    }
}

impl super::ScreenState for AccountsState {
    /// Letters are commands unless a form is open.
    const KEYS: &'static [Binding] = &[
        b(Char('a'), A::Add, true),
        b(Char('p'), A::ResetPin, true),
        b(Char('u'), A::Unlock, true),
        b(Char('d'), A::ToggleActive, true),
        b(Char('?'), A::Help, true),
        b(Char('k'), A::Up, false),
        b(Char('j'), A::Down, false),
    ];

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut a = self;
        match a.form.take() {
            Some(AccountForm::Add(mut form)) => {
                match action {
                    Some(Action::Back) => {}
                    Some(Action::Confirm) if form.focus == super::UserField::Pin2 => {
                        if let Some(user) = form.validate() {
                            a.form = Some(AccountForm::Add(form));
                            return (
                                Screen::Accounts(a),
                                vec![Effect::CreateUser { user, first: false }],
                            );
                        }
                        a.form = Some(AccountForm::Add(form));
                    }
                    Some(
                        Action::Confirm
                        | Action::NextField
                        | Action::Down
                        | Action::PrevField
                        | Action::Up,
                    ) => {
                        form.move_focus(action);
                        a.form = Some(AccountForm::Add(form));
                    }
                    _ => {
                        form.edit(action, ch);
                        a.form = Some(AccountForm::Add(form));
                    }
                }
                return (Screen::Accounts(a), Vec::new());
            }
            Some(AccountForm::ResetPin(mut r)) => {
                match action {
                    Some(Action::Back) => {}
                    Some(Action::Confirm) if r.second => {
                        let nip = app
                            .users
                            .iter()
                            .find(|u| u.id == r.user)
                            .map_or("", |u| u.nip.as_str());
                        let checked = match Pin::for_account(r.pin.value(), nip) {
                            Err(e) => Err(e),
                            Ok(_) if r.pin.value() != r.pin2.value() => {
                                Err(FieldError::PinMismatch)
                            }
                            Ok(pin) => Ok(pin),
                        };
                        if let Err(e) = &checked {
                            r.error = Some(e.clone());
                            r.pin.clear();
                            r.pin2.clear();
                            r.second = false;
                            a.form = Some(AccountForm::ResetPin(r));
                            return (Screen::Accounts(a), Vec::new());
                        }
                        let Ok(pin) = checked else {
                            return (Screen::Accounts(a), Vec::new());
                        };
                        r.pin.clear();
                        r.pin2.clear();
                        let effect = Effect::ResetPin { user: r.user, pin };
                        a.form = Some(AccountForm::ResetPin(r));
                        return (Screen::Accounts(a), vec![effect]);
                    }
                    Some(Action::Confirm) => {
                        r.second = true;
                        a.form = Some(AccountForm::ResetPin(r));
                    }
                    Some(Action::NextField | Action::Down | Action::PrevField | Action::Up) => {
                        r.second = move_focus(action, &[false, true], r.second).unwrap_or(r.second);
                        a.form = Some(AccountForm::ResetPin(r));
                    }
                    _ => {
                        let input = if r.second { &mut r.pin2 } else { &mut r.pin };
                        input.key(action, ch);
                        a.form = Some(AccountForm::ResetPin(r));
                    }
                }
                return (Screen::Accounts(a), Vec::new());
            }
            None => {}
        }
        let target = app.users.get(a.selected).cloned();
        let mut effects = Vec::new();
        match action {
            Some(Action::Back) => return App::home(),
            Some(Action::Up | Action::Down) => select(&mut a.selected, app.users.len(), action),
            Some(Action::Add) => {
                a.message = None;
                a.form = Some(AccountForm::Add(UserForm::new(Role::Operator, true)));
            }
            Some(Action::ResetPin) => {
                if let Some(u) = target {
                    a.message = None;
                    a.form = Some(AccountForm::ResetPin(PinReset {
                        user: u.id,
                        name: u.name,
                        pin: LineInput::pin(),
                        pin2: LineInput::pin(),
                        second: false,
                        error: None,
                    }));
                }
            }
            Some(Action::Unlock) => {
                if let Some(u) = target {
                    if u.locked || u.failed_pins > 0 {
                        effects.push(Effect::UnlockUser(u.id));
                    } else {
                        a.message = Some(AccountNote::NotLocked { name: u.name });
                    }
                }
            }
            Some(Action::ToggleActive) => {
                if let Some(u) = target {
                    let me = app.on_duty.as_ref().map(|m| m.id);
                    if !u.active {
                        effects.push(Effect::SetUserActive {
                            user: u.id,
                            active: true,
                        });
                    } else if let Some(why) = disable_refusal(&app.users, u.id, me) {
                        a.message = Some(AccountNote::Refused { why, name: u.name });
                    } else {
                        effects.push(Effect::SetUserActive {
                            user: u.id,
                            active: false,
                        });
                    }
                }
            }
            _ => {}
        }
        (Screen::Accounts(a), effects)
    }

    fn typing(&self) -> bool {
        match &self.form {
            Some(AccountForm::Add(f)) => f.focus != UserField::Role,
            Some(AccountForm::ResetPin(_)) => true,
            None => false,
        }
    }

    fn arrows_move_focus(&self) -> bool {
        self.form.is_some()
    }

    fn several_fields(&self) -> bool {
        true
    }

    fn confirms(&self, _app: &App) -> bool {
        self.form.is_some()
    }

    fn choosing(&self) -> bool {
        self.role_in_focus()
    }

    fn toggles(&self) -> bool {
        self.role_in_focus()
    }

    fn lists(&self, app: &App) -> bool {
        app.users.len() > 1
    }
}

impl AccountsState {
    /// The new account's role has the focus (← → and Space choose it).
    fn role_in_focus(&self) -> bool {
        matches!(&self.form, Some(AccountForm::Add(f)) if f.focus == UserField::Role)
    }
}
