//! The screens, listed once in [`screen_list!`]. Each is two files: its
//! state, keys and facts in `app/<module>.rs` (an impl of [`ScreenState`]),
//! its drawing in `ui/<module>.rs` (an impl of `ui::View`). From the list
//! come [`Screen`], [`ScreenKind`] and every dispatch over the screens, in
//! `app/` and in `ui/`; so a new screen is its two files, one line in the
//! list, and its `mod` line in `app/mod.rs` and `ui/mod.rs` (declared
//! there, not by the macro, so that rustfmt finds the files).

use super::keymap::{Action, Binding};
use super::{App, Effect};
use crate::domain::visit::Visit;

/// Every screen: `Variant(State) module`, with what it is for. The list is
/// handed to the macro named (`$then!`), which makes from it what it needs.
macro_rules! screen_list {
    ($then:ident) => {
        $then! {
            /// First run: create the first supervisor.
            Setup(UserForm) setup,
            SignIn(PinPrompt) sign_in,
            Home(HomeState) home,
            /// Step 2.
            Form(FormState) form,
            /// End of step 2: the privacy notice, agreed or refused.
            Privacy(PrivacyState) privacy,
            /// Step 3.
            Review(ReviewState) review,
            /// Step 4.
            Approval(ApprovalState) approval,
            /// After a rejection: the ID goes back.
            ReturnId(ReturnIdState) return_id,
            /// Step 5.
            Badge(BadgeState) badge,
            /// Step 6.
            Checkout(CheckoutState) checkout,
            /// Step 7, and any closed visit (read-only report).
            Archive(ArchiveState) archive,
            /// Supervisors: the accounts.
            Accounts(AccountsState) accounts,
            /// Supervisors: one day's visits.
            DayLog(DayLogState) day_log,
            /// Counts of the day shown and of a month.
            Counts(CountsState) counts,
            /// Visits of all days by name, ID number or organisation.
            Search(SearchState) search,
            /// One visit in full, from the log or a search.
            Detail(DetailState) detail,
            /// What is not accounted for: the evacuation roll-call.
            EndOfShift(EndOfShiftState) end_of_shift,
            /// Supervisors: the watchlist (daftar tangkal).
            Watchlist(WatchlistState) watchlist,
            /// Planned visits: today's to start, and (supervisors) to register.
            Plans(PlansState) plans,
        }
    };
}
pub(crate) use screen_list;

/// What a screen's state knows about itself: its keys and what they do,
/// and the facts the shell, the footer and help ask of it. Only `key` has
/// no default.
pub trait ScreenState: Sized {
    /// The keys particular to this screen. They win over the keys every
    /// screen shares ([`super::keymap::SHARED`]); on screens with text
    /// fields, a character listed here is a command, not typed.
    const KEYS: &'static [Binding] = &[];
    /// Tab, Enter and the arrows move between text fields here.
    const HAS_FIELDS: bool = false;
    /// A timer is on screen: the shell ticks once a second.
    const TICKS: bool = false;

    /// What a key (already looked up in the keymap as `action`; `ch` the
    /// character it types, if any) does: the screen after it and the work
    /// for the shell.
    fn key(self, app: &mut App, action: Option<Action>, ch: Option<char>) -> (Screen, Vec<Effect>);

    /// A text field has the focus: plain characters are typed into it.
    fn typing(&self) -> bool {
        false
    }

    /// Once a second while [`Self::TICKS`]: a draft to save, say.
    fn tick(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    /// The query that fills the screen, run on showing it and again
    /// whenever the database changes.
    fn query(&self) -> Option<Effect> {
        None
    }

    /// The visit a step screen shows.
    fn visit(&self) -> Option<&Visit> {
        None
    }

    /// Whether `action` does something here now, where the screen decides
    /// it (`None`: the general rule in `hints`).
    fn works(&self, _app: &App, _action: Action) -> Option<bool> {
        None
    }

    /// ↑ ↓ move the focus between fields, as Tab and Shift-Tab do.
    fn arrows_move_focus(&self) -> bool {
        Self::HAS_FIELDS
    }

    /// More than one field or row to move the focus between.
    fn several_fields(&self) -> bool {
        Self::HAS_FIELDS
    }

    /// Enter does something here.
    fn confirms(&self, _app: &App) -> bool {
        true
    }

    /// ← → choose among values where the focus is.
    fn choosing(&self) -> bool {
        false
    }

    /// Space ticks a box or flips a two-way choice where the focus is.
    fn toggles(&self) -> bool {
        false
    }

    /// ↑ ↓ move in a list or scroll here.
    fn lists(&self, _app: &App) -> bool {
        false
    }

    /// Page up / page down turn a page or scroll here.
    fn pages(&self) -> bool {
        false
    }
}

/// From the list: [`Screen`], [`ScreenKind`] and the dispatch to each
/// screen's [`ScreenState`].
macro_rules! define_screens {
    ($($(#[$doc:meta])* $variant:ident($state:ident) $module:ident,)*) => {
        /// Which screen, without its data: keys the keymap.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ScreenKind {
            $($variant,)*
        }

        /// The screen on show, with its state.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Screen {
            $($(#[$doc])* $variant(super::$state),)*
        }

        $(impl From<super::$state> for Screen {
            fn from(s: super::$state) -> Screen {
                Screen::$variant(s)
            }
        })*

        impl ScreenKind {
            /// Every screen, in the list's order.
            pub const ALL: &'static [ScreenKind] = &[$(ScreenKind::$variant,)*];

            /// The keys particular to the screen.
            pub fn keys(self) -> &'static [Binding] {
                match self {
                    $(ScreenKind::$variant => <super::$state as ScreenState>::KEYS,)*
                }
            }

            /// Screens with text fields: Tab, Enter and arrows move
            /// between them.
            pub fn has_fields(self) -> bool {
                match self {
                    $(ScreenKind::$variant => <super::$state as ScreenState>::HAS_FIELDS,)*
                }
            }

            /// A timer is on the screen.
            pub fn ticks(self) -> bool {
                match self {
                    $(ScreenKind::$variant => <super::$state as ScreenState>::TICKS,)*
                }
            }
        }

        impl Screen {
            pub fn kind(&self) -> ScreenKind {
                match self {
                    $(Screen::$variant(_) => ScreenKind::$variant,)*
                }
            }

            /// A key to the screen's state: the screen after it.
            pub(super) fn key(
                self,
                app: &mut App,
                action: Option<Action>,
                ch: Option<char>,
            ) -> (Screen, Vec<Effect>) {
                match self {
                    $(Screen::$variant(s) => ScreenState::key(s, app, action, ch),)*
                }
            }

            pub(super) fn tick(&mut self) -> Vec<Effect> {
                match self {
                    $(Screen::$variant(s) => ScreenState::tick(s),)*
                }
            }
        }

        // The facts asked of the screen on show, each answered by its state.
        impl Screen {
            pub fn typing(&self) -> bool {
                match self {
                    $(Screen::$variant(s) => ScreenState::typing(s),)*
                }
            }

            pub fn query(&self) -> Option<Effect> {
                match self {
                    $(Screen::$variant(s) => ScreenState::query(s),)*
                }
            }

            pub fn visit(&self) -> Option<&Visit> {
                match self {
                    $(Screen::$variant(s) => ScreenState::visit(s),)*
                }
            }

            pub fn works(&self, app: &App, action: Action) -> Option<bool> {
                match self {
                    $(Screen::$variant(s) => ScreenState::works(s, app, action),)*
                }
            }

            pub fn arrows_move_focus(&self) -> bool {
                match self {
                    $(Screen::$variant(s) => ScreenState::arrows_move_focus(s),)*
                }
            }

            pub fn several_fields(&self) -> bool {
                match self {
                    $(Screen::$variant(s) => ScreenState::several_fields(s),)*
                }
            }

            pub fn confirms(&self, app: &App) -> bool {
                match self {
                    $(Screen::$variant(s) => ScreenState::confirms(s, app),)*
                }
            }

            pub fn choosing(&self) -> bool {
                match self {
                    $(Screen::$variant(s) => ScreenState::choosing(s),)*
                }
            }

            pub fn toggles(&self) -> bool {
                match self {
                    $(Screen::$variant(s) => ScreenState::toggles(s),)*
                }
            }

            pub fn lists(&self, app: &App) -> bool {
                match self {
                    $(Screen::$variant(s) => ScreenState::lists(s, app),)*
                }
            }

            pub fn pages(&self) -> bool {
                match self {
                    $(Screen::$variant(s) => ScreenState::pages(s),)*
                }
            }
        }
    };
}

screen_list!(define_screens);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_screen_binds_a_key_twice() {
        for kind in ScreenKind::ALL {
            let keys = kind.keys();
            for (i, b) in keys.iter().enumerate() {
                assert!(
                    !keys[..i].iter().any(|e| e.keys == b.keys),
                    "{kind:?}: {:?} bound twice",
                    b.keys
                );
            }
        }
    }
}
