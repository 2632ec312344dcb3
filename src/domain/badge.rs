//! The number of a visitor's badge ("tanda pengenal pengunjung"): one of
//! the configured pool, typed back at check-out, listed as out or lost.

use std::fmt;

use super::fields::{FieldError, is_dropped};

/// A badge number as printed on the badge ("V-01"): control and format
/// characters dropped, trimmed, not empty, at most [`BadgeNo::MAX`]
/// characters. Compared as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BadgeNo(String);

impl BadgeNo {
    /// The most characters of a badge number.
    pub const MAX: usize = 20;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for BadgeNo {
    type Error = FieldError;

    fn try_from(raw: &str) -> Result<BadgeNo, FieldError> {
        let kept: String = raw.chars().filter(|c| !is_dropped(*c)).collect();
        let s = kept.trim();
        let found = s.chars().count();
        if found == 0 {
            return Err(FieldError::Required);
        }
        if found > BadgeNo::MAX {
            return Err(FieldError::TooLong {
                max: BadgeNo::MAX,
                found,
            });
        }
        Ok(BadgeNo(s.to_owned()))
    }
}

impl TryFrom<String> for BadgeNo {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<BadgeNo, FieldError> {
        BadgeNo::try_from(raw.as_str())
    }
}

impl fmt::Display for BadgeNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Read as the text it is (a badge number is shown and compared as
/// written).
impl std::ops::Deref for BadgeNo {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for BadgeNo {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for BadgeNo {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for BadgeNo {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_badge_number_is_trimmed_clean_and_short() {
        assert_eq!(BadgeNo::try_from(" V-01 ").unwrap().as_str(), "V-01");
        assert_eq!(BadgeNo::try_from("V-\u{200B}01").unwrap(), "V-01");
        assert_eq!(BadgeNo::try_from("  "), Err(FieldError::Required));
        assert_eq!(
            BadgeNo::try_from("V".repeat(21).as_str()),
            Err(FieldError::TooLong { max: 20, found: 21 })
        );
        assert_eq!(BadgeNo::try_from("V-01").unwrap().to_string(), "V-01");
    }
}
