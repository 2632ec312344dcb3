//! Step 2: the form being typed, saved on every field change.

use crate::domain::visit::{FormDraft, FormField, Time, VisitId};

use super::keymap::Keys::Code;
use super::keymap::{Action, Binding, b};
use super::{
    App, Effect, FocusMove, LineInput, PrivacyState, ReturningState, Screen, cycle, move_focus,
};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// Step 2: the form being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormState {
    pub visit: VisitId,
    pub started_at: Time,
    pub draft: FormDraft,
    pub focus: FormField,
    /// Show every field's problem (after a first attempt to go on).
    pub show_errors: bool,
    /// Typed but not yet saved.
    pub dirty: bool,
    /// The focused field's text and cursor; what it holds is written to
    /// `draft` on each key.
    pub input: LineInput,
    /// A returning visitor: earlier visits found, names to pick from.
    pub returning: ReturningState,
    /// Teams: on a member's form, the leader's visit (the member types
    /// only their own fields, [`FormField::MEMBER`]).
    pub team: Option<VisitId>,
    /// Teams: on the leader's form, the member whose form stopped the
    /// team from going on.
    pub member_incomplete: Option<VisitId>,
}

impl FormState {
    pub fn new(visit: VisitId, started_at: Time, draft: FormDraft) -> FormState {
        let input = field_input(&draft, FormField::FullName);
        FormState {
            visit,
            started_at,
            draft,
            focus: FormField::FullName,
            show_errors: false,
            dirty: false,
            input,
            returning: ReturningState::default(),
            team: None,
            member_incomplete: None,
        }
    }

    /// The form of a member of `leader`'s team (`None`: not a member).
    #[must_use]
    pub fn member_of(mut self, leader: Option<VisitId>) -> FormState {
        self.team = leader;
        self
    }

    /// The fields typed here, in order: a member's own, or all.
    pub fn fields(&self) -> &'static [FormField] {
        if self.team.is_some() {
            &FormField::MEMBER
        } else {
            &FormField::ALL
        }
    }

    /// Move the focus to `field`, its text ready to edit (cursor at the end).
    pub fn focus_on(&mut self, field: FormField) {
        self.focus = field;
        self.input = field_input(&self.draft, field);
    }
}

/// The input of a form field holding what the draft has.
fn field_input(draft: &FormDraft, field: FormField) -> LineInput {
    LineInput::new(max_len(field)).with_value(draft.get(field))
}

/// The most characters a form field takes: typing stops there, and the
/// form shows the count against it.
pub fn max_len(field: crate::domain::visit::FormField) -> usize {
    use crate::domain::visit::{self as v, FormField as F};
    match field {
        F::FullName | F::PersonVisited => 80,
        F::IdNumber => 40,
        F::Phone => 20,
        F::PlannedMinutes => 3,
        F::Organisation => v::MAX_ORGANISATION,
        F::PurposeDetail => v::MAX_DETAIL,
        F::Equipment => v::MAX_EQUIPMENT,
        F::LetterNumber => crate::domain::letter::MAX_LETTER_NUMBER,
        F::LetterDate => 10,
        F::LetterIssuer => crate::domain::letter::MAX_LETTER_ISSUER,
        F::IdType | F::Purpose | F::IdHeld => 40,
    }
}

impl super::ScreenState for FormState {
    /// A returning visitor's last details, offered.
    const KEYS: &'static [Binding] = &[
        b(Code(K::F(2)), A::Take, true),
        b(Code(K::F(3)), A::TakeAll, true),
        // Teams: a member added, the next member's form (or the leader's).
        b(Code(K::F(4)), A::AddMember, true),
        b(Code(K::F(5)), A::NextMember, true),
    ];
    const HAS_FIELDS: bool = true;
    const TICKS: bool = true;

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        use crate::domain::visit::FormField as F;
        let mut f = self;
        if let Some(effects) = App::returning_key(&mut f, action) {
            return (Screen::Form(f), effects);
        }
        let mut effects = Vec::new();
        let before = f.draft.clone();
        let focus_before = f.focus;
        match action {
            Some(Action::NextField | Action::Down | Action::PrevField | Action::Up) => {
                f.focus = move_focus(action, f.fields(), f.focus).unwrap_or(f.focus);
            }
            Some(Action::Confirm) if f.focus == F::IdHeld && f.team.is_some() => {
                return app.member_done(f);
            }
            Some(Action::Confirm) if f.focus == F::IdHeld => {
                match f.draft.validate(&app.config.visit.form_rules()) {
                    Ok(form) => {
                        f.show_errors = true;
                        f.dirty = false;
                        effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
                        // A team goes on only with every member's form.
                        let members = match app.member_forms(f.visit, &f.draft) {
                            Ok(members) => members,
                            Err(member) => {
                                f.member_incomplete = Some(member);
                                return (Screen::Form(f), effects);
                            }
                        };
                        f.member_incomplete = None;
                        // Complete: the privacy notice is told before the
                        // form goes on (or the visit ends there).
                        let mut notice = PrivacyState::new(f, form);
                        notice.members = members;
                        return (Screen::Privacy(notice), effects);
                    }
                    Err(problems) => {
                        f.show_errors = true;
                        if let Some((field, _)) = problems.first() {
                            f.focus = *field;
                        }
                    }
                }
            }
            Some(Action::AddMember) if f.team.is_none() => {
                effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
                effects.push(Effect::NewMember(f.visit));
                return (Screen::Form(f), effects);
            }
            Some(Action::NextMember) => {
                effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
                if let Some(next) = app.next_in_team(f.team.unwrap_or(f.visit), f.visit) {
                    effects.push(Effect::OpenVisit(next));
                }
                return (Screen::Form(f), effects);
            }
            Some(Action::Confirm) => f.focus = FocusMove::Next.from(f.fields(), f.focus),
            // A member's form goes back to the leader's.
            Some(Action::Back) if f.team.is_some() => {
                effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
                effects.extend(f.to_leader());
                return (Screen::Form(f), effects);
            }
            Some(Action::Back) => {
                effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
                let (s, mut e) = App::home();
                effects.append(&mut e);
                return (s, effects);
            }
            Some(Action::Left | Action::Right) if f.focus.is_choice() => {
                let list = if f.focus == F::IdType {
                    &app.config.visit.id_types
                } else {
                    &app.config.visit.purposes
                };
                let forward = action == Some(Action::Right);
                if let Some(buf) = f.draft.text_mut(f.focus) {
                    *buf = cycle(list, buf, forward);
                }
            }
            _ if f.focus == F::IdHeld
                && (ch == Some(' ') || matches!(action, Some(Action::Left | Action::Right))) =>
            {
                f.draft.id_held = !f.draft.id_held;
            }
            _ if !f.focus.is_choice() => {
                f.input.key(action, ch);
                if let Some(buf) = f.draft.text_mut(f.focus) {
                    f.input.value().clone_into(buf);
                }
            }
            _ => {}
        }
        if f.focus != focus_before {
            f.focus_on(f.focus);
        }
        if f.draft != before {
            f.dirty = true;
        }
        // Saved on every field change: when the focus moves, when a choice
        // or the checkbox changes, and (see `on_tick`) within a second of typing.
        let typed = f.focus == focus_before && !f.focus.is_choice() && f.focus != F::IdHeld;
        if f.dirty && !typed {
            effects.push(Effect::SaveDraft(f.visit, f.draft.clone()));
            f.dirty = false;
        }
        effects.extend(App::returning_lookups(&mut f));
        (Screen::Form(f), effects)
    }

    fn typing(&self) -> bool {
        !self.focus.is_choice() && self.focus != FormField::IdHeld
    }

    /// The draft is saved once a second while it changes.
    fn tick(&mut self) -> Vec<Effect> {
        if !self.dirty {
            return Vec::new();
        }
        self.dirty = false;
        vec![Effect::SaveDraft(self.visit, self.draft.clone())]
    }

    fn works(&self, app: &App, action: Action) -> Option<bool> {
        let r = &self.returning;
        match action {
            Action::Take => Some(
                (r.picking(self.focus) && r.picked.is_some())
                    || r.found
                        .as_ref()
                        .is_some_and(|x| x.offer(&self.draft, self.focus).is_some()),
            ),
            Action::TakeAll => Some(r.found.as_ref().is_some_and(|x| x.offers_any(&self.draft))),
            Action::AddMember => Some(self.team.is_none()),
            Action::NextMember => {
                Some(self.team.is_some() || !app.team_drafts(self.visit).is_empty())
            }
            _ => None,
        }
    }

    fn choosing(&self) -> bool {
        self.focus.is_choice() || self.focus == FormField::IdHeld
    }

    fn toggles(&self) -> bool {
        self.focus == FormField::IdHeld
    }

    fn pages(&self) -> bool {
        self.returning.picking(self.focus)
    }
}
