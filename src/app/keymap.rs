//! Keys become meanings once. One table maps (screen, key) to an [`Action`];
//! the same table gives the footer hints and the `?` help, so help never
//! lies about the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::ScreenKind;
use crate::ui::text::Text;
use crate::ui::text::{DeskText, desk_text};

/// The desk catalog of the same language as `t`.
fn dk(t: &Text) -> &'static DeskText {
    desk_text(t.language)
}

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
    MarkReviewed,
    Counts,
    Search,
    Print,
    RestoreBadge,
    Correct,
}

/// Which keys a binding matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    Code(KeyCode),
    Char(char),
    Ctrl(char),
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
        }
    }

    /// How the key is written in hints.
    pub fn label(self) -> String {
        match self {
            Keys::Char(' ') => "Spasi".into(),
            Keys::Char(c) => c.to_string(),
            Keys::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Keys::Code(code) => match code {
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "S-Tab".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Backspace => "⌫".into(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

/// One row of the keymap: on `screen` (None = everywhere), `keys` means
/// `action`; `hint` picks the words shown in the footer and help.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub screen: Option<ScreenKind>,
    pub keys: Keys,
    pub action: Action,
    pub hint: Option<fn(&Text) -> &'static str>,
}

const fn b(
    screen: Option<ScreenKind>,
    keys: Keys,
    action: Action,
    hint: Option<fn(&Text) -> &'static str>,
) -> Binding {
    Binding {
        screen,
        keys,
        action,
        hint,
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
    b(Some(S::Home), Char('n'), A::NewVisit, Some(|t| t.hint_new)),
    b(
        Some(S::Home),
        Code(K::Enter),
        A::Open,
        Some(|t| t.hint_open),
    ),
    b(
        Some(S::Home),
        Char('x'),
        A::CancelVisit,
        Some(|t| t.hint_cancel),
    ),
    b(
        Some(S::Home),
        Char('u'),
        A::Accounts,
        Some(|t| t.hint_accounts),
    ),
    b(
        Some(S::Home),
        Char('s'),
        A::SignOut,
        Some(|t| t.hint_sign_out),
    ),
    b(
        Some(S::Home),
        Char('l'),
        A::DayLog,
        Some(|t| dk(t).hint_log),
    ),
    b(
        Some(S::Home),
        Char('e'),
        A::EndOfShift,
        Some(|t| dk(t).hint_end_of_shift),
    ),
    b(Some(S::Home), Char('q'), A::Quit, Some(|t| t.hint_quit)),
    b(Some(S::Home), Char('?'), A::Help, Some(|t| t.hint_help)),
    b(Some(S::Home), Code(K::Up), A::Up, None),
    b(Some(S::Home), Code(K::Down), A::Down, None),
    b(Some(S::Home), Char('k'), A::Up, None),
    b(Some(S::Home), Char('j'), A::Down, None),
    // Review (step 3): read-only.
    b(
        Some(S::Review),
        Code(K::Enter),
        A::Confirm,
        Some(|t| t.hint_submit),
    ),
    b(
        Some(S::Review),
        Char('e'),
        A::EditForm,
        Some(|t| t.hint_edit),
    ),
    b(
        Some(S::Review),
        Char('x'),
        A::CancelVisit,
        Some(|t| t.hint_cancel),
    ),
    b(Some(S::Review), Char('?'), A::Help, Some(|t| t.hint_help)),
    // Return of the ID after rejection.
    b(
        Some(S::ReturnId),
        Code(K::Enter),
        A::Confirm,
        Some(|t| t.hint_id_returned),
    ),
    b(Some(S::ReturnId), Char('?'), A::Help, Some(|t| t.hint_help)),
    // Archive (step 7) and read-only detail.
    b(
        Some(S::Archive),
        Code(K::Enter),
        A::Confirm,
        Some(|t| t.hint_archive),
    ),
    b(
        Some(S::Archive),
        Char('p'),
        A::Print,
        Some(|t| dk(t).hint_print),
    ),
    b(Some(S::Archive), Char('?'), A::Help, Some(|t| t.hint_help)),
    b(Some(S::Archive), Code(K::Up), A::Up, None),
    b(Some(S::Archive), Code(K::Down), A::Down, None),
    b(Some(S::Archive), Code(K::PageUp), A::PageUp, None),
    b(Some(S::Archive), Code(K::PageDown), A::PageDown, None),
    // Accounts (supervisors). Letters are commands unless a form is open.
    b(
        Some(S::Accounts),
        Char('a'),
        A::Add,
        Some(|t| dk(t).hint_add),
    ),
    b(
        Some(S::Accounts),
        Char('p'),
        A::ResetPin,
        Some(|t| dk(t).hint_reset_pin),
    ),
    b(
        Some(S::Accounts),
        Char('u'),
        A::Unlock,
        Some(|t| dk(t).hint_unlock),
    ),
    b(
        Some(S::Accounts),
        Char('d'),
        A::ToggleActive,
        Some(|t| dk(t).hint_toggle_active),
    ),
    b(Some(S::Accounts), Char('?'), A::Help, Some(|t| t.hint_help)),
    b(Some(S::Accounts), Char('k'), A::Up, None),
    b(Some(S::Accounts), Char('j'), A::Down, None),
    // Day log (supervisors). Most used first: the footer drops from the end.
    b(
        Some(S::DayLog),
        Code(K::Left),
        A::Left,
        Some(|t| dk(t).hint_day),
    ),
    b(Some(S::DayLog), Code(K::Right), A::Right, None),
    b(
        Some(S::DayLog),
        Code(K::Enter),
        A::Open,
        Some(|t| dk(t).hint_detail),
    ),
    b(
        Some(S::DayLog),
        Char('r'),
        A::MarkReviewed,
        Some(|t| dk(t).hint_review),
    ),
    b(
        Some(S::DayLog),
        Char('c'),
        A::Counts,
        Some(|t| dk(t).hint_counts),
    ),
    b(
        Some(S::DayLog),
        Char('/'),
        A::Search,
        Some(|t| dk(t).hint_search),
    ),
    b(
        Some(S::DayLog),
        Char('p'),
        A::Print,
        Some(|t| dk(t).hint_print),
    ),
    b(
        Some(S::DayLog),
        Char('f'),
        A::Filter,
        Some(|t| dk(t).hint_filter),
    ),
    b(
        Some(S::DayLog),
        Char('o'),
        A::SortOrder,
        Some(|t| dk(t).hint_sort),
    ),
    b(
        Some(S::DayLog),
        Char('g'),
        A::GoToDate,
        Some(|t| dk(t).hint_go_to),
    ),
    b(
        Some(S::DayLog),
        Char('t'),
        A::Today,
        Some(|t| dk(t).hint_today),
    ),
    b(
        Some(S::DayLog),
        Code(K::PageDown),
        A::PageDown,
        Some(|t| dk(t).hint_page),
    ),
    b(Some(S::DayLog), Char('?'), A::Help, Some(|t| t.hint_help)),
    b(Some(S::DayLog), Char('k'), A::Up, None),
    b(Some(S::DayLog), Char('j'), A::Down, None),
    // Counts: a month back or on.
    b(
        Some(S::Counts),
        Code(K::Left),
        A::Left,
        Some(|t| dk(t).hint_month),
    ),
    b(Some(S::Counts), Code(K::Right), A::Right, None),
    b(
        Some(S::Counts),
        Code(K::Down),
        A::Down,
        Some(|t| dk(t).hint_scroll),
    ),
    b(Some(S::Counts), Char('?'), A::Help, Some(|t| t.hint_help)),
    // Search: Enter searches (in the query) or opens (in the results).
    b(
        Some(S::Search),
        Code(K::Enter),
        A::Confirm,
        Some(|t| dk(t).hint_search_open),
    ),
    b(
        Some(S::Search),
        Char('/'),
        A::Search,
        Some(|t| dk(t).hint_edit_query),
    ),
    b(
        Some(S::Search),
        Code(K::PageDown),
        A::PageDown,
        Some(|t| dk(t).hint_page),
    ),
    b(Some(S::Search), Char('?'), A::Help, Some(|t| t.hint_help)),
    // Visit detail and end of shift: read, print.
    b(
        Some(S::Detail),
        Char('p'),
        A::Print,
        Some(|t| dk(t).hint_print),
    ),
    b(
        Some(S::Detail),
        Code(K::Down),
        A::Down,
        Some(|t| dk(t).hint_scroll),
    ),
    b(
        Some(S::Detail),
        Char('k'),
        A::Correct,
        Some(|t| dk(t).hint_correct),
    ),
    b(Some(S::Detail), Char('?'), A::Help, Some(|t| t.hint_help)),
    b(
        Some(S::EndOfShift),
        Char('p'),
        A::Print,
        Some(|t| dk(t).hint_print),
    ),
    b(
        Some(S::EndOfShift),
        Char('b'),
        A::RestoreBadge,
        Some(|t| dk(t).hint_restore_badge),
    ),
    b(
        Some(S::EndOfShift),
        Code(K::Down),
        A::Down,
        Some(|t| dk(t).hint_scroll),
    ),
    b(
        Some(S::EndOfShift),
        Char('?'),
        A::Help,
        Some(|t| t.hint_help),
    ),
    // Checkout: Ok / not OK on a checklist item.
    b(Some(S::Checkout), Code(K::Left), A::Ok, None),
    b(Some(S::Checkout), Code(K::Right), A::NotOk, None),
    // Screens with fields.
    b(
        None,
        Code(K::Tab),
        A::NextField,
        Some(|t| t.hint_next_field),
    ),
    b(None, Code(K::BackTab), A::PrevField, None),
    b(None, Code(K::Down), A::Down, None),
    b(None, Code(K::Up), A::Up, None),
    b(None, Code(K::Left), A::Left, Some(|t| t.hint_choose)),
    b(None, Code(K::Right), A::Right, None),
    b(None, Code(K::Enter), A::Confirm, Some(|t| t.hint_confirm)),
    b(None, Code(K::Backspace), A::Backspace, None),
    b(None, Ctrl('u'), A::ClearField, None),
    b(None, Code(K::PageUp), A::PageUp, None),
    b(None, Code(K::PageDown), A::PageDown, None),
    b(None, Code(K::F(1)), A::Help, Some(|t| t.hint_help)),
    // `?` is help wherever it is not being typed into a field.
    b(None, Char('?'), A::Help, None),
    b(None, Code(K::Esc), A::Back, Some(|t| t.hint_back)),
    b(None, Ctrl('c'), A::Back, None),
];

/// The action a key has on a screen, if any. `typing` is true when the
/// focus is in a text field: then a plain character is never an action
/// (except on screens whose keymap lists it first).
pub fn lookup(screen: ScreenKind, key: &KeyEvent, typing: bool) -> Option<Action> {
    KEYMAP
        .iter()
        .filter(|bd| bd.screen.is_none_or(|s| s == screen))
        .filter(|bd| !(typing && matches!(bd.keys, Char(_))))
        .find(|bd| bd.keys.matches(key))
        .map(|bd| bd.action)
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

/// The footer hints of a screen: (key, words), screen rows first.
pub fn hints(screen: ScreenKind, t: &Text) -> Vec<(String, &'static str)> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for bd in KEYMAP
        .iter()
        .filter(|bd| bd.screen == Some(screen))
        .chain(KEYMAP.iter().filter(|bd| bd.screen.is_none()))
    {
        if seen.contains(&bd.action) {
            continue;
        }
        seen.push(bd.action);
        if let Some(h) = bd.hint
            && (screen.has_fields() || bd.screen.is_some() || bd.action == A::Back)
        {
            out.push((bd.keys.label(), h(t)));
        }
    }
    out
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
