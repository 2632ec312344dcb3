//! Rendering: pure functions of the app state. No I/O, no clock, no query:
//! the time shown is `app.now`, the data what the shell last loaded.
//!
//! ```text
//! ┌ header: site · screen title ·················· operator · clock ┐
//! │ body: the screen                                                 │
//! └ footer: key hints from the keymap ───────────────────────────────┘
//! ```

/// The catalogues live below `ui/` (the command line words errors too);
/// `ui::text` stays a path to them.
pub use crate::text;
pub mod console;
pub mod theme;

mod hints;
mod overlay;
mod returning;
mod widgets;

// One module per screen, as in `app/`: how it is drawn. The screens are
// listed in `app/screens.rs`; the modules are declared here so that
// rustfmt (which does not expand macros) finds their files.
mod accounts;
mod approval;
mod archive;
mod badge;
mod checkout;
mod counts;
mod day_log;
mod detail;
mod end_of_shift;
mod form;
mod home;
mod plans;
mod privacy;
mod return_id;
mod review;
mod search;
mod setup;
mod sign_in;
mod watchlist;

macro_rules! screen_views {
    ($($(#[$doc:meta])* $variant:ident($state:ident) $module:ident,)*) => {

        /// How the screen on show is drawn.
        fn view(screen: &Screen) -> &dyn View {
            match screen {
                $(Screen::$variant(s) => s,)*
            }
        }
    };
}
crate::app::screen_list!(screen_views);

/// How a screen is drawn: its name in the header and its body. Each
/// screen's state implements it in its `ui/` module.
pub(crate) trait View {
    /// The header's title: "Langkah 2/7 — Formulir akses ruang server", or
    /// the screen's name.
    fn title(&self, app: &App) -> String;

    /// Draw the body in `area`; where the cursor goes if a field is typed in.
    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<Position>;
}

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Hint, Screen};
use crate::domain::step::Step;
use console::Charset;
pub use end_of_shift::shift_document;
use theme::Theme;

/// Below this size only a "terminal too small" message is drawn.
pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

impl App {
    /// The kiosk's words in the configured language (only `ui/` words things).
    pub fn text(&self) -> &'static text::Text {
        text::text(self.config.language)
    }

    /// The supervisor desk's words in the configured language.
    pub fn desk(&self) -> &'static text::DeskText {
        text::desk_text(self.config.language)
    }
}

/// Draw the whole UI into a frame, the terminal's cursor in the field
/// being typed into (hidden where nothing is typed).
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if let Some(cursor) = render(app, area, frame.buffer_mut()) {
        frame.set_cursor_position(cursor);
    }
}

/// Draw the whole UI into a buffer (used by `draw` and by the snapshots),
/// in the app's [`Charset`]. Where the cursor goes, if a field is typed in.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    render_as(app, app.charset, area, buf)
}

/// Draw the whole UI into a buffer in the given [`Charset`].
pub fn render_as(app: &App, charset: Charset, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let cursor = render_screen(app, area, buf);
    match charset {
        Charset::Unicode => {}
        Charset::Console => console::to_console(buf),
    }
    cursor
}

/// The header (one row), the body and the footer (as many rows as its key
/// hints take) of a screen drawn in `area`. The snapshots compare the body
/// of each screen and the header and footer on their own.
pub fn areas(app: &App, area: Rect) -> [Rect; 3] {
    let footer_h = u16::try_from(footer_rows(app, area.width).0.len()).unwrap_or(1);
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(footer_h),
    ])
    .areas(area)
}

fn render_screen(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = t.too_small((MIN_WIDTH, MIN_HEIGHT), (area.width, area.height));
        Paragraph::new(msg)
            .style(Theme::WARN)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return None;
    }
    let [header, body, footer] = areas(app, area);
    render_header(app, header, buf);
    let cursor = render_body(app, body, buf);
    render_footer(app, footer, buf);
    match &app.overlay {
        // A box over the screen takes the keys: its field has the cursor.
        Some(o) => overlay::render(app, o, area, buf),
        None => cursor,
    }
}

/// The screen's body; where the cursor goes if a field is typed in.
pub fn render_body(app: &App, body: Rect, buf: &mut Buffer) -> Option<Position> {
    view(&app.screen).render(app, body, buf)
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let local = app.now.with_timezone(&app.config.timezone);
    let who = app
        .on_duty
        .as_ref()
        .map(|u| format!("{} · ", u.name))
        .unwrap_or_default();
    // Where more than one door is kept: which one this console is.
    let door = if app.config.door.is_empty() {
        String::new()
    } else {
        format!("{} · ", app.text().door_label(&app.config.door))
    };
    let right = format!(
        "{door}{who}{} {}",
        crate::format::date_time(&local),
        local.format("%Z")
    );
    let title = screen_title(app);
    let width = usize::from(area.width);
    let right_w = right.chars().count();
    let left = widgets::truncate(&title, width.saturating_sub(right_w + 2));
    let pad = width.saturating_sub(left.chars().count() + right_w);
    Line::from(vec![
        Span::styled(left, Theme::TITLE),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, Theme::HEADER),
    ])
    .style(Theme::HEADER)
    .render(area, buf);
}

/// "Langkah 2/7 — Formulir akses ruang server", or the screen's name.
pub fn screen_title(app: &App) -> String {
    view(&app.screen).title(app)
}

/// "Langkah 2/7 — …": the title of a step's screen.
fn step_title(app: &App, step: Step) -> String {
    let t = app.text();
    format!("{} {step}/7 — {}", t.step_word, t.step_name(step))
}

/// The footer's hints in words: only keys that work here, now, for this
/// user; under a box, the box's keys.
pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    worded(app, &app.footer_hints())
}

/// (keys, words) of hints; with `all_keys`, the other keys that do the same.
fn worded_with(app: &App, hints: &[Hint], all_keys: bool) -> Vec<(String, &'static str)> {
    let lang = app.config.language;
    hints
        .iter()
        .map(|h| {
            let mut label = hints::keys_label(&h.keys, lang);
            if all_keys {
                for k in &h.more {
                    label.push('/');
                    label.push_str(&hints::keys_label(&[*k], lang));
                }
            }
            (label, hints::words(app, h))
        })
        .collect()
}

fn worded(app: &App, hints: &[Hint]) -> Vec<(String, &'static str)> {
    worded_with(app, hints, false)
}

/// Help: every key that works on the screen, with all its keys.
pub fn help_lines(app: &App) -> Vec<(String, &'static str)> {
    worded_with(app, &app.screen_hints(), true)
}

/// The footer: its rows of hints, and whether they are drawn compact.
/// One line, a column less per hint when that makes it fit; otherwise two
/// lines; past two, hints are dropped from the end, keeping help (which
/// lists them all) and back.
fn footer_rows(app: &App, width: u16) -> (Vec<Vec<(String, &'static str)>>, bool) {
    let t = app.text();
    let width = usize::from(width);
    let mut hints = hints(app);
    let size =
        |(k, w): &(String, &str), extra: usize| k.chars().count() + w.chars().count() + extra;
    if hints.iter().map(|h| size(h, 3)).sum::<usize>() <= width {
        return (vec![hints], false);
    }
    if hints.iter().map(|h| size(h, 2)).sum::<usize>() <= width {
        return (vec![hints], true);
    }
    let pack = |hints: &[(String, &'static str)]| {
        let mut rows: Vec<Vec<(String, &'static str)>> = vec![Vec::new()];
        let mut used = 0;
        for h in hints {
            let w = size(h, 3);
            if used + w > width && used > 0 {
                rows.push(Vec::new());
                used = 0;
            }
            used += w;
            if let Some(row) = rows.last_mut() {
                row.push(h.clone());
            }
        }
        rows
    };
    loop {
        let rows = pack(&hints);
        if rows.len() <= 2 {
            return (rows, false);
        }
        let keep = |(_, w): &(String, &str)| *w == t.hint_help || *w == t.hint_back;
        // (words compared: the catalog's own entries for help and back)
        match hints.iter().rposition(|h| !keep(h)) {
            Some(i) => {
                hints.remove(i);
            }
            None => return (rows.into_iter().take(2).collect(), false),
        }
    }
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let (rows, compact) = footer_rows(app, area.width);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|row| {
            let mut spans = Vec::new();
            for (key, words) in row {
                if compact {
                    spans.push(Span::styled(key, Theme::KEY));
                    spans.push(Span::styled(format!(" {words} "), Theme::FOOTER));
                } else {
                    spans.push(Span::styled(format!(" {key} "), Theme::KEY));
                    spans.push(Span::styled(format!("{words} "), Theme::FOOTER));
                }
            }
            Line::from(spans).style(Theme::FOOTER)
        })
        .collect();
    Paragraph::new(lines).style(Theme::FOOTER).render(area, buf);
}
