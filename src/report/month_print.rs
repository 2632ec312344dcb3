//! The monthly recap as a PDF (A4, the office's letterhead, the signature
//! block) and as CSV: UTF-8 with a byte-order mark, `;` or `,`, one block
//! per table with its own header row and an empty line between blocks.

use super::blocks::{Table, chain_and_signatures, field, heading, lang, letterhead, paragraph};
use super::layout::Flow;
use super::month::{MonthDay, MonthReport, StepShare};
use super::pdf::{Meta, PdfError};
use super::sheet::{BOM, guard};
use super::{ReportText, SignColumn, minutes, place_date, sign_column, when};

const SIZE: f32 = 8.0;
const LINE: f32 = 9.5;

/// `Oktober 2026`.
fn month_name(r: &MonthReport, t: &ReportText) -> String {
    crate::format::month_year(t.lang, &r.month)
}

/// `Senin, 02-11-2026`.
fn day_cell(d: &MonthDay, t: &ReportText) -> String {
    use chrono::Datelike;
    let day = crate::format::weekday_long(t.lang, d.day.weekday());
    format!("{day}, {}", crate::format::date(&d.day))
}

fn day_counts(d: &MonthDay) -> [String; 5] {
    [
        d.visitors.to_string(),
        d.entered.to_string(),
        d.rejected.to_string(),
        d.cancelled.to_string(),
        d.overstays.to_string(),
    ]
}

/// `80%`, or the "none" mark when no visit finished the step.
fn share_cell(s: &StepShare, t: &ReportText) -> String {
    s.percent()
        .map_or_else(|| t.none.to_owned(), |p| format!("{p}%"))
}

/// The signature columns: the supervisor who acknowledges, the operator.
fn signatures(r: &MonthReport, t: &ReportText) -> Vec<SignColumn> {
    vec![
        sign_column(
            t.acknowledged,
            &r.office.supervisor_title,
            r.supervisor.as_ref(),
            t,
        ),
        sign_column("", &r.office.operator_title, r.operator.as_ref(), t),
    ]
}

fn count_table(flow: &mut Flow, title: &str, first: &str, rows: &[(String, u32)], t: &ReportText) {
    heading(flow, title);
    if rows.is_empty() {
        paragraph(flow, t.no_visits);
        return;
    }
    flow.y -= 2.0;
    let table = Table {
        widths: &[320.0, 70.0],
        header: vec![first.to_owned(), t.count.to_owned()],
        size: SIZE,
        line: LINE,
        extra_from: 1,
    };
    table.header(flow);
    for (name, n) in rows {
        table.row(flow, &[name.clone(), n.to_string()], "");
    }
}

/// The monthly recap as a PDF.
pub fn month_pdf(r: &MonthReport, t: &ReportText) -> Result<Vec<u8>, PdfError> {
    let mut flow = Flow::new();
    let month = month_name(r, t);
    letterhead(&mut flow, &r.office, t, t.month_title, &month);
    field(&mut flow, t.site, &r.site_name);
    field(&mut flow, t.time_zone, &r.zone_label);
    field(&mut flow, t.generated_at, &when(Some(&r.generated_at), t));
    flow.y -= 4.0;

    heading(&mut flow, t.section_totals);
    let totals = &r.totals;
    field(&mut flow, t.total_visitors, &totals.visitors.to_string());
    field(&mut flow, t.total_entered, &totals.entered.to_string());
    field(&mut flow, t.total_rejected, &totals.rejected.to_string());
    field(&mut flow, t.total_cancelled, &totals.cancelled.to_string());
    field(&mut flow, t.total_overstays, &totals.overstays.to_string());

    heading(&mut flow, t.section_standards);
    flow.y -= 2.0;
    let steps = Table {
        widths: &[48.0, 177.0, 70.0, 55.0, 85.0, 60.0],
        header: [
            t.step,
            t.step_name,
            t.step_standard,
            t.col_finished,
            t.col_within,
            t.col_share,
        ]
        .map(str::to_owned)
        .to_vec(),
        size: SIZE,
        line: LINE,
        extra_from: 1,
    };
    steps.header(&mut flow);
    for s in &r.steps {
        let cells = [
            s.step.to_string(),
            s.name.clone(),
            minutes(Some(i64::from(s.standard)), t),
            s.timed.to_string(),
            s.within.to_string(),
            share_cell(s, t),
        ];
        steps.row(&mut flow, &cells, "");
    }
    flow.y -= 3.0;
    paragraph(&mut flow, t.standards_note);

    heading(&mut flow, t.section_per_day);
    flow.y -= 2.0;
    let days = Table {
        widths: &[130.0, 65.0, 65.0, 65.0, 65.0, 65.0],
        header: [
            t.col_date,
            t.col_visitors,
            t.col_entered,
            t.col_rejected,
            t.col_cancelled,
            t.col_overstays,
        ]
        .map(str::to_owned)
        .to_vec(),
        size: SIZE,
        line: LINE,
        extra_from: 1,
    };
    days.header(&mut flow);
    for d in &r.days {
        let mut cells = vec![day_cell(d, t)];
        cells.extend(day_counts(d));
        days.row(&mut flow, &cells, "");
    }
    let mut cells = vec![t.total_row.to_owned()];
    cells.extend(day_counts(&r.totals));
    days.row(&mut flow, &cells, "");
    flow.y -= 3.0;
    paragraph(&mut flow, t.month_counts_note);

    count_table(
        &mut flow,
        t.section_by_purpose,
        t.col_purpose,
        &r.by_purpose,
        t,
    );
    count_table(
        &mut flow,
        t.section_by_organisation,
        t.col_organisation,
        &r.by_organisation,
        t,
    );

    let place = place_date(&r.office, &r.generated_at, t);
    chain_and_signatures(
        &mut flow,
        r.chain_head.as_ref(),
        &place,
        &signatures(r, t),
        t,
    );

    let footer = format!(
        "SOP {} \u{2013} {} {month}",
        r.office.sop_number, t.month_title
    );
    let meta = Meta {
        title: t.month_title,
        language: lang(t),
        created: &r.generated_at,
    };
    flow.finish(&footer, t.page, t.missing_glyphs, &meta)
}

/// A block of the CSV: its header row and its rows, unguarded.
pub type Block = (Vec<String>, Vec<Vec<String>>);

/// The blocks [`month_csv`] writes, before guarding: per day (with the
/// total row), by purpose, by organisation, steps within their standard.
pub fn month_records(r: &MonthReport, t: &ReportText) -> Vec<Block> {
    let owned = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    let mut per_day: Vec<Vec<String>> = r
        .days
        .iter()
        .map(|d| {
            let mut row = vec![d.day.format("%Y-%m-%d").to_string()];
            row.extend(day_counts(d));
            row
        })
        .collect();
    let mut total = vec![t.total_row.to_owned()];
    total.extend(day_counts(&r.totals));
    per_day.push(total);
    let counts = |rows: &[(String, u32)]| {
        rows.iter()
            .map(|(k, n)| vec![k.clone(), n.to_string()])
            .collect::<Vec<_>>()
    };
    let steps = r
        .steps
        .iter()
        .map(|s| {
            vec![
                s.step.to_string(),
                s.name.clone(),
                s.standard.to_string(),
                s.timed.to_string(),
                s.within.to_string(),
                s.percent().map(|p| p.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    vec![
        (
            owned(&[
                t.col_date,
                t.col_visitors,
                t.col_entered,
                t.col_rejected,
                t.col_cancelled,
                t.col_overstays,
            ]),
            per_day,
        ),
        (owned(&[t.col_purpose, t.count]), counts(&r.by_purpose)),
        (
            owned(&[t.col_organisation, t.count]),
            counts(&r.by_organisation),
        ),
        (
            vec![
                t.step.to_owned(),
                t.step_name.to_owned(),
                format!("{} ({})", t.step_standard, t.minutes),
                t.col_finished.to_owned(),
                t.col_within.to_owned(),
                format!("{} (%)", t.col_share),
            ],
            steps,
        ),
    ]
}

/// The monthly recap as CSV: BOM, then the blocks of [`month_records`]
/// separated by an empty line, cells separated by `separator`.
pub fn month_csv(r: &MonthReport, t: &ReportText, separator: u8) -> Vec<u8> {
    let mut out = BOM.to_vec();
    for (i, (header, rows)) in month_records(r, t).into_iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(separator)
            .from_writer(Vec::new());
        // Writing CSV into a Vec cannot fail.
        let _ = w.write_record(header.iter().map(|c| guard(c)));
        for row in rows {
            let _ = w.write_record(row.iter().map(|c| guard(c)));
        }
        out.extend(w.into_inner().unwrap_or_default());
    }
    out
}
