//! Every style the UI uses, in one place.

use ratatui::style::{Color, Modifier, Style};

pub struct Theme;

impl Theme {
    pub const HEADER: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
    pub const TITLE: Style = Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD);
    pub const FOOTER: Style = Style::new().fg(Color::Gray).bg(Color::DarkGray);
    pub const KEY: Style = Style::new()
        .fg(Color::Black)
        .bg(Color::Gray)
        .add_modifier(Modifier::BOLD);
    pub const LABEL: Style = Style::new().fg(Color::Gray);
    pub const VALUE: Style = Style::new();
    pub const FOCUS: Style = Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD);
    pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
    pub const ERROR: Style = Style::new().fg(Color::LightRed);
    pub const OVERDUE: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
    pub const OK: Style = Style::new().fg(Color::Green);
    pub const WARN: Style = Style::new().fg(Color::Yellow);
    pub const DIM: Style = Style::new().fg(Color::DarkGray);
    pub const BORDER: Style = Style::new().fg(Color::Cyan);
}
