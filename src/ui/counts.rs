//! Counts of the day shown and of a month: the SOP's *jumlah pengunjung dan
//! tujuan*, by organisation, rejections, overstays, time inside, steps
//! within their standard.
//!
//! ```text
//! ┌ Kamis 27-11-2026 ──────────────────┐┌ November 2026 ─────────────────┐
//! │ Pengunjung                       4 ││ Pengunjung                    83│
//! │ Ditolak                          1 ││ ...                             │
//! │ Rata-rata di dalam          0j 45m ││                                 │
//! │ Langkah tepat waktu   92% (23/25)  ││                                 │
//! │ Keperluan                          ││                                 │
//! │   Pemeliharaan                   3 ││                                 │
//! └────────────────────────────────────┘└─────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::day_log::long_day;
use super::theme::Theme;
use super::widgets::{block, duration, pad};
use crate::app::{App, CountsState, Stats};

pub fn render(app: &App, c: &CountsState, area: Rect, buf: &mut Buffer) {
    let d = app.desk();
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(area);
    // Counted at one door: each column's title says which.
    let at = c
        .door
        .as_ref()
        .map(|door| format!(" · {}", app.text().door_label(door_name(app, door))))
        .unwrap_or_default();
    let month = format!(
        "{}{at}",
        crate::format::month_year(app.config.language, &c.month)
    );
    column(
        app,
        &format!("{}{at}", long_day(d, c.day)),
        c.day_stats.as_ref(),
        c.scroll,
        left,
        buf,
    );
    column(app, &month, c.month_stats.as_ref(), c.scroll, right, buf);
}

fn column(
    app: &App,
    title: &str,
    stats: Option<&Stats>,
    scroll: u16,
    area: Rect,
    buf: &mut Buffer,
) {
    let d = app.desk();
    let width = usize::from(area.width).saturating_sub(2);
    let lines = match stats {
        None => vec![Line::from(Span::styled(d.loading, Theme::DIM))],
        Some(s) => stat_lines(app, s, width),
    };
    Paragraph::new(lines)
        .scroll((scroll, 0))
        .block(block(title))
        .render(area, buf);
}

fn count<'a>(label: &str, value: String, style: Style, width: usize) -> Line<'a> {
    let room = width.saturating_sub(value.chars().count() + 1);
    Line::from(vec![
        Span::styled(format!("{} ", pad(label, room)), Theme::LABEL),
        Span::styled(value, style),
    ])
}

/// The lines of one column of counts.
pub fn stat_lines<'a>(app: &App, s: &Stats, width: usize) -> Vec<Line<'a>> {
    let d = app.desk();
    let t = app.text();
    let red_if = |n: u32| if n > 0 { Theme::OVERDUE } else { Theme::VALUE };
    let share = if s.steps_timed == 0 {
        "-".to_owned()
    } else {
        let pct = u64::from(s.steps_within) * 100 / u64::from(s.steps_timed);
        format!("{pct}% ({}/{})", s.steps_within, s.steps_timed)
    };
    let mut lines = vec![
        count(
            t.count_requests,
            s.visitors.to_string(),
            Theme::VALUE,
            width,
        ),
        count(
            t.count_rejected,
            s.rejected.to_string(),
            Theme::VALUE,
            width,
        ),
        count(
            t.count_overstays,
            s.overstays.to_string(),
            red_if(s.overstays),
            width,
        ),
        count(
            d.avg_inside,
            s.avg_minutes_inside
                .map_or_else(|| "-".into(), |m| duration(app, i64::from(m))),
            Theme::VALUE,
            width,
        ),
        count(d.steps_within, share, Theme::VALUE, width),
    ];
    let doors: Vec<(String, u32)> = s
        .by_door
        .iter()
        .map(|(door, n)| (door_name(app, door).to_owned(), *n))
        .collect();
    let mut lists = vec![
        (t.by_purpose, &s.by_purpose),
        (d.by_organisation, &s.by_organisation),
    ];
    // Grouped by door where doors are named (all doors counted).
    if !doors.is_empty() {
        lists.insert(0, (d.by_door, &doors));
    }
    for (title, list) in lists {
        lines.push(Line::from(Span::styled(title.to_owned(), Theme::LABEL)));
        if list.is_empty() {
            lines.push(Line::from(Span::styled("  -", Theme::DIM)));
        }
        for (name, n) in list {
            lines.push(count(
                &format!("  {name}"),
                n.to_string(),
                Theme::VALUE,
                width,
            ));
        }
    }
    lines
}

/// A door's name as shown: "(tanpa nama)" for visits started where no door
/// was named.
pub fn door_name<'a>(app: &App, door: &'a str) -> &'a str {
    if door.is_empty() {
        app.desk().door_none
    } else {
        door
    }
}

impl super::View for crate::app::CountsState {
    fn title(&self, app: &App) -> String {
        app.desk().title_counts.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf);
        None
    }
}
