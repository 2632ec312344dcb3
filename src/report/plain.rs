//! Plain text, fixed width (at most [`WIDTH`] columns, so it prints on A4
//! at 10 characters per inch), for the screen, a mail or a line printer.
//! Widths are display columns: a CJK character or an emoji takes two.

use std::fmt::Write as _;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{
    DayReport, Office, ReportText, SignColumn, VisitDoc, archive_fields, head_code, notice_line,
    period, place_date, report_signatures, review_line, row_duration, row_time, short_date,
    step_cells, visit_sections, visit_signatures, when,
};

/// The widest line any text document has.
pub const WIDTH: usize = 80;
const LABEL: usize = 24;

/// Display columns of one character (controls count as none).
fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display columns of a text.
fn width(s: &str) -> usize {
    s.width()
}

/// Breaks `text` into lines of at most `width` columns: at line breaks,
/// between words, and inside words only when a word alone is too long.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in para.split([' ', '\t', '\r']).filter(|w| !w.is_empty()) {
            let wlen = width(word);
            if len > 0 && len + 1 + wlen <= max {
                line.push(' ');
                line.push_str(word);
                len += 1 + wlen;
                continue;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            for c in word.chars().filter(|c| !c.is_control()) {
                let cw = char_width(c);
                if len + cw > max {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                }
                line.push(c);
                len += cw;
            }
        }
        lines.push(line);
    }
    lines
}

fn pad(s: &str, to: usize) -> String {
    format!("{s}{}", " ".repeat(to.saturating_sub(width(s))))
}

fn centred(s: &str) -> String {
    let mut out = String::new();
    for l in wrap(s, WIDTH) {
        let _ = writeln!(out, "{}{l}", " ".repeat((WIDTH - width(&l)) / 2));
    }
    out
}

fn rule(c: char) -> String {
    let mut s: String = std::iter::repeat_n(c, WIDTH).collect();
    s.push('\n');
    s
}

fn section(out: &mut String, title: &str) {
    out.push('\n');
    out.push_str(&title.to_uppercase());
    out.push('\n');
    out.push_str(&rule('-'));
}

/// `label : value`, the value wrapped and indented under itself.
fn field(out: &mut String, label: &str, value: &str) {
    let label_lines = wrap(label, LABEL);
    let value_lines = wrap(value, WIDTH - LABEL - 5);
    let n = label_lines.len().max(value_lines.len());
    for i in 0..n {
        let l = label_lines.get(i).map_or("", String::as_str);
        let v = value_lines.get(i).map_or("", String::as_str);
        let sep = if i == 0 { " : " } else { "   " };
        let line = format!("  {}{sep}{v}", pad(l, LABEL));
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// A paragraph indented by two.
fn paragraph(out: &mut String, text: &str) {
    for line in wrap(text, WIDTH - 2) {
        let _ = writeln!(out, "  {line}");
    }
}

/// One table row: cells wrapped to their column, separated by one space.
fn table_row(out: &mut String, widths: &[usize], cells: &[String]) {
    let wrapped: Vec<Vec<String>> = cells.iter().zip(widths).map(|(c, &w)| wrap(c, w)).collect();
    let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for i in 0..n {
        let line: Vec<String> = wrapped
            .iter()
            .zip(widths)
            .map(|(c, &w)| pad(c.get(i).map_or("", String::as_str), w))
            .collect();
        out.push_str(line.join(" ").trim_end());
        out.push('\n');
    }
}

/// A table: header row, a rule, then the rows.
fn table(out: &mut String, widths: &[usize], header: &[&str], rows: &[Vec<String>]) {
    let header: Vec<String> = header.iter().map(|&h| h.to_owned()).collect();
    table_row(out, widths, &header);
    let total = widths.iter().sum::<usize>() + widths.len().saturating_sub(1);
    out.push_str(&"-".repeat(total));
    out.push('\n');
    for r in rows {
        table_row(out, widths, r);
    }
}

fn header(out: &mut String, office: &Office, t: &ReportText, title: &str) {
    out.push_str(&rule('='));
    let contact = office.contact_line(t, " - ");
    for line in [
        office.government.as_str(),
        office.office.as_str(),
        office.division.as_str(),
        office.address.as_str(),
        contact.as_str(),
    ] {
        if !line.trim().is_empty() {
            out.push_str(&centred(line.trim()));
        }
    }
    out.push_str(&rule('='));
    out.push_str(&centred(&format!(
        "{} {} - {}",
        t.sop_number,
        office.sop_number.trim(),
        office.sop_title.trim()
    )));
    out.push_str(&rule('-'));
    out.push_str(&centred(&title.to_uppercase()));
    out.push_str(&rule('='));
}

/// The signature columns side by side, the place and date over the last.
fn signatures(out: &mut String, place_date: &str, columns: &[SignColumn]) {
    let n = columns.len().max(1);
    let gap = if n > 2 { 1 } else { 2 };
    let col = (WIDTH - gap * (n - 1)) / n;
    out.push('\n');
    let last_x = ((col + gap) * (n - 1)).min(WIDTH.saturating_sub(width(place_date)));
    let _ = writeln!(out, "{}{place_date}", " ".repeat(last_x));
    let tops: Vec<Vec<String>> = columns
        .iter()
        .map(|c| {
            let mut top = vec![c.over.clone()];
            top.extend(wrap(&c.post, col));
            top
        })
        .collect();
    let above = tops.iter().map(Vec::len).max().unwrap_or(1);
    let blocks: Vec<Vec<String>> = columns
        .iter()
        .zip(tops)
        .map(|(c, top)| {
            let mut b = vec![String::new(); above - top.len()];
            b.extend(top);
            b.extend([String::new(), String::new(), String::new()]);
            if c.name.is_empty() {
                b.push(format!("({})", ".".repeat(col.saturating_sub(4))));
            } else {
                b.extend(wrap(&c.name, col));
            }
            if let Some(nip) = &c.nip {
                b.push(nip.clone());
            }
            b
        })
        .collect();
    let rows = blocks.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..rows {
        let line: Vec<String> = blocks
            .iter()
            .map(|b| pad(b.get(i).map_or("", String::as_str), col))
            .collect();
        out.push_str(line.join(&" ".repeat(gap)).trim_end());
        out.push('\n');
    }
}

/// The visit form / activity report as plain text.
pub fn visit_txt(doc: &VisitDoc, t: &ReportText) -> String {
    let mut out = String::new();
    header(&mut out, &doc.office, t, t.visit_title);
    field(&mut out, t.visit_number, &doc.visit_number.to_string());
    field(&mut out, t.site, &doc.site_name);
    field(&mut out, t.status, &doc.status);
    for s in visit_sections(doc, t) {
        section(&mut out, s.title);
        for (label, value) in &s.fields {
            field(&mut out, label, value);
        }
    }

    section(&mut out, t.section_steps);
    let rows: Vec<Vec<String>> = doc
        .steps
        .iter()
        .map(|s| step_cells(s, t).to_vec())
        .collect();
    table(
        &mut out,
        &[7, 34, 15, 15, 5],
        &[t.step, t.step_name, t.step_actual, t.step_standard, ""],
        &rows,
    );

    section(&mut out, t.section_checklist);
    if doc.checklist.is_empty() {
        out.push_str(t.checklist_empty);
        out.push('\n');
    } else {
        let rows: Vec<Vec<String>> = doc
            .checklist
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    (i + 1).to_string(),
                    c.item.clone(),
                    c.result(t).to_owned(),
                    c.note.clone(),
                ]
            })
            .collect();
        table(
            &mut out,
            &[3, 28, 18, 28],
            &["#", t.checklist_item, t.checklist_result, t.checklist_note],
            &rows,
        );
    }

    section(&mut out, t.section_activity);
    let notes = if doc.activity_notes.trim().is_empty() {
        t.activity_empty
    } else {
        &doc.activity_notes
    };
    paragraph(&mut out, notes);
    out.push('\n');
    for (label, value) in archive_fields(doc, t) {
        field(&mut out, label, &value);
    }
    if let Some(n) = notice_line(doc, t) {
        out.push('\n');
        paragraph(&mut out, &n);
    }
    signatures(
        &mut out,
        &place_date(&doc.office, &doc.printed_at, t),
        &visit_signatures(doc, t),
    );
    out
}

/// The visitor report of a day or range as plain text.
pub fn day_txt(r: &DayReport, t: &ReportText) -> String {
    let mut out = String::new();
    header(&mut out, &r.office, t, t.day_title);
    field(&mut out, t.site, &r.site_name);
    field(&mut out, t.period, &period(r, t));
    field(&mut out, t.generated_at, &when(Some(&r.generated_at), t));
    out.push('\n');

    let range = r.from != r.to;
    if r.rows.is_empty() {
        out.push_str(t.no_visits);
        out.push('\n');
    } else {
        // 80 columns: number, (date,) in, out, duration, name, organisation,
        // purpose; a second line with status, badge, decision and flags.
        let mut widths: Vec<usize> = if range {
            vec![5, 10, 5, 6, 11, 16, 10, 9]
        } else {
            vec![5, 5, 6, 14, 19, 14, 10]
        };
        // Up to seven digits: the number column takes what it needs from
        // the name column, so a visit number is never wrapped.
        let digits = r
            .rows
            .iter()
            .map(|row| row.visit_number.to_string().len())
            .max()
            .unwrap_or(0);
        let more = digits.saturating_sub(widths[0]);
        let name = if range { 5 } else { 4 };
        widths[0] += more;
        widths[name] = widths[name].saturating_sub(more);
        // The purpose column as wide as its longest word (up to 13), so
        // "Pemeliharaan" or "pemeriksaan" are not cut inside; also taken
        // from the name column, which keeps at least 12.
        let purpose = widths.len() - 1;
        let longest = r
            .rows
            .iter()
            .flat_map(|row| row.purpose.split_whitespace())
            .map(width)
            .max()
            .unwrap_or(0)
            .min(13);
        let more = longest
            .saturating_sub(widths[purpose])
            .min(widths[name].saturating_sub(12));
        widths[purpose] += more;
        widths[name] -= more;
        let widths = widths.as_slice();
        let zone = &r.zone_label;
        let col_in = format!("{} {zone}", t.col_in);
        let col_out = format!("{} {zone}", t.col_out);
        let mut header = vec![t.col_visit];
        if range {
            header.push(t.col_date);
        }
        header.extend([
            col_in.as_str(),
            col_out.as_str(),
            t.duration,
            t.col_name,
            t.col_organisation,
            t.col_purpose,
        ]);
        table(&mut out, widths, &header, &[]);
        for row in &r.rows {
            let mut cells = vec![row.visit_number.to_string()];
            if range {
                cells.push(short_date(row.date));
            }
            cells.extend([
                row_time(row.time_in.as_ref(), row.date, t),
                row_time(row.time_out.as_ref(), row.date, t),
                row_duration(row, t),
                row.visitor_name.clone(),
                row.organisation.clone(),
                row.purpose.clone(),
            ]);
            table_row(&mut out, widths, &cells);
            let mut second = vec![row.status.clone()];
            if let Some(b) = &row.badge {
                second.push(format!("{} {b}", t.col_badge));
            }
            if let Some(by) = &row.decided_by {
                second.push(format!("{} {by}", t.col_decided_by.to_lowercase()));
            }
            if let Some(reason) = row
                .reject_reason
                .as_deref()
                .filter(|s| !s.trim().is_empty())
            {
                second.push(format!("{}: {}", t.reject_reason, reason.trim()));
            }
            if !row.flags.is_empty() {
                second.push(format!("! {}", row.flags.join("; ")));
            }
            for line in wrap(&second.join(" | "), WIDTH - 6) {
                let _ = writeln!(out, "      {line}");
            }
        }
    }

    section(&mut out, t.section_by_purpose);
    for (purpose, n) in &r.by_purpose {
        field(&mut out, purpose, &n.to_string());
    }
    section(&mut out, t.section_totals);
    field(&mut out, t.total_visitors, &r.totals.visitors.to_string());
    field(&mut out, t.total_rejected, &r.totals.rejected.to_string());
    field(&mut out, t.total_overstays, &r.totals.overstays.to_string());

    section(&mut out, t.section_review);
    if r.reviews.is_empty() {
        paragraph(&mut out, t.not_reviewed);
    }
    for line in &r.reviews {
        paragraph(&mut out, &review_line(line, t));
    }

    section(&mut out, t.section_chain);
    if let Some(head) = &r.chain_head {
        let _ = writeln!(out, "  {}:", t.chain_code);
        for chunk in wrap(&head_code(head), WIDTH - 4) {
            let _ = writeln!(out, "    {chunk}");
        }
        paragraph(&mut out, t.chain_check);
    } else {
        out.push_str(t.chain_none);
        out.push('\n');
    }
    signatures(
        &mut out,
        &place_date(&r.office, &r.generated_at, t),
        &report_signatures(r, t),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::{width, wrap};

    #[test]
    fn wrap_keeps_words_and_splits_long_ones() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefg", 3), ["abc", "def", "g"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("Zoë Ñuñez", 4), ["Zoë", "Ñuñe", "z"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(width("王小明"), 6);
        assert_eq!(wrap("王小明王小明", 5), ["王小", "明王", "小明"]);
        assert!(wrap("王小明 🙂 Nguyễn", 8).iter().all(|l| width(l) <= 8));
    }
}
