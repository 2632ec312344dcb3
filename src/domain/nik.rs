//! The Indonesian NIK (Nomor Induk Kependudukan), the 16-digit number on a
//! KTP. Parsed once at the edge; a [`Nik`] is always well formed.
//!
//! Layout (digit positions 1-based):
//!
//! | digits | meaning                                            |
//! |--------|----------------------------------------------------|
//! | 1–2    | province code (a known one, see [`is_known_province`]) |
//! | 3–4    | regency / city, not `00`                           |
//! | 5–6    | district, not `00`                                 |
//! | 7–8    | day of birth `01`–`31`; women add 40 (`41`–`71`)   |
//! | 9–10   | month of birth `01`–`12`                           |
//! | 11–12  | year of birth, two digits                          |
//! | 13–16  | serial, not `0000`                                 |
//!
//! The century of the year is not in the number. A day/month is accepted when
//! it is a real date under *either* reading, `19yy` or `20yy`; in practice this
//! means 29 February is accepted exactly when `yy` is divisible by 4 (`00` read
//! as the leap year 2000).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// Number of digits in a NIK.
pub const NIK_LEN: usize = 16;

/// Why a typed NIK is not well formed. The messages are English, for logs;
/// the UI words them through its language catalog.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    /// Not exactly 16 digits (after dropping spaces, dots and dashes).
    #[error("a NIK has 16 digits, found {found}")]
    Length { found: usize },
    /// A character other than a digit, space, dot or dash.
    #[error("a NIK has only digits, found {ch:?}")]
    InvalidChar { ch: char },
    /// Digits 1–2 are not a known province code.
    #[error("unknown province code {code:02}")]
    UnknownProvince { code: u8 },
    /// Digits 3–4 are `00`.
    #[error("regency code 00 is not valid")]
    ZeroRegency,
    /// Digits 5–6 are `00`.
    #[error("district code 00 is not valid")]
    ZeroDistrict,
    /// Digits 7–8 are neither `01`–`31` nor `41`–`71`.
    #[error("day of birth {day:02} is not 01-31 (or 41-71 for women)")]
    BadDay { day: u8 },
    /// Digits 9–10 are not `01`–`12`.
    #[error("month of birth {month:02} is not 01-12")]
    BadMonth { month: u8 },
    /// Day and month are in range but not a real date (e.g. 31-02, or 29-02
    /// in a year not divisible by 4). `day` is already without the +40.
    #[error("date of birth {day:02}-{month:02}-{year:02} does not exist")]
    NoSuchDate { day: u8, month: u8, year: u8 },
    /// Digits 13–16 are `0000`.
    #[error("serial number 0000 is not valid")]
    ZeroSerial,
}

/// A well-formed NIK: exactly 16 ASCII digits that pass every rule above.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nik(String);

/// Whether `code` is one of the province codes in use:
/// 11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–96.
pub fn is_known_province(code: u8) -> bool {
    matches!(
        code,
        11..=19 | 21 | 31..=36 | 51..=53 | 61..=65 | 71..=76 | 81 | 82 | 91..=96
    )
}

/// The two-digit number at `bytes[i..i + 2]`; the caller has checked digits.
fn two(bytes: &[u8], i: usize) -> u8 {
    (bytes[i] - b'0') * 10 + (bytes[i + 1] - b'0')
}

/// Whether `day`-`month` is a real date in `19yy` or in `20yy`.
fn real_date(day: u8, month: u8, yy: u8) -> bool {
    let (d, m) = (u32::from(day), u32::from(month));
    [1900, 2000]
        .into_iter()
        .any(|century| NaiveDate::from_ymd_opt(century + i32::from(yy), m, d).is_some())
}

impl Nik {
    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The province code, digits 1–2 (e.g. 32 for Jawa Barat).
    pub fn province_code(&self) -> u8 {
        two(self.0.as_bytes(), 0)
    }

    /// Whether the day of birth carries the +40 used for women.
    pub fn is_female(&self) -> bool {
        two(self.0.as_bytes(), 6) > 40
    }

    /// Day and month of birth, the day without the +40 for women.
    pub fn birth_day_month(&self) -> (u8, u8) {
        let bytes = self.0.as_bytes();
        let day = two(bytes, 6);
        let day = if day > 40 { day - 40 } else { day };
        (day, two(bytes, 8))
    }

    /// The two-digit year of birth (the century is not recorded).
    pub fn birth_year_yy(&self) -> u8 {
        two(self.0.as_bytes(), 10)
    }

    /// For lists (UU 27/2022): first 4 and last 2 digits, the rest `*`,
    /// e.g. `3201**********01`.
    pub fn masked(&self) -> String {
        format!(
            "{}{}{}",
            &self.0[..4],
            "*".repeat(NIK_LEN - 6),
            &self.0[NIK_LEN - 2..]
        )
    }
}

impl TryFrom<&str> for Nik {
    type Error = NikError;

    /// Spaces, dots and dashes the user typed are dropped; any other
    /// non-digit is an error.
    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let mut digits = String::with_capacity(NIK_LEN);
        for ch in raw.chars() {
            match ch {
                '0'..='9' => digits.push(ch),
                ' ' | '.' | '-' => {}
                _ => return Err(NikError::InvalidChar { ch }),
            }
        }
        if digits.len() != NIK_LEN {
            return Err(NikError::Length {
                found: digits.len(),
            });
        }
        let b = digits.as_bytes();

        let province = two(b, 0);
        if !is_known_province(province) {
            return Err(NikError::UnknownProvince { code: province });
        }
        if two(b, 2) == 0 {
            return Err(NikError::ZeroRegency);
        }
        if two(b, 4) == 0 {
            return Err(NikError::ZeroDistrict);
        }
        let raw_day = two(b, 6);
        let day = match raw_day {
            1..=31 => raw_day,
            41..=71 => raw_day - 40,
            _ => return Err(NikError::BadDay { day: raw_day }),
        };
        let month = two(b, 8);
        if !(1..=12).contains(&month) {
            return Err(NikError::BadMonth { month });
        }
        let year = two(b, 10);
        if !real_date(day, month, year) {
            return Err(NikError::NoSuchDate { day, month, year });
        }
        if &digits[12..] == "0000" {
            return Err(NikError::ZeroSerial);
        }
        Ok(Nik(digits))
    }
}

impl FromStr for Nik {
    type Err = NikError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Nik::try_from(s)
    }
}

impl fmt::Display for Nik {
    /// The whole number; use [`Nik::masked`] in lists.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Nik {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a NIK from its parts: province, regency, district, day (raw,
    /// with +40 for women), month, yy, serial.
    fn nik(p: u8, r: u8, d: u8, day: u8, m: u8, yy: u8, serial: u16) -> String {
        format!("{p:02}{r:02}{d:02}{day:02}{m:02}{yy:02}{serial:04}")
    }

    fn err(s: &str) -> NikError {
        Nik::try_from(s).expect_err(s)
    }

    #[test]
    fn valid_male() {
        let n = Nik::try_from("3201011708450001").unwrap();
        assert_eq!(n.as_str(), "3201011708450001");
        assert_eq!(n.province_code(), 32);
        assert!(!n.is_female());
        assert_eq!(n.birth_day_month(), (17, 8));
        assert_eq!(n.birth_year_yy(), 45);
        assert_eq!(n.masked(), "3201**********01");
        assert_eq!(n.to_string(), "3201011708450001");
    }

    #[test]
    fn valid_female_day_plus_40() {
        let n: Nik = "1603054512900123".parse().unwrap();
        assert!(n.is_female());
        assert_eq!(n.birth_day_month(), (5, 12));
        assert_eq!(n.province_code(), 16);
        assert_eq!(n.masked(), "1603**********23");
        // 71 = the 31st, for a woman.
        let n = Nik::try_from(nik(32, 1, 1, 71, 1, 99, 1).as_str()).unwrap();
        assert!(n.is_female());
        assert_eq!(n.birth_day_month(), (31, 1));
        // 41 = the 1st.
        let n = Nik::try_from(nik(32, 1, 1, 41, 1, 99, 1).as_str()).unwrap();
        assert_eq!(n.birth_day_month(), (1, 1));
    }

    #[test]
    fn separators_typed_by_the_user_are_dropped() {
        for s in [
            "3201 0117 0845 0001",
            "32.01.01.170845.0001",
            "3201-0117-0845-0001",
            " 3201011708450001 ",
        ] {
            assert_eq!(
                Nik::try_from(s).unwrap().as_str(),
                "3201011708450001",
                "{s}"
            );
        }
    }

    #[test]
    fn every_known_province_is_accepted() {
        let known: Vec<u8> = (11..=19)
            .chain([21])
            .chain(31..=36)
            .chain(51..=53)
            .chain(61..=65)
            .chain(71..=76)
            .chain(81..=82)
            .chain(91..=96)
            .collect();
        for p in 0..=99 {
            assert_eq!(is_known_province(p), known.contains(&p), "{p}");
            let s = nik(p, 1, 1, 1, 1, 80, 1);
            if known.contains(&p) {
                assert!(Nik::try_from(s.as_str()).is_ok(), "{s}");
            } else {
                assert_eq!(err(&s), NikError::UnknownProvince { code: p });
            }
        }
    }

    #[test]
    fn length() {
        assert_eq!(err(""), NikError::Length { found: 0 });
        assert_eq!(err("320101170845001"), NikError::Length { found: 15 });
        assert_eq!(err("32010117084500011"), NikError::Length { found: 17 });
        assert_eq!(err(" - . "), NikError::Length { found: 0 });
    }

    #[test]
    fn non_digit() {
        assert_eq!(err("320101170845000A"), NikError::InvalidChar { ch: 'A' });
        assert_eq!(err("3201/01170845001"), NikError::InvalidChar { ch: '/' });
        assert_eq!(
            err("3201\t011708450001"),
            NikError::InvalidChar { ch: '\t' }
        );
        // Non-ASCII digits (Arabic-Indic three) are not digits here.
        assert_eq!(
            err("\u{663}201011708450001"),
            NikError::InvalidChar { ch: '\u{663}' }
        );
        // Full-width one.
        assert_eq!(
            err("\u{ff11}201011708450001"),
            NikError::InvalidChar { ch: '\u{ff11}' }
        );
    }

    #[test]
    fn bad_provinces() {
        for p in [
            0, 10, 20, 22, 30, 37, 50, 54, 60, 66, 70, 77, 80, 83, 90, 97, 99,
        ] {
            assert_eq!(
                err(&nik(p, 1, 1, 1, 1, 80, 1)),
                NikError::UnknownProvince { code: p }
            );
        }
    }

    #[test]
    fn regency_and_district_not_zero() {
        assert_eq!(err(&nik(32, 0, 1, 1, 1, 80, 1)), NikError::ZeroRegency);
        assert_eq!(err(&nik(32, 1, 0, 1, 1, 80, 1)), NikError::ZeroDistrict);
    }

    #[test]
    fn bad_days() {
        for day in [0, 32, 35, 40, 72, 80, 99] {
            assert_eq!(err(&nik(32, 1, 1, day, 1, 80, 1)), NikError::BadDay { day });
        }
    }

    #[test]
    fn bad_months() {
        for month in [0, 13, 99] {
            assert_eq!(
                err(&nik(32, 1, 1, 1, month, 80, 1)),
                NikError::BadMonth { month }
            );
        }
    }

    #[test]
    fn dates_that_do_not_exist() {
        assert_eq!(
            err(&nik(32, 1, 1, 31, 2, 80, 1)),
            NikError::NoSuchDate {
                day: 31,
                month: 2,
                year: 80
            }
        );
        // Same for a woman: the day is reported without the +40.
        assert_eq!(
            err(&nik(32, 1, 1, 71, 4, 80, 1)),
            NikError::NoSuchDate {
                day: 31,
                month: 4,
                year: 80
            }
        );
        assert_eq!(
            err(&nik(32, 1, 1, 30, 2, 80, 1)),
            NikError::NoSuchDate {
                day: 30,
                month: 2,
                year: 80
            }
        );
    }

    #[test]
    fn leap_days() {
        // 29-02 in a year not divisible by 4.
        assert_eq!(
            err(&nik(32, 1, 1, 29, 2, 81, 1)),
            NikError::NoSuchDate {
                day: 29,
                month: 2,
                year: 81
            }
        );
        assert_eq!(
            err(&nik(32, 1, 1, 69, 2, 1, 1)),
            NikError::NoSuchDate {
                day: 29,
                month: 2,
                year: 1
            }
        );
        // Divisible by 4: fine; 00 as 2000 is a leap year (1900 was not).
        for yy in [0, 4, 80, 96] {
            assert!(
                Nik::try_from(nik(32, 1, 1, 29, 2, yy, 1).as_str()).is_ok(),
                "{yy}"
            );
            assert!(
                Nik::try_from(nik(32, 1, 1, 69, 2, yy, 1).as_str()).is_ok(),
                "{yy}"
            );
        }
    }

    #[test]
    fn serial_not_zero() {
        assert_eq!(err(&nik(32, 1, 1, 1, 1, 80, 0)), NikError::ZeroSerial);
        assert!(Nik::try_from(nik(32, 1, 1, 1, 1, 80, 9999).as_str()).is_ok());
    }

    #[test]
    fn error_messages_for_logs() {
        assert_eq!(
            NikError::Length { found: 15 }.to_string(),
            "a NIK has 16 digits, found 15"
        );
        assert_eq!(
            NikError::NoSuchDate {
                day: 31,
                month: 2,
                year: 80
            }
            .to_string(),
            "date of birth 31-02-80 does not exist"
        );
    }
}
