//! The visitor report's CSV read straight from the rows: one query of the
//! columns the CSV prints, each row handed over as values borrowed from
//! `SQLite`'s own buffers (no [`crate::domain::visit::Visit`], no `String`
//! per cell). A year of a busy door is ~100,000 rows: decoding whole
//! visits was most of its time.

use std::borrow::Cow;

use rusqlite::params;
use rusqlite::types::{Type, ValueRef};

use super::decode::Unknown;
use super::{Store, ts};
use crate::domain::visit::{Status, Time};

/// One visit as the CSV prints it, borrowed from the row being read.
#[derive(Debug)]
pub struct SheetRow<'r> {
    pub id: i64,
    pub status: Status,
    pub full_name: &'r str,
    pub id_type: &'r str,
    pub id_number: &'r str,
    pub organisation: &'r str,
    pub purpose: &'r str,
    /// Unix seconds.
    pub started_at: i64,
    pub decided: bool,
    pub reject_reason: Option<&'r str>,
    pub badge: Option<&'r str>,
    pub entered_at: Option<i64>,
    pub checkout_started: bool,
    pub exited_at: Option<i64>,
    pub badge_returned: Option<bool>,
    /// The checklist's answers (none before check-out).
    pub checklist: Vec<SheetAnswer<'r>>,
    pub id_returned: bool,
    pub escort_name: Option<&'r str>,
    pub approver_name: Option<&'r str>,
    /// The door the visit started at (`""`: none named).
    pub door: &'r str,
    /// The assignment letter as stored (`""`: none).
    pub letter_number: &'r str,
    pub letter_date: &'r str,
    pub letter_issuer: &'r str,
}

/// One stored checklist answer, its text borrowed from the JSON (owned
/// only where the JSON escapes a character).
#[derive(Debug, serde::Deserialize)]
pub struct SheetAnswer<'a> {
    #[serde(borrow)]
    pub item: Cow<'a, str>,
    pub ok: bool,
    #[serde(borrow)]
    pub note: Cow<'a, str>,
    #[serde(default)]
    pub kind: crate::domain::visit::CheckKind,
}

impl SheetAnswer<'_> {
    /// As [`crate::domain::visit::ChecklistAnswer::flags`].
    pub fn flags(&self) -> bool {
        self.kind.flags(self.ok, &self.note)
    }
}

/// The answers of a stored checklist (`[]` before check-out); text that
/// is not a checklist is an error on the row.
fn checklist<'r>(r: &'r rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Vec<SheetAnswer<'r>>> {
    let json = text(r, idx)?;
    if json == "[]" {
        return Ok(Vec::new());
    }
    serde_json::from_str(json)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

/// The columns read, in [`SheetRow`]'s order.
const SHEET_SQL: &str = "SELECT v.id, v.status, v.full_name, v.id_type, v.id_number,
        v.organisation, v.purpose, v.started_at, v.decided_at, v.reject_reason, v.badge,
        v.entered_at, v.checkout_started_at, v.exited_at, v.badge_returned, v.checklist,
        v.id_returned_at, e.name, d.name, v.door,
        v.letter_number, v.letter_date, v.letter_issuer
     FROM visits v
     LEFT JOIN users e ON e.id = v.escort
     LEFT JOIN users d ON d.id = v.decided_by
     WHERE v.started_at >= ?1 AND v.started_at < ?2 AND (?3 IS NULL OR v.door = ?3)
     ORDER BY v.started_at, v.id";

/// The query [`Store::each_sheet_row`] runs for all doors, for a
/// reference reading the same rows with another tool (the benches'
/// `sqlite3`).
pub fn sheet_sql(from: i64, to: i64) -> String {
    SHEET_SQL
        .replace("?1", &from.to_string())
        .replace("?2", &to.to_string())
        .replace("?3", "NULL")
}

fn bad(idx: usize, what: &'static str, found: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(Unknown { what, found }))
}

fn text<'r>(r: &'r rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<&'r str> {
    match r.get_ref(idx)? {
        ValueRef::Text(t) => std::str::from_utf8(t)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))),
        // An empty form field may be stored as NULL by an older program.
        ValueRef::Null => Ok(""),
        other => Err(rusqlite::Error::InvalidColumnType(
            idx,
            String::new(),
            other.data_type(),
        )),
    }
}

fn opt_text<'r>(r: &'r rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<&'r str>> {
    match r.get_ref(idx)? {
        ValueRef::Null => Ok(None),
        _ => text(r, idx).map(Some),
    }
}

fn opt_int(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<i64>> {
    Ok(r.get_ref(idx)?.as_i64_or_null()?)
}

fn row<'r>(r: &'r rusqlite::Row<'_>) -> rusqlite::Result<SheetRow<'r>> {
    let status = text(r, 1)?;
    Ok(SheetRow {
        id: r.get_ref(0)?.as_i64()?,
        status: Status::parse(status).ok_or_else(|| bad(1, "status", status.to_owned()))?,
        full_name: text(r, 2)?,
        id_type: text(r, 3)?,
        id_number: text(r, 4)?,
        organisation: text(r, 5)?,
        purpose: text(r, 6)?,
        started_at: r.get_ref(7)?.as_i64()?,
        decided: opt_int(r, 8)?.is_some(),
        reject_reason: opt_text(r, 9)?,
        badge: opt_text(r, 10)?,
        entered_at: opt_int(r, 11)?,
        checkout_started: opt_int(r, 12)?.is_some(),
        exited_at: opt_int(r, 13)?,
        badge_returned: opt_int(r, 14)?.map(|b| b != 0),
        checklist: checklist(r, 15)?,
        id_returned: opt_int(r, 16)?.is_some(),
        escort_name: opt_text(r, 17)?,
        approver_name: opt_text(r, 18)?,
        door: text(r, 19)?,
        letter_number: text(r, 20)?,
        letter_date: text(r, 21)?,
        letter_issuer: text(r, 22)?,
    })
}

impl Store {
    /// Every visit started in `[from, to)` (at `door`; `None`: all), by
    /// start time, as the CSV prints it: one query walking the
    /// `started_at` index, each row handed to `each` borrowed. `each` may
    /// fail (the writer it writes to); its error stops the walk and is
    /// returned.
    pub fn each_sheet_row<E: From<super::StoreError>>(
        &self,
        door: Option<&str>,
        from: Time,
        to: Time,
        mut each: impl FnMut(&SheetRow<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(SHEET_SQL)
            .map_err(super::StoreError::from)?;
        let mut rows = stmt
            .query(params![ts(from), ts(to), door])
            .map_err(super::StoreError::from)?;
        while let Some(r) = rows.next().map_err(super::StoreError::from)? {
            each(&row(r).map_err(super::StoreError::from)?)?;
        }
        Ok(())
    }
}
