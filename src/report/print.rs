//! The PDF documents: the visit form / activity report and the visitor
//! report, A4, several pages when long.

use super::layout::{Flow, LEFT, RIGHT, WIDTH};
use super::pdf::{Font, text_width, wrap};
use super::{
    DayReport, ReportText, SOP_NUMBER, VisitDoc, archive_fields, period, row_time, signatures,
    step_cells, visit_sections, when,
};

const SIZE: f32 = 9.5;
const LINE: f32 = 12.0;
const LABEL_W: f32 = 170.0;
const VALUE_X: f32 = LEFT + LABEL_W + 5.0;

/// The letterhead: issuer, SOP number and name, the document's title.
fn letterhead(flow: &mut Flow, t: &ReportText, title: &str) {
    let centre = f32::midpoint(LEFT, RIGHT);
    let lines = [
        (Font::Bold, 12.0, t.issuer_government),
        (Font::Bold, 11.0, t.issuer_office),
        (Font::Regular, 9.0, t.issuer_division),
    ];
    for (font, size, text) in lines {
        flow.y -= size + 3.0;
        let y = flow.y;
        flow.page().text_centred(font, size, centre, y, text);
    }
    flow.y -= 12.0;
    let sop = format!("{} {SOP_NUMBER} \u{2013} {}", t.sop_number, t.sop_name);
    for line in wrap(Font::Regular, 8.5, &sop, WIDTH) {
        let y2 = flow.y;
        flow.page()
            .text_centred(Font::Regular, 8.5, centre, y2, &line);
        flow.y -= 10.0;
    }
    flow.y += 4.0;
    let y = flow.y;
    flow.page().line(LEFT, y, RIGHT, y, 1.2);
    for line in wrap(Font::Bold, 13.0, title, WIDTH) {
        flow.y -= 17.0;
        let y = flow.y;
        flow.page().text_centred(Font::Bold, 13.0, centre, y, &line);
    }
    flow.y -= 8.0;
    let y = flow.y;
    flow.page().line(LEFT, y, RIGHT, y, 1.2);
    flow.y -= 8.0;
}

/// A section title with a thin rule under it, kept with what follows.
fn heading(flow: &mut Flow, title: &str) {
    flow.ensure(50.0);
    flow.y -= 16.0;
    let y = flow.y;
    flow.page().text(Font::Bold, 11.0, LEFT, y, title);
    flow.y -= 4.0;
    let y = flow.y;
    flow.page().line(LEFT, y, RIGHT, y, 0.5);
    flow.y -= 2.0;
}

/// `label   value`, both wrapped; breaks across pages line by line.
fn field(flow: &mut Flow, label: &str, value: &str) {
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
            page.text(Font::Regular, SIZE, VALUE_X - 6.0, y, ":");
        }
        if let Some(v) = values.get(i) {
            page.text(Font::Bold, SIZE, VALUE_X, y, v);
        }
    }
}

/// A ruled table whose header row is repeated on each new page.
struct Table<'a> {
    widths: &'a [f32],
    header: Vec<String>,
    size: f32,
    line: f32,
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
        // Extra lines (flags) run under the row from the third column on.
        let extra_x = LEFT + self.widths.iter().take(4).sum::<f32>() + Self::PAD;
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

    fn header(&self, flow: &mut Flow) {
        let y = flow.y;
        let right = LEFT + self.widths.iter().sum::<f32>();
        flow.page().line(LEFT, y, right, y, 0.8);
        let cells = self.cells(Font::Bold, &self.header);
        self.draw(flow, Font::Bold, &cells, &[]);
    }

    /// A row, with optional extra lines under it; a new page (with the
    /// header again) when it does not fit.
    fn row(&self, flow: &mut Flow, cells: &[String], extra: &str) {
        let cells = self.cells(Font::Regular, cells);
        let extra = if extra.is_empty() {
            Vec::new()
        } else {
            let x = self.widths.iter().take(4).sum::<f32>();
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
fn paragraph(flow: &mut Flow, text: &str) {
    for line in wrap(Font::Regular, SIZE, text, WIDTH) {
        flow.ensure(LINE);
        flow.y -= LINE;
        let y = flow.y + 2.5;
        flow.page().text(Font::Regular, SIZE, LEFT, y, &line);
    }
}

/// The visit form / activity report (SOP step 7) as a PDF.
pub fn visit_pdf(doc: &VisitDoc, t: &ReportText) -> Vec<u8> {
    let mut flow = Flow::new();
    letterhead(&mut flow, t, t.visit_title);
    field(&mut flow, t.visit_number, &doc.visit_number.to_string());
    field(&mut flow, t.site, &doc.site_name);
    field(&mut flow, t.status, &doc.status);
    for s in visit_sections(doc, t) {
        heading(&mut flow, s.title);
        for (label, value) in &s.fields {
            field(&mut flow, label, value);
        }
    }

    heading(&mut flow, t.section_steps);
    flow.y -= 4.0;
    let steps = Table {
        widths: &[50.0, 235.0, 85.0, 85.0, 60.0],
        header: [t.step, t.step_name, t.step_actual, t.step_standard, ""]
            .map(str::to_owned)
            .to_vec(),
        size: 9.0,
        line: 11.0,
    };
    steps.header(&mut flow);
    for s in &doc.steps {
        steps.row(&mut flow, &step_cells(s, t), "");
    }

    heading(&mut flow, t.section_checklist);
    if doc.checklist.is_empty() {
        paragraph(&mut flow, t.checklist_empty);
    } else {
        flow.y -= 4.0;
        let checklist = Table {
            widths: &[25.0, 190.0, 60.0, 240.0],
            header: ["#", t.checklist_item, t.checklist_result, t.checklist_note]
                .map(str::to_owned)
                .to_vec(),
            size: 9.0,
            line: 11.0,
        };
        checklist.header(&mut flow);
        for (i, c) in doc.checklist.iter().enumerate() {
            let result = if c.ok { t.ok } else { t.not_ok };
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
    if doc.activity_notes.trim().is_empty() {
        paragraph(&mut flow, t.activity_empty);
    } else {
        paragraph(&mut flow, &doc.activity_notes);
    }
    flow.y -= 6.0;
    for (label, value) in archive_fields(doc, t) {
        field(&mut flow, label, &value);
    }

    signature_blocks(&mut flow, doc, t);

    let footer = format!(
        "SOP {SOP_NUMBER} \u{2013} {} {}",
        t.visit_number, doc.visit_number
    );
    flow.finish(&footer, t.page, t.visit_title)
}

/// Three signature blocks side by side: role, space to sign, a line, the name.
fn signature_blocks(flow: &mut Flow, doc: &VisitDoc, t: &ReportText) {
    const GAP: f32 = 50.0;
    let col = WIDTH / 3.0;
    let sigs = signatures(doc, t);
    let roles: Vec<Vec<String>> = sigs
        .iter()
        .map(|(role, _)| wrap(Font::Bold, SIZE, role, col - 16.0))
        .collect();
    let names: Vec<Vec<String>> = sigs
        .iter()
        .map(|(_, name)| wrap(Font::Regular, SIZE, name, col - 16.0))
        .collect();
    let role_lines = roles.iter().map(Vec::len).max().unwrap_or(1);
    let name_lines = names.iter().map(Vec::len).max().unwrap_or(1);
    #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
    let height = 20.0 + (role_lines + name_lines) as f32 * LINE + GAP;
    flow.ensure(height);
    flow.y -= 20.0;
    let top = flow.y;
    let mut x = LEFT;
    for (role, name) in roles.iter().zip(&names) {
        let centre = x + col / 2.0;
        let mut y = top;
        for line in role {
            y -= LINE;
            flow.page().text_centred(Font::Bold, SIZE, centre, y, line);
        }
        #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
        let line_y = top - role_lines as f32 * LINE - GAP;
        flow.page()
            .line(x + 8.0, line_y, x + col - 8.0, line_y, 0.6);
        let mut y = line_y;
        for line in name {
            y -= LINE;
            flow.page()
                .text_centred(Font::Regular, SIZE, centre, y, line);
        }
        x += col;
    }
    flow.y = top - height + 20.0;
}

/// The visitor report (*Laporan Pengunjung*) as a PDF.
pub fn day_pdf(r: &DayReport, t: &ReportText) -> Vec<u8> {
    let mut flow = Flow::new();
    letterhead(&mut flow, t, t.day_title);
    field(&mut flow, t.site, &r.site_name);
    field(&mut flow, t.period, &period(r, t));
    field(&mut flow, t.time_zone, &r.zone_label);
    field(&mut flow, t.generated_at, &when(Some(&r.generated_at), t));
    flow.y -= 10.0;

    if r.rows.is_empty() {
        paragraph(&mut flow, t.no_visits);
    } else {
        let table = Table {
            widths: &[32.0, 36.0, 36.0, 26.0, 95.0, 80.0, 62.0, 56.0, 32.0, 60.0],
            header: [
                t.col_visit,
                t.col_in,
                t.col_out,
                t.col_minutes,
                t.col_name,
                t.col_organisation,
                t.col_purpose,
                t.col_status,
                t.col_badge,
                t.col_approver,
            ]
            .map(str::to_owned)
            .to_vec(),
            size: 8.0,
            line: 9.5,
        };
        table.header(&mut flow);
        for row in &r.rows {
            let none = || t.none.to_owned();
            let cells = [
                row.visit_number.to_string(),
                row_time(r, row.time_in.as_ref(), t),
                row_time(r, row.time_out.as_ref(), t),
                row.duration_minutes.map_or_else(none, |m| m.to_string()),
                row.visitor_name.clone(),
                row.organisation.clone(),
                row.purpose.clone(),
                row.status.clone(),
                row.badge.clone().unwrap_or_else(none),
                row.approver.clone().unwrap_or_else(none),
            ];
            let flags = if row.flags.is_empty() {
                String::new()
            } else {
                format!("! {}", row.flags.join("; "))
            };
            table.row(&mut flow, &cells, &flags);
        }
    }

    heading(&mut flow, t.section_by_purpose);
    flow.y -= 4.0;
    let purposes = Table {
        widths: &[300.0, 80.0],
        header: vec![t.col_purpose.to_owned(), t.count.to_owned()],
        size: SIZE,
        line: LINE,
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

    heading(&mut flow, t.section_chain);
    match &r.chain_head {
        Some(head) => {
            field(&mut flow, t.chain_events, &head.events.to_string());
            field(&mut flow, t.chain_hmac, "");
            hex_lines(&mut flow, &head.last_hmac);
            if head.last_hmac.chars().count() > HEX_PER_LINE {
                paragraph(&mut flow, t.chain_hmac_hint);
            }
        }
        None => paragraph(&mut flow, t.chain_none),
    }

    let footer = format!("SOP {SOP_NUMBER} \u{2013} {}", t.day_title);
    flow.finish(&footer, t.page, t.day_title)
}

const HEX_PER_LINE: usize = 64;

/// The HMAC hex, 64 characters a line, each line one text run so it copies
/// back whole.
fn hex_lines(flow: &mut Flow, hex: &str) {
    let chars: Vec<char> = hex.chars().collect();
    for chunk in chars.chunks(HEX_PER_LINE) {
        let line: String = chunk.iter().collect();
        // Shrink if a long line would not fit (it always does for hex at 10pt).
        let size = if text_width(Font::Bold, 10.0, &line) <= WIDTH - 20.0 {
            10.0
        } else {
            7.0
        };
        flow.ensure(LINE + 2.0);
        flow.y -= LINE + 2.0;
        let y = flow.y + 2.5;
        flow.page().text(Font::Bold, size, LEFT + 20.0, y, &line);
    }
}
