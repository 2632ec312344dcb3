//! Accounts (supervisors): list, add, reset a PIN, unlock, disable/enable.
//!
//! ```text
//! ┌ Akun (3) ─────────────────────────────────────────────────────────┐
//! │ Nama             NIP                 Peran       Status  Kunci Gagal│
//! │ Siti Rahma       198501152010011001  Supervisor  Aktif        0     │
//! │ Andi Saputra     199002022015031002  Operator    Aktif   ya  10     │
//! └───────────────────────────────────────────────────────────────────┘
//!  message line (outcome, or why refused)
//!         ┌ Tambah akun ──────────────┐  (a form, over the list)
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, Table, Widget, Wrap};

use super::setup::user_form_lines;
use super::theme::Theme;
use super::widgets::{
    block, caret, centered, column_widths, error_line, fit_row, input_field, inside,
};
use crate::app::{AccountForm, AccountsState, App};
use crate::domain::visit::Role;

pub fn render(app: &App, a: &AccountsState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    let d = app.desk();
    let [list_area, msg_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(18),
        Constraint::Fill(1),
        Constraint::Length(9),
        Constraint::Length(6),
        Constraint::Length(5),
    ];
    let cols = column_widths(list_area.width, &widths);
    let header = Row::new(fit_row(
        &[
            d.col_user,
            t.user_nip,
            t.user_role,
            d.col_state,
            d.col_locked,
            d.col_failed,
        ],
        &cols,
    ))
    .style(Theme::LABEL);
    let rows: Vec<Row> = app
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut style = if !u.active {
                Theme::DIM
            } else if u.locked {
                Theme::ERROR
            } else {
                Theme::VALUE
            };
            if i == a.selected {
                style = style.patch(Theme::SELECTED);
            }
            Row::new(fit_row(
                &[
                    u.name.clone(),
                    u.nip.clone(),
                    match u.role {
                        Role::Operator => t.role_operator.to_owned(),
                        Role::Supervisor => t.role_supervisor.to_owned(),
                    },
                    if u.active { d.active } else { d.disabled }.to_owned(),
                    if u.locked { t.yes } else { "" }.to_owned(),
                    format!("{:>5}", u.failed_pins),
                ],
                &cols,
            ))
            .style(style)
        })
        .collect();
    // Keep the selected row in view.
    let visible = usize::from(list_area.height.saturating_sub(3));
    let skip = (a.selected + 1).saturating_sub(visible);
    let title = format!("{} ({})", d.title_accounts, app.users.len());
    Table::new(rows.into_iter().skip(skip), widths)
        .header(header)
        .block(block(&title))
        .render(list_area, buf);
    if let Some(msg) = &a.message {
        let msg = crate::text::reasons::account_note_text(msg, app.config.language);
        Line::from(Span::styled(format!(" {msg}"), Theme::WARN)).render(msg_area, buf);
    }

    let Some(form) = &a.form else { return None };
    let width = usize::from(area.width.min(72)).saturating_sub(2);
    let (title, mut lines, cursor) = match form {
        AccountForm::Add(f) => {
            let (lines, cursor) = user_form_lines(app, f, width);
            (d.add_title.to_owned(), lines, cursor)
        }
        AccountForm::ResetPin(r) => {
            let (first, first_at) = input_field(d.new_pin, &r.pin, !r.second, width);
            let (second, second_at) = input_field(t.user_pin2, &r.pin2, r.second, width);
            let cursor = first_at.map(|c| (0, c)).or(second_at.map(|c| (1, c)));
            let mut lines = vec![first, second];
            if let Some(problem) = &r.error {
                let words =
                    crate::text::field_errors::field_error_text(problem, app.config.language);
                lines.push(error_line(&words));
            }
            (d.reset_title(&r.name), lines, cursor)
        }
    };
    lines.insert(0, Line::default());
    let cursor = cursor.map(|(line, col)| (line + 1, col));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(d.form_hint, Theme::DIM)));
    let h = u16::try_from(lines.len()).unwrap_or(12) + 2;
    let rect = centered(area, 72, h);
    let at = cursor.and_then(|(line, col)| caret(&lines, line, col, inside(rect), 0));
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(&title))
        .render(rect, buf);
    at
}

impl super::View for crate::app::AccountsState {
    fn title(&self, app: &App) -> String {
        app.desk().title_accounts.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
