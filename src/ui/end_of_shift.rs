//! End of shift: everything not accounted for. The first list is the
//! evacuation roll-call: everyone inside now, with badge and escort.
//!
//! ```text
//! ┌ Akhir shift — belum beres ────────────────────────────────────────┐
//! │ Di dalam sekarang (1) — daftar evakuasi                           │
//! │    # Nama                 Instansi       Badge  Pendamping  Masuk │
//! │   12 Budi Santoso         PT Telkom      V-01   Andi        09:10 │
//! │ Identitas masih dipegang (1)                                      │
//! │ Badge keluar (1) · Badge hilang (1)                               │
//! └───────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::archive::masked_id;
use super::day_log::short_status;
use super::theme::Theme;
use super::widgets::{block, caret, dt, duration, hm_or_day, inside, number_width, pad};
use crate::app::{App, EndOfShiftState, ShiftList};

fn fit(s: &str, w: usize) -> String {
    pad(s, w)
}

/// The lines of the list: on screen, and (as plain text) on paper.
pub fn shift_lines<'a>(app: &App, list: &ShiftList) -> Vec<Line<'a>> {
    let t = app.text();
    let d = app.desk();
    let tz = app.config.timezone;
    let standard = app.config.standards.inside;
    let nw = usize::from(number_width(
        list.inside
            .iter()
            .chain(&list.ids_held)
            .map(|s| s.visit.id.0),
        4,
    ));
    let heading =
        |words: &str, n: usize| Line::from(Span::styled(format!("{words} ({n})"), Theme::LABEL));
    let none = || Line::from(Span::styled(format!("  {}", d.none), Theme::DIM));
    let mut lines = vec![heading(d.inside_roll_call, list.inside.len())];
    if list.inside.is_empty() {
        lines.push(none());
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "  {:>nw$} {} {} {} {} {:<5} {}",
                "#",
                fit(t.col_name, 17),
                fit(t.col_org, 12),
                fit(t.col_badge, 6),
                fit(t.col_escort, 12),
                t.col_in,
                t.col_elapsed
            ),
            Theme::DIM,
        )));
    }
    for s in &list.inside {
        let v = &s.visit;
        let over = v.overstay(app.now, standard);
        let style = if over { Theme::OVERDUE } else { Theme::VALUE };
        lines.push(Line::from(Span::styled(
            format!(
                "  {:>nw$} {} {} {} {} {:<5} {}{}",
                v.id.0,
                fit(&v.form.full_name, 17),
                fit(&v.form.organisation, 12),
                fit(v.badge.as_deref().unwrap_or("-"), 6),
                fit(s.escort_name.as_deref().unwrap_or("-"), 12),
                v.entered_at
                    .map_or_else(|| "-".into(), |e| hm_or_day(e, app.today(), tz)),
                if over { "⚠ " } else { "" },
                duration(app, v.minutes_inside(app.now).unwrap_or(0)),
            ),
            style,
        )));
    }
    lines.push(Line::default());
    lines.push(heading(d.ids_held, list.ids_held.len()));
    if list.ids_held.is_empty() {
        lines.push(none());
    }
    for s in &list.ids_held {
        let v = &s.visit;
        lines.push(Line::from(Span::styled(
            format!(
                "  {:>nw$} {} {} {} {}",
                v.id.0,
                fit(&v.form.full_name, 17),
                fit(&v.form.id_type, 8),
                fit(&masked_id(&v.form), 17),
                short_status(d, v.status),
            ),
            Theme::WARN,
        )));
    }
    lines.push(Line::default());
    lines.push(heading(d.badges_out, list.badges_out.len()));
    let out: Vec<String> = list
        .badges_out
        .iter()
        .map(|(b, id)| format!("{b} (#{})", id.0))
        .collect();
    lines.push(list_line(&out, Theme::VALUE, d.none));
    lines.push(heading(d.badges_lost, list.badges_lost.len()));
    lines.push(list_line(&list.badges_lost, Theme::ERROR, d.none));
    lines.push(Line::default());
    let (words, style) = if list.is_clear() {
        (d.all_clear, Theme::OK)
    } else {
        (d.not_clear, Theme::WARN)
    };
    lines.push(Line::from(Span::styled(words, style)));
    lines
}

fn list_line<'a, S: AsRef<str>>(items: &[S], style: Style, none: &str) -> Line<'a> {
    if items.is_empty() {
        Line::from(Span::styled(format!("  {none}"), Theme::DIM))
    } else {
        let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        Line::from(Span::styled(format!("  {}", items.join(", ")), style))
    }
}

pub fn render(app: &App, e: &EndOfShiftState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let d = app.desk();
    let mut lines = match &e.list {
        Some(list) => shift_lines(app, list),
        None => vec![Line::from(Span::styled(d.loading, Theme::DIM))],
    };
    let mut cursor = None;
    if let Some(typed) = &e.restore {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            d.restore_badge_prompt,
            Theme::WARN,
        )));
        let shown = typed.shown(usize::from(inside(area).width));
        cursor = Some((lines.len(), shown.cursor));
        lines.push(Line::from(Span::styled(shown.text, Theme::FOCUS)));
    }
    let at = cursor.and_then(|(line, col)| caret(&lines, line, col, inside(area), e.scroll));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((e.scroll, 0))
        .block(block(d.title_end_of_shift))
        .render(area, buf);
    at
}

/// The list as a plain-text document, for the printer or a file: site,
/// when, who printed it, then the same lines as on screen.
pub fn shift_document(app: &App, list: &ShiftList) -> String {
    let d = app.desk();
    let tz = app.config.timezone;
    let who = app.on_duty.as_ref().map_or("-", |u| u.name.as_str());
    let mut out = format!(
        "{}\n{}\n{}: {}\n{}: {}\n\n",
        app.config.site_name,
        d.title_end_of_shift,
        d.printed_at,
        dt(Some(app.now), tz),
        d.printed_by,
        who
    );
    for line in shift_lines(app, list) {
        for span in &line.spans {
            out.push_str(&span.content);
        }
        out.push('\n');
    }
    out
}

impl super::View for crate::app::EndOfShiftState {
    fn title(&self, app: &App) -> String {
        app.desk().title_end_of_shift.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
