//! First-run setup: the first supervisor's account (the form is also
//! the accounts screen's "add").
//!
//! ```text
//! ┌ Akun supervisor pertama ─────────────────────┐
//! │ Nama lengkap          Siti Rahma█            │
//! │ NIP                   198501152010011001     │
//! │ PIN (6+ angka)        ******                 │
//! │ Ulangi PIN            ******                 │
//! └──────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, caret, centered, choice, error_line, input_field, inside};
use crate::app::{App, UserField, UserForm};
use crate::domain::visit::Role;
use crate::text::field_errors::field_error_text;

/// The lines of an account form (setup and the accounts screen), and the
/// line and column of the cursor in the field typed in.
pub fn user_form_lines<'a>(
    app: &App,
    f: &UserForm,
    width: usize,
) -> (Vec<Line<'a>>, Option<(usize, u16)>) {
    let t = app.text();
    let mut lines = Vec::new();
    let mut cursor = None;
    let mut push = |kind: UserField, (line, col): (Line<'a>, Option<u16>)| {
        if let Some(col) = col {
            cursor = Some((lines.len(), col));
        }
        lines.push(line);
        if let Some(e) = f.error(kind) {
            lines.push(error_line(&field_error_text(e, app.config.language)));
        }
    };
    let typed = |kind: UserField, label: &str, input| {
        (kind, input_field(label, input, f.focus == kind, width))
    };
    let (k, l) = typed(UserField::Name, t.user_name, &f.name);
    push(k, l);
    let (k, l) = typed(UserField::Nip, t.user_nip, &f.nip);
    push(k, l);
    if f.role_editable {
        let role = match f.role {
            Role::Operator => t.role_operator,
            Role::Supervisor => t.role_supervisor,
        };
        push(
            UserField::Role,
            (choice(t.user_role, role, f.focus == UserField::Role), None),
        );
    }
    let (k, l) = typed(UserField::Pin, t.user_pin, &f.pin);
    push(k, l);
    let (k, l) = typed(UserField::Pin2, t.user_pin2, &f.pin2);
    push(k, l);
    (lines, cursor)
}

pub fn render_setup(app: &App, f: &UserForm, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    let inner = centered(area, 72, 16);
    let mut lines = vec![
        Line::from(Span::styled(t.setup_intro, Theme::LABEL)),
        Line::default(),
    ];
    let (form, cursor) = user_form_lines(app, f, usize::from(inner.width) - 2);
    let cursor = cursor.map(|(line, col)| (line + lines.len(), col));
    lines.extend(form);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.setup_hint, Theme::DIM)));
    let at = cursor.and_then(|(line, col)| caret(&lines, line, col, inside(inner), 0));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(t.title_setup))
        .render(inner, buf);
    at
}

impl super::View for UserForm {
    fn title(&self, app: &App) -> String {
        app.text().title_setup.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render_setup(app, self, area, buf)
    }
}
