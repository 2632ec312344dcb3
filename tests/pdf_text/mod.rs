//! Reads the text back out of the PDFs dc-access writes (krilla: CID fonts,
//! two-byte codes, a `ToUnicode` map per font). lopdf finds the objects and
//! decodes the streams; the map is read here because lopdf 0.38 cannot
//! parse krilla's. Each drawn run of text becomes one line.

#![allow(dead_code, reason = "each test file uses part of it")]
#![expect(
    clippy::unwrap_used,
    reason = "a test helper: a bad PDF fails the test"
)]

use std::collections::HashMap;

use lopdf::{Document, Object};

/// `<0001> <0050>` pairs of `bfchar` and the ranges of `bfrange`.
fn parse_cmap(text: &str) -> HashMap<u16, String> {
    let hex = |s: &str| -> Vec<u8> {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    };
    let utf16 = |bytes: &[u8]| {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let code = |s: &str| {
        let b = hex(s);
        u16::from_be_bytes([b[0], b[1]])
    };
    let mut map = HashMap::new();
    let mut mode = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            mode = "range";
            continue;
        }
        if line.starts_with("end") {
            mode = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (mode, parts.as_slice()) {
            ("char", [from, to]) => {
                map.insert(code(from), utf16(&hex(to)));
            }
            ("range", [lo, hi, start]) if start.starts_with('<') => {
                let (lo, hi) = (code(lo), code(hi));
                let start = hex(start);
                let base = u16::from_be_bytes([start[start.len() - 2], start[start.len() - 1]]);
                for (i, c) in (lo..=hi).enumerate() {
                    let mut b = start.clone();
                    let n = base + u16::try_from(i).unwrap();
                    let len = b.len();
                    b[len - 2..].copy_from_slice(&n.to_be_bytes());
                    map.insert(c, utf16(&b));
                }
            }
            _ => {}
        }
    }
    map
}

/// The text of every page (runs one per line) and the number of pages.
pub fn pdf_text(bytes: &[u8]) -> (String, usize) {
    let doc = Document::load_mem(bytes).expect("lopdf loads the PDF");
    let pages = doc.get_pages();
    let mut out = String::new();
    for &page_id in pages.values() {
        let mut maps: HashMap<Vec<u8>, HashMap<u16, String>> = HashMap::new();
        for (name, font) in doc.get_page_fonts(page_id).unwrap() {
            let map = font
                .get(b"ToUnicode")
                .ok()
                .and_then(|o| o.as_reference().ok())
                .and_then(|id| doc.get_object(id).ok())
                .and_then(|o| o.as_stream().ok())
                .map(|s| {
                    let data = s
                        .decompressed_content()
                        .unwrap_or_else(|_| s.content.clone());
                    parse_cmap(&String::from_utf8_lossy(&data))
                })
                .unwrap_or_default();
            maps.insert(name, map);
        }
        let content = doc.get_and_decode_page_content(page_id).unwrap();
        let mut font: Vec<u8> = Vec::new();
        let mut line = String::new();
        let show = |bytes: &[u8], font: &[u8], line: &mut String| {
            let map = maps.get(font);
            for pair in bytes.chunks(2) {
                let code = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                match map.and_then(|m| m.get(&code)) {
                    Some(s) => line.push_str(s),
                    None => line.push('\u{fffd}'),
                }
            }
        };
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    if let Some(Object::Name(n)) = op.operands.first() {
                        font.clone_from(n);
                    }
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = op.operands.first() {
                        show(s, &font, &mut line);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            if let Object::String(s, _) = item {
                                show(s, &font, &mut line);
                            }
                        }
                    }
                }
                "ET" => {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                }
                _ => {}
            }
        }
    }
    (out, pages.len())
}
