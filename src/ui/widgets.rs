//! Small pieces the screens share: labelled fields, time formatting, a
//! read-only view of the form.

use chrono::NaiveDate;
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::{App, LineInput};
use crate::domain::visit::{FormField, Time, Visit, whole_minutes};
use crate::format;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cut a string to `max` cells of display width (a wide character such
/// as 日 takes two), ending in "…" when cut. The one way a column, a
/// label or a title is made to fit.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// [`truncate`] to `w` cells, then padded with spaces to exactly `w`
/// cells: a column of plain text.
pub fn pad(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let fill = w.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

/// The width `Table` gives each column inside a bordered block of
/// `block_width` cells (column spacing 1, no selection column), so a cell
/// can be cut to fit with "…" instead of being cut silently.
pub fn column_widths(block_width: u16, widths: &[Constraint]) -> Vec<usize> {
    Layout::horizontal(widths.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, block_width.saturating_sub(2), 1))
        .iter()
        .map(|r| usize::from(r.width))
        .collect()
}

/// The width of a visit-number column: `min`, or more for the longest
/// number shown (a busy door reaches seven digits; a fixed width cut
/// them short).
pub fn number_width(numbers: impl IntoIterator<Item = i64>, min: u16) -> u16 {
    numbers
        .into_iter()
        .map(|n| u16::try_from(n.to_string().len()).unwrap_or(u16::MAX))
        .fold(min, u16::max)
}

/// Each cell cut to its column (from [`column_widths`]) with "…".
pub fn fit_row<S: AsRef<str>>(cells: &[S], cols: &[usize]) -> Vec<String> {
    cells
        .iter()
        .zip(cols.iter().copied().chain(std::iter::repeat(usize::MAX)))
        .map(|(c, w)| truncate(c.as_ref(), w))
        .collect()
}

/// A bordered block with a title.
pub fn block(title: &str) -> Block<'_> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Theme::BORDER)
        .title(Span::styled(
            format!(" {title} "),
            Theme::TITLE
                .bg(ratatui::style::Color::Reset)
                .fg(ratatui::style::Color::Cyan),
        ))
}

/// Columns before a field's value: the label (25) and a space.
pub const LABEL_COLS: u16 = 26;

/// `label: value`, the label highlighted when focused, the value cut to
/// fit with "…".
pub fn field<'a>(label: &str, value: &str, focused: bool, width: usize) -> Line<'a> {
    let label = format!("{} ", pad(label, 24));
    Line::from(vec![
        Span::styled(label, if focused { Theme::FOCUS } else { Theme::LABEL }),
        Span::raw(" "),
        Span::styled(
            truncate(value, width.saturating_sub(usize::from(LABEL_COLS))),
            Theme::VALUE,
        ),
    ])
}

/// `label: input`: in focus, the part of the text around the cursor and
/// the cursor's column in the line; else the text cut to fit (a secret as
/// `*`).
pub fn input_field<'a>(
    label: &str,
    input: &LineInput,
    focused: bool,
    width: usize,
) -> (Line<'a>, Option<u16>) {
    let room = width.saturating_sub(usize::from(LABEL_COLS) + 1);
    if !focused {
        let shown = input.shown(usize::MAX);
        return (field(label, &shown.text, false, width), None);
    }
    let shown = input.shown(room);
    let label = format!("{} ", pad(label, 24));
    let line = Line::from(vec![
        Span::styled(label, Theme::FOCUS),
        Span::raw(" "),
        Span::styled(shown.text, Theme::VALUE),
    ]);
    (line, Some(LABEL_COLS + shown.cursor))
}

/// Where the terminal's cursor goes: `col` cells into line `line` of
/// `lines`, drawn as a wrapped paragraph into `inner` and scrolled down by
/// `scroll` rows. `None` when that row is not in view.
pub fn caret(
    lines: &[Line<'_>],
    line: usize,
    col: u16,
    inner: Rect,
    scroll: u16,
) -> Option<Position> {
    let before = lines.get(..line)?.to_vec();
    let rows = Paragraph::new(before)
        .wrap(Wrap { trim: false })
        .line_count(inner.width);
    let row = u16::try_from(rows).ok()?.checked_sub(scroll)?;
    (row < inner.height && col < inner.width).then(|| Position::new(inner.x + col, inner.y + row))
}

/// The area inside a bordered block.
pub fn inside(area: Rect) -> Rect {
    area.inner(ratatui::layout::Margin::new(1, 1))
}

/// A choice among a list: `‹ value ›`.
pub fn choice<'a>(label: &str, value: &str, focused: bool) -> Line<'a> {
    let label = format!("{} ", pad(label, 24));
    let shown = if value.is_empty() {
        "—".to_owned()
    } else {
        value.to_owned()
    };
    Line::from(vec![
        Span::styled(label, if focused { Theme::FOCUS } else { Theme::LABEL }),
        Span::raw(" "),
        Span::styled(format!("‹ {shown} ›"), Theme::VALUE),
    ])
}

/// A checkbox: `[x] label`.
pub fn checkbox<'a>(label: &str, checked: bool, focused: bool) -> Line<'a> {
    let mark = if checked { "[x]" } else { "[ ]" };
    Line::from(vec![Span::styled(
        format!("{mark} {label}"),
        if focused { Theme::FOCUS } else { Theme::VALUE },
    )])
}

/// An indented error line under a field.
pub fn error_line<'a>(msg: &str) -> Line<'a> {
    Line::from(Span::styled(format!("{:26}⚠ {msg}", ""), Theme::ERROR))
}

/// When something happened, in five columns: `HH:MM` on `day` (today, or
/// the day a list is of), else the day it was, `DD-MM` (a visitor still
/// inside since yesterday did not come in at a time of today).
pub fn hm_or_day(t: Time, day: NaiveDate, tz: Tz) -> String {
    let t = t.with_timezone(&tz);
    if t.date_naive() == day {
        format::clock(&t)
    } else {
        format::day_month(&t)
    }
}

/// A time in the site's zone, `DD-MM-YYYY HH:MM`.
pub fn dt(t: Option<Time>, tz: Tz) -> String {
    t.map_or_else(|| "-".into(), |t| format::date_time(&t.with_timezone(&tz)))
}

/// Minutes as `1 j 5 mnt` / `1 h 5 min` ([`format::duration`]).
pub fn duration(app: &App, minutes: i64) -> String {
    format::duration(app.config.language, minutes)
}

/// A label/value line for read-only views.
pub fn kv<'a>(label: &str, value: &str) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{}  ", pad(label, 24)), Theme::LABEL),
        Span::styled(value.to_owned(), Theme::VALUE),
    ])
}

/// The form of a visit, read-only, one line per field.
pub fn form_lines<'a>(app: &App, v: &Visit) -> Vec<Line<'a>> {
    let t = app.text();
    let mut lines: Vec<Line<'a>> = Vec::new();
    for f in FormField::ALL {
        match f {
            FormField::IdHeld | FormField::LetterDate | FormField::LetterIssuer => {}
            // The letter's three fields on one line.
            FormField::LetterNumber => lines.push(kv(t.letter, &letter_line(app, &v.form))),
            _ => lines.push(kv(t.field_label(f), v.form.get(f))),
        }
    }
    lines.push(kv(
        t.id_held_short,
        if v.form.id_held { t.yes } else { t.no },
    ));
    lines.extend(team_lines(app, v));
    lines
}

/// Teams: a leader's members, or a member's team; nothing for a visitor
/// who came alone.
pub fn team_lines<'a>(app: &App, v: &Visit) -> Vec<Line<'a>> {
    let words = crate::text::team::team_text(app.config.language);
    let names = app.member_names(v);
    let mut lines = Vec::new();
    if !names.is_empty() {
        lines.push(kv(words.team_label, &words.members_line(&names)));
    }
    if let Some(leader) = v.team {
        lines.push(kv(words.team_label, &words.of_team(leader.0)));
    }
    lines
}

/// The assignment letter on one line: number · date · issuer, or "none".
pub fn letter_line(app: &App, f: &crate::domain::visit::FormDraft) -> String {
    if f.letter_number.trim().is_empty() {
        return app.text().no_letter.to_owned();
    }
    f.letter().joined(&f.letter_date, " · ")
}

/// Time a step has taken against its standard: `Waktu 3 mnt / 5 mnt`,
/// red (and marked) once the standard is reached.
pub fn step_timer<'a>(app: &App, since: Time, standard_min: u32) -> Span<'a> {
    let lang = app.config.language;
    let m = whole_minutes(since, app.now);
    let over = m >= i64::from(standard_min);
    let text = format!(
        " {}{} {} / {} ",
        if over { "⚠ " } else { "" },
        app.text().elapsed,
        format::minutes(lang, m),
        format::minutes(lang, i64::from(standard_min))
    );
    Span::styled(text, if over { Theme::OVERDUE } else { Theme::OK })
}

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A form in a box over a screen's list (the watchlist's and the plans'
/// "add"): a line per field, typed ones with their cursor, then an error
/// and a hint; drawn centred, it says where the terminal's cursor goes.
pub struct FormBox<'a> {
    title: &'a str,
    width: u16,
    lines: Vec<Line<'a>>,
    cursor: Option<(usize, u16)>,
}

impl<'a> FormBox<'a> {
    pub fn new(title: &'a str, width: u16) -> FormBox<'a> {
        FormBox {
            title,
            width,
            lines: vec![Line::default()],
            cursor: None,
        }
    }

    /// A typed field.
    pub fn input(&mut self, label: &str, input: &LineInput, focused: bool) {
        let room = usize::from(self.width).saturating_sub(2);
        let (line, at) = input_field(label, input, focused, room);
        if let Some(col) = at {
            self.cursor = Some((self.lines.len(), col));
        }
        self.lines.push(line);
    }

    /// Any other line (a choice).
    pub fn line(&mut self, line: Line<'a>) {
        self.lines.push(line);
    }

    pub fn render(
        mut self,
        error: Option<&str>,
        hint: &'a str,
        area: Rect,
        buf: &mut Buffer,
    ) -> Option<Position> {
        if let Some(e) = error {
            self.lines.push(error_line(e));
        }
        self.lines.push(Line::default());
        self.lines.push(Line::from(Span::styled(hint, Theme::DIM)));
        let h = u16::try_from(self.lines.len()).unwrap_or(14) + 3;
        let rect = centered(area, self.width, h);
        let at = self
            .cursor
            .and_then(|(line, col)| caret(&self.lines, line, col, inside(rect), 0));
        Clear.render(rect, buf);
        Paragraph::new(self.lines)
            .wrap(Wrap { trim: false })
            .block(block(self.title))
            .render(rect, buf);
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_of_another_day_shows_the_day() {
        use chrono::TimeZone;
        let tz: Tz = "Asia/Jakarta".parse().unwrap();
        // 23:50 on 3 December in Jakarta (16:50 UTC).
        let t = chrono::Utc
            .with_ymd_and_hms(2026, 12, 3, 16, 50, 0)
            .unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(hm_or_day(t, day(3), tz), "23:50");
        assert_eq!(hm_or_day(t, day(4), tz), "03-12");
        assert_eq!(hm_or_day(t, day(2), tz), "03-12");
    }

    #[test]
    fn number_columns_grow_to_the_longest_number() {
        assert_eq!(number_width([12, 345], 4), 4);
        assert_eq!(number_width([12, 1_000_000], 4), 7);
        assert_eq!(number_width(Vec::<i64>::new(), 5), 5);
    }

    #[test]
    fn cut_cells_end_with_an_ellipsis_and_fit_their_column() {
        let widths = [
            Constraint::Length(5),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ];
        // 80 columns, two borders, two spaces between columns: 5 + 36 + 35.
        let cols = column_widths(80, &widths);
        assert_eq!(cols, vec![5, 36, 35]);
        let row = fit_row(
            &[
                "09:10",
                "Muhammad Abdurrahman bin Sulaiman Al-Farisi",
                "PT Telkom",
            ],
            &cols,
        );
        assert_eq!(row[0], "09:10");
        assert_eq!(row[1].chars().count(), 36);
        assert!(row[1].ends_with('…'), "{}", row[1]);
        assert_eq!(row[2], "PT Telkom");
        // The table lays its columns out the same way: the "…" is drawn.
        let area = Rect::new(0, 0, 80, 3);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        ratatui::widgets::Widget::render(
            ratatui::widgets::Table::new([ratatui::widgets::Row::new(row.clone())], widths)
                .block(block("t")),
            area,
            &mut buf,
        );
        let line: String = (0..80).map(|x| buf[(x, 1)].symbol().to_owned()).collect();
        assert!(line.contains(&format!("{} PT Telkom", row[1])), "{line}");
    }
}

/// The width of a [`kv`] label with its gap.
const KV_LABEL: usize = 26;

/// [`kv`] lines whose value does not fit `width` cells, wrapped by words
/// under the value (not back at the left edge, where the next line would
/// read as a label); other lines as they are.
pub fn hang(lines: Vec<Line<'_>>, width: usize) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let is_kv = line.spans.len() == 2 && line.spans[0].content.width() == KV_LABEL;
        if !is_kv || line.width() <= width || width < KV_LABEL + 10 {
            out.push(line);
            continue;
        }
        let (label, value) = (line.spans[0].clone(), &line.spans[1]);
        for (i, part) in wrap_words(&value.content, width - KV_LABEL)
            .into_iter()
            .enumerate()
        {
            let head = if i == 0 {
                label.clone()
            } else {
                Span::raw(" ".repeat(KV_LABEL))
            };
            out.push(Line::from(vec![head, Span::styled(part, value.style)]));
        }
    }
    out
}

/// `text` in lines of at most `room` cells, broken at spaces; a word
/// longer than a line is broken inside.
pub fn wrap_words(text: &str, room: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("one line at least");
        let gap = usize::from(!last.is_empty());
        if last.width() + gap + word.width() <= room {
            if gap == 1 {
                last.push(' ');
            }
            last.push_str(word);
            continue;
        }
        // A new line for the word (taking the place of an empty one),
        // cut where it is longer than a line.
        let mut current = String::new();
        for c in word.chars() {
            if !current.is_empty() && current.width() + c.width().unwrap_or(0) > room {
                start_line(&mut lines, std::mem::take(&mut current));
            }
            current.push(c);
        }
        start_line(&mut lines, current);
    }
    lines
}

fn start_line(lines: &mut Vec<String>, text: String) {
    match lines.last_mut() {
        Some(last) if last.is_empty() => *last = text,
        _ => lines.push(text),
    }
}

#[cfg(test)]
mod hang_tests {
    use super::*;

    #[test]
    fn a_long_value_wraps_under_itself() {
        let lines = hang(
            vec![kv(
                "Surat tugas",
                "090/12/ST/2026 · 01-12-2026 · PT Telkom Indonesia",
            )],
            48,
        );
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text,
            [
                "Surat tugas               090/12/ST/2026 ·",
                "                          01-12-2026 · PT Telkom",
                "                          Indonesia",
            ]
        );
        assert!(text.iter().all(|l| l.width() <= 48));
        // Fits: unchanged.
        assert_eq!(hang(vec![kv("Nama", "Budi")], 48).len(), 1);
        assert_eq!(wrap_words("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }
}
