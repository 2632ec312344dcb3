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
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, Table, Widget, Wrap};

use super::setup::user_form_lines;
use super::theme::Theme;
use super::widgets::{block, centered, column_widths, error_line, field, fit_row};
use crate::app::{AccountForm, AccountsState, App};
use crate::domain::visit::Role;

pub fn render(app: &App, a: &AccountsState, area: Rect, buf: &mut Buffer) {
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

    let Some(form) = &a.form else { return };
    let width = usize::from(area.width.min(72)).saturating_sub(2);
    let (title, mut lines) = match form {
        AccountForm::Add(f) => (d.add_title.to_owned(), user_form_lines(app, f, width)),
        AccountForm::ResetPin(r) => {
            let mut lines = vec![
                field(
                    d.new_pin,
                    &"*".repeat(r.pin.chars().count()),
                    !r.second,
                    width,
                ),
                field(
                    t.user_pin2,
                    &"*".repeat(r.pin2.chars().count()),
                    r.second,
                    width,
                ),
            ];
            if let Some(problem) = &r.error {
                let words =
                    crate::text::field_errors::field_error_text(problem, app.config.language);
                lines.push(error_line(&words));
            }
            (d.reset_title(&r.name), lines)
        }
    };
    lines.insert(0, Line::default());
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(d.form_hint, Theme::DIM)));
    let h = u16::try_from(lines.len()).unwrap_or(12) + 2;
    let rect = centered(area, 72, h);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(&title))
        .render(rect, buf);
}
