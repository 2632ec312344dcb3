//! Boxes over the screen: help, errors, notices, a reason prompt, the exit PIN.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::sign_in::pin_prompt_lines;
use super::theme::Theme;
use super::widgets::{block, caret, centered, input_field, inside};
use crate::app::{App, Notice, Overlay};
use crate::text::keys::{Said, any_key_to_close, said};
use crate::text::notice::{notice_text, notice_title};
use crate::text::reasons::{failure_text, problem_text};

/// The box; where the cursor goes if it has a field.
pub fn render(app: &App, o: &Overlay, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = app.text();
    let mut cursor: Option<(usize, u16)> = None;
    let (title, lines, w, h): (&str, Vec<Line>, u16, u16) = match o {
        Overlay::Help => {
            let mut lines: Vec<Line> = super::help_lines(app)
                .into_iter()
                .map(|(k, words)| {
                    Line::from(vec![
                        Span::styled(format!(" {k:<11}"), Theme::KEY),
                        Span::raw(format!("  {words}")),
                    ])
                })
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                any_key_to_close(app.config.language),
                Theme::DIM,
            )));
            let h = u16::try_from(lines.len()).unwrap_or(20) + 2;
            (t.help_title, lines, 60, h)
        }
        Overlay::Error(failure) => (
            t.error_title,
            vec![
                Line::from(Span::styled(
                    failure_text(failure, app.config.language),
                    Theme::ERROR,
                )),
                Line::default(),
                Line::from(Span::styled(
                    any_key_to_close(app.config.language),
                    Theme::DIM,
                )),
            ],
            70,
            8,
        ),
        Overlay::Told(notice) => {
            let (width, height) = notice_size(notice);
            (
                notice_title(notice, app.config.language),
                vec![
                    Line::from(notice_text(
                        notice,
                        app.config.language,
                        app.config.timezone,
                    )),
                    Line::default(),
                    Line::from(Span::styled(
                        any_key_to_close(app.config.language),
                        Theme::DIM,
                    )),
                ],
                width,
                height,
            )
        }
        Overlay::Prompt(p) => {
            // Only a visit whose ID the operator holds has one to give back.
            let visit = app
                .visit_on_screen()
                .filter(|v| v.id == p.visit)
                .or_else(|| {
                    app.dashboard
                        .open
                        .iter()
                        .map(|s| &s.visit)
                        .find(|v| v.id == p.visit)
                });
            let id_held = visit.is_some_and(crate::domain::visit::Visit::id_held);
            let question = if id_held {
                t.cancel_question
            } else {
                t.cancel_question_no_id
            };
            // A leader before the decision: the whole team is cancelled.
            let team = visit
                .filter(|v| {
                    use crate::domain::visit::Status as S;
                    matches!(v.status, S::Draft | S::Review | S::AwaitingApproval)
                })
                .map_or(0, |v| app.team_at(v.id, v.status).len());
            let (field, col) = input_field(t.cancel_reason, &p.value, true, 64);
            let mut lines = vec![Line::from(question)];
            if team > 0 {
                let words = crate::text::team::team_text(app.config.language);
                lines.push(Line::from(Span::styled(
                    words.cancel_team(team),
                    Theme::WARN,
                )));
            }
            let at = lines.len() + 1;
            lines.extend([Line::default(), field]);
            cursor = col.map(|col| (at, col));
            if let Some(e) = &p.error {
                let e = problem_text(e, app.config.language);
                lines.push(Line::from(Span::styled(e, Theme::ERROR)));
            }
            lines.push(Line::from(Span::styled(t.prompt_hint, Theme::DIM)));
            (t.cancel_title, lines, 70, if team > 0 { 10 } else { 9 })
        }
        Overlay::LeaveSetup => {
            let lang = app.config.language;
            let lines = vec![
                Line::from(said(Said::LeaveSetupBody, lang)),
                Line::default(),
                Line::from(Span::styled(said(Said::LeaveSetupKeys, lang), Theme::DIM)),
            ];
            (said(Said::LeaveSetupTitle, lang), lines, 64, 8)
        }
        Overlay::ExitPin(p) => {
            let (mut lines, at) = pin_prompt_lines(app, p, t.exit_intro, 8);
            cursor = Some(at);
            lines.push(Line::from(Span::styled(t.prompt_hint, Theme::DIM)));
            let h = u16::try_from(lines.len()).unwrap_or(16) + 2;
            (t.exit_title, lines, 60, h)
        }
    };
    let rect = centered(area, w, h);
    let at = cursor.and_then(|(line, col)| caret(&lines, line, col, inside(rect), 0));
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(title))
        .render(rect, buf);
    at
}

/// The box of a notice: a one-line outcome in a small box, a story of
/// another console or a printer in a bigger one.
fn notice_size(n: &Notice) -> (u16, u16) {
    match n {
        Notice::SetupDone { .. }
        | Notice::SupervisorOnly
        | Notice::Printed { .. }
        | Notice::Saved { .. }
        | Notice::CorrectionRecorded(_)
        | Notice::BadgeRestored(_)
        | Notice::AccountRefused { .. }
        | Notice::PrivacyRefused(_) => (64, 7),
        Notice::Refused(_)
        | Notice::ChangedElsewhere { .. }
        | Notice::PrintFailed { .. }
        | Notice::NotCancellable { .. }
        | Notice::NotPreApproved(_) => (70, 9),
    }
}
