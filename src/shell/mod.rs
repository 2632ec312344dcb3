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

use std::collections::VecDeque;

use crate::app::{Answer, App, Effect, Msg, WatchNote};
use crate::config::Charset;
use crate::config::Config;
use crate::domain::visit::Time;
use crate::report::output::Delivered;
use crate::store::{FileChange, PinCheck, Store, StoreError};
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
    // An upgrade copies the whole database first: say so on the terminal
    // rather than leave it blank for minutes.
    if crate::store::upgrade_pending(db) {
        say!("{}", crate::text::text(config.language).upgrading);
        log.info("upgrading the database schema (a copy beside it first)");
    }
    let (mut app, mut store) = before_first_frame(config, db, key_file, Utc::now())?;
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

    // Decided once: the Linux console (tty1) has fewer glyphs and colours.
    app.charset = Charset::decide(
        app.config.kiosk.glyphs,
        std::env::var("TERM").ok().as_deref(),
    );
    // The first frame (sign-in or setup) shows none of the home screen's
    // data: it is read right after that frame (`event_loop`), and again
    // at each sign-in.
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
    let mut loaded = false;
    // Bells and alert commands the last effects asked for.
    let mut outside: Vec<Effect> = Vec::new();
    loop {
        if !outside.is_empty() {
            alert(&mut terminal, app, std::mem::take(&mut outside), log);
        }
        if dirty {
            terminal.draw(|f| crate::ui::draw(app, f))?;
            dirty = false;
        }
        if !loaded {
            // After the first frame: the home screen's data.
            loaded = true;
            let loaded = load(app, store, Utc::now())?;
            app.update(Msg::Answer(Answer::Loaded(Box::new(loaded))), Utc::now());
            dirty = true;
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
                    dispatch(app, store, effects, &mut check, log, &mut outside)?;
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
            dispatch(app, store, effects, &mut check, log, &mut outside)?;
            for msg in held {
                if let Some(c) = &mut check {
                    c.hold(msg);
                } else {
                    let effects = app.update(msg, Utc::now());
                    dispatch(app, store, effects, &mut check, log, &mut outside)?;
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
                run_effects_outside(app, store, effects, log, &mut outside).map_err(stopped)?;
                dirty = true;
            }
        }
        if app.needs_tick() && last_tick.elapsed() >= Duration::from_secs(1) {
            last_tick = Instant::now();
            let effects = app.update(Msg::Tick, Utc::now());
            run_effects_outside(app, store, effects, log, &mut outside).map_err(stopped)?;
            dirty = true;
        }
        let minute = Utc::now().timestamp() / 60;
        if minute != last_minute {
            last_minute = minute;
            let effects = app.update(Msg::Clock, Utc::now());
            run_effects_outside(app, store, effects, log, &mut outside).map_err(stopped)?;
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
    outside: &mut Vec<Effect>,
) -> anyhow::Result<()> {
    let sign_in = pin_check::take_sign_in(&mut effects);
    run_effects_outside(app, store, effects, log, outside).map_err(stopped)?;
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
    run_effects_at(app, store, effects, log, Utc::now, &mut Vec::new())
}

/// [`run_effects_logged`], keeping the effects that are not the store's
/// (the bell, alert commands) in `outside` for the loop to do.
///
/// # Errors
/// As [`run_effects_logged`].
pub fn run_effects_outside(
    app: &mut App,
    store: &mut Store,
    effects: Vec<Effect>,
    log: &Log,
    outside: &mut Vec<Effect>,
) -> Result<(), FileChange> {
    run_effects_at(app, store, effects, log, Utc::now, outside)
}

/// One message handled as the loop handles it (update, then its effects
/// against the store), at a fixed `now`: for the benches, which drive the
/// app without a terminal.
///
/// # Errors
/// As [`run_effects_logged`].
pub fn handle_at(app: &mut App, store: &mut Store, msg: Msg, now: Time) -> Result<(), FileChange> {
    let effects = app.update(msg, now);
    run_effects_at(app, store, effects, &Log::off(), || now, &mut Vec::new())
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
    run_effects_at(app, store, effects, &Log::off(), || now, &mut Vec::new())?;
    Ok(sign_in)
}

fn run_effects_at(
    app: &mut App,
    store: &mut Store,
    effects: Vec<Effect>,
    log: &Log,
    clock: impl Fn() -> Time,
    outside: &mut Vec<Effect>,
) -> Result<(), FileChange> {
    let mut queue: VecDeque<Effect> = effects.into();
    // A bound, so that no chain of answers can loop for ever.
    let mut budget = 64;
    while let Some(effect) = queue.pop_front() {
        if matches!(effect, Effect::Bell | Effect::RunHook { .. }) {
            outside.push(effect);
            continue;
        }
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

/// Do the alerts the app asked for: the bell written through the
/// terminal backend (one BEL however many asked at once), each command
/// spawned in the background.
fn alert(terminal: &mut DefaultTerminal, app: &App, effects: Vec<Effect>, log: &Log) {
    use std::io::Write;
    if effects.contains(&Effect::Bell) {
        let backend = terminal.backend_mut();
        // A terminal that cannot take a bell is no reason to stop.
        let _ = backend.write_all(b"\x07").and_then(|()| backend.flush());
    }
    for effect in effects {
        if let Effect::RunHook { kind, visit, door } = effect {
            hook::run(&app.config, (kind, visit, &door), log);
        }
    }
}

pub mod hook;
mod perform;
pub use perform::throttle;

/// What the kiosk reads before its first frame (sign-in or setup), and
/// the app in that state: the benches time exactly this.
///
/// # Errors
/// The database or key file cannot be opened.
pub fn before_first_frame(
    config: Config,
    db: &Path,
    key_file: &Path,
    now: Time,
) -> Result<(App, Store), StoreError> {
    let mut store = Store::open(db, key_file)?;
    store.set_door(&config.door);
    let first_run = store.user_count()? == 0;
    Ok((App::new(config, now, first_run), store))
}

/// The home screen's data, read right after the first frame and at each
/// sign-in (as [`Effect::Reload`] does), handed to the app.
///
/// # Errors
/// A query failed.
pub fn load_home(app: &mut App, store: &Store, now: Time) -> Result<(), StoreError> {
    let loaded = load(app, store, now)?;
    app.update(Msg::Answer(Answer::Loaded(Box::new(loaded))), now);
    Ok(())
}
use perform::{load, perform};

#[cfg(test)]
mod tests;
