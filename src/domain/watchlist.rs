//! The watchlist (daftar tangkal): people or organisations the supervisor
//! wants to be warned about at the door.
//!
//! An entry names a NIK, a name, an organisation (at least one), a reason
//! and the last day it is valid. A visitor matches an entry on the exact
//! NIK, or on the name or organisation compared [`normalise`]d (case,
//! spaces, punctuation and diacritics ignored). An entry stops matching at
//! the end of its last day ([`WatchEntry::active`]) or when removed.
//!
//! The rule that follows a match is the state machine's: a visit with a
//! match is approved only by [`super::visit::Command::ApproveWatched`],
//! which names the entries the supervisor was shown and confirmed; the
//! store refuses a plain approval while an entry matches.

use serde::{Deserialize, Serialize};

use super::fields::{FieldError, FreeText, PersonName, parse_id_number};
use super::visit::{FormDraft, Time, UserId};

/// The row id of a watchlist entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WatchId(pub i64);

/// Limits of an entry's texts (characters).
pub const MAX_WATCH_ORG: usize = 100;
pub const MAX_WATCH_REASON: usize = 200;

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchEntry {
    pub id: WatchId,
    /// Empty when the entry names no NIK (or after anonymisation).
    pub nik: String,
    pub name: String,
    pub organisation: String,
    pub reason: String,
    /// The end of the last valid day (exclusive), in UTC.
    pub until: Time,
    pub added_by: UserId,
    pub added_at: Time,
    pub removed: Option<(UserId, Time)>,
}

impl WatchEntry {
    /// Matches at `now`: not removed, not past its last day.
    pub fn active(&self, now: Time) -> bool {
        self.removed.is_none() && now < self.until
    }
}

/// What of the visitor matched an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchOn {
    Nik,
    Name,
    Organisation,
}

/// One entry a visitor matches, and on what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchHit {
    pub entry: WatchId,
    pub on: Vec<MatchOn>,
}

/// Text compared without case, spaces, punctuation or diacritics:
/// "PT. Abal-Abal" and "pt abal abal" are the same; so are "Jose" and
/// "José". Letters and digits of any script stay.
pub fn normalise(s: &str) -> String {
    // ASCII has no decompositions and no combining marks: the same result
    // without the Unicode tables (most names and organisations at the door).
    if s.is_ascii() {
        return s
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    normalise_by_tables(s)
}

/// [`normalise`] through the Unicode tables, for any text.
fn normalise_by_tables(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The NIK as compared: its digits only (spaces, dots and dashes typed
/// between them do not count).
fn nik_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The entries of `list` active at `now` that `form` matches, in list order.
pub fn matches(list: &[WatchEntry], form: &FormDraft, now: Time) -> Vec<WatchHit> {
    let nik = nik_digits(&form.id_number);
    let name = normalise(&form.full_name);
    let org = normalise(&form.organisation);
    list.iter()
        .filter(|e| e.active(now))
        .filter_map(|e| {
            let mut on = Vec::new();
            if !e.nik.is_empty() && nik_digits(&e.nik) == nik {
                on.push(MatchOn::Nik);
            }
            let en = normalise(&e.name);
            if !en.is_empty() && en == name {
                on.push(MatchOn::Name);
            }
            let eo = normalise(&e.organisation);
            if !eo.is_empty() && eo == org {
                on.push(MatchOn::Organisation);
            }
            (!on.is_empty()).then_some(WatchHit { entry: e.id, on })
        })
        .collect()
}

/// The fields of a new entry, in the order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WatchField {
    Nik,
    Name,
    Organisation,
    Reason,
    Until,
}

impl WatchField {
    pub const ALL: [WatchField; 5] = [
        WatchField::Nik,
        WatchField::Name,
        WatchField::Organisation,
        WatchField::Reason,
        WatchField::Until,
    ];
}

/// Why a new entry is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WatchError {
    #[error("{field:?}: {error}")]
    Field {
        field: WatchField,
        error: FieldError,
    },
    /// Neither NIK, name nor organisation: it would match nobody.
    #[error("an entry needs a NIK, a name or an organisation")]
    NothingToMatch,
    /// The last valid day is before today.
    #[error("the last valid day is in the past")]
    InThePast,
    /// Not a date (DD-MM-YYYY or YYYY-MM-DD).
    #[error("not a date")]
    BadDate,
}

/// A new entry, every field valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWatch {
    pub nik: String,
    pub name: String,
    pub organisation: String,
    pub reason: String,
    /// The last valid day, in the site's calendar.
    pub last_day: chrono::NaiveDate,
}

/// A date as people here write it (28-11-2026, also 28/11/2026 or
/// 28.11.2026) or as ISO (2026-11-28).
pub fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim().replace(['/', '.'], "-");
    let s = s.as_str();
    chrono::NaiveDate::parse_from_str(s, "%d-%m-%Y")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

impl NewWatch {
    /// Parse an entry as typed; `today` is the site's date now.
    pub fn parse(
        nik: &str,
        name: &str,
        organisation: &str,
        reason: &str,
        last_day: &str,
        today: chrono::NaiveDate,
    ) -> Result<NewWatch, WatchError> {
        let field = |field| move |error| WatchError::Field { field, error };
        let nik = if nik.trim().is_empty() {
            String::new()
        } else {
            parse_id_number("KTP", nik)
                .map_err(field(WatchField::Nik))?
                .as_str()
                .to_owned()
        };
        let name = if name.trim().is_empty() {
            String::new()
        } else {
            PersonName::try_from(name)
                .map_err(field(WatchField::Name))?
                .as_str()
                .to_owned()
        };
        let organisation = FreeText::parse(organisation, MAX_WATCH_ORG, false)
            .map_err(field(WatchField::Organisation))?
            .as_str()
            .to_owned();
        if nik.is_empty() && normalise(&name).is_empty() && normalise(&organisation).is_empty() {
            return Err(WatchError::NothingToMatch);
        }
        let reason = FreeText::parse(reason, MAX_WATCH_REASON, true)
            .map_err(field(WatchField::Reason))?
            .as_str()
            .to_owned();
        let last_day = parse_day(last_day).ok_or(WatchError::BadDate)?;
        if last_day < today {
            return Err(WatchError::InThePast);
        }
        Ok(NewWatch {
            nik,
            name,
            organisation,
            reason,
            last_day,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn t(h: u32) -> Time {
        Utc.with_ymd_and_hms(2026, 11, 27, h, 0, 0).unwrap()
    }

    fn entry(id: i64, nik: &str, name: &str, org: &str) -> WatchEntry {
        WatchEntry {
            id: WatchId(id),
            nik: nik.into(),
            name: name.into(),
            organisation: org.into(),
            reason: "x".into(),
            until: t(17),
            added_by: UserId(1),
            added_at: t(1),
            removed: None,
        }
    }

    fn form(nik: &str, name: &str, org: &str) -> FormDraft {
        FormDraft {
            full_name: name.into(),
            id_number: nik.into(),
            organisation: org.into(),
            ..FormDraft::default()
        }
    }

    #[test]
    fn normalised_comparison_ignores_case_spaces_punctuation_and_diacritics() {
        assert_eq!(normalise("PT. Abal-Abal  "), normalise("pt abal abal"));
        assert_eq!(normalise("José Ramírez"), "joseramirez");
        assert_eq!(normalise("Nguyễn"), "nguyen");
        assert_eq!(normalise(" .-, "), "");
    }

    #[test]
    fn ascii_is_normalised_as_by_the_unicode_path() {
        let by_tables = normalise_by_tables;
        let every_ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(normalise(&every_ascii), by_tables(&every_ascii));
        for s in ["PT. Abal-Abal  ", "CV Maju_Jaya 2", "Budi\tSantoso", ""] {
            assert_eq!(normalise(s), by_tables(s), "{s:?}");
        }
    }

    #[test]
    fn matches_on_exact_nik_and_normalised_name_or_organisation() {
        let list = vec![
            entry(1, "3201011505850001", "", ""),
            entry(2, "", "Budi Santoso", ""),
            entry(3, "", "", "PT Abal-Abal"),
            entry(4, "", "", ""),
        ];
        let f = form("3201 0115 0585 0001", "BUDI  santoso", "pt. abal abal");
        let hits = matches(&list, &f, t(9));
        assert_eq!(
            hits,
            vec![
                WatchHit {
                    entry: WatchId(1),
                    on: vec![MatchOn::Nik]
                },
                WatchHit {
                    entry: WatchId(2),
                    on: vec![MatchOn::Name]
                },
                WatchHit {
                    entry: WatchId(3),
                    on: vec![MatchOn::Organisation]
                },
            ]
        );
        // A NIK one digit off, another name: nothing.
        assert!(matches(&list, &form("3201011505850002", "Budi", "PT Abadi"), t(9)).is_empty());
        // An empty form matches no entry with empty fields.
        assert!(matches(&list, &FormDraft::default(), t(9)).is_empty());
    }

    #[test]
    fn expired_and_removed_entries_do_not_match() {
        let mut e = entry(1, "", "Budi Santoso", "");
        let f = form("", "Budi Santoso", "");
        assert_eq!(matches(std::slice::from_ref(&e), &f, t(16)).len(), 1);
        assert!(matches(std::slice::from_ref(&e), &f, t(17)).is_empty());
        e.removed = Some((UserId(1), t(2)));
        assert!(matches(&[e], &f, t(9)).is_empty());
    }

    #[test]
    fn a_new_entry_is_parsed_and_checked() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let ok = NewWatch::parse(
            "",
            " Budi Santoso ",
            "",
            "Pernah membawa perangkat tanpa izin",
            "31-12-2026",
            today,
        )
        .unwrap();
        assert_eq!(ok.name, "Budi Santoso");
        assert_eq!(ok.last_day, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(
            NewWatch::parse("", "", " - ", "x", "31-12-2026", today),
            Err(WatchError::NothingToMatch)
        );
        assert!(matches!(
            NewWatch::parse("1234", "", "", "x", "31-12-2026", today),
            Err(WatchError::Field {
                field: WatchField::Nik,
                ..
            })
        ));
        assert_eq!(
            NewWatch::parse("", "Budi", "", "x", "26-11-2026", today),
            Err(WatchError::InThePast)
        );
        assert_eq!(
            NewWatch::parse("", "Budi", "", "x", "2026-13-01", today),
            Err(WatchError::BadDate)
        );
        assert!(matches!(
            NewWatch::parse("", "Budi", "", " ", "2026-12-01", today),
            Err(WatchError::Field {
                field: WatchField::Reason,
                error: FieldError::Required
            })
        ));
    }
}
