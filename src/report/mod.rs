//! Documents made from plain data: the visit form / activity report (SOP step
//! 7, for the paper archive) and the visitor report of a day or range, as
//! plain text, CSV and PDF.
//!
//! The documents themselves are pure functions of their input: no database,
//! terminal or clock. [`build`] fills [`VisitDoc`] and [`DayReport`] from the
//! store; every word comes from a [`ReportText`] catalog; [`output`] sends
//! the bytes to the printer or saves them.

mod blocks;
pub mod build;
mod layout;
pub mod model;
pub mod month;
mod month_print;
pub mod output;
pub mod pdf;
mod plain;
mod print;
mod shape;
pub mod sheet;
mod shift;
pub mod text;

pub use build::{day_report, day_report_at, visit_doc};
pub use model::{
    BadgeOutcome, ChainHead, ChecklistLine, DayReport, DayReviewLine, DayRow, DayTotals,
    DecidedHow, Decision, Office, Review, ShiftDoc, ShiftVisit, Signer, StepTiming, Time, VisitDoc,
    Visitor,
};
pub use month::{MonthReport, month_report, month_report_at};
pub use month_print::{month_csv, month_pdf, month_records};
pub use output::{
    Delivered, deliver, file_name_for_days, file_name_for_month, file_name_for_visit, save,
    with_door,
};
pub use pdf::PdfError;
pub use plain::{day_txt, visit_txt};
pub use print::{day_pdf, visit_pdf};
pub use sheet::{
    BOM, SheetError, day_csv, day_csv_streamed, day_csv_streamed_at, day_records, guard, unguard,
    write_day_csv,
};
pub use shift::shift_pdf;
pub use text::{EN, ID, ReportText, report_text};

use chrono::{Datelike, NaiveDate, Timelike};

/// `09.13` (Indonesian) or `09:13`.
fn clock(t: &Time, txt: &ReportText) -> String {
    format!("{:02}{}{:02}", t.hour(), txt.time_sep, t.minute())
}

/// A time as written in running text and fields:
/// `28 November 2026 pukul 09.13 WIB`, or the "none" mark.
fn when(t: Option<&Time>, txt: &ReportText) -> String {
    t.map_or_else(
        || txt.none.to_owned(),
        |t| {
            format!(
                "{} {} {} {}",
                long_date(t.date_naive(), txt),
                txt.at,
                clock(t, txt),
                t.format("%Z")
            )
        },
    )
}

/// An optional name or text, or the "none" mark.
fn or_none<'a, S: AsRef<str> + ?Sized>(v: Option<&'a S>, txt: &'a ReportText) -> &'a str {
    match v.map(AsRef::as_ref) {
        Some(s) if !s.trim().is_empty() => s,
        _ => txt.none,
    }
}

/// A text that may be empty, or the "none" mark.
fn or_dash<'a>(v: &'a str, txt: &'a ReportText) -> &'a str {
    if v.trim().is_empty() { txt.none } else { v }
}

/// `50 menit`, `1 jam 5 menit`, `2 jam`; the "none" mark for `None`.
fn minutes(m: Option<i64>, txt: &ReportText) -> String {
    let Some(m) = m else {
        return txt.none.to_owned();
    };
    let (h, m) = (m / 60, m % 60);
    match (h, m) {
        (0, m) => format!("{m} {}", txt.minutes),
        (h, 0) => format!("{h} {}", txt.hours),
        (h, m) => format!("{h} {} {m} {}", txt.hours, txt.minutes),
    }
}

/// The time inside of a row: its duration, or "masih di dalam".
fn row_duration(row: &DayRow, txt: &ReportText) -> String {
    if row.still_inside {
        txt.still_inside.to_owned()
    } else {
        minutes(row.duration_minutes, txt)
    }
}

/// `2 Mei 2024`.
fn long_date(d: NaiveDate, txt: &ReportText) -> String {
    crate::format::long_date(txt.lang, &d)
}

/// `Sabtu, 28 November 2026`.
fn day_name_date(d: NaiveDate, txt: &ReportText) -> String {
    let day = crate::format::weekday_long(txt.lang, d.weekday());
    format!("{day}, {}", long_date(d, txt))
}

/// The report's period: one day, or `from – to`.
fn period(r: &DayReport, txt: &ReportText) -> String {
    if r.from == r.to {
        day_name_date(r.from, txt)
    } else {
        format!(
            "{} \u{2013} {}",
            long_date(r.from, txt),
            long_date(r.to, txt)
        )
    }
}

/// A time cell of a table: `09.13`, or "—" (entry and exit of a visit
/// that never went in).
/// A time cell of a row about `day`: `09.13`, or `04-12 09.13` when it
/// fell on another day (a visitor out the morning after, or still inside
/// since yesterday on the end-of-shift list).
fn row_time(t: Option<&Time>, day: NaiveDate, txt: &ReportText) -> String {
    t.map_or_else(
        || "\u{2014}".to_owned(),
        |t| {
            if t.date_naive() == day {
                clock(t, txt)
            } else {
                format!("{} {}", crate::format::day_month(t), clock(t, txt))
            }
        },
    )
}

/// A date cell of a range table: `28-11-2026`.
fn short_date(d: NaiveDate) -> String {
    crate::format::date(&d)
}

/// A NIP as printed: 18 digits grouped 8-6-1-3 (`19850115 201001 1 001`),
/// anything else as stored.
pub fn nip_grouped(nip: &str) -> String {
    let nip = nip.trim();
    if nip.len() == 18 && nip.bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "{} {} {} {}",
            &nip[..8],
            &nip[8..14],
            &nip[14..15],
            &nip[15..]
        )
    } else {
        nip.to_owned()
    }
}

/// The chain head as `verify --expect-head` takes it: `N:HMAC`.
fn head_code(head: &ChainHead) -> String {
    format!("{}:{}", head.events, head.last_hmac)
}

/// The place-and-date line: `Muara Enim, 28 November 2026`.
fn place_date(office: &Office, at: &Time, txt: &ReportText) -> String {
    format!("{}, {}", office.city, long_date(at.date_naive(), txt))
}

/// One column of a signature block.
struct SignColumn {
    /// Above the post ("Mengetahui,"), or empty.
    over: String,
    /// The post, ending with a comma.
    post: String,
    /// The name under the space to sign; empty leaves a line to write on.
    name: String,
    /// `NIP. 19850115 201001 1 001`, or `None` for a visitor.
    nip: Option<String>,
}

fn sign_column(over: &str, post: &str, who: Option<&Signer>, txt: &ReportText) -> SignColumn {
    let (name, nip) = who.map_or((String::new(), String::new()), |s| {
        (s.name.trim().to_owned(), nip_grouped(&s.nip))
    });
    SignColumn {
        over: over.to_owned(),
        post: format!("{post},"),
        name,
        nip: Some(format!("{} {nip}", txt.nip).trim_end().to_owned()),
    }
}

/// The signature columns of a day or range report: the supervisor who
/// acknowledges (left), the operator (right).
fn report_signatures(r: &DayReport, txt: &ReportText) -> Vec<SignColumn> {
    vec![
        sign_column(
            txt.acknowledged,
            &r.office.supervisor_title,
            r.supervisor.as_ref(),
            txt,
        ),
        sign_column("", &r.office.operator_title, r.operator.as_ref(), txt),
    ]
}

/// The visitor's acknowledgement of the privacy notice, printed above the
/// signatures (the visitor signs under it); `None` for visits before it.
fn notice_line(doc: &VisitDoc, txt: &ReportText) -> Option<String> {
    let (at, days) = doc.notice_agreed.as_ref()?;
    Some(crate::text::visitor::visitor_text(txt.lang).notice_agreed(&when(Some(at), txt), *days))
}

/// The signature columns of a visit: the supervisor who decided (left),
/// the visitor (middle), the operator (right).
fn visit_signatures(doc: &VisitDoc, txt: &ReportText) -> Vec<SignColumn> {
    vec![
        sign_column(
            txt.acknowledged,
            &doc.office.supervisor_title,
            doc.supervisor.as_ref(),
            txt,
        ),
        SignColumn {
            over: String::new(),
            post: format!("{},", txt.sign_visitor),
            name: doc.visitor.full_name.trim().to_owned(),
            nip: None,
        },
        sign_column("", &doc.office.operator_title, doc.operator.as_ref(), txt),
    ]
}

/// The review of one day as a line: `Sabtu, 28 November 2026: ditinjau
/// oleh SITI pukul 17.05 WIB — catatan`, or `…: Belum ditinjau`.
fn review_line(line: &DayReviewLine, txt: &ReportText) -> String {
    let day = day_name_date(line.day, txt);
    match &line.review {
        None => format!("{day}: {}", txt.not_reviewed),
        Some(r) => {
            let mut s = format!(
                "{day}: {} {} {} {} {}",
                txt.reviewed_by,
                r.by.name,
                txt.at,
                clock(&r.at, txt),
                r.at.format("%Z")
            );
            if r.at.date_naive() != line.day {
                s = format!(
                    "{day}: {} {} ({})",
                    txt.reviewed_by,
                    r.by.name,
                    when(Some(&r.at), txt)
                );
            }
            if !r.note.trim().is_empty() {
                s = format!("{s}. {}: {}", txt.review_note, r.note.trim());
            }
            s
        }
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
    let mut fields = vec![
        (txt.full_name, s(&v.full_name)),
        (txt.id_type, s(&v.id_type)),
        (txt.id_number, s(&v.id_number)),
        (txt.organisation, s(&v.organisation)),
        (txt.phone, s(&v.phone)),
        (txt.purpose, s(&v.purpose_category)),
        (txt.purpose_detail, s(&v.purpose_detail)),
        (txt.letter, s(&v.letter)),
        (txt.equipment, s(&v.equipment)),
        (
            txt.planned_duration,
            minutes(Some(i64::from(v.planned_minutes)), txt),
        ),
        (txt.person_visited, s(&v.person_visited)),
    ];
    // Teams only: a visitor alone has no such line.
    if !v.team.is_empty() {
        fields.push((txt.team, v.team.clone()));
    }
    let visitor = Section {
        title: txt.section_visitor,
        fields,
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
    match &doc.decided_how {
        Some(DecidedHow::PreApproved { plan, recorded_by }) => {
            let how = match recorded_by {
                Some(name) => format!(
                    "{} #{plan}; {} {name}",
                    txt.pre_approved_plan, txt.recorded_at_door_by
                ),
                None => format!("{} #{plan}", txt.pre_approved_plan),
            };
            process.push((txt.decided_how, how));
        }
        Some(DecidedHow::Watched { entries }) => process.push((
            txt.decided_how,
            format!("{} ({entries} {})", txt.watch_matched, txt.watch_entries),
        )),
        None => {}
    }
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

/// One row of the steps table: number, name, actual, standard, over mark.
fn step_cells(s: &StepTiming, txt: &ReportText) -> [String; 5] {
    [
        s.step.to_string(),
        s.name.clone(),
        minutes(s.minutes, txt),
        minutes(Some(i64::from(s.standard)), txt),
        if s.over() { txt.step_over } else { "" }.to_owned(),
    ]
}
