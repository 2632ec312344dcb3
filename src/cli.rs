//! The command line: `dc-access [--config PATH] [--db PATH] [COMMAND]`.
//!
//! Without a command it runs the kiosk; the commands are for what is better
//! scripted than clicked: accounts, `verify` (audit chain), `backup`,
//! `report` and `anonymize`.
//!
//! Exit codes: 0 success, 1 a failed check (`verify`) or a runtime fault,
//! 2 bad input or configuration (clap's own usage errors also exit 2),
//! 3 not authenticated (a change without a supervisor's right PIN, see
//! [`auth`]). Every error is one line on stderr, `dc-access: <message>`.
//!
//! The arguments and subcommands are defined in [`args`]; this file runs
//! them.

mod anonymize;
mod args;
mod auth;
mod backup;
mod badges;
mod demo;
mod plans;
mod reports;
mod users;
mod verify;
mod watchlist;

use std::fmt;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use clap::Parser;

use crate::config::{self, Config, ConfigError};
use crate::domain::fields::FieldError;
use crate::paths::{self, Paths};
use crate::store::{Stamp, Store, StoreError};
use crate::text::field_errors::field_error_text;
pub use args::{
    AnonymizeArgs, BadgeCommand, Cli, Command, DemoArgs, ReportArgs, ReportFormat, RoleArg,
    UserCommand, VERSION_LINE, VerifyArgs,
};
pub use auth::{Auth, NOT_AUTHENTICATED, Refusal};

// ---------------------------------------------------------------------------
// Errors

/// A failed run: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Bad input or configuration: exit 2.
    fn input(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }

    /// A failed check or a runtime fault: exit 1.
    fn fault(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }

    fn field(label: &str, err: &FieldError, config: &Config) -> Self {
        Self::input(format!(
            "{label}: {}",
            field_error_text(err, config.language)
        ))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Self::input(e.to_string())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Sql(_) | StoreError::Hash(_) => Self::fault(e.to_string()),
            _ => Self::input(e.to_string()),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Self::fault(format!("{e:#}"))
    }
}

// ---------------------------------------------------------------------------
// Running

/// The program's entry point.
pub fn main() -> ExitCode {
    // Before anything is opened: whatever is created is owner-only.
    crate::files::owner_only_umask();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(f) => {
            tell!("dc-access: {f}");
            ExitCode::from(f.code)
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    // Needs no configuration: the pages come from the definitions in `args`.
    if let Some(Command::Generate { what, dir }) = &cli.command {
        return generate(*what, dir);
    }
    let cwd = std::env::current_dir()
        .map_err(|e| Failure::input(format!("cannot read the working directory: {e}")))?;
    let env = std::env::var_os(paths::CONFIG_ENV);
    let (config_file, source) = paths::find_config(
        cli.config.as_deref(),
        env.as_deref(),
        &cwd,
        Path::new(paths::SYSTEM_CONFIG),
    )?;
    let mut config = config::load(&config_file)?;
    if let Some(door) = cli.door {
        if let Some(why) = config::door_problem(&door) {
            return Err(Failure::input(format!("--door {door:?}: {why}")));
        }
        config.door = door;
    }
    let db_flag = cli.db.as_deref().map(|p| paths::absolute(&cwd, p));
    let paths = Paths::resolve(&config_file, source, &config, db_flag.as_deref());
    paths.apply(&mut config);
    let db = paths.database.clone();
    let key = paths.key.clone();
    let Some(command) = cli.command else {
        if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
            return Err(Failure::input(
                "the kiosk needs a terminal (stdin and stdout)",
            ));
        }
        let lang = config.language;
        crate::shell::run(config, &db, &key).map_err(|e| {
            // The database files changed under the kiosk: said in the UI language.
            match e.downcast_ref::<crate::store::FileChange>() {
                Some(change) => {
                    Failure::fault(crate::text::notice::files_changed_text(change, lang))
                }
                None => Failure::from(e),
            }
        })?;
        return Ok(ExitCode::SUCCESS);
    };
    let commits = matches!(
        command,
        Command::User(
            UserCommand::Add { .. }
                | UserCommand::Disable { .. }
                | UserCommand::Enable { .. }
                | UserCommand::Unlock { .. }
                | UserCommand::ResetPin { .. }
        ) | Command::Badge(BadgeCommand::Restore { .. })
            | Command::Anonymize(_)
    );
    let outcome = command_outcome(command, &config, &paths);
    if commits && outcome.is_ok() {
        // The chain head after a change: to stderr, and to the system log
        // as a witness of the record's end.
        if let Ok(head) = Store::open(&db, &key).and_then(|s| s.chain_head()) {
            crate::syslog::Log::cli().chain_head(&head);
        }
    }
    outcome
}

/// `generate man|completions DIR`: prints the files written.
fn generate(what: crate::generate::Generated, dir: &Path) -> Result<ExitCode, Failure> {
    let files = crate::generate::generate(what, dir)
        .map_err(|e| Failure::fault(format!("generate: {}: {e}", dir.display())))?;
    for f in files {
        say!("{}", f.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn command_outcome(command: Command, config: &Config, paths: &Paths) -> Result<ExitCode, Failure> {
    let (db, key) = (paths.database.clone(), paths.key.clone());
    match command {
        Command::User(UserCommand::Add {
            name,
            nip,
            role,
            auth,
        }) => users::user_add(config, &db, &key, (&name, &nip, role.into()), &auth),
        Command::User(cmd) => {
            let mut store = open_existing(&db, &key)?;
            users::user_command(config, &mut store, cmd)
        }
        Command::Verify(args) => verify::verify(&db, &key, &args),
        Command::Backup { out, keep } => {
            let store = open_existing(&db, &key)?;
            backup::run_backup(&store, paths, &out, keep, config)
        }
        Command::Restore { from, force, auth } => {
            backup::run_restore(&from, paths, force, config, &auth)
        }
        Command::Report(args) => {
            let store = open_read_only(&db, &key)?;
            reports::run_report(&args, config, &store)
        }
        Command::Anonymize(args) => {
            let mut store = open_existing(&db, &key)?;
            anonymize::run_anonymize(&args, config, &mut store)
        }
        Command::Badge(cmd) => badges::badge_command(config, &mut open_existing(&db, &key)?, &cmd),
        Command::Watchlist(cmd) => watchlist::run(config, &mut open_existing(&db, &key)?, cmd),
        Command::Plan(cmd) => plans::run(config, &mut open_existing(&db, &key)?, cmd),
        Command::Paths => {
            say_raw!("{paths}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(args) => demo::demo(config, &db, &key, &args),
        Command::Generate { what, dir } => generate(what, &dir),
    }
}

/// Opens a database that must exist already: a mistyped `--db` must not
/// quietly create an empty database and a fresh key file.
fn open_existing(db: &Path, key: &Path) -> Result<Store, Failure> {
    match db.try_exists() {
        Ok(true) => Ok(Store::open(db, key)?),
        Ok(false) => Err(Failure::input(format!(
            "database {} does not exist (it is created by the kiosk or `user add`)",
            db.display()
        ))),
        Err(e) => Err(Failure::input(format!(
            "cannot reach the database {}: {e}",
            db.display()
        ))),
    }
}

/// Opens an existing database only to read it (`report`, `verify`).
fn open_read_only(db: &Path, key: &Path) -> Result<Store, Failure> {
    match db.try_exists() {
        Ok(true) => Ok(Store::open_read_only(db, key)?),
        Ok(false) => Err(Failure::input(format!(
            "database {} does not exist",
            db.display()
        ))),
        Err(e) => Err(Failure::input(format!(
            "cannot reach the database {}: {e}",
            db.display()
        ))),
    }
}

/// The stamp of a change made by the supervisor named with `--as`, once
/// their PIN is right.
fn signed(
    config: &Config,
    store: &mut Store,
    auth: &Auth,
    purpose: &str,
) -> Result<Stamp, Failure> {
    let actor = auth::supervisor(config, store, auth, purpose)?;
    Ok(Stamp {
        actor: Some(actor),
        at: Utc::now(),
    })
}

/// A table padded by characters, two spaces between columns; `empty`
/// under the header when there is no row.
fn padded_table<const N: usize>(header: [&str; N], rows: &[[String; N]], empty: &str) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let mut l = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            l.push_str(cell);
            if i + 1 < cells.len() {
                l.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
            }
        }
        out.push_str(&l);
        out.push('\n');
    };
    line(&header);
    for row in rows {
        line(&row.each_ref().map(String::as_str));
    }
    if rows.is_empty() {
        out.push_str(empty);
        out.push('\n');
    }
    out
}
