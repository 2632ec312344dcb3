//! Step 2: the server-room access form.
//!
//! ```text
//! ┌ Formulir #12 ──────────────────────────────── Waktu 01:10 / 05:00 ┐
//! │ Nama lengkap            Budi Santoso                              │
//! │ Jenis identitas         ‹ KTP ›                                   │
//! │ Nomor identitas         32010115058500█                        ⚠ │
//! │ ...                                                               │
//! │ [x] Dokumen identitas dipegang petugas                            │
//! │ ⚠ NIK harus 16 angka (sekarang 14)                                │
//! └───────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{
    block, caret, checkbox, choice, field, input_field, inside, step_timer, truncate,
};
use crate::app::{App, FormState, max_len};
use crate::domain::visit::FormField;
use crate::text::field_errors::field_error_text;
use crate::text::team::team_text;

/// The form; the cursor's place in the field being typed.
pub fn render(app: &App, f: &FormState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    let rules = app.config.visit.form_rules();
    let width = usize::from(area.width).saturating_sub(6);
    let mut lines = Vec::new();
    let mut cursor = None;
    // A member's fields are checked as recorded: with the team's (the
    // leader's phone when they have none).
    let checked = match f.team {
        Some(leader) => f.draft.as_member_of(&app.leader_form(leader)),
        None => f.draft.clone(),
    };
    for &fld in f.fields() {
        let focused = f.focus == fld;
        let problem = checked.check(fld, &rules);
        // A field's problem shows once it has been typed in or left, or
        // after a first attempt to go on.
        let shown =
            problem.is_some() && (f.show_errors || (!f.draft.get(fld).is_empty() && !focused));
        let mut line = if fld == FormField::IdHeld {
            checkbox(t.field_label(fld), f.draft.id_held, focused)
        } else if fld.is_choice() {
            choice(t.field_label(fld), f.draft.get(fld), focused)
        } else if focused {
            let (line, col) = input_field(t.field_label(fld), &f.input, true, width);
            cursor = col.map(|c| (lines.len(), c));
            line
        } else {
            field(t.field_label(fld), f.draft.get(fld), false, width)
        };
        if shown {
            line.spans.push(Span::styled(" ⚠", Theme::ERROR));
        }
        // A returning visitor's last value, offered beside the field.
        if let Some(offer) = super::returning::offer_span(f, fld, line.width(), width + 2) {
            line.spans.push(offer);
        }
        lines.push(line);
    }
    let team = team_lines(app, f, width + 2);
    let team_rows = team.len();
    lines.extend(team);
    lines.push(Line::default());
    let focused_problem = checked.check(f.focus, &rules);
    let show_focused =
        f.show_errors || (f.focus != FormField::IdHeld && !f.draft.get(f.focus).is_empty());
    let mut help = match focused_problem.filter(|_| show_focused) {
        Some(p) => Line::from(Span::styled(
            format!("⚠ {}", field_error_text(&p, app.config.language)),
            Theme::ERROR,
        )),
        None => Line::from(Span::styled(t.field_help(f.focus), Theme::DIM)),
    };
    // A typed field shows how much of its limit is used: typing stops at
    // the limit, and the counter says so instead of keys doing nothing.
    if !f.focus.is_choice() && f.focus != FormField::IdHeld {
        let (n, max) = (f.draft.get(f.focus).chars().count(), max_len(f.focus));
        let style = if n >= max { Theme::WARN } else { Theme::DIM };
        help.spans
            .push(Span::styled(format!("  ({n}/{max})"), style));
    }
    lines.push(help);
    if f.show_errors {
        let n = checked
            .problems(&rules)
            .iter()
            .filter(|(fld, _)| f.fields().contains(fld))
            .count();
        if n > 0 {
            lines.push(Line::from(Span::styled(t.fields_to_fix(n), Theme::ERROR)));
        }
    } else {
        let hint = if f.team.is_some() {
            team_text(app.config.language).member_done_hint
        } else {
            t.form_enter_hint
        };
        lines.push(Line::from(Span::styled(hint, Theme::DIM)));
    }
    let returning = super::returning::panel_lines(app, f, width + 2);
    if !returning.is_empty() {
        lines.push(Line::default());
        lines.extend(returning);
    }
    let hits = app.watch_hits(&f.draft);
    if !hits.is_empty() {
        lines.push(Line::default());
        let note = app.watch_words().form_warning;
        let room = usize::from(inside(area).width);
        lines.extend(super::watchlist::hit_lines(app, &hits, Some(note), room));
    }
    // At 80x24 the fields leave six rows: when the returning visitor's
    // panel or a watchlist match needs more, the blank separators go
    // first, then the Enter hint (the footer says it too).
    let rows = usize::from(inside(area).height);
    let fields = f.fields().len() + team_rows;
    while lines.len() > rows {
        let Some(i) = (fields..lines.len()).find(|&i| lines[i].spans.is_empty()) else {
            break;
        };
        lines.remove(i);
    }
    if lines.len() > rows && !f.show_errors {
        lines.remove(fields + 1);
    }
    let title = match f.team {
        Some(leader) => team_text(app.config.language).member_of(f.visit.0, leader.0),
        None => format!("{} #{}", t.form_title, f.visit.0),
    };
    let blk = block(&title).title_top(
        Line::from(step_timer(app, f.started_at, app.config.standards.form)).right_aligned(),
    );
    let at = cursor.and_then(|(line, col)| caret(&lines, line, col, inside(area), 0));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(blk)
        .render(area, buf);
    at
}

/// Teams: on a member's form, what follows the leader; on the leader's,
/// the members so far and one that stops the team going on.
fn team_lines<'a>(app: &App, f: &FormState, width: usize) -> Vec<Line<'a>> {
    let words = team_text(app.config.language);
    if f.team.is_some() {
        return vec![Line::from(Span::styled(words.member_shared, Theme::DIM))];
    }
    let names: Vec<String> = app
        .team_drafts(f.visit)
        .iter()
        .map(|m| match m.form.full_name.trim() {
            "" => format!("#{}", m.id.0),
            name => name.to_owned(),
        })
        .collect();
    let mut lines = Vec::new();
    if !names.is_empty() {
        let label = format!("{}: ", words.team_label);
        let text = truncate(
            &words.members_line(&names),
            width.saturating_sub(label.chars().count()),
        );
        lines.push(Line::from(vec![
            Span::styled(label, Theme::LABEL),
            Span::styled(text, Theme::VALUE),
        ]));
    }
    if let Some(member) = f.member_incomplete {
        lines.push(Line::from(Span::styled(
            words.member_incomplete(member.0),
            Theme::ERROR,
        )));
    }
    lines
}

impl super::View for crate::app::FormState {
    fn title(&self, app: &App) -> String {
        super::step_title(app, crate::domain::step::Step::Form)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
