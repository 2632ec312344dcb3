//! The day or range report as CSV for a spreadsheet: UTF-8 with a
//! byte-order mark (so Excel reads names right), `;` or `,` between cells,
//! a header row, then one row per visit (the columns are listed in README).
//!
//! Dates are `YYYY-MM-DD`, times `YYYY-MM-DD HH:MM` in the report's zone;
//! entry and exit are empty for a visit that never went in. A cell that a
//! spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) gets a leading `'`, which spreadsheets show
//! as text; [`unguard`] takes it off again.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, Timelike};

use super::{DayReport, DayRow, Decision, ReportText, Time};
use crate::config::Config;
use crate::domain::days::day_bounds;
use crate::store::{self, Store};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// `YYYY-MM-DD HH:MM` (written by hand: chrono's format parses its
/// pattern for every cell, a third of a year's CSV).
fn csv_time(t: Option<&Time>) -> String {
    t.map(|t| {
        let n = t.naive_local();
        format!("{} {:02}:{:02}", csv_date(n.date()), n.hour(), n.minute())
    })
    .unwrap_or_default()
}

/// `YYYY-MM-DD`.
fn csv_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// True when a spreadsheet would read the cell as a formula.
fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell as written: a leading `'` when it looks like a formula.
pub fn guard(cell: &str) -> String {
    guarded(cell).into_owned()
}

fn guarded(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as typed, from a cell [`guard`] wrote.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// The header row, in the document's language.
fn header(zone: &str, t: &ReportText) -> Vec<String> {
    vec![
        t.col_date.to_owned(),
        t.visit_number.to_owned(),
        format!("{} ({zone})", t.col_in),
        format!("{} ({zone})", t.col_out),
        format!("{} ({})", t.duration, t.minutes),
        t.col_name.to_owned(),
        t.id_type.to_owned(),
        t.id_number.to_owned(),
        t.col_organisation.to_owned(),
        t.col_purpose.to_owned(),
        t.col_escort.to_owned(),
        t.col_decided_by.to_owned(),
        t.col_decision.to_owned(),
        t.col_status.to_owned(),
        t.reject_reason.to_owned(),
        t.col_badge.to_owned(),
        t.col_flags.to_owned(),
        t.col_checklist_notes.to_owned(),
        t.col_door.to_owned(),
    ]
}

/// One visit's cells, unguarded.
fn record(row: &DayRow, t: &ReportText) -> Vec<String> {
    let decision = match row.decision {
        Some(Decision::Approved) => t.approved,
        Some(Decision::Rejected) => t.rejected,
        None => "",
    };
    vec![
        csv_date(row.date),
        row.visit_number.to_string(),
        csv_time(row.time_in.as_ref()),
        csv_time(row.time_out.as_ref()),
        if row.still_inside {
            String::new()
        } else {
            row.duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default()
        },
        row.visitor_name.clone(),
        row.id_type.clone(),
        row.id_number_masked.clone(),
        row.organisation.clone(),
        row.purpose.clone(),
        row.escort.clone().unwrap_or_default(),
        row.decided_by.clone().unwrap_or_default(),
        decision.to_owned(),
        row.status.clone(),
        row.reject_reason.clone().unwrap_or_default(),
        row.badge
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        row.flags.join("; "),
        row.checklist_notes.clone(),
        row.door.clone(),
    ]
}

/// The cells of every row as [`day_csv`] writes them before guarding: for
/// tests and for anyone checking a file against the report.
pub fn day_records(r: &DayReport, t: &ReportText) -> (Vec<String>, Vec<Vec<String>>) {
    (
        header(&r.zone_label, t),
        r.rows.iter().map(|row| record(row, t)).collect(),
    )
}

/// One row, each cell guarded. Writing CSV into a Vec cannot fail.
fn write_row(w: &mut csv::Writer<Vec<u8>>, cells: &[String]) {
    for c in cells {
        let _ = w.write_field(guarded(c).as_bytes());
    }
    let _ = w.write_record(None::<&[u8]>);
}

/// The visits of a day or range report as CSV: BOM, then rows separated
/// by `separator` (`b';'` or `b','`).
pub fn day_csv(r: &DayReport, t: &ReportText, separator: u8) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(BOM.to_vec());
    let (header, rows) = day_records(r, t);
    // Writing CSV into a Vec cannot fail.
    write_row(&mut w, &header);
    for row in rows {
        write_row(&mut w, &row);
    }
    w.into_inner().unwrap_or_default()
}

/// [`day_csv`] of the local days `from..=to` straight from the store: each
/// visit written as the query reads it, without the report's counts,
/// reviews and chain head, which the CSV does not carry (the same bytes;
/// a year of a busy door in a fraction of the time).
pub fn day_csv_streamed(
    store: &Store,
    (from, to): (NaiveDate, NaiveDate),
    config: &Config,
    now: crate::domain::visit::Time,
    t: &ReportText,
    separator: u8,
) -> store::Result<Vec<u8>> {
    day_csv_streamed_at(store, None, (from, to), config, now, (t, separator))
}

/// [`day_csv_streamed`] of the visits started at one door (`None`: all).
pub fn day_csv_streamed_at(
    store: &Store,
    door: Option<&str>,
    (from, to): (NaiveDate, NaiveDate),
    config: &Config,
    now: crate::domain::visit::Time,
    (t, separator): (&ReportText, u8),
) -> store::Result<Vec<u8>> {
    let (from, to) = if to < from { (to, from) } else { (from, to) };
    let tz = config.tz();
    let zone = now.with_timezone(&tz).format("%Z").to_string();
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(BOM.to_vec());
    write_row(&mut w, &header(&zone, t));
    store.each_visit_between_at(door, day_bounds(from, tz).0, day_bounds(to, tz).1, |s| {
        let row = super::build::day_row(&s, config, now);
        write_row(&mut w, &record(&row, t));
    })?;
    Ok(w.into_inner().unwrap_or_default())
}
