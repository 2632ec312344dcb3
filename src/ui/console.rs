//! The Linux console (`TERM=linux`, the kiosk on tty1): its default fonts
//! carry Latin-1 and the single box-drawing lines, not rounded corners,
//! `✔ ⚠ ▏`, arrows or dashes, and it shows 16 colours.
//!
//! One switch, [`Charset`], decided once at start ([`Charset::decide`]: the
//! `kiosk.glyphs` setting, else `$TERM`) and kept in the app state. The
//! screens draw as usual; in console mode [`to_console`] then rewrites the
//! finished buffer through one table ([`console_char`]), so the words of the
//! catalogues and the names people typed are covered as well as the
//! screens' own marks. Render stays pure: the buffer in, the buffer out.

use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// The switch itself is decided with the configuration (app state holds it).
pub use crate::config::Charset;

/// The single box-drawing lines the default console fonts carry.
const BOX_LINES: &str = "─│┌┐└┘├┤┬┴┼";

/// True when the default console font has a glyph for `c`: printable
/// Latin-1 and the single box-drawing lines.
pub fn in_console_font(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}') || BOX_LINES.contains(c)
}

/// The character drawn on the console for `c`: `c` itself when the font
/// has it, else a look-alike, else `?`.
pub fn console_char(c: char) -> char {
    if in_console_font(c) {
        return c;
    }
    match c {
        '╭' | '┏' | '╔' => '┌',
        '╮' | '┓' | '╗' => '┐',
        '╰' | '┗' | '╚' => '└',
        '╯' | '┛' | '╝' => '┘',
        '━' | '═' | '╌' | '┄' => '─',
        '┃' | '║' | '╎' | '┆' => '│',
        '┣' | '╠' => '├',
        '┫' | '╣' => '┤',
        '┳' | '╦' => '┬',
        '┻' | '╩' => '┴',
        '╋' | '╬' => '┼',
        '✔' | '✓' => '+',
        '✘' | '✗' => 'x',
        '⚠' => '!',
        '▏' | '▎' | '▍' => '_',
        '▶' | '►' | '▸' | '›' | '→' | '⇒' => '>',
        '◀' | '◄' | '◂' | '‹' | '←' | '⌫' => '<',
        '↑' | '▲' => '^',
        '↓' | '▼' => 'v',
        '—' | '–' | '‒' | '−' | '‐' => '-',
        '…' => '~',
        '‘' | '’' | '‚' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '•' | '∙' | '●' => '\u{b7}',
        '█' | '▓' | '▒' | '░' => '#',
        _ => '?',
    }
}

/// One of the 16 colours the console shows (an RGB or 256-palette colour
/// falls back to the terminal's default).
pub fn console_color(c: Color) -> Color {
    match c {
        Color::Indexed(n) => match n {
            0 => Color::Black,
            1 => Color::Red,
            2 => Color::Green,
            3 => Color::Yellow,
            4 => Color::Blue,
            5 => Color::Magenta,
            6 => Color::Cyan,
            7 => Color::Gray,
            8 => Color::DarkGray,
            9 => Color::LightRed,
            10 => Color::LightGreen,
            11 => Color::LightYellow,
            12 => Color::LightBlue,
            13 => Color::LightMagenta,
            14 => Color::LightCyan,
            15 => Color::White,
            _ => Color::Reset,
        },
        Color::Rgb(..) => Color::Reset,
        named => named,
    }
}

/// True for the colours [`console_color`] keeps.
pub fn is_console_color(c: Color) -> bool {
    !matches!(c, Color::Indexed(_) | Color::Rgb(..))
}

/// Rewrite a drawn buffer for the console: every character through
/// [`console_char`], every colour through [`console_color`].
pub fn to_console(buf: &mut Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if !symbol.chars().all(in_console_font) {
            let shown: String = symbol.chars().map(console_char).take(1).collect();
            cell.set_symbol(&shown);
        }
        cell.fg = console_color(cell.fg);
        cell.bg = console_color(cell.bg);
        cell.underline_color = console_color(cell.underline_color);
    }
}

/// The cells the console could not show as drawn: a character outside its
/// font or a colour outside its 16, as `(x, y, what)`. Empty for a buffer
/// that went through [`to_console`].
pub fn unshowable(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let mut out = Vec::new();
    for (i, cell) in buf.content.iter().enumerate() {
        let (x, y) = buf.pos_of(i);
        if let Some(c) = cell.symbol().chars().find(|c| !in_console_font(*c)) {
            out.push((x, y, format!("{c:?}")));
        }
        for colour in [cell.fg, cell.bg, cell.underline_color] {
            if !is_console_color(colour) {
                out.push((x, y, format!("{colour:?}")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Glyphs;

    #[test]
    fn term_linux_means_the_console_unless_configured() {
        assert_eq!(
            Charset::decide(Glyphs::Auto, Some("linux")),
            Charset::Console
        );
        assert_eq!(
            Charset::decide(Glyphs::Auto, Some("linux-16color")),
            Charset::Console
        );
        assert_eq!(
            Charset::decide(Glyphs::Auto, Some("xterm-256color")),
            Charset::Unicode
        );
        assert_eq!(Charset::decide(Glyphs::Auto, None), Charset::Unicode);
        assert_eq!(
            Charset::decide(Glyphs::Unicode, Some("linux")),
            Charset::Unicode
        );
        assert_eq!(
            Charset::decide(Glyphs::Console, Some("xterm")),
            Charset::Console
        );
    }

    #[test]
    fn every_replacement_is_in_the_font() {
        for c in "╭╮╰╯✔✘⚠▏▶‹›←→↑↓⌫—–…“”•█山ễ".chars()
        {
            assert!(in_console_font(console_char(c)), "{c}");
        }
        assert_eq!(console_char('é'), 'é');
        assert_eq!(console_char('╭'), '┌');
    }

    #[test]
    fn a_wide_or_combined_cell_becomes_one_character() {
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "山e\u{301}", ratatui::style::Style::new());
        buf.content[0].fg = Color::Rgb(1, 2, 3);
        to_console(&mut buf);
        let text: String = buf
            .content
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert!(text.chars().all(in_console_font), "{text}");
        assert!(text.starts_with('?'), "{text}");
        assert_eq!(buf.content[0].fg, Color::Reset);
    }
}
