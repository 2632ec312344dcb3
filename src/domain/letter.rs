//! The assignment letter (surat tugas / SPK) a visitor brings: its number,
//! date and issuing organisation, typed at step 2. Some purposes require one
//! (`visit.letter_required_for` in the config); for the others it is
//! optional, but once any of its three fields is typed all three are needed.

use chrono::NaiveDate;

use super::fields::{FieldError, FreeText};
use super::watchlist::parse_day;

/// Longest letter number, in characters (as a planned visit's).
pub const MAX_LETTER_NUMBER: usize = super::plan::MAX_LETTER;
/// Longest issuing organisation, in characters.
pub const MAX_LETTER_ISSUER: usize = super::visit::MAX_ORGANISATION;

/// A letter whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentLetter {
    pub number: FreeText,
    pub date: NaiveDate,
    pub issuer: FreeText,
}

/// The letter's three fields as typed.
#[derive(Debug, Clone, Copy)]
pub struct LetterText<'a> {
    pub number: &'a str,
    pub date: &'a str,
    pub issuer: &'a str,
}

/// Which of the letter's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterPart {
    Number,
    Date,
    Issuer,
}

impl LetterText<'_> {
    /// The letter on one line, its date as `date` shows it: the fields
    /// typed, joined by `sep`.
    pub fn joined(&self, date: &str, sep: &str) -> String {
        [self.number, date, self.issuer]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn is_blank(&self) -> bool {
        [self.number, self.date, self.issuer]
            .iter()
            .all(|s| s.trim().is_empty())
    }

    /// The problem with one of the letter's fields, if any; `required`:
    /// the visit's purpose needs a letter.
    pub fn check(&self, part: LetterPart, required: bool) -> Option<FieldError> {
        if self.is_blank() {
            // Said once, on the number: the first of the three.
            return (required && part == LetterPart::Number).then_some(FieldError::LetterRequired);
        }
        match part {
            LetterPart::Number => FreeText::parse(self.number, MAX_LETTER_NUMBER, true).err(),
            LetterPart::Date if self.date.trim().is_empty() => Some(FieldError::Required),
            LetterPart::Date => parse_day(self.date)
                .is_none()
                .then_some(FieldError::NotADate),
            LetterPart::Issuer => FreeText::parse(self.issuer, MAX_LETTER_ISSUER, true).err(),
        }
    }

    /// The letter, none if all three fields are empty and none is required.
    pub fn parse(&self, required: bool) -> Result<Option<AssignmentLetter>, FieldError> {
        for part in [LetterPart::Number, LetterPart::Date, LetterPart::Issuer] {
            if let Some(e) = self.check(part, required) {
                return Err(e);
            }
        }
        if self.is_blank() {
            return Ok(None);
        }
        Ok(Some(AssignmentLetter {
            number: FreeText::parse(self.number, MAX_LETTER_NUMBER, true)?,
            date: parse_day(self.date).ok_or(FieldError::NotADate)?,
            issuer: FreeText::parse(self.issuer, MAX_LETTER_ISSUER, true)?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<'a>(number: &'a str, date: &'a str, issuer: &'a str) -> LetterText<'a> {
        LetterText {
            number,
            date,
            issuer,
        }
    }

    #[test]
    fn an_empty_letter_is_none_unless_the_purpose_needs_one() {
        assert_eq!(text("", " ", "").parse(false), Ok(None));
        assert_eq!(
            text("", "", "").parse(true),
            Err(FieldError::LetterRequired)
        );
        assert_eq!(
            text("", "", "").check(LetterPart::Date, true),
            None,
            "the missing letter is said once, on its number"
        );
    }

    #[test]
    fn a_letter_begun_needs_all_three_fields() {
        let t = text("090/1/ST/2026", "", "");
        assert_eq!(t.check(LetterPart::Date, false), Some(FieldError::Required));
        assert_eq!(
            t.check(LetterPart::Issuer, false),
            Some(FieldError::Required)
        );
        assert_eq!(t.check(LetterPart::Number, false), None);
    }

    #[test]
    fn the_date_is_typed_as_shown() {
        let t = text("090/1/ST/2026", "28-11-2026", "PT Telkom Indonesia");
        let letter = t.parse(true).unwrap().unwrap();
        assert_eq!(letter.date, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        assert_eq!(letter.number.as_str(), "090/1/ST/2026");
        assert_eq!(letter.issuer.as_str(), "PT Telkom Indonesia");
        let bad = text("090/1/ST/2026", "31-02-2026", "PT Telkom Indonesia");
        assert_eq!(
            bad.check(LetterPart::Date, false),
            Some(FieldError::NotADate)
        );
        assert_eq!(bad.parse(false), Err(FieldError::NotADate));
    }

    #[test]
    fn fields_have_limits() {
        let long = "x".repeat(MAX_LETTER_NUMBER + 1);
        assert!(matches!(
            text(&long, "28-11-2026", "PT A").check(LetterPart::Number, false),
            Some(FieldError::TooLong { .. })
        ));
    }
}
