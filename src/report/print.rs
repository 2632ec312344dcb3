//! The PDF documents: the visit form / activity report (one A4 page for an
//! ordinary visit) and the visitor report of a day or range, with the
//! office's letterhead and the signature block.

use super::layout::{Flow, LEFT, RIGHT, WIDTH};
use super::pdf::{Font, Meta, PdfError, text_width, wrap};
use super::{
    ChainHead, DayReport, Office, ReportText, SignColumn, VisitDoc, archive_fields, head_code,
    long_date, notice_line, period, place_date, report_signatures, review_line, row_duration,
    row_time, short_date, step_cells, visit_sections, visit_signatures, when,
};

const SIZE: f32 = 8.5;
const LINE: f32 = 10.5;
const LABEL_W: f32 = 150.0;
const VALUE_X: f32 = LEFT + LABEL_W + 6.0;
/// Two label/value pairs side by side.
const HALF: f32 = WIDTH / 2.0;
const HALF_LABEL: f32 = 92.0;
/// Space left for the wet signature.
const SIGN_SPACE: f32 = 44.0;

/// The document language for the PDF metadata.
pub(super) fn lang(t: &ReportText) -> &'static str {
    if t.at == "pukul" { "id" } else { "en" }
}

/// The letterhead (*kop*): the coat of arms on the left when configured,
/// the office's lines centred, a thick rule over a thin one; then the SOP
/// and the document's title.
pub(super) fn letterhead(
    flow: &mut Flow,
    office: &Office,
    t: &ReportText,
    title: &str,
    subtitle: &str,
) {
    let centre = f32::midpoint(LEFT, RIGHT);
    let top = flow.y;
    let contact = [
        (!office.phone.trim().is_empty())
            .then(|| format!("{} {}", t.phone_label, office.phone.trim())),
        (!office.email.trim().is_empty())
            .then(|| format!("{} {}", t.email_label, office.email.trim())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" \u{00b7} ");
    let lines = [
        (Font::Bold, 12.0, office.government.as_str()),
        (Font::Bold, 14.0, office.office.as_str()),
        (Font::Regular, 10.0, office.division.as_str()),
        (Font::Regular, 8.5, office.address.as_str()),
        (Font::Regular, 8.5, contact.as_str()),
    ];
    // With a logo, the text is centred on the space right of it.
    let (centre, text_width_max) = if office.logo_png.is_some() {
        (centre + 30.0, WIDTH - 120.0)
    } else {
        (centre, WIDTH)
    };
    for (font, size, text) in lines {
        if text.trim().is_empty() {
            continue;
        }
        for line in wrap(font, size, text.trim(), text_width_max) {
            flow.y -= size + 3.0;
            let y = flow.y;
            flow.page().text_centred(font, size, centre, y, &line);
        }
    }
    if let Some(png) = &office.logo_png {
        let height = 62.0_f32.min(top - flow.y + 4.0).max(40.0);
        flow.page().image(png, LEFT, top - height, height, height);
        flow.y = flow.y.min(top - height);
    }
    flow.y -= 6.0;
    let y = flow.y;
    flow.page().line(LEFT, y, RIGHT, y, 2.0);
    flow.page().line(LEFT, y - 2.5, RIGHT, y - 2.5, 0.6);
    flow.y -= 12.0;
    let sop = format!(
        "{} {} \u{2013} {}",
        t.sop_number,
        office.sop_number.trim(),
        office.sop_title.trim()
    );
    let centre = f32::midpoint(LEFT, RIGHT);
    for line in wrap(Font::Regular, 8.0, &sop, WIDTH) {
        let y = flow.y;
        flow.page()
            .text_centred(Font::Regular, 8.0, centre, y, &line);
        flow.y -= 10.0;
    }
    for line in wrap(Font::Bold, 12.5, &title.to_uppercase(), WIDTH) {
        flow.y -= 7.0;
        let y = flow.y;
        flow.page().text_centred(Font::Bold, 12.5, centre, y, &line);
        flow.y -= 6.0;
    }
    if !subtitle.is_empty() {
        flow.y -= 5.0;
        let y = flow.y;
        flow.page()
            .text_centred(Font::Regular, 9.5, centre, y, subtitle);
        flow.y -= 4.0;
    }
    flow.y -= 4.0;
}

/// A section title with a thin rule under it, kept with what follows.
pub(super) fn heading(flow: &mut Flow, title: &str) {
    flow.ensure(46.0);
    flow.y -= 11.0;
    let y = flow.y;
    flow.page().text(Font::Bold, 10.0, LEFT, y, title);
    flow.y -= 3.0;
    let y = flow.y;
    flow.page().line(LEFT, y, RIGHT, y, 0.5);
    flow.y -= 1.0;
}

/// `label   value`, both wrapped; breaks across pages line by line.
pub(super) fn field(flow: &mut Flow, label: &str, value: &str) {
    let labels = wrap(Font::Regular, SIZE, label, LABEL_W);
    let values = wrap(Font::Bold, SIZE, value, RIGHT - VALUE_X);
    let n = labels.len().max(values.len());
    for i in 0..n {
        flow.ensure(LINE);
        flow.y -= LINE;
        let y = flow.y + 2.5;
        let page = flow.page();
        if let Some(l) = labels.get(i) {
            page.text(Font::Regular, SIZE, LEFT, y, l);
        }
        if i == 0 {
            page.text(Font::Regular, SIZE, VALUE_X - 5.0, y, ":");
        }
        if let Some(v) = values.get(i) {
            page.text(Font::Bold, SIZE, VALUE_X, y, v);
        }
    }
}

/// Label/value pairs two to a row, each pair in half the width.
fn fields2(flow: &mut Flow, fields: &[(&str, String)]) {
    let value_w = HALF - HALF_LABEL - 12.0;
    for pair in fields.chunks(2) {
        let cells: Vec<(Vec<String>, Vec<String>)> = pair
            .iter()
            .map(|(l, v)| {
                (
                    wrap(Font::Regular, SIZE, l, HALF_LABEL - 2.0),
                    wrap(Font::Bold, SIZE, v, value_w),
                )
            })
            .collect();
        let n = cells
            .iter()
            .map(|(l, v)| l.len().max(v.len()))
            .max()
            .unwrap_or(1);
        #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
        let height = n as f32 * LINE;
        flow.ensure(height);
        let top = flow.y;
        for (col, (labels, values)) in cells.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "0 or 1")]
            let x = LEFT + col as f32 * HALF;
            for i in 0..labels.len().max(values.len()) {
                #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
                let y = top - (i + 1) as f32 * LINE + 2.5;
                let page = flow.page();
                if let Some(l) = labels.get(i) {
                    page.text(Font::Regular, SIZE, x, y, l);
                }
                if i == 0 {
                    page.text(Font::Regular, SIZE, x + HALF_LABEL, y, ":");
                }
                if let Some(v) = values.get(i) {
                    page.text(Font::Bold, SIZE, x + HALF_LABEL + 6.0, y, v);
                }
            }
        }
        flow.y = top - height;
    }
}

/// A ruled table whose header row is repeated on each new page.
pub(super) struct Table<'a> {
    pub widths: &'a [f32],
    pub header: Vec<String>,
    pub size: f32,
    pub line: f32,
    /// Extra lines under a row start under this column.
    pub extra_from: usize,
}

impl Table<'_> {
    const PAD: f32 = 2.5;

    fn cells(&self, font: Font, cells: &[String]) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(self.widths)
            .map(|(c, &w)| wrap(font, self.size, c, w - 2.0 * Self::PAD))
            .collect()
    }

    fn draw(&self, flow: &mut Flow, font: Font, cells: &[Vec<String>], extra: &[String]) {
        let n = cells.iter().map(Vec::len).max().unwrap_or(1);
        let mut x = LEFT;
        let top = flow.y;
        for (col, &w) in cells.iter().zip(self.widths) {
            for (i, line) in col.iter().enumerate() {
                #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
                let y = top - Self::PAD - self.size * 0.8 - i as f32 * self.line;
                flow.page().text(font, self.size, x + Self::PAD, y, line);
            }
            x += w;
        }
        #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
        let mut height = n as f32 * self.line + Self::PAD;
        let extra_x = LEFT + self.widths.iter().take(self.extra_from).sum::<f32>() + Self::PAD;
        for line in extra {
            let y = top - height - self.size * 0.8;
            flow.page()
                .text(Font::Bold, self.size - 0.5, extra_x, y, line);
            height += self.line;
        }
        flow.y = top - height - 1.0;
        let y = flow.y;
        let width = if font == Font::Bold { 0.8 } else { 0.3 };
        flow.page().line(LEFT, y, RIGHT.min(x), y, width);
    }

    fn height(&self, cells: &[Vec<String>], extra: &[String]) -> f32 {
        let n = cells.iter().map(Vec::len).max().unwrap_or(1) + extra.len();
        #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
        let h = n as f32 * self.line + Self::PAD + 1.0;
        h
    }

    pub(super) fn header(&self, flow: &mut Flow) {
        let y = flow.y;
        let right = LEFT + self.widths.iter().sum::<f32>();
        flow.page().line(LEFT, y, right, y, 0.8);
        let cells = self.cells(Font::Bold, &self.header);
        self.draw(flow, Font::Bold, &cells, &[]);
    }

    /// A row, with optional extra lines under it; a new page (with the
    /// header again) when it does not fit.
    pub(super) fn row(&self, flow: &mut Flow, cells: &[String], extra: &str) {
        let cells = self.cells(Font::Regular, cells);
        let extra = if extra.is_empty() {
            Vec::new()
        } else {
            let x = self.widths.iter().take(self.extra_from).sum::<f32>();
            wrap(
                Font::Bold,
                self.size - 0.5,
                extra,
                WIDTH - x - 2.0 * Self::PAD,
            )
        };
        if !flow.fits(self.height(&cells, &extra)) {
            flow.new_page();
            self.header(flow);
        }
        self.draw(flow, Font::Regular, &cells, &extra);
    }
}

/// A paragraph of wrapped text, broken across pages by line.
pub(super) fn paragraph(flow: &mut Flow, text: &str) {
    for line in wrap(Font::Regular, SIZE, text, WIDTH) {
        flow.ensure(LINE);
        flow.y -= LINE;
        let y = flow.y + 2.5;
        flow.page().text(Font::Regular, SIZE, LEFT, y, &line);
    }
}

/// The height of a paragraph.
fn paragraph_height(text: &str) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
    let n = wrap(Font::Regular, SIZE, text, WIDTH).len() as f32;
    n * LINE
}

/// The wrapped lines of each signature column and the block's height.
pub(super) struct SignLayout {
    columns: Vec<Vec<(Font, String)>>,
    /// Lines above the space to sign, the most any column has.
    above: usize,
    pub height: f32,
}

pub(super) fn sign_layout(columns: &[SignColumn]) -> SignLayout {
    #[expect(clippy::cast_precision_loss, reason = "2 or 3 columns")]
    let col = WIDTH / columns.len().max(1) as f32;
    let mut laid = Vec::new();
    let mut above = 0;
    let mut below = 0;
    for c in columns {
        let mut top: Vec<(Font, String)> = Vec::new();
        top.push((Font::Regular, c.over.clone()));
        for l in wrap(Font::Regular, SIZE + 0.5, &c.post, col - 12.0) {
            top.push((Font::Regular, l));
        }
        let mut bottom: Vec<(Font, String)> = Vec::new();
        let name = if c.name.is_empty() {
            "(\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026})"
                .to_owned()
        } else {
            c.name.clone()
        };
        for l in wrap(Font::Bold, SIZE + 0.5, &name, col - 12.0) {
            bottom.push((Font::Bold, l));
        }
        if let Some(nip) = &c.nip {
            bottom.push((Font::Regular, nip.clone()));
        }
        above = above.max(top.len());
        below = below.max(bottom.len());
        laid.push((top, bottom));
    }
    // Every column's post ends on the same line; names start together.
    let columns = laid
        .into_iter()
        .map(|(top, bottom)| {
            let mut lines = vec![(Font::Regular, String::new()); above - top.len()];
            lines.extend(top);
            lines.extend(bottom);
            lines
        })
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
    let height = 8.0 + (1 + above + below) as f32 * LINE + SIGN_SPACE;
    SignLayout {
        columns,
        above,
        height,
    }
}

/// The signature block: the place-and-date line over the rightmost
/// column, then the columns side by side. The caller has kept room for it
/// together with the last lines of the content.
pub(super) fn signature_block(flow: &mut Flow, place_date: &str, columns: &[SignColumn]) {
    let layout = sign_layout(columns);
    flow.ensure(layout.height);
    #[expect(clippy::cast_precision_loss, reason = "2 or 3 columns")]
    let col = WIDTH / columns.len().max(1) as f32;
    let last_x = RIGHT - col + 6.0;
    flow.y -= 8.0 + LINE;
    let y = flow.y + 2.5;
    flow.page()
        .text(Font::Regular, SIZE + 0.5, last_x, y, place_date);
    let top = flow.y;
    for (i, lines) in layout.columns.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "2 or 3 columns")]
        let x = LEFT + i as f32 * col + 6.0;
        let mut y = top;
        for (n, (font, text)) in lines.iter().enumerate() {
            if n == layout.above {
                y -= SIGN_SPACE;
            }
            y -= LINE;
            flow.page().text(*font, SIZE + 0.5, x, y + 2.5, text);
            if *font == Font::Bold && n == layout.above {
                // The name underlined, as on official papers.
                let w = text_width(*font, SIZE + 0.5, text);
                flow.page().line(x, y + 1.0, x + w, y + 1.0, 0.5);
            }
        }
    }
    flow.y = top - (layout.height - 8.0 - LINE);
}

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

/// The audit chain's code, then the signature block, kept together on
/// one page.
pub(super) fn chain_and_signatures(
    flow: &mut Flow,
    head: Option<&ChainHead>,
    place_date: &str,
    signatures: &[SignColumn],
    t: &ReportText,
) {
    let sign_h = sign_layout(signatures).height;
    flow.ensure(20.0 + 3.0 * LINE + 2.0 * paragraph_height(t.chain_check) + sign_h);
    heading(flow, t.section_chain);
    match head {
        Some(head) => {
            paragraph(flow, &format!("{}:", t.chain_code));
            code_line(flow, &head_code(head));
            paragraph(flow, t.chain_check);
        }
        None => paragraph(flow, t.chain_none),
    }
    signature_block(flow, place_date, signatures);
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

/// The chain's code on one line (shrunk if it must), so it copies back
/// whole.
fn code_line(flow: &mut Flow, code: &str) {
    let mut size = 9.0;
    while size > 5.0 && text_width(Font::Bold, size, code) > WIDTH - 20.0 {
        size -= 0.5;
    }
    for line in wrap(Font::Bold, size, code, WIDTH - 20.0) {
        flow.ensure(LINE + 2.0);
        flow.y -= LINE + 2.0;
        let y = flow.y + 2.5;
        flow.page().text(Font::Bold, size, LEFT + 20.0, y, &line);
    }
}
