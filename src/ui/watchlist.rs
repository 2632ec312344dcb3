//! The watchlist (daftar tangkal, supervisors): the entries in force, a
//! form to add one, a question before one is removed.
//!
//! ```text
//! ┌ Daftar tangkal (2) ────────────────────────────────────────────────┐
//! │ #  NIK               Nama / instansi     Alasan          Berlaku s.d.│
//! │ 1  3201**********01  Budi Santoso        Membawa …       31-12-2026  │
//! └────────────────────────────────────────────────────────────────────┘
//!  Entri #2 ditambahkan.            (or: Hapus … ? Enter: hapus · Esc)
//!        ┌ Tambah entri daftar tangkal ─────────┐ (a form, over the list)
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Widget};

use super::theme::Theme;
use super::widgets::{FormBox, block, column_widths, fit_row, number_width};
use crate::app::{App, WatchlistState};
use crate::domain::nik::Nik;
use crate::domain::watchlist::{WatchEntry, WatchField, WatchHit};
use crate::text::watchlist::{WatchText, watch_text};

impl App {
    /// The watchlist's words in the configured language.
    pub fn watch_words(&self) -> &'static WatchText {
        watch_text(self.config.language)
    }
}

/// An entry's NIK as lists show it (masked), empty when it names none.
pub fn masked_nik(e: &WatchEntry) -> String {
    Nik::try_from(e.nik.as_str()).map_or_else(|_| String::new(), |n| n.masked())
}

/// Whom an entry names: the name, the organisation, or both.
pub fn who(e: &WatchEntry) -> String {
    match (e.name.is_empty(), e.organisation.is_empty()) {
        (false, false) => format!("{} / {}", e.name, e.organisation),
        (false, true) => e.name.clone(),
        (true, false) => e.organisation.clone(),
        (true, true) => masked_nik(e),
    }
}

/// The last valid day of an entry, as the site's calendar writes it.
pub fn last_day(app: &App, e: &WatchEntry) -> String {
    let last = e.until - chrono::Duration::seconds(1);
    crate::format::date(&last.with_timezone(&app.config.timezone))
}

/// The matches of a visitor, for the form and the approval: a title
/// (with `note` after it) and each entry (whom it names, why, until when)
/// in lines of at most `width` cells.
pub fn hit_lines<'a>(
    app: &App,
    hits: &[WatchHit],
    note: Option<&str>,
    width: usize,
) -> Vec<Line<'a>> {
    let t = app.watch_words();
    if hits.is_empty() {
        return Vec::new();
    }
    let mut title = vec![Span::styled(format!("⚠ {}", t.warning_title), Theme::ERROR)];
    if let Some(note) = note {
        title.push(Span::styled(format!(" · {note}"), Theme::WARN));
    }
    let mut lines = vec![Line::from(title)];
    for h in hits {
        if let Some(e) = app.watchlist.iter().find(|e| e.id == h.entry) {
            let s = t.hit(&h.on, &who(e), &e.reason, &last_day(app, e));
            // Wrapped here, so that a screen short of rows counts them.
            for part in super::widgets::wrap_words(&s, width.max(20)) {
                lines.push(Line::from(Span::styled(part, Theme::WARN)));
            }
        }
    }
    lines
}

pub fn render(app: &App, w: &WatchlistState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.watch_words();
    let [list_area, msg_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let widths = [
        Constraint::Length(number_width(app.watchlist.iter().map(|e| e.id.0), 3)),
        Constraint::Length(16),
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Length(12),
    ];
    let cols = column_widths(list_area.width, &widths);
    let header = Row::new(fit_row(
        &["#", t.col_nik, t.col_who, t.col_reason, t.col_until],
        &cols,
    ))
    .style(Theme::LABEL);
    let rows: Vec<Row> = app
        .watchlist
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let style = if i == w.selected {
                Theme::WARN.patch(Theme::SELECTED)
            } else {
                Theme::WARN
            };
            Row::new(fit_row(
                &[
                    e.id.0.to_string(),
                    masked_nik(e),
                    who(e),
                    e.reason.clone(),
                    last_day(app, e),
                ],
                &cols,
            ))
            .style(style)
        })
        .collect();
    let title = format!("{} ({})", t.title, app.watchlist.len());
    if rows.is_empty() {
        Paragraph::new(Span::styled(t.empty, Theme::DIM))
            .block(block(&title))
            .render(list_area, buf);
    } else {
        let visible = usize::from(list_area.height.saturating_sub(3));
        let skip = (w.selected + 1).saturating_sub(visible);
        Table::new(rows.into_iter().skip(skip), widths)
            .header(header)
            .block(block(&title))
            .render(list_area, buf);
    }
    let message = match (w.confirm_remove, w.note) {
        (Some(id), _) => app
            .watchlist
            .iter()
            .find(|e| e.id == id)
            .map(|e| (t.confirm_remove(&who(e)), Theme::WARN)),
        (None, Some(note)) => Some((t.note(note), Theme::VALUE)),
        (None, None) => None,
    };
    if let Some((m, style)) = message {
        Line::from(Span::styled(format!(" {m}"), style)).render(msg_area, buf);
    }

    let Some(form) = &w.form else { return None };
    let mut fb = FormBox::new(t.add_title, area.width.min(72));
    for f in WatchField::ALL {
        let label = match f {
            WatchField::Nik => t.field_nik,
            WatchField::Name => t.field_name,
            WatchField::Organisation => t.field_org,
            WatchField::Reason => t.field_reason,
            WatchField::Until => t.field_until,
        };
        fb.input(label, form.get(f), form.focus() == f);
    }
    let error = form.error.as_ref().map(|e| t.error(e));
    fb.render(error.as_deref(), t.form_hint, area, buf)
}

impl super::View for crate::app::WatchlistState {
    fn title(&self, app: &App) -> String {
        app.watch_words().title.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
