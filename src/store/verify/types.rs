//! Values stored with another type than their column's: a text column
//! holding a blob, a number stored as text, text that is not UTF-8. The replay reads each column
//! as its type and cannot read such a value, so when the pass stops on one,
//! the tables are searched for every such value and each is told as a
//! change made outside dc-access (the program only ever writes the
//! declared types). Costs nothing when the record is intact.

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::domain::visit::ChecklistAnswer;

use super::Problem;
use crate::store::Result;

/// What made the pass stop with `e`, as problems to report: a table or
/// column that is not there, or values of the wrong type (found by
/// [`wrong_types`]). `None` when it is none of these (the check could not
/// run).
pub(super) fn unreadable(
    conn: &Connection,
    e: &crate::store::StoreError,
    limit: usize,
) -> Result<Option<Vec<Problem>>> {
    let said = match e {
        crate::store::StoreError::Sql(
            rusqlite::Error::SqliteFailure(_, Some(msg))
            | rusqlite::Error::SqlInputError { msg, .. },
        ) => Some(msg),
        _ => None,
    };
    if let Some(msg) = said
        && (msg.starts_with("no such table: ") || msg.starts_with("no such column: "))
    {
        return Ok(Some(vec![Problem::Schema {
            what: format!("{msg}: dropped outside dc-access, or not a dc-access database"),
        }]));
    }
    if !is_wrong_type(e) {
        return Ok(None);
    }
    let found = wrong_types(conn, limit)?;
    Ok((!found.is_empty()).then_some(found))
}

/// Whether `e` is a value the pass could not read as its column's type.
fn is_wrong_type(e: &crate::store::StoreError) -> bool {
    matches!(
        e,
        crate::store::StoreError::Sql(
            rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::IntegralValueOutOfRange(..)
        )
    )
}

/// The storage type `SQLite` reports (`typeof`) for a declared column type
/// the program writes exactly: `INTEGER` and `TEXT` columns.
fn storage_of(declared: &str) -> Option<&'static str> {
    let declared = declared.to_ascii_uppercase();
    if declared.contains("INT") {
        Some("integer")
    } else if declared.contains("TEXT") || declared.contains("CHAR") {
        Some("text")
    } else {
        None
    }
}

/// What a JSON column holds, and whether a text reads as that.
type Reads = (&'static str, fn(&str) -> bool);

/// Text columns the pass reads as JSON of a type: table, column, what it
/// holds (the rows' own; an event's details are covered by its HMAC).
const JSON_COLUMNS: &[(&str, &str, Reads)] = &[(
    "visits",
    "checklist",
    ("a checklist", |t| {
        serde_json::from_str::<Vec<ChecklistAnswer>>(t).is_ok()
    }),
)];

/// What is wrong with `v` in a column of type `declared` (read as JSON by
/// `json`), if anything.
fn wrong(v: ValueRef<'_>, declared: &str, json: Option<Reads>) -> Option<String> {
    match (v, declared) {
        (ValueRef::Null, _) | (ValueRef::Integer(_), "integer") => None,
        (ValueRef::Text(t), "text") => match std::str::from_utf8(t) {
            Err(_) => Some("text that is not UTF-8".to_owned()),
            Ok(t) => json
                .filter(|(_, reads)| !reads(t))
                .map(|(what, _)| format!("text that does not read as {what}")),
        },
        (other, _) => Some(format!("{}, not {declared}", storage(other))),
    }
}

/// `SQLite`'s name of a value's storage type, as `typeof` says it.
fn storage(v: ValueRef<'_>) -> &'static str {
    match v {
        ValueRef::Null => "null",
        ValueRef::Integer(_) => "integer",
        ValueRef::Real(_) => "real",
        ValueRef::Text(_) => "text",
        ValueRef::Blob(_) => "blob",
    }
}

/// Every value of the record's tables stored with another type than its
/// column's (NULL aside), or as text that is not UTF-8: at most `limit`
/// of them, table by table, one read of each table.
pub(super) fn wrong_types(conn: &Connection, limit: usize) -> Result<Vec<Problem>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
             AND name NOT LIKE 'visits_search%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for table in tables {
        // (name, declared type, part of the primary key)
        let cols: Vec<(String, String, i64)> = conn
            .prepare(&format!("PRAGMA table_info(\"{table}\")"))?
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let key: Vec<String> = cols
            .iter()
            .filter(|c| c.2 > 0)
            .map(|c| format!("\"{}\"", c.0))
            .collect();
        let key = if key.is_empty() {
            "rowid".to_owned()
        } else {
            key.join(" || '/' || ")
        };
        let checked: Vec<(&str, &'static str)> = cols
            .iter()
            .filter_map(|(name, declared, _)| Some((name.as_str(), storage_of(declared)?)))
            .collect();
        if checked.is_empty() {
            continue;
        }
        let names: Vec<String> = checked.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT CAST({key} AS TEXT), {} FROM \"{table}\"",
            names.join(", ")
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            for (i, (column, declared)) in checked.iter().enumerate() {
                let json = JSON_COLUMNS
                    .iter()
                    .find(|j| j.0 == table && j.1 == *column)
                    .map(|j| j.2);
                let Some(stored) = wrong(r.get_ref(i + 1)?, declared, json) else {
                    continue;
                };
                let row = r.get_ref(0)?.as_bytes().map_or_else(
                    |_| "?".to_owned(),
                    |b| String::from_utf8_lossy(b).into_owned(),
                );
                out.push(Problem::Type {
                    table: table.clone(),
                    row,
                    column: (*column).to_owned(),
                    stored,
                });
                if out.len() >= limit {
                    return Ok(out);
                }
            }
        }
    }
    Ok(out)
}
