//! Boxes over the screen: help, errors, notices, a reason prompt, the exit PIN.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::setup::pin_prompt_lines;
use super::theme::Theme;
use super::widgets::{block, centered, field};
use super::words_keys::{Said, said};
use crate::app::{App, Overlay};

pub fn render(app: &App, o: &Overlay, area: Rect, buf: &mut Buffer) {
    let t = app.text();
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
            lines.push(Line::from(Span::styled(t.help_footer, Theme::DIM)));
            let h = u16::try_from(lines.len()).unwrap_or(20) + 2;
            (t.help_title, lines, 60, h)
        }
        Overlay::Error(msg) => (
            t.error_title,
            vec![
                Line::from(Span::styled(msg.clone(), Theme::ERROR)),
                Line::default(),
                Line::from(Span::styled(t.any_key, Theme::DIM)),
            ],
            70,
            8,
        ),
        Overlay::Notice(msg) => (
            t.notice_title,
            vec![
                Line::from(msg.clone()),
                Line::default(),
                Line::from(Span::styled(t.any_key, Theme::DIM)),
            ],
            64,
            7,
        ),
        Overlay::Told(n) => (
            super::i18n_notice::notice_title(n, app.config.language),
            vec![
                Line::from(super::i18n_notice::notice_text(
                    n,
                    app.config.language,
                    app.config.timezone,
                )),
                Line::default(),
                Line::from(Span::styled(t.any_key, Theme::DIM)),
            ],
            70,
            9,
        ),
        Overlay::Prompt(p) => {
            // Only a visit whose ID the operator holds has one to give back.
            let id_held = app
                .visit_on_screen()
                .filter(|v| v.id == p.visit)
                .or_else(|| {
                    app.dashboard
                        .open
                        .iter()
                        .map(|s| &s.visit)
                        .find(|v| v.id == p.visit)
                })
                .is_some_and(crate::domain::visit::Visit::id_held);
            let question = if id_held {
                t.cancel_question
            } else {
                t.cancel_question_no_id
            };
            let mut lines = vec![
                Line::from(question),
                Line::default(),
                field(t.cancel_reason, &p.value, true, 64),
            ];
            if let Some(e) = &p.error {
                lines.push(Line::from(Span::styled(e.clone(), Theme::ERROR)));
            }
            lines.push(Line::from(Span::styled(t.prompt_hint, Theme::DIM)));
            (t.cancel_title, lines, 70, 9)
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
            let mut lines = pin_prompt_lines(app, p, t.exit_intro);
            lines.push(Line::from(Span::styled(t.prompt_hint, Theme::DIM)));
            let h = u16::try_from(lines.len()).unwrap_or(16) + 2;
            (t.exit_title, lines, 60, h)
        }
    };
    let rect = centered(area, w, h);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(title))
        .render(rect, buf);
}
