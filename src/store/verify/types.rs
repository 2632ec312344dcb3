//! Values stored with another type than their column's: a text column
//! holding a blob, a number stored as text. The replay reads each column
//! as its type and cannot read such a value, so when the pass stops on one,
//! the tables are searched for every such value and each is told as a
//! change made outside dc-access (the program only ever writes the
//! declared types). Costs nothing when the record is intact.

use rusqlite::Connection;

use super::Problem;
use crate::store::Result;

/// Whether `e` is a value the pass could not read as its column's type.
pub(super) fn is_wrong_type(e: &crate::store::StoreError) -> bool {
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

/// Every value of the record's tables whose storage type is not its
/// column's (NULL aside), at most `limit` of them, table by table.
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
        let key: Vec<&str> = cols
            .iter()
            .filter(|c| c.2 > 0)
            .map(|c| c.0.as_str())
            .collect();
        let key = if key.is_empty() {
            "rowid".to_owned()
        } else {
            key.iter()
                .map(|k| format!("\"{k}\""))
                .collect::<Vec<_>>()
                .join(" || '/' || ")
        };
        for (column, declared, _) in &cols {
            let Some(storage) = storage_of(declared) else {
                continue;
            };
            let mut stmt = conn.prepare(&format!(
                "SELECT {key}, typeof(\"{column}\") FROM \"{table}\"
                 WHERE typeof(\"{column}\") NOT IN ('null', '{storage}') LIMIT ?1"
            ))?;
            let left = limit.saturating_sub(out.len());
            let found = stmt.query_map([i64::try_from(left).unwrap_or(i64::MAX)], |r| {
                Ok(Problem::Type {
                    table: table.clone(),
                    row: r.get_ref(0)?.as_str().map_or_else(
                        |_| {
                            r.get::<_, i64>(0)
                                .map_or_else(|_| "?".into(), |v| v.to_string())
                        },
                        str::to_owned,
                    ),
                    column: column.clone(),
                    stored: r.get(1)?,
                    declared: storage,
                })
            })?;
            for p in found {
                out.push(p?);
            }
            if out.len() >= limit {
                return Ok(out);
            }
        }
    }
    Ok(out)
}
