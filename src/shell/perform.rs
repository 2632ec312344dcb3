//! Effects done against the store: one arm per effect in [`perform`],
//! each doing the I/O and answering; nothing is decided here.

use serde_json::json;

use crate::app::{
    Answer, App, DeskDue, Effect, Loaded, NewUserInput, NotPreApproved, PlanNote, UNREVIEWED_LIMIT,
    WatchNote,
};
use crate::domain::audit::AuditAction;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::fields::Pin;
use crate::domain::visit::{Actor, Command, Time, TransitionError, UserId, Visit, VisitId};
use crate::store::{EventRow, PinCheck, Stamp, Store, StoreError, Throttle};

/// The lists the screens show (after a change).
pub(super) fn load(app: &App, store: &Store, now: Time) -> Result<Loaded, StoreError> {
    let today = local_date(now, app.config.timezone);
    let day = day_bounds(today, app.config.timezone);
    let desk = if app.is_supervisor() {
        let tz = app.config.timezone;
        let kept = chrono::Days::new(u64::from(app.config.report.retention_days));
        let retention_due = match today.checked_sub_days(kept) {
            Some(before) => store.retention_due(before, tz)?,
            None => None,
        };
        Some(DeskDue {
            unreviewed: store.unreviewed_days(today, tz, UNREVIEWED_LIMIT)?,
            retention_due,
        })
    } else {
        None
    };
    Ok(Loaded {
        dashboard: store.dashboard(day, now, app.config.standards.inside)?,
        users: store.users()?,
        badges_unavailable: store.badges_unavailable()?,
        desk,
        watchlist: store.watchlist(now, false)?,
        plans: store.plans(now, false)?,
    })
}

/// The PIN throttle the configuration sets.
pub fn throttle(app: &App) -> Throttle {
    Throttle {
        delay_after: app.config.security.delay_after_failures,
        lock_after: app.config.security.lock_after_failures,
    }
}

/// Do the I/O an effect asks for and say what came of it. Decides
/// nothing: what follows is the app's to say.
pub(super) fn perform(app: &App, store: &mut Store, effect: Effect, now: Time) -> Answer {
    let reload = effect != Effect::Reload;
    let actor = app.on_duty.as_ref().map(crate::store::User::actor);
    let stamp = Stamp { actor, at: now };
    let answer = match effect {
        Effect::Reload => load(app, store, now).map(|l| Answer::Loaded(Box::new(l))),
        Effect::SaveDraft(id, draft) => store.save_draft(id, &draft).map(|()| Answer::Done),
        // Not saved when the visit moved on meanwhile (checked out at
        // another console): the refresh shows that.
        Effect::SaveCheckoutDraft(id, draft) => {
            store.save_checkout_draft(id, &draft).map(|_| Answer::Done)
        }
        // The visit's own steps are taken by the one signed in (none: nothing).
        Effect::NewVisit => actor.map_or(Ok(Answer::Done), |actor| {
            store.create_visit(actor, now).map(Answer::VisitCreated)
        }),
        Effect::Apply(id, cmd) => {
            actor.map_or(Ok(Answer::Done), |actor| apply(store, id, cmd, actor, now))
        }
        Effect::Decide {
            visit,
            supervisor,
            pin,
            cmd,
        } => decide(app, store, visit, (supervisor, &pin), cmd, now),
        Effect::OpenVisit(drawn) => open_visit(store, drawn),
        Effect::RefreshVisit(id) => opened(store, id).map(Answer::refreshed),
        Effect::OpenDetail(id) => opened(store, id).map(Answer::detail),
        Effect::SignIn { user, pin } => store
            .check_pin(user, pin.expose(), "sign_in", throttle(app), now)
            .map(Answer::SignIn),
        Effect::ExitPin { supervisor, pin } => store
            .check_pin(supervisor, pin.expose(), "exit", throttle(app), now)
            .map(Answer::ExitPin),
        Effect::SignOut => store
            .record_event(None, 0, AuditAction::SignedOut, stamp, &json!({}))
            .map(|()| Answer::SignedOut),
        Effect::CreateUser { user, first } => accounts::create(store, &user, first, stamp),
        Effect::SetUserActive { user, active } => accounts::set_active(store, user, active, stamp),
        Effect::DisableUser(user) => accounts::disable(store, user, stamp),
        Effect::UnlockUser(user) => accounts::unlock(store, user, stamp),
        Effect::ResetPin { user, pin } => accounts::reset_pin(store, user, &pin, stamp),
        Effect::LoadDayLog {
            day,
            view,
            newest_first,
            offset,
            door,
        } => desk::day_log(app, store, (day, view, newest_first, offset), door, now),
        Effect::LoadCounts { day, month, door } => {
            desk::counts(app, store, (day, month), door, now)
        }
        Effect::Search { query, offset } => desk::search(store, query, offset),
        Effect::MarkReviewed { day, note } => store
            .mark_day_reviewed(day, &note, stamp)
            .map(|()| Answer::DayReviewed(day)),
        Effect::LoadEndOfShift => store.end_of_shift().map(Answer::EndOfShift),
        Effect::AddCorrection { visit, reason } => correct(store, visit, &reason, stamp),
        Effect::RestoreBadge(badge) => restore_badge(store, badge, stamp),
        Effect::StartPlanned { plan, visitor } => match actor {
            Some(actor) => store
                .start_planned_visit(plan, visitor, actor, now)
                .map(Answer::VisitCreated),
            None => Ok(Answer::Done),
        },
        Effect::AddPlan { plan, pin } => add_plan(app, store, &plan, pin.as_ref(), now),
        Effect::CancelPlan(id) => store
            .cancel_plan(id, stamp)
            .map(|p| Answer::PlanChanged(PlanNote::Cancelled(p.id))),
        Effect::NewMember(leader) => actor.map_or(Ok(Answer::Done), |actor| {
            store
                .create_member(leader, actor, now)
                .map(Answer::VisitCreated)
        }),
        Effect::LoadTeam(leader) => team(store, leader),
        Effect::ApplyTeam(steps) => actor.map_or(Ok(Answer::Done), |actor| {
            apply_team(store, &steps, actor, now)
        }),
        Effect::PreApprove(id) => {
            actor.map_or(Ok(Answer::Done), |actor| pre_approve(store, id, actor, now))
        }
        Effect::FindReturning { visit, id_number } => returning(app, store, visit, id_number, now),
        Effect::FindNames { visit, prefix } => known_names(store, visit, prefix),
        Effect::AddWatch(new) => store
            .add_watch(&new, app.config.timezone, stamp)
            .map(|e| Answer::WatchChanged(WatchNote::Added(e.id))),
        Effect::RemoveWatch(id) => store
            .remove_watch(id, stamp)
            .map(|e| Answer::WatchChanged(WatchNote::Removed(e.id))),
        Effect::PrintVisit(id) => print::print(app, store, print::Doc::Visit(id), now),
        Effect::PrintDay(day, door) => print::print(app, store, print::Doc::Day(day, door), now),
        Effect::PrintEndOfShift => print::print(app, store, print::Doc::EndOfShift, now),
        // Terminal and process work: taken out before `perform` by
        // `run_effects_at` and done by the loop (see `alert`).
        Effect::Bell | Effect::RunHook { .. } => Ok(Answer::Done),
    };
    answer.unwrap_or_else(|error| Answer::Failed { error, reload })
}

/// A correction added to a visit, and the visit as it is now.
fn correct(
    store: &mut Store,
    visit: VisitId,
    reason: &str,
    stamp: Stamp,
) -> Result<Answer, StoreError> {
    store.add_correction(visit, reason, stamp)?;
    let (visit, events) = opened(store, visit)?;
    Ok(Answer::CorrectionAdded { visit, events })
}

/// A badge found again put back in the pool, and the roll-call after it.
fn restore_badge(
    store: &mut Store,
    badge: crate::domain::badge::BadgeNo,
    stamp: Stamp,
) -> Result<Answer, StoreError> {
    let restored = store.restore_badge(&badge, stamp)?;
    let list = restored.then(|| store.end_of_shift()).transpose()?;
    Ok(Answer::BadgeRestored { badge, list })
}

/// A returning visitor's last visits, by ID number.
fn returning(
    app: &App,
    store: &Store,
    visit: VisitId,
    id_number: String,
    now: Time,
) -> Result<Answer, StoreError> {
    let found = store.returning(&id_number, visit, now, app.config.standards.inside)?;
    Ok(Answer::Returning {
        visit,
        id_number,
        found,
    })
}

/// Names seen before that start with what is typed.
fn known_names(store: &Store, visit: VisitId, prefix: String) -> Result<Answer, StoreError> {
    let names = store.known_names(&prefix, visit)?;
    Ok(Answer::KnownNames {
        visit,
        prefix,
        names,
    })
}

/// The team's step: the leader as it is now, as for one visit.
fn apply_team(
    store: &mut Store,
    steps: &[(VisitId, Command)],
    actor: Actor,
    now: Time,
) -> Result<Answer, StoreError> {
    let Some((leader, cmd)) = steps.first() else {
        return Ok(Answer::Done);
    };
    match store.apply_team(steps, actor, now) {
        Ok(_) => {
            let (visit, events) = opened(store, *leader)?;
            Ok(Answer::Applied {
                visit,
                events,
                cmd: cmd.clone(),
            })
        }
        Err(StoreError::Refused(refusal)) => {
            let (visit, events) = opened(store, refusal.visit)?;
            Ok(Answer::Refused {
                refusal: *refusal,
                visit,
                events,
            })
        }
        Err(e) => Err(e),
    }
}

/// A closed leader's members, by name.
fn team(store: &Store, leader: VisitId) -> Result<Answer, StoreError> {
    let members = store.team_members(leader)?;
    Ok(Answer::Team {
        leader,
        members: members
            .into_iter()
            .map(|m| (m.id, m.form.full_name))
            .collect(),
    })
}

/// A visit opened from a list, with the state its row was drawn in.
fn open_visit(store: &Store, drawn: crate::app::KeyTarget) -> Result<Answer, StoreError> {
    let (visit, events) = opened(store, drawn.visit)?;
    Ok(Answer::VisitOpened {
        visit,
        events,
        drawn,
    })
}

/// A visit and its events.
fn opened(store: &Store, id: VisitId) -> Result<(Visit, Vec<EventRow>), StoreError> {
    Ok((store.visit(id)?, store.visit_events(id)?))
}

fn apply(
    store: &mut Store,
    id: VisitId,
    cmd: Command,
    actor: Actor,
    now: Time,
) -> Result<Answer, StoreError> {
    match store.apply(id, &cmd, actor, now) {
        Ok(_) => {}
        Err(StoreError::Refused(refusal)) => {
            let (visit, events) = opened(store, id)?;
            return Ok(Answer::Refused {
                refusal: *refusal,
                visit,
                events,
            });
        }
        Err(e) => return Err(e),
    }
    let (visit, events) = opened(store, id)?;
    if cmd == Command::Submit && store.plan_of_visit(id)?.is_some() {
        return Ok(Answer::PlannedSubmitted { visit, events });
    }
    Ok(Answer::Applied { visit, events, cmd })
}

/// Register a plan as the supervisor on duty; with their PIN (checked as
/// at the approval) it is pre-approved.
fn add_plan(
    app: &App,
    store: &mut Store,
    plan: &crate::domain::plan::NewPlan,
    pin: Option<&Pin>,
    now: Time,
) -> Result<Answer, StoreError> {
    let Some(me) = app.on_duty.as_ref() else {
        return Ok(Answer::Done);
    };
    let tz = app.config.timezone;
    let stamp = |actor| Stamp {
        actor: Some(actor),
        at: now,
    };
    let Some(pin) = pin else {
        let p = store.add_plan(plan, false, tz, stamp(me.actor()))?;
        return Ok(Answer::PlanChanged(PlanNote::Added {
            id: p.id,
            pre_approved: false,
        }));
    };
    match store.check_pin(me.id, pin.expose(), "plan_pre_approve", throttle(app), now)? {
        PinCheck::Ok(u) => {
            let p = store.add_plan(plan, true, tz, stamp(u.actor()))?;
            Ok(Answer::PlanChanged(PlanNote::Added {
                id: p.id,
                pre_approved: true,
            }))
        }
        other => Ok(Answer::PinRefused(other)),
    }
}

/// Step 4 of a planned visit asked of its plan. A plan that does not allow
/// it (or a visitor on the watchlist) is an answer, not a failure: the
/// visit waits in the approval queue.
fn pre_approve(
    store: &mut Store,
    id: VisitId,
    actor: Actor,
    now: Time,
) -> Result<Answer, StoreError> {
    let refused = match store.pre_approve(id, actor, now) {
        Ok(_) => None,
        Err(StoreError::Transition(TransitionError::Plan(why))) => Some(NotPreApproved::Plan(why)),
        Err(StoreError::WatchUnconfirmed(_)) => Some(NotPreApproved::Watched),
        Err(e) => return Err(e),
    };
    let (visit, events) = opened(store, id)?;
    Ok(Answer::PreApproval {
        visit,
        events,
        refused,
    })
}

/// Check a supervisor's PIN, then apply the command as that supervisor.
fn decide(
    app: &App,
    store: &mut Store,
    visit: VisitId,
    (supervisor, pin): (UserId, &Pin),
    cmd: Command,
    now: Time,
) -> Result<Answer, StoreError> {
    match store.check_pin(
        supervisor,
        pin.expose(),
        cmd.action().as_str(),
        throttle(app),
        now,
    )? {
        PinCheck::Ok(u) => apply(store, visit, cmd, u.actor(), now),
        other => Ok(Answer::PinRefused(other)),
    }
}

mod accounts {
    use super::{Answer, NewUserInput, Pin, Stamp, Store, StoreError, UserId};
    use crate::app::AccountChange;

    pub(super) fn create(
        store: &mut Store,
        user: &NewUserInput,
        first: bool,
        stamp: Stamp,
    ) -> Result<Answer, StoreError> {
        // Checked by the form; `None` here is only defensive.
        match user.parse() {
            Some(new) => Ok(Answer::UserCreated {
                user: store.create_user(&new, stamp)?,
                first,
            }),
            None => Ok(Answer::Done),
        }
    }

    pub(super) fn set_active(
        store: &mut Store,
        user: UserId,
        active: bool,
        stamp: Stamp,
    ) -> Result<Answer, StoreError> {
        if active {
            let user = store.enable_user(user, stamp)?;
            Ok(Answer::AccountChanged {
                user,
                change: AccountChange::Enabled,
            })
        } else {
            let users = store.users()?;
            Ok(Answer::BeforeDisable { user, users })
        }
    }

    pub(super) fn disable(
        store: &mut Store,
        user: UserId,
        stamp: Stamp,
    ) -> Result<Answer, StoreError> {
        let user = store.disable_user(user, stamp)?;
        Ok(Answer::AccountChanged {
            user,
            change: AccountChange::Disabled,
        })
    }

    pub(super) fn unlock(
        store: &mut Store,
        user: UserId,
        stamp: Stamp,
    ) -> Result<Answer, StoreError> {
        let user = store.unlock_user(user, stamp)?;
        Ok(Answer::AccountChanged {
            user,
            change: AccountChange::Unlocked,
        })
    }

    pub(super) fn reset_pin(
        store: &mut Store,
        user: UserId,
        pin: &Pin,
        stamp: Stamp,
    ) -> Result<Answer, StoreError> {
        let user = store.reset_pin(user, pin, stamp)?;
        Ok(Answer::AccountChanged {
            user,
            change: AccountChange::PinReset,
        })
    }
}

mod desk {
    use chrono::NaiveDate;

    use super::{Answer, App, Effect, Store, StoreError, Time};
    use crate::app::{LogView, PAGE_SIZE, month_end, month_start};
    use crate::domain::days::day_bounds;
    use crate::store::{LogSort, Page};

    fn page(offset: u32) -> Page {
        Page {
            offset,
            limit: PAGE_SIZE,
        }
    }

    pub(super) fn day_log(
        app: &App,
        store: &Store,
        (day, view, newest_first, offset): (NaiveDate, LogView, bool, u32),
        door: Option<String>,
        now: Time,
    ) -> Result<Answer, StoreError> {
        let (from, to) = day_bounds(day, app.config.timezone);
        let sort = if newest_first {
            LogSort::TimeDesc
        } else {
            LogSort::TimeAsc
        };
        let standard = app.config.standards.inside;
        let (rows, total) = store.day_log_at(
            door.as_deref(),
            (from, to),
            view,
            sort,
            page(offset),
            now,
            standard,
        )?;
        let review = store.day_review(day)?.map(Into::into);
        let doors = store.doors()?;
        let query = Effect::LoadDayLog {
            day,
            view,
            newest_first,
            offset,
            door,
        };
        Ok(Answer::DayLog {
            query,
            rows,
            total,
            review,
            doors,
        })
    }

    pub(super) fn counts(
        app: &App,
        store: &Store,
        (day, month): (NaiveDate, NaiveDate),
        door: Option<String>,
        now: Time,
    ) -> Result<Answer, StoreError> {
        let (tz, standards) = (app.config.timezone, app.config.standards);
        let at = door.as_deref();
        let (from, to) = day_bounds(day, tz);
        let day_stats = store.range_stats_at(at, from, to, now, &standards)?;
        let from = day_bounds(month_start(month), tz).0;
        let to = day_bounds(month_end(month), tz).1;
        let month_stats = store.range_stats_at(at, from, to, now, &standards)?;
        let query = Effect::LoadCounts { day, month, door };
        let (day, month) = (day_stats, month_stats);
        Ok(Answer::Counts { query, day, month })
    }

    pub(super) fn search(store: &Store, text: String, offset: u32) -> Result<Answer, StoreError> {
        let results = store.search_visits(&text, page(offset))?;
        let query = Effect::Search {
            query: text,
            offset,
        };
        Ok(Answer::Search { query, results })
    }
}

mod print {
    use chrono::NaiveDate;

    use super::{Answer, App, Store, StoreError, Time, VisitId};
    use crate::domain::days::local_date;
    use crate::report::output::{deliver, file_name_for_days, file_name_for_visit};

    /// A document to print or save.
    #[derive(Clone)]
    pub(super) enum Doc {
        Visit(VisitId),
        Day(NaiveDate, Option<String>),
        EndOfShift,
    }

    /// Build a document and print or save it.
    pub(super) fn print(
        app: &App,
        store: &Store,
        doc: Doc,
        now: Time,
    ) -> Result<Answer, StoreError> {
        let config = &app.config;
        let txt = crate::report::report_text(config.language);
        let by = app.on_duty.as_ref().map(|u| u.id);
        let (bytes, name, shift) = match doc {
            Doc::Visit(id) => {
                let doc = crate::report::build::visit_doc(store, id, config, now)?;
                let bytes = crate::report::visit_pdf(&doc, txt);
                (bytes, file_name_for_visit(id, "pdf"), None)
            }
            Doc::Day(day, door) => {
                let report = crate::report::build::day_report_at(
                    store,
                    door.as_deref(),
                    (day, day),
                    config,
                    now,
                    by,
                )?;
                let bytes = crate::report::day_pdf(&report, txt);
                let name =
                    crate::report::with_door(&file_name_for_days(day, day, "pdf"), door.as_deref());
                (bytes, name, None)
            }
            Doc::EndOfShift => {
                // What is true now, not what was last shown.
                let list = store.end_of_shift()?;
                let doc = crate::report::build::shift_doc(store, &list, config, now, by)?;
                let bytes = crate::report::shift_pdf(&doc, txt);
                let today = local_date(now, config.timezone);
                let name =
                    file_name_for_days(today, today, "pdf").replacen('.', "-akhir-shift.", 1);
                (bytes, name, Some(list))
            }
        };
        let outcome = bytes
            .map_err(std::io::Error::from)
            .and_then(|bytes| deliver(config, &bytes, &name))
            .map_err(|e| e.to_string());
        Ok(Answer::Delivered { outcome, shift })
    }
}
