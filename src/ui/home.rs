//! The dashboard.
//!
//! ```text
//! ┌ Di dalam sekarang (1) ──────────────────────────────────────────────┐
//! │ #  Nama          Instansi     Badge Pendamping  Masuk  Lama         │
//! │ 12 Budi Santoso  PT Telkom    V-01  Andi        09:10  1j 12m  (red)│
//! ├ Dalam proses (2) ─────────────────────────┐┌ Hari ini ──────────────┤
//! │ 13 Menunggu persetujuan  Siti  10:02      ││ Pengunjung  4          │
//! └───────────────────────────────────────────┘└────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{
    block, column_widths, duration, fit_row, hm_or_day, number_width, pad, truncate,
};
use crate::app::{App, HomeState};
use crate::domain::visit::Status;

pub fn render(app: &App, state: &HomeState, area: Rect, buf: &mut Buffer) {
    let t = app.text();
    let tz = app.config.timezone;
    let today = app.today();
    let rows = app.home_rows();
    let inside: Vec<_> = rows
        .iter()
        .filter(|s| s.visit.status == Status::Inside)
        .collect();
    let others: Vec<_> = rows
        .iter()
        .filter(|s| s.visit.status != Status::Inside)
        .collect();
    let inside_h = u16::try_from(inside.len()).unwrap_or(u16::MAX).clamp(1, 8) + 3;
    // Supervisors: past days nobody has reviewed yet, and personal data
    // kept past the retention period the privacy notice told.
    let mut reminders = Vec::new();
    if app.is_supervisor() && !app.unreviewed.is_empty() {
        let d = app.desk();
        let n = app.unreviewed.len();
        let more = if n >= crate::app::UNREVIEWED_LIMIT as usize {
            "+"
        } else {
            ""
        };
        let days: Vec<String> = app
            .unreviewed
            .iter()
            .map(crate::format::day_month)
            .collect();
        reminders.push(d.unreviewed_reminder(&format!("{n}{more}"), &days.join(", ")));
    }
    if app.is_supervisor()
        && let Some(since) = app.retention_due
    {
        let days = app.config.report.retention_days;
        reminders.push(
            app.desk()
                .retention_reminder(&crate::format::date(&since), days),
        );
    }
    let [reminder_area, top, bottom] = Layout::vertical([
        Constraint::Length(u16::try_from(reminders.len()).unwrap_or(0)),
        Constraint::Length(inside_h),
        Constraint::Fill(1),
    ])
    .areas(area);
    let width = usize::from(area.width);
    let lines: Vec<Line> = reminders
        .iter()
        .map(|text| {
            Line::from(Span::styled(
                truncate(&format!(" {text}"), width),
                Theme::WARN,
            ))
        })
        .collect();
    Paragraph::new(lines).render(reminder_area, buf);
    let [queue_area, counts_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(30)]).areas(bottom);

    // Inside now.
    let standard = app.config.standards.inside;
    // Visits started at another door than this console's: their door is
    // shown (a column inside, a suffix in progress).
    let here = app.config.door.as_str();
    let elsewhere = |door: &str| !door.is_empty() && door != here;
    let doors = rows.iter().any(|s| elsewhere(&s.visit.door));
    // At 80 columns: name and organisation 15 each, escort 10 (with the
    // door: 13, 13, 9 and the door 9).
    let mut widths = vec![
        Constraint::Length(number_width(inside.iter().map(|s| s.visit.id.0), 4)),
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Length(5),
        Constraint::Fill(2),
    ];
    let mut heads = vec!["#", t.col_name, t.col_org, t.col_badge, t.col_escort];
    if doors {
        widths.push(Constraint::Fill(2));
        heads.push(t.col_door);
    }
    // How long: as wide as the longest (a stay of ten hours or more does
    // not fit the usual twelve columns).
    // Each visitor's overstay and stay, worked out once.
    let elapsed: Vec<(bool, String)> = inside
        .iter()
        .map(|s| {
            let v = &s.visit;
            let mins = v.minutes_inside(app.now).unwrap_or(0);
            let over = v.overstay(app.now, standard);
            // Overstay is marked, not only coloured.
            let mark = if over { "⚠ " } else { "" };
            (over, format!("{mark}{}", duration(app, mins)))
        })
        .collect();
    let elapsed_width = elapsed
        .iter()
        .map(|(_, e)| u16::try_from(e.chars().count()).unwrap_or(u16::MAX))
        .fold(12, u16::max);
    widths.extend([Constraint::Length(5), Constraint::Length(elapsed_width)]);
    heads.extend([t.col_in, t.col_elapsed]);
    let cols = column_widths(top.width, &widths);
    let header = Row::new(fit_row(&heads, &cols)).style(Theme::LABEL);
    let table_rows: Vec<Row> = inside
        .iter()
        .enumerate()
        .zip(elapsed)
        .map(|((i, s), (over, elapsed))| {
            let v = &s.visit;
            let mut style = if over { Theme::OVERDUE } else { Theme::VALUE };
            if i == state.selected {
                style = style.patch(Theme::SELECTED);
            }
            let mut cells = vec![
                v.id.0.to_string(),
                v.form.full_name.clone(),
                v.form.organisation.clone(),
                v.badge
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                s.escort_name.clone().unwrap_or_default(),
            ];
            if doors {
                cells.push(short_door(&v.door).to_owned());
            }
            let entered = v.entered_at.map(|e| hm_or_day(e, today, tz));
            cells.extend([entered.unwrap_or_default(), elapsed]);
            Row::new(fit_row(&cells, &cols)).style(style)
        })
        .collect();
    let title = format!("{} ({})", t.inside_now, inside.len());
    if table_rows.is_empty() {
        Paragraph::new(Span::styled(t.nobody_inside, Theme::DIM))
            .block(block(&title))
            .render(top, buf);
    } else {
        Table::new(table_rows, widths.clone())
            .header(header)
            .block(block(&title))
            .render(top, buf);
    }

    // In progress: awaiting approval first.
    let width = usize::from(queue_area.width).saturating_sub(2);
    let no_width = usize::from(number_width(others.iter().map(|s| s.visit.id.0), 4));
    let queue: Vec<Line> = others
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let i = j + inside.len();
            let v = &s.visit;
            let name = if v.form.full_name.is_empty() {
                t.unnamed
            } else {
                v.form.full_name.as_str()
            };
            // Before the name: a long name is cut, the door stays.
            let door = if elsewhere(&v.door) {
                format!("{} · ", short_door(&v.door))
            } else {
                String::new()
            };
            // A team member moving with the team says whose team in place
            // of the step (the leader's row shows it).
            let step = match v.team {
                Some(leader)
                    if matches!(
                        v.status,
                        Status::Draft | Status::Review | Status::AwaitingApproval
                    ) =>
                {
                    crate::text::team::team_text(app.config.language).member_short(leader.0)
                }
                _ => t.status_label(v).to_owned(),
            };
            let text = format!(
                "{:>no_width$} {} {} {door}{name}",
                v.id.0,
                hm_or_day(v.started_at, today, tz),
                pad(&step, 22),
            );
            let mut style = match v.status {
                Status::AwaitingApproval => Theme::WARN,
                Status::Rejected => Theme::ERROR,
                _ => Theme::VALUE,
            };
            if i == state.selected {
                style = style.patch(Theme::SELECTED);
            }
            Line::from(Span::styled(truncate(&text, width), style))
        })
        .collect();
    let awaiting = others
        .iter()
        .filter(|s| s.visit.status == Status::AwaitingApproval)
        .count();
    let qtitle = format!(
        "{} ({}) · {} {}",
        t.in_progress,
        others.len(),
        t.awaiting_approval,
        awaiting
    );
    let queue = if queue.is_empty() {
        vec![Line::from(Span::styled(t.nothing_in_progress, Theme::DIM))]
    } else {
        queue
    };
    // Keep the selected row in view.
    let visible = usize::from(queue_area.height.saturating_sub(2));
    let sel_in_queue = state.selected.saturating_sub(inside.len());
    let skip = (sel_in_queue + 1).saturating_sub(visible);
    // Rows are cut to the width (only the empty list's sentence wraps);
    // not trimmed, so the visit numbers stay right-aligned.
    Paragraph::new(queue.into_iter().skip(skip).collect::<Vec<_>>())
        .wrap(Wrap { trim: false })
        .block(block(&qtitle))
        .render(queue_area, buf);

    // Today's counts.
    let c = &app.dashboard.today;
    let overstays = overstays_now(app);
    let mut lines = vec![
        count_line(t.count_requests, c.visitors, Theme::VALUE),
        count_line(t.count_entered, c.entered, Theme::VALUE),
        count_line(t.count_rejected, c.rejected, Theme::VALUE),
        count_line(
            t.count_overstays,
            overstays,
            if overstays > 0 {
                Theme::OVERDUE
            } else {
                Theme::VALUE
            },
        ),
    ];
    // Planned today: the count, and who (the plans screen has the rest).
    let today = app.plans_today();
    let planned: usize = today.iter().map(|p| p.visitors.len()).sum();
    let pt = crate::text::plans::plan_text(app.config.language);
    lines.push(count_line(
        pt.today,
        u32::try_from(planned).unwrap_or(u32::MAX),
        if planned > 0 {
            Theme::WARN
        } else {
            Theme::VALUE
        },
    ));
    for p in today.iter().take(2) {
        let who: Vec<&str> = p.visitors.iter().map(|v| v.name.as_str()).collect();
        lines.push(Line::from(Span::styled(
            format!(" {}", truncate(&who.join(", "), 26)),
            Theme::WARN,
        )));
    }
    lines.push(Line::from(Span::styled(t.by_purpose, Theme::LABEL)));
    for (purpose, n) in &c.by_purpose {
        lines.push(Line::from(format!(" {} {n:>3}", pad(purpose, 22))));
    }
    if !app.dashboard.lost_badges.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                "{}: {}",
                t.lost_badges,
                app.dashboard
                    .lost_badges
                    .iter()
                    .map(crate::domain::badge::BadgeNo::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Theme::ERROR,
        )));
    }
    Paragraph::new(lines)
        .block(block(t.today))
        .render(counts_area, buf);
}

/// Today's visitors who stayed past the standard: those who have left
/// (counted by the store) and whoever is inside past it at this moment,
/// so the count moves with the clock like the red rows do.
pub fn overstays_now(app: &App) -> u32 {
    let standard = app.config.standards.inside;
    let inside_now = app
        .dashboard
        .with_status(Status::Inside)
        .filter(|s| s.visit.overstay(app.now, standard))
        .count();
    app.dashboard
        .today
        .overstays_left
        .saturating_add(u32::try_from(inside_now).unwrap_or(u32::MAX))
}

fn count_line<'a>(label: &str, n: u32, style: ratatui::style::Style) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<22}"), Theme::LABEL),
        Span::styled(format!("{n:>4}"), style),
    ])
}

/// A door's name without a leading "Pintu" / "Door" (the column says it):
/// "Pintu Selatan" → "Selatan".
fn short_door(door: &str) -> &str {
    for word in ["pintu ", "door "] {
        if door.len() > word.len()
            && door.is_char_boundary(word.len())
            && door[..word.len()].eq_ignore_ascii_case(word)
        {
            return door[word.len()..].trim_start();
        }
    }
    door
}

impl super::View for crate::app::HomeState {
    fn title(&self, app: &App) -> String {
        // Visits waiting for approval first, where a narrow header
        // still shows them.
        match app.waiting_now().len() {
            0 => format!("dc-access · {}", app.config.site_name),
            n => format!(
                "{} · dc-access · {}",
                app.text().waiting_count(n),
                app.config.site_name
            ),
        }
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf);
        None
    }
}
