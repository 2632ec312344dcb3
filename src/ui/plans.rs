//! Planned visits (kunjungan terjadwal): one row per planned visitor,
//! today's first; a form to register a plan (supervisors), a question
//! before one is cancelled.
//!
//! ```text
//! ┌ Kunjungan terjadwal (2) ───────────────────────────────────────────┐
//! │ #  Tanggal        Pengunjung      Instansi    Surat tugas  Persetujuan│
//! │ 3  27-11          Budi Santoso    PT Telkom   090/1/ST     disetujui  │
//! └────────────────────────────────────────────────────────────────────┘
//!  Jadwal #3 didaftarkan dan disetujui lebih dulu.
//!        ┌ Daftarkan kunjungan terjadwal ───────┐ (a form, over the list)
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Widget};

use super::theme::Theme;
use super::widgets::{FormBox, block, choice, column_widths, fit_row, number_width};
use crate::app::{App, PlansState};
use crate::domain::plan::{Plan, PlanField};
use crate::text::plans::plan_text;

/// A plan's days as the list shows them: `27-11` or `27-11–28-11`.
fn days(p: &Plan) -> String {
    let d = |d: &chrono::NaiveDate| crate::format::day_month(d);
    if p.first_day == p.last_day {
        d(&p.first_day)
    } else {
        format!("{}–{}", d(&p.first_day), d(&p.last_day))
    }
}

pub fn render(app: &App, s: &PlansState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = plan_text(app.config.language);
    let [list_area, msg_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let rows = app.plan_rows();
    let widths = [
        Constraint::Length(number_width(rows.iter().map(|r| r.0.id.0), 3)),
        Constraint::Length(12),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(11),
    ];
    let cols = column_widths(list_area.width, &widths);
    let header = Row::new(fit_row(
        &[
            "#",
            t.col_days,
            t.col_visitor,
            t.col_org,
            t.col_letter,
            t.col_approval,
        ],
        &cols,
    ))
    .style(Theme::LABEL);
    let table: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, (p, v))| {
            let mut style = if p.open_at(app.now) {
                Theme::VALUE
            } else {
                Theme::DIM
            };
            if i == s.selected {
                style = style.patch(Theme::SELECTED);
            }
            let approval = if p.approved.is_some() {
                t.pre_approved
            } else {
                t.waiting
            };
            Row::new(fit_row(
                &[
                    p.id.0.to_string(),
                    days(p),
                    p.visitors[*v].name.clone(),
                    p.organisation.clone(),
                    p.letter.clone(),
                    approval.to_owned(),
                ],
                &cols,
            ))
            .style(style)
        })
        .collect();
    let title = format!("{} ({})", t.title, app.plans.len());
    if table.is_empty() {
        Paragraph::new(Span::styled(t.empty, Theme::DIM))
            .block(block(&title))
            .render(list_area, buf);
    } else {
        let visible = usize::from(list_area.height.saturating_sub(3));
        let skip = (s.selected + 1).saturating_sub(visible);
        Table::new(table.into_iter().skip(skip), widths)
            .header(header)
            .block(block(&title))
            .render(list_area, buf);
    }
    let message = match (s.confirm_cancel, s.note) {
        (Some(id), _) => Some((t.confirm_cancel(id.0), Theme::WARN)),
        (None, Some(note)) => Some((t.note(note), Theme::VALUE)),
        (None, None) => None,
    };
    if let Some((m, style)) = message {
        Line::from(Span::styled(format!(" {m}"), style)).render(msg_area, buf);
    }

    let form = s.form.as_ref()?;
    let mut fb = FormBox::new(t.add_title, area.width.min(76));
    for f in PlanField::ALL {
        let focused = form.focus() == f;
        match form.input(f) {
            Some(input) => fb.input(t.field(f), input, focused),
            None => fb.line(choice(t.field(f), &form.purpose, focused)),
        }
    }
    let error = form.error.as_ref().map(|e| t.error(e));
    fb.render(error.as_deref(), t.form_hint, area, buf)
}

impl super::View for crate::app::PlansState {
    fn title(&self, app: &App) -> String {
        crate::text::plans::plan_text(app.config.language)
            .title
            .into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
