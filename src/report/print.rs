//! The PDF documents: the visit form / activity report (one A4 page for an
//! ordinary visit) and the visitor report of a day or range, with the
//! office's letterhead and the signature block (their blocks are in
//! `blocks.rs`).

use super::blocks::{
    LINE, SIZE, Table, chain_and_signatures, field, fields2, heading, lang, letterhead, paragraph,
    paragraph_height, sign_layout, signature_block,
};
use super::layout::{Flow, WIDTH};
use super::pdf::{Font, Meta, PdfError, text_width, wrap};
use super::{
    DayReport, ReportText, VisitDoc, archive_fields, long_date, notice_line, period, place_date,
    report_signatures, review_line, row_duration, row_time, short_date, step_cells, visit_sections,
    visit_signatures, when,
};

/// The visit form / activity report (SOP step 7) as a PDF: one A4 page for
/// an ordinary visit.
pub fn visit_pdf(doc: &VisitDoc, t: &ReportText) -> Result<Vec<u8>, PdfError> {
    let mut flow = Flow::new();
    let number = format!("{} {}", t.visit_number, doc.visit_number);
    letterhead(&mut flow, &doc.office, t, t.visit_title, &number);
    fields2(
        &mut flow,
        &[
            (t.site, doc.site_name.clone()),
            (t.status, doc.status.clone()),
        ],
    );
    for s in visit_sections(doc, t) {
        heading(&mut flow, s.title);
        fields2(&mut flow, &s.fields);
    }

    heading(&mut flow, t.section_steps);
    flow.y -= 2.0;
    let steps = Table {
        widths: &[45.0, 240.0, 85.0, 85.0, 60.0],
        header: [t.step, t.step_name, t.step_actual, t.step_standard, ""]
            .map(str::to_owned)
            .to_vec(),
        size: 8.0,
        line: 9.5,
        extra_from: 1,
    };
    steps.header(&mut flow);
    for s in &doc.steps {
        steps.row(&mut flow, &step_cells(s, t), "");
    }

    heading(&mut flow, t.section_checklist);
    if doc.checklist.is_empty() {
        paragraph(&mut flow, t.checklist_empty);
    } else {
        flow.y -= 2.0;
        let checklist = Table {
            widths: &[22.0, 183.0, 90.0, 220.0],
            header: ["#", t.checklist_item, t.checklist_result, t.checklist_note]
                .map(str::to_owned)
                .to_vec(),
            size: 8.0,
            line: 9.5,
            extra_from: 1,
        };
        checklist.header(&mut flow);
        for (i, c) in doc.checklist.iter().enumerate() {
            let result = c.result(t);
            let cells = [
                (i + 1).to_string(),
                c.item.clone(),
                result.to_owned(),
                c.note.clone(),
            ];
            checklist.row(&mut flow, &cells, "");
        }
    }

    heading(&mut flow, t.section_activity);
    let notes = if doc.activity_notes.trim().is_empty() {
        t.activity_empty
    } else {
        doc.activity_notes.as_str()
    };
    // The signatures never stand alone: the last lines of the notes and
    // the archive line go with them.
    let signatures = visit_signatures(doc, t);
    let notice = notice_line(doc, t);
    let notice_h = notice.as_deref().map_or(0.0, |n| paragraph_height(n) + 6.0);
    let sign_h = sign_layout(&signatures).height + notice_h;
    let lines = wrap(Font::Regular, SIZE, notes, WIDTH);
    let keep = lines.len().min(2);
    let (first, last) = lines.split_at(lines.len() - keep);
    if !first.is_empty() {
        paragraph(&mut flow, &first.join("\n"));
    }
    #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
    let tail_h = last.len() as f32 * LINE + 4.0 + LINE;
    flow.ensure(tail_h + sign_h);
    paragraph(&mut flow, &last.join("\n"));
    flow.y -= 4.0;
    fields2(&mut flow, &archive_fields(doc, t));
    if let Some(n) = &notice {
        flow.y -= 6.0;
        paragraph(&mut flow, n);
    }

    signature_block(
        &mut flow,
        &place_date(&doc.office, &doc.printed_at, t),
        &signatures,
    );

    let footer = format!(
        "SOP {} \u{2013} {} {}",
        doc.office.sop_number, t.visit_number, doc.visit_number
    );
    let meta = Meta {
        title: t.visit_title,
        language: lang(t),
        created: &doc.printed_at,
    };
    flow.finish(&footer, t.page, t.missing_glyphs, &meta)
}

/// The visitor report (*Laporan Pengunjung*) of a day or range as a PDF.
pub fn day_pdf(r: &DayReport, t: &ReportText) -> Result<Vec<u8>, PdfError> {
    let mut flow = Flow::new();
    letterhead(&mut flow, &r.office, t, t.day_title, &period(r, t));
    field(&mut flow, t.site, &r.site_name);
    field(&mut flow, t.generated_at, &when(Some(&r.generated_at), t));
    flow.y -= 8.0;

    let range = r.from != r.to;
    let zone = &r.zone_label;
    if r.rows.is_empty() {
        paragraph(&mut flow, t.no_visits);
    } else {
        let col_in = format!("{} ({zone})", t.col_in);
        let col_out = format!("{} ({zone})", t.col_out);
        let mut header = vec![t.col_visit.to_owned()];
        if range {
            header.push(t.col_date.to_owned());
        }
        header.extend([
            col_in,
            col_out,
            t.duration.to_owned(),
            t.col_name.to_owned(),
            t.col_organisation.to_owned(),
            t.col_purpose.to_owned(),
            t.col_status.to_owned(),
        ]);
        if !range {
            header.push(t.col_badge.to_owned());
        }
        header.push(t.col_decided_by.to_owned());
        let mut widths: Vec<f32> = if range {
            vec![28.0, 50.0, 36.0, 36.0, 48.0, 80.0, 68.0, 56.0, 50.0, 63.0]
        } else {
            vec![26.0, 36.0, 36.0, 50.0, 86.0, 73.0, 60.0, 50.0, 36.0, 62.0]
        };
        // Up to seven digits: the number column takes what it needs from
        // the name column, so a visit number is never wrapped.
        let need = r
            .rows
            .iter()
            .map(|row| text_width(Font::Regular, 7.5, &row.visit_number.to_string()))
            .fold(0.0_f32, f32::max)
            + 2.0 * Table::PAD
            + 0.5;
        let more = (need - widths[0]).max(0.0);
        let name = if range { 5 } else { 4 };
        widths[0] += more;
        widths[name] -= more;
        let widths = widths.as_slice();
        let table = Table {
            widths,
            header,
            size: 7.5,
            line: 9.0,
            extra_from: if range { 5 } else { 4 },
        };
        table.header(&mut flow);
        for row in &r.rows {
            let none = || t.none.to_owned();
            let mut cells = vec![row.visit_number.to_string()];
            if range {
                cells.push(short_date(row.date));
            }
            cells.extend([
                row_time(row.time_in.as_ref(), row.date, t),
                row_time(row.time_out.as_ref(), row.date, t),
                row_duration(row, t),
                row.visitor_name.clone(),
                row.organisation.clone(),
                row.purpose.clone(),
                row.status.clone(),
            ]);
            if !range {
                cells.push(row.badge.as_ref().map_or_else(none, ToString::to_string));
            }
            cells.push(row.decided_by.clone().unwrap_or_else(none));
            table.row(&mut flow, &cells, &extra_line(row, range, t));
        }
    }

    heading(&mut flow, t.section_by_purpose);
    flow.y -= 2.0;
    let purposes = Table {
        widths: &[300.0, 80.0],
        header: vec![t.col_purpose.to_owned(), t.count.to_owned()],
        size: SIZE,
        line: LINE,
        extra_from: 1,
    };
    purposes.header(&mut flow);
    for (purpose, n) in &r.by_purpose {
        purposes.row(&mut flow, &[purpose.clone(), n.to_string()], "");
    }

    heading(&mut flow, t.section_totals);
    field(&mut flow, t.total_visitors, &r.totals.visitors.to_string());
    field(&mut flow, t.total_rejected, &r.totals.rejected.to_string());
    field(
        &mut flow,
        t.total_overstays,
        &r.totals.overstays.to_string(),
    );

    heading(&mut flow, t.section_review);
    if r.reviews.is_empty() {
        paragraph(&mut flow, t.not_reviewed);
    }
    for line in &r.reviews {
        paragraph(&mut flow, &review_line(line, t));
    }

    let signatures = report_signatures(r, t);
    let place = place_date(&r.office, &r.generated_at, t);
    chain_and_signatures(&mut flow, r.chain_head.as_ref(), &place, &signatures, t);

    let footer = format!(
        "SOP {} \u{2013} {} {}",
        r.office.sop_number,
        t.day_title,
        long_date(r.from, t)
    );
    let meta = Meta {
        title: t.day_title,
        language: lang(t),
        created: &r.generated_at,
    };
    flow.finish(&footer, t.page, t.missing_glyphs, &meta)
}

/// The line under a row of the day table: the badge (ranges), the
/// decision when the visit was not let in, the reason, the flags.
fn extra_line(row: &super::DayRow, range: bool, t: &ReportText) -> String {
    let mut parts = Vec::new();
    if range && let Some(b) = &row.badge {
        parts.push(format!("{} {b}", t.col_badge));
    }
    if row.decision == Some(super::Decision::Rejected) {
        let reason = row.reject_reason.as_deref().unwrap_or("").trim();
        if reason.is_empty() {
            parts.push(t.rejected.to_owned());
        } else {
            parts.push(format!("{}: {reason}", t.rejected));
        }
    }
    if !row.flags.is_empty() {
        parts.push(format!("! {}", row.flags.join("; ")));
    }
    parts.join(" \u{00b7} ")
}
