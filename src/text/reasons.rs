//! Words for the app's typed reasons (`app::reasons`): a problem under a
//! screen's fields, a refused PIN, the note under the accounts list, the
//! error box. Each is one exhaustive match; the sentences themselves are
//! entries of the kiosk and desk catalogues.

use super::field_errors::field_error_text;
use super::store_errors::store_problem_text;
use super::{desk_text, text};
use crate::app::{AccountNote, DisableRefusal, Failure, PinRefusal, Problem};
use crate::config::Language;

/// The line a screen shows for `p`.
pub fn problem_text(p: &Problem, lang: Language) -> String {
    let t = text(lang);
    match p {
        Problem::Field(e) => field_error_text(e, lang),
        Problem::Pin(r) => pin_refusal_text(*r, lang),
        Problem::ReasonRequired => t.reason_required.into(),
        Problem::BadgeTaken(badge) => t.badge_taken(badge),
        Problem::BadgeOtherDoor { badge, door } => t.badge_other_door(badge, door),
        Problem::BadgeEscortRequired => t.badge_escort_required.into(),
        Problem::BadgeReturnedRequired => t.badge_returned_required.into(),
        Problem::IdReturnRequired => t.id_return_required.into(),
        Problem::ChecklistUnanswered(n) => t.checklist_unanswered(*n),
        Problem::NoteRequired(n) => t.note_required(*n),
        Problem::BadgeMismatch { given, issued } => {
            t.badge_mismatch(given, issued.as_deref().unwrap_or("-"))
        }
    }
}

/// Why a PIN was not accepted.
pub fn pin_refusal_text(r: PinRefusal, lang: Language) -> String {
    let t = text(lang);
    match r {
        PinRefusal::Wrong {
            failures,
            wait_secs,
        } => t.pin_wrong(failures, wait_secs),
        PinRefusal::TooSoon { wait_secs } => t.pin_wait(wait_secs),
        PinRefusal::Locked => t.pin_locked.into(),
        PinRefusal::Disabled => t.account_disabled.into(),
    }
}

/// Why an account may not be disabled.
pub fn disable_refusal_text(why: DisableRefusal, name: &str, lang: Language) -> String {
    let d = desk_text(lang);
    match why {
        DisableRefusal::Yourself => d.refuse_self.into(),
        DisableRefusal::LastSupervisor => d.refuse_last_supervisor(name),
    }
}

/// The line under the accounts list.
pub fn account_note_text(n: &AccountNote, lang: Language) -> String {
    let d = desk_text(lang);
    match n {
        AccountNote::Created { name } => d.account_created(name),
        AccountNote::Changed { change, name } => d.account_changed(*change, name),
        AccountNote::NotLocked { name } => d.not_locked(name),
        AccountNote::Refused { why, name } => disable_refusal_text(*why, name, lang),
    }
}

/// The error box's sentence: what was not recorded and what to do.
pub fn failure_text(f: &Failure, lang: Language) -> String {
    let d = desk_text(lang);
    match f {
        Failure::Store(p) => store_problem_text(p, lang),
        Failure::Pin(r) => pin_refusal_text(*r, lang),
        Failure::Document { printing } => d.document_failed(*printing),
        Failure::BadgeNotLost(badge) => d.badge_not_lost(badge),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::FieldError;

    /// Data a reason carries is shown in both languages.
    #[test]
    fn both_languages_show_the_data() {
        let problems = [
            (
                Problem::BadgeTaken(crate::domain::badge::BadgeNo::try_from("V-07").unwrap()),
                "V-07",
            ),
            (
                Problem::BadgeOtherDoor {
                    badge: crate::domain::badge::BadgeNo::try_from("V-07").unwrap(),
                    door: "Pintu Selatan".into(),
                },
                "Pintu Selatan",
            ),
            (Problem::ChecklistUnanswered(3), "3"),
            (Problem::NoteRequired(4), "4"),
            (
                Problem::BadgeMismatch {
                    given: crate::domain::badge::BadgeNo::try_from("V-02").unwrap(),
                    issued: Some(crate::domain::badge::BadgeNo::try_from("V-05").unwrap()),
                },
                "V-05",
            ),
            (
                Problem::Field(FieldError::TooLong { max: 80, found: 81 }),
                "81",
            ),
        ];
        for (p, token) in problems {
            for lang in [Language::Id, Language::En] {
                let s = problem_text(&p, lang);
                assert!(s.contains(token), "{p:?} {lang:?}: {s}");
            }
            assert_ne!(
                problem_text(&p, Language::Id),
                problem_text(&p, Language::En)
            );
        }
        let note = AccountNote::Created {
            name: "Andi".into(),
        };
        for lang in [Language::Id, Language::En] {
            assert!(account_note_text(&note, lang).contains("Andi"));
            assert!(
                failure_text(
                    &Failure::BadgeNotLost(
                        crate::domain::badge::BadgeNo::try_from("V-09").unwrap()
                    ),
                    lang
                )
                .contains("V-09")
            );
        }
    }
}
