//! Snapshots that fail for one reason: a screen's snapshot is its body;
//! the header (clock, site, who is on duty) and the footer (key hints) are
//! compared on their own, so a hint's wording changes one snapshot, not
//! every screen's. Shared by the screen tests (and `kiosk/`'s accounts).

#![allow(dead_code, clippy::unwrap_used)]

use dc_access::app::App;
use dc_access::domain::visit::{Role, Time, UserId};
use dc_access::store::User;
use dc_access::ui::console::Charset;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
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

/// The body of `app` drawn at 80x24; drawn once more as on the Linux
/// console, where no cell may hold a character outside its font.
pub fn draw_checked(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| dc_access::ui::draw(app, f)).unwrap();
    let area = Rect::new(0, 0, 80, 24);
    let mut console = Buffer::empty(area);
    dc_access::ui::render_as(app, Charset::Console, area, &mut console);
    let bad = dc_access::ui::console::unshowable(&console);
    assert!(bad.is_empty(), "not on the console font: {bad:?}");
    body(app, terminal.backend().buffer())
}

/// An active account, created at `created`.
pub fn account(id: i64, name: &str, role: Role, created: Time) -> User {
    User {
        id: UserId(id),
        name: name.into(),
        nip: "198501152010011001".into(),
        role,
        active: true,
        locked: false,
        failed_pins: 0,
        created_at: created,
    }
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
