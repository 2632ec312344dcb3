//! Fill the documents from the store.
//!
//! STUB until desk branch lands: the signatures are final; the bodies make
//! empty documents. The desk branch replaces this file.

use chrono::NaiveDate;

use super::model::{DayReport, DayTotals, VisitDoc, Visitor};
use crate::config::Config;
use crate::domain::visit::{Time, VisitId};
use crate::store::{self, Store};

// STUB until desk branch lands
pub fn visit_doc(
    _store: &Store,
    id: VisitId,
    config: &Config,
    now: Time,
) -> store::Result<VisitDoc> {
    let _ = now;
    Ok(VisitDoc {
        visit_number: id.0,
        site_name: config.site_name.clone(),
        status: String::new(),
        visitor: Visitor::default(),
        started_by: String::new(),
        started_at: None,
        submitted_by: None,
        submitted_at: None,
        decision: None,
        decided_by: None,
        decided_at: None,
        reject_reason: None,
        badge: None,
        escort: None,
        entered_at: None,
        exited_at: None,
        duration_minutes: None,
        badge_outcome: None,
        id_returned: false,
        checklist: Vec::new(),
        activity_notes: String::new(),
        archived_at: None,
        archived_by: None,
        steps: Vec::new(),
    })
}

// STUB until desk branch lands
pub fn day_report(
    _store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    config: &Config,
    now: Time,
) -> store::Result<DayReport> {
    Ok(DayReport {
        site_name: config.site_name.clone(),
        from,
        to,
        zone_label: String::new(),
        rows: Vec::new(),
        by_purpose: Vec::new(),
        totals: DayTotals::default(),
        chain_head: None,
        generated_at: now.with_timezone(&config.timezone),
    })
}
