//! `verify` for planned visits: `plan_added` and `plan_cancelled` replayed
//! into plans and compared with the `plans` rows (visitors and detail
//! against the private values their event chains; anonymisation by the
//! `visits_anonymized` events that reached them), the visits started from a
//! plan (their `visit_started` event names it) compared with `plan_visits`,
//! and every `pre_approved` step replayed through the state machine with
//! the plan as it stood at that event: pre-approved by a supervisor, not
//! cancelled, within its days, and the visit started from it.

use std::collections::BTreeMap;

use serde_json::Value;

use super::checker::Private;
use super::{Checker, Problem, text};
use crate::domain::plan::{PlanApproval, PlanId};
use crate::domain::visit::{Actor, Command, Role, UserId};
use crate::store::{Result, Store};

/// One plan as its events make it.
#[derive(Clone)]
pub(super) struct PlanReplay {
    created: (i64, String),
    at: i64,
    by: Option<i64>,
    first_day: String,
    last_day: String,
    from: i64,
    until: i64,
    organisation: String,
    purpose: String,
    letter: String,
    pre_approved: bool,
    /// Visitors and detail from the private values; `None`
    /// once removed (anonymised).
    personal: Option<(Value, String)>,
    /// The cancellation: event, by, at.
    cancelled: Option<(i64, Option<i64>, i64)>,
}

impl Checker<'_> {
    /// A `plan_added` or `plan_cancelled` event.
    pub(super) fn plan_event(
        &mut self,
        id: i64,
        action: &str,
        actor: Option<i64>,
        at: i64,
        d: &Value,
        private: &Private,
    ) {
        let Some(plan) = d.get("plan").and_then(Value::as_i64) else {
            self.replay_error(id, action, "names no plan");
            return;
        };
        if action == "plan_added" {
            let personal = match (private.get("visitors"), private.get("detail")) {
                (Some(v), Some(Value::String(detail))) => Some((v.clone(), detail.clone())),
                _ => None,
            };
            let p = PlanReplay {
                created: (id, action.to_owned()),
                at,
                by: actor,
                first_day: text(d, "first_day"),
                last_day: text(d, "last_day"),
                from: d.get("from").and_then(Value::as_i64).unwrap_or(0),
                until: d.get("until").and_then(Value::as_i64).unwrap_or(0),
                organisation: text(d, "organisation"),
                purpose: text(d, "purpose"),
                letter: text(d, "letter"),
                pre_approved: d
                    .get("pre_approved")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                personal,
                cancelled: None,
            };
            if self.plans.insert(plan, p).is_some() {
                self.replay_error(id, action, format!("plan {plan} added twice"));
            }
            return;
        }
        match self.plans.get_mut(&plan) {
            Some(p) if p.cancelled.is_none() => p.cancelled = Some((id, actor, at)),
            Some(_) => self.replay_error(id, action, format!("plan {plan} cancelled twice")),
            None => self.replay_error(id, action, format!("plan {plan} was never added")),
        }
    }

    /// The pre-approval step at event `event`, as the plan `started_from`
    /// stood then.
    pub(super) fn pre_approval(&mut self, event: i64, started_from: Option<i64>) -> Command {
        let plan = started_from.and_then(|id| self.plans.get(&id).map(|p| (id, p)));
        let approval = match plan {
            Some((id, p)) if p.created.0 < event => {
                let by = p.by.filter(|_| p.pre_approved).map(|by| Actor {
                    id: UserId(by),
                    role: self.accounts.get(&by).map_or(Role::Operator, |a| a.role),
                });
                PlanApproval {
                    plan: PlanId(id),
                    started_from: Some(PlanId(id)),
                    by,
                    from: crate::store::from_ts(p.from),
                    until: crate::store::from_ts(p.until),
                    cancelled: p.cancelled.is_some_and(|c| c.0 < event),
                }
            }
            _ => PlanApproval {
                plan: PlanId(started_from.unwrap_or(0)),
                started_from: None,
                by: None,
                from: crate::store::from_ts(0),
                until: crate::store::from_ts(0),
                cancelled: false,
            },
        };
        Command::PreApprove(approval)
    }
}

impl Store {
    /// Every `plans` and `plan_visits` row against the events.
    pub(super) fn compare_plans(&self, c: &mut Checker<'_>) -> Result<u64> {
        let mut expected = std::mem::take(&mut c.plans);
        let mut links = std::mem::take(&mut c.plan_links);
        if !self.has_table("plans")? {
            for (id, plan) in expected {
                c.problem(Problem::MissingRow {
                    table: "plans",
                    row: id.to_string(),
                    event: plan.created,
                });
            }
            return Ok(0);
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, first_day, last_day, valid_from, valid_until, visitors, organisation,
                    purpose, detail, letter, created_by, created_at, approved_by, approved_at,
                    cancelled_by, cancelled_at, anonymized FROM plans ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let id: i64 = r.get(0)?;
            let Some(plan) = expected.remove(&id) else {
                c.problem(Problem::ExtraRow {
                    table: "plans",
                    row: id.to_string(),
                });
                continue;
            };
            let anon = c.anonymizers.iter_mut().find(|a| {
                a.current
                    && a.event > plan.created.0
                    && (plan.until <= a.cutoff
                        || plan
                            .cancelled
                            .is_some_and(|x| x.0 < a.event && x.2 < a.cutoff))
            });
            let expect_anon = anon.is_some();
            if let Some(a) = anon {
                a.plans_counted += 1;
            }
            let ev = Some(plan.created.clone());
            let opt = |v: Option<i64>| v.map_or_else(|| "NULL".to_owned(), |v| v.to_string());
            let approved_by = plan.by.filter(|_| plan.pre_approved);
            let cols: [(&'static str, String, String); 15] = [
                ("first_day", r.get(1)?, plan.first_day.clone()),
                ("last_day", r.get(2)?, plan.last_day.clone()),
                (
                    "valid_from",
                    r.get::<_, i64>(3)?.to_string(),
                    plan.from.to_string(),
                ),
                (
                    "valid_until",
                    r.get::<_, i64>(4)?.to_string(),
                    plan.until.to_string(),
                ),
                ("organisation", r.get(6)?, plan.organisation.clone()),
                ("purpose", r.get(7)?, plan.purpose.clone()),
                ("letter", r.get(9)?, plan.letter.clone()),
                ("created_by", r.get::<_, i64>(10)?.to_string(), opt(plan.by)),
                (
                    "created_at",
                    r.get::<_, i64>(11)?.to_string(),
                    plan.at.to_string(),
                ),
                ("approved_by", opt(r.get(12)?), opt(approved_by)),
                (
                    "approved_at",
                    opt(r.get(13)?),
                    opt(approved_by.map(|_| plan.at)),
                ),
                (
                    "cancelled_by",
                    opt(r.get(14)?),
                    opt(plan.cancelled.and_then(|x| x.1)),
                ),
                (
                    "cancelled_at",
                    opt(r.get(15)?),
                    opt(plan.cancelled.map(|x| x.2)),
                ),
                (
                    "anonymized",
                    r.get::<_, i64>(16)?.to_string(),
                    i64::from(expect_anon).to_string(),
                ),
                ("id", id.to_string(), id.to_string()),
            ];
            for (name, found, exp) in cols {
                if found != exp {
                    c.column("plans", id, name, found, exp, ev.clone());
                }
            }
            let visitors: String = r.get(5)?;
            let detail: String = r.get(8)?;
            let visitors: Value = serde_json::from_str(&visitors).unwrap_or(Value::Null);
            if expect_anon {
                let clean = visitors.as_array().is_some_and(|v| {
                    v.iter().all(|x| {
                        text(x, "nik").is_empty()
                            && text(x, "name") == crate::domain::visit::ANONYMISED
                    })
                });
                if !clean || !detail.is_empty() {
                    c.problem(Problem::Column {
                        table: "plans",
                        row: id.to_string(),
                        column: "visitors",
                        values: None,
                        event: ev.clone(),
                    });
                }
            } else {
                match &plan.personal {
                    Some((v, d)) => {
                        for (column, same) in
                            [("visitors", *v == visitors), ("detail", *d == detail)]
                        {
                            if !same {
                                c.problem(Problem::Column {
                                    table: "plans",
                                    row: id.to_string(),
                                    column,
                                    values: None,
                                    event: ev.clone(),
                                });
                            }
                        }
                    }
                    None => c.problem(Problem::Private {
                        event: plan.created.0,
                        field: "visitors, detail".into(),
                        what: "deleted, but the plan is not anonymised",
                    }),
                }
            }
        }
        for (id, plan) in expected {
            c.problem(Problem::MissingRow {
                table: "plans",
                row: id.to_string(),
                event: plan.created,
            });
        }
        let mut stmt = self
            .conn
            .prepare("SELECT visit_id, plan_id FROM plan_visits ORDER BY visit_id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let visit: i64 = r.get(0)?;
            let plan: i64 = r.get(1)?;
            match links.remove(&visit) {
                Some((p, _)) if p == plan => {}
                Some((p, ev)) => c.column(
                    "plan_visits",
                    visit,
                    "plan_id",
                    plan.to_string(),
                    p.to_string(),
                    Some(ev),
                ),
                None => c.problem(Problem::ExtraRow {
                    table: "plan_visits",
                    row: visit.to_string(),
                }),
            }
        }
        for (visit, (_, ev)) in links {
            c.problem(Problem::MissingRow {
                table: "plan_visits",
                row: visit.to_string(),
                event: ev,
            });
        }
        Ok(n)
    }
}

/// The links the `visit_started` events make: visit → (plan, event).
pub(super) type PlanLinks = BTreeMap<i64, (i64, (i64, String))>;
