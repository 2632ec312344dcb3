//! Visits of all days by name, ID number or organisation.

use crate::domain::fields::sanitize;
use crate::store::VisitSummary;

use super::desk::select;
use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{App, Effect, LineInput, PAGE_SIZE, Screen};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// Search across all days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    pub query: LineInput,
    /// The focus is on the query (typing), not on the results.
    pub editing: bool,
    /// The query the results are for, once searched.
    pub searched: Option<String>,
    pub offset: u32,
    pub results: Vec<VisitSummary>,
    pub selected: usize,
    pub back: Box<Screen>,
}

impl SearchState {
    /// A new search, the query to type, `back` the screen it returns to.
    pub fn new(back: Screen) -> SearchState {
        SearchState {
            query: LineInput::new(80),
            editing: true,
            searched: None,
            offset: 0,
            results: Vec::new(),
            selected: 0,
            back: Box::new(back),
        }
    }

    pub fn query_effect(&self) -> Option<Effect> {
        self.searched.as_ref().map(|q| Effect::Search {
            query: q.clone(),
            offset: self.offset,
        })
    }

    /// A full page came back: there may be more.
    pub fn may_have_more(&self) -> bool {
        self.results.len() >= PAGE_SIZE as usize
    }
}

impl App {
    pub fn on_search(&mut self, query: &Effect, results: Vec<VisitSummary>) {
        if let Screen::Search(s) = &mut self.screen
            && s.query_effect().as_ref() == Some(query)
        {
            s.results = results;
            s.selected = s.selected.min(s.results.len().saturating_sub(1));
        }
    }
}

impl super::ScreenState for SearchState {
    /// Enter searches (in the query) or opens (in the results).
    const KEYS: &'static [Binding] = &[
        b(Code(K::Enter), A::Confirm, true),
        b(Char('/'), A::Search, true),
        b(Code(K::PageDown), A::PageDown, true),
        b(Char('?'), A::Help, true),
    ];

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut s = self;
        if action == Some(Action::Back) {
            return app.back_to(*s.back);
        }
        if s.editing {
            match action {
                Some(Action::Confirm) => {
                    let q = sanitize(s.query.value(), 80);
                    if q.chars().count() >= 2 {
                        s.editing = false;
                        s.searched = Some(q.clone());
                        s.offset = 0;
                        s.selected = 0;
                        s.results.clear();
                        return (
                            Screen::Search(s),
                            vec![Effect::Search {
                                query: q,
                                offset: 0,
                            }],
                        );
                    }
                }
                Some(Action::Down | Action::NextField) if !s.results.is_empty() => {
                    s.editing = false;
                }
                _ => {
                    s.query.key(action, ch);
                }
            }
            return (Screen::Search(s), Vec::new());
        }
        let effect = match action {
            Some(Action::Search | Action::NextField | Action::PrevField) => {
                s.editing = true;
                None
            }
            Some(Action::Up) if s.selected == 0 => {
                s.editing = true;
                None
            }
            Some(Action::Up | Action::Down) => {
                select(&mut s.selected, s.results.len(), action);
                None
            }
            Some(Action::Confirm) => s
                .results
                .get(s.selected)
                .map(|r| Effect::OpenDetail(r.visit.id)),
            Some(Action::PageDown) if s.may_have_more() => {
                s.offset += PAGE_SIZE;
                s.selected = 0;
                s.query_effect()
            }
            Some(Action::PageUp) if s.offset > 0 => {
                s.offset = s.offset.saturating_sub(PAGE_SIZE);
                s.selected = 0;
                s.query_effect()
            }
            _ => None,
        };
        (Screen::Search(s), effect.into_iter().collect())
    }

    fn typing(&self) -> bool {
        self.editing
    }

    fn query(&self) -> Option<Effect> {
        self.query_effect()
    }

    fn several_fields(&self) -> bool {
        !self.results.is_empty()
    }

    fn lists(&self, _app: &App) -> bool {
        !self.results.is_empty()
    }

    fn pages(&self) -> bool {
        self.offset > 0 || self.may_have_more()
    }
}
