//! Step 5: issue a visitor badge and name the escort.
//!
//! ```text
//! ┌ Badge & pendamping #12 ──────────────────────────────────┐
//! │ Pengunjung              Budi Santoso (PT Telkom)         │
//! │ Badge pengunjung        ‹ V-01 ›   (bebas: V-01 V-02 …)   │
//! │ Pendamping              ‹ Andi Wijaya ›                  │
//! └──────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, choice, kv, truncate};
use crate::app::{App, BadgeState};
use crate::domain::badge::BadgeNo;

pub fn render(app: &App, b: &BadgeState, area: Rect, buf: &mut Buffer) {
    let t = app.text();
    let v = &b.visit;
    let free = app.free_badges();
    let escort = app.user_name(b.escort);
    let mut lines = vec![
        kv(
            t.visitor,
            &format!("{} ({})", v.form.full_name, v.form.organisation),
        ),
        kv(t.decided_by, &app.user_name(v.decided_by)),
        Line::default(),
        choice(t.badge, b.badge.as_deref().unwrap_or(""), !b.on_escort),
        Line::from(Span::styled(
            format!(
                "{:26}{}: {}",
                "",
                t.free_badges,
                truncate(
                    &free
                        .iter()
                        .map(BadgeNo::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                    usize::from(area.width).saturating_sub(40),
                )
            ),
            Theme::DIM,
        )),
        choice(t.escort, &escort, b.on_escort),
        Line::default(),
    ];
    if let Some(m) = &b.message {
        let m = crate::text::reasons::problem_text(m, app.config.language);
        lines.push(Line::from(Span::styled(m, Theme::ERROR)));
    }
    lines.push(Line::from(Span::styled(t.badge_hint, Theme::WARN)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(&format!("{} #{}", t.badge_title, v.id.0)))
        .render(area, buf);
}

impl super::View for crate::app::BadgeState {
    fn title(&self, app: &App) -> String {
        super::step_title(app, crate::domain::step::Step::Inside)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf);
        None
    }
}
