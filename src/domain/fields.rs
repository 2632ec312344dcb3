//! Typed form values, parsed once at the edge ("parse, don't validate"): the
//! rest of the program only ever holds valid ones.
//!
//! Every parser first drops control characters and trims (see [`sanitize`]);
//! an empty result is [`FieldError::Required`]. Lengths are bounded by an
//! error, never by silent truncation. Messages for people come from
//! `text::field_errors`; the `#[error]` strings here are English, for logs.
//!
//! The PIN rules are in [`super::pin`]; [`Pin`] and [`PIN_LEN`] are
//! re-exported here, a PIN being typed in forms like the other fields.

use std::fmt;

use chrono::NaiveDate;

use super::nik::{Nik, NikError};
pub use super::pin::{PIN_LEN, Pin};

/// Longest [`PersonName`], in characters.
pub const NAME_MAX_CHARS: usize = 80;
/// Allowed [`Phone`] digit counts.
pub const PHONE_DIGITS: (usize, usize) = (8, 15);
/// Allowed length of a non-KTP [`IdNumber`].
pub const ID_NUMBER_LEN: (usize, usize) = (4, 30);
/// Allowed [`DurationMinutes`].
pub const DURATION_MINUTES: (u16, u16) = (1, 480);
/// Birth years accepted in a [`Nip`].
pub const NIP_BIRTH_YEARS: (u16, u16) = (1940, 2015);

/// Why a form value is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// Empty (after dropping control characters and trimming).
    #[error("required")]
    Required,
    /// Longer than `max` characters.
    #[error("too long: {found} characters, at most {max}")]
    TooLong { max: usize, found: usize },
    /// A name without any letter.
    #[error("a name needs at least one letter")]
    NameNoLetter,
    /// A character this field does not take.
    #[error("character {ch:?} not allowed here")]
    InvalidChar { ch: char },
    /// A KTP number that is not a well-formed NIK.
    #[error("NIK: {0}")]
    Nik(#[from] NikError),
    /// A NIP without exactly 18 digits.
    #[error("a NIP has 18 digits, found {found}")]
    NipLength { found: usize },
    /// NIP digits 1–8 are not a real date.
    #[error("NIP birth date {year:04}-{month:02}-{day:02} does not exist")]
    NipBirthDate { year: u16, month: u8, day: u8 },
    /// NIP birth year outside `min..=max`.
    #[error("NIP birth year {year} not in {min}-{max}")]
    NipBirthYear { year: u16, min: u16, max: u16 },
    /// NIP digits 13–14 (appointment month) not `01`–`12`.
    #[error("NIP appointment month {month:02} is not 01-12")]
    NipAppointmentMonth { month: u8 },
    /// NIP digit 15 is neither 1 nor 2.
    #[error("NIP sex digit {digit} is not 1 or 2")]
    NipSex { digit: u8 },
    /// NIP digits 16–18 are `000`.
    #[error("NIP serial 000 is not valid")]
    NipSerial,
    /// A phone number with too few or too many digits.
    #[error("a phone number has {min}-{max} digits, found {found}")]
    PhoneLength {
        found: usize,
        min: usize,
        max: usize,
    },
    /// A non-KTP ID number with too few or too many characters.
    #[error("an ID number has {min}-{max} characters, found {found}")]
    IdNumberLength {
        found: usize,
        min: usize,
        max: usize,
    },
    /// Not a whole number (minutes).
    #[error("not a whole number")]
    NotANumber,
    /// A duration outside `min..=max` minutes.
    #[error("duration must be {min}-{max} minutes")]
    DurationRange { min: u16, max: u16 },
    /// A PIN with a character that is not a digit (which one is not said).
    #[error("a PIN has only digits")]
    PinNotDigits,
    /// A PIN shorter than `min` or longer than `max` digits.
    #[error("a PIN has {min}-{max} digits")]
    PinLength { min: usize, max: usize },
    /// A PIN that is too easy to guess.
    #[error("PIN too easy to guess")]
    PinTrivial,
    /// A PIN whose digits go up or down by a constant step (`246810`,
    /// `890123`), perhaps with one digit added at an end (`135790`).
    #[error("PIN is a sequence")]
    PinSequence,
    /// A PIN made of one short group repeated (`121212`, `123123`).
    #[error("PIN repeats a group of digits")]
    PinRepeats,
    /// A PIN that contains six digits in a row of the account's own NIP
    /// (its date of birth, its appointment date).
    #[error("PIN taken from the NIP")]
    PinFromNip,
    /// The two PIN entries differ.
    #[error("the two PINs differ")]
    PinMismatch,
    /// A value that must be picked from the configured list.
    #[error("not one of the configured choices")]
    NotInList,
    /// The operator has not confirmed holding the ID document.
    #[error("the ID document must be held")]
    IdNotHeld,
    /// Not a date (typed as shown: `28-11-2026`).
    #[error("not a date")]
    NotADate,
    /// The purpose needs an assignment letter and none was typed.
    #[error("this purpose needs an assignment letter")]
    LetterRequired,
}

/// Whether `ch` is dropped from typed and pasted input and from every
/// parsed field: C0 controls (incl. `\t`, `\r`, `\n`, ESC), DEL, C1
/// controls, line and paragraph separators, and the format characters
/// (Unicode category Cf): zero-width spaces and joiners, bidi marks,
/// embeddings, overrides and isolates, the BOM, soft hyphen, invisible
/// operators, tags. They show nothing or reorder what is shown, so a name
/// that carries one reads differently from what is stored.
pub fn is_dropped(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{00AD}'
                | '\u{0600}'..='\u{0605}'
                | '\u{061C}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08E2}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0001}'
                | '\u{E0020}'..='\u{E007F}'
        )
}

/// Drops control characters (see above), trims surrounding whitespace and
/// keeps at most `max_chars` characters. Nothing else changes: inner spaces
/// stay as typed and any Unicode letter is kept.
///
/// The UI uses this on input to keep a field bounded; the parsers never
/// truncate, they report [`FieldError::TooLong`] instead.
pub fn sanitize(s: &str, max_chars: usize) -> String {
    let cleaned = clean(s);
    if cleaned.chars().count() <= max_chars {
        return cleaned;
    }
    cleaned
        .chars()
        .take(max_chars)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// Control characters dropped and trimmed, never truncated.
fn clean(s: &str) -> String {
    let kept: String = s.chars().filter(|&c| !is_dropped(c)).collect();
    kept.trim().to_owned()
}

/// [`clean`], then `Required` when nothing is left.
pub(super) fn required(raw: &str) -> Result<String, FieldError> {
    let s = clean(raw);
    if s.is_empty() {
        Err(FieldError::Required)
    } else {
        Ok(s)
    }
}

/// `TooLong` when `s` has more than `max` characters.
fn bounded(s: String, max: usize) -> Result<String, FieldError> {
    let found = s.chars().count();
    if found > max {
        Err(FieldError::TooLong { max, found })
    } else {
        Ok(s)
    }
}

/// The two- or four-digit number in ASCII digit bytes.
fn number(digits: &[u8]) -> u16 {
    digits.iter().fold(0, |n, &b| n * 10 + u16::from(b - b'0'))
}

macro_rules! str_newtype {
    ($t:ty) => {
        impl $t {
            /// The value as stored.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

// ---------------------------------------------------------------- PersonName

/// A visitor's or staff member's name: 1–80 characters, at least one letter,
/// any script ("Zoë Ñuñez", "Nguyễn", "O'Brien").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName(String);
str_newtype!(PersonName);

impl TryFrom<&str> for PersonName {
    type Error = FieldError;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let s = bounded(required(raw)?, NAME_MAX_CHARS)?;
        if !s.chars().any(char::is_alphabetic) {
            return Err(FieldError::NameNoLetter);
        }
        Ok(PersonName(s))
    }
}

// ----------------------------------------------------------------------- Nip

/// An Indonesian civil-servant number (NIP), 18 digits:
/// birth date `YYYYMMDD` (1940–2015), appointment `YYYYMM`, sex (1 man,
/// 2 woman), serial (not `000`). Spaces typed are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nip(String);
str_newtype!(Nip);

impl Nip {
    /// Digits 1–8.
    pub fn birth_date(&self) -> NaiveDate {
        let b = self.0.as_bytes();
        NaiveDate::from_ymd_opt(
            i32::from(number(&b[0..4])),
            u32::from(number(&b[4..6])),
            u32::from(number(&b[6..8])),
        )
        .unwrap_or_default() // unreachable: checked when parsed
    }

    /// Digits 9–14 as (year, month).
    pub fn appointment(&self) -> (u16, u8) {
        let b = self.0.as_bytes();
        let month = u8::try_from(number(&b[12..14])).unwrap_or_default();
        (number(&b[8..12]), month)
    }

    /// Digit 15 is 2.
    pub fn is_female(&self) -> bool {
        self.0.as_bytes()[14] == b'2'
    }
}

impl TryFrom<&str> for Nip {
    type Error = FieldError;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let s = required(raw)?;
        let mut digits = String::with_capacity(18);
        for ch in s.chars() {
            match ch {
                '0'..='9' => digits.push(ch),
                ' ' => {}
                _ => return Err(FieldError::InvalidChar { ch }),
            }
        }
        if digits.len() != 18 {
            return Err(FieldError::NipLength {
                found: digits.len(),
            });
        }
        let b = digits.as_bytes();

        let year = number(&b[0..4]);
        let (min, max) = NIP_BIRTH_YEARS;
        if !(min..=max).contains(&year) {
            return Err(FieldError::NipBirthYear { year, min, max });
        }
        let month = number(&b[4..6]);
        let day = number(&b[6..8]);
        let real = NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day));
        if real.is_none() {
            return Err(FieldError::NipBirthDate {
                year,
                month: u8::try_from(month).unwrap_or(u8::MAX),
                day: u8::try_from(day).unwrap_or(u8::MAX),
            });
        }
        let appointment_month = number(&b[12..14]);
        if !(1..=12).contains(&appointment_month) {
            return Err(FieldError::NipAppointmentMonth {
                month: u8::try_from(appointment_month).unwrap_or(u8::MAX),
            });
        }
        let sex = b[14] - b'0';
        if sex != 1 && sex != 2 {
            return Err(FieldError::NipSex { digit: sex });
        }
        if &digits[15..] == "000" {
            return Err(FieldError::NipSerial);
        }
        Ok(Nip(digits))
    }
}

// --------------------------------------------------------------------- Phone

/// A phone number: 8–15 digits, optionally with a leading `+`; spaces and
/// dashes typed are dropped. Stored as `+62812…` or `0812…`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);
str_newtype!(Phone);

impl TryFrom<&str> for Phone {
    type Error = FieldError;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let s = required(raw)?;
        let mut out = String::with_capacity(16);
        let mut digits = 0;
        for (i, ch) in s.chars().enumerate() {
            match ch {
                '0'..='9' => {
                    out.push(ch);
                    digits += 1;
                }
                '+' if i == 0 => out.push(ch),
                ' ' | '-' => {}
                _ => return Err(FieldError::InvalidChar { ch }),
            }
        }
        let (min, max) = PHONE_DIGITS;
        if !(min..=max).contains(&digits) {
            return Err(FieldError::PhoneLength {
                found: digits,
                min,
                max,
            });
        }
        Ok(Phone(out))
    }
}

// ------------------------------------------------------------------ IdNumber

/// The number of the ID document held at the door. For a KTP it is a valid
/// [`Nik`] (16 digits); for any other type 4–30 ASCII letters and digits,
/// uppercased. Made by [`parse_id_number`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);
str_newtype!(IdNumber);

/// Parses `raw` as the number of an ID document of type `id_type` (from the
/// config, e.g. "KTP", "SIM", "Paspor"). "KTP" (any case) must be a NIK.
pub fn parse_id_number(id_type: &str, raw: &str) -> Result<IdNumber, FieldError> {
    let s = required(raw)?;
    if id_type.trim().eq_ignore_ascii_case("KTP") {
        let nik = Nik::try_from(s.as_str())?;
        return Ok(IdNumber(nik.as_str().to_owned()));
    }
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_uppercase()),
            ' ' | '-' => {}
            _ => return Err(FieldError::InvalidChar { ch }),
        }
    }
    let (min, max) = ID_NUMBER_LEN;
    if !(min..=max).contains(&out.len()) {
        return Err(FieldError::IdNumberLength {
            found: out.len(),
            min,
            max,
        });
    }
    Ok(IdNumber(out))
}

impl IdNumber {
    /// Same as [`parse_id_number`].
    pub fn parse(id_type: &str, raw: &str) -> Result<Self, FieldError> {
        parse_id_number(id_type, raw)
    }

    /// For lists (UU 27/2022): the first 4 and last 2 characters shown, the
    /// rest `*` (`3201**********01`). Numbers shorter than 8 show only their
    /// first and last character (`A****Z`), so something is always hidden.
    pub fn masked(&self) -> String {
        let n = self.0.len(); // ASCII only
        let (head, tail) = if n >= 8 { (4, 2) } else { (1, 1) };
        format!(
            "{}{}{}",
            &self.0[..head],
            "*".repeat(n - head - tail),
            &self.0[n - tail..]
        )
    }
}

// ------------------------------------------------------------------ FreeText

/// Free text (purpose, equipment, reject reason, …) with a caller-chosen
/// bound; may be empty when not required.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FreeText(String);
str_newtype!(FreeText);

impl FreeText {
    /// Drops control characters and trims; then `Required` if empty and
    /// `required`, `TooLong` if over `max_chars` characters.
    pub fn parse(raw: &str, max_chars: usize, required: bool) -> Result<Self, FieldError> {
        let s = clean(raw);
        if s.is_empty() {
            return if required {
                Err(FieldError::Required)
            } else {
                Ok(FreeText(s))
            };
        }
        Ok(FreeText(bounded(s, max_chars)?))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

// ----------------------------------------------------------- DurationMinutes

/// A planned visit duration in whole minutes, 1–480.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DurationMinutes(u16);

impl DurationMinutes {
    /// The form's default, 60 minutes.
    pub const DEFAULT: DurationMinutes = DurationMinutes(60);

    /// `minutes` if in 1–480.
    pub fn new(minutes: u16) -> Result<Self, FieldError> {
        let (min, max) = DURATION_MINUTES;
        if (min..=max).contains(&minutes) {
            Ok(DurationMinutes(minutes))
        } else {
            Err(FieldError::DurationRange { min, max })
        }
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

impl Default for DurationMinutes {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<&str> for DurationMinutes {
    type Error = FieldError;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let s = required(raw)?;
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::NotANumber);
        }
        // Too many digits for a u16 is simply out of range.
        let minutes = s.parse::<u16>().unwrap_or(u16::MAX);
        DurationMinutes::new(minutes)
    }
}

impl fmt::Display for DurationMinutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ---------------------------------------------------------------- sanitize

    #[test]
    fn sanitize_drops_control_characters() {
        assert_eq!(sanitize("  Budi\tSantoso\r\n", 80), "BudiSantoso");
        assert_eq!(sanitize("a\u{1b}[31mb", 80), "a[31mb");
        assert_eq!(sanitize("a\u{7f}b\u{0}c", 80), "abc");
        assert_eq!(sanitize("a\u{85}b\u{9b}c", 80), "abc"); // C1: NEL, CSI
        assert_eq!(sanitize("a\u{202e}b\u{2066}c\u{2028}", 80), "abc"); // bidi, LS
        assert_eq!(sanitize("\n\t \u{1b}", 80), "");
    }

    #[test]
    fn sanitize_keeps_unicode_and_inner_spaces() {
        assert_eq!(sanitize("Zoë  Ñuñez", 80), "Zoë  Ñuñez");
        assert_eq!(sanitize("Nguyễn Văn An", 80), "Nguyễn Văn An");
        assert_eq!(sanitize("山田 太郎", 80), "山田 太郎");
        // Format characters (Cf) are dropped, the zero-width joiner too
        // (issue 8: U+200B..U+200F stripped): names here are Latin script.
        assert_eq!(sanitize("a\u{200d}b\u{200b}c\u{feff}", 80), "abc");
    }

    #[test]
    fn sanitize_bounds_by_characters_not_bytes() {
        assert_eq!(sanitize("ñññññ", 3), "ñññ");
        assert_eq!(sanitize("ab cd", 3), "ab");
        assert_eq!(sanitize("abc", 0), "");
    }

    // -------------------------------------------------------------- PersonName

    #[test]
    fn names_in_any_script() {
        for name in [
            "Zoë Ñuñez",
            "Nguyễn",
            "O'Brien",
            "Siti Nurhaliza binti Ahmad",
            "Budi",
            "Jean-Luc Picard",
            "محمد",
            "김민준",
            "X Æ A-12",
        ] {
            assert_eq!(PersonName::try_from(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn names_are_cleaned() {
        let n = PersonName::try_from("  Ahmad\u{1b}\tDahlan \n").unwrap();
        assert_eq!(n.as_str(), "AhmadDahlan");
        assert_eq!(n.to_string(), "AhmadDahlan");
    }

    #[test]
    fn names_invalid() {
        assert_eq!(PersonName::try_from(""), Err(FieldError::Required));
        assert_eq!(PersonName::try_from("  \t\n "), Err(FieldError::Required));
        assert_eq!(PersonName::try_from("12345"), Err(FieldError::NameNoLetter));
        assert_eq!(PersonName::try_from("- ' ."), Err(FieldError::NameNoLetter));
        let long = "a".repeat(81);
        assert_eq!(
            PersonName::try_from(long.as_str()),
            Err(FieldError::TooLong { max: 80, found: 81 })
        );
        // 80 multi-byte characters are fine.
        let ok = "ñ".repeat(80);
        assert!(PersonName::try_from(ok.as_str()).is_ok());
    }

    // --------------------------------------------------------------------- Nip

    #[test]
    fn nip_valid() {
        let nip = Nip::try_from("19850317 201001 1 002").unwrap();
        assert_eq!(nip.as_str(), "198503172010011002");
        assert_eq!(
            nip.birth_date(),
            NaiveDate::from_ymd_opt(1985, 3, 17).unwrap()
        );
        assert_eq!(nip.appointment(), (2010, 1));
        assert!(!nip.is_female());
        let nip = Nip::try_from("199202292015122001").unwrap();
        assert!(nip.is_female());
        assert!(Nip::try_from("194001012000011001").is_ok());
        assert!(Nip::try_from("201512312020121999").is_ok());
    }

    #[test]
    fn nip_invalid() {
        let e = |s: &str| Nip::try_from(s).expect_err(s);
        assert_eq!(e(""), FieldError::Required);
        assert_eq!(e("19850317201001100"), FieldError::NipLength { found: 17 });
        assert_eq!(
            e("1985031720100110021"),
            FieldError::NipLength { found: 19 }
        );
        assert_eq!(
            e("19850317-201001-1-002"),
            FieldError::InvalidChar { ch: '-' }
        );
        assert_eq!(e("19850317201001100x"), FieldError::InvalidChar { ch: 'x' });
        assert_eq!(
            e("193912312010011002"),
            FieldError::NipBirthYear {
                year: 1939,
                min: 1940,
                max: 2015
            }
        );
        assert_eq!(
            e("201601012010011002"),
            FieldError::NipBirthYear {
                year: 2016,
                min: 1940,
                max: 2015
            }
        );
        assert_eq!(
            e("198502302010011002"),
            FieldError::NipBirthDate {
                year: 1985,
                month: 2,
                day: 30
            }
        );
        assert_eq!(
            e("198302292010011002"),
            FieldError::NipBirthDate {
                year: 1983,
                month: 2,
                day: 29
            }
        );
        assert_eq!(
            e("198513012010011002"),
            FieldError::NipBirthDate {
                year: 1985,
                month: 13,
                day: 1
            }
        );
        assert_eq!(
            e("198501002010011002"),
            FieldError::NipBirthDate {
                year: 1985,
                month: 1,
                day: 0
            }
        );
        assert_eq!(
            e("198503172010001002"),
            FieldError::NipAppointmentMonth { month: 0 }
        );
        assert_eq!(
            e("198503172010131002"),
            FieldError::NipAppointmentMonth { month: 13 }
        );
        assert_eq!(e("198503172010010002"), FieldError::NipSex { digit: 0 });
        assert_eq!(e("198503172010013002"), FieldError::NipSex { digit: 3 });
        assert_eq!(e("198503172010011000"), FieldError::NipSerial);
    }

    // ------------------------------------------------------------------- Phone

    #[test]
    fn phone_valid() {
        for (raw, want) in [
            ("0812-3456-7890", "081234567890"),
            ("+62 812 3456 7890", "+6281234567890"),
            ("07341234", "07341234"),
            ("123456789012345", "123456789012345"),
            (" +62 734-421-000 \n", "+62734421000"),
        ] {
            assert_eq!(Phone::try_from(raw).unwrap().as_str(), want, "{raw}");
        }
    }

    #[test]
    fn phone_invalid() {
        let e = |s: &str| Phone::try_from(s).expect_err(s);
        assert_eq!(e(""), FieldError::Required);
        assert_eq!(
            e("1234567"),
            FieldError::PhoneLength {
                found: 7,
                min: 8,
                max: 15
            }
        );
        assert_eq!(
            e("+1234567890123456"),
            FieldError::PhoneLength {
                found: 16,
                min: 8,
                max: 15
            }
        );
        assert_eq!(
            e("+ - -"),
            FieldError::PhoneLength {
                found: 0,
                min: 8,
                max: 15
            }
        );
        assert_eq!(e("0812+34567890"), FieldError::InvalidChar { ch: '+' });
        assert_eq!(e("++6281234567"), FieldError::InvalidChar { ch: '+' });
        assert_eq!(e("(0734) 421000"), FieldError::InvalidChar { ch: '(' });
        assert_eq!(e("0812.3456.789"), FieldError::InvalidChar { ch: '.' });
        assert_eq!(e("0812abc45678"), FieldError::InvalidChar { ch: 'a' });
    }

    // ---------------------------------------------------------------- IdNumber

    #[test]
    fn id_number_ktp_is_a_nik() {
        let id = parse_id_number("KTP", "3201 0117 0845 0001").unwrap();
        assert_eq!(id.as_str(), "3201011708450001");
        assert_eq!(id.masked(), "3201**********01");
        assert!(parse_id_number("ktp", "3201011708450001").is_ok());
        assert!(IdNumber::parse("Ktp", "3201011708450001").is_ok());
        assert_eq!(
            parse_id_number("KTP", "320101170845001"),
            Err(FieldError::Nik(NikError::Length { found: 15 }))
        );
        assert_eq!(
            parse_id_number("KTP", "3701011708450001"),
            Err(FieldError::Nik(NikError::UnknownProvince { code: 37 }))
        );
        assert_eq!(parse_id_number("KTP", "  "), Err(FieldError::Required));
    }

    #[test]
    fn id_number_other_types() {
        let id = parse_id_number("Paspor", "b 1234-567").unwrap();
        assert_eq!(id.as_str(), "B1234567");
        assert_eq!(id.masked(), "B123**67");
        let id = parse_id_number("SIM", "1234-5678-901234").unwrap();
        assert_eq!(id.as_str(), "12345678901234");
        assert_eq!(id.masked(), "1234********34");
        // A 15-digit number is fine when it is not a KTP.
        assert!(parse_id_number("SIM", "320101170845001").is_ok());
        let short = parse_id_number("Kartu Pegawai", "ab12").unwrap();
        assert_eq!(short.as_str(), "AB12");
        assert_eq!(short.masked(), "A**2");
        assert_eq!(
            parse_id_number("SIM", "ABC1234").unwrap().masked(),
            "A*****4"
        );
        assert!(parse_id_number("SIM", &"9".repeat(30)).is_ok());
    }

    #[test]
    fn id_number_other_types_invalid() {
        let e = |s: &str| parse_id_number("Paspor", s).expect_err(s);
        assert_eq!(e(""), FieldError::Required);
        assert_eq!(
            e("A12"),
            FieldError::IdNumberLength {
                found: 3,
                min: 4,
                max: 30
            }
        );
        assert_eq!(
            e(&"9".repeat(31)),
            FieldError::IdNumberLength {
                found: 31,
                min: 4,
                max: 30
            }
        );
        assert_eq!(e("AB/1234"), FieldError::InvalidChar { ch: '/' });
        assert_eq!(e("ÄB1234"), FieldError::InvalidChar { ch: 'Ä' });
        // Control characters are dropped, not refused.
        assert_eq!(
            parse_id_number("SIM", "AB\t12\u{1b}34").unwrap().as_str(),
            "AB1234"
        );
    }

    // ---------------------------------------------------------------- FreeText

    #[test]
    fn free_text() {
        let t = FreeText::parse("  Ganti UPS\r\nrak 3 ", 100, true).unwrap();
        assert_eq!(t.as_str(), "Ganti UPSrak 3");
        assert_eq!(FreeText::parse(" \n", 100, true), Err(FieldError::Required));
        let empty = FreeText::parse(" \n", 100, false).unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty, FreeText::default());
        assert_eq!(
            FreeText::parse("abcdef", 5, false),
            Err(FieldError::TooLong { max: 5, found: 6 })
        );
        assert_eq!(
            FreeText::parse("laptop, kabel LAN — 2 buah", 26, true)
                .unwrap()
                .as_str(),
            "laptop, kabel LAN — 2 buah"
        );
        assert_eq!(FreeText::parse("ééééé", 5, true).unwrap().as_str(), "ééééé");
    }

    // --------------------------------------------------------- DurationMinutes

    #[test]
    fn duration_valid() {
        assert_eq!(DurationMinutes::try_from("1").unwrap().get(), 1);
        assert_eq!(DurationMinutes::try_from(" 60 ").unwrap().get(), 60);
        assert_eq!(DurationMinutes::try_from("480").unwrap().get(), 480);
        assert_eq!(DurationMinutes::try_from("045").unwrap().get(), 45);
        assert_eq!(DurationMinutes::default().get(), 60);
        assert_eq!(DurationMinutes::new(90).unwrap().to_string(), "90");
    }

    #[test]
    fn duration_invalid() {
        let range = FieldError::DurationRange { min: 1, max: 480 };
        let e = |s: &str| DurationMinutes::try_from(s).expect_err(s);
        assert_eq!(e(""), FieldError::Required);
        assert_eq!(e("0"), range);
        assert_eq!(e("481"), range);
        assert_eq!(e("99999999999999999999"), range);
        assert_eq!(e("-5"), FieldError::NotANumber);
        assert_eq!(e("+5"), FieldError::NotANumber);
        assert_eq!(e("1.5"), FieldError::NotANumber);
        assert_eq!(e("sejam"), FieldError::NotANumber);
        assert_eq!(e("6 0"), FieldError::NotANumber);
        assert_eq!(DurationMinutes::new(0), Err(range));
    }
}
