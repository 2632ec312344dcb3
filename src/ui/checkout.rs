//! Step 6: check out — badge back for the ID, the device checklist, and
//! what was done in the room.
//!
//! ```text
//! ┌ Keluar #12 · Budi Santoso · badge V-01 ───────── Di dalam 0j 45m ┐
//! │ Badge dikembalikan      V-01█                                    │
//! │ [x] Identitas dikembalikan ke pengunjung                         │
//! │ 1 Pintu rak tertutup    ‹ OK ›                                   │
//! │ 2 Tidak ada perangkat…  ‹ TIDAK OK ›                             │
//! │   Catatan               kabel lepas                              │
//! │ Kegiatan di ruang       Ganti UPS                                │
//! └──────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, caret, checkbox, duration, field, input_field, inside, truncate};
use crate::app::{App, CheckoutFocus, CheckoutState};
use crate::domain::visit::CheckKind;

/// A text of the check-out: the input when in focus, else its value.
fn text_line<'a>(
    c: &CheckoutState,
    label: &str,
    value: &str,
    here: CheckoutFocus,
    width: usize,
) -> (Line<'a>, Option<u16>) {
    if c.focus() == here {
        input_field(label, &c.input, true, width)
    } else {
        (field(label, value, false, width), None)
    }
}

pub fn render(app: &App, c: &CheckoutState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    let v = &c.visit;
    let width = usize::from(area.width).saturating_sub(6);
    let focus = c.focus();
    let (badge, col) = text_line(
        c,
        t.badge_returned,
        &c.badge_returned,
        CheckoutFocus::Badge,
        width,
    );
    let mut cursor = col.map(|col| (0, col));
    let mut lines = vec![
        badge,
        checkbox(
            t.id_returned,
            c.id_returned,
            focus == CheckoutFocus::IdReturned,
        ),
    ];
    let mut number = 0;
    // Equipment's answers are longer words than OK / TIDAK OK.
    let answer_w = if c.kinds.iter().any(|k| !k.is_room()) {
        13
    } else {
        8
    };
    for (i, item) in c.items.iter().enumerate() {
        let equipment = c.kinds[i] == CheckKind::Brought;
        let answer = match (c.answers[i], equipment) {
            (None, _) => "",
            (Some(true), false) => t.ok,
            (Some(false), false) => t.not_ok,
            (Some(true), true) => t.item_taken_out,
            (Some(false), true) => t.item_left,
        };
        // The answer first, then the whole item: long items stay readable.
        let style = if focus == CheckoutFocus::Item(i) {
            Theme::FOCUS
        } else {
            match c.answers[i] {
                None => Theme::VALUE,
                Some(true) => Theme::OK,
                Some(false) => Theme::ERROR,
            }
        };
        // The room's items numbered; equipment named as such.
        let what = if equipment {
            format!(" {}: ", t.equipment_row)
        } else {
            number += 1;
            format!(" {number}. ")
        };
        let room = width.saturating_sub(answer_w + 3 + what.chars().count());
        lines.push(Line::from(vec![
            Span::styled(format!("‹ {answer:^answer_w$} ›"), style),
            Span::raw(format!("{what}{}", truncate(item, room))),
        ]));
        if c.answers[i] == Some(false) {
            let label = format!("  {}", if equipment { t.reason } else { t.note });
            let (line, col) = text_line(c, &label, &c.notes[i], CheckoutFocus::Note(i), width);
            cursor = cursor.or(col.map(|col| (lines.len(), col)));
            lines.push(line);
        }
    }
    let (line, col) = text_line(c, t.taken_out, &c.taken_out, CheckoutFocus::TakenOut, width);
    cursor = cursor.or(col.map(|col| (lines.len(), col)));
    lines.push(line);
    let (line, col) = text_line(c, t.activity, &c.activity, CheckoutFocus::Activity, width);
    cursor = cursor.or(col.map(|col| (lines.len(), col)));
    lines.push(line);
    lines.push(Line::default());
    if let Some(m) = &c.message {
        let m = crate::text::reasons::problem_text(m, app.config.language);
        lines.push(Line::from(Span::styled(m, Theme::ERROR)));
    }
    lines.push(Line::from(Span::styled(t.checkout_hint, Theme::DIM)));
    // Keep the focused line in view on a small screen.
    let visible = usize::from(area.height.saturating_sub(2));
    // One line per focusable place, in the same order.
    let skip = (c.focus_index + 3).saturating_sub(visible);
    let mins = v.minutes_inside(app.now).unwrap_or(0);
    let over = v.overstay(app.now, app.config.standards.inside);
    let timer = Span::styled(
        format!(" {} {} ", t.inside_for, duration(app, mins)),
        if over { Theme::OVERDUE } else { Theme::OK },
    );
    let title = format!(
        "{} #{} · {} · {} {}",
        t.checkout_title,
        v.id.0,
        v.form.full_name,
        t.badge,
        v.badge.as_deref().unwrap_or("-")
    );
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    let at =
        cursor.and_then(|(line, col)| caret(&lines, line.checked_sub(skip)?, col, inside(area), 0));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(&title).title_top(Line::from(timer).right_aligned()))
        .render(area, buf);
    at
}

impl super::View for crate::app::CheckoutState {
    fn title(&self, app: &App) -> String {
        super::step_title(app, crate::domain::step::Step::Checkout)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
