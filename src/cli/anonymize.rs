//! `dc-access anonymize --before D` or `--due`: retention, the personal
//! data of visits closed before a day removed, signed by a supervisor.

use std::process::ExitCode;

use chrono::{Days, NaiveDate, Utc};

use super::{AnonymizeArgs, Failure, signed};
use crate::config::Config;
use crate::domain::days::local_date;
use crate::store::Store;

/// `dc-access anonymize --before D`: the personal fields of visits closed
/// before the start of local day D. D may be no later than today minus
/// `report.retention_days`, which is the day `--due` takes.
pub(super) fn run_anonymize(
    args: &AnonymizeArgs,
    config: &Config,
    store: &mut Store,
) -> Result<ExitCode, Failure> {
    let now = Utc::now();
    let tz = config.tz();
    let today = local_date(now, tz);
    let latest = today
        .checked_sub_days(Days::new(u64::from(config.report.retention_days)))
        .unwrap_or(NaiveDate::MIN);
    let before = args.before.unwrap_or(latest);
    if before > latest {
        return Err(Failure::input(format!(
            "--before {before} is within the retention period ({} days, `report.retention_days`); \
             the latest date allowed today is {latest}",
            config.report.retention_days
        )));
    }
    let stamp = signed(config, store, &args.auth, "cli_anonymize")?;
    let n = store.anonymize_before(before, tz, stamp)?;
    say!(
        "anonymized {n} visit(s) closed before {before} ({})",
        now.with_timezone(&tz).format("%Z")
    );
    Ok(ExitCode::SUCCESS)
}
