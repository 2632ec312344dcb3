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

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Timelike};

use super::{DayReport, DayRow, Decision, ReportText, Time};
use crate::config::Config;
use crate::domain::days::day_bounds;
use crate::domain::stage::Stage;
use crate::domain::visit::Status;
use crate::domain::watchlist::parse_day;
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
        t.col_letter_number.to_owned(),
        t.col_letter_date.to_owned(),
        t.col_letter_issuer.to_owned(),
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
        row.letter_number.clone(),
        row.letter_date.map(csv_date).unwrap_or_default(),
        row.letter_issuer.clone(),
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

/// Why a CSV written straight from the store stopped.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("cannot write the CSV: {0}")]
    Write(#[from] std::io::Error),
}

/// [`day_csv`] of the local days `from..=to` straight from the store into
/// a `Vec` (the same bytes; see [`write_day_csv`]).
pub fn day_csv_streamed(
    store: &Store,
    days: (NaiveDate, NaiveDate),
    config: &Config,
    now: crate::domain::visit::Time,
    t: &ReportText,
    separator: u8,
) -> store::Result<Vec<u8>> {
    day_csv_streamed_at(store, None, days, config, now, (t, separator))
}

/// [`day_csv_streamed`] of the visits started at one door (`None`: all).
pub fn day_csv_streamed_at(
    store: &Store,
    door: Option<&str>,
    days: (NaiveDate, NaiveDate),
    config: &Config,
    now: crate::domain::visit::Time,
    words: (&ReportText, u8),
) -> store::Result<Vec<u8>> {
    match write_day_csv(store, door, days, config, now, words, Vec::new()) {
        Ok(bytes) => Ok(bytes),
        Err(SheetError::Store(e)) => Err(e),
        // Writing into a Vec cannot fail.
        Err(SheetError::Write(_)) => Ok(Vec::new()),
    }
}

/// [`day_csv`] of the local days `from..=to` (visits started at `door`;
/// `None`: all) straight from the store to `out`: each visit written as
/// the query reads it (only the columns the CSV prints, borrowed from the
/// row, [`Store::each_sheet_row`]), without the report's counts, reviews
/// and chain head, which the CSV does not carry. The same bytes as
/// [`day_csv`] of the [`DayReport`], `t`'s words, `separator` between
/// cells; `out` is written through the CSV writer's own buffer and
/// returned.
pub fn write_day_csv<W: std::io::Write>(
    store: &Store,
    door: Option<&str>,
    (from, to): (NaiveDate, NaiveDate),
    config: &Config,
    now: crate::domain::visit::Time,
    (t, separator): (&ReportText, u8),
    mut out: W,
) -> Result<W, SheetError> {
    let (from, to) = if to < from { (to, from) } else { (from, to) };
    let tz = config.tz();
    let zone = now.with_timezone(&tz).format("%Z").to_string();
    // The status and flags in the configured language, as the report's
    // rows have them; the rest in the document's.
    let words = super::text::report_text(config.language);
    let standard = i64::from(config.standards.inside);
    let now_s = now.timestamp();
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator)
        .buffer_capacity(64 * 1024)
        .from_writer(out);
    for c in header(&zone, t) {
        w.write_field(guarded(&c).as_bytes()).map_err(io)?;
    }
    w.write_record(None::<&[u8]>).map_err(io)?;
    let mut cell = String::with_capacity(64);
    let field = |w: &mut csv::Writer<W>, c: &str| w.write_field(guarded(c).as_bytes());
    store.each_sheet_row(door, day_bounds(from, tz).0, day_bounds(to, tz).1, |r| {
        let local = |secs: i64| store::from_ts(secs).with_timezone(&tz).naive_local();
        let time = |cell: &mut String, secs: Option<i64>| {
            cell.clear();
            if let Some(secs) = secs {
                let n = local(secs);
                push_date(cell, n.date());
                let _ = write!(cell, " {:02}:{:02}", n.hour(), n.minute());
            }
        };
        let answers = &r.checklist;
        cell.clear();
        push_date(&mut cell, local(r.started_at).date());
        field(&mut w, &cell).map_err(io)?;
        cell.clear();
        let _ = write!(cell, "{}", r.id);
        field(&mut w, &cell).map_err(io)?;
        time(&mut cell, r.entered_at);
        field(&mut w, &cell).map_err(io)?;
        time(&mut cell, r.exited_at);
        field(&mut w, &cell).map_err(io)?;
        // Minutes inside, never negative; empty while still inside.
        let minutes = r
            .entered_at
            .map(|e| (r.exited_at.unwrap_or(now_s) - e).max(0) / 60);
        cell.clear();
        if let (Some(m), Some(_)) = (minutes, r.exited_at) {
            let _ = write!(cell, "{m}");
        }
        field(&mut w, &cell).map_err(io)?;
        field(&mut w, r.full_name).map_err(io)?;
        field(&mut w, r.id_type).map_err(io)?;
        cell.clear();
        push_masked(&mut cell, r.id_number);
        field(&mut w, &cell).map_err(io)?;
        field(&mut w, r.organisation).map_err(io)?;
        field(&mut w, r.purpose).map_err(io)?;
        field(&mut w, r.escort_name.unwrap_or_default()).map_err(io)?;
        field(&mut w, r.approver_name.unwrap_or_default()).map_err(io)?;
        let decision = if r.status == Status::Rejected {
            t.rejected
        } else if r.decided {
            t.approved
        } else {
            ""
        };
        field(&mut w, decision).map_err(io)?;
        let stage = Stage::of(r.status, r.id_returned, r.checkout_started);
        field(&mut w, words.stage_label(stage, r.status)).map_err(io)?;
        field(&mut w, r.reject_reason.unwrap_or_default()).map_err(io)?;
        field(&mut w, r.badge.unwrap_or_default()).map_err(io)?;
        cell.clear();
        let flags = [
            (minutes.is_some_and(|m| m >= standard), words.flag_overstay),
            (r.status == Status::Rejected, words.flag_rejected),
            (
                answers.iter().any(store::SheetAnswer::flags),
                words.flag_checklist,
            ),
            (r.badge_returned == Some(false), words.flag_badge_lost),
        ];
        for (_, flag) in flags.iter().filter(|(on, _)| *on) {
            if !cell.is_empty() {
                cell.push_str("; ");
            }
            cell.push_str(flag);
        }
        field(&mut w, &cell).map_err(io)?;
        cell.clear();
        for a in answers {
            let note = a.note.trim();
            if note.is_empty() {
                continue;
            }
            if !cell.is_empty() {
                cell.push_str("; ");
            }
            let _ = write!(cell, "{}: {note}", a.item);
        }
        field(&mut w, &cell).map_err(io)?;
        field(&mut w, r.letter_number).map_err(io)?;
        cell.clear();
        if let Some(d) = parse_day(r.letter_date) {
            cell.push_str(&csv_date(d));
        }
        field(&mut w, &cell).map_err(io)?;
        field(&mut w, r.letter_issuer).map_err(io)?;
        field(&mut w, r.door).map_err(io)?;
        w.write_record(None::<&[u8]>).map_err(io)?;
        Ok::<(), SheetError>(())
    })?;
    w.into_inner()
        .map_err(|e| SheetError::Write(e.into_error()))
}

fn io(e: csv::Error) -> SheetError {
    SheetError::Write(e.into())
}

/// `YYYY-MM-DD` appended.
fn push_date(cell: &mut String, d: NaiveDate) {
    let _ = write!(cell, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
}

/// [`super::build`]'s masked ID number appended: the first 4 and last 2
/// characters shown, the rest hidden (shorter numbers: first and last
/// only; under 3 characters all hidden).
fn push_masked(cell: &mut String, id: &str) {
    let id = id.trim();
    let n = id.chars().count();
    if n < 3 {
        cell.extend(std::iter::repeat_n('*', n));
        return;
    }
    let (head, tail) = if n >= 8 { (4, 2) } else { (1, 1) };
    for (i, c) in id.chars().enumerate() {
        cell.push(if i < head || i >= n - tail { c } else { '*' });
    }
}
