//! End of step 2: the privacy notice (UU 27/2022), agreed or refused.
//!
//! ```text
//! ┌ Pemberitahuan pelindungan data pribadi #12 ───── Waktu 04:10 / 05:00 ┐
//! │ Bacakan atau tunjukkan kepada pengunjung:                            │
//! │                                                                      │
//! │ Data pribadi Anda dicatat untuk keamanan Ruang Data Center (...)     │
//! │ Yang dicatat: nama, jenis dan nomor identitas, ...                   │
//! │ Disimpan 730 hari; ...                                               │
//! │                                                                      │
//! │ Pengunjung sudah diberi tahu dan setuju?                             │
//! │ Enter: diberi tahu dan setuju · x: menolak · Esc: kembali ke formulir│
//! └──────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, step_timer};
use crate::app::{App, PrivacyState};
use crate::text::visitor::{VisitorText, visitor_text};

impl App {
    /// The visitor's words (privacy notice, returning visitors).
    pub fn visitor_words(&self) -> &'static VisitorText {
        visitor_text(self.config.language)
    }
}

pub fn render(app: &App, p: &PrivacyState, area: Rect, buf: &mut Buffer) {
    let w = app.visitor_words();
    let mut lines = vec![
        Line::from(Span::styled(w.notice_read, Theme::DIM)),
        Line::default(),
    ];
    lines.extend(
        app.config
            .privacy_notice()
            .lines()
            .map(|l| Line::from(l.to_owned())),
    );
    lines.push(Line::default());
    if p.confirm_refusal {
        lines.push(Line::from(Span::styled(
            w.notice_confirm_refusal,
            Theme::ERROR,
        )));
    } else {
        lines.push(Line::from(Span::styled(w.notice_ask, Theme::WARN)));
        lines.push(Line::from(Span::styled(w.notice_keys, Theme::DIM)));
    }
    let title = format!("{} #{}", w.notice_title, p.form.visit.0);
    let blk = block(&title).title_top(
        Line::from(step_timer(
            app,
            p.form.started_at,
            app.config.standards.form,
        ))
        .right_aligned(),
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(blk)
        .render(area, buf);
}

impl super::View for crate::app::PrivacyState {
    fn title(&self, app: &App) -> String {
        super::step_title(app, crate::domain::step::Step::Form)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf);
        None
    }
}
