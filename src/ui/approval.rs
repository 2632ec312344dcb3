//! Step 4: the supervisor reads the form and decides, signing with a PIN.
//!
//! ```text
//! ┌ Formulir #12 (baca saja) ─────────────────┐┌ Keputusan ─────────┐
//! │ Nama lengkap     Budi Santoso             ││ Keputusan          │
//! │ ...                                       ││   ‹ Setujui ›      │
//! │                                           ││ Supervisor         │
//! │                                           ││   ‹ Siti Rahma ›   │
//! │                                           ││ PIN                │
//! │                                           ││   ******█          │
//! └───────────────────────────────────────────┘└────────────────────┘
//!
//! The decision panel is narrow, so each label sits above its value.
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, caret, form_lines, hang, inside, kv, step_timer, truncate};
use crate::app::{App, ApprovalFocus, ApprovalState, LineInput};
use crate::text::keys::no_other_supervisor;

pub fn render(app: &App, a: &ApprovalState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(30)]).areas(area);
    let mut lines = form_lines(app, &a.visit);
    lines.push(kv(t.submitted_by, &app.user_name(a.visit.submitted_by)));
    if !a.watch.is_empty() {
        lines.push(Line::default());
        let room = usize::from(inside(left).width);
        lines.extend(super::watchlist::hit_lines(app, &a.watch, None, room));
    }
    // The form's pane is narrow: long values wrap under themselves.
    let lines = hang(lines, usize::from(inside(left).width));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(&format!(
            "{} #{}{}",
            t.form_read_only,
            a.visit.id.0,
            // The door the visitor waits at, where doors are named.
            if a.visit.door.is_empty() {
                String::new()
            } else {
                format!(" · {}", t.door_label(&a.visit.door))
            }
        )))
        .render(left, buf);

    if a.supervisors.is_empty() {
        // Nobody here may decide: say so plainly instead of an empty choice.
        let submitter = app.user_name(a.visit.submitted_by);
        let lines = vec![Line::from(Span::styled(
            no_other_supervisor(&submitter, app.config.language),
            Theme::WARN,
        ))];
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(t.decision))
            .render(right, buf);
        return None;
    }
    let decision = if a.reject { t.reject } else { t.approve };
    let sup = a
        .supervisors
        .get(a.selected)
        .map_or(t.no_supervisor, |s| s.1.as_str());
    // Room for a value under its label: the inner width less the indent.
    let room = usize::from(right.width).saturating_sub(2 + 3);
    let mut lines = Vec::new();
    let mut cursor = None;
    stacked(
        &mut lines,
        t.decision,
        format!("‹ {decision} ›"),
        a.focus == ApprovalFocus::Decision,
    );
    stacked(
        &mut lines,
        t.decided_by,
        format!("‹ {} ›", truncate(sup, room.saturating_sub(4))),
        a.focus == ApprovalFocus::Supervisor,
    );
    if a.reject {
        let focused = a.focus == ApprovalFocus::Reason;
        let (value, col) = typed(&a.reason, focused, room);
        stacked(&mut lines, t.reject_reason, value, focused);
        cursor = cursor.or(col.map(|c| (lines.len() - 1, c)));
    }
    let focused = a.focus == ApprovalFocus::Pin;
    let (value, col) = typed(&a.pin, focused, room);
    stacked(&mut lines, t.pin, value, focused);
    cursor = cursor.or(col.map(|c| (lines.len() - 1, c)));
    lines.push(Line::default());
    if let Some(m) = &a.message {
        let m = crate::text::reasons::problem_text(m, app.config.language);
        lines.push(Line::from(Span::styled(m, Theme::ERROR)));
    }
    if a.confirm_watch {
        lines.push(Line::from(Span::styled(
            app.watch_words().confirm_approve,
            Theme::ERROR,
        )));
    } else {
        lines.push(Line::from(Span::styled(t.approval_hint, Theme::DIM)));
    }
    let since = a.visit.submitted_at.unwrap_or(a.visit.started_at);
    let blk = block(t.decision).title_bottom(
        Line::from(step_timer(app, since, app.config.standards.decide)).right_aligned(),
    );
    let at = cursor.and_then(|(line, col)| caret(&lines, line, col, inside(right), 0));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(blk)
        .render(right, buf);
    at
}

/// A label on its own line (highlighted when focused), its value indented below.
fn stacked(lines: &mut Vec<Line<'_>>, label: &str, value: String, focused: bool) {
    let style = if focused { Theme::FOCUS } else { Theme::LABEL };
    lines.push(Line::from(Span::styled(label.to_owned(), style)));
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled(value, Theme::VALUE),
    ]));
}

/// Typed text: around the cursor when focused (and the cursor's column
/// after the indent), else cut to fit.
fn typed(input: &LineInput, focused: bool, room: usize) -> (String, Option<u16>) {
    if focused {
        let shown = input.shown(room);
        (shown.text, Some(2 + shown.cursor))
    } else {
        (truncate(&input.shown(usize::MAX).text, room), None)
    }
}

impl super::View for crate::app::ApprovalState {
    fn title(&self, app: &App) -> String {
        super::step_title(app, crate::domain::step::Step::Decide)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
