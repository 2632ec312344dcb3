//! The replay's state: accounts, reviews, anonymisations, badges and the
//! watchlist as the events make them, and the problems found.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use super::{KEEP, Problem, plans, watch};
use crate::domain::visit::{Actor, Role, UserId, Visit};
use crate::store::audit::FORMAT;

/// Events only a supervisor may cause; with no actor they come from the
/// first account's setup, the program itself, or an older command line.
pub(super) const SUPERVISOR_ACTIONS: &[&str] = &[
    "user_created",
    "user_disabled",
    "user_enabled",
    "user_unlocked",
    "pin_reset",
    "badge_restored",
    "day_reviewed",
    "visits_anonymized",
    "watch_added",
    "watch_removed",
    "plan_added",
    "plan_cancelled",
];

#[derive(Clone)]
pub(super) struct Account {
    pub(super) created: (i64, String),
    pub(super) created_at: i64,
    pub(super) role: Role,
    pub(super) role_text: String,
    pub(super) who: Option<String>,
    pub(super) pin: Option<String>,
    pub(super) pin_ev: (i64, String),
    pub(super) active: bool,
    pub(super) active_ev: (i64, String),
    pub(super) locked: bool,
    pub(super) failed: i64,
    pub(super) last_failed: Option<i64>,
    pub(super) lock_ev: (i64, String),
}

pub(super) struct Review {
    pub(super) by: i64,
    pub(super) at: i64,
    pub(super) note: Option<String>,
    pub(super) event: (i64, String),
}

#[derive(Clone)]
pub(super) struct Anonymizer {
    pub(super) event: i64,
    pub(super) cutoff: i64,
    /// Written since schema 4: every closed visit started before the cutoff.
    pub(super) current: bool,
    pub(super) said: u64,
    pub(super) counted: u64,
    /// Reviews of days before this one lost their notes (`YYYY-MM-DD`).
    pub(super) reviews_before: Option<String>,
    /// Watchlist entries it says it anonymised, and those the replay finds.
    pub(super) watch_said: u64,
    pub(super) watch_counted: u64,
    /// The same for plans.
    pub(super) plans_said: u64,
    pub(super) plans_counted: u64,
}

/// A column, its values (found, expected) unless personal, and the event
/// that set it.
pub(super) type ColumnDiff = (&'static str, Option<(String, String)>, (i64, String));

/// A badge lost at a check-out (`Some`) or put back (`None`), by event.
pub(super) type BadgeChange = (i64, String, Option<(i64, i64)>);

/// The problems one share of the replay found, and what it changed that
/// the rest of the check reads: badges lost, visits anonymised.
pub(super) struct Found {
    problems: Vec<Problem>,
    count: u64,
    badges: Vec<BadgeChange>,
    /// Per anonymisation, in order: the visits it reached.
    counted: Vec<u64>,
    /// Visits started from a plan.
    plan_links: plans::PlanLinks,
}

/// See [`Checker::mark`].
pub(super) struct Mark {
    problems: usize,
    pub(super) count: u64,
    badges: usize,
    counted: Vec<u64>,
}

pub(super) struct Checker<'a> {
    pub(super) key: &'a [u8],
    pub(super) problems: Vec<Problem>,
    pub(super) count: u64,
    pub(super) accounts: BTreeMap<i64, Account>,
    pub(super) reviews: BTreeMap<String, Review>,
    pub(super) anonymizers: Vec<Anonymizer>,
    pub(super) badges: Vec<BadgeChange>,
    pub(super) watch: BTreeMap<i64, watch::Watch>,
    pub(super) plans: BTreeMap<i64, plans::PlanReplay>,
    pub(super) plan_links: plans::PlanLinks,
    /// Details parsed lately, by their text.
    memo: HashMap<String, Arc<Value>>,
}

/// How many parsed details [`Checker::details`] keeps.
const MEMO: usize = 256;

pub(super) struct VisitEvent {
    pub(super) id: i64,
    pub(super) action: String,
    pub(super) actor: Option<i64>,
    pub(super) at: i64,
    pub(super) details: String,
    /// Its private values: field, value as JSON text.
    pub(super) private: Vec<(String, String)>,
}

pub(super) struct VisitRow {
    pub(super) visit: Visit,
    /// The check-out draft column holds something (`visit.checkout_draft`
    /// is only what of it reads as a draft).
    pub(super) draft_stored: bool,
    pub(super) status: String,
    pub(super) flagged: bool,
    pub(super) anonymized: i64,
}

pub(super) fn parse(details: &str) -> Value {
    serde_json::from_str(details).unwrap_or(Value::Null)
}

pub(super) fn is_current(d: &Value) -> bool {
    d.get("v").and_then(Value::as_i64) == Some(FORMAT)
}

/// A private values object (field → JSON text, as `PRIVATE_OF_E` reads
/// it) as pairs of field and JSON text.
pub(super) fn private_pairs(text: Option<&str>) -> Vec<(String, String)> {
    let Some(Value::Object(m)) = text.map(parse) else {
        return Vec::new();
    };
    m.into_iter()
        .filter_map(|(k, v)| match v {
            Value::String(v) => Some((k, v)),
            _ => None,
        })
        .collect()
}

/// An event's private values parsed: field → value (an event has one or
/// two, looked up by name).
pub(super) struct Private(Vec<(String, Value)>);

impl Private {
    pub(super) fn get(&self, field: &str) -> Option<&Value> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, v)| v)
    }

    pub(super) fn contains_key(&self, field: &str) -> bool {
        self.get(field).is_some()
    }
}

/// Private values (field, JSON text) parsed.
pub(super) fn private_values(pairs: &[(String, String)]) -> Private {
    Private(pairs.iter().map(|(k, v)| (k.clone(), parse(v))).collect())
}

pub(super) fn sealed_keys(d: &Value) -> Vec<String> {
    d.get("sealed")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

pub(super) fn text(d: &Value, k: &str) -> String {
    d.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

pub(super) fn opt<T: fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "NULL".to_owned(), |v| v.to_string())
}

impl<'a> Checker<'a> {
    pub(super) fn new(key: &'a [u8]) -> Checker<'a> {
        Checker {
            key,
            problems: Vec::new(),
            count: 0,
            accounts: BTreeMap::new(),
            reviews: BTreeMap::new(),
            anonymizers: Vec::new(),
            badges: Vec::new(),
            watch: BTreeMap::new(),
            plans: BTreeMap::new(),
            plan_links: BTreeMap::new(),
            memo: HashMap::new(),
        }
    }

    /// An event's details parsed: visits repeat each other's details (the
    /// notice answered, a badge given, a check-out with every item OK), so
    /// the latest ones are kept by their text.
    pub(super) fn details(&mut self, text: &str) -> Arc<Value> {
        if let Some(d) = self.memo.get(text) {
            return Arc::clone(d);
        }
        let d = Arc::new(parse(text));
        if self.memo.len() >= MEMO {
            self.memo.clear();
        }
        self.memo.insert(text.to_owned(), Arc::clone(&d));
        d
    }

    /// A checker for one share of the replay: what the events of no visit
    /// made (accounts, anonymisations, the watchlist), nothing found yet.
    pub(super) fn fork(&self) -> Checker<'a> {
        Checker {
            key: self.key,
            problems: Vec::new(),
            count: 0,
            accounts: self.accounts.clone(),
            reviews: BTreeMap::new(),
            anonymizers: self
                .anonymizers
                .iter()
                .map(|a| Anonymizer {
                    counted: 0,
                    ..a.clone()
                })
                .collect(),
            badges: Vec::new(),
            watch: self.watch.clone(),
            plans: self.plans.clone(),
            plan_links: BTreeMap::new(),
            memo: HashMap::new(),
        }
    }

    /// What a fork found.
    pub(super) fn into_found(self) -> Found {
        Found {
            problems: self.problems,
            count: self.count,
            badges: self.badges,
            counted: self.anonymizers.iter().map(|a| a.counted).collect(),
            plan_links: self.plan_links,
        }
    }

    /// Where the checker stands, to take back what one visit added.
    pub(super) fn mark(&self) -> Mark {
        Mark {
            problems: self.problems.len(),
            count: self.count,
            badges: self.badges.len(),
            counted: self.anonymizers.iter().map(|a| a.counted).collect(),
        }
    }

    /// Take back everything added since `mark` (a visit's problems, its
    /// lost badge, the anonymisations that reached it).
    pub(super) fn undo(&mut self, mark: Mark) {
        self.problems.truncate(mark.problems);
        self.count = mark.count;
        self.badges.truncate(mark.badges);
        for (a, n) in self.anonymizers.iter_mut().zip(mark.counted) {
            a.counted = n;
        }
    }

    /// Add what a fork found (shares joined in order keep the order of
    /// the problems).
    pub(super) fn join(&mut self, found: Found) {
        let room = KEEP.saturating_sub(self.problems.len());
        self.problems.extend(found.problems.into_iter().take(room));
        self.count += found.count;
        self.badges.extend(found.badges);
        for (a, n) in self.anonymizers.iter_mut().zip(found.counted) {
            a.counted += n;
        }
        self.plan_links.extend(found.plan_links);
    }

    pub(super) fn problem(&mut self, p: Problem) {
        self.count += 1;
        if self.problems.len() < KEEP {
            self.problems.push(p);
        }
    }

    pub(super) fn replay_error(&mut self, event: i64, action: &str, error: impl Into<String>) {
        self.problem(Problem::Replay {
            event,
            action: action.to_owned(),
            error: error.into(),
        });
    }

    pub(super) fn column(
        &mut self,
        table: &'static str,
        row: impl fmt::Display,
        column: &'static str,
        found: String,
        expected: String,
        event: Option<(i64, String)>,
    ) {
        self.problem(Problem::Column {
            table,
            row: row.to_string(),
            column,
            values: Some((found, expected)),
            event,
        });
    }

    /// An event that names an account (`details.user`).
    pub(super) fn account_event(
        &mut self,
        id: i64,
        action: &str,
        d: &Value,
    ) -> Option<&mut Account> {
        let Some(user) = d.get("user").and_then(Value::as_i64) else {
            self.replay_error(id, action, "names no account");
            return None;
        };
        if !self.accounts.contains_key(&user) {
            self.replay_error(id, action, format!("account {user} was never created"));
            return None;
        }
        self.accounts.get_mut(&user)
    }

    /// Apply one event that belongs to no visit.
    pub(super) fn global(
        &mut self,
        id: i64,
        action: &str,
        actor: Option<i64>,
        at: i64,
        d: &Value,
        private: &Private,
    ) {
        let evn = (id, action.to_owned());
        if SUPERVISOR_ACTIONS.contains(&action)
            && let Some(by) = actor
        {
            self.supervisor_acted(by, id, action);
        }
        match action {
            "user_created" => {
                let Some(user) = d.get("user").and_then(Value::as_i64) else {
                    self.replay_error(id, action, "names no account");
                    return;
                };
                let role_text = text(d, "role");
                let Some(role) = Role::parse(&role_text) else {
                    self.replay_error(id, action, format!("unknown role {role_text:?}"));
                    return;
                };
                let current = is_current(d);
                let account = Account {
                    created: evn.clone(),
                    created_at: at,
                    role,
                    role_text,
                    who: current.then(|| text(d, "who")),
                    pin: current.then(|| text(d, "pin")),
                    pin_ev: evn.clone(),
                    active: true,
                    active_ev: evn.clone(),
                    locked: false,
                    failed: 0,
                    last_failed: None,
                    lock_ev: evn,
                };
                if self.accounts.insert(user, account).is_some() {
                    self.replay_error(id, action, format!("account {user} created twice"));
                }
            }
            "user_disabled" | "user_enabled" => {
                if let Some(a) = self.account_event(id, action, d) {
                    a.active = action == "user_enabled";
                    a.active_ev = evn;
                }
            }
            "user_unlocked" | "pin_reset" | "pin_ok" => {
                let current = is_current(d);
                if let Some(a) = self.account_event(id, action, d) {
                    if action != "pin_ok" {
                        a.locked = false;
                    }
                    a.failed = 0;
                    a.last_failed = None;
                    a.lock_ev = evn.clone();
                    if action == "pin_reset" {
                        a.pin = current.then(|| text(d, "pin"));
                        a.pin_ev = evn;
                    }
                }
            }
            "pin_failed" | "pin_failed_locked" => {
                let failures = d
                    .get("detail")
                    .and_then(|x| x.get("failures"))
                    .and_then(Value::as_i64);
                let Some(failures) = failures else {
                    self.replay_error(id, action, "no failure count");
                    return;
                };
                if let Some(a) = self.account_event(id, action, d) {
                    a.failed = failures;
                    a.last_failed = Some(at);
                    a.locked = action == "pin_failed_locked";
                    a.lock_ev = evn;
                }
            }
            "badge_restored" => self.badges.push((id, text(d, "badge"), None)),
            "day_reviewed" => {
                let note = if is_current(d) {
                    private
                        .get("note")
                        .map(|n| n.as_str().unwrap_or_default().to_owned())
                } else {
                    Some(text(d, "note"))
                };
                let day = text(d, "day");
                let Some(by) = actor else {
                    self.replay_error(id, action, "no supervisor named");
                    return;
                };
                self.reviews.insert(
                    day,
                    Review {
                        by,
                        at,
                        note,
                        event: evn,
                    },
                );
            }
            "visits_anonymized" => {
                let cutoff = chrono::DateTime::parse_from_rfc3339(&text(d, "before"));
                let Ok(cutoff) = cutoff else {
                    self.replay_error(id, action, "no valid `before` date");
                    return;
                };
                self.anonymizers.push(Anonymizer {
                    event: id,
                    cutoff: cutoff.timestamp(),
                    current: is_current(d),
                    said: d.get("visits").and_then(Value::as_u64).unwrap_or(0),
                    counted: 0,
                    reviews_before: d
                        .get("reviews_before")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    watch_said: d.get("watch").and_then(Value::as_u64).unwrap_or(0),
                    watch_counted: 0,
                    plans_said: d.get("plans").and_then(Value::as_u64).unwrap_or(0),
                    plans_counted: 0,
                });
            }
            "plan_added" | "plan_cancelled" => {
                self.plan_event(id, action, actor, at, d, private);
            }
            "watch_added" | "watch_removed" => {
                self.watch_event(id, action, actor, at, d, private);
            }
            // Sign-in refusals, sign-out, reports …: no row changes.
            _ => {}
        }
    }

    /// A change only a supervisor may make names, when it names anyone, an
    /// account that existed before it and is a supervisor's (the kiosk's
    /// signed-in supervisor, or the command line's `--as`).
    pub(super) fn supervisor_acted(&mut self, by: i64, event: i64, action: &str) {
        let error = match self.accounts.get(&by) {
            Some(a) if a.created.0 < event && a.role == Role::Supervisor => return,
            Some(a) if a.created.0 < event => {
                format!("made by account {by}, which is not a supervisor's")
            }
            _ => format!("made by account {by} before it existed"),
        };
        self.replay_error(event, action, error);
    }

    pub(super) fn actor(&mut self, actor: Option<i64>, event: i64, action: &str) -> Actor {
        let Some(id) = actor else {
            // No account: the program itself (retention).
            return Actor {
                id: UserId(0),
                role: Role::Supervisor,
            };
        };
        match self.accounts.get(&id) {
            Some(a) if a.created.0 < event => Actor {
                id: UserId(id),
                role: a.role,
            },
            _ => {
                self.replay_error(
                    event,
                    action,
                    format!("acted by account {id} before it existed"),
                );
                Actor {
                    id: UserId(id),
                    role: Role::Operator,
                }
            }
        }
    }
}
