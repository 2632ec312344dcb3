//! Step 4: the supervisor reads the form and decides, signing with a PIN.
//!
//! ```text
//! ┌ Formulir #12 (baca saja) ───────────┐┌ Keputusan ─────────────────┐
//! │ Nama lengkap     Budi Santoso       ││ Keputusan  ‹ Setujui ›     │
//! │ ...                                 ││ Supervisor ‹ Siti Rahma ›  │
//! │                                     ││ PIN        ******          │
//! └─────────────────────────────────────┘└────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, choice, field, form_lines, kv, step_timer};
use crate::app::{App, ApprovalFocus, ApprovalState};

pub fn render(app: &App, a: &ApprovalState, area: Rect, buf: &mut Buffer) {
    let t = app.text();
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(36)]).areas(area);
    let mut lines = form_lines(app, &a.visit);
    lines.push(kv(t.submitted_by, &app.user_name(a.visit.submitted_by)));
    Paragraph::new(lines)
        .block(block(&format!("{} #{}", t.form_read_only, a.visit.id.0)))
        .render(left, buf);

    let decision = if a.reject { t.reject } else { t.approve };
    let sup = a
        .supervisors
        .get(a.selected)
        .map_or(t.no_supervisor, |s| s.1.as_str());
    let mut lines = vec![
        choice(t.decision, decision, a.focus == ApprovalFocus::Decision),
        choice(t.supervisor, sup, a.focus == ApprovalFocus::Supervisor),
    ];
    if a.reject {
        lines.push(field(
            t.reject_reason,
            &a.reason,
            a.focus == ApprovalFocus::Reason,
            34,
        ));
    }
    lines.push(field(
        t.pin,
        &"*".repeat(a.pin.len()),
        a.focus == ApprovalFocus::Pin,
        34,
    ));
    lines.push(Line::default());
    if let Some(m) = &a.message {
        lines.push(Line::from(Span::styled(m.clone(), Theme::ERROR)));
    }
    lines.push(Line::from(Span::styled(t.approval_hint, Theme::DIM)));
    let since = a.visit.submitted_at.unwrap_or(a.visit.started_at);
    let blk = block(t.decision).title_bottom(
        Line::from(step_timer(app, since, app.config.standards.decide)).right_aligned(),
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(blk)
        .render(right, buf);
}
