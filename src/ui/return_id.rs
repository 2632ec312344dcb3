//! After a rejection: the ID given back to the visitor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, kv};
use crate::app::{App, ReturnIdState};
use crate::domain::step::Step;

pub fn render_return_id(app: &App, r: &ReturnIdState, area: Rect, buf: &mut Buffer) {
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

impl super::View for ReturnIdState {
    fn title(&self, app: &App) -> String {
        super::step_title(app, Step::Decide)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render_return_id(app, self, area, buf);
        None
    }
}
