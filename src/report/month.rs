//! The monthly recap for the head of office: visitors per day, by purpose
//! and by organisation, overstays, rejections and cancellations, and for
//! each SOP step the share of visits whose step took no longer than its
//! time standard (*mutu baku*). Built from the store here, printed by
//! [`super::month_print`].

use chrono::{Datelike, Months, NaiveDate};

use super::build::{office, signer};
use super::model::{ChainHead, Office, Signer, Time};
use super::text::report_text;
use crate::config::Config;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::step::Step;
use crate::domain::visit::{Status, Time as UtcTime, UserId, Visit};
use crate::store::{self, Store};

/// One day of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub day: NaiveDate,
    /// Visits started this day that were submitted for approval (the SOP's
    /// *jumlah pengunjung*, as in the day report).
    pub visitors: u32,
    /// Visitors who went into the server room.
    pub entered: u32,
    pub rejected: u32,
    pub cancelled: u32,
    /// Inside at least the step-5 standard (still inside: up to now).
    pub overstays: u32,
}

impl MonthDay {
    fn new(day: NaiveDate) -> Self {
        Self {
            day,
            visitors: 0,
            entered: 0,
            rejected: 0,
            cancelled: 0,
            overstays: 0,
        }
    }

    fn add(&mut self, other: &MonthDay) {
        self.visitors += other.visitors;
        self.entered += other.entered;
        self.rejected += other.rejected;
        self.cancelled += other.cancelled;
        self.overstays += other.overstays;
    }
}

/// One SOP step measured against its standard over the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepShare {
    pub step: Step,
    pub name: String,
    /// The standard, minutes.
    pub standard: u32,
    /// Visits in which the step was finished.
    pub timed: u32,
    /// Of those, the ones that took no longer than the standard.
    pub within: u32,
}

impl StepShare {
    /// Whole percent within the standard; `None` when no visit finished
    /// the step.
    pub fn percent(&self) -> Option<u32> {
        (self.timed > 0).then(|| {
            let p =
                (u64::from(self.within) * 100 + u64::from(self.timed) / 2) / u64::from(self.timed);
            u32::try_from(p).unwrap_or(100)
        })
    }
}

/// The monthly recap, every word and time ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthReport {
    pub office: Office,
    pub site_name: String,
    /// The first day of the month.
    pub month: NaiveDate,
    pub zone_label: String,
    /// Every day of the month, visits or not.
    pub days: Vec<MonthDay>,
    /// The month's sums (`day` is the first of the month).
    pub totals: MonthDay,
    /// Submitted visits by purpose, most first.
    pub by_purpose: Vec<(String, u32)>,
    /// Submitted visits by organisation, most first.
    pub by_organisation: Vec<(String, u32)>,
    /// Steps 2..=7.
    pub steps: Vec<StepShare>,
    pub chain_head: Option<ChainHead>,
    pub generated_at: Time,
    /// Signs as the supervisor who acknowledges; `None` leaves the name to
    /// be written by hand.
    pub supervisor: Option<Signer>,
    pub operator: Option<Signer>,
}

/// `2026-11` as the first day of that month.
pub fn parse_month(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("`{s}` is not a month: use YYYY-MM, e.g. 2026-11");
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)
}

/// True when the step of `v` is finished and took no longer than
/// `standard` minutes (seconds compared, as the store's statistics do).
fn within(v: &Visit, step: Step, standard: u32) -> Option<bool> {
    match v.step_span(step) {
        (Some(a), Some(b)) => Some((b - a).num_seconds() <= i64::from(standard) * 60),
        _ => None,
    }
}

/// The recap of the local month starting on `month` (any day of it is
/// taken as its month). `supervisor` and `operator` sign.
pub fn month_report(
    store: &Store,
    month: NaiveDate,
    config: &Config,
    now: UtcTime,
    supervisor: Option<UserId>,
    operator: Option<UserId>,
) -> store::Result<MonthReport> {
    month_report_at(store, None, month, config, now, (supervisor, operator))
}

/// [`month_report`] of the visits started at one door (`None`: all
/// doors); the heading names the door.
pub fn month_report_at(
    store: &Store,
    door: Option<&str>,
    month: NaiveDate,
    config: &Config,
    now: UtcTime,
    (supervisor, operator): (Option<UserId>, Option<UserId>),
) -> store::Result<MonthReport> {
    let first = month.with_day(1).unwrap_or(month);
    let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
    let tz = config.tz();
    let (start, end) = (day_bounds(first, tz).0, day_bounds(next, tz).0);
    let words = report_text(config.language);
    let mut days: Vec<MonthDay> = first
        .iter_days()
        .take_while(|d| *d < next)
        .map(MonthDay::new)
        .collect();
    let mut steps: Vec<StepShare> = Step::TIMED
        .into_iter()
        .map(|step| StepShare {
            step,
            name: words.step_title(step).to_owned(),
            standard: config.standards.minutes_for_step(step),
            timed: 0,
            within: 0,
        })
        .collect();
    store.each_visit_between_at(door, start, end, |s| {
        let v = &s.visit;
        let offset = (local_date(v.started_at, tz) - first).num_days();
        let Some(day) = usize::try_from(offset).ok().and_then(|i| days.get_mut(i)) else {
            return;
        };
        day.visitors += u32::from(v.submitted_at.is_some());
        day.entered += u32::from(v.entered_at.is_some());
        day.rejected += u32::from(v.status == Status::Rejected);
        day.cancelled += u32::from(v.status == Status::Cancelled);
        day.overstays += u32::from(v.overstay(now, config.standards.inside));
        for share in &mut steps {
            if let Some(ok) = within(v, share.step, share.standard) {
                share.timed += 1;
                share.within += u32::from(ok);
            }
        }
    })?;
    let mut totals = MonthDay::new(first);
    for d in &days {
        totals.add(d);
    }
    let stats = store.range_stats_at(door, start, end, now, &config.standards)?;
    let head = store.chain_head()?;
    let generated_at = now.with_timezone(&tz);
    let who = |id: Option<UserId>| id.map_or(Ok(None), |id| signer(store, id));
    Ok(MonthReport {
        office: office(config).0,
        site_name: super::build::site_at(config, door),
        month: first,
        zone_label: generated_at.format("%Z").to_string(),
        days,
        totals,
        by_purpose: stats.by_purpose,
        by_organisation: stats.by_organisation,
        steps,
        chain_head: Some(ChainHead {
            events: head.events,
            last_hmac: head.last_hmac,
        }),
        generated_at,
        supervisor: who(supervisor)?,
        operator: who(operator)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_strictly() {
        assert_eq!(
            parse_month("2026-11"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default())
        );
        for bad in ["2026-13", "2026-1", "26-11", "2026/11", "november", ""] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn percent_rounds_and_is_none_without_timed_steps() {
        let share = |timed, within| StepShare {
            step: Step::Form,
            name: String::new(),
            standard: 5,
            timed,
            within,
        };
        assert_eq!(share(0, 0).percent(), None);
        assert_eq!(share(3, 2).percent(), Some(67));
        assert_eq!(share(4, 3).percent(), Some(75));
        assert_eq!(share(2, 2).percent(), Some(100));
    }
}
