//! What the footer and help say: the keys that work here, now, for this
//! user. Built from the one keymap, so help never lies; `ui/` gives the
//! words of each action.

use super::keymap::{Action, KEYMAP, Keys};
use super::{
    AccountForm, App, ApprovalFocus, CheckoutFocus, Overlay, Screen, ScreenKind, UserField,
};
use crate::domain::visit::FormField;

/// One hint: these keys do this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The keys, as the footer shows them.
    pub keys: Vec<Keys>,
    /// Other keys that do the same (help lists them too).
    pub more: Vec<Keys>,
    pub action: Action,
    /// Shown in the footer (help shows every hint).
    pub footer: bool,
    /// The screen the words are for; `None` in a box over the screen.
    pub on: Option<ScreenKind>,
}

impl Hint {
    fn overlay(keys: Vec<Keys>, action: Action, footer: bool) -> Hint {
        Hint {
            keys,
            more: Vec::new(),
            action,
            footer,
            on: None,
        }
    }
}

/// The pairs shown as one hint when both work (← → Pilih, ↑ ↓).
const PAIRS: [(Action, Action); 4] = [
    (Action::Left, Action::Right),
    (Action::Home, Action::End),
    (Action::Up, Action::Down),
    (Action::PageUp, Action::PageDown),
];

impl App {
    /// Every key that does something now, in the box in front if there
    /// is one (a dialog's keys are the dialog's).
    pub fn hints(&self) -> Vec<Hint> {
        use ratatui::crossterm::event::KeyCode;
        if let Some(o) = &self.overlay {
            let enter = Keys::Code(KeyCode::Enter);
            let esc = Keys::Code(KeyCode::Esc);
            return match o {
                Overlay::Help | Overlay::Error(_) | Overlay::Told(_) => {
                    vec![Hint::overlay(vec![Keys::Any], Action::Close, true)]
                }
                Overlay::Prompt(_) => vec![
                    Hint::overlay(vec![enter], Action::Confirm, true),
                    Hint::overlay(vec![Keys::Ctrl('u')], Action::ClearField, false),
                    Hint::overlay(vec![esc], Action::Back, true),
                ],
                Overlay::ExitPin(p) => {
                    let mut v = Vec::new();
                    if p.choices.len() > 1 {
                        let arrows = vec![Keys::Code(KeyCode::Up), Keys::Code(KeyCode::Down)];
                        v.push(Hint::overlay(arrows, Action::Left, true));
                    }
                    v.push(Hint::overlay(vec![enter], Action::Confirm, true));
                    v.push(Hint::overlay(vec![esc], Action::Back, true));
                    v
                }
                Overlay::LeaveSetup => vec![
                    Hint::overlay(vec![enter], Action::Quit, true),
                    Hint::overlay(vec![esc], Action::Back, true),
                ],
            };
        }
        self.screen_hints()
    }

    /// Every key that does something on the screen now: help lists them.
    pub fn screen_hints(&self) -> Vec<Hint> {
        use ratatui::crossterm::event::KeyCode;
        let kind = self.screen.kind();
        let typing = self.typing();
        let mut seen: Vec<Keys> = Vec::new();
        let mut out: Vec<Hint> = Vec::new();
        let rows = KEYMAP
            .iter()
            .filter(|bd| bd.screen == Some(kind))
            .chain(KEYMAP.iter().filter(|bd| bd.screen.is_none()));
        for bd in rows {
            // A plain character is typed while a field has the focus; a
            // key bound earlier for this screen wins over a later row.
            if !super::keymap::applies(bd, kind, typing) || seen.contains(&bd.keys) {
                continue;
            }
            seen.push(bd.keys);
            if !self.works(bd.action) {
                continue;
            }
            if let Some(h) = out.iter_mut().find(|h| h.action == bd.action) {
                // An arrow is shown before a letter that does the same (k).
                let letters = h.keys.iter().all(|k| matches!(k, Keys::Char(_)));
                let arrow = matches!(
                    bd.keys,
                    Keys::Code(KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right)
                );
                if letters && arrow {
                    h.more.append(&mut h.keys);
                    h.keys.push(bd.keys);
                } else {
                    h.more.push(bd.keys);
                }
                h.footer |= bd.footer;
                continue;
            }
            out.push(Hint {
                keys: vec![bd.keys],
                more: Vec::new(),
                action: bd.action,
                footer: bd.footer,
                on: Some(kind),
            });
        }
        for (first, second) in PAIRS {
            let i = out.iter().position(|h| h.action == first);
            let j = out.iter().position(|h| h.action == second);
            if let (Some(i), Some(j)) = (i, j) {
                // One hint where the first of the two stood.
                let second = out[j].clone();
                let at = i.min(j);
                out[i].keys.extend(second.keys);
                out[i].more.extend(second.more);
                out[i].footer |= second.footer;
                let merged = out[i].clone();
                out.remove(i.max(j));
                out[at] = merged;
            }
        }
        // ← → in a text move the cursor: help says so, the footer keeps
        // its room for what is particular to the screen.
        if self.arrows_move_cursor() {
            for h in out.iter_mut().filter(|h| h.action == Action::Left) {
                h.footer = false;
            }
        }
        out
    }

    /// The hints the footer shows: the box's in front, else the screen's.
    pub fn footer_hints(&self) -> Vec<Hint> {
        self.hints().into_iter().filter(|h| h.footer).collect()
    }

    /// The action does something on this screen now, for this user.
    fn works(&self, action: Action) -> bool {
        use Action as A;
        if let Screen::Approval(a) = &self.screen
            && a.supervisors.is_empty()
        {
            return matches!(action, A::Back | A::Help);
        }
        let fields = self.screen.kind().has_fields() || self.typing();
        match action {
            A::Help => true,
            A::Refuse => matches!(self.screen, Screen::Privacy(_)),
            A::Take => match &self.screen {
                Screen::Form(f) => {
                    let r = &f.returning;
                    (r.picking(f.focus) && r.picked.is_some())
                        || r.found
                            .as_ref()
                            .is_some_and(|x| x.offer(&f.draft, f.focus).is_some())
                }
                _ => false,
            },
            A::TakeAll => matches!(&self.screen, Screen::Form(f)
                if f.returning.found.as_ref().is_some_and(|x| x.offers_any(&f.draft))),
            A::Close => false,
            A::Back => !matches!(self.screen, Screen::Home(_)),
            A::Accounts | A::DayLog | A::Watchlist | A::RestoreBadge | A::Correct => {
                self.is_supervisor()
            }
            A::CancelPlan => {
                self.is_supervisor()
                    && matches!(&self.screen, Screen::Plans(p)
                        if p.form.is_none() && p.confirm_cancel.is_none() && !self.plans.is_empty())
            }
            A::Plans => true,
            A::Add if matches!(self.screen, Screen::Plans(_)) => self.is_supervisor(),
            A::Remove => match &self.screen {
                Screen::Watchlist(w) => {
                    w.form.is_none() && w.confirm_remove.is_none() && !self.watchlist.is_empty()
                }
                _ => true,
            },
            A::NextField | A::PrevField => fields && self.several_fields(),
            A::Confirm => self.confirm_works(),
            A::Left | A::Right => self.choosing() || self.arrows_move_cursor(),
            A::Toggle => self.toggle_here(),
            A::Up | A::Down => {
                (fields && self.several_fields()) || self.lists() || self.chooses_account()
            }
            A::Backspace | A::Delete | A::Home | A::End | A::ClearField => self.typing(),
            A::PageUp | A::PageDown => self.pages(),
            A::Ok | A::NotOk => matches!(
                &self.screen,
                Screen::Checkout(c)
                    if matches!(c.focus(), CheckoutFocus::Item(_) | CheckoutFocus::IdReturned)
            ),
            A::Door => matches!(&self.screen, Screen::DayLog(d) if !d.doors.is_empty()),
            A::Open | A::CancelVisit => match &self.screen {
                Screen::Home(_) => !self.dashboard.open.is_empty(),
                Screen::DayLog(d) => !d.rows.is_empty(),
                _ => true,
            },
            A::Quit
            | A::NewVisit
            | A::EditForm
            | A::SignOut
            | A::EndOfShift
            | A::Add
            | A::ResetPin
            | A::Unlock
            | A::ToggleActive
            | A::Today
            | A::GoToDate
            | A::SortOrder
            | A::Filter
            | A::MarkReviewed
            | A::Counts
            | A::Search
            | A::Print => true,
        }
    }

    /// ← → move the cursor in the text in focus (they choose nothing here).
    pub fn arrows_move_cursor(&self) -> bool {
        self.typing() && !self.choosing()
    }

    /// ↑ ↓ move the focus between fields here, as Tab and Shift-Tab do
    /// ([`super::FocusMove`]).
    pub fn arrows_move_focus(&self) -> bool {
        match &self.screen {
            Screen::Form(_)
            | Screen::Setup(_)
            | Screen::Approval(_)
            | Screen::Badge(_)
            | Screen::Checkout(_) => true,
            Screen::Accounts(a) => a.form.is_some(),
            _ => false,
        }
    }

    /// ↑ ↓ choose the account on the sign-in screen.
    fn chooses_account(&self) -> bool {
        matches!(&self.screen, Screen::SignIn(p) if p.choices.len() > 1)
    }

    fn several_fields(&self) -> bool {
        match &self.screen {
            Screen::SignIn(_) | Screen::Home(_) | Screen::Review(_) | Screen::ReturnId(_) => false,
            Screen::DayLog(_) | Screen::Detail(_) | Screen::EndOfShift(_) => false,
            Screen::Watchlist(w) => w.form.is_some(),
            Screen::Plans(p) => p.form.is_some(),
            Screen::Search(s) => !s.results.is_empty(),
            _ => true,
        }
    }

    /// Enter does something here.
    fn confirm_works(&self) -> bool {
        match &self.screen {
            Screen::Archive(a) => a.visit.status == crate::domain::visit::Status::CheckedOut,
            Screen::Accounts(a) => a.form.is_some(),
            Screen::Watchlist(w) => w.form.is_some() || w.confirm_remove.is_some(),
            Screen::Plans(p) => {
                p.form.is_some() || p.confirm_cancel.is_some() || !self.plans.is_empty()
            }
            Screen::DayLog(d) => d.input.is_some(),
            Screen::Detail(d) => d.correction.is_some(),
            Screen::EndOfShift(e) => e.restore.is_some(),
            Screen::Counts(_) => false,
            Screen::Home(_) => !self.dashboard.open.is_empty(),
            _ => true,
        }
    }

    /// ← → choose among values where the focus is.
    fn choosing(&self) -> bool {
        match &self.screen {
            Screen::Form(f) => f.focus.is_choice() || f.focus == FormField::IdHeld,
            Screen::Approval(a) => {
                a.focus == ApprovalFocus::Decision
                    || (a.focus == ApprovalFocus::Supervisor && a.supervisors.len() > 1)
            }
            Screen::Badge(_) => true,
            Screen::Setup(f) => f.focus == UserField::Role,
            Screen::Accounts(a) => {
                matches!(&a.form, Some(AccountForm::Add(f)) if f.focus == UserField::Role)
            }
            Screen::SignIn(_) => false,
            Screen::DayLog(d) => d.input.is_none(),
            Screen::Counts(_) => true,
            _ => false,
        }
    }

    /// Space ticks a box or flips a two-way choice where the focus is.
    fn toggle_here(&self) -> bool {
        match &self.screen {
            Screen::Form(f) => f.focus == FormField::IdHeld,
            Screen::Approval(a) => a.focus == ApprovalFocus::Decision,
            Screen::Checkout(c) => c.focus() == CheckoutFocus::IdReturned,
            Screen::Setup(f) => f.focus == UserField::Role,
            Screen::Accounts(a) => {
                matches!(&a.form, Some(AccountForm::Add(f)) if f.focus == UserField::Role)
            }
            _ => false,
        }
    }

    /// ↑ ↓ move in a list or scroll here.
    fn lists(&self) -> bool {
        if self.typing() {
            return false;
        }
        match &self.screen {
            Screen::Home(_) => self.dashboard.open.len() > 1,
            Screen::Accounts(_) => self.users.len() > 1,
            Screen::Watchlist(w) => w.confirm_remove.is_none() && self.watchlist.len() > 1,
            Screen::Plans(p) => p.confirm_cancel.is_none() && self.plan_rows().len() > 1,
            Screen::DayLog(d) => d.rows.len() > 1,
            Screen::Search(s) => !s.results.is_empty(),
            Screen::Archive(_) | Screen::Detail(_) | Screen::Counts(_) | Screen::EndOfShift(_) => {
                true
            }
            _ => false,
        }
    }

    /// Page up / page down turn a page or scroll here.
    fn pages(&self) -> bool {
        match &self.screen {
            Screen::Form(f) => f.returning.picking(f.focus),
            Screen::DayLog(d) => d.offset > 0 || d.offset + super::PAGE_SIZE < d.total,
            Screen::Search(s) => s.offset > 0 || s.may_have_more(),
            Screen::Archive(_) | Screen::Detail(_) | Screen::Counts(_) | Screen::EndOfShift(_) => {
                true
            }
            _ => false,
        }
    }
}
