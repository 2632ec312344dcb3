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

use crate::app::{
    AccountChange, App, Effect, Msg, PAGE_SIZE, Screen, UNREVIEWED_LIMIT, disable_refusal,
    month_end, month_start,
};
use crate::config::Config;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::fields::Pin;
use crate::domain::visit::{Command, Role, Status, Time, TransitionError};
use crate::report::output::{Delivered, deliver, file_name_for_days, file_name_for_visit};
use crate::store::{LogSort, Page, PinCheck, Stamp, Store, StoreError, Throttle};

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
    if app.is_supervisor() {
        let days = store.unreviewed_days(today, app.config.timezone, UNREVIEWED_LIMIT)?;
        app.on_unreviewed(days);
    }
    Ok(())
}

/// After another console's change: reload lists, and if the visit on
/// screen moved on (e.g. approved at the supervisor's desk), follow it.
fn refresh(app: &mut App, store: &mut Store) {
    if let Err(e) = reload(app, store) {
        app.on_error(error_text(app, &e));
        return;
    }
    let shown = match &app.screen {
        Screen::Approval(a) => Some(&a.visit),
        Screen::Review(r) | Screen::ReturnId(r) => Some(&r.visit),
        Screen::Badge(b) => Some(&b.visit),
        Screen::Checkout(c) => Some(&c.visit),
        Screen::Archive(a) => Some(&a.visit),
        Screen::Setup(_)
        | Screen::SignIn(_)
        | Screen::Home(_)
        | Screen::Form(_)
        | Screen::Accounts(_)
        | Screen::DayLog(_)
        | Screen::Counts(_)
        | Screen::Search(_)
        | Screen::Detail(_)
        | Screen::EndOfShift(_) => None,
    };
    if let Some(v) = shown
        && let Ok(fresh) = store.visit(v.id)
        && (fresh.status != v.status || fresh.id_returned_at != v.id_returned_at)
    {
        let events = store.visit_events(fresh.id).unwrap_or_default();
        app.on_visit(fresh, events);
    }
    // The desk screens: run their query again.
    if let Some(query) = app.screen_query()
        && let Err(e) = perform(app, store, query, Utc::now())
    {
        app.on_error(error_text(app, &e));
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
        Effect::SetUserActive { user, active } => {
            let changed = if active {
                store.enable_user(user, stamp)?
            } else {
                // Checked again against the database: another console may
                // have disabled a supervisor meanwhile.
                let users = store.users()?;
                let me = app.on_duty.as_ref().map(|u| u.id);
                if let Some(why) = disable_refusal(&users, user, me) {
                    let name = store.user(user)?.name;
                    app.on_account_refused(why, &name);
                    return Ok(());
                }
                store.disable_user(user, stamp)?
            };
            reload(app, store)?;
            let change = if active {
                AccountChange::Enabled
            } else {
                AccountChange::Disabled
            };
            app.on_account_changed(&changed, change);
        }
        Effect::UnlockUser(user) => {
            let changed = store.unlock_user(user, stamp)?;
            reload(app, store)?;
            app.on_account_changed(&changed, AccountChange::Unlocked);
        }
        Effect::ResetPin { user, pin } => {
            // Checked by the form; a failure here is only defensive.
            if let Ok(pin) = Pin::try_from(pin.as_str()) {
                let changed = store.reset_pin(user, &pin, stamp)?;
                reload(app, store)?;
                app.on_account_changed(&changed, AccountChange::PinReset);
            }
        }
        Effect::LoadDayLog {
            day,
            view,
            newest_first,
            offset,
        } => {
            let tz = app.config.timezone;
            let (from, to) = day_bounds(day, tz);
            let sort = if newest_first {
                LogSort::TimeDesc
            } else {
                LogSort::TimeAsc
            };
            let page = Page {
                offset,
                limit: PAGE_SIZE,
            };
            let standard = app.config.standards.inside;
            let (rows, total) = store.day_log(from, to, view, sort, page, now, standard)?;
            let review = store.day_review(day)?.map(Into::into);
            let query = Effect::LoadDayLog {
                day,
                view,
                newest_first,
                offset,
            };
            app.on_day_log(&query, rows, total, review);
        }
        Effect::MarkReviewed { day, note } => {
            store.mark_day_reviewed(day, &note, stamp)?;
            app.on_day_reviewed(day);
            if let Some(query) = app.screen_query() {
                perform(app, store, query, now)?;
            }
        }
        Effect::LoadCounts { day, month } => {
            let tz = app.config.timezone;
            let standards = app.config.standards;
            let (from, to) = day_bounds(day, tz);
            let day_stats = store.range_stats(from, to, now, &standards)?;
            let from = day_bounds(month_start(month), tz).0;
            let to = day_bounds(month_end(month), tz).1;
            let month_stats = store.range_stats(from, to, now, &standards)?;
            let query = Effect::LoadCounts { day, month };
            app.on_counts(&query, day_stats, month_stats);
        }
        Effect::Search { query, offset } => {
            let page = Page {
                offset,
                limit: PAGE_SIZE,
            };
            let results = store.search_visits(&query, page)?;
            app.on_search(&Effect::Search { query, offset }, results);
        }
        Effect::OpenDetail(id) => {
            let v = store.visit(id)?;
            let events = store.visit_events(id)?;
            app.on_detail(v, events);
        }
        Effect::LoadEndOfShift => {
            let list = store.end_of_shift()?;
            app.on_end_of_shift(list);
        }
        Effect::PrintVisit(id) => {
            let doc = crate::report::build::visit_doc(store, id, &app.config, now)?;
            let txt = crate::report::report_text(app.config.language);
            let name = file_name_for_visit(id, "pdf");
            let outcome = crate::report::visit_pdf(&doc, txt)
                .map_err(std::io::Error::from)
                .and_then(|bytes| deliver(&app.config, &bytes, &name));
            delivered(app, outcome);
        }
        Effect::PrintDay(day) => {
            let operator = app.on_duty.as_ref().map(|u| u.id);
            let report =
                crate::report::build::day_report(store, day, day, &app.config, now, operator)?;
            let txt = crate::report::report_text(app.config.language);
            let name = file_name_for_days(day, day, "pdf");
            let outcome = crate::report::day_pdf(&report, txt)
                .map_err(std::io::Error::from)
                .and_then(|bytes| deliver(&app.config, &bytes, &name));
            delivered(app, outcome);
        }
        Effect::PrintEndOfShift => {
            // What is true now, not what was last shown.
            let list = store.end_of_shift()?;
            let by = app.on_duty.as_ref().map(|u| u.id);
            let doc = crate::report::build::shift_doc(store, &list, &app.config, now, by)?;
            app.on_end_of_shift(list);
            let txt = crate::report::report_text(app.config.language);
            let today = local_date(now, app.config.timezone);
            let name = file_name_for_days(today, today, "pdf").replacen('.', "-akhir-shift.", 1);
            let outcome = crate::report::shift_pdf(&doc, txt)
                .map_err(std::io::Error::from)
                .and_then(|bytes| deliver(&app.config, &bytes, &name));
            delivered(app, outcome);
        }
        Effect::AddCorrection { visit, reason } => {
            store.add_correction(visit, &reason, stamp)?;
            let v = store.visit(visit)?;
            let events = store.visit_events(visit)?;
            app.on_detail(v, events);
            app.overlay = Some(crate::app::Overlay::Notice(
                app.desk()
                    .correction_recorded
                    .replace("{n}", &visit.0.to_string()),
            ));
        }
        Effect::RestoreBadge(badge) => {
            let d = app.desk();
            if store.restore_badge(&badge, stamp)? {
                reload(app, store)?;
                app.on_end_of_shift(store.end_of_shift()?);
                app.overlay = Some(crate::app::Overlay::Notice(
                    d.badge_restored.replace("{badge}", &badge),
                ));
            } else {
                app.on_error(d.badge_not_lost.replace("{badge}", &badge));
            }
        }
    }
    Ok(())
}

/// Say where a document went, or that it could not be printed or saved.
fn delivered(app: &mut App, outcome: std::io::Result<Delivered>) {
    match outcome {
        Ok(Delivered::Printed { command }) => app.on_delivered(true, &command),
        Ok(Delivered::Saved(path)) => app.on_delivered(false, &path.display().to_string()),
        Err(e) => {
            let t = app.text();
            app.on_error(format!("{}: {e}", t.not_recorded));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{AccountsState, EndOfShiftState, NewUserInput, Overlay};
    use crate::domain::fields::{Nip, PersonName};
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
        reload(&mut app, &store).unwrap();
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
        assert_eq!(last.action, "correction");
        assert_eq!(last.actor, Some(actor.id));
        assert!(last.details.contains(&reason));
        assert!(matches!(&app.screen, Screen::Detail(d) if d.events.len() == 2));
        assert!(matches!(app.overlay, Some(Overlay::Notice(_))));
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
            vec![Effect::RestoreBadge("V-09".into())],
        );
        assert!(
            matches!(&app.overlay, Some(Overlay::Error(m)) if m.contains("V-09")),
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
            pin: "739164".into(),
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
                    pin: "551937".into(),
                },
            ],
        );
        assert!(app.overlay.is_none(), "{:?}", app.overlay);
        assert!(!store.user(andi).unwrap().active);
        let Screen::Accounts(a) = &app.screen else {
            panic!("accounts")
        };
        assert!(a.message.as_deref().unwrap().contains("Andi"));
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
        let Some(Overlay::Notice(msg)) = &app.overlay else {
            panic!("{:?}", app.overlay)
        };
        assert!(msg.contains("reports"), "{msg}");
        let files: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
            .unwrap()
            .collect();
        assert_eq!(files.len(), 1);
    }
}
