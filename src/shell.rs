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
use ratatui::crossterm::event::{self, Event};
use serde_json::json;

use crate::app::{App, Effect, Msg};
use crate::config::Config;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::visit::{Command, Role, Status, Time, TransitionError};
use crate::store::{PinCheck, Stamp, Store, StoreError, Throttle};

/// How often the loop looks at signals and at the database file.
const POLL: Duration = Duration::from_millis(200);

/// After the database files change, how long to keep asking `SQLite`
/// whether a commit landed: another process writes a commit's WAL frames
/// (and syncs them) before it publishes the commit in the shared WAL index,
/// which changes no file. A check made between the two sees nothing new,
/// and the files do not change again when the commit becomes visible.
const SETTLE: Duration = Duration::from_secs(2);

/// Run the kiosk on this terminal until the operator leaves.
pub fn run(config: Config, db: &Path, key_file: &Path) -> anyhow::Result<()> {
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
    reload(&mut app, &store)?;

    let terminal = ratatui::init();
    let _guard = RestoreGuard;
    // Start crossterm's event source (it listens for SIGWINCH) before the
    // first frame: a resize between the first frame and the first poll
    // would be lost and the screen left at the old size.
    event::poll(Duration::ZERO)?;
    event_loop(terminal, &mut app, &mut store, &stop)
}

/// Restores the terminal on every way out of `run`, panic included
/// (`ratatui::init` also installs a panic hook that does the same).
struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
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
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut last_tick = Instant::now();
    let mut last_minute = Utc::now().timestamp() / 60;
    let mut files = file_stamp(store.path());
    let mut files_changed_at: Option<Instant> = None;
    let mut token = store.change_token()?;
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
            run_effects(app, store, effects);
            return Ok(());
        }
        if event::poll(POLL)? {
            let msg = match event::read()? {
                Event::Key(key) => Some(Msg::Key(key)),
                Event::Paste(text) => Some(Msg::Paste(text)),
                Event::Resize(..) => {
                    dirty = true;
                    None
                }
                Event::FocusGained | Event::FocusLost | Event::Mouse(_) => None,
            };
            if let Some(msg) = msg {
                let effects = app.update(msg, Utc::now());
                run_effects(app, store, effects);
                dirty = true;
            }
        }
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
                refresh(app, store);
                dirty = true;
            }
        }
        if app.needs_tick() && last_tick.elapsed() >= Duration::from_secs(1) {
            last_tick = Instant::now();
            let effects = app.update(Msg::Tick, Utc::now());
            run_effects(app, store, effects);
            dirty = true;
        }
        let minute = Utc::now().timestamp() / 60;
        if minute != last_minute {
            last_minute = minute;
            app.now = Utc::now();
            dirty = true;
        }
    }
}

fn run_effects(app: &mut App, store: &mut Store, effects: Vec<Effect>) {
    for effect in effects {
        if let Err(e) = perform(app, store, effect, Utc::now()) {
            let msg = error_text(app, &e);
            app.on_error(msg);
            // Whatever was shown may be stale now.
            let _ = reload(app, store);
        }
    }
}

/// Words for a store error, from the catalog where the user can act on it.
fn error_text(app: &App, e: &StoreError) -> String {
    let t = app.text();
    let detail = match e {
        StoreError::BadgeTaken(b) => t.badge_taken.replace("{badge}", b),
        StoreError::DraftLocked => t.draft_locked.into(),
        StoreError::Transition(TransitionError::SameAsSubmitter) => t.same_as_submitter.into(),
        other => other.to_string(),
    };
    format!("{}: {detail}", t.not_recorded)
}

/// Reload the lists the screens show (after a change).
fn reload(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let now = Utc::now();
    let today = local_date(now, app.config.timezone);
    let day = day_bounds(today, app.config.timezone);
    let dashboard = store.dashboard(day, now, app.config.standards.inside)?;
    let users = store.users()?;
    let badges = store.badges_unavailable()?;
    app.on_data(dashboard, users, badges);
    Ok(())
}

/// After another console's change: reload lists, and if the visit on
/// screen moved on (e.g. approved at the supervisor's desk), follow it.
fn refresh(app: &mut App, store: &Store) {
    if let Err(e) = reload(app, store) {
        app.on_error(error_text(app, &e));
        return;
    }
    let shown = match &app.screen {
        crate::app::Screen::Approval(a) => Some(&a.visit),
        crate::app::Screen::Review(r) | crate::app::Screen::ReturnId(r) => Some(&r.visit),
        crate::app::Screen::Badge(b) => Some(&b.visit),
        crate::app::Screen::Checkout(c) => Some(&c.visit),
        crate::app::Screen::Archive(a) => Some(&a.visit),
        _ => None,
    };
    if let Some(v) = shown
        && let Ok(fresh) = store.visit(v.id)
        && (fresh.status != v.status || fresh.id_returned_at != v.id_returned_at)
    {
        let events = store.visit_events(fresh.id).unwrap_or_default();
        app.on_visit(fresh, events);
    }
}

fn throttle(app: &App) -> Throttle {
    Throttle {
        delay_after: app.config.security.delay_after_failures,
        lock_after: app.config.security.lock_after_failures,
    }
}

fn perform(app: &mut App, store: &mut Store, effect: Effect, now: Time) -> Result<(), StoreError> {
    let actor = app.on_duty.as_ref().map(crate::store::User::actor);
    let stamp = Stamp { actor, at: now };
    match effect {
        Effect::Reload => reload(app, store)?,
        Effect::CreateUser { user, first } => {
            if let Some(new) = user.parse() {
                let created = store.create_user(&new, stamp)?;
                reload(app, store)?;
                app.on_user_created(&created, first);
            }
        }
        Effect::SignIn { user, pin } => {
            match store.check_pin(user, &pin, "sign_in", throttle(app), now)? {
                PinCheck::Ok(u) => {
                    app.on_signed_in(u);
                    reload(app, store)?;
                }
                other => app.on_pin_refused(&other),
            }
        }
        Effect::SignOut => {
            store.record_event(None, 0, "signed_out", stamp, &json!({}))?;
            app.on_signed_out();
            reload(app, store)?;
        }
        Effect::NewVisit => {
            if let Some(actor) = actor {
                let v = store.create_visit(actor, now)?;
                reload(app, store)?;
                app.on_visit(v, Vec::new());
            }
        }
        Effect::SaveDraft(id, draft) => store.save_draft(id, &draft)?,
        Effect::Apply(id, cmd) => {
            let Some(actor) = actor else { return Ok(()) };
            let closes = matches!(cmd, Command::Cancel { .. } | Command::ReturnId);
            let v = store.apply(id, &cmd, actor, now)?;
            reload(app, store)?;
            if closes {
                app.screen = crate::app::Screen::Home(crate::app::HomeState::default());
            } else {
                let events = store.visit_events(id)?;
                app.on_visit(v, events);
            }
        }
        Effect::Decide {
            visit,
            supervisor,
            pin,
            cmd,
        } => {
            let purpose = cmd.action();
            match store.check_pin(supervisor, &pin, purpose, throttle(app), now)? {
                PinCheck::Ok(u) => {
                    let v = store.apply(visit, &cmd, u.actor(), now)?;
                    reload(app, store)?;
                    let events = store.visit_events(visit)?;
                    app.on_visit(v, events);
                }
                other => app.on_pin_refused(&other),
            }
        }
        Effect::OpenVisit(id) => {
            let mut v = store.visit(id)?;
            if v.status == Status::Inside
                && v.checkout_started_at.is_none()
                && let Some(actor) = actor
            {
                v = store.apply(id, &Command::BeginCheckout, actor, now)?;
            }
            let events = store.visit_events(id)?;
            app.on_visit(v, events);
        }
        Effect::Exit { supervisor } => match supervisor {
            None => app.quit = true,
            Some((id, pin)) => match store.check_pin(id, &pin, "exit", throttle(app), now)? {
                PinCheck::Ok(u) if u.role == Role::Supervisor => app.quit = true,
                PinCheck::Ok(_) => app.on_pin_refused(&PinCheck::Disabled),
                other => app.on_pin_refused(&other),
            },
        },
    }
    Ok(())
}
