//! Step 3: the form read back before it is handed in.
//!
//! ```text
//! ┌ Periksa formulir #12 ─────────────────────── Waktu 00:40 / 05:00 ┐
//! │ Nama lengkap            Budi Santoso                             │
//! │ ...                                                              │
//! │ Enter: ajukan untuk persetujuan · e: ubah · x: batalkan          │
//! └──────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, form_lines, step_timer};
use crate::app::{App, ReviewState};
use crate::domain::step::Step;

pub fn render_review(app: &App, r: &ReviewState, area: Rect, buf: &mut Buffer) {
    let t = app.text();
    let mut lines = form_lines(app, &r.visit);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.review_hint, Theme::WARN)));
    let since = r.visit.form_completed_at.unwrap_or(r.visit.started_at);
    let title = format!("{} #{}", t.review_title, r.visit.id.0);
    let blk = block(&title)
        .title_top(Line::from(step_timer(app, since, app.config.standards.submit)).right_aligned());
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(blk)
        .render(area, buf);
}

impl super::View for ReviewState {
    fn title(&self, app: &App) -> String {
        super::step_title(app, Step::Submit)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render_review(app, self, area, buf);
        None
    }
}
