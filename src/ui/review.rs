//! Step 3 (review before submitting) and the ID return after a rejection.
//!
//! ```text
//! ┌ Periksa formulir #12 ─────────────────────── Waktu 00:40 / 05:00 ┐
//! │ Nama lengkap            Budi Santoso                             │
//! │ ...                                                              │
//! │ Enter: ajukan untuk persetujuan · e: ubah · x: batalkan          │
//! └──────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, form_lines, kv, step_timer};
use crate::app::{App, ReviewState};

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

pub fn render_return_id(app: &App, r: &ReviewState, area: Rect, buf: &mut Buffer) {
    let t = app.text();
    let v = &r.visit;
    let lines = vec![
        Line::from(Span::styled(t.rejected_banner, Theme::OVERDUE)),
        Line::default(),
        kv(
            t.field_label(crate::domain::visit::FormField::FullName),
            &v.form.full_name,
        ),
        kv(
            t.field_label(crate::domain::visit::FormField::IdType),
            &v.form.id_type,
        ),
        kv(t.decided_by, &app.user_name(v.decided_by)),
        kv(t.reject_reason, v.reject_reason.as_deref().unwrap_or("-")),
        Line::default(),
        Line::from(Span::styled(t.return_id_hint, Theme::WARN)),
    ];
    let title = format!("{} #{}", t.return_id_title, v.id.0);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(&title))
        .render(area, buf);
}
