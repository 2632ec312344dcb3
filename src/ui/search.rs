//! Search across all days by name, ID number or organisation; newest first.
//!
//! ```text
//! ┌ Cari ─────────────────────────────────────────────────────────────┐
//! │ Nama, nomor identitas atau instansi   budi█                       │
//! └───────────────────────────────────────────────────────────────────┘
//! ┌ Hasil · hal. 1 ───────────────────────────────────────────────────┐
//! │ Tanggal    Masuk Pengunjung     No. identitas    Instansi  Status │
//! │ 27-11-2026 09:10 Budi Santoso   3201**********01 PT Telkom Arsip  │
//! └───────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::day_log::search_table;
use super::theme::Theme;
use super::widgets::{block, caret, input_field, inside};
use crate::app::{App, PAGE_SIZE, SearchState};

pub fn render(app: &App, s: &SearchState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let d = app.desk();
    let [query_area, results_area] =
        Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(area);
    let width = usize::from(query_area.width).saturating_sub(2);
    let hint = if s.editing {
        d.search_hint
    } else {
        d.search_list_hint
    };
    let (query, col) = input_field(d.search_label, &s.query, s.editing, width);
    let lines = vec![query, Line::from(Span::styled(hint, Theme::DIM))];
    let at = col.and_then(|col| caret(&lines, 0, col, inside(query_area), 0));
    Paragraph::new(lines)
        .block(block(d.title_search))
        .render(query_area, buf);

    let Some(q) = &s.searched else { return at };
    let page = s.offset / PAGE_SIZE + 1;
    let title = format!("{} «{q}» · {} {page}", d.results, d.page);
    if s.results.is_empty() {
        Paragraph::new(Span::styled(d.no_results, Theme::DIM))
            .block(block(&title))
            .render(results_area, buf);
    } else {
        let selected = (!s.editing).then_some(s.selected);
        search_table(app, &s.results, selected, &title, results_area, buf);
    }
    at
}

impl super::View for crate::app::SearchState {
    fn title(&self, app: &App) -> String {
        app.desk().title_search.into()
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf)
    }
}
