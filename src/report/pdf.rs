//! A small PDF 1.4 writer: A4 pages, the standard Type1 fonts Helvetica and
//! Helvetica-Bold in `WinAnsiEncoding`, text and straight lines. No
//! compression, no images: just what a printed form needs.
//!
//! The file is: header, catalog, page tree, the two fonts, an info
//! dictionary, then a page object and a content stream per page; the xref
//! table records each object's exact byte offset.

use std::fmt::Write as _;

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.0;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 842.0;

/// The two fonts every document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Helvetica, resource `/F1`.
    Regular,
    /// Helvetica-Bold, resource `/F2`.
    Bold,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// One page's content stream, built operator by operator.
#[derive(Debug, Clone, Default)]
pub struct Page {
    content: Vec<u8>,
}

impl Page {
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws `text` with its baseline starting at (`x`, `y`).
    pub fn text(&mut self, font: Font, size: f32, x: f32, y: f32, text: &str) {
        let mut op = format!(
            "BT /{} {} Tf {} {} Td (",
            font.resource(),
            num(size),
            num(x),
            num(y)
        )
        .into_bytes();
        op.extend(escape(&winansi(text)));
        op.extend_from_slice(b") Tj ET\n");
        self.content.extend(op);
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
        let op = format!(
            "{} w {} {} m {} {} l S\n",
            num(width),
            num(x1),
            num(y1),
            num(x2),
            num(y2)
        );
        self.content.extend(op.into_bytes());
    }

    /// The raw content stream.
    pub fn content(&self) -> &[u8] {
        &self.content
    }
}

/// A number as PDF wants it: at most two decimals, no exponent.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Escapes a PDF literal string body: `\`, `(` and `)` get a backslash.
pub fn escape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 8);
    for &b in bytes {
        if matches!(b, b'\\' | b'(' | b')') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

/// The cp1252 byte for a character, if it has one.
fn winansi_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0x20..=0x7e).contains(&code) || (0xa0..=0xff).contains(&code) {
        return u8::try_from(code).ok();
    }
    let b = match c {
        '\u{20ac}' => 0x80,
        '\u{201a}' => 0x82,
        '\u{0192}' => 0x83,
        '\u{201e}' => 0x84,
        '\u{2026}' => 0x85,
        '\u{2020}' => 0x86,
        '\u{2021}' => 0x87,
        '\u{02c6}' => 0x88,
        '\u{2030}' => 0x89,
        '\u{0160}' => 0x8a,
        '\u{2039}' => 0x8b,
        '\u{0152}' => 0x8c,
        '\u{017d}' => 0x8e,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201c}' => 0x93,
        '\u{201d}' => 0x94,
        '\u{2022}' => 0x95,
        '\u{2013}' => 0x96,
        '\u{2014}' => 0x97,
        '\u{02dc}' => 0x98,
        '\u{2122}' => 0x99,
        '\u{0161}' => 0x9a,
        '\u{203a}' => 0x9b,
        '\u{0153}' => 0x9c,
        '\u{017e}' => 0x9e,
        '\u{0178}' => 0x9f,
        _ => return None,
    };
    Some(b)
}

/// Maps text to `WinAnsiEncoding` (cp1252) bytes. Tabs and line breaks
/// become spaces; anything else outside cp1252 becomes `?`.
pub fn winansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => b' ',
            _ => winansi_byte(c).unwrap_or(b'?'),
        })
        .collect()
}

/// Helvetica advance widths (1/1000 em) for ASCII 32..=126.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// Helvetica-Bold advance widths (1/1000 em) for ASCII 32..=126.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0..?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P.._
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // `..o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p..~
];

/// The ASCII letter whose width an accented cp1252 letter shares.
fn base_letter(b: u8) -> Option<u8> {
    Some(match b {
        0xc0..=0xc5 => b'A',
        0xc7 => b'C',
        0xc8..=0xcb => b'E',
        0xcc..=0xcf => b'I',
        0xd1 => b'N',
        0xd2..=0xd6 | 0xd8 => b'O',
        0xd9..=0xdc => b'U',
        0xdd | 0x9f => b'Y',
        0x8a => b'S',
        0x8e => b'Z',
        0xe0..=0xe5 => b'a',
        0xe7 => b'c',
        0xe8..=0xeb => b'e',
        0xec..=0xef => b'i',
        0xf1 => b'n',
        0xf2..=0xf6 | 0xf8 => b'o',
        0xf9..=0xfc => b'u',
        0xfd | 0xff => b'y',
        0x9a => b's',
        0x9e => b'z',
        _ => return None,
    })
}

fn byte_width(font: Font, b: u8) -> u16 {
    let table = match font {
        Font::Regular => &HELVETICA,
        Font::Bold => &HELVETICA_BOLD,
    };
    let b = base_letter(b).unwrap_or(b);
    match b {
        0x20..=0x7e => table[usize::from(b - 0x20)],
        0xa0 => 278,
        // Anything else: wide enough never to overflow a cell.
        _ => 1000,
    }
}

/// The printed width of `text` in points.
pub fn text_width(font: Font, size: f32, text: &str) -> f32 {
    let units: f32 = winansi(text)
        .into_iter()
        .map(|b| f32::from(byte_width(font, b)))
        .sum();
    units * size / 1000.0
}

/// Breaks `text` into lines no wider than `max_width` points: at line breaks,
/// then between words, and inside a word only when the word alone is too wide.
/// Always returns at least one line.
pub fn wrap(font: Font, size: f32, text: &str, max_width: f32) -> Vec<String> {
    let fits = |s: &str| text_width(font, size, s) <= max_width;
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let para = para.trim_end_matches('\r');
        let mut line = String::new();
        for word in para.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: split it character by character if needed.
            for c in word.chars() {
                line.push(c);
                if !fits(&line) && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Assembles pages into a complete PDF 1.4 file.
pub fn document(pages: &[Page], title: &str) -> Vec<u8> {
    // Object numbers: 1 catalog, 2 page tree, 3 F1, 4 F2, 5 info,
    // then page i at 6 + 2i and its content at 7 + 2i.
    let page_obj = |i: usize| 6 + 2 * i;
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids = (0..pages.len()).fold(String::new(), |mut s, i| {
        let _ = write!(s, "{} 0 R ", page_obj(i));
        s
    });
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.trim_end(),
            pages.len()
        )
        .into_bytes(),
    );
    for base in ["Helvetica", "Helvetica-Bold"] {
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>"
            )
            .into_bytes(),
        );
    }
    let mut info = b"<< /Producer (dc-access) /Title (".to_vec();
    // Info strings are PDFDocEncoding; keep the title to ASCII to be safe.
    let ascii_title: String = title
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '?'
            }
        })
        .collect();
    info.extend(escape(ascii_title.as_bytes()));
    info.extend_from_slice(b") >>");
    objects.push(info);
    for (i, page) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                num(PAGE_WIDTH),
                num(PAGE_HEIGHT),
                page_obj(i) + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", page.content.len()).into_bytes();
        stream.extend_from_slice(&page.content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }

    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref_at = out.len();
    let mut xref = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        // Each entry is exactly 20 bytes: the line ends with a space and LF.
        let _ = writeln!(xref, "{off:010} 00000 n ");
    }
    let _ = write!(
        xref,
        "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend(xref.into_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_backslash_and_parentheses() {
        assert_eq!(escape(b"a(b)c\\d"), b"a\\(b\\)c\\\\d".to_vec());
        assert_eq!(escape(b"plain"), b"plain".to_vec());
        assert_eq!(escape(b"(())"), b"\\(\\(\\)\\)".to_vec());
    }

    #[test]
    fn maps_latin1_and_cp1252_extras() {
        assert_eq!(winansi("Zoë Ñuñez"), b"Zo\xeb \xd1u\xf1ez".to_vec());
        assert_eq!(winansi("Dédé"), b"D\xe9d\xe9".to_vec());
        assert_eq!(
            winansi("€ – — “x” ‘y’ … • ™ Š š Ž ž Œ œ Ÿ ƒ"),
            {
                b"\x80 \x96 \x97 \x93x\x94 \x91y\x92 \x85 \x95 \x99 \x8a \x9a \x8e \x9e \x8c \x9c \x9f \x83"
                .to_vec()
            }
        );
        assert_eq!(winansi("\u{a0}ÿ"), b"\xa0\xff".to_vec());
    }

    #[test]
    fn outside_cp1252_becomes_question_mark() {
        assert_eq!(winansi("日本 ✓ \u{85} Ā"), b"?? ? ? ?".to_vec());
        assert_eq!(winansi("a\tb\nc\rd"), b"a b c d".to_vec());
        assert_eq!(winansi("\u{1}"), b"?".to_vec());
    }

    #[test]
    fn text_operator_is_escaped_and_encoded() {
        let mut p = Page::new();
        p.text(Font::Bold, 10.0, 50.0, 700.5, "Zoë (x) \\");
        assert_eq!(
            p.content(),
            b"BT /F2 10 Tf 50 700.5 Td (Zo\xeb \\(x\\) \\\\) Tj ET\n"
        );
    }

    #[test]
    fn widths_match_helvetica() {
        assert!((text_width(Font::Regular, 10.0, "Hello") - 22.78).abs() < 0.01);
        assert!((text_width(Font::Regular, 10.0, "é") - 5.56).abs() < 0.01);
        assert!(text_width(Font::Bold, 10.0, "W") > text_width(Font::Regular, 10.0, "i"));
    }

    #[test]
    fn wrap_breaks_words_and_long_tokens() {
        let lines = wrap(Font::Regular, 10.0, "aaa bbb ccc\nddd", 40.0);
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
    fn xref_offsets_point_at_objects() {
        let mut p = Page::new();
        p.text(Font::Regular, 10.0, 10.0, 10.0, "Zoë");
        let pdf = document(&[p.clone(), p], "t");
        let key = b"startxref\n";
        let at = pdf.windows(key.len()).rposition(|w| w == key).unwrap() + key.len();
        let start: usize = std::str::from_utf8(&pdf[at..])
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let xref = std::str::from_utf8(&pdf[start..]).unwrap();
        assert!(xref.starts_with("xref\n0 10\n"));
        let entries: Vec<&str> = xref.lines().skip(3).take(9).collect();
        for (n, line) in entries.iter().enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(pdf[off..].starts_with(format!("{} 0 obj", n + 1).as_bytes()));
        }
    }
}
