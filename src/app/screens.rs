//! The state of each screen. Each variant of [`Screen`] carries what that
//! screen needs and nothing else.

use crate::domain::fields::{FieldError, Nip, PersonName, Pin};
use crate::domain::visit::{
    ChecklistAnswer, CheckoutDraft, Command, DraftAnswer, FormDraft, FormField, Role, Time, UserId,
    Visit, VisitId,
};
use crate::store::EventRow;

use super::keymap::Action;
use super::{
    AccountsState, CountsState, DayLogState, DetailState, EndOfShiftState, NewUserInput, PinPrompt,
    Problem, SearchState, edit_text,
};

/// Which screen, without its data: keys the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenKind {
    Setup,
    SignIn,
    Home,
    Form,
    Review,
    Approval,
    ReturnId,
    Badge,
    Checkout,
    Archive,
    Accounts,
    DayLog,
    Counts,
    Search,
    Detail,
    EndOfShift,
}

impl ScreenKind {
    /// Screens with text fields: Tab, Enter and arrows move between them.
    pub fn has_fields(self) -> bool {
        matches!(
            self,
            ScreenKind::Setup
                | ScreenKind::SignIn
                | ScreenKind::Form
                | ScreenKind::Approval
                | ScreenKind::Badge
                | ScreenKind::Checkout
        )
    }
}

/// The screen on show, with its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// First run: create the first supervisor.
    Setup(UserForm),
    SignIn(PinPrompt),
    Home(HomeState),
    /// Step 2.
    Form(FormState),
    /// Step 3.
    Review(ReviewState),
    /// Step 4.
    Approval(ApprovalState),
    /// After a rejection: the ID goes back.
    ReturnId(ReviewState),
    /// Step 5.
    Badge(BadgeState),
    /// Step 6.
    Checkout(CheckoutState),
    /// Step 7, and any closed visit (read-only report).
    Archive(ArchiveState),
    /// Supervisors: the accounts.
    Accounts(AccountsState),
    /// Supervisors: one day's visits.
    DayLog(DayLogState),
    /// Counts of the day shown and of a month.
    Counts(CountsState),
    /// Visits of all days by name, ID number or organisation.
    Search(SearchState),
    /// One visit in full, from the log or a search.
    Detail(DetailState),
    /// What is not accounted for: the evacuation roll-call.
    EndOfShift(EndOfShiftState),
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Setup(_) => ScreenKind::Setup,
            Screen::SignIn(_) => ScreenKind::SignIn,
            Screen::Home(_) => ScreenKind::Home,
            Screen::Form(_) => ScreenKind::Form,
            Screen::Review(_) => ScreenKind::Review,
            Screen::Approval(_) => ScreenKind::Approval,
            Screen::ReturnId(_) => ScreenKind::ReturnId,
            Screen::Badge(_) => ScreenKind::Badge,
            Screen::Checkout(_) => ScreenKind::Checkout,
            Screen::Archive(_) => ScreenKind::Archive,
            Screen::Accounts(_) => ScreenKind::Accounts,
            Screen::DayLog(_) => ScreenKind::DayLog,
            Screen::Counts(_) => ScreenKind::Counts,
            Screen::Search(_) => ScreenKind::Search,
            Screen::Detail(_) => ScreenKind::Detail,
            Screen::EndOfShift(_) => ScreenKind::EndOfShift,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeState {
    pub selected: usize,
}

/// The fields of an account form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserField {
    Name,
    Nip,
    Role,
    Pin,
    Pin2,
}

impl UserField {
    const ORDER: [UserField; 5] = [
        UserField::Name,
        UserField::Nip,
        UserField::Role,
        UserField::Pin,
        UserField::Pin2,
    ];

    fn order(role_editable: bool) -> Vec<UserField> {
        UserField::ORDER
            .into_iter()
            .filter(|f| role_editable || *f != UserField::Role)
            .collect()
    }

    #[must_use]
    pub fn next(self, role_editable: bool) -> UserField {
        let order = UserField::order(role_editable);
        let i = order.iter().position(|f| *f == self).unwrap_or(0);
        order[(i + 1).min(order.len() - 1)]
    }

    #[must_use]
    pub fn prev(self, role_editable: bool) -> UserField {
        let order = UserField::order(role_editable);
        let i = order.iter().position(|f| *f == self).unwrap_or(0);
        order[i.saturating_sub(1)]
    }
}

/// A new account: name, NIP, role, PIN typed twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserForm {
    pub name: String,
    pub nip: String,
    pub role: Role,
    pub role_editable: bool,
    pub pin: String,
    pub pin2: String,
    pub focus: UserField,
    pub errors: Vec<(UserField, FieldError)>,
}

impl UserForm {
    pub fn new(role: Role, role_editable: bool) -> UserForm {
        UserForm {
            name: String::new(),
            nip: String::new(),
            role,
            role_editable,
            pin: String::new(),
            pin2: String::new(),
            focus: UserField::Name,
            errors: Vec::new(),
        }
    }

    pub fn error(&self, field: UserField) -> Option<&FieldError> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e)
    }

    pub fn edit(&mut self, action: Option<Action>, ch: Option<char>) {
        match self.focus {
            UserField::Name => edit_text(&mut self.name, action, ch, 80),
            UserField::Nip => edit_text(
                &mut self.nip,
                action,
                ch.filter(|c| c.is_ascii_digit() || *c == ' '),
                22,
            ),
            UserField::Role => {
                if matches!(action, Some(Action::Left | Action::Right)) || ch == Some(' ') {
                    self.role = match self.role {
                        Role::Operator => Role::Supervisor,
                        Role::Supervisor => Role::Operator,
                    };
                }
            }
            UserField::Pin => edit_text(&mut self.pin, action, ch.filter(char::is_ascii_digit), 12),
            UserField::Pin2 => {
                edit_text(&mut self.pin2, action, ch.filter(char::is_ascii_digit), 12);
            }
        }
    }

    /// Check every field; on success the account to create.
    pub fn validate(&mut self) -> Option<NewUserInput> {
        let mut errors: Vec<(UserField, FieldError)> = Vec::new();
        if let Err(e) = PersonName::try_from(self.name.as_str()) {
            errors.push((UserField::Name, e));
        }
        if let Err(e) = Nip::try_from(self.nip.as_str()) {
            errors.push((UserField::Nip, e));
        }
        let pin = match Pin::for_account(self.pin.as_str(), &self.nip) {
            Err(e) => {
                errors.push((UserField::Pin, e));
                None
            }
            Ok(_) if self.pin != self.pin2 => {
                errors.push((UserField::Pin2, FieldError::PinMismatch));
                None
            }
            Ok(pin) => Some(pin),
        };
        if let Some((f, _)) = errors.first() {
            self.focus = *f;
            if *f == UserField::Pin || *f == UserField::Pin2 {
                self.pin.clear();
                self.pin2.clear();
                self.focus = UserField::Pin;
            }
            self.errors = errors;
            return None;
        }
        self.errors = errors;
        Some(NewUserInput {
            name: self.name.clone(),
            nip: self.nip.clone(),
            role: self.role,
            pin: pin?,
        })
    }
}

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
}

impl FormState {
    pub fn new(visit: VisitId, started_at: Time, draft: FormDraft) -> FormState {
        FormState {
            visit,
            started_at,
            draft,
            focus: FormField::FullName,
            show_errors: false,
            dirty: false,
        }
    }
}

/// Step 3 (and the ID return after a rejection): a visit shown read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewState {
    pub visit: Visit,
}

/// Where the focus is on the approval screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalFocus {
    Decision,
    Supervisor,
    Reason,
    Pin,
}

impl ApprovalFocus {
    fn order(reject: bool) -> Vec<ApprovalFocus> {
        let mut v = vec![ApprovalFocus::Decision, ApprovalFocus::Supervisor];
        if reject {
            v.push(ApprovalFocus::Reason);
        }
        v.push(ApprovalFocus::Pin);
        v
    }

    #[must_use]
    pub fn next(self, reject: bool) -> ApprovalFocus {
        let o = ApprovalFocus::order(reject);
        let i = o.iter().position(|f| *f == self).unwrap_or(0);
        o[(i + 1).min(o.len() - 1)]
    }

    #[must_use]
    pub fn prev(self, reject: bool) -> ApprovalFocus {
        let o = ApprovalFocus::order(reject);
        let i = o.iter().position(|f| *f == self).unwrap_or(0);
        o[i.saturating_sub(1)]
    }
}

/// Step 4: the supervisor decides at this console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalState {
    pub visit: Visit,
    /// Supervisors who may decide (not the one who submitted).
    pub supervisors: Vec<(UserId, String)>,
    pub selected: usize,
    pub reject: bool,
    pub reason: String,
    pub pin: String,
    pub focus: ApprovalFocus,
    pub message: Option<Problem>,
}

impl ApprovalState {
    pub fn new(visit: Visit, supervisors: Vec<(UserId, String)>) -> ApprovalState {
        ApprovalState {
            visit,
            supervisors,
            selected: 0,
            reject: false,
            reason: String::new(),
            pin: String::new(),
            focus: ApprovalFocus::Decision,
            message: None,
        }
    }
}

/// Step 5: badge and escort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeState {
    pub visit: Visit,
    pub badge: Option<String>,
    pub escort: Option<UserId>,
    pub on_escort: bool,
    pub message: Option<Problem>,
}

/// Where the focus is on the check-out screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckoutFocus {
    Badge,
    IdReturned,
    Item(usize),
    Note(usize),
    Activity,
}

/// Step 6: badge back, ID back, checklist, what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutState {
    pub visit: Visit,
    pub badge_returned: String,
    pub id_returned: bool,
    pub items: Vec<String>,
    pub answers: Vec<Option<bool>>,
    pub notes: Vec<String>,
    pub activity: String,
    pub focus_index: usize,
    pub message: Option<Problem>,
    /// The badge typed does not match: the next Enter records it lost.
    pub confirm_lost: bool,
    /// Typed but not yet saved.
    pub dirty: bool,
}

impl CheckoutState {
    /// The check-out of `visit` with the checklist `items`, resumed from
    /// its saved draft if it has one (answers matched by item).
    pub fn new(visit: Visit, items: &[String]) -> CheckoutState {
        let draft = visit.checkout_draft.clone().unwrap_or_default();
        let saved = |item: &String| draft.answers.iter().find(|a| a.item == *item);
        CheckoutState {
            badge_returned: draft.badge_returned.clone(),
            id_returned: draft.id_returned,
            items: items.to_vec(),
            answers: items.iter().map(|i| saved(i).and_then(|a| a.ok)).collect(),
            notes: items
                .iter()
                .map(|i| saved(i).map(|a| a.note.clone()).unwrap_or_default())
                .collect(),
            activity: draft.activity.clone(),
            focus_index: 0,
            message: None,
            confirm_lost: false,
            dirty: false,
            visit,
        }
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
                .map(|((item, ok), note)| DraftAnswer {
                    item: item.clone(),
                    ok: *ok,
                    note: note.clone(),
                })
                .collect(),
            activity: self.activity.clone(),
        }
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
        v.push(CheckoutFocus::Activity);
        v
    }

    pub fn focus(&self) -> CheckoutFocus {
        let o = self.order();
        o[self.focus_index.min(o.len() - 1)]
    }

    pub fn move_focus(&mut self, forward: bool) {
        let n = self.order().len();
        self.focus_index = if forward {
            (self.focus_index + 1).min(n - 1)
        } else {
            self.focus_index.saturating_sub(1)
        };
    }

    pub fn answer(&mut self, ok: Option<bool>) {
        if let CheckoutFocus::Item(i) = self.focus() {
            self.answers[i] = ok;
            if ok == Some(false) {
                self.move_focus(true); // to the note
            }
        }
    }

    pub fn text_mut(&mut self, focus: CheckoutFocus) -> Option<&mut String> {
        match focus {
            CheckoutFocus::Badge => Some(&mut self.badge_returned),
            CheckoutFocus::Note(i) => self.notes.get_mut(i),
            CheckoutFocus::Activity => Some(&mut self.activity),
            CheckoutFocus::IdReturned | CheckoutFocus::Item(_) => None,
        }
    }

    /// The check-out command, or what is still missing.
    pub fn command(&mut self) -> Result<Command, Problem> {
        let badge = self.badge_returned.trim().to_owned();
        if badge.is_empty() {
            self.focus_index = 0;
            return Err(Problem::BadgeReturnedRequired);
        }
        if !self.id_returned {
            self.focus_index = 1;
            return Err(Problem::IdReturnRequired);
        }
        let mut checklist = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            match self.answers[i] {
                None => {
                    let at = self
                        .order()
                        .iter()
                        .position(|f| *f == CheckoutFocus::Item(i));
                    self.focus_index = at.unwrap_or(0);
                    return Err(Problem::ChecklistUnanswered(i + 1));
                }
                Some(ok) => {
                    let note = self.notes[i].trim().to_owned();
                    if !ok && note.is_empty() {
                        let at = self
                            .order()
                            .iter()
                            .position(|f| *f == CheckoutFocus::Note(i));
                        self.focus_index = at.unwrap_or(0);
                        return Err(Problem::NoteRequired(i + 1));
                    }
                    checklist.push(ChecklistAnswer {
                        item: item.clone(),
                        ok,
                        note,
                    });
                }
            }
        }
        let matches = self.visit.badge.as_deref() == Some(badge.as_str());
        if !matches && !self.confirm_lost {
            self.confirm_lost = true;
            return Err(Problem::BadgeMismatch {
                issued: self.visit.badge.clone().unwrap_or_else(|| "-".into()),
                given: badge,
            });
        }
        Ok(Command::CheckOut {
            badge_returned: badge,
            id_returned: true,
            checklist,
            activity: self.activity.trim().to_owned(),
        })
    }
}

/// Step 7 (archive) and the read-only report of a closed visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveState {
    pub visit: Visit,
    pub events: Vec<EventRow>,
    pub scroll: u16,
}
