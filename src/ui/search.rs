//! Search across all days by name, ID number or organisation; newest first.
//!
//! ```text
//! ┌ Cari ─────────────────────────────────────────────────────────────┐
//! │ Nama, nomor identitas atau instansi   budi▏                       │
//! └───────────────────────────────────────────────────────────────────┘
//! ┌ Hasil · hal. 1 ───────────────────────────────────────────────────┐
//! │ Tanggal    Masuk Pengunjung     No. identitas    Instansi  Status │
//! │ 27-11-2026 09:10 Budi Santoso   3201**********01 PT Telkom Arsip  │
//! └───────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::day_log::search_table;
use super::theme::Theme;
use super::widgets::{block, field};
use crate::app::{App, PAGE_SIZE, SearchState};

pub fn render(app: &App, s: &SearchState, area: Rect, buf: &mut Buffer) {
    let d = app.desk();
    let [query_area, results_area] =
        Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(area);
    let width = usize::from(query_area.width).saturating_sub(2);
    let hint = if s.editing {
        d.search_hint
    } else {
        d.search_list_hint
    };
    Paragraph::new(vec![
        field(d.search_label, &s.query, s.editing, width),
        Line::from(Span::styled(hint, Theme::DIM)),
    ])
    .block(block(d.title_search))
    .render(query_area, buf);

    let Some(q) = &s.searched else { return };
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
}
