//! Documents made from plain data: the visit form / activity report (SOP step
//! 7, for the paper archive) and the visitor report of a day or range, as
//! plain text, CSV and PDF.
//!
//! Everything here is a pure function of its input: no database, terminal or
//! clock. The storage layer fills [`VisitDoc`] and [`DayReport`]; every word
//! comes from a [`ReportText`] catalog.

pub mod build;
mod layout;
pub mod model;
pub mod output;
pub mod pdf;
mod plain;
mod print;
mod sheet;
pub mod text;

pub use model::{
    BadgeOutcome, ChainHead, ChecklistLine, DayReport, DayRow, DayTotals, Decision, StepTiming,
    Time, VisitDoc, Visitor,
};
pub use plain::{day_txt, visit_txt};
pub use print::{day_pdf, visit_pdf};
pub use sheet::day_csv;
pub use text::{EN, ID, ReportText, SOP_NUMBER, report_text};

use chrono::{Datelike, NaiveDate};

/// A time as printed on a document: `02-05-2024 08:15 WIB`.
fn when(t: Option<&Time>, txt: &ReportText) -> String {
    t.map_or_else(
        || txt.none.to_owned(),
        |t| t.format("%d-%m-%Y %H:%M %Z").to_string(),
    )
}

/// An optional name or text, or the "none" mark.
fn or_none<'a>(v: Option<&'a String>, txt: &'a ReportText) -> &'a str {
    match v {
        Some(s) if !s.trim().is_empty() => s,
        _ => txt.none,
    }
}

/// A text that may be empty, or the "none" mark.
fn or_dash<'a>(v: &'a str, txt: &'a ReportText) -> &'a str {
    if v.trim().is_empty() { txt.none } else { v }
}

/// `75 menit`, or the "none" mark.
fn minutes(m: Option<i64>, txt: &ReportText) -> String {
    m.map_or_else(|| txt.none.to_owned(), |m| format!("{m} {}", txt.minutes))
}

/// `2 Mei 2024`.
fn long_date(d: NaiveDate, txt: &ReportText) -> String {
    let month = txt.months[d.month0() as usize];
    format!("{} {month} {}", d.day(), d.year())
}

/// The report's period: one day, or `from – to`.
fn period(r: &DayReport, txt: &ReportText) -> String {
    if r.from == r.to {
        long_date(r.from, txt)
    } else {
        format!(
            "{} \u{2013} {}",
            long_date(r.from, txt),
            long_date(r.to, txt)
        )
    }
}

/// A time cell of the day table: `08:15` for one day, `02-05 08:15` for a range.
fn row_time(r: &DayReport, t: Option<&Time>, txt: &ReportText) -> String {
    match t {
        None => txt.none.to_owned(),
        Some(t) if r.from == r.to => t.format("%H:%M").to_string(),
        Some(t) => t.format("%d-%m %H:%M").to_string(),
    }
}

/// A section of label/value lines on the visit document.
struct Section {
    title: &'static str,
    fields: Vec<(&'static str, String)>,
}

/// The decision, in words.
fn decision(doc: &VisitDoc, txt: &ReportText) -> &'static str {
    match doc.decision {
        Some(Decision::Approved) => txt.approved,
        Some(Decision::Rejected) => txt.rejected,
        None => txt.undecided,
    }
}

/// The label/value sections of a visit, shared by the text and PDF forms.
fn visit_sections(doc: &VisitDoc, txt: &ReportText) -> Vec<Section> {
    let v = &doc.visitor;
    let s = |x: &str| or_dash(x, txt).to_owned();
    let visitor = Section {
        title: txt.section_visitor,
        fields: vec![
            (txt.full_name, s(&v.full_name)),
            (txt.id_type, s(&v.id_type)),
            (txt.id_number, s(&v.id_number)),
            (txt.organisation, s(&v.organisation)),
            (txt.phone, s(&v.phone)),
            (txt.purpose, s(&v.purpose_category)),
            (txt.purpose_detail, s(&v.purpose_detail)),
            (txt.equipment, s(&v.equipment)),
            (
                txt.planned_duration,
                minutes(Some(i64::from(v.planned_minutes)), txt),
            ),
            (txt.person_visited, s(&v.person_visited)),
        ],
    };
    let mut process = vec![
        (txt.started_by, s(&doc.started_by)),
        (txt.started_at, when(doc.started_at.as_ref(), txt)),
        (
            txt.submitted_by,
            or_none(doc.submitted_by.as_ref(), txt).to_owned(),
        ),
        (txt.submitted_at, when(doc.submitted_at.as_ref(), txt)),
        (txt.decision, decision(doc, txt).to_owned()),
        (
            txt.decided_by,
            or_none(doc.decided_by.as_ref(), txt).to_owned(),
        ),
        (txt.decided_at, when(doc.decided_at.as_ref(), txt)),
    ];
    if doc.decision == Some(Decision::Rejected) || doc.reject_reason.is_some() {
        process.push((
            txt.reject_reason,
            or_none(doc.reject_reason.as_ref(), txt).to_owned(),
        ));
    }
    let badge_outcome = match doc.badge_outcome {
        Some(BadgeOutcome::Returned) => txt.badge_returned,
        Some(BadgeOutcome::Lost) => txt.badge_lost,
        None => txt.none,
    };
    let room = Section {
        title: txt.section_room,
        fields: vec![
            (txt.badge, or_none(doc.badge.as_ref(), txt).to_owned()),
            (txt.escort, or_none(doc.escort.as_ref(), txt).to_owned()),
            (txt.entered_at, when(doc.entered_at.as_ref(), txt)),
            (txt.exited_at, when(doc.exited_at.as_ref(), txt)),
            (txt.duration, minutes(doc.duration_minutes, txt)),
            (txt.badge_outcome, badge_outcome.to_owned()),
            (
                txt.id_returned,
                if doc.id_returned { txt.yes } else { txt.no }.to_owned(),
            ),
        ],
    };
    vec![
        visitor,
        Section {
            title: txt.section_process,
            fields: process,
        },
        room,
    ]
}

/// The archive line: who archived and when.
fn archive_fields(doc: &VisitDoc, txt: &ReportText) -> [(&'static str, String); 2] {
    [
        (
            txt.archived_by,
            or_none(doc.archived_by.as_ref(), txt).to_owned(),
        ),
        (txt.archived_at, when(doc.archived_at.as_ref(), txt)),
    ]
}

/// The three signature blocks: (role, name under the line).
fn signatures<'a>(doc: &'a VisitDoc, txt: &'a ReportText) -> [(&'static str, &'a str); 3] {
    let operator = doc
        .archived_by
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(&doc.started_by);
    [
        (txt.sign_visitor, doc.visitor.full_name.as_str()),
        (txt.sign_operator, operator),
        (txt.sign_supervisor, doc.decided_by.as_deref().unwrap_or("")),
    ]
}

/// One row of the steps table: number, name, actual, standard, over mark.
fn step_cells(s: &StepTiming, txt: &ReportText) -> [String; 5] {
    [
        s.step.to_string(),
        s.name.clone(),
        minutes(s.minutes, txt),
        format!("{} {}", s.standard, txt.minutes),
        if s.over() { txt.step_over } else { "" }.to_owned(),
    ]
}
