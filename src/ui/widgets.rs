//! Small pieces the screens share: labelled fields, time formatting, a
//! read-only view of the form.

use chrono_tz::Tz;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::theme::Theme;
use crate::app::App;
use crate::domain::visit::{FormField, Time, Visit};

/// Cut a string to `max` characters, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// A bordered block with a title.
pub fn block(title: &str) -> Block<'_> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Theme::BORDER)
        .title(Span::styled(
            format!(" {title} "),
            Theme::TITLE
                .bg(ratatui::style::Color::Reset)
                .fg(ratatui::style::Color::Cyan),
        ))
}

/// `label: value` with the focused field highlighted and a cursor.
pub fn field<'a>(label: &str, value: &str, focused: bool, width: usize) -> Line<'a> {
    let label = format!("{:<24}", truncate(label, 23));
    let shown = if focused {
        let room = width.saturating_sub(26);
        let n = value.chars().count();
        let tail: String = value.chars().skip(n.saturating_sub(room)).collect();
        format!("{tail}▏")
    } else {
        truncate(value, width.saturating_sub(25))
    };
    Line::from(vec![
        Span::styled(label, if focused { Theme::FOCUS } else { Theme::LABEL }),
        Span::raw(" "),
        Span::styled(shown, Theme::VALUE),
    ])
}

/// A choice among a list: `‹ value ›`.
pub fn choice<'a>(label: &str, value: &str, focused: bool) -> Line<'a> {
    let label = format!("{:<24}", truncate(label, 23));
    let shown = if value.is_empty() {
        "—".to_owned()
    } else {
        value.to_owned()
    };
    Line::from(vec![
        Span::styled(label, if focused { Theme::FOCUS } else { Theme::LABEL }),
        Span::raw(" "),
        Span::styled(format!("‹ {shown} ›"), Theme::VALUE),
    ])
}

/// A checkbox: `[x] label`.
pub fn checkbox<'a>(label: &str, checked: bool, focused: bool) -> Line<'a> {
    let mark = if checked { "[x]" } else { "[ ]" };
    Line::from(vec![Span::styled(
        format!("{mark} {label}"),
        if focused { Theme::FOCUS } else { Theme::VALUE },
    )])
}

/// An indented error line under a field.
pub fn error_line<'a>(msg: &str) -> Line<'a> {
    Line::from(Span::styled(format!("{:25}⚠ {msg}", ""), Theme::ERROR))
}

/// A time in the site's zone, `HH:MM`.
pub fn hm(t: Time, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

/// A time in the site's zone, `DD-MM-YYYY HH:MM`.
pub fn dt(t: Option<Time>, tz: Tz) -> String {
    t.map_or_else(
        || "-".into(),
        |t| t.with_timezone(&tz).format("%d-%m-%Y %H:%M").to_string(),
    )
}

/// Minutes as `1j 05m` / `1h 05m`.
pub fn duration(app: &App, minutes: i64) -> String {
    let t = app.text();
    format!("{}{} {:02}m", minutes / 60, t.hour_letter, minutes % 60)
}

/// A label/value line for read-only views.
pub fn kv<'a>(label: &str, value: &str) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{:<24} ", truncate(label, 23)), Theme::LABEL),
        Span::styled(value.to_owned(), Theme::VALUE),
    ])
}

/// The form of a visit, read-only, one line per field.
pub fn form_lines<'a>(app: &App, v: &Visit) -> Vec<Line<'a>> {
    let t = app.text();
    let mut lines: Vec<Line<'a>> = FormField::ALL
        .iter()
        .filter(|f| **f != FormField::IdHeld)
        .map(|f| kv(t.field_label(*f), v.form.get(*f)))
        .collect();
    lines.push(kv(
        t.id_held_short,
        if v.form.id_held { t.yes } else { t.no },
    ));
    lines
}

/// Elapsed time of a step against its standard: `03:12 / 05:00`, red when over.
pub fn step_timer<'a>(app: &App, since: Time, standard_min: u32) -> Span<'a> {
    let secs = (app.now - since).num_seconds().max(0);
    let over = secs >= i64::from(standard_min) * 60;
    let text = format!(
        " {} {:02}:{:02} / {:02}:00 ",
        app.text().elapsed,
        secs / 60,
        secs % 60,
        standard_min
    );
    Span::styled(text, if over { Theme::OVERDUE } else { Theme::OK })
}

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Columns for visit numbers: as wide as the largest shown (at least 4,
/// up to the 7 digits of a decade at a busy door), so "123456" is never cut.
pub fn number_width<'a>(visits: impl IntoIterator<Item = &'a Visit>) -> usize {
    visits
        .into_iter()
        .map(|v| v.id.0.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 1)
        .max()
        .unwrap_or(0)
        .max(4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::{UserId, VisitId};

    #[test]
    fn visit_number_columns_fit_seven_digits() {
        let v = |n| Visit::start(VisitId(n), UserId(1), Time::default());
        assert_eq!(number_width(&[]), 4);
        assert_eq!(number_width(&[v(7), v(42)]), 4);
        assert_eq!(number_width(&[v(7), v(123_456)]), 6);
        assert_eq!(number_width(&[v(9_999_999)]), 7);
    }
}
