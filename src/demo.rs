//! A practice history (`dc-access demo`): years of a busy door, made
//! through the store's own methods — `create_visit`, `save_draft`, `apply`
//! with the domain's commands, the supervisors' PIN events, day reviews,
//! sign-ins, lost badges found again — so every row and every chained
//! event is what the kiosk itself writes. For trainers (a database to
//! practise on) and for the benches (`benches/speed.rs`).
//!
//! A database with real history is refused: a demo history starts with a
//! `demo_history` event ([`crate::store::History`]).
//!
//! What is not the kiosk's path: writes share commits ([`Store`]'s bulk
//! mode, `synchronous = OFF` while building), and a supervisor's right PIN
//! is recorded without the Argon2 check (the demo PINs are hashed once,
//! when the accounts are made).
//!
//! The shares of kinds of visits (per 1,000): rejected 30, cancelled 20,
//! form sent back once 50, inside over the step-5 standard 70, checklist
//! item not OK 25, badge not handed back (lost, found the next working
//! day) 5.
//!
//! The watchlist and planned visits, as a supervisor keeps them: an entry
//! added every 40-60 working days (a frequent visitor's NIK and name, or
//! an organisation rarely seen), its last day two to six months ahead,
//! and one removed every 70-110; a visit whose form (or team) matches
//! entries in force is approved naming them (`ApproveWatched`), or one in
//! six turned away. 2-4 % of a day's visits (never a team) are registered
//! the working day before as pre-approved plans, started from the plan and
//! pre-approved at step 4 (a watched one waits for a supervisor, as at the
//! kiosk); one plan in ten is cancelled the morning of its day and its
//! visitor does not come.

mod desk;
mod forms;
mod words;

use desk::Planned;

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::config::Config;
use crate::domain::audit::AuditAction;
use crate::domain::badge::BadgeNo;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::fields::{FieldError, Nip, PersonName, Pin};
use crate::domain::plan::PlanId;
use crate::domain::visit::{
    Actor, CheckKind, ChecklistAnswer, Command, FormDraft, Role, Time, VisitId,
};
use crate::domain::watchlist::{NewWatch, WatchEntry};
use crate::store::{History, NewUser, Stamp, Store, StoreError};
use words::{
    ACTIVITIES, CANCEL_REASONS, NOT_OK_NOTES, OPERATORS, REJECT_REASONS, SUPERVISORS,
    WATCH_REJECT_REASONS,
};

/// What to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    /// Visits in all.
    pub visits: u32,
    /// Visits on each working day (Monday to Friday).
    pub per_day: u32,
    /// The same seed makes the same visitors, times and outcomes.
    pub seed: u64,
    /// "Now": the history ends on this instant's working day (the one
    /// before, if it is a weekend or before 08:00 local); on that day what
    /// would happen after this instant stays undone, so some visits are
    /// open.
    pub end: Time,
}

/// The doors the demo's visits start at (each with its console).
pub const DEMO_DOORS: [&str; 2] = ["Pintu Utara", "Pintu Selatan"];

/// The demo accounts' PIN: supervisors.
pub const SUPERVISOR_PIN: &str = "482915";
/// The demo accounts' PIN: operators.
pub const OPERATOR_PIN: &str = "360427";

/// What was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub visits: u32,
    pub events: u64,
    pub working_days: u32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Name, NIP and role of each account.
    pub accounts: Vec<(String, String, Role)>,
}

/// Why no demo was made.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the database already holds real history: a demo is only made in a new file (choose another --db)"
    )]
    RealHistory,
    #[error("the database already holds a demo history: delete the file to make a new one")]
    AlreadyDemo,
    #[error("--visits and --per-day must be at least 1")]
    Empty,
    #[error("a demo value was refused ({0:?}): a bug in the generator")]
    Field(FieldError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FieldError> for DemoError {
    fn from(e: FieldError) -> Self {
        DemoError::Field(e)
    }
}

/// One step of one visit, at a planned time.
#[derive(Debug, Clone, Copy)]
enum Step {
    Start,
    Save,
    Complete,
    Edit,
    Submit,
    Approve,
    Reject,
    ReturnId,
    Cancel,
    Issue,
    BeginCheckout,
    CheckOut { lost: bool, not_ok: bool },
    Archive,
}

/// Something that happens on a working day.
#[derive(Debug, Clone)]
enum Act {
    SignIn(usize),
    SignOut(usize),
    Review(NaiveDate),
    Restore(BadgeNo),
    /// A supervisor adds a watchlist entry.
    Watch(NewWatch),
    /// A supervisor removes the oldest entry in force.
    Unwatch,
    /// A supervisor registers (pre-approved) the plan `tomorrow[n]`.
    AddPlan(usize),
    /// A supervisor cancels a plan: its visitor does not come.
    CancelPlan(PlanId),
    Visit(usize, Step),
}

/// The state carried from day to day.
struct Gen<'a> {
    rng: StdRng,
    spec: DemoSpec,
    config: &'a Config,
    supervisors: Vec<Actor>,
    operators: Vec<Actor>,
    free_badges: BTreeSet<BadgeNo>,
    /// Lost today, found the next working day.
    lost: Vec<BadgeNo>,
    /// The day before had a lost badge or a checklist finding.
    findings: bool,
    visitors: u64,
    planned: u32,
    made: u32,
    /// The watchlist's entries not removed (those past their last day
    /// are dropped each morning).
    watch: Vec<WatchEntry>,
    /// The working days (indexes) on which an entry is next added, and
    /// one next removed.
    next_watch: usize,
    next_unwatch: usize,
    /// The plans registered today for the next working day.
    tomorrow: Vec<Planned>,
}

impl Gen<'_> {
    /// The steps of one visit from its start time (UTC seconds). A
    /// `planned` visit is pre-approved at once (never rejected).
    fn plan(&mut self, start: i64, planned: bool) -> Vec<(i64, Step)> {
        let mut t = start;
        let mut out = vec![(t, Step::Start)];
        // Stratified, not drawn: consecutive visits step through 0..1000
        // by 397, so any 300 visits in a row hold every kind of visit in
        // its share (the largest gap is 4).
        let fate = ((u64::from(self.planned) * 397 + self.spec.seed) % 1000) as u32;
        self.planned += 1;
        let r = &mut self.rng;
        let mut push = |t: &mut i64, lo: i64, hi: i64, s: Step| {
            *t += r.gen_range(lo * 60..=hi * 60).max(20);
            out.push((*t, s));
        };
        push(&mut t, 1, 3, Step::Save);
        if fate < 8 {
            push(&mut t, 2, 6, Step::Cancel);
            return out;
        }
        push(&mut t, 1, 4, Step::Complete);
        if (30..80).contains(&fate) {
            push(&mut t, 0, 2, Step::Edit);
            push(&mut t, 1, 3, Step::Complete);
        }
        push(&mut t, 0, 3, Step::Submit);
        if fate < 14 {
            push(&mut t, 2, 15, Step::Cancel);
            return out;
        }
        if fate < 44 && !planned {
            push(&mut t, 1, 8, Step::Reject);
            push(&mut t, 1, 3, Step::ReturnId);
            return out;
        }
        if planned {
            push(&mut t, 0, 1, Step::Approve);
        } else {
            push(&mut t, 1, 8, Step::Approve);
        }
        if fate < 50 {
            push(&mut t, 2, 10, Step::Cancel);
            return out;
        }
        push(&mut t, 1, 5, Step::Issue);
        let inside = if (100..170).contains(&fate) {
            (75, 240)
        } else {
            (15, 55)
        };
        push(&mut t, inside.0, inside.1, Step::BeginCheckout);
        let lost = (200..205).contains(&fate);
        let not_ok = (300..325).contains(&fate);
        push(&mut t, 1, 4, Step::CheckOut { lost, not_ok });
        push(&mut t, 1, 6, Step::Archive);
        out
    }

    /// Step 6 of visit `id` as it is stored: the room's checklist (one
    /// item not OK with `not_ok`), its equipment, and the badge back (or
    /// lost); `None` for a visit without a badge.
    fn check_out(
        &mut self,
        store: &Store,
        id: VisitId,
        lost: bool,
        not_ok: bool,
    ) -> Result<Option<Command>, DemoError> {
        let cfg = &self.config.visit;
        let visit = store.visit(id)?;
        let Some(badge) = visit.badge.clone() else {
            return Ok(None);
        };
        let n = self.rng.gen_range(0..cfg.checklist.len().max(1));
        let checklist = cfg
            .checklist
            .iter()
            .enumerate()
            .map(|(j, item)| ChecklistAnswer {
                item: item.clone(),
                ok: !(not_ok && j == n),
                note: if not_ok && j == n {
                    NOT_OK_NOTES[j % NOT_OK_NOTES.len()].to_owned()
                } else {
                    String::new()
                },
                kind: CheckKind::Room,
            })
            .collect::<Vec<_>>();
        // Equipment goes out with the visitor; now and then a new disk
        // stays in the room, or an old one leaves with the visitor.
        let mut checklist = checklist;
        for item in visit.brought() {
            let left = item.starts_with("Hard disk") && self.rng.gen_bool(0.3);
            checklist.push(ChecklistAnswer {
                ok: !left,
                note: if left {
                    "Disk pengganti dipasang di server".to_owned()
                } else {
                    String::new()
                },
                item,
                kind: CheckKind::Brought,
            });
        }
        if visit.form.equipment.starts_with("Hard disk") && self.rng.gen_bool(0.3) {
            checklist.push(ChecklistAnswer {
                item: "Hard disk rusak #WX0OLD7".to_owned(),
                ok: true,
                note: String::new(),
                kind: CheckKind::TakenOut,
            });
        }
        if lost {
            self.lost.push(badge.clone());
        } else {
            self.free_badges.insert(badge.clone());
        }
        Ok(Some(Command::CheckOut {
            badge_returned: (!lost).then_some(badge),
            id_returned: true,
            checklist,
            activity: self.pick(&ACTIVITIES).to_owned(),
        }))
    }

    fn stamp(actor: Actor, t: i64) -> Stamp {
        Stamp {
            actor: Some(actor),
            at: crate::store::from_ts(t),
        }
    }

    fn pick<'s>(&mut self, list: &[&'s str]) -> &'s str {
        list[self.rng.gen_range(0..list.len())]
    }

    /// A visitor's number: frequent visitors come often (a skewed pick
    /// from the pool).
    fn someone(&mut self) -> u64 {
        let u: f64 = self.rng.r#gen();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "an index below the pool size"
        )]
        let k = ((u * u) * self.visitors as f64) as u64;
        k
    }

    /// Half the visits are for the first purpose, the rest for any.
    fn purpose(&mut self) -> String {
        let purposes = &self.config.visit.purposes;
        if self.rng.gen_bool(0.5) {
            purposes.first().cloned().unwrap_or_default()
        } else {
            purposes[self.rng.gen_range(0..purposes.len().max(1))].clone()
        }
    }

    /// An assignment letter (number, date, issuer) issued by
    /// `organisation` a few days before `start` — always where the
    /// purpose needs one, for companies' technicians often — or none.
    fn letter(&mut self, start: i64, organisation: &str, purpose: &str) -> [String; 3] {
        let company = organisation.starts_with("PT ") || organisation.starts_with("CV ");
        let needs = self
            .config
            .visit
            .letter_required_for
            .iter()
            .any(|p| p == purpose);
        if needs || (company && self.rng.gen_bool(0.4)) {
            let issued =
                crate::store::from_ts(start - 86_400 * self.rng.gen_range(0..7)).date_naive();
            [
                format!(
                    "{:03}/{}/ST/{}",
                    self.rng.gen_range(1..1000),
                    issued.month(),
                    issued.year()
                ),
                crate::format::date(&issued),
                organisation.to_owned(),
            ]
        } else {
            Default::default()
        }
    }

    /// One working day: the visits' steps, sign-ins and the supervisor's
    /// work, in time order; nothing after `end`. `next` is the next
    /// working day of the history, if any (plans are registered for it).
    #[expect(clippy::too_many_arguments, reason = "one day's inputs")]
    #[expect(clippy::too_many_lines, reason = "one day, step by step")]
    fn day(
        &mut self,
        store: &mut Store,
        date: NaiveDate,
        (index, next): (usize, Option<NaiveDate>),
        count: u32,
        window: (i64, i64),
        review: Option<NaiveDate>,
        end: i64,
    ) -> Result<(), DemoError> {
        let tz = self.config.timezone;
        let midnight = day_bounds(date, tz).0.timestamp();
        let noon = midnight + 12 * 3600;
        let mut acts: Vec<(i64, Act)> = Vec::new();
        let mut starts: Vec<i64> = (0..count)
            .map(|_| self.rng.gen_range(window.0..=window.1))
            .collect();
        starts.sort_unstable();
        // The plans registered yesterday for today: one in ten is called
        // off in the morning (that visitor does not come); each other is
        // one of today's visits, started from its plan.
        let today_plans = std::mem::take(&mut self.tomorrow);
        let mut planned: Vec<Option<usize>> = vec![None; starts.len()];
        for (j, p) in today_plans.iter().enumerate() {
            let Some(id) = p.id else { continue };
            if p.cancel {
                acts.push((midnight + 7 * 3600 + 1140, Act::CancelPlan(id)));
                continue;
            }
            if starts.is_empty() {
                continue;
            }
            let mut slot = self.rng.gen_range(0..starts.len());
            for _ in 0..starts.len() {
                if planned[slot].is_none() {
                    planned[slot] = Some(j);
                    break;
                }
                slot = (slot + 1) % starts.len();
            }
        }
        let mut last = noon;
        for (i, s) in starts.iter().enumerate() {
            for (t, step) in self.plan(*s, planned[i].is_some()) {
                last = last.max(t);
                acts.push((t, Act::Visit(i, step)));
            }
        }
        let ops = self.operators.len();
        let (morning, afternoon) = (index % ops, (index + 1) % ops);
        let escort = self.operators[(index + 2) % ops].id;
        let sup = self.supervisors[index % self.supervisors.len()];
        acts.push((midnight + 7 * 3600, Act::SignIn(morning)));
        acts.push((noon, Act::SignOut(morning)));
        acts.push((noon + 30, Act::SignIn(afternoon)));
        acts.push((
            last.max(midnight + 16 * 3600 + 45 * 60) + 300,
            Act::SignOut(afternoon),
        ));
        if let Some(prev) = review {
            acts.push((midnight + 7 * 3600 + 600, Act::Review(prev)));
        }
        for b in std::mem::take(&mut self.lost) {
            acts.push((midnight + 7 * 3600 + 900, Act::Restore(b)));
        }
        // The watchlist: an entry added every 40-60 working days, one
        // removed every 70-110, in the morning before the first visit.
        self.watch.retain(|e| e.until.timestamp() > midnight);
        if index == self.next_watch {
            let new = self.new_watch(date);
            acts.push((midnight + 7 * 3600 + 1200, Act::Watch(new)));
            self.next_watch += self.rng.gen_range(40..=60);
        }
        if index == self.next_unwatch {
            acts.push((midnight + 7 * 3600 + 1260, Act::Unwatch));
            self.next_unwatch += self.rng.gen_range(70..=110);
        }
        // Tomorrow's plans: 2-4 % of a day's visits, registered and
        // pre-approved in the afternoon.
        if let Some(next) = next {
            let n = (u64::from(self.spec.per_day) * self.rng.gen_range(20..=40) + 500) / 1000;
            for _ in 0..n {
                if let Some(p) = self.new_plan(next, noon) {
                    let at = noon + self.rng.gen_range(3600..=4 * 3600);
                    acts.push((at, Act::AddPlan(self.tomorrow.len())));
                    self.tomorrow.push(p);
                }
            }
        }
        // Stable: a visit's steps keep their order within one second.
        acts.sort_by_key(|(t, _)| *t);

        let cfg = &self.config.visit;
        let mut ids: Vec<Option<VisitId>> = vec![None; starts.len()];
        let mut dead = vec![false; starts.len()];
        let mut members: Vec<Vec<VisitId>> = vec![Vec::new(); starts.len()];
        // Rejected as watched: the next step hands the ID back.
        let mut turned_away = vec![false; starts.len()];
        let mut findings = false;
        let (forms, team_forms) = self.forms(&starts, &planned, &today_plans);
        for (t, act) in acts {
            if t > end {
                continue;
            }
            let now = crate::store::from_ts(t);
            let op = self.operators[if t < noon { morning } else { afternoon }];
            match act {
                Act::SignIn(o) => store.record_pin_ok(self.operators[o].id, "sign_in", now)?,
                Act::SignOut(o) => store.record_event(
                    None,
                    0,
                    AuditAction::SignedOut,
                    Self::stamp(self.operators[o], t),
                    &json!({}),
                )?,
                Act::Review(day) => {
                    let note = if self.findings {
                        "Ada temuan di log, sudah ditindaklanjuti"
                    } else {
                        ""
                    };
                    store.mark_day_reviewed(day, note, Self::stamp(sup, t))?;
                }
                Act::Restore(badge) => {
                    store.restore_badge(&badge, Self::stamp(sup, t))?;
                    self.free_badges.insert(badge);
                }
                Act::Watch(new) => {
                    let entry = store.add_watch(&new, tz, Self::stamp(sup, t))?;
                    self.watch.push(entry);
                }
                Act::Unwatch => {
                    if let Some(n) = self.watch.iter().position(|e| e.active(now)) {
                        let entry = self.watch.remove(n);
                        store.remove_watch(entry.id, Self::stamp(sup, t))?;
                    }
                }
                Act::AddPlan(n) => {
                    // Pre-approved with the supervisor's PIN, as the
                    // kiosk's plan screen asks for it.
                    store.record_pin_ok(sup.id, "plan_pre_approve", now)?;
                    let p = store.add_plan(&self.tomorrow[n].new, true, tz, Self::stamp(sup, t))?;
                    self.tomorrow[n].id = Some(p.id);
                }
                Act::CancelPlan(plan) => {
                    store.cancel_plan(plan, Self::stamp(sup, t))?;
                }
                Act::Visit(i, step) => {
                    if dead[i] {
                        continue;
                    }
                    let id = ids[i];
                    if turned_away[i] {
                        // Turned away as watched: the ID (the team's
                        // too) is handed back; nothing more happens.
                        dead[i] = true;
                        for v in id.into_iter().chain(members[i].iter().copied()) {
                            store.apply(v, &Command::ReturnId, op, now)?;
                        }
                        continue;
                    }
                    let cmd = match (step, id) {
                        (Step::Start, _) => {
                            // Two doors: every third visit at the south one.
                            let door = DEMO_DOORS[usize::from(i % 3 == 2)];
                            let before = store.door().to_owned();
                            store.set_door(door);
                            let made = match planned[i].and_then(|j| today_plans[j].id) {
                                Some(plan) => store.start_planned_visit(plan, 0, op, now),
                                None => store.create_visit(op, now),
                            };
                            let leader = made?.id;
                            for _ in &team_forms[i] {
                                members[i].push(store.create_member(leader, op, now)?.id);
                            }
                            store.set_door(&before);
                            ids[i] = Some(leader);
                            self.made += 1;
                            continue;
                        }
                        (_, None) => continue,
                        (Step::Save, Some(id)) => {
                            store.save_draft(id, &forms[i])?;
                            for (m, form) in members[i].iter().zip(&team_forms[i]) {
                                store.save_draft(*m, form)?;
                            }
                            continue;
                        }
                        (Step::Complete, Some(id)) if !members[i].is_empty() => {
                            // The team's forms, recorded together.
                            let told = crate::domain::visit::NoticeAgreed {
                                retention_days: self.config.report.retention_days,
                            };
                            let mut steps = Vec::with_capacity(members[i].len() + 1);
                            let valid = |f: &FormDraft| {
                                f.validate(&cfg.form_rules())
                                    .map_err(|p| DemoError::Field(p[0].1.clone()))
                            };
                            steps.push((id, Command::CompleteForm(valid(&forms[i])?, told)));
                            for (m, form) in members[i].iter().zip(&team_forms[i]) {
                                let form = valid(&form.as_member_of(&forms[i]))?;
                                steps.push((*m, Command::CompleteForm(form, told)));
                            }
                            store.apply_team(&steps, op, now)?;
                            continue;
                        }
                        (Step::Complete, _) => Command::CompleteForm(
                            forms[i]
                                .validate(&cfg.form_rules())
                                .map_err(|p| DemoError::Field(p[0].1.clone()))?,
                            crate::domain::visit::NoticeAgreed {
                                retention_days: self.config.report.retention_days,
                            },
                        ),
                        (Step::Edit, _) => Command::EditForm,
                        (Step::Submit, _) => Command::Submit,
                        (Step::Approve | Step::Reject, Some(id)) => {
                            let approve = matches!(step, Step::Approve);
                            // The entries the approval screen shows (the
                            // team's, for a leader) and the supervisor
                            // confirms; a visitor on the watchlist is
                            // never pre-approved (the visit waits for a
                            // supervisor, as at the kiosk).
                            let seen = if approve {
                                self.watch_hits(&forms[i], &team_forms[i], now)
                            } else {
                                Vec::new()
                            };
                            if approve && seen.is_empty() && planned[i].is_some() {
                                store.pre_approve(id, op, now)?;
                                continue;
                            }
                            // One watched visitor in six is turned away.
                            let away = !seen.is_empty() && self.rng.gen_bool(1.0 / 6.0);
                            let cmd = if away {
                                Command::Reject {
                                    reason: self.pick(&WATCH_REJECT_REASONS).to_owned(),
                                }
                            } else if !approve {
                                Command::Reject {
                                    reason: self.pick(&REJECT_REASONS).to_owned(),
                                }
                            } else if seen.is_empty() {
                                Command::Approve
                            } else {
                                Command::ApproveWatched { seen }
                            };
                            turned_away[i] = away;
                            store.record_pin_ok(sup.id, cmd.action().as_str(), now)?;
                            store.apply(id, &cmd, sup, now)?;
                            continue;
                        }
                        (Step::ReturnId, _) => Command::ReturnId,
                        (Step::Cancel, _) => Command::Cancel {
                            reason: self.pick(&CANCEL_REASONS).to_owned(),
                        },
                        (Step::Issue, Some(id)) => {
                            if let Some(badge) = self.free_badges.pop_first() {
                                Command::IssueBadge { badge, escort }
                            } else {
                                // Every badge is out: the visit (and its
                                // team) is called off.
                                dead[i] = true;
                                let off = Command::Cancel {
                                    reason: "Kartu tamu habis".into(),
                                };
                                for v in std::iter::once(id).chain(members[i].iter().copied()) {
                                    store.apply(v, &off, op, now)?;
                                }
                                continue;
                            }
                        }
                        (Step::BeginCheckout, _) => Command::BeginCheckout,
                        (Step::CheckOut { lost, not_ok }, Some(id)) => {
                            findings |= lost || not_ok;
                            match self.check_out(store, id, lost, not_ok)? {
                                Some(cmd) => cmd,
                                None => continue,
                            }
                        }
                        (Step::Archive, _) => Command::Archive,
                    };
                    if let Some(id) = id {
                        store.apply(id, &cmd, op, now)?;
                    }
                    // From the decision on, each member is a visit of
                    // their own, stepping with the leader here (called off
                    // with it too: a cancel before the decision moved the
                    // team already).
                    for m in members[i].clone() {
                        let own = match step {
                            Step::ReturnId | Step::Cancel | Step::BeginCheckout | Step::Archive => {
                                cmd.clone()
                            }
                            Step::Issue => match self.free_badges.pop_first() {
                                Some(badge) => Command::IssueBadge { badge, escort },
                                None => Command::Cancel {
                                    reason: "Kartu tamu habis".into(),
                                },
                            },
                            Step::CheckOut { .. } => {
                                match self.check_out(store, m, false, false)? {
                                    Some(cmd) => cmd,
                                    None => continue,
                                }
                            }
                            _ => continue,
                        };
                        if store.visit(m)?.status == crate::domain::visit::Status::Cancelled {
                            continue;
                        }
                        store.apply(m, &own, op, now)?;
                    }
                }
            }
        }
        self.findings = findings;
        Ok(())
    }
}

/// The working days (Monday to Friday) of the history, oldest first, and
/// the last day's window for visits to start in (UTC seconds).
fn working_days(spec: &DemoSpec, tz: chrono_tz::Tz) -> (Vec<NaiveDate>, i64) {
    let is_work = |d: NaiveDate| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let end_date = local_date(spec.end, tz);
    let mut last = end_date;
    let since_midnight = spec.end.timestamp() - day_bounds(end_date, tz).0.timestamp();
    if !is_work(last) || since_midnight < 8 * 3600 {
        last = last.pred_opt().unwrap_or(last);
    }
    while !is_work(last) {
        last = last.pred_opt().unwrap_or(last);
    }
    let n = spec.visits.div_ceil(spec.per_day.max(1)) as usize;
    let mut days = Vec::with_capacity(n);
    let mut d = last;
    while days.len() < n {
        if is_work(d) {
            days.push(d);
        }
        d = d.pred_opt().unwrap_or(d);
    }
    days.reverse();
    let last_start = if last == end_date {
        (spec.end.timestamp() - 15 * 60).min(day_bounds(last, tz).0.timestamp() + 15 * 3600 + 1800)
    } else {
        day_bounds(last, tz).0.timestamp() + 15 * 3600 + 1800
    };
    (days, last_start)
}

/// Make the demo history in `store`, which must be new (no event).
/// `progress` hears the number of visits made so far, now and then.
pub fn build(
    store: &mut Store,
    config: &Config,
    spec: DemoSpec,
    mut progress: impl FnMut(u32),
) -> Result<DemoSummary, DemoError> {
    match store.history()? {
        History::Empty => {}
        History::Demo => return Err(DemoError::AlreadyDemo),
        History::Real => return Err(DemoError::RealHistory),
    }
    if spec.visits == 0 || spec.per_day == 0 {
        return Err(DemoError::Empty);
    }
    let tz = config.timezone;
    let (days, last_start) = working_days(&spec, tz);
    let first_day = days.first().copied().unwrap_or_default();
    let last_day = days.last().copied().unwrap_or_default();
    let setup = day_bounds(first_day - Duration::days(1), tz).0 + Duration::hours(8);
    store.mark_demo(
        &json!({ "visits": spec.visits, "per_day": spec.per_day, "seed": spec.seed }),
        Stamp {
            actor: None,
            at: setup,
        },
    )?;

    // Accounts: the first supervisor at setup, the others by them.
    let mut accounts = Vec::new();
    let mut supervisors = Vec::new();
    let mut operators = Vec::new();
    let sup_pin = Pin::try_from(SUPERVISOR_PIN)?;
    let op_pin = Pin::try_from(OPERATOR_PIN)?;
    for (i, (name, nip)) in SUPERVISORS.iter().chain(OPERATORS.iter()).enumerate() {
        let role = if i < SUPERVISORS.len() {
            Role::Supervisor
        } else {
            Role::Operator
        };
        let new = NewUser {
            name: PersonName::try_from(*name)?,
            nip: Nip::try_from(*nip)?,
            role,
            pin: if role == Role::Supervisor {
                sup_pin.clone()
            } else {
                op_pin.clone()
            },
        };
        let by = supervisors.first().copied();
        let u = store.create_user(
            &new,
            Stamp {
                actor: by,
                at: setup + Duration::minutes(i64::try_from(i).unwrap_or(0)),
            },
        )?;
        accounts.push(((*name).to_owned(), (*nip).to_owned(), role));
        if role == Role::Supervisor {
            supervisors.push(u.actor());
        } else {
            operators.push(u.actor());
        }
    }

    let pool = (spec.per_day / 3).max(10);
    let mut g = Gen {
        rng: StdRng::seed_from_u64(spec.seed),
        spec,
        config,
        supervisors,
        operators,
        free_badges: (1..=pool)
            .filter_map(|n| BadgeNo::try_from(format!("V-{n:03}")).ok())
            .collect(),
        lost: Vec::new(),
        findings: false,
        visitors: u64::from(spec.visits / 6).max(30),
        planned: 0,
        made: 0,
        watch: Vec::new(),
        next_watch: 0,
        next_unwatch: 0,
        tomorrow: Vec::new(),
    };
    // The first entry within the first three working days; the first
    // removal after a couple of months.
    g.next_watch = g.rng.gen_range(0..3);
    g.next_unwatch = g.rng.gen_range(40..=60);
    let remainder = spec.visits - spec.per_day * (u32::try_from(days.len()).unwrap_or(1) - 1);
    // About 2,000 visits per shared commit; the search index built once,
    // after the last.
    let per_chunk = (2000 / spec.per_day).max(1) as usize;
    store.search_index_after(|store| {
        days_in_bulks(
            store,
            &mut g,
            &days,
            per_chunk,
            (remainder, last_day, last_start),
            &mut progress,
        )
    })?;
    Ok(DemoSummary {
        visits: g.made,
        events: store.chain_head()?.events,
        working_days: u32::try_from(days.len()).unwrap_or(u32::MAX),
        first_day,
        last_day,
        accounts,
    })
}

/// Every working day, ~2,000 visits to a shared commit.
fn days_in_bulks(
    store: &mut Store,
    g: &mut Gen<'_>,
    days: &[NaiveDate],
    per_chunk: usize,
    (remainder, last_day, last_start): (u32, NaiveDate, i64),
    progress: &mut impl FnMut(u32),
) -> Result<(), DemoError> {
    let spec = g.spec;
    let tz = g.config.timezone;
    let end = spec.end.timestamp();
    for (c, chunk) in days.chunks(per_chunk).enumerate() {
        store.bulk(|store| -> Result<(), DemoError> {
            for (j, date) in chunk.iter().enumerate() {
                let index = c * per_chunk + j;
                let count = if index == 0 { remainder } else { spec.per_day };
                let midnight = day_bounds(*date, tz).0.timestamp();
                let window = (
                    midnight + 7 * 3600 + 1800,
                    if *date == last_day {
                        last_start.max(midnight + 7 * 3600 + 1800)
                    } else {
                        midnight + 15 * 3600 + 1800
                    },
                );
                let review = (index > 0 && *date != last_day).then(|| days[index - 1]);
                let next = days.get(index + 1).copied();
                g.day(store, *date, (index, next), count, window, review, end)?;
            }
            Ok(())
        })?;
        progress(g.made);
    }
    Ok(())
}
