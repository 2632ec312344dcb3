//! The one way text is typed into a field: every line input of every
//! screen (form fields, PINs, reasons, notes, search, dates) goes through
//! [`edit_text`], so the same keys edit, the same characters are refused
//! and the same limit stops typing (the form shows it as a counter).

use super::keymap::Action;
use crate::domain::fields::is_dropped;

/// Type into a text buffer: a character is appended unless it is a control
/// or format character (zero-width, bidi, BOM: see [`is_dropped`]) or the
/// buffer holds `max` characters already; Backspace removes one, Ctrl-U
/// clears. A paste arrives here one character at a time.
pub fn edit_text(buf: &mut String, action: Option<Action>, ch: Option<char>, max: usize) {
    match action {
        Some(Action::Backspace) => {
            buf.pop();
        }
        Some(Action::ClearField) => buf.clear(),
        _ => {
            if let Some(c) = ch.filter(|c| !is_dropped(*c))
                && buf.chars().count() < max
            {
                buf.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str, max: usize) -> String {
        let mut buf = String::new();
        for c in s.chars() {
            edit_text(&mut buf, None, Some(c), max);
        }
        buf
    }

    #[test]
    fn format_and_bidi_characters_never_enter_a_field() {
        let sneaky = "Bu\u{200B}di\u{202E}nosnaS\u{202C}\u{FEFF}\u{2066}x\u{2069}\u{200D}\u{00AD}";
        assert_eq!(typed(sneaky, 80), "BudinosnaSx");
        assert_eq!(typed("a\tb\r\nc\u{1b}", 80), "abc");
        // Letters of any script stay.
        assert_eq!(typed("Nguyễn 日本", 80), "Nguyễn 日本");
    }

    #[test]
    fn typing_stops_at_the_limit_and_editing_keys_work() {
        let mut buf = typed("abcdef", 4);
        assert_eq!(buf, "abcd");
        edit_text(&mut buf, Some(Action::Backspace), None, 4);
        assert_eq!(buf, "abc");
        edit_text(&mut buf, Some(Action::ClearField), None, 4);
        assert_eq!(buf, "");
    }
}
