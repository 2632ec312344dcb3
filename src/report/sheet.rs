//! The day report as CSV: a header row, then one row per visit with every
//! field. Times are `YYYY-MM-DD HH:MM` in the report's zone; flags are
//! joined with `"; "`.

use super::{DayReport, ReportText, Time};

fn csv_time(t: Option<&Time>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// The visits of a day report as UTF-8 CSV.
pub fn day_csv(r: &DayReport, t: &ReportText) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let zone = &r.zone_label;
    let header = [
        t.visit_number.to_owned(),
        format!("{} ({zone})", t.col_in),
        format!("{} ({zone})", t.col_out),
        format!("{} ({})", t.duration, t.minutes),
        t.col_name.to_owned(),
        t.col_organisation.to_owned(),
        t.col_purpose.to_owned(),
        t.col_status.to_owned(),
        t.col_badge.to_owned(),
        t.col_approver.to_owned(),
        t.col_flags.to_owned(),
    ];
    w.write_record(&header)
        .expect("writing CSV to memory cannot fail");
    for row in &r.rows {
        let record = [
            row.visit_number.to_string(),
            csv_time(row.time_in.as_ref()),
            csv_time(row.time_out.as_ref()),
            row.duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            row.visitor_name.clone(),
            row.organisation.clone(),
            row.purpose.clone(),
            row.status.clone(),
            row.badge.clone().unwrap_or_default(),
            row.approver.clone().unwrap_or_default(),
            row.flags.join("; "),
        ];
        w.write_record(&record)
            .expect("writing CSV to memory cannot fail");
    }
    w.into_inner().expect("flushing CSV to memory cannot fail")
}
