//! What the footer and help say: the keys that work here, now, for this
//! user. Built from the one keymap, so help never lies; `ui/` gives the
//! words of each action.

use super::keymap::{Action, Keys};
use super::{App, Overlay, ScreenKind};

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
        for (bd, own) in super::keymap::rows(kind) {
            // A plain character is typed while a field has the focus; a
            // key bound earlier for this screen wins over a later row.
            if !super::keymap::applies(bd, own, typing) || seen.contains(&bd.keys) {
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

    /// The action does something on this screen now, for this user: as
    /// the screen says where it decides, else by the general rule.
    fn works(&self, action: Action) -> bool {
        use Action as A;
        if let Some(works) = self.screen.works(self, action) {
            return works;
        }
        let fields = self.screen.kind().has_fields() || self.typing();
        match action {
            A::Help | A::Back | A::Refuse | A::Plans => true,
            // Each only where its screen says so.
            A::Take
            | A::TakeAll
            | A::AddMember
            | A::NextMember
            | A::Ok
            | A::NotOk
            | A::Door
            | A::CancelPlan
            | A::Close => false,
            A::Accounts | A::DayLog | A::Watchlist | A::RestoreBadge | A::Correct => {
                self.is_supervisor()
            }
            A::NextField | A::PrevField => fields && self.screen.several_fields(),
            A::Confirm => self.screen.confirms(self),
            A::Left | A::Right => self.screen.choosing() || self.arrows_move_cursor(),
            A::Toggle => self.screen.toggles(),
            A::Up | A::Down => (fields && self.screen.several_fields()) || self.lists(),
            A::Backspace | A::Delete | A::Home | A::End | A::ClearField => self.typing(),
            A::PageUp | A::PageDown => self.screen.pages(),
            A::Quit
            | A::NewVisit
            | A::Open
            | A::CancelVisit
            | A::Remove
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
        self.typing() && !self.screen.choosing()
    }

    /// ↑ ↓ move the focus between fields here, as Tab and Shift-Tab do
    /// ([`super::FocusMove`]).
    pub fn arrows_move_focus(&self) -> bool {
        self.screen.arrows_move_focus()
    }

    /// ↑ ↓ move in a list or scroll here (not while typing).
    fn lists(&self) -> bool {
        !self.typing() && self.screen.lists(self)
    }
}
