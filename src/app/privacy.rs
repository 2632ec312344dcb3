//! End of step 2: the privacy notice (UU 27/2022) told to the visitor. The
//! operator records that the visitor was told and agreed (Enter: the form
//! goes to step 3), or that the visitor refused (`x`, then `x` again: the
//! visit is cancelled for that reason and the ID goes back). Esc goes back
//! to the form.

use crate::domain::visit::{Command, NoticeAgreed, VisitForm, VisitId};

use super::keymap::Keys::{Char, Code};
use super::keymap::{Action, Binding, b};
use super::{App, Effect, FormState, Screen};
use Action as A;
use ratatui::crossterm::event::KeyCode as K;

/// The notice on screen, over a form that is complete and valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyState {
    /// The form as typed, to go back to.
    pub form: FormState,
    /// The form as it will be recorded once the visitor agrees.
    pub valid: VisitForm,
    /// Teams: each member's form as it will be recorded with the
    /// leader's (the notice is told to the whole team).
    pub members: Vec<(VisitId, VisitForm)>,
    /// `x` once: the refusal is asked to be confirmed.
    pub confirm_refusal: bool,
}

impl PrivacyState {
    pub fn new(form: FormState, valid: VisitForm) -> PrivacyState {
        PrivacyState {
            form,
            valid,
            members: Vec::new(),
            confirm_refusal: false,
        }
    }
}

impl super::ScreenState for PrivacyState {
    /// Agreed, or refused.
    const KEYS: &'static [Binding] = &[
        b(Code(K::Enter), A::Confirm, true),
        b(Char('x'), A::Refuse, true),
        b(Char('?'), A::Help, true),
    ];
    const TICKS: bool = true;

    fn key(self, app: &mut App, action: Option<Action>, _: Option<char>) -> (Screen, Vec<Effect>) {
        let mut p = self;
        let visit = p.form.visit;
        match action {
            Some(Action::Confirm) if !p.confirm_refusal => {
                let told = NoticeAgreed {
                    retention_days: app.config.report.retention_days,
                };
                let cmd = Command::CompleteForm(p.valid.clone(), told);
                if p.members.is_empty() {
                    return (Screen::Privacy(p), vec![Effect::Apply(visit, cmd)]);
                }
                // A team: every member's form with the leader's, at once.
                let mut steps = vec![(visit, cmd)];
                steps.extend(
                    p.members
                        .iter()
                        .map(|(id, form)| (*id, Command::CompleteForm(form.clone(), told))),
                );
                (Screen::Privacy(p), vec![Effect::ApplyTeam(steps)])
            }
            Some(Action::Refuse) if p.confirm_refusal => (
                Screen::Privacy(p),
                vec![Effect::Apply(visit, Command::RefuseNotice)],
            ),
            Some(Action::Refuse) => {
                p.confirm_refusal = true;
                (Screen::Privacy(p), Vec::new())
            }
            Some(Action::Back) if p.confirm_refusal => {
                p.confirm_refusal = false;
                (Screen::Privacy(p), Vec::new())
            }
            Some(Action::Back) => (Screen::Form(p.form), Vec::new()),
            _ => (Screen::Privacy(p), Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::ScreenState;
    use crate::app::fixtures::{app, now};
    use crate::domain::visit::Role;

    fn valid() -> VisitForm {
        crate::domain::fixtures::budi_form()
    }

    fn on_notice() -> (App, PrivacyState) {
        let a = app(Role::Operator);
        let f = FormState::new(VisitId(4), now(), valid().to_draft());
        (a, PrivacyState::new(f, valid()))
    }

    #[test]
    fn enter_records_the_agreement_with_the_configured_retention() {
        let (mut a, p) = on_notice();
        a.config.report.retention_days = 365;
        let (s, e) = ScreenState::key(p, &mut a, Some(Action::Confirm), None);
        assert!(matches!(s, Screen::Privacy(_)), "until the store answers");
        assert_eq!(
            e,
            vec![Effect::Apply(
                VisitId(4),
                Command::CompleteForm(
                    valid(),
                    NoticeAgreed {
                        retention_days: 365
                    }
                )
            )]
        );
    }

    #[test]
    fn a_refusal_is_confirmed_before_the_visit_is_cancelled() {
        let (mut app, state) = on_notice();
        let (screen, effects) = ScreenState::key(state, &mut app, Some(Action::Refuse), None);
        assert!(effects.is_empty());
        let Screen::Privacy(asked) = screen else {
            panic!("notice")
        };
        assert!(asked.confirm_refusal);
        // Esc takes the refusal back; Enter does not agree meanwhile.
        let (screen, effects) =
            ScreenState::key(asked.clone(), &mut app, Some(Action::Confirm), None);
        assert!(effects.is_empty() && matches!(screen, Screen::Privacy(_)));
        let (screen, _) = ScreenState::key(asked.clone(), &mut app, Some(Action::Back), None);
        assert!(matches!(screen, Screen::Privacy(ref back) if !back.confirm_refusal));
        let (_, effects) = ScreenState::key(asked, &mut app, Some(Action::Refuse), None);
        assert_eq!(
            effects,
            vec![Effect::Apply(VisitId(4), Command::RefuseNotice)]
        );
    }

    #[test]
    fn esc_goes_back_to_the_form_as_typed() {
        let (mut app, state) = on_notice();
        let (screen, effects) = ScreenState::key(state, &mut app, Some(Action::Back), None);
        assert!(effects.is_empty());
        assert!(matches!(screen, Screen::Form(form) if form.draft == valid().to_draft()));
    }
}
