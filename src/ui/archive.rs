//! Step 7: the activity report (laporan kegiatan di ruang server), shown
//! before and after archiving; also the read-only view of a closed visit.
//!
//! ```text
//! ┌ Laporan kegiatan #12 · Diarsipkan ────────────────────────────────┐
//! │ Pengunjung ... Keperluan ... Disetujui oleh ... Masuk/Keluar ...  │
//! │ Langkah  Waktu   Standar                                          │
//! │ 2 Form   3m      5m                                               │
//! │ Ceklist: ✔ Pintu rak tertutup ...                                 │
//! │ Riwayat: 09:01 visit_started Andi ...                             │
//! └───────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{block, dt, duration, kv};
use crate::app::{App, ArchiveState};
use crate::domain::audit::AuditAction;
use crate::domain::step::Step;
use crate::domain::visit::{CheckKind, FormField, NoticeAnswer, Status, Visit};
use crate::format;

/// The lines of a visit's activity report.
pub fn report_lines<'a>(app: &App, v: &Visit, events: &[crate::store::EventRow]) -> Vec<Line<'a>> {
    let t = app.text();
    let f = &v.form;
    let mut lines = vec![
        kv(
            t.visitor,
            &format!("{} · {} {}", f.full_name, f.id_type, masked_id(f)),
        ),
        kv(t.field_label(FormField::Organisation), &f.organisation),
        kv(
            t.field_label(FormField::Purpose),
            &format!("{} — {}", f.purpose, f.purpose_detail),
        ),
        kv(t.letter, &super::widgets::letter_line(app, f)),
        kv(t.field_label(FormField::Equipment), &f.equipment),
        kv(t.field_label(FormField::PersonVisited), &f.person_visited),
    ];
    lines.extend(super::widgets::team_lines(app, v));
    lines.extend(process_lines(app, v, events));
    lines
}

/// The report after the visitor's fields: who did what when, badge and
/// escort, times, checklist, each step against its standard, timeline.
pub fn process_lines<'a>(app: &App, v: &Visit, events: &[crate::store::EventRow]) -> Vec<Line<'a>> {
    let t = app.text();
    let tz = app.config.timezone;
    let mut lines = vec![
        kv(
            t.started_by,
            &format!(
                "{} · {}",
                app.user_name(Some(v.started_by)),
                dt(Some(v.started_at), tz)
            ),
        ),
        kv(
            t.submitted_by,
            &format!(
                "{} · {}",
                app.user_name(v.submitted_by),
                dt(v.submitted_at, tz)
            ),
        ),
        // The decision, not the status the visit has reached since.
        kv(
            t.decided_by,
            &t.decision_of(v).map_or_else(
                || t.not_decided.to_owned(),
                |decision| {
                    format!(
                        "{} · {} · {decision}",
                        app.user_name(v.decided_by),
                        dt(v.decided_at, tz),
                    )
                },
            ),
        ),
    ];
    if let Some(r) = &v.reject_reason {
        lines.push(kv(t.reject_reason, r));
    }
    if let Some(r) = &v.cancel_reason {
        lines.push(kv(t.cancel_reason, r));
    }
    let w = app.visitor_words();
    match v.notice {
        Some(NoticeAnswer::Agreed { at, retention_days }) => {
            lines.push(kv(
                w.notice_label,
                &w.agreed_short(&dt(Some(at), tz), retention_days),
            ));
        }
        Some(NoticeAnswer::Refused { .. }) => lines.push(kv(t.cancel_reason, w.refused_reason)),
        None => {}
    }
    if v.entered_at.is_some() {
        lines.push(kv(
            t.badge,
            &format!(
                "{} · {}",
                v.badge.as_deref().unwrap_or("-"),
                if v.exited_at.is_none() {
                    t.badge_in_use
                } else if v.badge_lost() {
                    t.badge_lost
                } else {
                    t.badge_back
                }
            ),
        ));
        lines.push(kv(t.escort, &app.user_name(v.escort)));
        lines.push(kv(
            t.time_in_out,
            &format!(
                "{} → {} ({})",
                dt(v.entered_at, tz),
                dt(v.exited_at, tz),
                duration(app, v.minutes_inside(app.now).unwrap_or(0))
            ),
        ));
    }
    lines.push(kv(
        t.id_document,
        if v.id_returned_at.is_some() {
            t.id_back
        } else {
            t.id_still_held
        },
    ));
    if !v.activity.is_empty() {
        lines.push(kv(t.activity, &v.activity));
    }
    if !v.checklist.is_empty() {
        lines.push(Line::from(Span::styled(t.checklist_title, Theme::LABEL)));
        for a in &v.checklist {
            let (mark, style) = if a.flags() {
                ("✘", Theme::ERROR)
            } else {
                ("✔", Theme::OK)
            };
            // Equipment says where it went: taken out, left (and why),
            // or taken out without being listed.
            let went = match (a.kind, a.ok) {
                (CheckKind::Room, _) => String::new(),
                (CheckKind::Brought, true) => format!(" · {}", t.item_taken_out),
                (CheckKind::Brought, false) => format!(" · {}", t.item_left),
                (CheckKind::TakenOut, _) => format!(" · {}", t.item_not_listed),
            };
            let note = if !a.note.is_empty() {
                format!(" — {}", a.note)
            } else if a.kind == CheckKind::Brought && !a.ok {
                format!(" — {}", t.no_reason)
            } else {
                String::new()
            };
            let what = if a.kind.is_room() {
                String::new()
            } else {
                format!("{}: ", t.equipment_row)
            };
            lines.push(Line::from(Span::styled(
                format!("  {mark} {what}{}{went}{note}", a.item),
                style,
            )));
        }
    }
    lines.push(Line::from(Span::styled(t.step_times, Theme::LABEL)));
    let lang = app.config.language;
    for step in Step::TIMED {
        let standard = app.config.standards.minutes_for_step(step);
        let (shown, style) = match v.step_minutes(step) {
            Some(m) if m > i64::from(standard) => (format::minutes(lang, m), Theme::OVERDUE),
            Some(m) => (format::minutes(lang, m), Theme::OK),
            None => ("-".into(), Theme::DIM),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {step} {:<44}", t.step_name(step)), Theme::VALUE),
            Span::styled(format!("{shown:>6}"), style),
            Span::styled(
                format!(" / {}", format::minutes(lang, i64::from(standard))),
                Theme::DIM,
            ),
        ]));
    }
    if !events.is_empty() {
        lines.push(Line::from(Span::styled(t.timeline, Theme::LABEL)));
        for e in events {
            // A correction shows its reason: it is the whole point of it.
            let reason = (e.action == AuditAction::Correction)
                .then(|| serde_json::from_str::<serde_json::Value>(&e.details).ok())
                .flatten()
                .and_then(|d| d["reason"].as_str().map(|r| format!(" — {r}")))
                .unwrap_or_default();
            lines.push(Line::from(format!(
                "  {} · {} · {} · {}{reason}",
                dt(Some(e.at), tz),
                e.step,
                t.action_label(e.action),
                e.actor_name.as_deref().unwrap_or("-")
            )));
        }
    }
    lines
}

/// The ID number as lists show it: masked the same way for every ID type;
/// a number that does not parse (a draft) is masked too, never shown whole.
pub(super) fn masked_id(f: &crate::domain::visit::FormDraft) -> String {
    crate::domain::fields::parse_id_number(&f.id_type, &f.id_number).map_or_else(
        |_| {
            let chars: Vec<char> = f.id_number.trim().chars().collect();
            let keep = if chars.len() >= 8 { 2 } else { 0 };
            let hidden = chars.len() - keep;
            let mut out = "*".repeat(hidden);
            out.extend(&chars[hidden..]);
            out
        },
        |n| n.masked(),
    )
}

pub fn render(app: &App, a: &ArchiveState, area: Rect, buf: &mut Buffer) {
    let t = app.text();
    let mut lines = report_lines(app, &a.visit, &a.events);
    lines.push(Line::default());
    let hint = if a.visit.status == Status::CheckedOut {
        t.archive_hint
    } else {
        t.read_only_hint
    };
    lines.push(Line::from(Span::styled(hint, Theme::WARN)));
    let title = format!(
        "{} #{} · {}",
        t.report_title,
        a.visit.id.0,
        t.status_label(&a.visit)
    );
    // More below the fold: say so on the bottom border. Lines are counted
    // as wrapped at the inner width (close enough for a hint).
    let inner_w = usize::from(area.width.saturating_sub(2)).max(1);
    let total: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner_w))
        .sum();
    let shown = usize::from(a.scroll) + usize::from(area.height.saturating_sub(2));
    let mut blk = block(&title);
    if total > shown {
        blk = blk.title_bottom(
            Line::from(Span::styled(format!(" {} ", t.more_below), Theme::WARN)).right_aligned(),
        );
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((a.scroll, 0))
        .block(blk)
        .render(area, buf);
}

impl super::View for crate::app::ArchiveState {
    fn title(&self, app: &App) -> String {
        super::step_title(app, crate::domain::step::Step::Archive)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
        render(app, self, area, buf);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::masked_id;
    use crate::domain::visit::FormDraft;

    #[test]
    fn an_id_number_is_never_listed_whole() {
        let f = |id_type: &str, n: &str| FormDraft {
            id_type: id_type.into(),
            id_number: n.into(),
            ..FormDraft::default()
        };
        assert_eq!(masked_id(&f("KTP", "3201011505850001")), "3201**********01");
        // Not a valid NIK yet (a draft): still masked.
        assert_eq!(masked_id(&f("KTP", "32010115058500")), "************00");
        assert_eq!(masked_id(&f("KTP", "3201")), "****");
        let sim = masked_id(&f("SIM", "1234-5678-9012"));
        assert!(!sim.contains("5678"), "{sim}");
    }
}
