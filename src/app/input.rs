//! The one way text is typed into a field: every line input of every
//! screen (form fields, PINs, reasons, notes, search, dates) is a
//! [`LineInput`], so the same keys edit, the same characters are refused
//! and the same limit stops typing (the form shows it as a counter).

use unicode_width::UnicodeWidthChar;

use super::keymap::Action;
use crate::domain::fields::is_dropped;

/// Which characters a field takes (besides the limit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Accepts {
    /// Any printable character.
    #[default]
    Text,
    /// `0`–`9` only (PINs).
    Digits,
    /// Digits and spaces (a NIP typed in groups).
    DigitsSpaces,
    /// Digits and `-` (a date typed as 28-11-2026).
    Date,
}

impl Accepts {
    fn takes(self, c: char) -> bool {
        !is_dropped(c)
            && match self {
                Accepts::Text => true,
                Accepts::Digits => c.is_ascii_digit(),
                Accepts::DigitsSpaces => c.is_ascii_digit() || c == ' ',
                Accepts::Date => c.is_ascii_digit() || c == '-',
            }
    }
}

/// One line of typed text with a cursor: characters go in at the cursor;
/// ← → Home End move it; Backspace and Delete remove the character before
/// and after it; Ctrl-U clears the line. A paste goes in at the cursor,
/// newlines and tabs as spaces. Control and format characters (zero-width,
/// bidi, BOM: see [`is_dropped`]) never enter, and typing stops at `max`
/// characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// The cursor, in characters from the start (0..=len).
    cursor: usize,
    max: usize,
    accepts: Accepts,
    /// Shown as `*` (a PIN).
    secret: bool,
}

/// What a field shows in `width` cells: the part of the text around the
/// cursor, and the cursor's column in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub cursor: u16,
}

impl LineInput {
    /// An empty line of any text, at most `max` characters.
    pub fn new(max: usize) -> LineInput {
        LineInput {
            text: String::new(),
            cursor: 0,
            max,
            accepts: Accepts::Text,
            secret: false,
        }
    }

    /// An empty PIN field: digits only, shown as `*`.
    pub fn pin() -> LineInput {
        LineInput {
            secret: true,
            ..LineInput::new(12).accepting(Accepts::Digits)
        }
    }

    #[must_use]
    pub fn accepting(mut self, accepts: Accepts) -> LineInput {
        self.accepts = accepts;
        self
    }

    /// The same field holding `value` (what it does not take dropped, cut
    /// to the limit), the cursor at its end.
    #[must_use]
    pub fn with_value(mut self, value: &str) -> LineInput {
        self.set(value);
        self
    }

    /// Replace the text (as [`with_value`](Self::with_value)).
    pub fn set(&mut self, value: &str) {
        self.text = value
            .chars()
            .filter(|c| self.accepts.takes(*c))
            .take(self.max)
            .collect();
        self.cursor = self.len();
    }

    pub fn value(&self) -> &str {
        &self.text
    }

    /// The text, leaving the field empty.
    pub fn take(&mut self) -> String {
        self.cursor = 0;
        std::mem::take(&mut self.text)
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Characters typed.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn max(&self) -> usize {
        self.max
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_secret(&self) -> bool {
        self.secret
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Put `c` in at the cursor, unless the field does not take it or is
    /// full. Whether it went in.
    pub fn insert(&mut self, c: char) -> bool {
        if !self.accepts.takes(c) || self.len() >= self.max {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
        true
    }

    /// A paste, in at the cursor: newlines and tabs become spaces (one
    /// line), what the field does not take is dropped, the rest stops at
    /// the limit.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n");
        for c in text.chars() {
            let c = if matches!(c, '\r' | '\n' | '\t') {
                ' '
            } else {
                c
            };
            if self.len() >= self.max {
                break;
            }
            self.insert(c);
        }
    }

    /// A key in this field: an editing action, or a character typed.
    /// Whether the key was the field's (an action it does not know, such as
    /// Enter or Tab, is left to the screen).
    pub fn key(&mut self, action: Option<Action>, ch: Option<char>) -> bool {
        match action {
            Some(Action::Left) => self.cursor = self.cursor.saturating_sub(1),
            Some(Action::Right) => self.cursor = (self.cursor + 1).min(self.len()),
            Some(Action::Home) => self.cursor = 0,
            Some(Action::End) => self.cursor = self.len(),
            Some(Action::Backspace) => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    let at = self.byte_at(self.cursor);
                    self.text.remove(at);
                }
            }
            Some(Action::Delete) => {
                if self.cursor < self.len() {
                    let at = self.byte_at(self.cursor);
                    self.text.remove(at);
                }
            }
            Some(Action::ClearField) => self.clear(),
            _ => match ch {
                Some(c) => {
                    self.insert(c);
                }
                None => return false,
            },
        }
        true
    }

    /// The text as drawn: `*` for each character of a secret.
    fn drawn(&self) -> Vec<char> {
        if self.secret {
            vec!['*'; self.len()]
        } else {
            self.text.chars().collect()
        }
    }

    /// What the field shows in `width` cells (display width: a wide
    /// character takes two): all of it if it fits, else a window that
    /// keeps the cursor in view, one cell kept free after the text for
    /// the cursor at the end.
    pub fn shown(&self, width: usize) -> Shown {
        let chars = self.drawn();
        let w = |c: &char| c.width().unwrap_or(0);
        let room = width.max(1);
        // Cells before the cursor and from there on.
        let mut start = 0;
        let upto = |s: usize| chars[s..self.cursor].iter().map(w).sum::<usize>();
        while start < self.cursor && upto(start) + 1 > room {
            start += 1;
        }
        let mut text = String::new();
        let mut used = 0;
        for c in &chars[start..] {
            if used + w(c) > room {
                break;
            }
            used += w(c);
            text.push(*c);
        }
        Shown {
            text,
            cursor: u16::try_from(upto(start)).unwrap_or(u16::MAX),
        }
    }
}

/// How the focus moves between a screen's fields, the same on every
/// screen: Tab and ↓ to the next field, Shift-Tab and ↑ to the one before,
/// round from the last to the first (and back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusMove {
    Next,
    Prev,
}

impl FocusMove {
    /// The move a key means, if it moves the focus.
    pub fn of(action: Option<Action>) -> Option<FocusMove> {
        match action {
            Some(Action::NextField | Action::Down) => Some(FocusMove::Next),
            Some(Action::PrevField | Action::Up) => Some(FocusMove::Prev),
            _ => None,
        }
    }

    /// The field after (or before) `current` in `order`; the first (or
    /// last) if `current` is not in it.
    pub fn from<T: Copy + PartialEq>(self, order: &[T], current: T) -> T {
        let n = order.len();
        let next = match (order.iter().position(|f| *f == current), self) {
            (Some(i), FocusMove::Next) => (i + 1) % n.max(1),
            (Some(i), FocusMove::Prev) => (i + n - 1) % n,
            (None, FocusMove::Next) => 0,
            (None, FocusMove::Prev) => n.saturating_sub(1),
        };
        order.get(next).copied().unwrap_or(current)
    }
}

/// Where a key moves the focus from `current` among `order`, if it is a
/// focus key ([`FocusMove::of`]).
pub fn move_focus<T: Copy + PartialEq>(
    action: Option<Action>,
    order: &[T],
    current: T,
) -> Option<T> {
    FocusMove::of(action).map(|m| m.from(order, current))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str, max: usize) -> String {
        let mut input = LineInput::new(max);
        for c in s.chars() {
            input.key(None, Some(c));
        }
        input.value().to_owned()
    }

    fn keys(input: &mut LineInput, actions: &[Action]) {
        for a in actions {
            input.key(Some(*a), None);
        }
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
        let mut input = LineInput::new(4).with_value("abcdef");
        assert_eq!(input.value(), "abcd");
        input.key(Some(Action::Backspace), None);
        assert_eq!(input.value(), "abc");
        input.key(Some(Action::ClearField), None);
        assert_eq!(input.value(), "");
        assert_eq!(input.cursor(), 0);
    }

    #[test]
    fn characters_go_in_at_the_cursor() {
        let mut input = LineInput::new(80).with_value("Budi Santoso");
        keys(&mut input, &[Action::Home]);
        input.key(None, Some('P'));
        input.key(None, Some('.'));
        input.key(None, Some(' '));
        assert_eq!(input.value(), "P. Budi Santoso");
        assert_eq!(input.cursor(), 3);
        keys(&mut input, &[Action::End, Action::Left, Action::Left]);
        input.key(None, Some('X'));
        assert_eq!(input.value(), "P. Budi SantoXso");
        // Multi-byte characters: the cursor counts characters, not bytes.
        let mut input = LineInput::new(80).with_value("Nguyễn");
        keys(&mut input, &[Action::Left, Action::Left]);
        input.key(None, Some('x'));
        assert_eq!(input.value(), "Nguyxễn");
    }

    #[test]
    fn backspace_and_delete_remove_either_side_of_the_cursor() {
        let mut input = LineInput::new(80).with_value("abcdef");
        keys(&mut input, &[Action::Left, Action::Left, Action::Backspace]);
        assert_eq!((input.value(), input.cursor()), ("abcef", 3));
        keys(&mut input, &[Action::Delete]);
        assert_eq!((input.value(), input.cursor()), ("abcf", 3));
        keys(&mut input, &[Action::Home, Action::Backspace]);
        assert_eq!((input.value(), input.cursor()), ("abcf", 0));
        keys(&mut input, &[Action::End, Action::Delete]);
        assert_eq!((input.value(), input.cursor()), ("abcf", 4));
        // The cursor stays inside the text.
        keys(&mut input, &[Action::Right, Action::Right]);
        assert_eq!(input.cursor(), 4);
        keys(&mut input, &[Action::Home, Action::Left]);
        assert_eq!(input.cursor(), 0);
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_as_one_line_up_to_the_limit() {
        let mut input = LineInput::new(20).with_value("Jl. 2");
        keys(&mut input, &[Action::Left]);
        input.paste("Thamrin\r\nNo.\t");
        assert_eq!(input.value(), "Jl. Thamrin No. 2");
        assert_eq!(input.cursor(), 16);
        input.paste("\u{202E}abcdef");
        assert_eq!(input.value(), "Jl. Thamrin No. abc2");
        assert_eq!(input.len(), 20);
    }

    #[test]
    fn a_field_takes_only_its_characters() {
        let mut pin = LineInput::pin();
        for c in "12a3-4 ".chars() {
            pin.key(None, Some(c));
        }
        assert_eq!(pin.value(), "1234");
        assert_eq!(pin.shown(20).text, "****");
        let mut date = LineInput::new(10).accepting(Accepts::Date);
        date.paste("28-11-2026x");
        assert_eq!(date.value(), "28-11-2026");
        let nip = LineInput::new(22)
            .accepting(Accepts::DigitsSpaces)
            .with_value("19850 101a");
        assert_eq!(nip.value(), "19850 101");
    }

    #[test]
    fn keys_a_field_does_not_know_are_left_to_the_screen() {
        let mut input = LineInput::new(10);
        assert!(!input.key(Some(Action::Confirm), None));
        assert!(!input.key(Some(Action::NextField), None));
        assert!(input.key(Some(Action::Left), None));
        assert!(input.key(None, Some('a')));
    }

    #[test]
    fn the_focus_moves_round_the_same_way_everywhere() {
        let order = [1, 2, 3];
        let next = Some(Action::NextField);
        let prev = Some(Action::PrevField);
        assert_eq!(move_focus(next, &order, 1), Some(2));
        assert_eq!(move_focus(next, &order, 3), Some(1));
        assert_eq!(move_focus(prev, &order, 1), Some(3));
        assert_eq!(move_focus(Some(Action::Down), &order, 2), Some(3));
        assert_eq!(move_focus(Some(Action::Up), &order, 2), Some(1));
        assert_eq!(move_focus(Some(Action::Confirm), &order, 2), None);
        assert_eq!(move_focus(next, &[] as &[i32], 7), Some(7));
    }

    #[test]
    fn the_shown_part_keeps_the_cursor_in_view() {
        let input = LineInput::new(80).with_value("abcdefghij");
        // It fits: all of it, the cursor after the end.
        assert_eq!(
            input.shown(20),
            Shown {
                text: "abcdefghij".into(),
                cursor: 10
            }
        );
        // Too long: the end, with a cell for the cursor.
        assert_eq!(
            input.shown(5),
            Shown {
                text: "ghij".into(),
                cursor: 4
            }
        );
        let mut at_start = input.clone();
        at_start.key(Some(Action::Home), None);
        assert_eq!(
            at_start.shown(5),
            Shown {
                text: "abcde".into(),
                cursor: 0
            }
        );
        // Wide characters take two cells.
        let wide = LineInput::new(80).with_value("日本語");
        assert_eq!(wide.shown(10).cursor, 6);
        assert_eq!(wide.shown(5).text, "本語");
    }
}
