//! A returning visitor on the step-2 form: the offered values beside the
//! fields (dim), what the earlier visits say, and the pick list of names
//! seen before. Part of `form.rs`'s drawing.
//!
//! ```text
//! │ Instansi                PT Lain  « PT Telkom                      │
//! │                                                                   │
//! │ Pengunjung lama: 3 kunjungan sebelumnya, terakhir 12-11-2026      │
//! │ ! melebihi batas waktu 1× · kartu hilang 1×                       │
//! │ F2: ambil isian ini · F3: ambil semua                             │
//! ```

use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::truncate;
use crate::app::{App, FormState};
use crate::domain::visit::FormField;

/// The offered value of `field`, dim, to put after a line `used` columns
/// wide in a line of `width`; `None` when nothing is offered or no room.
pub fn offer_span(
    f: &FormState,
    field: FormField,
    used: usize,
    width: usize,
) -> Option<Span<'static>> {
    let offer = f.returning.found.as_ref()?.offer(&f.draft, field)?;
    let room = width.checked_sub(used + 4)?;
    (room >= 4).then(|| Span::styled(format!("  « {}", truncate(offer, room)), Theme::DIM))
}

/// The lines under the form: the pick list while a name is typed, else
/// what the earlier visits say (with the keys that take their details).
pub fn panel_lines(app: &App, f: &FormState, width: usize) -> Vec<Line<'static>> {
    let w = app.visitor_words();
    let tz = app.config.timezone;
    let r = &f.returning;
    let mut lines = Vec::new();
    if r.picking(f.focus) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", w.similar_names), Theme::LABEL),
            Span::styled(w.similar_keys, Theme::DIM),
        ]));
        for (i, k) in r.names.iter().enumerate() {
            let row = format!(
                "{} {} · {} · {} · {}",
                if r.picked == Some(i) { "▶" } else { " " },
                k.full_name,
                k.organisation,
                super::archive::masked_id(&crate::domain::visit::FormDraft {
                    id_type: "KTP".into(),
                    id_number: k.id_number.clone(),
                    ..crate::domain::visit::FormDraft::default()
                }),
                crate::format::date(&k.last_at.with_timezone(&tz).date_naive()),
            );
            let style = if r.picked == Some(i) {
                Theme::SELECTED
            } else {
                Theme::VALUE
            };
            lines.push(Line::from(Span::styled(truncate(&row, width), style)));
        }
        return lines;
    }
    let Some(found) = &r.found else {
        return lines;
    };
    let last = crate::format::date(&found.last_at.with_timezone(&tz).date_naive());
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", w.returning_title), Theme::LABEL),
        Span::styled(w.earlier(found.visits, &last), Theme::VALUE),
    ]));
    let flags = w.flags(found.overstays, found.checklist_not_ok, found.badges_lost);
    lines.push(if flags.is_empty() {
        Line::from(Span::styled(w.no_flags(), Theme::DIM))
    } else {
        Line::from(Span::styled(
            truncate(&format!("⚠ {flags}"), width),
            Theme::WARN,
        ))
    });
    if found.offers_any(&f.draft) {
        lines.push(Line::from(Span::styled(w.returning_keys, Theme::DIM)));
    }
    lines
}
