//! One visit in full, from the day log or a search: the whole form (the ID
//! number unmasked: the only place it is), who did what when, each step
//! against its standard, and the full timeline of audit events.
//!
//! ```text
//! ┌ Detail kunjungan #12 · Diarsipkan ────────────────────────────────┐
//! │ Nama lengkap            Budi Santoso                              │
//! │ Nomor identitas         3201234567890001                          │
//! │ ...                                                               │
//! │ Riwayat: 09:01 · 2 · Kunjungan dimulai · Andi                     │
//! └───────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::archive::process_lines;
use super::theme::Theme;
use super::widgets::{block, caret, form_lines, inside};
use crate::app::{App, DetailState};

pub fn render(app: &App, s: &DetailState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    let d = app.desk();
    let mut lines = form_lines(app, &s.visit);
    lines.extend(process_lines(app, &s.visit, &s.events));
    // The door it started at, where doors are named.
    let door = if s.visit.door.is_empty() {
        String::new()
    } else {
        format!(" · {}", t.door_label(&s.visit.door))
    };
    let title = format!(
        "{} #{} · {}{door}",
        d.title_detail,
        s.visit.id.0,
        t.status_label(&s.visit)
    );
    // While a correction is typed, it stays in view under the report.
    let (report, prompt) = match &s.correction {
        Some(_) => {
            let [top, bottom] = ratatui::layout::Layout::vertical([
                ratatui::layout::Constraint::Fill(1),
                ratatui::layout::Constraint::Length(5),
            ])
            .areas(area);
            (top, Some(bottom))
        }
        None => (area, None),
    };
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((s.scroll, 0))
        .block(block(&title))
        .render(report, buf);
    let (Some(area), Some(typed)) = (prompt, &s.correction) else {
        return None;
    };
    let shown = typed.shown(usize::from(inside(area).width));
    let lines = vec![
        Line::from(shown.text),
        Line::from(Span::styled(d.correction_prompt, Theme::DIM)),
    ];
    let at = caret(&lines, 0, shown.cursor, inside(area), 0);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(d.hint_correct))
        .render(area, buf);
    at
}

impl super::View for crate::app::DetailState {
    fn title(&self, app: &App) -> String {
        app.desk().title_detail.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
