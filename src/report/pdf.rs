//! A4 pages drawn through krilla (the PDF layer of typst): the bundled
//! `DejaVu Sans` (regular and bold, `assets/fonts/`, licence beside them)
//! embedded and subset, text shaped by rustybuzz, written as PDF/A-2b.
//!
//! The layout code above this module works in points from the bottom-left
//! corner, as PDF itself does; a [`Page`] records text, lines and images
//! and [`document`] draws them. Every name prints as typed: Latin with
//! diacritics, Cyrillic, Greek, Arabic (shaped, right to left). A
//! character the bundled fonts lack prints as [`PLACEHOLDER`]; the
//! documents say so in their footer when that happened.

use std::fmt;
use std::sync::LazyLock;

use krilla::Document;
use krilla::configure::{Archival, ConfigurationBuilder, PdfVersion};
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::{Data, SerializeSettings};
use rustybuzz::Face;

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.0;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 842.0;

/// Printed for a character no bundled font has: a white square.
pub const PLACEHOLDER: char = '\u{25a1}';

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The bundled fonts, parsed once for measuring.
struct Faces {
    regular: Face<'static>,
    bold: Face<'static>,
}

static FACES: LazyLock<Faces> = LazyLock::new(|| Faces {
    // The fonts are part of the program; a test parses them.
    regular: Face::from_slice(REGULAR_TTF, 0).expect("bundled DejaVuSans.ttf parses"),
    bold: Face::from_slice(BOLD_TTF, 0).expect("bundled DejaVuSans-Bold.ttf parses"),
});

/// The two weights every document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    pub(super) fn face(self) -> &'static Face<'static> {
        match self {
            Font::Regular => &FACES.regular,
            Font::Bold => &FACES.bold,
        }
    }
}

/// True when the bundled regular font has a glyph for `c`.
pub fn covered(c: char) -> bool {
    FACES.regular.glyph_index(c).is_some()
}

/// A control or invisible formatting character (not printed).
fn invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{feff}')
}

/// The text as it will be printed: line breaks and tabs as spaces,
/// invisible characters dropped, characters no font has as [`PLACEHOLDER`].
pub fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if invisible(c) => None,
            c if covered(c) => Some(c),
            _ => Some(PLACEHOLDER),
        })
        .collect()
}

/// True when some character of `text` will print as [`PLACEHOLDER`].
pub fn lacks_glyphs(text: &str) -> bool {
    text.chars()
        .any(|c| !matches!(c, '\t' | '\n' | '\r') && !invisible(c) && !covered(c))
}

/// The font that draws `text` in `font`'s weight: the bold face lacks a few
/// scripts the regular one has; such text prints in regular.
fn face_for(font: Font, text: &str) -> Font {
    if font == Font::Bold && text.chars().any(|c| FACES.bold.glyph_index(c).is_none()) {
        Font::Regular
    } else {
        font
    }
}

/// A strong right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko
/// and their presentation forms).
fn rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

/// A character with a direction of its own (a letter of some script).
fn strong(c: char) -> bool {
    c.is_alphabetic()
}

/// The text split into runs of one direction, in visual order (left to
/// right on the page). Neutral characters (spaces, digits, punctuation)
/// stay with the run they are in; a line whose first letter is
/// right-to-left is laid out right to left.
fn runs(text: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let mut current_rtl: Option<bool> = None;
    for c in text.chars() {
        if strong(c) {
            let r = rtl(c);
            match current_rtl {
                Some(cr) if cr != r => {
                    out.push((std::mem::take(&mut current), cr));
                    current_rtl = Some(r);
                }
                None => current_rtl = Some(r),
                Some(_) => {}
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push((current, current_rtl.unwrap_or(false)));
    }
    if out.first().is_some_and(|(_, r)| *r) {
        out.reverse();
    }
    out
}

/// The advance of `text` (one direction) in `font` at `size`, in points.
fn run_width(font: Font, size: f32, text: &str, is_rtl: bool) -> f32 {
    let face = font.face();
    #[expect(clippy::cast_precision_loss, reason = "a line of text")]
    let units = super::shape::run_units(font, text, is_rtl) as f32;
    let per_em = u16::try_from(face.units_per_em()).unwrap_or(1000).max(1);
    units * size / f32::from(per_em)
}

/// The printed width of `text` in points.
pub fn text_width(font: Font, size: f32, text: &str) -> f32 {
    let text = printable(text);
    let font = face_for(font, &text);
    runs(&text)
        .iter()
        .map(|(run, r)| run_width(font, size, run, *r))
        .sum()
}

/// Breaks `text` into lines no wider than `max_width` points: at line breaks,
/// then between words, and inside a word only when the word alone is too wide.
/// Always returns at least one line. Each word is measured once (a line is
/// the sum of its words and spaces), so long paragraphs stay fast.
pub fn wrap(font: Font, size: f32, text: &str, max_width: f32) -> Vec<String> {
    let space = text_width(font, size, " ");
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let para = para.trim_end_matches('\r');
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in para.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let word_w = text_width(font, size, word);
            if !line.is_empty() && line_w + space + word_w <= max_width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if word_w <= max_width {
                word.clone_into(&mut line);
                line_w = word_w;
                continue;
            }
            // The word alone is too wide: split it character by character.
            let mut buf = [0u8; 4];
            for c in word.chars() {
                let c_w = text_width(font, size, c.encode_utf8(&mut buf));
                if !line.is_empty() && line_w + c_w > max_width {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += c_w;
            }
        }
        lines.push(line);
    }
    lines
}

/// One thing drawn on a page.
#[derive(Debug, Clone)]
enum Op {
    Text {
        font: Font,
        size: f32,
        x: f32,
        y: f32,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    Image {
        png: Vec<u8>,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
}

/// One page: what is drawn on it, in points from the bottom-left corner.
#[derive(Debug, Clone, Default)]
pub struct Page {
    ops: Vec<Op>,
    /// Some text on the page had a character no font has.
    lacks_glyphs: bool,
}

impl Page {
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws `text` with its baseline starting at (`x`, `y`).
    pub fn text(&mut self, font: Font, size: f32, x: f32, y: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.lacks_glyphs |= lacks_glyphs(text);
        self.ops.push(Op::Text {
            font,
            size,
            x,
            y,
            text: printable(text),
        });
    }

    /// Draws `text` so that it ends at `right`.
    pub fn text_right(&mut self, font: Font, size: f32, right: f32, y: f32, text: &str) {
        let x = right - text_width(font, size, text);
        self.text(font, size, x, y, text);
    }

    /// Draws `text` centred on `centre`.
    pub fn text_centred(&mut self, font: Font, size: f32, centre: f32, y: f32, text: &str) {
        let x = centre - text_width(font, size, text) / 2.0;
        self.text(font, size, x, y, text);
    }

    /// A straight line of the given width.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.ops.push(Op::Line {
            from: (x1, y1),
            to: (x2, y2),
            width,
        });
    }

    /// A PNG image whose bottom-left corner is at (`x`, `y`).
    pub fn image(&mut self, png: &[u8], x: f32, y: f32, width: f32, height: f32) {
        self.ops.push(Op::Image {
            png: png.to_vec(),
            x,
            y,
            width,
            height,
        });
    }

    /// True when some text on this page prints a [`PLACEHOLDER`].
    pub fn lacks_glyphs(&self) -> bool {
        self.lacks_glyphs
    }
}

/// A document that could not be written (a bug, or an unreadable logo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError(pub String);

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot make the PDF: {}", self.0)
    }
}

impl std::error::Error for PdfError {}

impl From<PdfError> for std::io::Error {
    fn from(e: PdfError) -> Self {
        std::io::Error::other(e)
    }
}

/// The fonts as krilla wants them.
struct KrillaFonts {
    regular: krilla::text::Font,
    bold: krilla::text::Font,
}

impl KrillaFonts {
    fn new() -> Result<Self, PdfError> {
        let load = |bytes: &'static [u8]| {
            krilla::text::Font::new(Data::from(bytes), 0)
                .ok_or_else(|| PdfError("the bundled font cannot be read".into()))
        };
        Ok(Self {
            regular: load(REGULAR_TTF)?,
            bold: load(BOLD_TTF)?,
        })
    }

    fn get(&self, font: Font) -> krilla::text::Font {
        match font {
            Font::Regular => self.regular.clone(),
            Font::Bold => self.bold.clone(),
        }
    }
}

/// What the PDF says about itself.
pub struct Meta<'a> {
    pub title: &'a str,
    /// `id` or `en`.
    pub language: &'a str,
    pub created: &'a super::Time,
}

/// A time as the PDF metadata wants it.
fn pdf_date(t: &super::Time) -> krilla::metadata::DateTime {
    use chrono::{Datelike, Offset, Timelike};
    let offset = t.offset().fix().local_minus_utc() / 60;
    let part = |v: u32| u8::try_from(v).unwrap_or(0);
    krilla::metadata::DateTime::new(u16::try_from(t.year()).unwrap_or(2000))
        .month(part(t.month()))
        .day(part(t.day()))
        .hour(part(t.hour()))
        .minute(part(t.minute()))
        .second(part(t.second().min(59)))
        .utc_offset_hour(i8::try_from(offset / 60).unwrap_or(0))
        .utc_offset_minute(u8::try_from((offset % 60).abs()).unwrap_or(0))
}

/// Draws the pages into one PDF. `archival`: PDF/A-2b, checked by krilla.
fn render(pages: &[Page], meta: &Meta<'_>, archival: bool) -> Result<Vec<u8>, PdfError> {
    let fonts = KrillaFonts::new()?;
    let mut settings = SerializeSettings::default();
    if archival {
        settings.configuration = ConfigurationBuilder::new()
            .with_version(PdfVersion::Pdf17)
            .with_archival_validator(Archival::A2_B)
            .finish()
            .map_err(|e| PdfError(format!("{e:?}")))?;
    }
    let mut doc = Document::new_with(settings);
    doc.set_metadata(
        Metadata::new()
            .title(meta.title.to_owned())
            .language(meta.language.to_owned())
            .creation_date(pdf_date(meta.created))
            .creator("dc-access".to_owned())
            .producer(format!("dc-access {}", env!("CARGO_PKG_VERSION"))),
    );
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfError("bad page size".into()))?;
    for p in pages {
        let mut page = doc.start_page_with(size.clone());
        let mut surface = page.surface();
        for op in &p.ops {
            match op {
                Op::Text {
                    font,
                    size,
                    x,
                    y,
                    text,
                } => {
                    let font = face_for(*font, text);
                    let mut x = *x;
                    for (run, is_rtl) in runs(text) {
                        // What `draw_text` does, through the plans made once.
                        let glyphs = super::shape::glyphs(font, &run, is_rtl);
                        surface.draw_glyphs(
                            Point::from_xy(x, PAGE_HEIGHT - y),
                            &glyphs,
                            fonts.get(font),
                            &run,
                            *size,
                            false,
                        );
                        x += run_width(font, *size, &run, is_rtl);
                    }
                }
                Op::Line { from, to, width } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(from.0, PAGE_HEIGHT - from.1);
                    pb.line_to(to.0, PAGE_HEIGHT - to.1);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: *width,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Image {
                    png,
                    x,
                    y,
                    width,
                    height,
                } => {
                    let image = Image::from_png(Data::from(png.clone()), true)
                        .map_err(|e| PdfError(format!("the logo is not a usable PNG: {e}")))?;
                    let size = Size::from_wh(*width, *height)
                        .ok_or_else(|| PdfError("bad image size".into()))?;
                    surface
                        .push_transform(&Transform::from_translate(*x, PAGE_HEIGHT - y - height));
                    surface.draw_image(image, size);
                    surface.pop();
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PdfError(format!("{e:?}")))
}

/// Assembles pages into a PDF/A-2b file; should krilla's PDF/A check
/// refuse something, the same pages as a plain PDF.
pub fn document(pages: &[Page], meta: &Meta<'_>) -> Result<Vec<u8>, PdfError> {
    render(pages, meta, true).or_else(|_| render(pages, meta, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_the_scripts_of_names() {
        for c in ['ễ', 'Ł', 'Ж', 'Ω', 'ش', 'é', '—', PLACEHOLDER] {
            assert!(covered(c), "{c}");
        }
        assert!(!covered('日'));
        assert_eq!(
            printable("Nguyễn 日本\tx\u{200b}"),
            "Nguyễn \u{25a1}\u{25a1} x"
        );
        assert!(lacks_glyphs("王"));
        assert!(!lacks_glyphs("Łukasz\n"));
    }

    #[test]
    fn runs_in_visual_order() {
        assert_eq!(runs("Ali"), [("Ali".to_owned(), false)]);
        assert_eq!(
            runs("Ahmad محمد"),
            [("Ahmad ".to_owned(), false), ("محمد".to_owned(), true)]
        );
        // A right-to-left line: its first run is drawn rightmost.
        assert_eq!(
            runs("محمد Ali"),
            [("Ali".to_owned(), false), ("محمد ".to_owned(), true)]
        );
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = text_width(Font::Regular, 10.0, "Hello");
        assert!(a > 20.0 && a < 35.0, "{a}");
        assert!(text_width(Font::Bold, 10.0, "Hello") > a);
        assert!((text_width(Font::Regular, 20.0, "Hello") - 2.0 * a).abs() < 0.01);
        assert!(text_width(Font::Regular, 10.0, "محمد") > 0.0);
    }

    #[test]
    fn wrap_breaks_words_and_long_tokens() {
        let lines = wrap(Font::Regular, 10.0, "aaa bbb ccc\nddd", 45.0);
        assert_eq!(lines, ["aaa bbb", "ccc", "ddd"]);
        let hex = "0123456789abcdef".repeat(8);
        let lines = wrap(Font::Regular, 10.0, &hex, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), hex);
        assert!(
            lines
                .iter()
                .all(|l| text_width(Font::Regular, 10.0, l) <= 100.0)
        );
        assert_eq!(wrap(Font::Regular, 10.0, "", 40.0), [""]);
    }

    #[test]
    fn writes_pdf_a() {
        let mut p = Page::new();
        p.text(
            Font::Regular,
            10.0,
            40.0,
            800.0,
            "Nguyễn Łukasz Жанна Ωμέγα محمد",
        );
        p.line(40.0, 790.0, 500.0, 790.0, 1.0);
        let created =
            chrono::TimeZone::with_ymd_and_hms(&chrono_tz::Asia::Jakarta, 2026, 11, 28, 9, 13, 0)
                .unwrap();
        let meta = Meta {
            title: "t",
            language: "id",
            created: &created,
        };
        let pdf = render(&[p], &meta, true).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("pdfaid:part"), "PDF/A metadata");
    }
}
