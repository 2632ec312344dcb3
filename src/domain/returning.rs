//! Returning visitors: what the form may offer of a visitor's last visit
//! (name, ID, organisation, phone, person visited) and what their earlier
//! visits say (how many, the last date, overstays, checklists not OK, lost
//! badges). Built by the store from submitted visits that were never
//! anonymised; taken field by field by the operator, never silently.

use super::visit::{FormDraft, FormField, Time};

/// A visitor seen before, as their earlier visits tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returning {
    /// The last visit's details, as it was submitted.
    pub last: FormDraft,
    pub last_at: Time,
    /// Earlier submitted visits with this ID number (not anonymised).
    pub visits: u32,
    /// Of those: inside longer than the standard.
    pub overstays: u32,
    /// Of those: a checklist item answered not OK.
    pub checklist_not_ok: u32,
    /// Of those: the badge was not handed back (recorded lost).
    pub badges_lost: u32,
}

/// One earlier visitor whose name starts with what is typed (the pick list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownName {
    pub full_name: String,
    pub organisation: String,
    pub id_number: String,
    pub last_at: Time,
}

/// The fields a returning visitor's last visit offers, in screen order.
pub const OFFERED: [FormField; 6] = [
    FormField::FullName,
    FormField::IdType,
    FormField::IdNumber,
    FormField::Organisation,
    FormField::Phone,
    FormField::PersonVisited,
];

/// A whole NIK as typed: 16 digits (a lookup runs only on a whole one).
pub fn is_whole_nik(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit())
}

impl Returning {
    /// The value offered for `field`: only for offered fields, only when
    /// it is not empty and not what the draft already holds.
    pub fn offer<'a>(&'a self, draft: &FormDraft, field: FormField) -> Option<&'a str> {
        if !OFFERED.contains(&field) {
            return None;
        }
        let value = self.last.get(field);
        (!value.trim().is_empty() && value != draft.get(field)).then_some(value)
    }

    /// Put the offered value of `field` into the draft; false if none.
    pub fn take(&self, draft: &mut FormDraft, field: FormField) -> bool {
        let Some(value) = self.offer(draft, field).map(str::to_owned) else {
            return false;
        };
        match draft.text_mut(field) {
            Some(buf) => {
                *buf = value;
                true
            }
            None => false,
        }
    }

    /// Every offered value into the draft; how many fields changed.
    pub fn take_all(&self, draft: &mut FormDraft) -> usize {
        OFFERED.iter().filter(|f| self.take(draft, **f)).count()
    }

    /// Any value still offered.
    pub fn offers_any(&self, draft: &FormDraft) -> bool {
        OFFERED.iter().any(|f| self.offer(draft, *f).is_some())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn budi() -> Returning {
        Returning {
            last: FormDraft {
                full_name: "Budi Santoso".into(),
                id_type: "KTP".into(),
                id_number: "3201011505850001".into(),
                organisation: "PT Telkom".into(),
                phone: "081234567890".into(),
                purpose: "Audit".into(),
                person_visited: "Joko Susilo".into(),
                ..FormDraft::default()
            },
            last_at: Utc.with_ymd_and_hms(2026, 11, 12, 2, 0, 0).unwrap(),
            visits: 3,
            overstays: 1,
            checklist_not_ok: 0,
            badges_lost: 0,
        }
    }

    #[test]
    fn offers_only_the_listed_fields_that_differ() {
        let r = budi();
        let mut d = FormDraft {
            id_type: "KTP".into(),
            id_number: "3201011505850001".into(),
            organisation: "PT Lain".into(),
            ..FormDraft::default()
        };
        assert_eq!(r.offer(&d, FormField::FullName), Some("Budi Santoso"));
        assert_eq!(r.offer(&d, FormField::IdNumber), None, "already typed");
        assert_eq!(r.offer(&d, FormField::Organisation), Some("PT Telkom"));
        assert_eq!(r.offer(&d, FormField::Purpose), None, "not offered");
        assert!(r.take(&mut d, FormField::Phone));
        assert_eq!(d.phone, "081234567890");
        assert!(!r.take(&mut d, FormField::Phone), "taken already");
        assert_eq!(r.take_all(&mut d), 3);
        assert_eq!(d.full_name, "Budi Santoso");
        assert_eq!(d.organisation, "PT Telkom");
        assert_eq!(d.person_visited, "Joko Susilo");
        assert!(d.purpose.is_empty());
        assert!(!r.offers_any(&d));
    }

    #[test]
    fn a_whole_nik_is_sixteen_digits() {
        assert!(is_whole_nik("3201011505850001"));
        assert!(!is_whole_nik("320101150585000"));
        assert!(!is_whole_nik("32010115058500a1"));
        assert!(!is_whole_nik("３２０１０１１５０５８５０００１"));
    }
}
