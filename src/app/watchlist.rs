//! Supervisors: the watchlist (daftar tangkal). The entries in force, an
//! entry added (NIK, name, organisation, reason, last valid day), one
//! removed after a confirmation. The list itself is what the shell loads
//! with the dashboard ([`App::watchlist`]); the form warns and the approval
//! screen asks twice through [`App::watch_hits`].

use crate::domain::visit::FormDraft;
use crate::domain::watchlist::{NewWatch, WatchError, WatchField, WatchHit, WatchId, matches};

use super::desk::select;
use super::keymap::Keys::Char;
use super::keymap::{Action, Binding, b};
use super::{Accepts, App, Effect, LineInput, Screen};
use Action as A;

/// Characters a field of the entry form takes.
pub fn watch_max_len(field: WatchField) -> usize {
    match field {
        WatchField::Nik => 20,
        WatchField::Name => crate::domain::fields::NAME_MAX_CHARS,
        WatchField::Organisation => crate::domain::watchlist::MAX_WATCH_ORG,
        WatchField::Reason => crate::domain::watchlist::MAX_WATCH_REASON,
        WatchField::Until => 10,
    }
}

/// A new entry as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchForm {
    pub nik: LineInput,
    pub name: LineInput,
    pub organisation: LineInput,
    pub reason: LineInput,
    /// The last valid day, DD-MM-YYYY.
    pub until: LineInput,
    pub focus: usize,
    pub error: Option<WatchError>,
}

impl Default for WatchForm {
    fn default() -> Self {
        let input = |f| LineInput::new(watch_max_len(f));
        WatchForm {
            nik: input(WatchField::Nik).accepting(Accepts::DigitsSpaces),
            name: input(WatchField::Name),
            organisation: input(WatchField::Organisation),
            reason: input(WatchField::Reason),
            until: input(WatchField::Until).accepting(Accepts::Date),
            focus: 0,
            error: None,
        }
    }
}

impl WatchForm {
    pub fn focus(&self) -> WatchField {
        WatchField::ALL[self.focus.min(WatchField::ALL.len() - 1)]
    }

    pub fn get(&self, field: WatchField) -> &LineInput {
        match field {
            WatchField::Nik => &self.nik,
            WatchField::Name => &self.name,
            WatchField::Organisation => &self.organisation,
            WatchField::Reason => &self.reason,
            WatchField::Until => &self.until,
        }
    }

    fn input_mut(&mut self, field: WatchField) -> &mut LineInput {
        match field {
            WatchField::Nik => &mut self.nik,
            WatchField::Name => &mut self.name,
            WatchField::Organisation => &mut self.organisation,
            WatchField::Reason => &mut self.reason,
            WatchField::Until => &mut self.until,
        }
    }
}

/// What was done last on the screen, for the line under the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchNote {
    Added(WatchId),
    Removed(WatchId),
}

/// The watchlist screen: the list, a form over it, or a removal to confirm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WatchlistState {
    pub selected: usize,
    pub form: Option<WatchForm>,
    /// Enter removes this entry; Esc keeps it.
    pub confirm_remove: Option<WatchId>,
    pub note: Option<WatchNote>,
}

impl App {
    /// The entries in force that a form matches, at the app's clock.
    pub fn watch_hits(&self, form: &FormDraft) -> Vec<WatchHit> {
        matches(&self.watchlist, form, self.now)
    }

    /// An entry was added or removed: back to the list, saying so.
    pub fn on_watch_changed(&mut self, note: WatchNote) {
        if let Screen::Watchlist(w) = &mut self.screen {
            w.form = None;
            w.confirm_remove = None;
            w.note = Some(note);
        }
    }
}

impl super::ScreenState for WatchlistState {
    /// Letters are commands unless the form is open.
    const KEYS: &'static [Binding] = &[
        b(Char('a'), A::Add, true),
        b(Char('d'), A::Remove, true),
        b(Char('?'), A::Help, true),
        b(Char('k'), A::Up, false),
        b(Char('j'), A::Down, false),
    ];

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut w = self;
        if let Some(mut form) = w.form.take() {
            let last = WatchField::ALL.len() - 1;
            match action {
                Some(Action::Back) => return (Screen::Watchlist(w), Vec::new()),
                Some(Action::Confirm) if form.focus == last => {
                    let today = app.today();
                    match NewWatch::parse(
                        form.nik.value(),
                        form.name.value(),
                        form.organisation.value(),
                        form.reason.value(),
                        form.until.value(),
                        today,
                    ) {
                        Ok(new) => {
                            w.form = Some(form);
                            return (Screen::Watchlist(w), vec![Effect::AddWatch(new)]);
                        }
                        Err(e) => {
                            form.focus = match &e {
                                WatchError::Field { field, .. } => {
                                    WatchField::ALL.iter().position(|f| f == field).unwrap_or(0)
                                }
                                WatchError::NothingToMatch => 0,
                                WatchError::InThePast | WatchError::BadDate => last,
                            };
                            form.error = Some(e);
                        }
                    }
                }
                Some(Action::Confirm | Action::NextField | Action::Down) => {
                    form.focus = (form.focus + 1).min(last);
                }
                Some(Action::PrevField | Action::Up) => form.focus = form.focus.saturating_sub(1),
                _ => {
                    let field = form.focus();
                    form.input_mut(field).key(action, ch);
                }
            }
            w.form = Some(form);
            return (Screen::Watchlist(w), Vec::new());
        }
        if let Some(id) = w.confirm_remove.take() {
            if action == Some(Action::Confirm) {
                return (Screen::Watchlist(w), vec![Effect::RemoveWatch(id)]);
            }
            return (Screen::Watchlist(w), Vec::new());
        }
        match action {
            Some(Action::Back) => return App::home(),
            Some(Action::Add) => {
                w.note = None;
                w.form = Some(WatchForm::default());
            }
            Some(Action::Remove) => {
                w.note = None;
                w.confirm_remove = app.watchlist.get(w.selected).map(|e| e.id);
            }
            other => select(&mut w.selected, app.watchlist.len(), other),
        }
        (Screen::Watchlist(w), Vec::new())
    }

    fn typing(&self) -> bool {
        self.form.is_some()
    }

    fn works(&self, app: &App, action: Action) -> Option<bool> {
        (action == Action::Remove).then_some(
            self.form.is_none() && self.confirm_remove.is_none() && !app.watchlist.is_empty(),
        )
    }

    fn several_fields(&self) -> bool {
        self.form.is_some()
    }

    fn confirms(&self, _app: &App) -> bool {
        self.form.is_some() || self.confirm_remove.is_some()
    }

    fn lists(&self, app: &App) -> bool {
        self.confirm_remove.is_none() && app.watchlist.len() > 1
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::app::fixtures::{app, chars, key, now};
    use crate::app::{Notice, Overlay};
    use crate::domain::visit::{Role, UserId};
    use crate::domain::watchlist::WatchEntry;

    #[test]
    fn the_watchlist_is_a_supervisors_desk_screen() {
        let mut op = app(Role::Operator);
        key(&mut op, KeyCode::Char('w'));
        assert!(matches!(
            op.overlay,
            Some(Overlay::Told(Notice::SupervisorOnly))
        ));
        assert!(matches!(op.screen, Screen::Home(_)));
        let mut sup = app(Role::Supervisor);
        key(&mut sup, KeyCode::Char('w'));
        assert!(matches!(sup.screen, Screen::Watchlist(_)));
    }

    #[test]
    fn add_then_remove_an_entry() {
        let mut a = app(Role::Supervisor);
        key(&mut a, KeyCode::Char('w'));
        key(&mut a, KeyCode::Char('a'));
        key(&mut a, KeyCode::Tab); // no NIK
        chars(&mut a, "Budi Santoso");
        key(&mut a, KeyCode::Tab);
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "Membawa perangkat tanpa izin");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "26-11-2026");
        assert!(key(&mut a, KeyCode::Enter).is_empty(), "a day in the past");
        let Screen::Watchlist(w) = &a.screen else {
            panic!("watchlist")
        };
        assert_eq!(
            w.form.as_ref().and_then(|f| f.error.clone()),
            Some(WatchError::InThePast)
        );
        for _ in 0..10 {
            key(&mut a, KeyCode::Backspace);
        }
        chars(&mut a, "31-12-2026");
        let e = key(&mut a, KeyCode::Enter);
        assert!(matches!(&e[..], [Effect::AddWatch(n)] if n.name == "Budi Santoso"));

        a.on_watch_changed(WatchNote::Added(WatchId(1)));
        a.watchlist = vec![WatchEntry {
            id: WatchId(1),
            nik: String::new(),
            name: "Budi Santoso".into(),
            organisation: String::new(),
            reason: "x".into(),
            until: now() + chrono::Duration::days(30),
            added_by: UserId(1),
            added_at: now(),
            removed: None,
        }];
        // d asks; Esc keeps the entry; d and Enter remove it.
        assert!(key(&mut a, KeyCode::Char('d')).is_empty());
        assert!(key(&mut a, KeyCode::Esc).is_empty());
        assert!(matches!(a.screen, Screen::Watchlist(_)));
        key(&mut a, KeyCode::Char('d'));
        assert_eq!(
            key(&mut a, KeyCode::Enter),
            vec![Effect::RemoveWatch(WatchId(1))]
        );
    }
}
