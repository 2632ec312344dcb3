//! The words of a key hint: the keys as written, and what they do on the
//! screen (or in the box) they are for.

use ratatui::crossterm::event::KeyCode;

use super::text::{DeskText, Text};
use crate::app::keymap::{Action, Keys};
use crate::app::{App, Hint, ScreenKind};
use crate::config::Language;
use crate::text::keys::{Said, said};

/// How one key is written.
fn key_label(k: Keys, lang: Language) -> String {
    match k {
        Keys::Char(' ') => said(Said::SpaceKey, lang).into(),
        Keys::Char(c) => c.to_string(),
        Keys::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Keys::Any => said(Said::AnyKey, lang).into(),
        Keys::Code(code) => match code {
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "⌫".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        },
    }
}

/// Keys written together: arrows side by side (`←→`), others with `/`.
pub fn keys_label(keys: &[Keys], lang: Language) -> String {
    let arrow = |k: &Keys| {
        matches!(
            k,
            Keys::Code(KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right)
        )
    };
    let sep = if keys.iter().all(arrow) { "" } else { "/" };
    keys.iter()
        .map(|k| key_label(*k, lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// What the keys of a hint do, in words.
pub fn words(app: &App, h: &Hint) -> &'static str {
    let t = app.text();
    let d = app.desk();
    let lang = app.config.language;
    match h.on {
        None => overlay_words(t, h.action, lang),
        Some(_) if app.arrows_move_cursor() && matches!(h.action, Action::Left | Action::Right) => {
            said(Said::MoveCursor, lang)
        }
        Some(_) if app.arrows_move_focus() && matches!(h.action, Action::Up | Action::Down) => {
            said(Said::MoveField, lang)
        }
        Some(kind) => screen_words(t, d, kind, h.action, lang),
    }
}

fn overlay_words(t: &Text, action: Action, lang: Language) -> &'static str {
    match action {
        Action::Close => said(Said::ToClose, lang),
        Action::Quit => said(Said::CloseProgram, lang),
        Action::Left => t.hint_choose,
        Action::ClearField => said(Said::ClearField, lang),
        Action::Back => t.hint_back,
        _ => t.hint_confirm,
    }
}

fn screen_words(
    t: &Text,
    d: &DeskText,
    kind: ScreenKind,
    action: Action,
    lang: Language,
) -> &'static str {
    use Action as A;
    use ScreenKind as S;
    match (kind, action) {
        (S::Review, A::Confirm) => t.hint_submit,
        (S::Privacy, A::Confirm) => crate::text::visitor::visitor_text(lang).hint_agree,
        (_, A::Refuse) => crate::text::visitor::visitor_text(lang).hint_refuse,
        (_, A::Take) => crate::text::visitor::visitor_text(lang).hint_take,
        (_, A::AddMember) => crate::text::team::team_text(lang).hint_add_member,
        (_, A::NextMember) => crate::text::team::team_text(lang).hint_next_member,
        (_, A::TakeAll) => crate::text::visitor::visitor_text(lang).hint_take_all,
        (S::Form, A::PageUp | A::PageDown) => crate::text::visitor::visitor_text(lang).hint_pick,
        (S::ReturnId, A::Confirm) => t.hint_id_returned,
        (S::Archive, A::Confirm) => t.hint_archive,
        (S::Search, A::Confirm) => d.hint_search_open,
        (S::Search, A::Search) => d.hint_edit_query,
        (S::DayLog, A::Open) => d.hint_detail,
        (S::DayLog, A::Left | A::Right) => d.hint_day,
        (S::Counts, A::Left | A::Right) => d.hint_month,
        (S::Counts | S::Detail | S::EndOfShift | S::Archive, A::Up | A::Down) => d.hint_scroll,
        (S::SignIn, A::Up | A::Down) => t.hint_choose,
        (_, A::Quit) => t.hint_quit,
        (_, A::Help) => t.hint_help,
        (_, A::Back) => t.hint_back,
        (_, A::Confirm) => t.hint_confirm,
        (_, A::Up | A::Down) => said(Said::Move, lang),
        (_, A::Left | A::Right) => t.hint_choose,
        (_, A::NextField) => t.hint_next_field,
        (_, A::PrevField) => said(Said::PrevField, lang),
        (_, A::Backspace) => said(Said::Erase, lang),
        (_, A::Delete) => said(Said::EraseForward, lang),
        (_, A::Home | A::End) => said(Said::StartEnd, lang),
        (_, A::ClearField) => said(Said::ClearField, lang),
        (_, A::Toggle) => said(Said::Toggle, lang),
        (_, A::PageUp | A::PageDown) => d.hint_page,
        (_, A::Ok) => said(Said::CheckOk, lang),
        (_, A::NotOk) => said(Said::CheckNotOk, lang),
        (_, A::Close) => said(Said::Close, lang),
        (_, A::NewVisit) => t.hint_new,
        (_, A::Open) => t.hint_open,
        (_, A::CancelVisit) => t.hint_cancel,
        (_, A::EditForm) => t.hint_edit,
        (_, A::SignOut) => t.hint_sign_out,
        (_, A::Accounts) => t.hint_accounts,
        (_, A::DayLog) => d.hint_log,
        (_, A::EndOfShift) => d.hint_end_of_shift,
        (_, A::Add) => d.hint_add,
        (_, A::ResetPin) => d.hint_reset_pin,
        (_, A::Unlock) => d.hint_unlock,
        (_, A::ToggleActive) => d.hint_toggle_active,
        (_, A::Today) => d.hint_today,
        (_, A::GoToDate) => d.hint_go_to,
        (_, A::SortOrder) => d.hint_sort,
        (_, A::Filter) => d.hint_filter,
        (_, A::Door) => d.hint_door,
        (_, A::MarkReviewed) => d.hint_review,
        (_, A::Counts) => d.hint_counts,
        (_, A::Search) => d.hint_search,
        (_, A::Print) => d.hint_print,
        (_, A::RestoreBadge) => d.hint_restore_badge,
        (_, A::Correct) => d.hint_correct,
        (_, A::Plans) => crate::text::plans::plan_text(lang).hint_open,
        (_, A::CancelPlan) => crate::text::plans::plan_text(lang).hint_cancel,
        (_, A::Watchlist) => crate::text::watchlist::watch_text(lang).hint_open,
        (_, A::Remove) => crate::text::watchlist::watch_text(lang).hint_remove,
    }
}
