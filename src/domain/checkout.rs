//! Step 6 as typed becomes a check-out: the one place its rules are read,
//! by the check-out screen ([`CheckoutDraft::parse`]) and by the state
//! machine for a command from anywhere ([`checked_answers`]).
//! The draft itself ([`CheckoutDraft`]) and the answers it becomes
//! ([`ChecklistAnswer`], by [`CheckKind`]) are defined here too.

use serde::{Deserialize, Serialize};

use super::badge::BadgeNo;
use super::form::MAX_NOTE;
use super::visit::TransitionError;

/// The check-out as typed so far (step 6), saved on each change so that a
/// restart resumes it: the badge number typed back, the ID returned, the
/// checklist answers with their notes, what was done. Not a transition:
/// it records no event, and the check-out itself clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutDraft {
    pub badge_returned: String,
    pub id_returned: bool,
    /// By checklist item (its text), so that a changed list still lines up.
    pub answers: Vec<DraftAnswer>,
    pub activity: String,
    /// Equipment taken out that was not listed at step 2, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub taken_out: String,
}

/// One checklist item as answered so far (`ok` is `None` until answered).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftAnswer {
    pub item: String,
    pub ok: Option<bool>,
    pub note: String,
    #[serde(default, skip_serializing_if = "CheckKind::is_room")]
    pub kind: CheckKind,
}

/// One answered item of the device checklist (step 6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistAnswer {
    pub item: String,
    pub ok: bool,
    pub note: String,
    #[serde(default, skip_serializing_if = "CheckKind::is_room")]
    pub kind: CheckKind,
}

/// What a row of the step-6 checklist checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// An item of the room's checklist (config): OK, or not OK with a note.
    #[default]
    Room,
    /// Equipment listed at step 2: OK is taken out with the visitor; not
    /// OK is left in the room, the note its reason.
    Brought,
    /// Equipment taken out of the room that was not listed at step 2.
    TakenOut,
}

impl CheckKind {
    pub fn is_room(&self) -> bool {
        *self == CheckKind::Room
    }

    /// Whether an answer of this kind flags the visit: a room item not
    /// OK, or equipment left in the room with no reason given.
    pub fn flags(self, ok: bool, note: &str) -> bool {
        match self {
            CheckKind::Room => !ok,
            CheckKind::Brought => !ok && note.trim().is_empty(),
            CheckKind::TakenOut => false,
        }
    }
}

impl ChecklistAnswer {
    /// An answer that flags the visit: a room item not OK, or equipment
    /// left in the room with no reason given.
    pub fn flags(&self) -> bool {
        self.kind.flags(self.ok, &self.note)
    }
}

/// What a check-out as typed still lacks, first thing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckoutGap {
    /// No badge number typed back.
    Badge,
    /// The ID document not confirmed given back.
    IdReturned,
    /// Row `n` (0-based) of the checklist not answered: the room's items
    /// first, then the equipment brought in.
    Unanswered(usize),
    /// Item `n` (0-based) answered "not OK" without a note.
    Note(usize),
}

/// A check-out read from what was typed: the badge handed back, the
/// answers in checklist order, what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutInput {
    pub badge_returned: BadgeNo,
    pub checklist: Vec<ChecklistAnswer>,
    pub activity: String,
}

impl CheckoutDraft {
    /// The check-out this draft says, against the configured checklist
    /// `items` and the equipment `brought` in (listed at step 2; answers
    /// matched by item), or the first thing it lacks. Equipment typed as
    /// taken out without being listed follows as its own rows.
    ///
    /// # Errors
    /// The first gap, in the order of the screen.
    pub fn parse(
        &self,
        items: &[String],
        brought: &[String],
    ) -> Result<CheckoutInput, CheckoutGap> {
        let badge =
            BadgeNo::try_from(self.badge_returned.as_str()).map_err(|_| CheckoutGap::Badge)?;
        if !self.id_returned {
            return Err(CheckoutGap::IdReturned);
        }
        let rows = items
            .iter()
            .map(|i| (i, CheckKind::Room))
            .chain(brought.iter().map(|i| (i, CheckKind::Brought)));
        let mut checklist = Vec::with_capacity(items.len() + brought.len());
        for (i, (item, kind)) in rows.enumerate() {
            let answer = self
                .answers
                .iter()
                .find(|a| a.item == *item && a.kind == kind);
            let Some((ok, note)) = answer.and_then(|a| a.ok.map(|ok| (ok, a.note.as_str()))) else {
                return Err(CheckoutGap::Unanswered(i));
            };
            // In the screen's order: a room item's missing note before
            // the rows after it.
            if !ok && kind == CheckKind::Room && note.trim().is_empty() {
                return Err(CheckoutGap::Note(i));
            }
            checklist.push(ChecklistAnswer {
                item: item.clone(),
                ok,
                note: note.trim().to_owned(),
                kind,
            });
        }
        checklist.extend(
            super::equipment::listed(&self.taken_out)
                .into_iter()
                .map(|item| ChecklistAnswer {
                    item,
                    ok: true,
                    note: String::new(),
                    kind: CheckKind::TakenOut,
                }),
        );
        checked_answers(&checklist).map_err(|e| match e {
            TransitionError::NoteRequired(n) => CheckoutGap::Note(n - 1),
            _ => CheckoutGap::Unanswered(0),
        })?;
        Ok(CheckoutInput {
            badge_returned: badge,
            checklist,
            activity: self.activity.trim().to_owned(),
        })
    }
}

/// The checklist of a check-out, checked: at least one item, and every
/// "not OK" with a note (control characters dropped, at most
/// [`MAX_NOTE`] characters).
///
/// # Errors
/// `ChecklistIncomplete`, `NoteRequired(n)` (1-based) or `TooLong`.
pub fn checked_answers(
    checklist: &[ChecklistAnswer],
) -> Result<Vec<ChecklistAnswer>, TransitionError> {
    if checklist.is_empty() {
        return Err(TransitionError::ChecklistIncomplete);
    }
    let mut answers = Vec::with_capacity(checklist.len());
    for (i, a) in checklist.iter().enumerate() {
        let note = super::fields::sanitize(&a.note, usize::MAX);
        if note.chars().count() > MAX_NOTE {
            return Err(TransitionError::TooLong(MAX_NOTE));
        }
        // Equipment left in the room without a reason is recorded, and
        // flags the visit; a room item not OK needs its note.
        if !a.ok && note.is_empty() && a.kind == CheckKind::Room {
            return Err(TransitionError::NoteRequired(i + 1));
        }
        answers.push(ChecklistAnswer {
            item: a.item.clone(),
            ok: a.ok,
            note,
            kind: a.kind,
        });
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(answers: &[(&str, Option<bool>, &str)]) -> CheckoutDraft {
        CheckoutDraft {
            badge_returned: " V-01 ".into(),
            id_returned: true,
            answers: answers
                .iter()
                .map(|(item, ok, note)| DraftAnswer {
                    item: (*item).into(),
                    ok: *ok,
                    note: (*note).into(),
                    kind: CheckKind::Room,
                })
                .collect(),
            activity: " Ganti UPS ".into(),
            taken_out: String::new(),
        }
    }

    #[test]
    fn a_draft_is_read_in_the_screens_order() {
        let items = ["AC".to_owned(), "UPS".to_owned()];
        let ok = draft(&[("UPS", Some(false), " bunyi "), ("AC", Some(true), "")]);
        let input = ok.parse(&items, &[]).unwrap();
        assert_eq!(input.badge_returned, "V-01");
        assert_eq!(input.checklist[0].item, "AC", "in the checklist's order");
        assert_eq!(input.checklist[1].note, "bunyi");
        assert_eq!(input.activity, "Ganti UPS");

        let mut no_badge = ok.clone();
        no_badge.badge_returned = "  ".into();
        assert_eq!(no_badge.parse(&items, &[]), Err(CheckoutGap::Badge));
        let mut id_kept = ok.clone();
        id_kept.id_returned = false;
        assert_eq!(id_kept.parse(&items, &[]), Err(CheckoutGap::IdReturned));
        let half = draft(&[("AC", Some(true), ""), ("UPS", None, "")]);
        assert_eq!(half.parse(&items, &[]), Err(CheckoutGap::Unanswered(1)));
        let silent = draft(&[("AC", Some(false), " "), ("UPS", Some(true), "")]);
        assert_eq!(silent.parse(&items, &[]), Err(CheckoutGap::Note(0)));
    }

    #[test]
    fn equipment_is_confirmed_taken_out_or_left_with_a_reason() {
        let items = ["AC".to_owned()];
        let brought = ["Laptop #5CG1".to_owned(), "Disk #WX45".to_owned()];
        let mut d = draft(&[("AC", Some(true), "")]);
        // Equipment not yet confirmed: its row, after the room's items.
        assert_eq!(d.parse(&items, &brought), Err(CheckoutGap::Unanswered(1)));
        let row = |item: &str, ok, note: &str| DraftAnswer {
            item: item.into(),
            ok,
            note: note.into(),
            kind: CheckKind::Brought,
        };
        d.answers.push(row("Laptop #5CG1", Some(true), ""));
        d.answers
            .push(row("Disk #WX45", Some(false), " pengganti disk rusak "));
        d.taken_out = "Disk lama #OLD9".into();
        let input = d.parse(&items, &brought).unwrap();
        let c = &input.checklist;
        assert_eq!(c.len(), 4);
        assert_eq!((c[1].kind, c[1].ok), (CheckKind::Brought, true));
        assert_eq!(
            (c[2].ok, c[2].note.as_str()),
            (false, "pengganti disk rusak")
        );
        assert_eq!(
            (c[3].kind, c[3].item.as_str()),
            (CheckKind::TakenOut, "Disk lama #OLD9")
        );
        assert!(
            !c.iter().any(ChecklistAnswer::flags),
            "left with a reason: not flagged"
        );
        assert_eq!(checked_answers(c).unwrap(), *c);

        // Left without a reason: recorded, and it flags the visit.
        d.answers[2].note = " ".into();
        let input = d.parse(&items, &brought).unwrap();
        assert!(input.checklist[2].flags());
        // A room item's answer is not an equipment row's, even with the
        // same text.
        let mut same = draft(&[("AC", Some(true), "")]);
        same.answers.push(DraftAnswer {
            kind: CheckKind::Brought,
            ..same.answers[0].clone()
        });
        assert_eq!(
            same.parse(&items, &["AC".to_owned()]).unwrap().checklist[1].kind,
            CheckKind::Brought
        );
        assert_eq!(
            same.parse(&[], &["X".to_owned()]),
            Err(CheckoutGap::Unanswered(0))
        );
    }
}
