//! Keys become meanings once. Each screen's rows and the shared rows map
//! (screen, key) to an [`Action`]; the same rows give the footer hints and the `?` help, so help never
//! lies about the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::ScreenKind;

/// What a key means on a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Back,
    Confirm,
    Up,
    Down,
    Left,
    Right,
    NextField,
    PrevField,
    Backspace,
    /// Delete the character after the cursor.
    Delete,
    /// The cursor to the start or the end of the field.
    Home,
    End,
    ClearField,
    PageUp,
    PageDown,
    NewVisit,
    Open,
    CancelVisit,
    EditForm,
    SignOut,
    Accounts,
    Ok,
    NotOk,
    DayLog,
    EndOfShift,
    Add,
    ResetPin,
    Unlock,
    ToggleActive,
    Today,
    GoToDate,
    SortOrder,
    Filter,
    /// The day log: the next door (all doors, then each one).
    Door,
    MarkReviewed,
    Counts,
    Search,
    Print,
    RestoreBadge,
    Correct,
    /// Supervisors: the watchlist screen.
    Watchlist,
    /// Remove the selected entry (after a confirmation).
    Remove,
    /// The planned visits screen.
    Plans,
    /// Cancel the selected plan (after a confirmation).
    CancelPlan,
    /// The visitor refuses the privacy notice (then once more to confirm).
    Refuse,
    /// A returning visitor: take the offered value of the field in focus
    /// (or the picked name's visitor).
    Take,
    /// A returning visitor: take every offered value.
    TakeAll,
    /// Space on a checkbox or a two-way choice.
    Toggle,
    /// Teams: add a member to the team (on the leader's form).
    AddMember,
    /// Teams: the next member's form (from the last, the leader's).
    NextMember,
    /// Any key closes a notice, an error or help.
    Close,
}

/// Which keys a binding matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    Code(KeyCode),
    Char(char),
    Ctrl(char),
    /// Any key (a box that any key closes); matches nothing in the table.
    Any,
}

impl Keys {
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Keys::Code(code) => key.code == code && !ctrl,
            // Alt-x is not x: a stray Alt never cancels or quits.
            Keys::Char(c) => key.code == KeyCode::Char(c) && !ctrl && !alt,
            Keys::Ctrl(c) => key.code == KeyCode::Char(c) && ctrl,
            Keys::Any => false,
        }
    }
}

/// One row of a keymap: `keys` mean `action`; `footer`: the footer shows
/// it (help shows every row that works). The words are `ui/`'s, chosen by
/// the action. Each screen lists its own rows (`ScreenState::KEYS`); the
/// rows every screen shares are [`SHARED`].
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: Keys,
    pub action: Action,
    pub footer: bool,
}

/// A row of a keymap.
pub const fn b(keys: Keys, action: Action, footer: bool) -> Binding {
    Binding {
        keys,
        action,
        footer,
    }
}

use Action as A;
use KeyCode as K;
use Keys::{Char, Code, Ctrl};

/// The keys every screen shares, after the screen's own (earlier rows
/// win). Character keys on screens with text fields are typed into the
/// field unless the screen lists them.
pub static SHARED: &[Binding] = &[
    b(Code(K::Tab), A::NextField, true),
    b(Code(K::BackTab), A::PrevField, false),
    b(Code(K::Down), A::Down, false),
    b(Code(K::Up), A::Up, false),
    b(Code(K::Left), A::Left, true),
    b(Code(K::Right), A::Right, false),
    b(Code(K::Enter), A::Confirm, true),
    b(Code(K::Backspace), A::Backspace, false),
    b(Code(K::Delete), A::Delete, false),
    b(Code(K::Home), A::Home, false),
    b(Code(K::End), A::End, false),
    b(Ctrl('u'), A::ClearField, false),
    b(Char(' '), A::Toggle, false),
    b(Code(K::PageUp), A::PageUp, false),
    b(Code(K::PageDown), A::PageDown, false),
    b(Code(K::F(1)), A::Help, true),
    // `?` is help wherever it is not being typed into a field.
    b(Char('?'), A::Help, false),
    b(Code(K::Esc), A::Back, true),
    b(Ctrl('c'), A::Back, false),
];

/// The rows in force on a screen, its own first: (row, the screen's own).
pub fn rows(screen: ScreenKind) -> impl Iterator<Item = (&'static Binding, bool)> {
    let own = screen.keys().iter().map(|bd| (bd, true));
    own.chain(SHARED.iter().map(|bd| (bd, false)))
}

/// The action a key has on a screen, if any. `typing` is true when the
/// focus is in a text field: then a plain character is never an action,
/// and ← → move the cursor whatever they do elsewhere on the screen.
pub fn lookup(screen: ScreenKind, key: &KeyEvent, typing: bool) -> Option<Action> {
    rows(screen)
        .filter(|&(bd, own)| applies(bd, own, typing))
        .find(|(bd, _)| bd.keys.matches(key))
        .map(|(bd, _)| bd.action)
}

/// Whether a row of the keymap is in force (`own`: one of the screen's
/// own rows): `typing` as for [`lookup`].
pub fn applies(bd: &Binding, own: bool, typing: bool) -> bool {
    // Typing, a character is typed and the screen's own ← → give way to
    // the cursor.
    let arrow = matches!(bd.keys, Code(K::Left | K::Right));
    !typing || !(matches!(bd.keys, Char(_)) || (arrow && own))
}

/// The action of a key in a box drawn over a screen (a reason prompt, the
/// exit PIN): only the rows every screen shares apply, so Enter confirms
/// and is not the screen's own meaning (on Home, Enter opens a visit).
pub fn lookup_overlay(key: &KeyEvent) -> Option<Action> {
    SHARED
        .iter()
        .find(|bd| bd.keys.matches(key))
        .map(|bd| bd.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_and_ctrl_letters_are_not_plain_letters() {
        let plain = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        let alt = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
        let ctrl = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(ScreenKind::Home, &plain, false),
            Some(Action::CancelVisit)
        );
        assert_eq!(lookup(ScreenKind::Home, &alt, false), None);
        assert_eq!(lookup(ScreenKind::Home, &ctrl, false), Some(Action::Back));
    }

    #[test]
    fn question_mark_is_help_unless_typed_into_a_field() {
        let q = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
        assert_eq!(lookup(ScreenKind::Badge, &q, false), Some(Action::Help));
        assert_eq!(lookup(ScreenKind::Form, &q, false), Some(Action::Help));
        assert_eq!(lookup(ScreenKind::Form, &q, true), None);
    }
}
