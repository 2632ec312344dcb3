//! Step 6: badge back, ID back, the checklist, what was done.

use crate::domain::badge::BadgeNo;
use crate::domain::checkout::CheckoutGap;
use crate::domain::visit::{CheckKind, CheckoutDraft, Command, DraftAnswer, Visit};

use super::keymap::Keys::Code;
use super::keymap::{Action, Binding, b};
use super::{App, Effect, FocusMove, LineInput, Problem, Screen};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// The most characters of the badge number, a note and the activity.
const BADGE_MAX: usize = BadgeNo::MAX;
const NOTE_MAX: usize = 200;
const ACTIVITY_MAX: usize = 500;
/// The most characters of the equipment taken out but not listed.
const TAKEN_OUT_MAX: usize = crate::domain::visit::MAX_EQUIPMENT;

/// Where the focus is on the check-out screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckoutFocus {
    Badge,
    IdReturned,
    Item(usize),
    Note(usize),
    /// Equipment taken out that was not listed at step 2.
    TakenOut,
    Activity,
}

/// Step 6: badge back, ID back, checklist, what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutState {
    pub visit: Visit,
    pub badge_returned: String,
    pub id_returned: bool,
    /// The rows: the room's checklist, then the equipment brought in
    /// (step 2's list), each with its kind.
    pub items: Vec<String>,
    pub kinds: Vec<CheckKind>,
    pub answers: Vec<Option<bool>>,
    pub notes: Vec<String>,
    pub activity: String,
    /// Equipment taken out that was not listed, as typed (`;` between).
    pub taken_out: String,
    pub focus_index: usize,
    pub message: Option<Problem>,
    /// The badge typed does not match: the next Enter records it lost.
    pub confirm_lost: bool,
    /// Typed but not yet saved.
    pub dirty: bool,
    /// The focused text's input (cursor, limit): what it holds is written
    /// to the field on each key.
    pub input: LineInput,
}

impl CheckoutState {
    /// The check-out of `visit` with the checklist `items` and a row for
    /// each item of equipment the form lists, resumed from its saved
    /// draft if it has one (answers matched by item).
    pub fn new(visit: Visit, items: &[String]) -> CheckoutState {
        let draft = visit.checkout_draft.clone().unwrap_or_default();
        let brought = visit.brought();
        let rows: Vec<(String, CheckKind)> = items
            .iter()
            .map(|i| (i.clone(), CheckKind::Room))
            .chain(brought.into_iter().map(|i| (i, CheckKind::Brought)))
            .collect();
        let saved = |(item, kind): &(String, CheckKind)| {
            draft
                .answers
                .iter()
                .find(|a| a.item == *item && a.kind == *kind)
        };
        CheckoutState {
            badge_returned: draft.badge_returned.clone(),
            id_returned: draft.id_returned,
            answers: rows.iter().map(|r| saved(r).and_then(|a| a.ok)).collect(),
            notes: rows
                .iter()
                .map(|r| saved(r).map(|a| a.note.clone()).unwrap_or_default())
                .collect(),
            kinds: rows.iter().map(|r| r.1).collect(),
            items: rows.into_iter().map(|r| r.0).collect(),
            activity: draft.activity.clone(),
            taken_out: draft.taken_out.clone(),
            focus_index: 0,
            message: None,
            confirm_lost: false,
            dirty: false,
            input: LineInput::new(BADGE_MAX).with_value(&draft.badge_returned),
            visit,
        }
    }

    /// The input for the place in focus, holding its text.
    fn sync_input(&mut self) {
        let focus = self.focus();
        let max = match focus {
            CheckoutFocus::Activity => ACTIVITY_MAX,
            CheckoutFocus::TakenOut => TAKEN_OUT_MAX,
            CheckoutFocus::Note(_) => NOTE_MAX,
            _ => BADGE_MAX,
        };
        let value = self.text_mut(focus).map(|s| s.clone()).unwrap_or_default();
        self.input = LineInput::new(max).with_value(&value);
    }

    /// What is typed so far, to be saved.
    pub fn draft(&self) -> CheckoutDraft {
        CheckoutDraft {
            badge_returned: self.badge_returned.clone(),
            id_returned: self.id_returned,
            answers: self
                .items
                .iter()
                .zip(&self.answers)
                .zip(&self.notes)
                .zip(&self.kinds)
                .map(|(((item, ok), note), kind)| DraftAnswer {
                    item: item.clone(),
                    ok: *ok,
                    note: note.clone(),
                    kind: *kind,
                })
                .collect(),
            activity: self.activity.clone(),
            taken_out: self.taken_out.clone(),
        }
    }

    /// The room's checklist items and the equipment rows, apart.
    fn rows(&self) -> (Vec<String>, Vec<String>) {
        let of = |k: CheckKind| {
            self.items
                .iter()
                .zip(&self.kinds)
                .filter(|(_, kind)| **kind == k)
                .map(|(i, _)| i.clone())
                .collect()
        };
        (of(CheckKind::Room), of(CheckKind::Brought))
    }

    /// The focusable places, in order: a note only after a "not OK".
    pub fn order(&self) -> Vec<CheckoutFocus> {
        let mut v = vec![CheckoutFocus::Badge, CheckoutFocus::IdReturned];
        for (i, a) in self.answers.iter().enumerate() {
            v.push(CheckoutFocus::Item(i));
            if *a == Some(false) {
                v.push(CheckoutFocus::Note(i));
            }
        }
        v.push(CheckoutFocus::TakenOut);
        v.push(CheckoutFocus::Activity);
        v
    }

    pub fn focus(&self) -> CheckoutFocus {
        let o = self.order();
        o[self.focus_index.min(o.len() - 1)]
    }

    /// The focus to the next (or previous) place, as on every screen
    /// ([`FocusMove`]).
    pub fn move_focus(&mut self, to: FocusMove) {
        let order: Vec<usize> = (0..self.order().len()).collect();
        self.focus_index = to.from(&order, self.focus_index);
    }

    pub fn answer(&mut self, ok: Option<bool>) {
        if let CheckoutFocus::Item(i) = self.focus() {
            self.answers[i] = ok;
            if ok == Some(false) {
                self.move_focus(FocusMove::Next); // to the note
            }
        }
    }

    pub fn text_mut(&mut self, focus: CheckoutFocus) -> Option<&mut String> {
        match focus {
            CheckoutFocus::Badge => Some(&mut self.badge_returned),
            CheckoutFocus::Note(i) => self.notes.get_mut(i),
            CheckoutFocus::Activity => Some(&mut self.activity),
            CheckoutFocus::TakenOut => Some(&mut self.taken_out),
            CheckoutFocus::IdReturned | CheckoutFocus::Item(_) => None,
        }
    }

    /// The check-out command, or what is still missing (the focus moves
    /// there). The draft is read by the domain's one check-out parser; a
    /// badge other than the one issued asks for a second Enter first.
    pub fn command(&mut self) -> Result<Command, Problem> {
        let (items, brought) = self.rows();
        let input = match self.draft().parse(&items, &brought) {
            Ok(input) => input,
            Err(gap) => {
                let (at, problem) = match gap {
                    CheckoutGap::Badge => (CheckoutFocus::Badge, Problem::BadgeReturnedRequired),
                    CheckoutGap::IdReturned => {
                        (CheckoutFocus::IdReturned, Problem::IdReturnRequired)
                    }
                    CheckoutGap::Unanswered(i) => {
                        (CheckoutFocus::Item(i), Problem::ChecklistUnanswered(i + 1))
                    }
                    CheckoutGap::Note(i) => (CheckoutFocus::Note(i), Problem::NoteRequired(i + 1)),
                };
                self.focus_index = self.order().iter().position(|f| *f == at).unwrap_or(0);
                return Err(problem);
            }
        };
        let badge = input.badge_returned;
        let matches = self.visit.badge.as_ref() == Some(&badge);
        if !matches && !self.confirm_lost {
            self.confirm_lost = true;
            return Err(Problem::BadgeMismatch {
                issued: self.visit.badge.clone(),
                given: badge,
            });
        }
        Ok(Command::CheckOut {
            badge_returned: Some(badge),
            id_returned: true,
            checklist: input.checklist,
            activity: input.activity,
        })
    }
}

impl super::ScreenState for CheckoutState {
    /// ← → answer a checklist row (Ok, not Ok).
    const KEYS: &'static [Binding] = &[
        b(Code(K::Left), A::Ok, true),
        b(Code(K::Right), A::NotOk, true),
    ];
    const HAS_FIELDS: bool = true;
    const TICKS: bool = true;

    fn key(self, _: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut c = self;
        let focus = c.focus();
        let before = c.draft();
        let save = |c: &CheckoutState| Effect::SaveCheckoutDraft(c.visit.id, c.draft());
        match action {
            Some(Action::Back) => {
                let (screen, mut effects) = App::home();
                if c.dirty {
                    effects.insert(0, save(&c));
                }
                return (screen, effects);
            }
            Some(Action::NextField | Action::Down | Action::PrevField | Action::Up) => {
                if let Some(to) = FocusMove::of(action) {
                    c.move_focus(to);
                }
            }
            Some(Action::Confirm) if focus == CheckoutFocus::Activity => match c.command() {
                Ok(cmd) => {
                    let id = c.visit.id;
                    let mut effects = Vec::new();
                    if c.dirty {
                        effects.push(save(&c));
                    }
                    effects.push(Effect::Apply(id, cmd));
                    return (Screen::Checkout(c), effects);
                }
                Err(msg) => c.message = Some(msg),
            },
            Some(Action::Confirm) => c.move_focus(FocusMove::Next),
            Some(Action::Ok | Action::Left) if matches!(focus, CheckoutFocus::Item(_)) => {
                c.answer(Some(true));
            }
            Some(Action::NotOk | Action::Right) if matches!(focus, CheckoutFocus::Item(_)) => {
                c.answer(Some(false));
            }
            // On the ID box, ← (Ok) ticks it and → (NotOk) clears it;
            // Space flips it.
            Some(Action::Ok) if focus == CheckoutFocus::IdReturned => c.id_returned = true,
            Some(Action::NotOk) if focus == CheckoutFocus::IdReturned => c.id_returned = false,
            _ if focus == CheckoutFocus::IdReturned => {
                if ch == Some(' ') || matches!(action, Some(Action::Left | Action::Right)) {
                    c.id_returned = !c.id_returned;
                }
            }
            _ if matches!(focus, CheckoutFocus::Item(_)) => match ch {
                Some('o' | 'O' | 'y' | 'Y') => c.answer(Some(true)),
                Some('n' | 'N' | 't' | 'T') => c.answer(Some(false)),
                _ => {}
            },
            _ => {
                // ← → move the cursor in a text (they answer an item).
                let action = match action {
                    Some(Action::Ok) => Some(Action::Left),
                    Some(Action::NotOk) => Some(Action::Right),
                    other => other,
                };
                c.input.key(action, ch);
                let typed = c.input.value().to_owned();
                if let Some(buf) = c.text_mut(focus) {
                    *buf = typed;
                }
                if focus == CheckoutFocus::Badge {
                    c.confirm_lost = false;
                }
            }
        }
        // Saved on each change, as the form is: a choice or the focus
        // moving saves at once, typing within a second (`on_tick`), so
        // that a restart (even kill -9) resumes the check-out as typed.
        if c.draft() != before {
            c.dirty = true;
        }
        if c.focus() != focus {
            c.sync_input();
        }
        let typed = c.focus() == focus
            && matches!(
                focus,
                CheckoutFocus::Badge
                    | CheckoutFocus::Note(_)
                    | CheckoutFocus::TakenOut
                    | CheckoutFocus::Activity
            );
        let mut effects = Vec::new();
        if c.dirty && !typed {
            effects.push(save(&c));
            c.dirty = false;
        }
        (Screen::Checkout(c), effects)
    }

    fn typing(&self) -> bool {
        matches!(
            self.focus(),
            CheckoutFocus::Badge | CheckoutFocus::Note(_) | CheckoutFocus::Activity
        )
    }

    /// The answers are saved once a second while they change.
    fn tick(&mut self) -> Vec<Effect> {
        if !self.dirty {
            return Vec::new();
        }
        self.dirty = false;
        vec![Effect::SaveCheckoutDraft(self.visit.id, self.draft())]
    }

    fn visit(&self) -> Option<&Visit> {
        Some(&self.visit)
    }

    fn works(&self, _app: &App, action: Action) -> Option<bool> {
        matches!(action, Action::Ok | Action::NotOk).then_some(matches!(
            self.focus(),
            CheckoutFocus::Item(_) | CheckoutFocus::IdReturned
        ))
    }

    fn toggles(&self) -> bool {
        self.focus() == CheckoutFocus::IdReturned
    }
}
