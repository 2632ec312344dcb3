//! Returning visitors on the step-2 form: a whole NIK typed, or a name
//! picked from those seen before (PgDn/PgUp while typing the name, F2 to
//! choose), looks up the visitor's earlier visits; their last details are
//! offered beside the fields, F2 takes the one in focus, F3 takes all.
//! Part of the form screen (see `form.rs`), as `ui/returning.rs` is of
//! its drawing.

use crate::domain::returning::{KnownName, Returning, is_whole_nik};
use crate::domain::visit::{FormField, VisitId};

use super::keymap::Action;
use super::{App, Effect, FormState, Screen};

/// Names typed before the pick list is asked for.
pub const NAME_PREFIX_MIN: usize = 3;

/// What the form knows of a returning visitor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReturningState {
    /// The ID number last looked up (typed, or of a picked name).
    pub asked: Option<String>,
    /// Its earlier visits, once the store answered (`None`: none found).
    pub found: Option<Returning>,
    /// The name prefix the pick list is for.
    pub names_for: String,
    pub names: Vec<KnownName>,
    /// The name chosen with PgDn/PgUp.
    pub picked: Option<usize>,
}

impl ReturningState {
    /// The pick list is on screen: names found while the name is typed.
    pub fn picking(&self, focus: FormField) -> bool {
        focus == FormField::FullName && !self.names.is_empty()
    }
}

impl App {
    /// Lookups the draft now calls for: a whole NIK not yet asked, a name
    /// prefix not yet listed.
    pub(super) fn returning_lookups(f: &mut FormState) -> Vec<Effect> {
        let mut effects = Vec::new();
        let r = &mut f.returning;
        let nik = f.draft.id_number.trim().to_owned();
        if is_whole_nik(&nik) && r.asked.as_deref() != Some(nik.as_str()) {
            r.asked = Some(nik.clone());
            effects.push(Effect::FindReturning {
                visit: f.visit,
                id_number: nik,
            });
        } else if !nik.is_empty() && r.asked.as_deref().is_some_and(|a| a != nik) {
            // The NIK was changed away from the one offered.
            r.asked = None;
            r.found = None;
        }
        if f.focus == FormField::FullName {
            let prefix = f.draft.full_name.trim().to_owned();
            if prefix.chars().count() < NAME_PREFIX_MIN {
                r.names.clear();
                r.names_for.clear();
                r.picked = None;
            } else if prefix != r.names_for {
                r.names_for.clone_from(&prefix);
                effects.push(Effect::FindNames {
                    visit: f.visit,
                    prefix,
                });
            }
        }
        effects
    }

    /// F2, F3, PgDn/PgUp on the form: `Some` when the key was the
    /// returning visitor's.
    pub(super) fn returning_key(f: &mut FormState, action: Option<Action>) -> Option<Vec<Effect>> {
        let r = &mut f.returning;
        match action {
            Some(Action::PageDown | Action::PageUp) if r.picking(f.focus) => {
                let n = r.names.len();
                r.picked = Some(match (r.picked, action) {
                    (None, Some(Action::PageUp)) => n - 1,
                    (None, _) => 0,
                    (Some(i), Some(Action::PageUp)) => (i + n - 1) % n,
                    (Some(i), _) => (i + 1) % n,
                });
                Some(Vec::new())
            }
            Some(Action::Take) => {
                if let Some(k) = r.picked.and_then(|i| r.names.get(i)).cloned()
                    && r.picking(f.focus)
                {
                    r.names.clear();
                    r.picked = None;
                    r.asked = Some(k.id_number.clone());
                    return Some(vec![Effect::FindReturning {
                        visit: f.visit,
                        id_number: k.id_number,
                    }]);
                }
                let taken = r
                    .found
                    .as_ref()
                    .is_some_and(|found| found.take(&mut f.draft, f.focus));
                Some(Self::after_take(f, taken))
            }
            Some(Action::TakeAll) => {
                let taken = r
                    .found
                    .as_ref()
                    .is_some_and(|found| found.take_all(&mut f.draft) > 0);
                Some(Self::after_take(f, taken))
            }
            _ => None,
        }
    }

    fn after_take(f: &mut FormState, taken: bool) -> Vec<Effect> {
        if !taken {
            return Vec::new();
        }
        f.focus_on(f.focus);
        f.dirty = false;
        vec![Effect::SaveDraft(f.visit, f.draft.clone())]
    }

    /// The store's answer to a NIK lookup.
    pub(super) fn on_returning(
        &mut self,
        visit: VisitId,
        id_number: &str,
        found: Option<Returning>,
    ) {
        if let Screen::Form(f) = &mut self.screen
            && f.visit == visit
            && f.returning.asked.as_deref() == Some(id_number)
        {
            f.returning.found = found;
        }
    }

    /// The store's answer to a name prefix.
    pub(super) fn on_known_names(&mut self, visit: VisitId, prefix: &str, names: Vec<KnownName>) {
        if let Screen::Form(f) = &mut self.screen
            && f.visit == visit
            && f.returning.names_for == prefix
        {
            f.returning.names = names;
            f.returning.picked = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::app::fixtures::{app, now};
    use crate::domain::visit::{FormDraft, Role};

    fn found() -> Returning {
        Returning {
            last: FormDraft {
                full_name: "Budi Santoso".into(),
                id_type: "KTP".into(),
                id_number: "3201011505850001".into(),
                organisation: "PT Telkom".into(),
                phone: "081234567890".into(),
                person_visited: "Joko Susilo".into(),
                ..FormDraft::default()
            },
            last_at: now() - Duration::days(15),
            visits: 2,
            overstays: 1,
            checklist_not_ok: 0,
            badges_lost: 1,
        }
    }

    fn form() -> FormState {
        FormState::new(VisitId(9), now(), FormDraft::default())
    }

    #[test]
    fn a_whole_nik_is_looked_up_once() {
        let mut f = form();
        f.draft.id_number = "320101150585000".into();
        assert!(App::returning_lookups(&mut f).is_empty());
        f.draft.id_number.push('1');
        assert_eq!(
            App::returning_lookups(&mut f),
            vec![Effect::FindReturning {
                visit: VisitId(9),
                id_number: "3201011505850001".into()
            }]
        );
        assert!(App::returning_lookups(&mut f).is_empty(), "asked already");
        f.returning.found = Some(found());
        f.draft.id_number = "320101150585000".into();
        App::returning_lookups(&mut f);
        assert_eq!(f.returning.found, None, "the NIK changed away");
    }

    #[test]
    fn names_are_listed_from_three_letters_and_picked() {
        let mut f = form();
        f.draft.full_name = "Bu".into();
        assert!(App::returning_lookups(&mut f).is_empty());
        f.draft.full_name = "Bud".into();
        assert_eq!(
            App::returning_lookups(&mut f),
            vec![Effect::FindNames {
                visit: VisitId(9),
                prefix: "Bud".into()
            }]
        );
        let mut a = app(Role::Operator);
        a.screen = Screen::Form(f);
        let name = KnownName {
            full_name: "Budi Santoso".into(),
            organisation: "PT Telkom".into(),
            id_number: "3201011505850001".into(),
            last_at: now(),
        };
        a.on_known_names(VisitId(9), "Bud", vec![name]);
        let Screen::Form(mut f) = a.screen.clone() else {
            panic!("form")
        };
        assert_eq!(
            App::returning_key(&mut f, Some(Action::PageDown)),
            Some(vec![])
        );
        assert_eq!(f.returning.picked, Some(0));
        assert_eq!(
            App::returning_key(&mut f, Some(Action::Take)),
            Some(vec![Effect::FindReturning {
                visit: VisitId(9),
                id_number: "3201011505850001".into()
            }])
        );
        a.screen = Screen::Form(f);
        a.on_returning(VisitId(9), "3201011505850001", Some(found()));
        let Screen::Form(mut f) = a.screen.clone() else {
            panic!("form")
        };
        // F3: every offered field, saved at once.
        let e = App::returning_key(&mut f, Some(Action::TakeAll)).unwrap();
        assert_eq!(f.draft.organisation, "PT Telkom");
        assert_eq!(f.draft.id_number, "3201011505850001");
        assert_eq!(e, vec![Effect::SaveDraft(VisitId(9), f.draft.clone())]);
        assert_eq!(
            f.input.value(),
            "Budi Santoso",
            "the field in focus shows it"
        );
    }

    #[test]
    fn f2_takes_only_the_field_in_focus() {
        let mut f = form();
        f.returning.found = Some(found());
        f.focus_on(FormField::Phone);
        App::returning_key(&mut f, Some(Action::Take));
        assert_eq!(f.draft.phone, "081234567890");
        assert!(f.draft.full_name.is_empty());
    }
}
