//! The supervisor's desk queries: the day log, search, counts, day reviews
//! and the end-of-shift list.
//!
//! STUB until desk branch lands: the signatures are final, the bodies return
//! empty results so the screens build. The desk branch replaces this file.

use chrono::NaiveDate;

use super::{Result, Stamp, Store, VisitSummary};
use crate::domain::visit::{Status, Time, UserId, VisitId};

/// Which visits of a day the log shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFilter {
    All,
    Status(Status),
    Overstay,
    Rejected,
    ChecklistNotOk,
    BadgeLost,
}

/// The order of the day log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogSort {
    TimeAsc,
    TimeDesc,
}

/// A page of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: u32,
    pub limit: u32,
}

/// Counts over a range of days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeStats {
    pub visitors: u32,
    pub by_purpose: Vec<(String, u32)>,
    pub by_organisation: Vec<(String, u32)>,
    pub rejected: u32,
    pub overstays: u32,
    pub avg_minutes_inside: Option<u32>,
    pub steps_within: u32,
    pub steps_timed: u32,
}

/// A supervisor's review mark on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayReview {
    pub day: NaiveDate,
    pub by: UserId,
    pub by_name: String,
    pub at: Time,
    pub note: String,
}

/// Everything not yet accounted for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndOfShift {
    pub inside: Vec<VisitSummary>,
    pub ids_held: Vec<VisitSummary>,
    pub badges_out: Vec<(String, VisitId)>,
    pub badges_lost: Vec<String>,
}

// STUB until desk branch lands
impl Store {
    // STUB until desk branch lands
    #[expect(clippy::too_many_arguments)]
    pub fn day_log(
        &self,
        _from: Time,
        _to: Time,
        _filter: LogFilter,
        _sort: LogSort,
        _page: Page,
        _now: Time,
        _inside_standard_min: u32,
    ) -> Result<(Vec<VisitSummary>, u32)> {
        Ok((Vec::new(), 0))
    }

    // STUB until desk branch lands
    pub fn search_visits(&self, _query: &str, _page: Page) -> Result<Vec<VisitSummary>> {
        Ok(Vec::new())
    }

    // STUB until desk branch lands
    pub fn range_stats(
        &self,
        _from: Time,
        _to: Time,
        _now: Time,
        _standards: &crate::config::Standards,
    ) -> Result<RangeStats> {
        Ok(RangeStats::default())
    }

    // STUB until desk branch lands
    pub fn mark_day_reviewed(&mut self, _day: NaiveDate, _note: &str, _stamp: Stamp) -> Result<()> {
        Ok(())
    }

    // STUB until desk branch lands
    pub fn day_review(&self, _day: NaiveDate) -> Result<Option<DayReview>> {
        Ok(None)
    }

    // STUB until desk branch lands
    pub fn unreviewed_days(
        &self,
        _today: NaiveDate,
        _tz: chrono_tz::Tz,
        _limit: u32,
    ) -> Result<Vec<NaiveDate>> {
        Ok(Vec::new())
    }

    // STUB until desk branch lands
    pub fn end_of_shift(&self) -> Result<EndOfShift> {
        Ok(EndOfShift::default())
    }
}
