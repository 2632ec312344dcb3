//! The screens, listed once: [`Screen`] carries the state of the one on
//! show (each defined in its own module, as in `ui/`), [`ScreenKind`] names
//! it for the keymap. A new screen is its two files plus a line here.

use super::{
    AccountsState, ApprovalState, ArchiveState, BadgeState, CheckoutState, CountsState,
    DayLogState, DetailState, EndOfShiftState, FormState, HomeState, PinPrompt, PlansState,
    PrivacyState, ReviewState, SearchState, UserForm, WatchlistState,
};

/// Which screen, without its data: keys the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenKind {
    Setup,
    SignIn,
    Home,
    Form,
    Privacy,
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
    Watchlist,
    Plans,
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
    /// End of step 2: the privacy notice, agreed or refused.
    Privacy(PrivacyState),
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
    /// Supervisors: the watchlist (daftar tangkal).
    Watchlist(WatchlistState),
    /// Planned visits: today's to start, and (supervisors) to register.
    Plans(PlansState),
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Setup(_) => ScreenKind::Setup,
            Screen::SignIn(_) => ScreenKind::SignIn,
            Screen::Home(_) => ScreenKind::Home,
            Screen::Form(_) => ScreenKind::Form,
            Screen::Privacy(_) => ScreenKind::Privacy,
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
            Screen::Watchlist(_) => ScreenKind::Watchlist,
            Screen::Plans(_) => ScreenKind::Plans,
        }
    }
}
