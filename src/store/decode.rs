//! Stored text that must name a known value (a status, a role): read
//! through [`known`], so a value this program does not know is an error
//! on the row, never quietly read as some default (a visit of unknown
//! status shown as a draft, an account of unknown role as an operator).

use std::fmt;

use rusqlite::types::Type;

/// A stored text that names no value this program knows.
#[derive(Debug)]
pub struct Unknown {
    /// What the column holds: "status", "role".
    pub what: &'static str,
    pub found: String,
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown stored {}: {:?}", self.what, self.found)
    }
}

impl std::error::Error for Unknown {}

/// Column `idx` of a row read as text and parsed by `parse`; a text it
/// does not know is a conversion error naming the column and the text.
pub(super) fn known<T>(
    r: &rusqlite::Row<'_>,
    idx: usize,
    what: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = r.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            Type::Text,
            Box::new(Unknown { what, found: text }),
        )
    })
}

/// Column `idx` read as JSON; text that does not parse is an error on the
/// row, not an empty value.
pub(super) fn json<T: serde::de::DeserializeOwned>(
    r: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<T> {
    let text: String = r.get(idx)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

/// A badge number is stored as its text.
impl rusqlite::types::ToSql for crate::domain::badge::BadgeNo {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
    }
}

/// A stored badge number that is not one (empty, too long) is an error
/// on the row.
impl rusqlite::types::FromSql for crate::domain::badge::BadgeNo {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        crate::domain::badge::BadgeNo::try_from(text).map_err(|_| {
            rusqlite::types::FromSqlError::Other(Box::new(Unknown {
                what: "badge",
                found: text.to_owned(),
            }))
        })
    }
}
