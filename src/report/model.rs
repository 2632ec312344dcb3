//! The plain data the documents are made from.
//!
//! Nothing here knows about the database, the terminal or the clock: the
//! storage layer fills these structs, every string is already in the language
//! of the document (status labels, flags) and every time is already in the
//! site's zone.

use super::ReportText;
use crate::domain::badge::BadgeNo;
use crate::domain::step::Step;
use crate::domain::visit::CheckKind;
use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;

/// A point in time, already converted to the site's zone.
pub type Time = DateTime<Tz>;

/// What the papers say about the office: letterhead, SOP, signatories'
/// posts and the city of the date line (from `[document]` in the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// Letterhead lines, top to bottom: government, office (larger, bold),
    /// division, address, phone, e-mail; empty ones are left out.
    pub government: String,
    pub office: String,
    pub division: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// The coat of arms, PNG bytes.
    pub logo_png: Option<Vec<u8>>,
    pub sop_number: String,
    pub sop_title: String,
    pub city: String,
    pub supervisor_title: String,
    pub operator_title: String,
    pub head_title: String,
}

impl Office {
    /// The office as configured, without reading the logo file.
    pub fn from_config(d: &crate::config::DocumentCfg) -> Self {
        Self {
            government: d.government.clone(),
            office: d.office.clone(),
            division: d.division.clone(),
            address: d.address.clone(),
            phone: d.phone.clone(),
            email: d.email.clone(),
            logo_png: None,
            sop_number: d.sop_number.clone(),
            sop_title: d.sop_title.clone(),
            city: d.city.clone(),
            supervisor_title: d.supervisor_title.clone(),
            operator_title: d.operator_title.clone(),
            head_title: d.head_title.clone(),
        }
    }

    /// The letterhead's contact line: phone and e-mail, each labelled,
    /// joined by `sep`; the ones not configured left out.
    pub fn contact_line(&self, t: &ReportText, sep: &str) -> String {
        [
            (t.phone_label, self.phone.trim()),
            (t.email_label, self.email.trim()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| format!("{label} {value}"))
        .collect::<Vec<_>>()
        .join(sep)
    }
}

impl Default for Office {
    fn default() -> Self {
        Self::from_config(&crate::config::DocumentCfg::default())
    }
}

/// Someone who signs: the name from the account and the NIP.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signer {
    pub name: String,
    /// As stored (digits); printed grouped 8-6-1-3 when it has 18 digits.
    pub nip: String,
}

/// A supervisor's review of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub by: Signer,
    pub at: Time,
    pub note: String,
}

/// One day of a report and its review, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayReviewLine {
    pub day: NaiveDate,
    pub review: Option<Review>,
}

/// The supervisor's decision at SOP step 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// *Disetujui*: the visitor may enter.
    Approved,
    /// *Tidak disetujui*: the visit ends here.
    Rejected,
}

/// How step 4 was decided, beyond the decision itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecidedHow {
    /// Pre-approved with planned visit `plan`; `recorded_by` recorded it at
    /// the door (the decision is the plan's supervisor's).
    PreApproved {
        plan: i64,
        recorded_by: Option<String>,
    },
    /// The visitor matched `entries` watchlist entries; the supervisor saw
    /// them and approved.
    Watched { entries: usize },
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
    /// The assignment letter (surat tugas / SPK): number, date, issuer;
    /// empty when none was brought.
    pub letter: String,
    /// Teams: a leader's members, or a member's leader; empty for a
    /// visitor who came alone (the line is then not printed).
    pub team: String,
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
    /// A room item, or equipment brought in or taken out.
    pub kind: CheckKind,
}

impl ChecklistLine {
    /// The result column's word: OK / not OK for the room's items; taken
    /// out / left in the room for equipment brought in; taken out, not
    /// listed, for the rest.
    pub fn result<'t>(&self, t: &'t ReportText) -> &'t str {
        match (self.kind, self.ok) {
            (CheckKind::Room, true) => t.ok,
            (CheckKind::Room, false) => t.not_ok,
            (CheckKind::Brought, true) => t.item_taken_out,
            (CheckKind::Brought, false) => t.item_left,
            (CheckKind::TakenOut, _) => t.item_not_listed,
        }
    }
}

/// The time one SOP step took, against its standard (*mutu baku waktu*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTiming {
    pub step: Step,
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
    pub office: Office,
    /// When the document was made: the date of the signature line.
    pub printed_at: Time,
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
    /// How step 4 was decided, when not by a plain decision at the door.
    pub decided_how: Option<DecidedHow>,
    pub reject_reason: Option<String>,
    pub badge: Option<BadgeNo>,
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
    /// The supervisor who decided (signs under "Mengetahui,").
    pub supervisor: Option<Signer>,
    /// The operator who archived the visit (or started it).
    pub operator: Option<Signer>,
    /// The visitor was told the privacy notice and agreed: when, and the
    /// retention period (days) it named. Printed above the signatures.
    pub notice_agreed: Option<(Time, u32)>,
}

/// One visit in a day report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRow {
    pub visit_number: i64,
    /// The local day the visit started: kept for rejected and cancelled
    /// visits, which have no entry or exit time.
    pub date: NaiveDate,
    pub time_in: Option<Time>,
    pub time_out: Option<Time>,
    /// Minutes inside: up to the exit, or up to now while still inside.
    pub duration_minutes: Option<i64>,
    /// In the room when the report was made.
    pub still_inside: bool,
    pub visitor_name: String,
    pub id_type: String,
    /// Masked for lists (`3201**********01`).
    pub id_number_masked: String,
    pub organisation: String,
    pub purpose: String,
    /// Already translated.
    pub status: String,
    pub badge: Option<BadgeNo>,
    pub escort: Option<String>,
    /// `None` while undecided (or cancelled before the decision).
    pub decision: Option<Decision>,
    /// The supervisor who decided, whichever way.
    pub decided_by: Option<String>,
    pub reject_reason: Option<String>,
    /// The notes of the check-out checklist, `item: note` joined by `; `.
    pub checklist_notes: String,
    /// Already translated, e.g. "melebihi batas waktu", "kartu hilang".
    pub flags: Vec<String>,
    /// The assignment letter's number, date and issuer (empty: none).
    pub letter_number: String,
    pub letter_date: Option<NaiveDate>,
    pub letter_issuer: String,
    /// The door the visit started at (empty: none named).
    pub door: String,
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
    pub office: Office,
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
    /// Every day of the period that has visits (or the one day asked
    /// for), with its review.
    pub reviews: Vec<DayReviewLine>,
    /// Signs under "Mengetahui,": the supervisor who reviewed (the day, or
    /// every reviewed day of the range).
    pub supervisor: Option<Signer>,
    /// The operator who makes the report (on duty at the kiosk, or named
    /// with `report --operator`).
    pub operator: Option<Signer>,
}

/// One visit on the end-of-shift list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftVisit {
    pub visit_number: i64,
    pub visitor_name: String,
    pub organisation: String,
    pub id_type: String,
    pub id_number_masked: String,
    pub badge: Option<BadgeNo>,
    pub escort: Option<String>,
    pub entered_at: Option<Time>,
    /// Minutes inside so far.
    pub minutes: Option<i64>,
    /// Already translated.
    pub status: String,
}

/// The end-of-shift list (*daftar akhir shift*): what is not yet
/// accounted for when the operator hands over.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftDoc {
    pub office: Office,
    pub site_name: String,
    pub printed_at: Time,
    /// The operator (or supervisor) on duty who prints it.
    pub printed_by: Option<Signer>,
    /// Visitors inside the room now.
    pub inside: Vec<ShiftVisit>,
    /// Open visits whose ID document the operator still holds.
    pub ids_held: Vec<ShiftVisit>,
    /// Badges out, with the visit holding each.
    pub badges_out: Vec<(BadgeNo, i64)>,
    pub badges_lost: Vec<BadgeNo>,
}

impl ShiftDoc {
    /// Nothing left: nobody inside, no ID held, no badge out or lost.
    pub fn is_clear(&self) -> bool {
        self.inside.is_empty()
            && self.ids_held.is_empty()
            && self.badges_out.is_empty()
            && self.badges_lost.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::Office;
    use crate::config::DocumentCfg;

    #[test]
    fn contact_line_labels_what_is_configured_and_leaves_out_the_rest() {
        let t = &super::super::text::ID;
        let mut office = Office::from_config(&DocumentCfg::default());
        office.phone = " (0734) 421000 ".into();
        office.email = "diskominfo@muaraenimkab.go.id".into();
        assert_eq!(
            office.contact_line(t, " - "),
            "Telepon (0734) 421000 - Pos-el diskominfo@muaraenimkab.go.id"
        );
        office.phone = "  ".into();
        assert_eq!(
            office.contact_line(t, " - "),
            "Pos-el diskominfo@muaraenimkab.go.id"
        );
        office.email.clear();
        assert_eq!(office.contact_line(t, " - "), "");
    }
}
