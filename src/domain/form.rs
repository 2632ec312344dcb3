//! The visitor's access form (step 2): the draft as typed, its fields in
//! screen order, what the configuration allows ([`FormRules`]), the limits
//! on free text, the validated [`VisitForm`], and the digest older
//! `submitted` events carried ([`form_digest`]).

use serde::{Deserialize, Serialize};

use super::fields::{
    DurationMinutes, FieldError, FreeText, IdNumber, PersonName, Phone, parse_id_number,
};
use super::letter::{AssignmentLetter, LetterPart, LetterText};

/// The form exactly as typed: saved on every field change, validated when
/// the operator moves to review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub full_name: String,
    pub id_type: String,
    pub id_number: String,
    pub organisation: String,
    pub phone: String,
    pub purpose: String,
    pub purpose_detail: String,
    pub equipment: String,
    pub planned_minutes: String,
    pub person_visited: String,
    /// The assignment letter (surat tugas / SPK): number, date as typed
    /// (`28-11-2026`), issuing organisation. Absent from events written
    /// before letters were asked for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub letter_number: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub letter_date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub letter_issuer: String,
    /// The operator confirms the ID document is physically held.
    pub id_held: bool,
}

/// The fields of the access form, in the order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormField {
    FullName,
    IdType,
    IdNumber,
    Organisation,
    Phone,
    Purpose,
    PurposeDetail,
    LetterNumber,
    LetterDate,
    LetterIssuer,
    Equipment,
    PlannedMinutes,
    PersonVisited,
    IdHeld,
}

impl FormField {
    pub const ALL: [FormField; 14] = [
        FormField::FullName,
        FormField::IdType,
        FormField::IdNumber,
        FormField::Organisation,
        FormField::Phone,
        FormField::Purpose,
        FormField::PurposeDetail,
        FormField::LetterNumber,
        FormField::LetterDate,
        FormField::LetterIssuer,
        FormField::Equipment,
        FormField::PlannedMinutes,
        FormField::PersonVisited,
        FormField::IdHeld,
    ];

    /// A team member's own fields: who they are and what they carry. The
    /// rest (organisation, purpose, letter, duration, person visited) is
    /// the leader's, shared by the team ([`FormDraft::as_member_of`]).
    pub const MEMBER: [FormField; 6] = [
        FormField::FullName,
        FormField::IdType,
        FormField::IdNumber,
        FormField::Phone,
        FormField::Equipment,
        FormField::IdHeld,
    ];

    fn index(self) -> usize {
        FormField::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or_default()
    }

    #[must_use]
    pub fn next(self) -> FormField {
        FormField::ALL[(self.index() + 1) % FormField::ALL.len()]
    }

    #[must_use]
    pub fn prev(self) -> FormField {
        let n = FormField::ALL.len();
        FormField::ALL[(self.index() + n - 1) % n]
    }

    /// Fields picked from a configured list rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(self, FormField::IdType | FormField::Purpose)
    }
}

/// What the configuration says a valid form is: the identity documents
/// and purposes offered, and the purposes that need an assignment letter.
#[derive(Debug, Clone, Copy)]
pub struct FormRules<'a> {
    pub id_types: &'a [String],
    pub purposes: &'a [String],
    pub letter_required_for: &'a [String],
}

impl<'a> FormRules<'a> {
    /// Offering these lists, with no purpose that needs a letter.
    pub fn new(id_types: &'a [String], purposes: &'a [String]) -> Self {
        FormRules {
            id_types,
            purposes,
            letter_required_for: &[],
        }
    }

    /// Whether a visit for `purpose` needs an assignment letter.
    pub fn needs_letter(&self, purpose: &str) -> bool {
        self.letter_required_for.iter().any(|p| p == purpose)
    }
}

/// Limits on free-text fields (characters).
pub const MAX_ORGANISATION: usize = 100;
pub const MAX_DETAIL: usize = 200;
pub const MAX_EQUIPMENT: usize = 300;
pub const MAX_REASON: usize = 300;
pub const MAX_ACTIVITY: usize = 500;
pub const MAX_NOTE: usize = 200;

/// A form whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitForm {
    pub full_name: PersonName,
    pub id_type: String,
    pub id_number: IdNumber,
    pub organisation: FreeText,
    pub phone: Phone,
    pub purpose: String,
    pub purpose_detail: FreeText,
    /// The assignment letter, if one was brought (required for the
    /// purposes the config names). Boxed: most visits have none, and
    /// the form travels inside every `Command`.
    pub letter: Option<Box<AssignmentLetter>>,
    pub equipment: FreeText,
    pub planned_minutes: DurationMinutes,
    pub person_visited: PersonName,
}

impl FormDraft {
    pub fn get(&self, field: FormField) -> &str {
        match field {
            FormField::FullName => &self.full_name,
            FormField::IdType => &self.id_type,
            FormField::IdNumber => &self.id_number,
            FormField::Organisation => &self.organisation,
            FormField::Phone => &self.phone,
            FormField::Purpose => &self.purpose,
            FormField::PurposeDetail => &self.purpose_detail,
            FormField::LetterNumber => &self.letter_number,
            FormField::LetterDate => &self.letter_date,
            FormField::LetterIssuer => &self.letter_issuer,
            FormField::Equipment => &self.equipment,
            FormField::PlannedMinutes => &self.planned_minutes,
            FormField::PersonVisited => &self.person_visited,
            FormField::IdHeld => "",
        }
    }

    /// The text buffer of a typed field; `None` for the checkbox.
    pub fn text_mut(&mut self, field: FormField) -> Option<&mut String> {
        match field {
            FormField::FullName => Some(&mut self.full_name),
            FormField::IdType => Some(&mut self.id_type),
            FormField::IdNumber => Some(&mut self.id_number),
            FormField::Organisation => Some(&mut self.organisation),
            FormField::Phone => Some(&mut self.phone),
            FormField::Purpose => Some(&mut self.purpose),
            FormField::PurposeDetail => Some(&mut self.purpose_detail),
            FormField::LetterNumber => Some(&mut self.letter_number),
            FormField::LetterDate => Some(&mut self.letter_date),
            FormField::LetterIssuer => Some(&mut self.letter_issuer),
            FormField::Equipment => Some(&mut self.equipment),
            FormField::PlannedMinutes => Some(&mut self.planned_minutes),
            FormField::PersonVisited => Some(&mut self.person_visited),
            FormField::IdHeld => None,
        }
    }

    /// The problem with one field, if any.
    pub fn check(&self, field: FormField, rules: &FormRules<'_>) -> Option<FieldError> {
        let FormRules {
            id_types, purposes, ..
        } = *rules;
        let in_list = |v: &str, list: &[String]| {
            if v.trim().is_empty() {
                Some(FieldError::Required)
            } else if list.iter().any(|x| x == v) {
                None
            } else {
                Some(FieldError::NotInList)
            }
        };
        match field {
            FormField::FullName => PersonName::try_from(self.full_name.as_str()).err(),
            FormField::IdType => in_list(&self.id_type, id_types),
            FormField::IdNumber => parse_id_number(&self.id_type, &self.id_number).err(),
            FormField::Organisation => {
                FreeText::parse(&self.organisation, MAX_ORGANISATION, true).err()
            }
            FormField::Phone => Phone::try_from(self.phone.as_str()).err(),
            FormField::Purpose => in_list(&self.purpose, purposes),
            FormField::PurposeDetail => {
                FreeText::parse(&self.purpose_detail, MAX_DETAIL, true).err()
            }
            FormField::LetterNumber => self
                .letter()
                .check(LetterPart::Number, rules.needs_letter(&self.purpose)),
            FormField::LetterDate => self
                .letter()
                .check(LetterPart::Date, rules.needs_letter(&self.purpose)),
            FormField::LetterIssuer => self
                .letter()
                .check(LetterPart::Issuer, rules.needs_letter(&self.purpose)),
            FormField::Equipment => FreeText::parse(&self.equipment, MAX_EQUIPMENT, false).err(),
            FormField::PlannedMinutes => {
                DurationMinutes::try_from(self.planned_minutes.as_str()).err()
            }
            FormField::PersonVisited => PersonName::try_from(self.person_visited.as_str()).err(),
            FormField::IdHeld => (!self.id_held).then_some(FieldError::IdNotHeld),
        }
    }

    /// A team member's form: their own fields ([`FormField::MEMBER`]) from
    /// `self`, what the team shares from the leader's. A member without a
    /// phone of their own is reached through the leader's.
    #[must_use]
    pub fn as_member_of(&self, leader: &FormDraft) -> FormDraft {
        let phone = if self.phone.trim().is_empty() {
            &leader.phone
        } else {
            &self.phone
        };
        FormDraft {
            full_name: self.full_name.clone(),
            id_type: self.id_type.clone(),
            id_number: self.id_number.clone(),
            phone: phone.clone(),
            equipment: self.equipment.clone(),
            id_held: self.id_held,
            ..leader.clone()
        }
    }

    /// Every field's problem, in screen order.
    pub fn problems(&self, rules: &FormRules<'_>) -> Vec<(FormField, FieldError)> {
        FormField::ALL
            .into_iter()
            .filter_map(|f| self.check(f, rules).map(|e| (f, e)))
            .collect()
    }

    /// The letter's three fields as typed.
    pub fn letter(&self) -> LetterText<'_> {
        LetterText {
            number: &self.letter_number,
            date: &self.letter_date,
            issuer: &self.letter_issuer,
        }
    }

    /// Parse the whole form, or list what is wrong.
    pub fn validate(
        &self,
        rules: &FormRules<'_>,
    ) -> Result<VisitForm, Vec<(FormField, FieldError)>> {
        let problems = self.problems(rules);
        if !problems.is_empty() {
            return Err(problems);
        }
        let parsed = (|| -> Result<VisitForm, FieldError> {
            Ok(VisitForm {
                full_name: PersonName::try_from(self.full_name.as_str())?,
                id_type: self.id_type.clone(),
                id_number: parse_id_number(&self.id_type, &self.id_number)?,
                organisation: FreeText::parse(&self.organisation, MAX_ORGANISATION, true)?,
                phone: Phone::try_from(self.phone.as_str())?,
                purpose: self.purpose.clone(),
                purpose_detail: FreeText::parse(&self.purpose_detail, MAX_DETAIL, true)?,
                letter: self
                    .letter()
                    .parse(rules.needs_letter(&self.purpose))?
                    .map(Box::new),
                equipment: FreeText::parse(&self.equipment, MAX_EQUIPMENT, false)?,
                planned_minutes: DurationMinutes::try_from(self.planned_minutes.as_str())?,
                person_visited: PersonName::try_from(self.person_visited.as_str())?,
            })
        })();
        parsed.map_err(|e| vec![(FormField::FullName, e)])
    }
}

impl VisitForm {
    /// The normalised form, as it will be stored once submitted.
    pub fn to_draft(&self) -> FormDraft {
        FormDraft {
            full_name: self.full_name.as_str().to_owned(),
            id_type: self.id_type.clone(),
            id_number: self.id_number.as_str().to_owned(),
            organisation: self.organisation.as_str().to_owned(),
            phone: self.phone.as_str().to_owned(),
            purpose: self.purpose.clone(),
            purpose_detail: self.purpose_detail.as_str().to_owned(),
            letter_number: self
                .letter
                .as_ref()
                .map(|l| l.number.as_str().to_owned())
                .unwrap_or_default(),
            letter_date: self
                .letter
                .as_ref()
                .map(|l| l.date.format("%d-%m-%Y").to_string())
                .unwrap_or_default(),
            letter_issuer: self
                .letter
                .as_ref()
                .map(|l| l.issuer.as_str().to_owned())
                .unwrap_or_default(),
            equipment: self.equipment.as_str().to_owned(),
            planned_minutes: self.planned_minutes.get().to_string(),
            person_visited: self.person_visited.as_str().to_owned(),
            id_held: true,
        }
    }
}

/// The digest of the submitted form that `submitted` events carried before
/// schema 4 (now the form itself is kept beside the event, under a keyed
/// hash); kept so `verify` can still check those older events.
pub fn form_digest(form: &FormDraft) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(form).unwrap_or_default();
    let d = Sha256::digest(&json);
    hex::encode(&d[..16])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{form_lists as lists, good_draft};

    #[test]
    fn draft_validation_names_each_field() {
        let (a, b) = lists();
        let empty = FormDraft::default();
        let problems = empty.problems(&FormRules::new(&a, &b));
        let fields: Vec<FormField> = problems.iter().map(|(f, _)| *f).collect();
        assert!(fields.contains(&FormField::FullName));
        assert!(fields.contains(&FormField::IdHeld));
        assert!(
            !fields.contains(&FormField::Equipment),
            "equipment is optional"
        );
        let mut d = good_draft();
        d.purpose = "Liburan".into();
        assert_eq!(
            d.check(FormField::Purpose, &FormRules::new(&a, &b)),
            Some(FieldError::NotInList)
        );
        d.id_number = "1234".into();
        assert!(
            d.check(FormField::IdNumber, &FormRules::new(&a, &b))
                .is_some(),
            "KTP needs a NIK"
        );
        assert!(good_draft().validate(&FormRules::new(&a, &b)).is_ok());
    }

    #[test]
    fn a_purpose_named_in_the_config_needs_the_assignment_letter() {
        let (a, b) = lists();
        let needs = vec!["Pemeliharaan".to_owned()];
        let rules = FormRules {
            id_types: &a,
            purposes: &b,
            letter_required_for: &needs,
        };
        let d = good_draft();
        assert_eq!(
            d.check(FormField::LetterNumber, &rules),
            Some(FieldError::LetterRequired)
        );
        assert_eq!(
            d.validate(&rules).unwrap_err(),
            vec![(FormField::LetterNumber, FieldError::LetterRequired)]
        );
        // Another purpose: optional, and none typed is none kept.
        let mut audit = d.clone();
        audit.purpose = "Audit".into();
        assert_eq!(audit.validate(&rules).unwrap().letter, None);
        // Typed: kept, normalised, and back in the draft as typed on screen.
        let mut with = d.clone();
        with.letter_number = " 090/12/ST/2026 ".into();
        with.letter_date = "1/12/2026".into();
        with.letter_issuer = "PT Telkom Indonesia".into();
        let form = with.validate(&rules).unwrap();
        let letter = form.letter.as_ref().unwrap();
        assert_eq!(letter.number.as_str(), "090/12/ST/2026");
        assert_eq!(
            letter.date,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        let back = form.to_draft();
        assert_eq!(
            (back.letter_number.as_str(), back.letter_date.as_str()),
            ("090/12/ST/2026", "01-12-2026")
        );
        // Half a letter is no letter: the date is missing.
        let mut half = d;
        half.letter_number = "090/12/ST/2026".into();
        assert!(
            half.validate(&rules)
                .unwrap_err()
                .contains(&(FormField::LetterDate, FieldError::Required))
        );
    }

    #[test]
    fn focus_cycles() {
        assert_eq!(FormField::FullName.prev(), FormField::IdHeld);
        assert_eq!(FormField::IdHeld.next(), FormField::FullName);
        let mut f = FormField::FullName;
        for _ in 0..FormField::ALL.len() {
            f = f.next();
        }
        assert_eq!(f, FormField::FullName);
    }
}
