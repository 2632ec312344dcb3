//! Plain text, fixed width (at most [`WIDTH`] columns), for the screen, a
//! mail or a line printer.

use std::fmt::Write as _;

use super::{DayReport, text::SOP_NUMBER};
use super::{
    ReportText, VisitDoc, archive_fields, period, row_time, signatures, step_cells, visit_sections,
    when,
};

/// The widest line any text document has.
pub const WIDTH: usize = 100;
const LABEL: usize = 28;

/// Breaks `text` into lines of at most `width` characters: at line breaks,
/// between words, and inside words only when a word alone is too long.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in para.split([' ', '\t', '\r']).filter(|w| !w.is_empty()) {
            let wlen = word.chars().count();
            if len > 0 && len + 1 + wlen <= width {
                line.push(' ');
                line.push_str(word);
                len += 1 + wlen;
                continue;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            for c in word.chars() {
                if len == width {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                }
                line.push(c);
                len += 1;
            }
        }
        lines.push(line);
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

fn centred(s: &str) -> String {
    let mut out = String::new();
    for l in wrap(s, WIDTH) {
        let n = l.chars().count();
        let _ = writeln!(out, "{}{l}", " ".repeat((WIDTH - n) / 2));
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

fn header(out: &mut String, t: &ReportText, title: &str) {
    out.push_str(&rule('='));
    out.push_str(&centred(t.issuer_government));
    out.push_str(&centred(t.issuer_office));
    out.push_str(&centred(t.issuer_division));
    out.push_str(&centred(&format!("{} {SOP_NUMBER}", t.sop_number)));
    out.push_str(&centred(t.sop_name));
    out.push_str(&rule('-'));
    out.push_str(&centred(&title.to_uppercase()));
    out.push_str(&rule('='));
}

/// Signature columns: 31 + 31 + 34 and two gaps of 2, exactly [`WIDTH`].
const SIGNATURE_COLS: [usize; 3] = [31, 31, 34];

/// The visit form / activity report as plain text.
pub fn visit_txt(doc: &VisitDoc, t: &ReportText) -> String {
    let mut out = String::new();
    header(&mut out, t, t.visit_title);
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
        &[7, 45, 16, 16, 10],
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
                    if c.ok { t.ok } else { t.not_ok }.to_owned(),
                    c.note.clone(),
                ]
            })
            .collect();
        table(
            &mut out,
            &[3, 34, 9, 51],
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
    for line in wrap(notes, WIDTH - 2) {
        let _ = writeln!(out, "  {line}");
    }
    out.push('\n');
    for (label, value) in archive_fields(doc, t) {
        field(&mut out, label, &value);
    }

    // Three signature blocks side by side.
    out.push('\n');
    let sigs = signatures(doc, t);
    let blocks: Vec<Vec<String>> = sigs
        .iter()
        .zip(SIGNATURE_COLS)
        .map(|((role, name), col)| {
            let mut b = wrap(role, col);
            while b.len() < 2 {
                b.push(String::new());
            }
            b.extend([String::new(), String::new(), String::new()]);
            b.push("_".repeat(col - 2));
            b.extend(wrap(name, col));
            b
        })
        .collect();
    let n = blocks.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..n {
        let line: Vec<String> = blocks
            .iter()
            .zip(SIGNATURE_COLS)
            .map(|(b, col)| pad(b.get(i).map_or("", String::as_str), col))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// The visitor report of a day or range as plain text.
pub fn day_txt(r: &DayReport, t: &ReportText) -> String {
    let mut out = String::new();
    header(&mut out, t, t.day_title);
    field(&mut out, t.site, &r.site_name);
    field(&mut out, t.period, &period(r, t));
    field(&mut out, t.time_zone, &r.zone_label);
    field(&mut out, t.generated_at, &when(Some(&r.generated_at), t));
    out.push('\n');

    if r.rows.is_empty() {
        out.push_str(t.no_visits);
        out.push('\n');
    } else {
        let widths = [5, 6, 6, 4, 18, 14, 12, 10, 5, 11];
        let header = [
            t.col_visit,
            t.col_in,
            t.col_out,
            t.col_minutes,
            t.col_name,
            t.col_organisation,
            t.col_purpose,
            t.col_status,
            t.col_badge,
            t.col_approver,
        ];
        let mut rows = Vec::new();
        for row in &r.rows {
            let none = || t.none.to_owned();
            rows.push(vec![
                row.visit_number.to_string(),
                row_time(r, row.time_in.as_ref(), t),
                row_time(r, row.time_out.as_ref(), t),
                row.duration_minutes.map_or_else(none, |m| m.to_string()),
                row.visitor_name.clone(),
                row.organisation.clone(),
                row.purpose.clone(),
                row.status.clone(),
                row.badge.clone().unwrap_or_else(none),
                row.approver.clone().unwrap_or_else(none),
            ]);
        }
        // Flags go on their own line under the row they belong to.
        let mut body = String::new();
        for (cells, row) in rows.iter().zip(&r.rows) {
            table_row(&mut body, &widths, cells);
            if !row.flags.is_empty() {
                let flags = format!("! {}", row.flags.join("; "));
                for line in wrap(&flags, WIDTH - 6) {
                    let _ = writeln!(body, "      {line}");
                }
            }
        }
        table(&mut out, &widths, &header, &[]);
        out.push_str(&body);
    }

    section(&mut out, t.section_by_purpose);
    for (purpose, n) in &r.by_purpose {
        field(&mut out, purpose, &n.to_string());
    }
    section(&mut out, t.section_totals);
    field(&mut out, t.total_visitors, &r.totals.visitors.to_string());
    field(&mut out, t.total_rejected, &r.totals.rejected.to_string());
    field(&mut out, t.total_overstays, &r.totals.overstays.to_string());

    section(&mut out, t.section_chain);
    if let Some(head) = &r.chain_head {
        field(&mut out, t.chain_events, &head.events.to_string());
        let _ = writeln!(out, "  {}", t.chain_hmac);
        for chunk in wrap(&head.last_hmac, 64) {
            let _ = writeln!(out, "    {chunk}");
        }
        if head.last_hmac.chars().count() > 64 {
            let _ = writeln!(out, "  {}", t.chain_hmac_hint);
        }
    } else {
        out.push_str(t.chain_none);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_keeps_words_and_splits_long_ones() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefg", 3), ["abc", "def", "g"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("Zoë Ñuñez", 4), ["Zoë", "Ñuñe", "z"]);
    }
}
