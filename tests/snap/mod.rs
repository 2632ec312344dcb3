//! Snapshots that fail for one reason: a screen's snapshot is its body;
//! the header (clock, site, who is on duty) and the footer (key hints) are
//! compared on their own, so a hint's wording changes one snapshot, not
//! every screen's. Shared by `screens.rs` and `screens_desk.rs`.

#![allow(dead_code, clippy::unwrap_used)]

use dc_access::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The rows of `area` in `buf`, each quoted as `TestBackend` shows them.
pub fn rows(buf: &Buffer, area: Rect) -> String {
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        out.push('"');
        for x in area.left()..area.right() {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push_str("\"\n");
    }
    out
}

/// The header, body and footer of `app` drawn at the size of `buf`.
pub fn parts(app: &App, buf: &Buffer) -> [String; 3] {
    let [header, body, footer] = dc_access::ui::areas(app, buf.area);
    [rows(buf, header), rows(buf, body), rows(buf, footer)]
}

/// The body of the screen, what a screen's snapshot compares.
pub fn body(app: &App, buf: &Buffer) -> String {
    let [_, body, _] = parts(app, buf);
    body
}

/// The body of the screen with its colours: a buffer of the body's size
/// holding its cells, for the snapshots where colour means something.
pub fn body_buffer(app: &App, buf: &Buffer) -> Buffer {
    let [_, body, _] = dc_access::ui::areas(app, buf.area);
    let mut out = Buffer::empty(Rect::new(0, 0, body.width, body.height));
    for y in body.top()..body.bottom() {
        for x in body.left()..body.right() {
            out[(x - body.x, y - body.y)] = buf[(x, y)].clone();
        }
    }
    out
}
