//! Planned visits (kunjungan terjadwal): the plans still to come or under
//! way, one row per planned visitor. The operator picks a row of today's
//! and the visit starts with the form prefilled; a supervisor registers a
//! plan (pre-approved when they give their PIN) or cancels one. After a
//! planned visit is submitted, step 4 is asked of the plan
//! ([`Effect::PreApprove`]); if the plan does not allow it the visit waits
//! in the approval queue as any other.

use crate::domain::fields::Pin;
use crate::domain::plan::{NewPlan, Plan, PlanError, PlanField, PlanId, PlanText};

use super::keymap::Keys::Char;
use super::keymap::{Action, Binding, b};
use super::{Accepts, App, Effect, LineInput, Notice, Overlay, Screen, cycle};
use Action as A;

/// A new plan as typed (the purpose is chosen from the configured list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanForm {
    pub first_day: LineInput,
    pub last_day: LineInput,
    /// `NIK name; NIK name`.
    pub visitors: LineInput,
    pub organisation: LineInput,
    pub purpose: String,
    pub detail: LineInput,
    pub letter: LineInput,
    /// The supervisor's PIN: given, the plan is pre-approved.
    pub pin: LineInput,
    pub focus: usize,
    pub error: Option<PlanError>,
}

impl PlanForm {
    pub fn new(first_purpose: Option<&String>) -> PlanForm {
        PlanForm {
            first_day: LineInput::new(10).accepting(Accepts::Date),
            last_day: LineInput::new(10).accepting(Accepts::Date),
            visitors: LineInput::new(500),
            organisation: LineInput::new(crate::domain::visit::MAX_ORGANISATION),
            purpose: first_purpose.cloned().unwrap_or_default(),
            detail: LineInput::new(crate::domain::plan::MAX_PLAN_DETAIL),
            letter: LineInput::new(crate::domain::plan::MAX_LETTER),
            pin: LineInput::pin(),
            focus: 0,
            error: None,
        }
    }

    pub fn focus(&self) -> PlanField {
        PlanField::ALL[self.focus.min(PlanField::ALL.len() - 1)]
    }

    /// The input of a typed field; `None` for the purpose (a choice).
    pub fn input(&self, field: PlanField) -> Option<&LineInput> {
        match field {
            PlanField::FirstDay => Some(&self.first_day),
            PlanField::LastDay => Some(&self.last_day),
            PlanField::Visitors => Some(&self.visitors),
            PlanField::Organisation => Some(&self.organisation),
            PlanField::Purpose => None,
            PlanField::Detail => Some(&self.detail),
            PlanField::Letter => Some(&self.letter),
            PlanField::Pin => Some(&self.pin),
        }
    }

    fn input_mut(&mut self, field: PlanField) -> Option<&mut LineInput> {
        match field {
            PlanField::FirstDay => Some(&mut self.first_day),
            PlanField::LastDay => Some(&mut self.last_day),
            PlanField::Visitors => Some(&mut self.visitors),
            PlanField::Organisation => Some(&mut self.organisation),
            PlanField::Purpose => None,
            PlanField::Detail => Some(&mut self.detail),
            PlanField::Letter => Some(&mut self.letter),
            PlanField::Pin => Some(&mut self.pin),
        }
    }
}

/// What was done last on the screen, or why a row was not started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanNote {
    Added {
        id: PlanId,
        pre_approved: bool,
    },
    Cancelled(PlanId),
    /// The selected plan is not for today (or no longer open).
    NotToday(PlanId),
}

/// The plans screen: the list, a form over it, or a cancellation to confirm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlansState {
    pub selected: usize,
    pub form: Option<PlanForm>,
    pub confirm_cancel: Option<PlanId>,
    pub note: Option<PlanNote>,
}

impl App {
    /// One row per planned visitor of the loaded plans: (plan, visitor).
    pub fn plan_rows(&self) -> Vec<(&Plan, usize)> {
        self.plans
            .iter()
            .flat_map(|p| (0..p.visitors.len()).map(move |i| (p, i)))
            .collect()
    }

    /// The plans open now (today, not cancelled): Home's "Terjadwal hari ini".
    pub fn plans_today(&self) -> Vec<&Plan> {
        self.plans.iter().filter(|p| p.open_at(self.now)).collect()
    }

    fn plan_form_key(
        &mut self,
        mut s: PlansState,
        mut form: PlanForm,
        action: Option<Action>,
        ch: Option<char>,
    ) -> (Screen, Vec<Effect>) {
        let last = PlanField::ALL.len() - 1;
        let field = form.focus();
        match action {
            Some(Action::Back) => return (Screen::Plans(s), Vec::new()),
            Some(Action::Confirm) if form.focus == last => {
                let text = PlanText {
                    first_day: form.first_day.value(),
                    last_day: form.last_day.value(),
                    visitors: form.visitors.value(),
                    organisation: form.organisation.value(),
                    purpose: &form.purpose,
                    detail: form.detail.value(),
                    letter: form.letter.value(),
                };
                let parsed = NewPlan::parse(text, self.today(), &self.config.visit.purposes);
                let pin = if form.pin.is_empty() {
                    Ok(None)
                } else {
                    Pin::entered(form.pin.value()).map(Some)
                };
                match (parsed, pin) {
                    (Ok(plan), Ok(pin)) => {
                        form.pin.clear();
                        s.form = Some(form);
                        return (Screen::Plans(s), vec![Effect::AddPlan { plan, pin }]);
                    }
                    (Err(e), _) => {
                        form.focus = error_field(&e);
                        form.error = Some(e);
                    }
                    (Ok(_), Err(e)) => {
                        form.error = Some(PlanError::Field {
                            field: PlanField::Pin,
                            error: e,
                        });
                    }
                }
            }
            Some(Action::Confirm | Action::NextField | Action::Down) => {
                form.focus = (form.focus + 1).min(last);
            }
            Some(Action::PrevField | Action::Up) => form.focus = form.focus.saturating_sub(1),
            Some(Action::Left | Action::Right | Action::Toggle) if field == PlanField::Purpose => {
                let forward = action != Some(Action::Left);
                form.purpose = cycle(&self.config.visit.purposes, &form.purpose, forward);
            }
            _ => {
                if let Some(input) = form.input_mut(field) {
                    input.key(action, ch);
                }
            }
        }
        s.form = Some(form);
        (Screen::Plans(s), Vec::new())
    }

    /// A plan was added or cancelled: back to the list, saying so.
    pub fn on_plan_changed(&mut self, note: PlanNote) {
        if let Screen::Plans(s) = &mut self.screen {
            s.form = None;
            s.confirm_cancel = None;
            s.note = Some(note);
        }
    }
}

/// The field a refusal is about, for the focus.
fn error_field(e: &PlanError) -> usize {
    let field = match e {
        PlanError::Field { field, .. } | PlanError::BadDate(field) => *field,
        PlanError::InThePast => PlanField::FirstDay,
        PlanError::EndsBeforeStart => PlanField::LastDay,
        PlanError::BadVisitor(_) | PlanError::TooManyVisitors => PlanField::Visitors,
        PlanError::Purpose => PlanField::Purpose,
    };
    PlanField::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

impl super::ScreenState for PlansState {
    /// Enter starts today's (operators); supervisors add and cancel.
    const KEYS: &'static [Binding] = &[
        b(Char('a'), A::Add, true),
        b(Char('c'), A::CancelPlan, true),
        b(Char('?'), A::Help, true),
        b(Char('k'), A::Up, false),
        b(Char('j'), A::Down, false),
    ];

    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>) {
        let mut s = self;
        if let Some(form) = s.form.take() {
            return app.plan_form_key(s, form, action, ch);
        }
        if let Some(id) = s.confirm_cancel.take() {
            if action == Some(Action::Confirm) {
                return (Screen::Plans(s), vec![Effect::CancelPlan(id)]);
            }
            return (Screen::Plans(s), Vec::new());
        }
        let selected = app
            .plan_rows()
            .get(s.selected)
            .map(|(p, i)| (p.id, *i, p.open_at(app.now)));
        match action {
            Some(Action::Back) => return App::home(),
            Some(Action::Open | Action::Confirm) => match selected {
                Some((plan, visitor, true)) => {
                    return (
                        Screen::Plans(s),
                        vec![Effect::StartPlanned { plan, visitor }],
                    );
                }
                Some((plan, _, false)) => s.note = Some(PlanNote::NotToday(plan)),
                None => {}
            },
            Some(Action::Add | Action::CancelPlan) if !app.is_supervisor() => {
                app.overlay = Some(Overlay::Told(Notice::SupervisorOnly));
            }
            Some(Action::Add) => {
                s.note = None;
                s.form = Some(PlanForm::new(app.config.visit.purposes.first()));
            }
            Some(Action::CancelPlan) => {
                s.note = None;
                s.confirm_cancel = selected.map(|x| x.0);
            }
            other => super::desk::select(&mut s.selected, app.plan_rows().len(), other),
        }
        (Screen::Plans(s), Vec::new())
    }

    fn typing(&self) -> bool {
        self.form
            .as_ref()
            .is_some_and(|f| f.focus() != PlanField::Purpose)
    }

    fn works(&self, app: &App, action: Action) -> Option<bool> {
        match action {
            Action::Add => Some(app.is_supervisor()),
            Action::CancelPlan => Some(
                app.is_supervisor()
                    && self.form.is_none()
                    && self.confirm_cancel.is_none()
                    && !app.plans.is_empty(),
            ),
            _ => None,
        }
    }

    fn several_fields(&self) -> bool {
        self.form.is_some()
    }

    fn confirms(&self, app: &App) -> bool {
        self.form.is_some() || self.confirm_cancel.is_some() || !app.plans.is_empty()
    }

    fn lists(&self, app: &App) -> bool {
        self.confirm_cancel.is_none() && app.plan_rows().len() > 1
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::app::fixtures::{app, chars, key, now};
    use crate::domain::plan::PlannedVisitor;
    use crate::domain::visit::{Role, UserId};

    fn plan(id: i64, days_ahead: i64) -> Plan {
        let from = now() - chrono::Duration::hours(4) + chrono::Duration::days(days_ahead);
        Plan {
            id: PlanId(id),
            first_day: from.date_naive(),
            last_day: from.date_naive(),
            from,
            until: from + chrono::Duration::days(1),
            visitors: vec![
                PlannedVisitor {
                    nik: "3201011505850001".into(),
                    name: "Budi Santoso".into(),
                },
                PlannedVisitor {
                    nik: "3201014509900001".into(),
                    name: "Siti Aminah".into(),
                },
            ],
            organisation: "PT Telkom".into(),
            purpose: "Pemeliharaan perangkat".into(),
            detail: String::new(),
            letter: "090/1/ST".into(),
            created_by: UserId(1),
            created_at: now(),
            approved: Some((UserId(1), now())),
            cancelled: None,
        }
    }

    #[test]
    fn the_operator_starts_todays_planned_visitor_and_not_a_later_one() {
        let mut a = app(Role::Operator);
        a.plans = vec![plan(1, 0), plan(2, 3)];
        assert_eq!(a.plans_today().len(), 1);
        key(&mut a, KeyCode::Char('t'));
        assert!(matches!(a.screen, Screen::Plans(_)));
        key(&mut a, KeyCode::Down);
        assert_eq!(
            key(&mut a, KeyCode::Enter),
            vec![Effect::StartPlanned {
                plan: PlanId(1),
                visitor: 1
            }]
        );
        key(&mut a, KeyCode::Down);
        assert!(key(&mut a, KeyCode::Enter).is_empty(), "not today");
        assert!(matches!(
            &a.screen,
            Screen::Plans(PlansState {
                note: Some(PlanNote::NotToday(PlanId(2))),
                ..
            })
        ));
        // Adding and cancelling are a supervisor's.
        key(&mut a, KeyCode::Char('a'));
        assert!(matches!(
            a.overlay,
            Some(Overlay::Told(Notice::SupervisorOnly))
        ));
    }

    /// Step 3 of a planned visit done: step 4 is asked of the plan; a
    /// refusal says why and leaves the visit at the approval screen.
    #[test]
    fn a_submitted_planned_visit_asks_its_plan_for_step_4() {
        use crate::app::{Answer, NotPreApproved};
        use crate::domain::visit::{Status, Visit, VisitId};
        let mut a = app(Role::Operator);
        let mut v = Visit::start(VisitId(9), UserId(2), now());
        v.status = Status::AwaitingApproval;
        v.submitted_by = Some(UserId(2));
        let effects = a.on_answer(Answer::PlannedSubmitted {
            visit: v.clone(),
            events: Vec::new(),
        });
        assert_eq!(
            effects,
            vec![Effect::Reload, Effect::PreApprove(VisitId(9))]
        );
        a.on_answer(Answer::PreApproval {
            visit: v.clone(),
            events: Vec::new(),
            refused: Some(NotPreApproved::Watched),
        });
        assert!(matches!(a.screen, Screen::Approval(_)));
        assert!(matches!(
            a.overlay,
            Some(Overlay::Told(Notice::NotPreApproved(
                NotPreApproved::Watched
            )))
        ));
        // Approved: on to the badge (step 5).
        a.overlay = None;
        v.status = Status::Approved;
        v.decided_by = Some(UserId(1));
        a.on_answer(Answer::PreApproval {
            visit: v,
            events: Vec::new(),
            refused: None,
        });
        assert!(matches!(a.screen, Screen::Badge(_)));
        assert!(a.overlay.is_none());
    }

    #[test]
    fn a_supervisor_registers_a_pre_approved_plan() {
        let mut a = app(Role::Supervisor);
        key(&mut a, KeyCode::Char('t'));
        key(&mut a, KeyCode::Char('a'));
        chars(&mut a, "27-11-2026");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "28-11-2026");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "3201011505850001 Budi Santoso");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "PT Telkom");
        key(&mut a, KeyCode::Tab);
        key(&mut a, KeyCode::Tab); // the first purpose
        chars(&mut a, "Ganti UPS");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "090/1/ST");
        key(&mut a, KeyCode::Tab);
        chars(&mut a, "482915");
        let e = key(&mut a, KeyCode::Enter);
        assert!(matches!(
            &e[..],
            [Effect::AddPlan { plan, pin: Some(_) }] if plan.visitors.len() == 1
        ));
    }
}
