//! The thin loop: draw, read an event or a tick, update, run effects
//! against the store. The only place where the UI meets I/O.
//!
//! Idle means idle: the loop wakes every 200 ms only to look at signal
//! flags and at the database files' size and time (one `stat`, no query;
//! for two seconds after they change, also `SQLite`'s in-memory change
//! counter); it queries and redraws only when something changed, a key
//! arrived, or a timer on screen needs its once-a-second tick.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use chrono::Utc;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use serde_json::json;

use std::collections::VecDeque;

use crate::app::{
    Answer, App, Effect, Loaded, Msg, NewUserInput, PlanNote, UNREVIEWED_LIMIT, WatchNote,
};
use crate::config::Charset;
use crate::config::Config;
use crate::domain::audit::AuditAction;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::fields::Pin;
use crate::domain::visit::{Actor, Command, Time, UserId, Visit, VisitId};
use crate::report::output::Delivered;
use crate::store::{EventRow, FileChange, PinCheck, Stamp, Store, StoreError, Throttle};
use crate::syslog::Log;

pub mod pin_check;

/// How often the loop looks at signals and at the database file.
const POLL: Duration = Duration::from_millis(200);

/// How often it looks for the answer of a PIN check under way.
const CHECK_POLL: Duration = Duration::from_millis(2);

/// After the database files change, how long to keep asking `SQLite`
/// whether a commit landed: another process writes a commit's WAL frames
/// (and syncs them) before it publishes the commit in the shared WAL index,
/// which changes no file. A check made between the two sees nothing new,
/// and the files do not change again when the commit becomes visible.
const SETTLE: Duration = Duration::from_secs(2);

/// Run the kiosk on this terminal until the operator leaves.
pub fn run(config: Config, db: &Path, key_file: &Path) -> anyhow::Result<()> {
    let log = Log::kiosk();
    log.info(&format!(
        "kiosk started (version {}, database {})",
        env!("CARGO_PKG_VERSION"),
        db.display()
    ));
    let outcome = kiosk(config, db, key_file, &log);
    match &outcome {
        Ok(()) => log.info("kiosk stopped"),
        Err(e) => log.error(&format!("kiosk stopped: {e:#}")),
    }
    outcome
}

fn kiosk(config: Config, db: &Path, key_file: &Path, log: &Log) -> anyhow::Result<()> {
    let mut store = Store::open(db, key_file)?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // SIGHUP: the terminal is gone and crossterm would spin; every committed
    // step is already safe, so leave at once.
    signal_hook::flag::register_conditional_shutdown(
        signal_hook::consts::SIGHUP,
        129,
        Arc::new(AtomicBool::new(true)),
    )?;

    let first_run = store.user_count()? == 0;
    let mut app = App::new(config, Utc::now(), first_run);
    // Decided once: the Linux console (tty1) has fewer glyphs and colours.
    app.charset = Charset::decide(
        app.config.kiosk.glyphs,
        std::env::var("TERM").ok().as_deref(),
    );
    let loaded = load(&app, &store, Utc::now())?;
    app.update(Msg::Answer(Answer::Loaded(Box::new(loaded))), Utc::now());

    let terminal = ratatui::init();
    let _guard = RestoreGuard;
    paste_on()?;
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height), Utc::now());
    // Start crossterm's event source (it listens for SIGWINCH) before the
    // first frame: a resize between the first frame and the first poll
    // would be lost and the screen left at the old size.
    event::poll(Duration::ZERO)?;
    event_loop(terminal, &mut app, &mut store, &stop, log)
}

/// Restores the terminal on every way out of `run`, panic included
/// (`ratatui::init` also installs a panic hook that does the same).
struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        paste_off();
        ratatui::restore();
    }
}

/// Turn bracketed paste on: a paste arrives as one `Event::Paste`, never
/// as keys (a pasted newline would move to the next field; pasted letters
/// on Home would run commands). Turned off again on every way out, panic
/// included (`ratatui::init`'s panic hook does not know about it).
fn paste_on() -> std::io::Result<()> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        paste_off();
        hook(info);
    }));
    ratatui::crossterm::execute!(std::io::stdout(), EnableBracketedPaste)
}

fn paste_off() {
    // Nothing more can be done if the terminal is gone.
    let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
}

/// What the database files look like on disk: changes when any process commits.
fn file_stamp(db: &Path) -> Vec<(u64, Option<SystemTime>)> {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    [db.to_path_buf(), wal]
        .iter()
        .map(|p| std::fs::metadata(p).map_or((0, None), |m| (m.len(), m.modified().ok())))
        .collect()
}

fn event_loop(
    mut terminal: DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    stop: &AtomicBool,
    log: &Log,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut last_tick = Instant::now();
    let mut last_minute = Utc::now().timestamp() / 60;
    let mut files = file_stamp(store.path());
    let mut files_changed_at: Option<Instant> = None;
    let mut token = store.change_token()?;
    let mut check: Option<pin_check::PendingCheck> = None;
    loop {
        if dirty {
            terminal.draw(|f| crate::ui::draw(app, f))?;
            dirty = false;
        }
        if app.quit {
            return Ok(());
        }
        if stop.load(Ordering::Relaxed) {
            // Save a half-typed field, then leave.
            let effects = app.update(Msg::Tick, Utc::now());
            run_effects_logged(app, store, effects, log).map_err(stopped)?;
            return Ok(());
        }
        let wait = if check.is_some() { CHECK_POLL } else { POLL };
        if event::poll(wait)? {
            let msg = match event::read()? {
                Event::Key(key) => Some(Msg::Key(key)),
                Event::Paste(text) => Some(Msg::Paste(text)),
                Event::Resize(width, height) => Some(Msg::Resize(width, height)),
                Event::FocusGained | Event::FocusLost | Event::Mouse(_) => None,
            };
            match (msg, &mut check) {
                // Typed while the PIN is checked: handled after the answer.
                (Some(msg @ (Msg::Key(_) | Msg::Paste(_))), Some(c)) => c.hold(msg),
                (Some(msg), _) => {
                    let effects = app.update(msg, Utc::now());
                    dispatch(app, store, effects, &mut check, log)?;
                    dirty = true;
                }
                (None, _) => {}
            }
        }
        if let Some((answer, held)) = check.as_mut().and_then(pin_check::PendingCheck::poll) {
            check = None;
            log_answer(log, app, &answer);
            log_head(log, store);
            let effects = app.update(Msg::Answer(answer), Utc::now());
            dispatch(app, store, effects, &mut check, log)?;
            for msg in held {
                if let Some(c) = &mut check {
                    c.hold(msg);
                } else {
                    let effects = app.update(msg, Utc::now());
                    dispatch(app, store, effects, &mut check, log)?;
                }
            }
            dirty = true;
        }
        // The files must still be the ones opened: a deleted or replaced
        // database or WAL would swallow every step from now on.
        store.files_in_place().map_err(stopped)?;
        // Another console (or this one) committed: reload what is shown.
        let now_files = file_stamp(store.path());
        if now_files != files {
            files = now_files;
            files_changed_at = Some(Instant::now());
        }
        if let Some(at) = files_changed_at {
            if at.elapsed() > SETTLE {
                files_changed_at = None;
            }
            let t = store.change_token()?;
            if t != token {
                token = t;
                let effects = app.update(Msg::DatabaseChanged, Utc::now());
                run_effects_logged(app, store, effects, log).map_err(stopped)?;
                dirty = true;
            }
        }
        if app.needs_tick() && last_tick.elapsed() >= Duration::from_secs(1) {
            last_tick = Instant::now();
            let effects = app.update(Msg::Tick, Utc::now());
            run_effects_logged(app, store, effects, log).map_err(stopped)?;
            dirty = true;
        }
        let minute = Utc::now().timestamp() / 60;
        if minute != last_minute {
            last_minute = minute;
            app.update(Msg::Clock, Utc::now());
            dirty = true;
        }
    }
}

/// The loop's effects: a sign-in PIN check goes to its own thread (the
/// screen says so at once); the rest run here, in order.
fn dispatch(
    app: &mut App,
    store: &mut Store,
    mut effects: Vec<Effect>,
    check: &mut Option<pin_check::PendingCheck>,
    log: &Log,
) -> anyhow::Result<()> {
    let sign_in = pin_check::take_sign_in(&mut effects);
    run_effects_logged(app, store, effects, log).map_err(stopped)?;
    if let Some(effect) = sign_in {
        *check = Some(pin_check::start(app, store, effect, Utc::now()));
    }
    Ok(())
}

/// Run effects, each answer going back through `update`; the effects an
/// answer asks for run before the next one in the list. Needs no terminal:
/// tests and the model fuzz drive the app through it.
pub fn run_effects(app: &mut App, store: &mut Store, effects: Vec<Effect>) {
    let _ = run_effects_logged(app, store, effects, &Log::off());
}

/// [`run_effects`], telling the log what happened. Stops before an answer
/// reaches the app when the database files are no longer the ones opened:
/// a step is only reported saved after a commit on the file still in place.
///
/// # Errors
/// The file that was deleted or replaced; nothing after it was shown.
pub fn run_effects_logged(
    app: &mut App,
    store: &mut Store,
    effects: Vec<Effect>,
    log: &Log,
) -> Result<(), FileChange> {
    run_effects_at(app, store, effects, log, Utc::now)
}

/// One message handled as the loop handles it (update, then its effects
/// against the store), at a fixed `now`: for the benches, which drive the
/// app without a terminal.
///
/// # Errors
/// As [`run_effects_logged`].
pub fn handle_at(app: &mut App, store: &mut Store, msg: Msg, now: Time) -> Result<(), FileChange> {
    let effects = app.update(msg, now);
    run_effects_at(app, store, effects, &Log::off(), || now)
}

/// [`handle_at`] as the loop handles a key: a sign-in PIN check is not
/// run but returned (the loop runs it on its own thread; the benches time
/// it apart with [`pin_check::answer`]).
///
/// # Errors
/// As [`run_effects_logged`].
pub fn handle_deferring_at(
    app: &mut App,
    store: &mut Store,
    msg: Msg,
    now: Time,
) -> Result<Option<Effect>, FileChange> {
    let mut effects = app.update(msg, now);
    let sign_in = pin_check::take_sign_in(&mut effects);
    run_effects_at(app, store, effects, &Log::off(), || now)?;
    Ok(sign_in)
}

fn run_effects_at(
    app: &mut App,
    store: &mut Store,
    effects: Vec<Effect>,
    log: &Log,
    clock: impl Fn() -> Time,
) -> Result<(), FileChange> {
    let mut queue: VecDeque<Effect> = effects.into();
    // A bound, so that no chain of answers can loop for ever.
    let mut budget = 64;
    while let Some(effect) = queue.pop_front() {
        budget -= 1;
        if budget == 0 {
            break;
        }
        let now = clock();
        let draft = matches!(effect, Effect::SaveDraft(..));
        let before = store.change_token().ok();
        let answer = perform(app, store, effect, now);
        store.files_in_place()?;
        log_answer(log, app, &answer);
        // A commit of ours (the draft of the form being typed is no step).
        if !draft && store.change_token().ok() != before {
            log_head(log, store);
        }
        let more = app.update(Msg::Answer(answer), now);
        for e in more.into_iter().rev() {
            queue.push_front(e);
        }
    }
    Ok(())
}

/// The kiosk stops: the database files changed under it. The change
/// itself is the error (typed): the command line says it in the UI
/// language once the terminal is restored, the log in English.
fn stopped(change: FileChange) -> anyhow::Error {
    anyhow::Error::new(change)
}

/// What an answer tells the system log: steps, sign-in and sign-out,
/// errors and print failures. Never personal data (visit and account
/// numbers, steps and actions only).
fn log_answer(log: &Log, app: &App, answer: &Answer) {
    match answer {
        Answer::SignIn(PinCheck::Ok(u)) => log.info(&format!(
            "signed in: account #{} ({})",
            u.id.0,
            u.role.as_str()
        )),
        Answer::SignIn(other) | Answer::PinRefused(other) | Answer::ExitPin(other)
            if !matches!(other, PinCheck::Ok(_)) =>
        {
            log.warning(&format!("PIN refused ({})", pin_refusal(other)));
        }
        Answer::SignedOut => {
            let who = app.on_duty.as_ref().map_or(0, |u| u.id.0);
            log.info(&format!("signed out: account #{who}"));
        }
        Answer::VisitCreated(v) => log.info(&format!("visit {}: step 1 started", v.id.0)),
        Answer::Applied { visit, cmd, .. } => log.info(&format!(
            "visit {}: {} (now at step {})",
            visit.id.0,
            cmd.action(),
            visit.status.step()
        )),
        Answer::Delivered {
            outcome: Err(e), ..
        } => log.warning(&format!("print failed: {e}")),
        Answer::Delivered {
            outcome: Ok(Delivered::PrintFailed { error, saved }),
            ..
        } => log.warning(&format!(
            "print failed: {error}; saved to {}",
            saved.display()
        )),
        Answer::Failed { error, .. } => log.error(&error.to_string()),
        Answer::WatchChanged(WatchNote::Added(id)) => {
            log.info(&format!("watchlist entry #{} added", id.0));
        }
        Answer::WatchChanged(WatchNote::Removed(id)) => {
            log.info(&format!("watchlist entry #{} removed", id.0));
        }
        _ => {}
    }
}

fn pin_refusal(check: &PinCheck) -> &'static str {
    match check {
        PinCheck::Ok(_) => "ok",
        PinCheck::Wrong { .. } => "wrong PIN",
        PinCheck::Locked => "account locked",
        PinCheck::Disabled => "account disabled",
        PinCheck::TooSoon { .. } => "too soon after a wrong PIN",
    }
}

/// The audit chain head after a commit of ours, when it moved.
fn log_head(log: &Log, store: &Store) {
    match store.chain_head() {
        Ok(head) => log.chain_head(&head),
        Err(e) => log.error(&format!("cannot read the chain head: {e}")),
    }
}

/// The lists the screens show (after a change).
fn load(app: &App, store: &Store, now: Time) -> Result<Loaded, StoreError> {
    let today = local_date(now, app.config.timezone);
    let day = day_bounds(today, app.config.timezone);
    let unreviewed = if app.is_supervisor() {
        let tz = app.config.timezone;
        Some(store.unreviewed_days(today, tz, UNREVIEWED_LIMIT)?)
    } else {
        None
    };
    Ok(Loaded {
        dashboard: store.dashboard(day, now, app.config.standards.inside)?,
        users: store.users()?,
        badges_unavailable: store.badges_unavailable()?,
        unreviewed,
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
fn perform(app: &App, store: &mut Store, effect: Effect, now: Time) -> Answer {
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
        Effect::NewVisit => match actor {
            Some(actor) => store.create_visit(actor, now).map(Answer::VisitCreated),
            None => Ok(Answer::Done),
        },
        Effect::Apply(id, cmd) => match actor {
            Some(actor) => apply(store, id, cmd, actor, now),
            None => Ok(Answer::Done),
        },
        Effect::Decide {
            visit,
            supervisor,
            pin,
            cmd,
        } => decide(app, store, visit, (supervisor, &pin), cmd, now),
        Effect::OpenVisit(drawn) => {
            opened(store, drawn.visit).map(|(visit, events)| Answer::VisitOpened {
                visit,
                events,
                drawn,
            })
        }
        Effect::RefreshVisit(id) => {
            opened(store, id).map(|(visit, events)| Answer::VisitRefreshed { visit, events })
        }
        Effect::OpenDetail(id) => {
            opened(store, id).map(|(visit, events)| Answer::Detail { visit, events })
        }
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
        } => desk::day_log(app, store, (day, view, newest_first, offset), now),
        Effect::LoadCounts { day, month } => desk::counts(app, store, day, month, now),
        Effect::Search { query, offset } => desk::search(store, query, offset),
        Effect::MarkReviewed { day, note } => store
            .mark_day_reviewed(day, &note, stamp)
            .map(|()| Answer::DayReviewed(day)),
        Effect::LoadEndOfShift => store.end_of_shift().map(Answer::EndOfShift),
        Effect::AddCorrection { visit, reason } => {
            store.add_correction(visit, &reason, stamp).and_then(|()| {
                let (visit, events) = opened(store, visit)?;
                Ok(Answer::CorrectionAdded { visit, events })
            })
        }
        Effect::RestoreBadge(badge) => store
            .restore_badge(&badge, stamp)
            .and_then(|restored| restored.then(|| store.end_of_shift()).transpose())
            .map(|list| Answer::BadgeRestored { badge, list }),
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
        Effect::PreApprove(id) => match actor {
            Some(actor) => pre_approve(store, id, actor, now),
            None => Ok(Answer::Done),
        },
        Effect::AddWatch(new) => store
            .add_watch(&new, app.config.timezone, stamp)
            .map(|e| Answer::WatchChanged(WatchNote::Added(e.id))),
        Effect::RemoveWatch(id) => store
            .remove_watch(id, stamp)
            .map(|e| Answer::WatchChanged(WatchNote::Removed(e.id))),
        Effect::PrintVisit(id) => print::print(app, store, print::Doc::Visit(id), now),
        Effect::PrintDay(day) => print::print(app, store, print::Doc::Day(day), now),
        Effect::PrintEndOfShift => print::print(app, store, print::Doc::EndOfShift, now),
    };
    answer.unwrap_or_else(|error| Answer::Failed { error, reload })
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
        Err(e @ (StoreError::Transition(_) | StoreError::WatchUnconfirmed(_))) => Some((&e).into()),
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
        now: Time,
    ) -> Result<Answer, StoreError> {
        let (from, to) = day_bounds(day, app.config.timezone);
        let sort = if newest_first {
            LogSort::TimeDesc
        } else {
            LogSort::TimeAsc
        };
        let standard = app.config.standards.inside;
        let (rows, total) = store.day_log(from, to, view, sort, page(offset), now, standard)?;
        let review = store.day_review(day)?.map(Into::into);
        let query = Effect::LoadDayLog {
            day,
            view,
            newest_first,
            offset,
        };
        Ok(Answer::DayLog {
            query,
            rows,
            total,
            review,
        })
    }

    pub(super) fn counts(
        app: &App,
        store: &Store,
        day: NaiveDate,
        month: NaiveDate,
        now: Time,
    ) -> Result<Answer, StoreError> {
        let (tz, standards) = (app.config.timezone, app.config.standards);
        let query = Effect::LoadCounts { day, month };
        let (from, to) = day_bounds(day, tz);
        let day = store.range_stats(from, to, now, &standards)?;
        let from = day_bounds(month_start(month), tz).0;
        let to = day_bounds(month_end(month), tz).1;
        let month = store.range_stats(from, to, now, &standards)?;
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
    #[derive(Clone, Copy)]
    pub(super) enum Doc {
        Visit(VisitId),
        Day(NaiveDate),
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
            Doc::Day(day) => {
                let report = crate::report::build::day_report(store, day, day, config, now, by)?;
                let bytes = crate::report::day_pdf(&report, txt);
                (bytes, file_name_for_days(day, day, "pdf"), None)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{AccountsState, EndOfShiftState, Notice, Overlay, Screen};
    use crate::domain::fields::{Nip, PersonName};
    use crate::domain::visit::Role;
    use crate::store::NewUser;

    fn setup() -> (tempfile::TempDir, Store, App) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut store = Store::open(&db, &dir.path().join("t.key")).unwrap();
        let sup = store
            .create_user(
                &NewUser {
                    name: PersonName::try_from("Siti Rahma").unwrap(),
                    nip: Nip::try_from("198501152010011001").unwrap(),
                    role: Role::Supervisor,
                    pin: Pin::try_from("482915").unwrap(),
                },
                Stamp {
                    actor: None,
                    at: Utc::now(),
                },
            )
            .unwrap();
        let mut config = Config::default();
        config.report.reports_dir = dir.path().join("reports").display().to_string();
        let mut app = App::new(config, Utc::now(), false);
        app.on_signed_in(sup);
        run_effects(&mut app, &mut store, vec![Effect::Reload]);
        (dir, store, app)
    }

    #[test]
    fn a_correction_is_an_event_with_its_reason() {
        let (_dir, mut store, mut app) = setup();
        let actor = app.on_duty.as_ref().unwrap().actor();
        let v = store.create_visit(actor, Utc::now()).unwrap();
        let reason = "Jam keluar 09:10, bukan 09:15".to_owned();
        run_effects(
            &mut app,
            &mut store,
            vec![Effect::AddCorrection {
                visit: v.id,
                reason: reason.clone(),
            }],
        );
        let events = store.visit_events(v.id).unwrap();
        let last = events.last().unwrap();
        assert_eq!(last.action, AuditAction::Correction);
        assert_eq!(last.actor, Some(actor.id));
        assert!(last.details.contains(&reason));
        assert!(matches!(&app.screen, Screen::Detail(d) if d.events.len() == 2));
        assert!(matches!(
            app.overlay,
            Some(Overlay::Told(Notice::CorrectionRecorded(_)))
        ));
        assert_eq!(
            store.visit(v.id).unwrap(),
            v,
            "the visit itself is unchanged"
        );
    }

    #[test]
    fn restoring_a_badge_that_is_not_lost_says_so() {
        let (_dir, mut store, mut app) = setup();
        app.screen = Screen::EndOfShift(EndOfShiftState::default());
        run_effects(
            &mut app,
            &mut store,
            vec![Effect::RestoreBadge(
                crate::domain::badge::BadgeNo::try_from("V-09").unwrap(),
            )],
        );
        assert!(
            matches!(&app.overlay, Some(Overlay::Error(crate::app::Failure::BadgeNotLost(b))) if *b == "V-09"),
            "{:?}",
            app.overlay
        );
    }

    #[test]
    fn accounts_effects_run_against_the_store() {
        let (_dir, mut store, mut app) = setup();
        app.screen = Screen::Accounts(AccountsState::default());
        let user = NewUserInput {
            name: "Andi Saputra".into(),
            nip: "199002022015031002".into(),
            role: Role::Operator,
            pin: Pin::try_from("739164").unwrap(),
        };
        run_effects(
            &mut app,
            &mut store,
            vec![Effect::CreateUser { user, first: false }],
        );
        assert_eq!(app.users.len(), 2);
        let andi = app
            .users
            .iter()
            .find(|u| u.role == Role::Operator)
            .unwrap()
            .id;
        let me = app.on_duty.as_ref().unwrap().id;
        // The last active supervisor stays.
        run_effects(
            &mut app,
            &mut store,
            vec![Effect::SetUserActive {
                user: me,
                active: false,
            }],
        );
        assert!(store.user(me).unwrap().active);
        run_effects(
            &mut app,
            &mut store,
            vec![
                Effect::SetUserActive {
                    user: andi,
                    active: false,
                },
                Effect::UnlockUser(andi),
                Effect::ResetPin {
                    user: andi,
                    pin: Pin::try_from("551937").unwrap(),
                },
            ],
        );
        assert!(app.overlay.is_none(), "{:?}", app.overlay);
        assert!(!store.user(andi).unwrap().active);
        let Screen::Accounts(a) = &app.screen else {
            panic!("accounts")
        };
        assert!(matches!(
            &a.message,
            Some(crate::app::AccountNote::Changed { name, .. }) if name.contains("Andi")
        ));
    }

    #[test]
    fn end_of_shift_prints_to_a_file() {
        let (dir, mut store, mut app) = setup();
        app.screen = Screen::EndOfShift(EndOfShiftState::default());
        run_effects(
            &mut app,
            &mut store,
            vec![Effect::LoadEndOfShift, Effect::PrintEndOfShift],
        );
        let Some(Overlay::Told(Notice::Saved { path })) = &app.overlay else {
            panic!("{:?}", app.overlay)
        };
        assert!(path.starts_with(dir.path().join("reports")), "{path:?}");
        let files: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
            .unwrap()
            .collect();
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn a_failing_printer_says_so_saves_the_document_and_logs_it() {
        let (dir, mut store, mut app) = setup();
        app.config.report.print_command = "echo 'lp: printer LASER not found' >&2; exit 1".into();
        let sock = dir.path().join("log");
        let server = std::os::unix::net::UnixDatagram::bind(&sock).unwrap();
        app.screen = Screen::EndOfShift(EndOfShiftState::default());
        run_effects_logged(
            &mut app,
            &mut store,
            vec![Effect::LoadEndOfShift, Effect::PrintEndOfShift],
            &Log::to_socket(&sock),
        )
        .unwrap();
        let Some(Overlay::Told(notice)) = &app.overlay else {
            panic!("{:?}", app.overlay)
        };
        let Notice::PrintFailed { error, saved } = notice else {
            panic!("{notice:?}")
        };
        assert!(error.contains("printer LASER not found"), "{error}");
        assert!(saved.starts_with(dir.path().join("reports")));
        assert!(saved.exists());
        let words = crate::text::notice::notice_text(
            notice,
            crate::config::Language::Id,
            app.config.timezone,
        );
        assert!(words.starts_with("Gagal mencetak: "), "{words}");
        assert!(words.contains("Langkah sudah tersimpan"), "{words}");
        assert!(words.contains(&saved.display().to_string()), "{words}");
        let mut buf = [0u8; 2048];
        let n = server.recv(&mut buf).unwrap();
        let line = String::from_utf8_lossy(&buf[..n]);
        assert!(line.contains("print failed: "), "{line}");
        assert!(line.starts_with("<12>"), "a warning: {line}");
    }
}
