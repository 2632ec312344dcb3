//! The plain data the documents are made from.
//!
//! Nothing here knows about the database, the terminal or the clock: the
//! storage layer fills these structs, every string is already in the language
//! of the document (status labels, flags) and every time is already in the
//! site's zone.

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;

/// A point in time, already converted to the site's zone.
pub type Time = DateTime<Tz>;

/// The supervisor's decision at SOP step 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// *Disetujui*: the visitor may enter.
    Approved,
    /// *Tidak disetujui*: the visit ends here.
    Rejected,
}

/// What happened to the visitor badge at SOP step 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeOutcome {
    /// The badge came back (its number confirmed).
    Returned,
    /// The badge was recorded as lost.
    Lost,
}

/// The visitor as written on the access form (SOP step 2).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Visitor {
    pub full_name: String,
    /// e.g. "KTP", "SIM", "Paspor", "Kartu Pegawai".
    pub id_type: String,
    /// The whole number: the visit document is the one place it is shown unmasked.
    pub id_number: String,
    pub organisation: String,
    pub phone: String,
    pub purpose_category: String,
    pub purpose_detail: String,
    /// Equipment brought into the room.
    pub equipment: String,
    pub planned_minutes: u32,
    /// The person visited / responsible.
    pub person_visited: String,
}

/// One answered item of the device checklist (*ceklist perangkat ruang server*).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChecklistLine {
    pub item: String,
    pub ok: bool,
    pub note: String,
}

/// The time one SOP step took, against its standard (*mutu baku waktu*).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepTiming {
    /// 1..=7.
    pub step: u8,
    pub name: String,
    /// `None` when the step has not happened (or is not timed).
    pub minutes: Option<i64>,
    /// Standard in minutes.
    pub standard: u32,
}

impl StepTiming {
    /// True when the step took longer than its standard.
    pub fn over(&self) -> bool {
        self.minutes.is_some_and(|m| m > i64::from(self.standard))
    }
}

/// Everything on one visit's form / activity report (SOP step 7 archive).
#[derive(Debug, Clone, PartialEq)]
pub struct VisitDoc {
    pub visit_number: i64,
    pub site_name: String,
    /// Already translated, e.g. "Diarsipkan".
    pub status: String,
    pub visitor: Visitor,
    /// Operator who started the visit (step 1).
    pub started_by: String,
    pub started_at: Option<Time>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<Time>,
    /// `None` while awaiting approval.
    pub decision: Option<Decision>,
    /// The supervisor who decided.
    pub decided_by: Option<String>,
    pub decided_at: Option<Time>,
    pub reject_reason: Option<String>,
    pub badge: Option<String>,
    /// The operator accompanying the visitor.
    pub escort: Option<String>,
    pub entered_at: Option<Time>,
    pub exited_at: Option<Time>,
    pub duration_minutes: Option<i64>,
    /// `None` when no badge was issued or it is still out.
    pub badge_outcome: Option<BadgeOutcome>,
    /// The visitor's own ID document went back to them.
    pub id_returned: bool,
    pub checklist: Vec<ChecklistLine>,
    /// What was done in the room.
    pub activity_notes: String,
    pub archived_at: Option<Time>,
    pub archived_by: Option<String>,
    pub steps: Vec<StepTiming>,
}

/// One visit in a day report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRow {
    pub visit_number: i64,
    pub time_in: Option<Time>,
    pub time_out: Option<Time>,
    pub duration_minutes: Option<i64>,
    pub visitor_name: String,
    pub organisation: String,
    pub purpose: String,
    /// Already translated.
    pub status: String,
    pub badge: Option<String>,
    pub approver: Option<String>,
    /// Already translated, e.g. "lewat waktu", "badge hilang".
    pub flags: Vec<String>,
}

/// The totals of a day report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayTotals {
    pub visitors: u32,
    pub rejected: u32,
    pub overstays: u32,
}

/// The head of the audit hash chain when the report was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// Number of audit events in the chain.
    pub events: u64,
    /// HMAC of the last event, lowercase hex.
    pub last_hmac: String,
}

/// The visitor report (*Laporan Pengunjung*) for a day or a range of days.
#[derive(Debug, Clone, PartialEq)]
pub struct DayReport {
    pub site_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// e.g. "WIB".
    pub zone_label: String,
    pub rows: Vec<DayRow>,
    /// The SOP's *jumlah pengunjung dan tujuan*: (purpose, visitors).
    pub by_purpose: Vec<(String, u32)>,
    pub totals: DayTotals,
    pub chain_head: Option<ChainHead>,
    pub generated_at: Time,
}
