//! `dc-access demo --visits N [--per-day K] [--seed S] [--until D]`: a
//! practice database of made-up history (see `crate::demo`), with the
//! demo accounts and their PINs printed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;

use super::{DemoArgs, Failure};
use crate::config::Config;
use crate::domain::days::day_bounds;
use crate::domain::visit::Role;
use crate::store::Store;

pub(super) fn demo(
    config: &Config,
    db: &Path,
    key: &Path,
    args: &DemoArgs,
) -> Result<ExitCode, Failure> {
    use crate::demo::{DemoError, DemoSpec, OPERATOR_PIN, SUPERVISOR_PIN};
    let mut store = Store::open(db, key)?;
    let started = std::time::Instant::now();
    let spec = DemoSpec {
        visits: args.visits,
        per_day: args.per_day,
        seed: args.seed,
        end: args.until.map_or_else(Utc::now, |d| {
            day_bounds(d, config.timezone).0 + chrono::Duration::hours(11)
        }),
    };
    let summary = crate::demo::build(&mut store, config, spec, |n| {
        tell_raw!("\r{n} of {} visits", args.visits);
    })
    .map_err(|e| match e {
        DemoError::Store(e) => Failure::from(e),
        other => Failure::input(other.to_string()),
    })?;
    tell!();
    // Written with `writeln!`: a closed stdout (`| head`) is not a panic.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "demo history in {}: {} visits, {} events, {} working days {} .. {} ({:.1} s)",
        db.display(),
        summary.visits,
        summary.events,
        summary.working_days,
        summary.first_day,
        summary.last_day,
        started.elapsed().as_secs_f64()
    );
    for (name, nip, role) in &summary.accounts {
        let pin = match role {
            Role::Supervisor => SUPERVISOR_PIN,
            Role::Operator => OPERATOR_PIN,
        };
        let _ = writeln!(
            out,
            "  {:<10} {name:<16} NIP {nip}  PIN {pin}",
            role.as_str()
        );
    }
    Ok(ExitCode::SUCCESS)
}
