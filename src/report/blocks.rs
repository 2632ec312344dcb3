//! The blocks the PDF documents are made of: the letterhead, headings,
//! label/value fields, ruled tables, paragraphs, the signature block and
//! the audit chain's code. The documents themselves are in `print.rs`
//! (visit form, visitor report), `month_print.rs` and `shift.rs`.

use super::layout::{Flow, LEFT, RIGHT, WIDTH};
use super::pdf::{Font, text_width, wrap};
use super::{ChainHead, Office, ReportText, SignColumn, head_code};

/// The body text size, in points.
pub(super) const SIZE: f32 = 8.5;
/// The height of a body line, in points.
pub(super) const LINE: f32 = 10.5;
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
    let contact = office.contact_line(t, " \u{00b7} ");
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
pub(super) fn fields2(flow: &mut Flow, fields: &[(&str, String)]) {
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
    pub(super) const PAD: f32 = 2.5;

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
pub(super) fn paragraph_height(text: &str) -> f32 {
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
