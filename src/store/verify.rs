//! `verify`: the record proves itself.
//!
//! The audit events are the record; the `visits`, `users`, `lost_badges`
//! and `day_reviews` rows are a projection of them. [`Store::audit`]
//!
//! 1. walks the chain: every link is checked against the stored previous
//!    HMAC, ids must run 1, 2, 3 … without a gap;
//! 2. checks every private value (`event_private`) against the keyed hash
//!    its event chains;
//! 3. replays the events — visits through the domain's own state machine
//!    ([`Visit::apply`]), accounts, lost badges and day reviews by their
//!    events — and compares every row and column the events determine;
//! 4. compares the end of the log with the head file, and with a head
//!    printed on a report (`--expect-head`).
//!
//! Events written before schema 4 ("legacy", no `"v"` in their details)
//! carry less: what they do not determine (a PIN hash, a checklist) is
//! accepted as stored.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;

mod plans;
mod watch;

use rusqlite::OptionalExtension;
use serde_json::Value;

use super::audit::{FORMAT, PRIVATE_OF_E, fingerprint, private_mac, read_head_file, seal};
use super::visits::{VISIT_COLS, row_to_visit};
use super::{ChainHead, Result, Store, from_ts};
use crate::domain::badge::BadgeNo;
use crate::domain::visit::{
    ANONYMISED, Actor, ChecklistAnswer, Command, FormDraft, NoticeAgreed, Role, UserId, Visit,
    VisitForm, VisitId, form_digest,
};

/// How many problems are kept (the first ones); the count goes on.
const KEEP: usize = 1000;

/// One way the record does not prove itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Event 1 does not verify and neither does any later link.
    KeyMismatch { path: PathBuf },
    /// One event's HMAC does not match its fields and the previous HMAC.
    Link { event: i64, action: String },
    /// Event ids are not contiguous.
    Gap { after: i64, next: i64 },
    /// A private value does not match the hash its event chains, or is
    /// missing where it may not be.
    Private {
        event: i64,
        field: String,
        what: &'static str,
    },
    /// An event that the replay cannot apply.
    Replay {
        event: i64,
        action: String,
        error: String,
    },
    /// A column differs from what the events say.
    Column {
        table: &'static str,
        row: String,
        column: &'static str,
        /// `None` for personal data, which is not printed.
        values: Option<(String, String)>,
        event: Option<(i64, String)>,
    },
    /// A row the events create is not there.
    MissingRow {
        table: &'static str,
        row: String,
        event: (i64, String),
    },
    /// A row no event created.
    ExtraRow { table: &'static str, row: String },
    /// The head file does not match the database.
    HeadFile { path: PathBuf, what: String },
    /// The head given with `--expect-head` does not match.
    ExpectedHead { what: String },
}

fn ev(e: &(i64, String)) -> String {
    format!("event {} ({})", e.0, e.1)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::KeyMismatch { path } => write!(
                f,
                "key file {}: event 1 and every later event fail to verify with it: \
                 the key was swapped or changed, or the database belongs to another key",
                path.display()
            ),
            Problem::Link { event, action } => write!(
                f,
                "table events, event {event} ({action}): HMAC does not match: \
                 the event was edited, inserted or moved"
            ),
            Problem::Gap { after, next } => write!(
                f,
                "table events: ids jump from {after} to {next}: {} event(s) deleted",
                next - after - 1
            ),
            Problem::Private { event, field, what } => {
                write!(
                    f,
                    "table event_private, event {event}, field {field}: {what}"
                )
            }
            Problem::Replay {
                event,
                action,
                error,
            } => write!(f, "event {event} ({action}) does not replay: {error}"),
            Problem::Column {
                table,
                row,
                column,
                values,
                event,
            } => {
                write!(f, "table {table}, row {row}, column {column}: ")?;
                match values {
                    Some((found, expected)) => write!(f, "is {found}, expected {expected}")?,
                    None => f.write_str("differs from the record")?,
                }
                match event {
                    Some(e) => write!(f, " (set by {})", ev(e)),
                    None => f.write_str(" (no event sets it)"),
                }
            }
            Problem::MissingRow { table, row, event } => write!(
                f,
                "table {table}, row {row}: missing ({} created it)",
                ev(event)
            ),
            Problem::ExtraRow { table, row } => {
                write!(f, "table {table}, row {row}: no event created it")
            }
            Problem::HeadFile { path, what } => write!(f, "head file {}: {what}", path.display()),
            Problem::ExpectedHead { what } => write!(f, "expected head: {what}"),
        }
    }
}

/// What the head file told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadFileState {
    Matches,
    /// No head file: the end of the log was not checked against it.
    Missing,
    /// It does not match (the problem is in the list).
    Differs,
}

/// The outcome of [`Store::audit`].
#[derive(Debug, Clone)]
pub struct Audit {
    /// The database's chain head.
    pub head: ChainHead,
    pub visits: u64,
    pub accounts: u64,
    pub lost_badges: u64,
    pub day_reviews: u64,
    pub watchlist: u64,
    pub plans: u64,
    pub head_file: HeadFileState,
    /// The first problems found (at most 1000).
    pub problems: Vec<Problem>,
    /// All problems found.
    pub problem_count: u64,
}

impl Audit {
    pub fn is_intact(&self) -> bool {
        self.problem_count == 0
    }
}

/// Events only a supervisor may cause; with no actor they come from the
/// first account's setup, the program itself, or an older command line.
const SUPERVISOR_ACTIONS: &[&str] = &[
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

struct Account {
    created: (i64, String),
    created_at: i64,
    role: Role,
    role_text: String,
    who: Option<String>,
    pin: Option<String>,
    pin_ev: (i64, String),
    active: bool,
    active_ev: (i64, String),
    locked: bool,
    failed: i64,
    last_failed: Option<i64>,
    lock_ev: (i64, String),
}

struct Review {
    by: i64,
    at: i64,
    note: Option<String>,
    event: (i64, String),
}

struct Anonymizer {
    event: i64,
    cutoff: i64,
    /// Written since schema 4: every closed visit started before the cutoff.
    current: bool,
    said: u64,
    counted: u64,
    /// Reviews of days before this one lost their notes (`YYYY-MM-DD`).
    reviews_before: Option<String>,
    /// Watchlist entries it says it anonymised, and those the replay finds.
    watch_said: u64,
    watch_counted: u64,
    /// The same for plans.
    plans_said: u64,
    plans_counted: u64,
}

/// A column, its values (found, expected) unless personal, and the event
/// that set it.
type ColumnDiff = (&'static str, Option<(String, String)>, (i64, String));

/// A badge lost at a check-out (`Some`) or put back (`None`), by event.
type BadgeChange = (i64, String, Option<(i64, i64)>);

struct Checker<'a> {
    key: &'a [u8],
    problems: Vec<Problem>,
    count: u64,
    accounts: BTreeMap<i64, Account>,
    reviews: BTreeMap<String, Review>,
    anonymizers: Vec<Anonymizer>,
    badges: Vec<BadgeChange>,
    watch: BTreeMap<i64, watch::Watch>,
    plans: BTreeMap<i64, plans::PlanReplay>,
    plan_links: plans::PlanLinks,
}

struct VisitEvent {
    id: i64,
    action: String,
    actor: Option<i64>,
    at: i64,
    details: String,
    private: Option<String>,
}

struct VisitRow {
    visit: Visit,
    status: String,
    flagged: bool,
    anonymized: i64,
}

fn parse(details: &str) -> Value {
    serde_json::from_str(details).unwrap_or(Value::Null)
}

fn is_current(d: &Value) -> bool {
    d.get("v").and_then(Value::as_i64) == Some(FORMAT)
}

/// A private values object (field → JSON text) as field → value.
fn private_values(text: Option<&str>) -> HashMap<String, Value> {
    let Some(Value::Object(m)) = text.map(parse) else {
        return HashMap::new();
    };
    m.into_iter()
        .filter_map(|(k, v)| Some((k, v.as_str().map(parse)?)))
        .collect()
}

fn sealed_keys(d: &Value) -> Vec<String> {
    d.get("sealed")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn text(d: &Value, k: &str) -> String {
    d.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn opt<T: fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "NULL".to_owned(), |v| v.to_string())
}

/// A valid form, given to the replay of `form_completed`: the form typed
/// before submission is in no event (drafts are saved without one), so the
/// replay takes it from the row until the submitted form is known.
fn placeholder_form() -> Option<VisitForm> {
    let d = FormDraft {
        full_name: "Replay Placeholder".into(),
        id_type: "X".into(),
        id_number: "A1234567".into(),
        organisation: "-".into(),
        phone: "081234567890".into(),
        purpose: "X".into(),
        purpose_detail: "-".into(),
        equipment: String::new(),
        planned_minutes: "60".into(),
        person_visited: "Replay Placeholder".into(),
        id_held: true,
    };
    d.validate(&["X".to_owned()], &["X".to_owned()]).ok()
}

/// The retention rule before schema 4: name, person visited, ID number,
/// phone, purpose detail, equipment and activity.
fn legacy_anonymized(v: &Visit) -> Visit {
    let mut v = v.clone();
    v.form.full_name = ANONYMISED.into();
    v.form.person_visited = ANONYMISED.into();
    v.form.id_number.clear();
    v.form.phone.clear();
    v.form.purpose_detail.clear();
    v.form.equipment.clear();
    v.activity.clear();
    v
}

/// Every column of a visit row the events determine: name, value, and
/// whether it is personal data (not printed).
fn visit_columns(v: &Visit, flagged: bool, anonymized: i64) -> Vec<(&'static str, String, bool)> {
    let f = &v.form;
    let user = |u: Option<UserId>| opt(u.map(|u| u.0));
    let time = |t: Option<crate::domain::visit::Time>| opt(t.map(|t| t.timestamp()));
    let checklist = serde_json::to_string(&v.checklist).unwrap_or_default();
    vec![
        ("status", v.status.as_str().to_owned(), false),
        ("full_name", f.full_name.clone(), true),
        ("id_type", f.id_type.clone(), false),
        ("id_number", f.id_number.clone(), true),
        ("organisation", f.organisation.clone(), false),
        ("phone", f.phone.clone(), true),
        ("purpose", f.purpose.clone(), false),
        ("purpose_detail", f.purpose_detail.clone(), true),
        ("equipment", f.equipment.clone(), true),
        ("planned_minutes", f.planned_minutes.clone(), false),
        ("person_visited", f.person_visited.clone(), true),
        ("id_held", f.id_held.to_string(), false),
        ("started_by", v.started_by.0.to_string(), false),
        ("started_at", v.started_at.timestamp().to_string(), false),
        ("form_completed_at", time(v.form_completed_at), false),
        ("submitted_by", user(v.submitted_by), false),
        ("submitted_at", time(v.submitted_at), false),
        ("decided_by", user(v.decided_by), false),
        ("decided_at", time(v.decided_at), false),
        ("reject_reason", opt(v.reject_reason.as_ref()), true),
        ("cancel_reason", opt(v.cancel_reason.as_ref()), true),
        ("badge", opt(v.badge.as_ref()), false),
        ("escort", user(v.escort), false),
        ("entered_at", time(v.entered_at), false),
        ("checkout_started_at", time(v.checkout_started_at), false),
        ("exited_at", time(v.exited_at), false),
        ("badge_returned", opt(v.badge_returned), false),
        ("checklist", checklist, true),
        ("activity", v.activity.clone(), true),
        ("id_returned_at", time(v.id_returned_at), false),
        ("archived_by", user(v.archived_by), false),
        ("archived_at", time(v.archived_at), false),
        ("closed_at", time(v.closed_at), false),
        (
            "notice_answer",
            opt(v.notice.map(crate::domain::visit::NoticeAnswer::as_str)),
            false,
        ),
        (
            "notice_at",
            time(v.notice.map(crate::domain::visit::NoticeAnswer::at)),
            false,
        ),
        (
            "notice_retention_days",
            opt(v
                .notice
                .and_then(crate::domain::visit::NoticeAnswer::retention_days)),
            false,
        ),
        ("flagged", flagged.to_string(), false),
        ("anonymized", anonymized.to_string(), false),
    ]
}

impl Checker<'_> {
    fn problem(&mut self, p: Problem) {
        self.count += 1;
        if self.problems.len() < KEEP {
            self.problems.push(p);
        }
    }

    fn replay_error(&mut self, event: i64, action: &str, error: impl Into<String>) {
        self.problem(Problem::Replay {
            event,
            action: action.to_owned(),
            error: error.into(),
        });
    }

    fn column(
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
    fn account_event(&mut self, id: i64, action: &str, d: &Value) -> Option<&mut Account> {
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
    fn global(
        &mut self,
        id: i64,
        action: &str,
        actor: Option<i64>,
        at: i64,
        d: &Value,
        private: &HashMap<String, Value>,
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
    fn supervisor_acted(&mut self, by: i64, event: i64, action: &str) {
        let error = match self.accounts.get(&by) {
            Some(a) if a.created.0 < event && a.role == Role::Supervisor => return,
            Some(a) if a.created.0 < event => {
                format!("made by account {by}, which is not a supervisor's")
            }
            _ => format!("made by account {by} before it existed"),
        };
        self.replay_error(event, action, error);
    }

    fn actor(&mut self, actor: Option<i64>, event: i64, action: &str) -> Actor {
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

    /// The command an event records, rebuilt from its details and private
    /// values (placeholders where anonymisation removed them; the row for
    /// what legacy events do not carry).
    fn command(
        &mut self,
        e: &VisitEvent,
        d: &Value,
        private: &HashMap<String, Value>,
        row: Option<&VisitRow>,
    ) -> Option<Command> {
        let current = is_current(d);
        let reason = || {
            let r = if current {
                private.get("reason").and_then(Value::as_str)
            } else {
                d.get("reason").and_then(Value::as_str)
            };
            r.unwrap_or(ANONYMISED).to_owned()
        };
        Some(match e.action.as_str() {
            "form_completed" => {
                let Some(form) = placeholder_form() else {
                    self.replay_error(e.id, &e.action, "internal: no placeholder form");
                    return None;
                };
                // Events before the privacy notice carry none (the
                // replay takes the answer back off: see `visit`).
                let retention_days = d
                    .get("notice")
                    .and_then(|n| n.get("retention_days"))
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or(0);
                Command::CompleteForm(form, NoticeAgreed { retention_days })
            }
            "form_reopened" => Command::EditForm,
            "submitted" => Command::Submit,
            "approved" => match watch::seen(d) {
                Some(ids) => Command::ApproveWatched {
                    seen: watch::seen_ids(&ids),
                },
                None => Command::Approve,
            },
            "rejected" => Command::Reject { reason: reason() },
            "id_returned" => Command::ReturnId,
            "cancelled" if d.get("notice_refused") == Some(&Value::Bool(true)) => {
                Command::RefuseNotice
            }
            "cancelled" => Command::Cancel { reason: reason() },
            "badge_issued" => Command::IssueBadge {
                badge: BadgeNo::try_from(text(d, "badge")).ok()?,
                escort: UserId(d.get("escort").and_then(Value::as_i64).unwrap_or(0)),
            },
            "checkout_started" => Command::BeginCheckout,
            "checked_out" => {
                let (checklist, activity) = if current {
                    let notes = private.get("notes").and_then(Value::as_array);
                    let items = d.get("checklist").and_then(Value::as_array);
                    let checklist = items
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(i, it)| {
                            let ok = it.get("ok").and_then(Value::as_bool).unwrap_or(false);
                            let note = notes
                                .and_then(|n| n.get(i))
                                .and_then(Value::as_str)
                                .map_or_else(
                                    || if ok { "" } else { ANONYMISED }.to_owned(),
                                    str::to_owned,
                                );
                            ChecklistAnswer {
                                item: text(it, "item"),
                                ok,
                                note,
                            }
                        })
                        .collect();
                    let activity = private
                        .get("activity")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    (checklist, activity)
                } else {
                    // Older events carry neither: take them as stored.
                    let mut checklist = row.map(|r| r.visit.checklist.clone()).unwrap_or_default();
                    for a in &mut checklist {
                        if !a.ok && a.note.is_empty() {
                            a.note = ANONYMISED.into();
                        }
                    }
                    if checklist.is_empty() {
                        checklist.push(ChecklistAnswer {
                            item: String::new(),
                            ok: true,
                            note: String::new(),
                        });
                    }
                    (
                        checklist,
                        row.map(|r| r.visit.activity.clone()).unwrap_or_default(),
                    )
                };
                Command::CheckOut {
                    badge_returned: BadgeNo::try_from(text(d, "badge_handed_back")).ok(),
                    id_returned: true,
                    checklist,
                    activity,
                }
            }
            "archived" => Command::Archive,
            _ => return None,
        })
    }

    /// The submitted form: from its private copy, or (anonymised) from the
    /// kept fields.
    fn submitted_form(d: &Value, private: &HashMap<String, Value>) -> FormDraft {
        if let Some(form) = private
            .get("form")
            .and_then(|f| serde_json::from_value::<FormDraft>(f.clone()).ok())
        {
            return form;
        }
        let kept = d.get("kept").cloned().unwrap_or(Value::Null);
        FormDraft {
            full_name: ANONYMISED.into(),
            id_type: text(&kept, "id_type"),
            organisation: text(&kept, "organisation"),
            purpose: text(&kept, "purpose"),
            planned_minutes: text(&kept, "planned_minutes"),
            person_visited: ANONYMISED.into(),
            id_held: kept
                .get("id_held")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            ..FormDraft::default()
        }
    }

    /// Compare the details a replayed transition produces with the stored
    /// ones (current format only; legacy events are compared through the
    /// rows they produce).
    fn compare_details(
        &mut self,
        e: &VisitEvent,
        stored: &Value,
        spec: &crate::domain::visit::EventSpec,
        missing: &[String],
    ) {
        let (expected, _) = seal(self.key, e.id, &spec.details, spec.private);
        let (Value::Object(exp), Value::Object(got)) = (&expected, stored) else {
            return;
        };
        let mut differs: Vec<String> = Vec::new();
        for k in exp.keys().chain(got.keys()) {
            if k == "sealed" || differs.contains(k) {
                continue;
            }
            if exp.get(k) != got.get(k) {
                differs.push(k.clone());
            }
        }
        let no_map = serde_json::Map::new();
        let es = exp
            .get("sealed")
            .and_then(Value::as_object)
            .unwrap_or(&no_map);
        let gs = got
            .get("sealed")
            .and_then(Value::as_object)
            .unwrap_or(&no_map);
        for k in es.keys().chain(gs.keys()) {
            if differs.contains(k) || missing.contains(k) {
                continue;
            }
            if es.get(k) != gs.get(k) {
                differs.push(k.clone());
            }
        }
        if !differs.is_empty() {
            differs.sort();
            self.replay_error(
                e.id,
                &e.action,
                format!(
                    "the visit row does not lead to this event ({} differ)",
                    differs.join(", ")
                ),
            );
        }
    }

    /// Replay one visit's events and compare the result with its row.
    fn visit(&mut self, id: i64, events: &[VisitEvent], row: Option<&VisitRow>) {
        let mut v: Option<Visit> = None;
        let mut states: Vec<((i64, String), Visit)> = Vec::new();
        let mut submitted: Option<(i64, FormDraft)> = None;
        let mut closed_ev: Option<i64> = None;
        let mut missing: Vec<(i64, String)> = Vec::new();
        let mut legacy_digest: Option<(i64, String)> = None;
        let mut started: Option<(i64, String)> = None;
        let mut started_plan: Option<i64> = None;
        for e in events {
            let d = parse(&e.details);
            let private = private_values(e.private.as_deref());
            let absent: Vec<String> = sealed_keys(&d)
                .into_iter()
                .filter(|k| !private.contains_key(k))
                .collect();
            missing.extend(absent.iter().map(|k| (e.id, k.clone())));
            if e.action == "visit_started" {
                if v.is_some() {
                    self.replay_error(e.id, &e.action, "the visit was already started");
                    continue;
                }
                let Some(by) = e.actor else {
                    self.replay_error(e.id, &e.action, "no operator named");
                    continue;
                };
                let start = Visit::start(VisitId(id), UserId(by), from_ts(e.at));
                if let Some(plan) = d.get("plan").and_then(Value::as_i64) {
                    started_plan = Some(plan);
                    self.plan_links.insert(id, (plan, (e.id, e.action.clone())));
                }
                started = Some((e.id, e.action.clone()));
                states.push(((e.id, e.action.clone()), start.clone()));
                v = Some(start);
                continue;
            }
            let Some(current) = v.clone() else {
                self.replay_error(e.id, &e.action, "comes before the visit was started");
                continue;
            };
            let cmd = if e.action == "pre_approved" {
                Some(self.pre_approval(e.id, started_plan))
            } else {
                self.command(e, &d, &private, row)
            };
            let Some(cmd) = cmd else {
                continue; // corrections and other events that change no row
            };
            let actor = self.actor(e.actor, e.id, &e.action);
            let mut base = current.clone();
            match &submitted {
                Some((_, form)) => base.form = form.clone(),
                None => {
                    if let Some(r) = row {
                        base.form = r.visit.form.clone();
                    }
                }
            }
            if e.action == "submitted" {
                if is_current(&d) {
                    base.form = Self::submitted_form(&d, &private);
                } else {
                    legacy_digest = Some((e.id, text(&d, "form_sha256")));
                }
            }
            if (e.action == "approved" || e.action == "pre_approved") && is_current(&d) {
                let seen = watch::seen(&d).unwrap_or_default();
                self.check_approval((e.id, &e.action), e.at, &base.form, &seen);
            }
            match base.apply(&cmd, actor, from_ts(e.at)) {
                Ok((mut next, spec)) => {
                    // A form completed before the privacy notice existed
                    // records no answer to it: the row has none either.
                    let before_notice = e.action == "form_completed" && d.get("notice").is_none();
                    if before_notice {
                        next.notice = current.notice;
                    }
                    if is_current(&d) && !before_notice {
                        self.compare_details(e, &d, &spec, &absent);
                    }
                    if e.action == "submitted" {
                        submitted = Some((e.id, next.form.clone()));
                    }
                    if next.badge_lost()
                        && !current.badge_lost()
                        && let Some(b) = &next.badge
                    {
                        self.badges.push((e.id, b.to_string(), Some((id, e.at))));
                    }
                    if next.closed_at.is_some() && closed_ev.is_none() {
                        closed_ev = Some(e.id);
                    }
                    states.push(((e.id, e.action.clone()), next.clone()));
                    v = Some(next);
                }
                Err(err) => self.replay_error(e.id, &e.action, err.to_string()),
            }
        }
        let (Some(mut expected), Some(started)) = (v, started) else {
            if row.is_some() {
                self.problem(Problem::ExtraRow {
                    table: "visits",
                    row: id.to_string(),
                });
            }
            return;
        };
        let Some(row) = row else {
            self.problem(Problem::MissingRow {
                table: "visits",
                row: id.to_string(),
                event: started,
            });
            return;
        };
        if submitted.is_none() {
            // Drafts are saved without events: the form is as stored.
            expected.form = row.visit.form.clone();
        }
        // So is the check-out as typed so far.
        expected
            .checkout_draft
            .clone_from(&row.visit.checkout_draft);
        // Retention: which anonymisation reached this visit.
        let mut level = 0;
        let mut anon_ev = None;
        if let Some(closed) = closed_ev {
            for a in &mut self.anonymizers {
                let started_before = expected.started_at.timestamp() < a.cutoff;
                let closed_before = expected.closed_at.is_some_and(|t| t.timestamp() < a.cutoff);
                if a.event <= closed || !started_before {
                    continue;
                }
                if a.current && level < 2 {
                    level = 2;
                } else if !a.current && level == 0 && closed_before {
                    level = 1;
                } else {
                    continue;
                }
                a.counted += 1;
                anon_ev = Some((a.event, "visits_anonymized".to_owned()));
            }
        }
        match level {
            0 => {}
            1 => expected = legacy_anonymized(&expected),
            _ => expected = expected.anonymized(),
        }
        if let Some((event, digest)) = legacy_digest
            && level == 0
            && form_digest(&row.visit.form) != digest
        {
            self.problem(Problem::Column {
                table: "visits",
                row: id.to_string(),
                column: "form",
                values: None,
                event: Some((event, "submitted".into())),
            });
        }
        for (event, field) in &missing {
            if level < 2 {
                self.problem(Problem::Private {
                    event: *event,
                    field: field.clone(),
                    what: "deleted, but the visit is not anonymised",
                });
            }
        }
        let flagged = expected.checklist_flagged() || expected.badge_lost();
        if expected == row.visit
            && row.status == expected.status.as_str()
            && row.flagged == flagged
            && row.anonymized == level
        {
            return;
        }
        let exp_cols = visit_columns(&expected, flagged, level);
        let mut got_cols = visit_columns(&row.visit, row.flagged, row.anonymized);
        got_cols[0].1.clone_from(&row.status);
        for ((name, e, personal), (_, g, _)) in exp_cols.iter().zip(&got_cols) {
            if e == g {
                continue;
            }
            // The last event that changed this column.
            let setter = if *name == "anonymized" || (level > 0 && *personal) {
                anon_ev.clone()
            } else {
                let mut found = None;
                for w in states.windows(2).rev() {
                    let before = visit_columns(&w[0].1, false, 0);
                    let after = visit_columns(&w[1].1, false, 0);
                    let changed = before
                        .iter()
                        .zip(&after)
                        .any(|(b, a)| b.0 == *name && b.1 != a.1);
                    if changed {
                        found = Some(w[1].0.clone());
                        break;
                    }
                }
                found
                    .or_else(|| {
                        submitted
                            .as_ref()
                            .filter(|_| *personal)
                            .map(|s| (s.0, "submitted".into()))
                    })
                    .or_else(|| states.first().map(|s| s.0.clone()))
            };
            self.problem(Problem::Column {
                table: "visits",
                row: id.to_string(),
                column: name,
                values: (!personal).then(|| (g.clone(), e.clone())),
                event: setter,
            });
        }
    }
}

impl Store {
    /// Check the whole record: the chain, the private values, every row
    /// against the replay of the events, the head file, and `expect` (a
    /// head printed on a report). Problems are collected, not returned as
    /// errors: `Err` means the check could not run.
    pub fn audit(&self, expect: Option<&ChainHead>) -> Result<Audit> {
        let key = self.secret.bytes();
        let mut c = Checker {
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
        };
        let head = self.chain_head()?;
        // The links on every core while this thread replays the rows.
        let uri = self.reader_uri.clone();
        let open = move || super::chain::open_reader(&uri);
        let last_id = i64::try_from(head.events).unwrap_or(i64::MAX);
        let (links, replayed) =
            super::chain::check_all(&self.conn, &open, key, last_id, || self.replay(&mut c));
        let visits = replayed?;
        let links = links?;
        for (after, next) in links.gaps {
            c.problem(Problem::Gap { after, next });
        }
        if links.checked >= 2 && links.broken.len() as u64 == links.checked {
            c.problem(Problem::KeyMismatch {
                path: self.key_path.clone(),
            });
        } else {
            for (event, action) in links.broken {
                c.problem(Problem::Link { event, action });
            }
        }
        let accounts = self.compare_accounts(&mut c)?;
        let lost_badges = self.compare_lost_badges(&mut c)?;
        let day_reviews = self.compare_reviews(&mut c)?;
        let watchlist = self.compare_watchlist(&mut c)?;
        let plans = self.compare_plans(&mut c)?;
        let counts: Vec<(i64, &str, u64, u64)> = c
            .anonymizers
            .iter()
            .flat_map(|a| {
                [
                    (a.event, "watchlist entries", a.watch_said, a.watch_counted),
                    (a.event, "plans", a.plans_said, a.plans_counted),
                ]
            })
            .filter(|x| x.2 != x.3)
            .collect();
        for (event, what, said, counted) in counts {
            c.problem(Problem::Replay {
                event,
                action: "visits_anonymized".into(),
                error: format!("records {said} {what} anonymised, the replay finds {counted}"),
            });
        }
        let head_file = self.compare_head_file(&mut c, &head);
        if let Some(expect) = expect {
            self.compare_expected(&mut c, &head, expect)?;
        }
        Ok(Audit {
            head,
            visits,
            accounts,
            lost_badges,
            day_reviews,
            watchlist,
            plans,
            head_file,
            problems: c.problems,
            problem_count: c.count,
        })
    }

    /// Everything but the links: the events of no visit, the private
    /// values, the visits replayed, the anonymisations counted.
    fn replay(&self, c: &mut Checker<'_>) -> Result<u64> {
        self.walk_globals(c)?;
        if self.has_private {
            self.check_private(c)?;
        }
        let visits = self.replay_visits(c)?;
        let counts: Vec<(i64, u64, u64)> = c
            .anonymizers
            .iter()
            .map(|a| (a.event, a.said, a.counted))
            .collect();
        for (event, said, counted) in counts {
            if said != counted {
                let p = Problem::Replay {
                    event,
                    action: "visits_anonymized".into(),
                    error: format!(
                        "records {said} visit(s) anonymised, the replay finds {counted}"
                    ),
                };
                c.problem(p);
            }
        }
        Ok(visits)
    }

    /// The events of no visit applied to accounts, badges, reviews, in
    /// id order (through the `events_visit` index: NULL sorts first).
    fn walk_globals(&self, c: &mut Checker<'_>) -> Result<()> {
        let private = if self.has_private {
            PRIVATE_OF_E
        } else {
            "NULL"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.id, e.action, e.actor, e.at, e.details, {private}
             FROM events e WHERE e.visit_id IS NULL ORDER BY e.id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let action: String = r.get(1)?;
            let actor: Option<i64> = r.get(2)?;
            let at: i64 = r.get(3)?;
            let details: String = r.get(4)?;
            let private: Option<String> = r.get(5)?;
            let d = parse(&details);
            c.global(
                id,
                &action,
                actor,
                at,
                &d,
                &private_values(private.as_deref()),
            );
        }
        Ok(())
    }

    /// Every private value against the keyed hash its event chains.
    fn check_private(&self, c: &mut Checker<'_>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT p.event_id, p.field, p.value, e.details
             FROM event_private p LEFT JOIN events e ON e.id = p.event_id
             ORDER BY p.event_id, p.field",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let event: i64 = r.get(0)?;
            let field: String = r.get(1)?;
            let value: String = r.get(2)?;
            let details: Option<String> = r.get(3)?;
            let sealed = details
                .as_deref()
                .map(parse)
                .and_then(|d| d.get("sealed")?.get(&field)?.as_str().map(str::to_owned));
            let what = match sealed {
                None => "no event chains this value: inserted",
                Some(h) if h != private_mac(c.key, event, &field, &value) => {
                    "does not match the hash its event chains: edited"
                }
                Some(_) => continue,
            };
            c.problem(Problem::Private { event, field, what });
        }
        Ok(())
    }

    /// Replay every visit (its events through the index on `visit_id`)
    /// alongside the visits table, both in id order.
    fn replay_visits(&self, c: &mut Checker<'_>) -> Result<u64> {
        let private = if self.has_private {
            PRIVATE_OF_E
        } else {
            "NULL"
        };
        let mut ev_stmt = self.conn.prepare(&format!(
            "SELECT e.visit_id, e.id, e.action, e.actor, e.at, e.details, {private}
             FROM events e WHERE e.visit_id IS NOT NULL ORDER BY e.visit_id, e.id"
        ))?;
        let mut events = ev_stmt.query([])?;
        let mut row_stmt = self.conn.prepare(&format!(
            "SELECT {VISIT_COLS}, flagged, anonymized FROM visits ORDER BY id"
        ))?;
        let mut rows = row_stmt.query([])?;
        let extra = VISIT_COLS.split(',').count();
        let read_row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<VisitRow> {
            Ok(VisitRow {
                visit: row_to_visit(r)?,
                status: r.get(1)?,
                flagged: r.get(extra)?,
                anonymized: r.get(extra + 1)?,
            })
        };
        let mut next_event = || -> rusqlite::Result<Option<(i64, VisitEvent)>> {
            let Some(r) = events.next()? else {
                return Ok(None);
            };
            Ok(Some((
                r.get(0)?,
                VisitEvent {
                    id: r.get(1)?,
                    action: r.get(2)?,
                    actor: r.get(3)?,
                    at: r.get(4)?,
                    details: r.get(5)?,
                    private: r.get(6)?,
                },
            )))
        };
        let mut pending_event = next_event()?;
        let mut pending_row = match rows.next()? {
            Some(r) => Some(read_row(r)?),
            None => None,
        };
        let mut n = 0;
        loop {
            let ev_visit = pending_event.as_ref().map(|e| e.0);
            let row_visit = pending_row.as_ref().map(|r| r.visit.id.0);
            let id = match (ev_visit, row_visit) {
                (None, None) => break,
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) => a,
                (None, Some(b)) => b,
            };
            let mut group = Vec::new();
            while let Some((v, _)) = &pending_event
                && *v == id
            {
                if let Some((_, e)) = pending_event.take() {
                    group.push(e);
                }
                pending_event = next_event()?;
            }
            let row = if row_visit == Some(id) {
                let taken = pending_row.take();
                pending_row = match rows.next()? {
                    Some(r) => Some(read_row(r)?),
                    None => None,
                };
                n += 1;
                taken
            } else {
                None
            };
            c.visit(id, &group, row.as_ref());
        }
        Ok(n)
    }

    fn compare_accounts(&self, c: &mut Checker<'_>) -> Result<u64> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, nip, role, pin_hash, active, failed_pins, last_failed_at, locked,
                    created_at FROM users ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut seen = Vec::new();
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let id: i64 = r.get(0)?;
            let name: String = r.get(1)?;
            let nip: String = r.get(2)?;
            let role: String = r.get(3)?;
            let pin_hash: String = r.get(4)?;
            let active: bool = r.get(5)?;
            let failed: i64 = r.get(6)?;
            let last_failed: Option<i64> = r.get(7)?;
            let locked: bool = r.get(8)?;
            let created_at: i64 = r.get(9)?;
            seen.push(id);
            let Some(a) = c.accounts.get(&id) else {
                c.problem(Problem::ExtraRow {
                    table: "users",
                    row: id.to_string(),
                });
                continue;
            };
            let who = fingerprint(c.key, "user", id, &[&name, &nip]);
            let pin = fingerprint(c.key, "pin", id, &[&pin_hash]);
            let mut diffs: Vec<ColumnDiff> = Vec::new();
            if a.who.as_ref().is_some_and(|w| *w != who) {
                diffs.push(("name/nip", None, a.created.clone()));
            }
            if a.role_text != role {
                diffs.push(("role", Some((role, a.role_text.clone())), a.created.clone()));
            }
            if a.pin.as_ref().is_some_and(|p| *p != pin) {
                diffs.push(("pin_hash", None, a.pin_ev.clone()));
            }
            if a.active != active {
                diffs.push((
                    "active",
                    Some((active.to_string(), a.active.to_string())),
                    a.active_ev.clone(),
                ));
            }
            if a.locked != locked {
                diffs.push((
                    "locked",
                    Some((locked.to_string(), a.locked.to_string())),
                    a.lock_ev.clone(),
                ));
            }
            if a.failed != failed {
                diffs.push((
                    "failed_pins",
                    Some((failed.to_string(), a.failed.to_string())),
                    a.lock_ev.clone(),
                ));
            }
            if a.last_failed != last_failed {
                diffs.push((
                    "last_failed_at",
                    Some((opt(last_failed), opt(a.last_failed))),
                    a.lock_ev.clone(),
                ));
            }
            if a.created_at != created_at {
                diffs.push((
                    "created_at",
                    Some((created_at.to_string(), a.created_at.to_string())),
                    a.created.clone(),
                ));
            }
            for (column, values, event) in diffs {
                c.problem(Problem::Column {
                    table: "users",
                    row: id.to_string(),
                    column,
                    values,
                    event: Some(event),
                });
            }
        }
        let missing: Vec<(i64, (i64, String))> = c
            .accounts
            .iter()
            .filter(|(id, _)| !seen.contains(id))
            .map(|(id, a)| (*id, a.created.clone()))
            .collect();
        for (id, event) in missing {
            c.problem(Problem::MissingRow {
                table: "users",
                row: id.to_string(),
                event,
            });
        }
        Ok(n)
    }

    fn compare_lost_badges(&self, c: &mut Checker<'_>) -> Result<u64> {
        let mut changes = std::mem::take(&mut c.badges);
        changes.sort_by_key(|b| b.0);
        let mut expected: BTreeMap<String, (i64, i64, (i64, String))> = BTreeMap::new();
        for (event, badge, change) in changes {
            match change {
                Some((visit, at)) => {
                    expected.insert(badge, (visit, at, (event, "checked_out".into())));
                }
                None => {
                    if expected.remove(&badge).is_none() {
                        c.replay_error(
                            event,
                            "badge_restored",
                            format!("badge {badge} was not lost"),
                        );
                    }
                }
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT badge, visit_id, lost_at FROM lost_badges ORDER BY badge")?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let badge: String = r.get(0)?;
            let visit: Option<i64> = r.get(1)?;
            let at: i64 = r.get(2)?;
            let Some((ev_visit, ev_at, event)) = expected.remove(&badge) else {
                c.problem(Problem::ExtraRow {
                    table: "lost_badges",
                    row: badge,
                });
                continue;
            };
            if visit != Some(ev_visit) {
                c.column(
                    "lost_badges",
                    &badge,
                    "visit_id",
                    opt(visit),
                    ev_visit.to_string(),
                    Some(event.clone()),
                );
            }
            if at != ev_at {
                c.column(
                    "lost_badges",
                    &badge,
                    "lost_at",
                    at.to_string(),
                    ev_at.to_string(),
                    Some(event),
                );
            }
        }
        for (badge, (_, _, event)) in expected {
            c.problem(Problem::MissingRow {
                table: "lost_badges",
                row: badge,
                event,
            });
        }
        Ok(n)
    }

    fn compare_reviews(&self, c: &mut Checker<'_>) -> Result<u64> {
        let mut expected = std::mem::take(&mut c.reviews);
        let mut stmt = self
            .conn
            .prepare("SELECT day, reviewed_by, reviewed_at, note FROM day_reviews ORDER BY day")?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let day: String = r.get(0)?;
            let by: i64 = r.get(1)?;
            let at: i64 = r.get(2)?;
            let note: String = r.get(3)?;
            let Some(rev) = expected.remove(&day) else {
                c.problem(Problem::ExtraRow {
                    table: "day_reviews",
                    row: day,
                });
                continue;
            };
            if by != rev.by {
                c.column(
                    "day_reviews",
                    &day,
                    "reviewed_by",
                    by.to_string(),
                    rev.by.to_string(),
                    Some(rev.event.clone()),
                );
            }
            if at != rev.at {
                c.column(
                    "day_reviews",
                    &day,
                    "reviewed_at",
                    at.to_string(),
                    rev.at.to_string(),
                    Some(rev.event.clone()),
                );
            }
            // Emptied by a later anonymisation of the day.
            let cleared = c.anonymizers.iter().any(|a| {
                a.event > rev.event.0 && a.reviews_before.as_deref().is_some_and(|b| *day < *b)
            });
            match &rev.note {
                _ if cleared => {
                    if !note.is_empty() {
                        c.problem(Problem::Column {
                            table: "day_reviews",
                            row: day.clone(),
                            column: "note",
                            values: None,
                            event: Some(rev.event.clone()),
                        });
                    }
                }
                Some(n) if *n != note => c.problem(Problem::Column {
                    table: "day_reviews",
                    row: day.clone(),
                    column: "note",
                    values: None,
                    event: Some(rev.event.clone()),
                }),
                Some(_) => {}
                None => c.problem(Problem::Private {
                    event: rev.event.0,
                    field: "note".into(),
                    what: "deleted",
                }),
            }
        }
        for (day, rev) in expected {
            c.problem(Problem::MissingRow {
                table: "day_reviews",
                row: day,
                event: rev.event,
            });
        }
        Ok(n)
    }

    fn compare_head_file(&self, c: &mut Checker<'_>, head: &ChainHead) -> HeadFileState {
        let path = self.head_path.clone();
        let text = match read_head_file(&path) {
            Ok(Some(t)) => t,
            Ok(None) => return HeadFileState::Missing,
            Err(e) => {
                c.problem(Problem::HeadFile {
                    path,
                    what: format!("cannot be read: {e}"),
                });
                return HeadFileState::Differs;
            }
        };
        let recorded: ChainHead = match text.parse() {
            Ok(h) => h,
            Err(e) => {
                c.problem(Problem::HeadFile { path, what: e });
                return HeadFileState::Differs;
            }
        };
        if recorded == *head {
            return HeadFileState::Matches;
        }
        let what = match recorded.events.cmp(&head.events) {
            std::cmp::Ordering::Greater => format!(
                "records {} events, the database ends at event {}: {} event(s) missing at the end",
                recorded.events,
                head.events,
                recorded.events - head.events
            ),
            std::cmp::Ordering::Less => format!(
                "records {} events, the database has {}: the head file is behind \
                 (replaced with an older one, or not written after a commit)",
                recorded.events, head.events
            ),
            std::cmp::Ordering::Equal => format!(
                "records event {} with another HMAC: the end of the log was rewritten",
                recorded.events
            ),
        };
        c.problem(Problem::HeadFile { path, what });
        HeadFileState::Differs
    }

    fn compare_expected(
        &self,
        c: &mut Checker<'_>,
        head: &ChainHead,
        expect: &ChainHead,
    ) -> Result<()> {
        if expect.events == 0 {
            return Ok(());
        }
        let hmac: Option<String> = self
            .conn
            .query_row(
                "SELECT hmac FROM events WHERE id = ?1",
                [i64::try_from(expect.events).unwrap_or(i64::MAX)],
                |r| r.get(0),
            )
            .optional()?;
        let what = match hmac {
            None => format!(
                "event {} is missing: the log ends at event {}",
                expect.events, head.events
            ),
            Some(h) if h != expect.last_hmac => {
                format!(
                    "event {} has another HMAC: the log was rewritten",
                    expect.events
                )
            }
            Some(_) => return Ok(()),
        };
        c.problem(Problem::ExpectedHead { what });
        Ok(())
    }
}
