//! The day log (supervisors): one day's visits, a page at a time.
//!
//! ```text
//!  Saring: Semua · Urut: terlama dulu · 1–12 dari 12
//!  ✔ Ditinjau: Siti Rahma, 28-11-2026 08:10 — tidak ada anomali
//! ┌ Log harian · Kamis 27-11-2026 ────────────────────────────────────┐
//! │ Masuk Keluar Lama   Pengunjung  Instansi Keperluan Status Kartu ... │
//! │ 09:10 10:25  1j 15m Budi S…     PT Telk… Pemeli… Arsip   V-01  L   │ (red)
//! └───────────────────────────────────────────────────────────────────┘
//!  L lewat waktu · T ditolak · C ceklist tidak OK · H badge hilang
//! ```

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, Widget, Wrap};

use super::archive::masked_id;
use super::text::DeskText;
use super::text::desk::Flag;
use super::theme::Theme;
use super::widgets::{
    block, caret, centered, column_widths, dt, duration, fit_row, hm_or_day, input_field, inside,
};
use crate::app::{App, DayLogState, LogInput, LogView};
use crate::domain::visit::{Status, Visit};
use crate::store::VisitSummary;

/// `Kamis 27-11-2026`.
pub fn long_day(d: &DeskText, day: chrono::NaiveDate) -> String {
    crate::format::weekday_date(d.language, &day)
}

/// The filter in words.
pub fn view_label(app: &App, view: LogView) -> String {
    let d = app.desk();
    match view {
        LogView::All => d.filter_all.to_owned(),
        LogView::Status(s) => format!("{} {}", d.filter_status, short_status(d, s)),
        LogView::Overstay => d.filter_overstay.to_owned(),
        LogView::Rejected => d.filter_rejected.to_owned(),
        LogView::ChecklistNotOk => d.filter_checklist.to_owned(),
        LogView::BadgeLost => d.filter_badge_lost.to_owned(),
    }
}

pub fn short_status(d: &DeskText, s: Status) -> &'static str {
    d.status_short(s)
}

/// The flag letters of a visit: overstay, rejected, checklist, badge lost.
pub fn flags(app: &App, v: &Visit) -> String {
    let d = app.desk();
    let on = [
        v.overstay(app.now, app.config.standards.inside),
        v.status == Status::Rejected,
        v.checklist_flagged(),
        v.badge_lost(),
    ];
    Flag::ALL
        .into_iter()
        .zip(on)
        .filter(|(_, on)| *on)
        .map(|(f, _)| d.flag_letter(f))
        .collect()
}

fn row_style(app: &App, v: &Visit, selected: bool) -> Style {
    let style = if v.overstay(app.now, app.config.standards.inside) {
        Theme::OVERDUE
    } else if v.status == Status::Rejected || v.checklist_flagged() || v.badge_lost() {
        Theme::ERROR
    } else {
        Theme::VALUE
    };
    if selected {
        style.patch(Theme::SELECTED)
    } else {
        style
    }
}

/// Rows to skip so the selected one stays in a table of `height` lines.
pub fn skip_for(selected: usize, height: u16) -> usize {
    let visible = usize::from(height.saturating_sub(3)).max(1);
    (selected + 1).saturating_sub(visible)
}

pub fn render(app: &App, s: &DayLogState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let d = app.desk();
    let tz = app.config.timezone;
    let [info, review, table_area, legend] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let shown = if s.rows.is_empty() {
        format!("0 {} {}", d.of, s.total)
    } else {
        format!(
            "{}–{} {} {}",
            s.offset + 1,
            s.offset as usize + s.rows.len(),
            d.of,
            s.total
        )
    };
    let order = if s.newest_first {
        d.sort_newest
    } else {
        d.sort_oldest
    };
    let mut info_line = vec![
        Span::styled(format!(" {}: ", d.filter), Theme::LABEL),
        Span::styled(view_label(app, s.view), Theme::VALUE),
    ];
    // Where visits were started at named doors: which door is shown.
    if !s.doors.is_empty() {
        let door = s.door.as_deref().map_or_else(
            || format!("{}: {}", d.door, d.filter_all),
            |x| app.text().door_label(x),
        );
        info_line.push(Span::styled(" · ".to_owned(), Theme::LABEL));
        info_line.push(Span::styled(door, Theme::VALUE));
    }
    info_line.extend([
        Span::styled(format!(" · {}: ", d.sort), Theme::LABEL),
        Span::styled(order, Theme::VALUE),
        Span::styled(format!(" · {shown}"), Theme::LABEL),
    ]);
    Line::from(info_line).render(info, buf);

    let review_line = match &s.review {
        Some(r) => {
            let note = if r.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", r.note)
            };
            Line::from(Span::styled(
                format!(
                    " ✔ {}: {}, {}{note}",
                    d.reviewed_by,
                    r.by_name,
                    dt(Some(r.at), tz)
                ),
                Theme::OK,
            ))
        }
        None => Line::from(Span::styled(format!(" {}", d.not_reviewed), Theme::WARN)),
    };
    review_line.render(review, buf);

    let title = format!("{} · {}", d.title_day_log, long_day(d, s.day));
    if s.rows.is_empty() {
        let words = if s.loaded { d.no_visits } else { d.loading };
        Paragraph::new(Span::styled(words, Theme::DIM))
            .block(block(&title))
            .render(table_area, buf);
    } else {
        let widths = [
            Constraint::Length(5),
            Constraint::Length(6),
            Constraint::Length(10),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Length(9),
            Constraint::Length(5),
            Constraint::Fill(2),
            Constraint::Length(4),
        ];
        let cols = column_widths(table_area.width, &widths);
        let header = Row::new(fit_row(
            &[
                d.col_in,
                d.col_out,
                d.col_duration,
                d.col_visitor,
                d.col_org,
                d.col_purpose,
                d.col_status,
                d.col_badge,
                d.col_approver,
                d.col_flags,
            ],
            &cols,
        ))
        .style(Theme::LABEL);
        let skip = skip_for(s.selected, table_area.height);
        let rows: Vec<Row> = s
            .rows
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, r)| log_row(app, s.day, r, &cols, i == s.selected))
            .collect();
        Table::new(rows, widths)
            .header(header)
            .block(block(&title))
            .render(table_area, buf);
    }
    Line::from(Span::styled(format!(" {}", d.flag_legend), Theme::DIM)).render(legend, buf);

    s.input
        .as_ref()
        .and_then(|input| render_input(app, input, area, buf))
}

/// One visit of the log of `day` (times on another day show the day).
fn log_row<'a>(
    app: &App,
    day: NaiveDate,
    r: &VisitSummary,
    cols: &[usize],
    selected: bool,
) -> Row<'a> {
    let d = app.desk();
    let tz = app.config.timezone;
    let v = &r.visit;
    let time_in = match v.entered_at {
        Some(t) => Cell::from(hm_or_day(t, day, tz)),
        // Never went in (rejected, cancelled, still waiting): no entry time.
        None => Cell::from(Span::styled("-", Theme::DIM)),
    };
    let rest = fit_row(
        &[
            v.exited_at
                .map_or_else(|| "-".into(), |t| hm_or_day(t, day, tz)),
            v.minutes_inside(app.now)
                .map_or_else(|| "-".into(), |m| duration(app, m)),
            v.form.full_name.clone(),
            v.form.organisation.clone(),
            v.form.purpose.clone(),
            short_status(d, v.status).to_owned(),
            v.badge
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            r.approver_name.clone().unwrap_or_default(),
            flags(app, v),
        ],
        cols.get(1..).unwrap_or_default(),
    );
    Row::new(std::iter::once(time_in).chain(rest.into_iter().map(Cell::from)))
        .style(row_style(app, v, selected))
}

fn render_input(app: &App, input: &LogInput, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let d = app.desk();
    let t = app.text();
    let (title, lines, cursor) = match input {
        LogInput::Date { value, error } => {
            let (line, col) = input_field(d.date_label, value, true, 60);
            let mut lines = vec![Line::default(), line];
            if *error {
                lines.push(Line::from(Span::styled(d.date_error, Theme::ERROR)));
            }
            (d.go_to_title, lines, col.map(|c| (1, c)))
        }
        LogInput::Review { value } => {
            let (line, col) = input_field(d.review_note, value, true, 60);
            (
                d.review_title,
                vec![Line::from(d.review_intro), Line::default(), line],
                col.map(|c| (2, c)),
            )
        }
    };
    let mut lines = lines;
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.prompt_hint, Theme::DIM)));
    let rect = centered(area, 64, 9);
    let at = cursor.and_then(|(line, col)| caret(&lines, line, col, inside(rect), 0));
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(title))
        .render(rect, buf);
    at
}

/// A table of visits from any day (search results): date, time, visitor,
/// masked ID number, organisation, status, flags.
pub fn search_table(
    app: &App,
    rows: &[VisitSummary],
    selected: Option<usize>,
    title: &str,
    area: Rect,
    buf: &mut Buffer,
) {
    let d = app.desk();
    let tz = app.config.timezone;
    let widths = [
        Constraint::Length(10),
        Constraint::Length(5),
        Constraint::Fill(3),
        Constraint::Length(16),
        Constraint::Fill(2),
        Constraint::Length(9),
        Constraint::Length(4),
    ];
    let cols = column_widths(area.width, &widths);
    let header = Row::new(fit_row(
        &[
            d.col_date,
            d.col_in,
            d.col_visitor,
            d.col_id_number,
            d.col_org,
            d.col_status,
            d.col_flags,
        ],
        &cols,
    ))
    .style(Theme::LABEL);
    let skip = skip_for(selected.unwrap_or(0), area.height);
    let table_rows: Vec<Row> = rows
        .iter()
        .enumerate()
        .skip(skip)
        .map(|(i, r)| {
            let v = &r.visit;
            let at = v.entered_at.unwrap_or(v.started_at).with_timezone(&tz);
            // The time is when the visitor went in; never went in: none.
            let time_in = v
                .entered_at
                .map_or_else(|| "-".to_owned(), |_| crate::format::clock(&at));
            Row::new(fit_row(
                &[
                    crate::format::date(&at),
                    time_in,
                    v.form.full_name.clone(),
                    masked_id(&v.form),
                    v.form.organisation.clone(),
                    short_status(d, v.status).to_owned(),
                    flags(app, v),
                ],
                &cols,
            ))
            .style(row_style(app, v, selected == Some(i)))
        })
        .collect();
    Table::new(table_rows, widths)
        .header(header)
        .block(block(title))
        .render(area, buf);
}

impl super::View for crate::app::DayLogState {
    fn title(&self, app: &App) -> String {
        app.desk().title_day_log.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
