//! The walk of the demo's working days: the generator's state carried
//! from day to day ([`Gen`]), the steps each visit is planned to take, and
//! [`Gen::day`], which puts one day's visits, sign-ins and supervisor's
//! work in time order and records them through the store. The draws that
//! [`super::forms`] and [`super::desk`] share with it (`pick`, `someone`,
//! `purpose`, `letter`) are here too.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::json;

use super::desk::Planned;
use super::words::{
    ACTIVITIES, CANCEL_REASONS, NOT_OK_NOTES, REJECT_REASONS, WATCH_REJECT_REASONS,
};
use super::{DEMO_DOORS, DemoError, DemoSpec};
use crate::config::Config;
use crate::domain::audit::AuditAction;
use crate::domain::badge::BadgeNo;
use crate::domain::days::day_bounds;
use crate::domain::plan::PlanId;
use crate::domain::visit::{Actor, CheckKind, ChecklistAnswer, Command, FormDraft, VisitId};
use crate::domain::watchlist::{NewWatch, WatchEntry};
use crate::store::{Stamp, Store};

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
pub(super) struct Gen<'a> {
    pub(super) rng: StdRng,
    pub(super) spec: DemoSpec,
    pub(super) config: &'a Config,
    pub(super) supervisors: Vec<Actor>,
    pub(super) operators: Vec<Actor>,
    pub(super) free_badges: BTreeSet<BadgeNo>,
    /// Lost today, found the next working day.
    pub(super) lost: Vec<BadgeNo>,
    /// The day before had a lost badge or a checklist finding.
    pub(super) findings: bool,
    pub(super) visitors: u64,
    pub(super) planned: u32,
    pub(super) made: u32,
    /// The watchlist's entries not removed (those past their last day
    /// are dropped each morning).
    pub(super) watch: Vec<WatchEntry>,
    /// The working days (indexes) on which an entry is next added, and
    /// one next removed.
    pub(super) next_watch: usize,
    pub(super) next_unwatch: usize,
    /// The plans registered today for the next working day.
    pub(super) tomorrow: Vec<Planned>,
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

    pub(super) fn pick<'s>(&mut self, list: &[&'s str]) -> &'s str {
        list[self.rng.gen_range(0..list.len())]
    }

    /// One working day: the visits' steps, sign-ins and the supervisor's
    /// work, in time order; nothing after `end`. `next` is the next
    /// working day of the history, if any (plans are registered for it).
    #[expect(clippy::too_many_arguments, reason = "one day's inputs")]
    #[expect(clippy::too_many_lines, reason = "one day, step by step")]
    pub(super) fn day(
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
