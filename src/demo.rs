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
//!
//! Here: what to make ([`DemoSpec`]), the loop over the working days and
//! what was made ([`DemoSummary`]). One day's walk (the visits' steps, the
//! sign-ins, the supervisor's work) is in `day`, the visitors' forms in
//! `forms`, the watchlist and the plans in `desk`, the names and words
//! drawn from in `words`.

mod day;
mod desk;
mod forms;
mod words;

use day::Gen;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::config::Config;
use crate::domain::badge::BadgeNo;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::fields::{FieldError, Nip, PersonName, Pin};
use crate::domain::visit::{Role, Time};
use crate::store::{History, NewUser, Stamp, Store, StoreError};
use words::{OPERATORS, SUPERVISORS};

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
