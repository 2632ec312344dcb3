//! `dc-access backup --out DIR [--keep N]` and `dc-access restore FROM
//! [--force]`: a dated copy of the record (see `crate::backup`), and the
//! record put back from one after it is verified.

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;

use super::{Auth, Failure, auth};
use crate::config::Config;
use crate::paths::Paths;
use crate::store::Store;

fn backup_failure(e: crate::backup::BackupError) -> Failure {
    match e {
        crate::backup::BackupError::Input(m) => Failure::input(m),
        crate::backup::BackupError::Fault(m) => Failure::fault(m),
    }
}

pub(super) fn run_backup(
    store: &Store,
    paths: &Paths,
    out: &Path,
    keep: Option<usize>,
    config: &Config,
) -> Result<ExitCode, Failure> {
    let now = Utc::now().with_timezone(&config.tz());
    let (dir, removed) = crate::backup::backup(store, &paths.key, &paths.head, out, keep, now)
        .map_err(backup_failure)?;
    say!("backup written to {}", dir.display());
    for old in removed {
        say!("removed the old backup {}", old.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `dc-access restore FROM [--force] [--as NIP]`. Replacing a database
/// needs one of its supervisors (the PIN is checked against the database
/// being replaced, whose log keeps the attempt); restoring where there is
/// no database needs nobody, as creating the first account does.
pub(super) fn run_restore(
    from: &Path,
    paths: &Paths,
    force: bool,
    config: &Config,
    auth: &Auth,
) -> Result<ExitCode, Failure> {
    if force && paths.database.try_exists().unwrap_or(true) {
        let mut current = Store::open(&paths.database, &paths.key)?;
        auth::supervisor(config, &mut current, auth, "cli_restore")?;
    }
    let done = crate::backup::restore(
        from,
        &paths.database,
        &paths.key,
        &paths.head,
        force,
        Utc::now().with_timezone(&config.tz()),
    )
    .map_err(backup_failure)?;
    for aside in &done.kept_aside {
        say!("kept the replaced file as {}", aside.display());
    }
    say!(
        "restored {} ({} events, schema {}, written by dc-access {}) to {}",
        from.display(),
        done.manifest.events,
        done.manifest.schema_version,
        done.manifest.program_version,
        paths.database.display()
    );
    Ok(ExitCode::SUCCESS)
}
