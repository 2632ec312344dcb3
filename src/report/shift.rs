//! The end-of-shift list as a PDF: who is still inside, which ID documents
//! the operator still holds, which badges are out or lost; signed by the
//! operator handing over, acknowledged by the supervisor.

use chrono::NaiveDate;

use super::blocks::{Table, field, heading, letterhead, paragraph, sign_layout, signature_block};
use super::layout::{Flow, LEFT, WIDTH};
use super::pdf::{Font, Meta, PdfError, wrap};
use super::{
    ReportText, ShiftDoc, ShiftVisit, SignColumn, minutes, place_date, row_time, sign_column, when,
};

fn visit_cells(v: &ShiftVisit, today: NaiveDate, t: &ReportText, with_time: bool) -> Vec<String> {
    let none = || t.none.to_owned();
    let mut cells = vec![
        v.visit_number.to_string(),
        v.visitor_name.clone(),
        v.organisation.clone(),
    ];
    if with_time {
        cells.extend([
            v.badge.as_ref().map_or_else(none, ToString::to_string),
            v.escort.clone().unwrap_or_else(none),
            row_time(v.entered_at.as_ref(), today, t),
            minutes(v.minutes, t),
        ]);
    } else {
        cells.extend([
            v.id_type.clone(),
            v.id_number_masked.clone(),
            v.status.clone(),
        ]);
    }
    cells
}

/// The end-of-shift list as a PDF.
pub fn shift_pdf(doc: &ShiftDoc, t: &ReportText) -> Result<Vec<u8>, PdfError> {
    let mut flow = Flow::new();
    let today = doc.printed_at.date_naive();
    letterhead(&mut flow, &doc.office, t, t.shift_title, &doc.site_name);
    field(&mut flow, t.generated_at, &when(Some(&doc.printed_at), t));
    let by = doc.printed_by.as_ref().map_or(t.none, |s| s.name.as_str());
    field(&mut flow, t.printed_by, by);
    flow.y -= 6.0;

    heading(
        &mut flow,
        &format!("{} ({})", t.shift_inside, doc.inside.len()),
    );
    if doc.inside.is_empty() {
        paragraph(&mut flow, t.shift_nothing);
    } else {
        flow.y -= 2.0;
        let table = Table {
            widths: &[32.0, 110.0, 100.0, 45.0, 90.0, 50.0, 88.0],
            header: [
                t.col_visit,
                t.col_name,
                t.col_organisation,
                t.col_badge,
                t.col_escort,
                t.col_entered,
                t.duration,
            ]
            .map(str::to_owned)
            .to_vec(),
            size: 8.0,
            line: 9.5,
            extra_from: 1,
        };
        table.header(&mut flow);
        for v in &doc.inside {
            table.row(&mut flow, &visit_cells(v, today, t, true), "");
        }
    }

    heading(
        &mut flow,
        &format!("{} ({})", t.shift_ids_held, doc.ids_held.len()),
    );
    if doc.ids_held.is_empty() {
        paragraph(&mut flow, t.shift_nothing);
    } else {
        flow.y -= 2.0;
        let table = Table {
            widths: &[32.0, 120.0, 110.0, 60.0, 100.0, 93.0],
            header: [
                t.col_visit,
                t.col_name,
                t.col_organisation,
                t.id_type,
                t.id_number,
                t.col_status,
            ]
            .map(str::to_owned)
            .to_vec(),
            size: 8.0,
            line: 9.5,
            extra_from: 1,
        };
        table.header(&mut flow);
        for v in &doc.ids_held {
            table.row(&mut flow, &visit_cells(v, today, t, false), "");
        }
    }

    let out: Vec<String> = doc
        .badges_out
        .iter()
        .map(|(b, n)| format!("{b} (#{n})"))
        .collect();
    for (title, items) in [
        (t.shift_badges_out, out),
        (
            t.shift_badges_lost,
            doc.badges_lost.iter().map(ToString::to_string).collect(),
        ),
    ] {
        heading(&mut flow, &format!("{title} ({})", items.len()));
        if items.is_empty() {
            paragraph(&mut flow, t.shift_nothing);
        } else {
            paragraph(&mut flow, &items.join(", "));
        }
    }

    let signatures: Vec<SignColumn> = vec![
        sign_column(t.acknowledged, &doc.office.supervisor_title, None, t),
        sign_column("", &doc.office.operator_title, doc.printed_by.as_ref(), t),
    ];
    let verdict = if doc.is_clear() {
        t.shift_clear
    } else {
        t.shift_not_clear
    };
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let verdict_h = wrap(Font::Bold, 10.0, verdict, WIDTH).len() as f32 * 13.0 + 10.0;
    flow.ensure(verdict_h + sign_layout(&signatures).height);
    flow.y -= 10.0;
    for line in wrap(Font::Bold, 10.0, verdict, WIDTH) {
        flow.y -= 13.0;
        let y = flow.y;
        flow.page().text(Font::Bold, 10.0, LEFT, y, &line);
    }
    signature_block(
        &mut flow,
        &place_date(&doc.office, &doc.printed_at, t),
        &signatures,
    );
    let footer = format!("SOP {} \u{2013} {}", doc.office.sop_number, t.shift_title);
    let meta = Meta {
        title: t.shift_title,
        language: super::blocks::lang(t),
        created: &doc.printed_at,
    };
    flow.finish(&footer, t.page, t.missing_glyphs, &meta)
}
