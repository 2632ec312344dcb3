//! The supervisor's side of the demo's days: the watchlist kept (an entry
//! now and then, the approvals that name what a visitor matched) and the
//! visits planned the working day before.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use rand::Rng;

use super::words::{DETAILS, RARE_ORGANISATIONS, WATCH_ORG_REASONS, WATCH_REASONS, visitor};
use crate::domain::plan::{NewPlan, PlanId, PlannedVisitor};
use crate::domain::visit::{FormDraft, Time};
use crate::domain::watchlist::{NewWatch, WatchId, matches as watch_matches};

/// A visit registered the working day before: a plan of one visitor.
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub(super) new: NewPlan,
    /// The visitor's number (see [`visitor`]).
    pub(super) k: u64,
    /// The assignment letter's date, when the plan names a letter.
    pub(super) letter_date: String,
    /// Set once the plan is added.
    pub(super) id: Option<PlanId>,
    /// Cancelled the morning of its day.
    pub(super) cancel: bool,
}

impl super::day::Gen<'_> {
    /// A new watchlist entry, its last day two to six months after
    /// `today`: a returning visitor (NIK and name: a frequent one, so the
    /// door meets them again; the name also matches their namesakes), or
    /// now and then an organisation rarely seen. The first is a person.
    pub(super) fn new_watch(&mut self, today: NaiveDate) -> NewWatch {
        let last_day = today + Duration::days(self.rng.gen_range(60..=180));
        if self.watch.is_empty() || self.rng.gen_bool(0.65) {
            for _ in 0..20 {
                let k = self.rng.gen_range(3..(self.visitors / 50).max(10));
                let v = visitor(self.spec.seed, k, &self.config.visit.id_types);
                if v.id_type == "KTP" {
                    return NewWatch {
                        nik: v.id_number,
                        name: v.name,
                        organisation: String::new(),
                        reason: self.pick(&WATCH_REASONS).to_owned(),
                        last_day,
                    };
                }
            }
        }
        NewWatch {
            nik: String::new(),
            name: String::new(),
            organisation: self.pick(&RARE_ORGANISATIONS).to_owned(),
            reason: self.pick(&WATCH_ORG_REASONS).to_owned(),
            last_day,
        }
    }

    /// A plan for `day` of one visitor with a KTP (a plan names NIKs),
    /// registered around `noon` the working day before; `None` when the
    /// picks found no such visitor.
    pub(super) fn new_plan(&mut self, day: NaiveDate, noon: i64) -> Option<Planned> {
        let mut found = None;
        for _ in 0..10 {
            let k = self.someone();
            let v = visitor(self.spec.seed, k, &self.config.visit.id_types);
            if v.id_type == "KTP" {
                found = Some((k, v));
                break;
            }
        }
        let (k, v) = found?;
        let purpose = self.purpose();
        let [letter, letter_date, _] = self.letter(noon, v.organisation, &purpose);
        Some(Planned {
            new: NewPlan {
                first_day: day,
                last_day: day,
                visitors: vec![PlannedVisitor {
                    nik: v.id_number,
                    name: v.name,
                }],
                organisation: v.organisation.to_owned(),
                purpose,
                detail: self.pick(&DETAILS).to_owned(),
                letter,
            },
            k,
            letter_date,
            id: None,
            cancel: self.rng.gen_bool(0.1),
        })
    }

    /// The watchlist entries visit `i`'s forms (the leader's and its
    /// members') match at `now`: those an approval names as seen.
    pub(super) fn watch_hits(
        &self,
        form: &FormDraft,
        team: &[FormDraft],
        now: Time,
    ) -> Vec<WatchId> {
        if self.watch.is_empty() {
            return Vec::new();
        }
        let mut seen = BTreeSet::new();
        for h in watch_matches(&self.watch, form, now) {
            seen.insert(h.entry);
        }
        for m in team {
            for h in watch_matches(&self.watch, &m.as_member_of(form), now) {
                seen.insert(h.entry);
            }
        }
        seen.into_iter().collect()
    }
}
