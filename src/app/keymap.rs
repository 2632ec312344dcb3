//! Keys become meanings once. One table maps (screen, key) to an [`Action`];
//! the same table gives the footer hints and the `?` help, so help never
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

/// One row of the keymap: on `screen` (None = everywhere), `keys` means
/// `action`; `footer`: the footer shows it (help shows every row that
/// works). The words are `ui/`'s, chosen by the action.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub screen: Option<ScreenKind>,
    pub keys: Keys,
    pub action: Action,
    pub footer: bool,
}

const fn b(screen: Option<ScreenKind>, keys: Keys, action: Action, footer: bool) -> Binding {
    Binding {
        screen,
        keys,
        action,
        footer,
    }
}

use Action as A;
use KeyCode as K;
use Keys::{Char, Code, Ctrl};
use ScreenKind as S;

/// The keymap. Earlier rows win. Character keys on screens with text
/// fields are typed into the field unless listed here for that screen.
pub static KEYMAP: &[Binding] = &[
    // Home: a list, so letters are commands.
    b(Some(S::Home), Char('n'), A::NewVisit, true),
    b(Some(S::Home), Code(K::Enter), A::Open, true),
    b(Some(S::Home), Char('x'), A::CancelVisit, true),
    b(Some(S::Home), Char('u'), A::Accounts, true),
    b(Some(S::Home), Char('s'), A::SignOut, true),
    b(Some(S::Home), Char('l'), A::DayLog, true),
    b(Some(S::Home), Char('e'), A::EndOfShift, true),
    b(Some(S::Home), Char('w'), A::Watchlist, true),
    b(Some(S::Home), Char('t'), A::Plans, true),
    b(Some(S::Home), Char('q'), A::Quit, true),
    b(Some(S::Home), Char('?'), A::Help, true),
    b(Some(S::Home), Code(K::Up), A::Up, false),
    b(Some(S::Home), Code(K::Down), A::Down, false),
    b(Some(S::Home), Char('k'), A::Up, false),
    b(Some(S::Home), Char('j'), A::Down, false),
    // Review (step 3): read-only.
    b(Some(S::Review), Code(K::Enter), A::Confirm, true),
    b(Some(S::Review), Char('e'), A::EditForm, true),
    b(Some(S::Review), Char('x'), A::CancelVisit, true),
    b(Some(S::Review), Char('?'), A::Help, true),
    // The form: a returning visitor's last details, offered.
    b(Some(S::Form), Code(K::F(2)), A::Take, true),
    b(Some(S::Form), Code(K::F(3)), A::TakeAll, true),
    // The privacy notice at the end of step 2: agreed, or refused.
    b(Some(S::Privacy), Code(K::Enter), A::Confirm, true),
    b(Some(S::Privacy), Char('x'), A::Refuse, true),
    b(Some(S::Privacy), Char('?'), A::Help, true),
    // Return of the ID after rejection.
    b(Some(S::ReturnId), Code(K::Enter), A::Confirm, true),
    b(Some(S::ReturnId), Char('?'), A::Help, true),
    // Archive (step 7) and read-only detail.
    b(Some(S::Archive), Code(K::Enter), A::Confirm, true),
    b(Some(S::Archive), Char('p'), A::Print, true),
    b(Some(S::Archive), Char('?'), A::Help, true),
    b(Some(S::Archive), Code(K::Up), A::Up, false),
    b(Some(S::Archive), Code(K::Down), A::Down, false),
    b(Some(S::Archive), Code(K::PageUp), A::PageUp, false),
    b(Some(S::Archive), Code(K::PageDown), A::PageDown, false),
    // Accounts (supervisors). Letters are commands unless a form is open.
    b(Some(S::Accounts), Char('a'), A::Add, true),
    b(Some(S::Accounts), Char('p'), A::ResetPin, true),
    b(Some(S::Accounts), Char('u'), A::Unlock, true),
    b(Some(S::Accounts), Char('d'), A::ToggleActive, true),
    b(Some(S::Accounts), Char('?'), A::Help, true),
    b(Some(S::Accounts), Char('k'), A::Up, false),
    b(Some(S::Accounts), Char('j'), A::Down, false),
    // Watchlist (supervisors). Letters are commands unless the form is open.
    b(Some(S::Watchlist), Char('a'), A::Add, true),
    b(Some(S::Watchlist), Char('d'), A::Remove, true),
    b(Some(S::Watchlist), Char('?'), A::Help, true),
    b(Some(S::Watchlist), Char('k'), A::Up, false),
    b(Some(S::Watchlist), Char('j'), A::Down, false),
    // Planned visits: Enter starts today's (operators); supervisors add, cancel.
    b(Some(S::Plans), Char('a'), A::Add, true),
    b(Some(S::Plans), Char('c'), A::CancelPlan, true),
    b(Some(S::Plans), Char('?'), A::Help, true),
    b(Some(S::Plans), Char('k'), A::Up, false),
    b(Some(S::Plans), Char('j'), A::Down, false),
    // Day log (supervisors). Most used first: the footer drops from the end.
    b(Some(S::DayLog), Code(K::Left), A::Left, true),
    b(Some(S::DayLog), Code(K::Right), A::Right, false),
    b(Some(S::DayLog), Code(K::Enter), A::Open, true),
    b(Some(S::DayLog), Char('r'), A::MarkReviewed, true),
    b(Some(S::DayLog), Char('c'), A::Counts, true),
    b(Some(S::DayLog), Char('/'), A::Search, true),
    b(Some(S::DayLog), Char('p'), A::Print, true),
    b(Some(S::DayLog), Char('f'), A::Filter, true),
    b(Some(S::DayLog), Char('d'), A::Door, true),
    b(Some(S::DayLog), Char('o'), A::SortOrder, true),
    b(Some(S::DayLog), Char('g'), A::GoToDate, true),
    b(Some(S::DayLog), Char('t'), A::Today, true),
    b(Some(S::DayLog), Code(K::PageDown), A::PageDown, true),
    b(Some(S::DayLog), Char('?'), A::Help, true),
    b(Some(S::DayLog), Char('k'), A::Up, false),
    b(Some(S::DayLog), Char('j'), A::Down, false),
    // Counts: a month back or on.
    b(Some(S::Counts), Code(K::Left), A::Left, true),
    b(Some(S::Counts), Code(K::Right), A::Right, false),
    b(Some(S::Counts), Code(K::Down), A::Down, true),
    b(Some(S::Counts), Char('?'), A::Help, true),
    // Search: Enter searches (in the query) or opens (in the results).
    b(Some(S::Search), Code(K::Enter), A::Confirm, true),
    b(Some(S::Search), Char('/'), A::Search, true),
    b(Some(S::Search), Code(K::PageDown), A::PageDown, true),
    b(Some(S::Search), Char('?'), A::Help, true),
    // Visit detail and end of shift: read, print.
    b(Some(S::Detail), Char('p'), A::Print, true),
    b(Some(S::Detail), Code(K::Down), A::Down, true),
    b(Some(S::Detail), Char('k'), A::Correct, true),
    b(Some(S::Detail), Char('?'), A::Help, true),
    b(Some(S::EndOfShift), Char('p'), A::Print, true),
    b(Some(S::EndOfShift), Char('b'), A::RestoreBadge, true),
    b(Some(S::EndOfShift), Code(K::Down), A::Down, true),
    b(Some(S::EndOfShift), Char('?'), A::Help, true),
    // Checkout: Ok / not OK on a checklist item.
    b(Some(S::Checkout), Code(K::Left), A::Ok, true),
    b(Some(S::Checkout), Code(K::Right), A::NotOk, true),
    // Screens with fields.
    b(None, Code(K::Tab), A::NextField, true),
    b(None, Code(K::BackTab), A::PrevField, false),
    b(None, Code(K::Down), A::Down, false),
    b(None, Code(K::Up), A::Up, false),
    b(None, Code(K::Left), A::Left, true),
    b(None, Code(K::Right), A::Right, false),
    b(None, Code(K::Enter), A::Confirm, true),
    b(None, Code(K::Backspace), A::Backspace, false),
    b(None, Code(K::Delete), A::Delete, false),
    b(None, Code(K::Home), A::Home, false),
    b(None, Code(K::End), A::End, false),
    b(None, Ctrl('u'), A::ClearField, false),
    b(None, Char(' '), A::Toggle, false),
    b(None, Code(K::PageUp), A::PageUp, false),
    b(None, Code(K::PageDown), A::PageDown, false),
    b(None, Code(K::F(1)), A::Help, true),
    // `?` is help wherever it is not being typed into a field.
    b(None, Char('?'), A::Help, false),
    b(None, Code(K::Esc), A::Back, true),
    b(None, Ctrl('c'), A::Back, false),
];

/// The action a key has on a screen, if any. `typing` is true when the
/// focus is in a text field: then a plain character is never an action,
/// and ← → move the cursor whatever they do elsewhere on the screen.
pub fn lookup(screen: ScreenKind, key: &KeyEvent, typing: bool) -> Option<Action> {
    KEYMAP
        .iter()
        .filter(|bd| applies(bd, screen, typing))
        .find(|bd| bd.keys.matches(key))
        .map(|bd| bd.action)
}

/// Whether a row of the keymap is in force on `screen`: `typing` as for
/// [`lookup`].
pub fn applies(bd: &Binding, screen: ScreenKind, typing: bool) -> bool {
    let arrow = matches!(bd.keys, Code(K::Left | K::Right));
    bd.screen.is_none_or(|s| s == screen)
        && !(typing && matches!(bd.keys, Char(_)))
        && !(typing && arrow && bd.screen.is_some())
}

/// The action of a key in a box drawn over a screen (a reason prompt, the
/// exit PIN): only the rows for every screen apply, so Enter confirms and
/// is not the screen's own meaning (on Home, Enter opens a visit).
pub fn lookup_overlay(key: &KeyEvent) -> Option<Action> {
    KEYMAP
        .iter()
        .filter(|bd| bd.screen.is_none())
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
