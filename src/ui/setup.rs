//! First-run setup and sign-in.
//!
//! ```text
//! ┌ Akun supervisor pertama ─────────────────────┐
//! │ Nama lengkap          Siti Rahma▏            │
//! │ NIP                   198501152010011001     │
//! │ PIN (6+ angka)        ******                 │
//! │ Ulangi PIN            ******                 │
//! └──────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, centered, choice, error_line, field};
use crate::app::{App, PinPrompt, UserField, UserForm};
use crate::domain::visit::Role;
use crate::text::field_errors::field_error_text;

fn masked(pin: &str) -> String {
    "*".repeat(pin.chars().count())
}

/// The lines of an account form (setup and the accounts screen).
pub fn user_form_lines<'a>(app: &App, f: &UserForm, width: usize) -> Vec<Line<'a>> {
    let t = app.text();
    let mut lines = Vec::new();
    let mut push = |field_kind: UserField, line: Line<'a>| {
        lines.push(line);
        if let Some(e) = f.error(field_kind) {
            lines.push(error_line(&field_error_text(e, app.config.language)));
        }
    };
    push(
        UserField::Name,
        field(t.user_name, &f.name, f.focus == UserField::Name, width),
    );
    push(
        UserField::Nip,
        field(t.user_nip, &f.nip, f.focus == UserField::Nip, width),
    );
    if f.role_editable {
        let role = match f.role {
            Role::Operator => t.role_operator,
            Role::Supervisor => t.role_supervisor,
        };
        push(
            UserField::Role,
            choice(t.user_role, role, f.focus == UserField::Role),
        );
    }
    push(
        UserField::Pin,
        field(
            t.user_pin,
            &masked(&f.pin),
            f.focus == UserField::Pin,
            width,
        ),
    );
    push(
        UserField::Pin2,
        field(
            t.user_pin2,
            &masked(&f.pin2),
            f.focus == UserField::Pin2,
            width,
        ),
    );
    lines
}

pub fn render_setup(app: &App, f: &UserForm, area: Rect, buf: &mut Buffer) {
    let t = app.text();
    let inner = centered(area, 72, 16);
    let mut lines = vec![
        Line::from(Span::styled(t.setup_intro, Theme::LABEL)),
        Line::default(),
    ];
    lines.extend(user_form_lines(app, f, usize::from(inner.width) - 2));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.setup_hint, Theme::DIM)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(t.title_setup))
        .render(inner, buf);
}

pub fn render_sign_in(app: &App, p: &PinPrompt, area: Rect, buf: &mut Buffer) {
    let t = app.text();
    let inner = centered(area, 60, 18);
    let lines = pin_prompt_lines(app, p, t.sign_in_intro);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(t.title_sign_in))
        .render(inner, buf);
}

/// A list of accounts to pick from, the PIN field and any message.
pub fn pin_prompt_lines<'a>(app: &App, p: &PinPrompt, intro: &str) -> Vec<Line<'a>> {
    let t = app.text();
    let mut lines = vec![
        Line::from(Span::styled(intro.to_owned(), Theme::LABEL)),
        Line::default(),
    ];
    if p.choices.is_empty() {
        lines.push(Line::from(Span::styled(t.no_accounts, Theme::WARN)));
    }
    // At most 8 names, scrolled to keep the selected one in view.
    let start = p.selected.saturating_sub(7);
    for (i, (_, name)) in p.choices.iter().enumerate().skip(start).take(8) {
        let style = if i == p.selected {
            Theme::SELECTED
        } else {
            Theme::VALUE
        };
        let mark = if i == p.selected { "▶ " } else { "  " };
        lines.push(Line::from(Span::styled(format!("{mark}{name}"), style)));
    }
    lines.push(Line::default());
    lines.push(field(t.pin, &masked(&p.pin), true, 50));
    if let Some(m) = &p.message {
        let m = crate::text::reasons::problem_text(m, app.config.language);
        lines.push(Line::from(Span::styled(m, Theme::ERROR)));
    }
    lines
}
