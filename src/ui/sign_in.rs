//! Sign-in: pick an account, type its PIN. The same lines ask a
//! supervisor's PIN to leave the kiosk (`overlay`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{LABEL_COLS, block, caret, centered, input_field, inside};
use crate::app::{App, PinPrompt};

pub fn render_sign_in(app: &App, p: &PinPrompt, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    let inner = centered(area, 60, 18);
    // Inside the border: the intro, a blank, the names, a blank, the PIN
    // and a message.
    let rows = usize::from(inner.height.saturating_sub(2)).saturating_sub(5);
    let (lines, cursor) = pin_prompt_lines(app, p, t.sign_in_intro, rows);
    let at = caret(&lines, cursor.0, cursor.1, inside(inner), 0);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(t.title_sign_in))
        .render(inner, buf);
    at
}

/// A list of accounts to pick from (in at most `rows` lines, at least
/// one), the PIN field and any message; the line and column of the cursor
/// in the PIN.
pub fn pin_prompt_lines<'a>(
    app: &App,
    p: &PinPrompt,
    intro: &str,
    rows: usize,
) -> (Vec<Line<'a>>, (usize, u16)) {
    let t = app.text();
    let mut lines = vec![
        Line::from(Span::styled(intro.to_owned(), Theme::LABEL)),
        Line::default(),
    ];
    if p.choices.is_empty() {
        lines.push(Line::from(Span::styled(t.no_accounts, Theme::WARN)));
    }
    // As many names as fit, scrolled to keep the selected one in view;
    // when some are out of view, the last line says how many.
    let total = p.choices.len();
    let shown = if total > rows.max(1) {
        rows.saturating_sub(1).max(1)
    } else {
        total
    };
    let start = p
        .selected
        .saturating_sub(shown.saturating_sub(1))
        .min(total.saturating_sub(shown));
    for (i, (_, name)) in p.choices.iter().enumerate().skip(start).take(shown) {
        let style = if i == p.selected {
            Theme::SELECTED
        } else {
            Theme::VALUE
        };
        let mark = if i == p.selected { "▶ " } else { "  " };
        lines.push(Line::from(Span::styled(format!("{mark}{name}"), style)));
    }
    if shown < total {
        lines.push(Line::from(Span::styled(
            format!("  {}", t.more_names(total - shown)),
            Theme::DIM,
        )));
    }
    lines.push(Line::default());
    let (line, col) = input_field(t.pin, &p.pin, true, 50);
    let cursor = (lines.len(), col.unwrap_or(LABEL_COLS));
    lines.push(line);
    if p.checking {
        lines.push(Line::from(Span::styled(t.pin_checking, Theme::LABEL)));
    } else if let Some(m) = &p.message {
        let m = crate::text::reasons::problem_text(m, app.config.language);
        lines.push(Line::from(Span::styled(m, Theme::ERROR)));
    }
    (lines, cursor)
}

impl super::View for PinPrompt {
    fn title(&self, app: &App) -> String {
        app.text().title_sign_in.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render_sign_in(app, self, area, buf)
    }
}
