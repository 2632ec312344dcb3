//! Planned visits (kunjungan terjadwal): a supervisor registers a visit
//! ahead of time — a day or a range of days, the visitors (NIK and name),
//! the organisation, the purpose and the assignment letter (surat tugas)
//! — and may pre-approve it with their PIN.
//!
//! The door still runs the SOP's seven steps: the operator picks the plan,
//! the form comes prefilled, the ID is checked and held, the form is
//! submitted (step 3); step 4 is then recorded as pre-approved by the
//! supervisor who approved the plan ([`super::visit::Command::PreApprove`])
//! when the plan allows it now, else the visit waits in the approval queue
//! as any other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fields::{FieldError, FreeText, PersonName, parse_id_number};
use super::visit::{Actor, Time, UserId};
use super::watchlist::parse_day;

/// The row id of a planned visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PlanId(pub i64);

/// Limits of a plan's texts (characters).
pub const MAX_PLAN_DETAIL: usize = 200;
pub const MAX_LETTER: usize = 60;
/// The most visitors one plan names.
pub const MAX_PLAN_VISITORS: usize = 10;

/// One visitor a plan names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedVisitor {
    pub nik: String,
    pub name: String,
}

/// A planned visit as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: PlanId,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The start of the first day and the end of the last (exclusive), UTC.
    pub from: Time,
    pub until: Time,
    pub visitors: Vec<PlannedVisitor>,
    pub organisation: String,
    /// A purpose of the configured list.
    pub purpose: String,
    pub detail: String,
    /// The assignment letter's number (nomor surat tugas).
    pub letter: String,
    pub created_by: UserId,
    pub created_at: Time,
    /// Pre-approved: by whom, when.
    pub approved: Option<(UserId, Time)>,
    pub cancelled: Option<(UserId, Time)>,
}

impl Plan {
    /// Open at `now`: within its days and not cancelled.
    pub fn open_at(&self, now: Time) -> bool {
        self.cancelled.is_none() && self.from <= now && now < self.until
    }
}

/// What step 4 needs to be recorded as pre-approved: the plan as it
/// stands now, and the plan the visit was started from. Built by the
/// store from its rows (and by `verify` from the events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanApproval {
    pub plan: PlanId,
    /// The plan the visit was started from, if any.
    pub started_from: Option<PlanId>,
    /// Who pre-approved the plan, with the role they had then; `None`
    /// when the plan is not pre-approved.
    pub by: Option<Actor>,
    pub from: Time,
    pub until: Time,
    pub cancelled: bool,
}

/// Why a visit cannot be recorded as pre-approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlanRefusal {
    #[error("the visit was not started from this plan")]
    NotFromPlan,
    #[error("the plan is not pre-approved")]
    NotPreApproved,
    #[error("the plan was pre-approved by an account that is not a supervisor's")]
    NotSupervisor,
    #[error("the plan was cancelled")]
    Cancelled,
    #[error("the plan is not for today")]
    OutsideDays,
}

impl PlanApproval {
    /// The supervisor whose pre-approval stands for step 4 at `now`, or why
    /// there is none.
    pub fn check(&self, now: Time) -> Result<UserId, PlanRefusal> {
        if self.started_from != Some(self.plan) {
            return Err(PlanRefusal::NotFromPlan);
        }
        let by = self.by.ok_or(PlanRefusal::NotPreApproved)?;
        if by.role != super::visit::Role::Supervisor {
            return Err(PlanRefusal::NotSupervisor);
        }
        if self.cancelled {
            return Err(PlanRefusal::Cancelled);
        }
        if !(self.from <= now && now < self.until) {
            return Err(PlanRefusal::OutsideDays);
        }
        Ok(by.id)
    }
}

/// The fields of a new plan, in the order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanField {
    FirstDay,
    LastDay,
    Visitors,
    Organisation,
    Purpose,
    Detail,
    Letter,
    Pin,
}

impl PlanField {
    pub const ALL: [PlanField; 8] = [
        PlanField::FirstDay,
        PlanField::LastDay,
        PlanField::Visitors,
        PlanField::Organisation,
        PlanField::Purpose,
        PlanField::Detail,
        PlanField::Letter,
        PlanField::Pin,
    ];
}

/// Why a new plan is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("{field:?}: {error}")]
    Field { field: PlanField, error: FieldError },
    #[error("not a date")]
    BadDate(PlanField),
    #[error("the first day is in the past")]
    InThePast,
    #[error("the last day is before the first")]
    EndsBeforeStart,
    /// Visitor `n` (1-based) is not `NIK name`.
    #[error("visitor {0}: write the NIK, then the name")]
    BadVisitor(usize),
    #[error("at most {MAX_PLAN_VISITORS} visitors")]
    TooManyVisitors,
    #[error("the purpose is not in the list")]
    Purpose,
}

/// A new plan, every field valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub visitors: Vec<PlannedVisitor>,
    pub organisation: String,
    pub purpose: String,
    pub detail: String,
    pub letter: String,
}

/// The visitors as typed: `NIK name; NIK name`.
pub fn parse_visitors(s: &str) -> Result<Vec<PlannedVisitor>, PlanError> {
    let mut out = Vec::new();
    for (i, part) in s.split(';').filter(|p| !p.trim().is_empty()).enumerate() {
        let part = part.trim();
        let (nik, name) = part
            .split_once(char::is_whitespace)
            .ok_or(PlanError::BadVisitor(i + 1))?;
        let nik = parse_id_number("KTP", nik).map_err(|_| PlanError::BadVisitor(i + 1))?;
        let name = PersonName::try_from(name).map_err(|_| PlanError::BadVisitor(i + 1))?;
        out.push(PlannedVisitor {
            nik: nik.as_str().to_owned(),
            name: name.as_str().to_owned(),
        });
    }
    if out.is_empty() {
        return Err(PlanError::Field {
            field: PlanField::Visitors,
            error: FieldError::Required,
        });
    }
    if out.len() > MAX_PLAN_VISITORS {
        return Err(PlanError::TooManyVisitors);
    }
    Ok(out)
}

/// A plan as typed, one string per field.
#[derive(Debug, Clone, Copy)]
pub struct PlanText<'a> {
    pub first_day: &'a str,
    /// Empty: the same as the first day.
    pub last_day: &'a str,
    pub visitors: &'a str,
    pub organisation: &'a str,
    pub purpose: &'a str,
    pub detail: &'a str,
    pub letter: &'a str,
}

impl NewPlan {
    /// Parse a plan as typed; `today` is the site's date, `purposes` the
    /// configured list.
    pub fn parse(
        t: PlanText<'_>,
        today: NaiveDate,
        purposes: &[String],
    ) -> Result<NewPlan, PlanError> {
        let field = |field| move |error| PlanError::Field { field, error };
        let first_day = parse_day(t.first_day).ok_or(PlanError::BadDate(PlanField::FirstDay))?;
        let last_day = if t.last_day.trim().is_empty() {
            first_day
        } else {
            parse_day(t.last_day).ok_or(PlanError::BadDate(PlanField::LastDay))?
        };
        if first_day < today {
            return Err(PlanError::InThePast);
        }
        if last_day < first_day {
            return Err(PlanError::EndsBeforeStart);
        }
        let visitors = parse_visitors(t.visitors)?;
        let organisation = FreeText::parse(t.organisation, super::visit::MAX_ORGANISATION, true)
            .map_err(field(PlanField::Organisation))?;
        if !purposes.iter().any(|p| p == t.purpose) {
            return Err(PlanError::Purpose);
        }
        let detail =
            FreeText::parse(t.detail, MAX_PLAN_DETAIL, false).map_err(field(PlanField::Detail))?;
        let letter =
            FreeText::parse(t.letter, MAX_LETTER, true).map_err(field(PlanField::Letter))?;
        Ok(NewPlan {
            first_day,
            last_day,
            visitors,
            organisation: organisation.as_str().to_owned(),
            purpose: t.purpose.to_owned(),
            detail: detail.as_str().to_owned(),
            letter: letter.as_str().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::Role;
    use chrono::{TimeZone, Utc};

    fn t(d: u32, h: u32) -> Time {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    fn approval() -> PlanApproval {
        PlanApproval {
            plan: PlanId(3),
            started_from: Some(PlanId(3)),
            by: Some(Actor {
                id: UserId(1),
                role: Role::Supervisor,
            }),
            from: t(27, 0),
            until: t(29, 0),
            cancelled: false,
        }
    }

    #[test]
    fn a_pre_approval_stands_within_its_days_for_its_own_visits() {
        assert_eq!(approval().check(t(28, 9)), Ok(UserId(1)));
        assert_eq!(approval().check(t(29, 0)), Err(PlanRefusal::OutsideDays));
        assert_eq!(approval().check(t(26, 23)), Err(PlanRefusal::OutsideDays));
        let mut a = approval();
        a.started_from = None;
        assert_eq!(a.check(t(28, 9)), Err(PlanRefusal::NotFromPlan));
        a.started_from = Some(PlanId(4));
        assert_eq!(a.check(t(28, 9)), Err(PlanRefusal::NotFromPlan));
        let mut a = approval();
        a.cancelled = true;
        assert_eq!(a.check(t(28, 9)), Err(PlanRefusal::Cancelled));
        let mut a = approval();
        a.by = None;
        assert_eq!(a.check(t(28, 9)), Err(PlanRefusal::NotPreApproved));
        a.by = Some(Actor {
            id: UserId(2),
            role: Role::Operator,
        });
        assert_eq!(a.check(t(28, 9)), Err(PlanRefusal::NotSupervisor));
    }

    #[test]
    fn a_new_plan_is_parsed_and_checked() {
        let purposes = vec!["Pemeliharaan perangkat".to_owned()];
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let text = PlanText {
            first_day: "27-11-2026",
            last_day: "",
            visitors: "3201011505850001 Budi Santoso; 3201014509900001  Siti Aminah ",
            organisation: "PT Telkom",
            purpose: "Pemeliharaan perangkat",
            detail: "Ganti UPS",
            letter: "090/123/ST/2026",
        };
        let p = NewPlan::parse(text, today, &purposes).unwrap();
        assert_eq!(p.last_day, today, "one day");
        assert_eq!(p.visitors.len(), 2);
        assert_eq!(p.visitors[1].name, "Siti Aminah");
        let bad = |t: PlanText<'_>| NewPlan::parse(t, today, &purposes).unwrap_err();
        assert_eq!(
            bad(PlanText {
                first_day: "26-11-2026",
                ..text
            }),
            PlanError::InThePast
        );
        assert_eq!(
            bad(PlanText {
                last_day: "26-11-2026",
                first_day: "28-11-2026",
                ..text
            }),
            PlanError::EndsBeforeStart
        );
        assert_eq!(
            bad(PlanText {
                visitors: "Budi Santoso",
                ..text
            }),
            PlanError::BadVisitor(1)
        );
        assert_eq!(
            bad(PlanText {
                purpose: "Liburan",
                ..text
            }),
            PlanError::Purpose
        );
        assert!(matches!(
            bad(PlanText {
                letter: " ",
                ..text
            }),
            PlanError::Field {
                field: PlanField::Letter,
                ..
            }
        ));
    }
}
