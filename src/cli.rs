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

mod anonymize;
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
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::config::{self, Config, ConfigError};
use crate::domain::fields::FieldError;
use crate::domain::visit::Role;
use crate::paths::{self, Paths};
use crate::report;
use crate::store::{ChainHead, Stamp, Store, StoreError};
use crate::text::field_errors::field_error_text;
pub use auth::{Auth, NOT_AUTHENTICATED, Refusal};

// ---------------------------------------------------------------------------
// Definitions

/// `dc-access --version`: program version, schema version, commit.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (schema ",
    env!("DC_ACCESS_SCHEMA"),
    ", commit ",
    env!("DC_ACCESS_COMMIT"),
    ")"
);

/// Door console for the data-center access SOP.
///
/// Without a command, runs the kiosk on this terminal.
#[derive(Debug, Parser)]
#[command(name = "dc-access", version = VERSION_LINE, about, long_about = None)]
pub struct Cli {
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help = "Configuration file [default: $DC_ACCESS_CONFIG, else ./config/dc-access.toml, \
                else /etc/dc-access/dc-access.toml]"
    )]
    pub config: Option<PathBuf>,
    /// Database file, instead of the configuration's `store.database`
    /// (created with its folder on first use).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// This console's door, instead of the configuration's `door`: the
    /// visits started here record it.
    #[arg(long, value_name = "NAME")]
    pub door: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage operator and supervisor accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Check the whole record: the audit chain, every row against the
    /// replay of the events, and the end of the log against the head file.
    /// Opens the database read-only. Exit 1 on any difference.
    Verify(VerifyArgs),
    /// Write a dated backup folder: database, key, head file, manifest.
    Backup {
        /// The folder that holds the backups (created owner-only).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Keep only the newest N backups in DIR, removing older ones.
        #[arg(long, value_name = "N")]
        keep: Option<usize>,
    },
    /// Restore a backup folder written by `backup`, after verifying it.
    /// Replacing an existing database needs one of its supervisors (--as).
    Restore {
        /// The backup folder (`DIR/dc-access-YYYYMMDD-HHMMSS-ZONE`).
        #[arg(value_name = "FROM")]
        from: PathBuf,
        /// Replace an existing database (it is kept aside, not deleted).
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        auth: Auth,
    },
    /// Print or save a report of a day, a range of days, or one visit.
    Report(ReportArgs),
    /// Remove personal data of visits older than a date (retention).
    Anonymize(AnonymizeArgs),
    /// The watchlist (daftar tangkal): people or organisations the door is
    /// warned about. Adding and removing need a supervisor (--as).
    #[command(subcommand)]
    Watchlist(watchlist::WatchlistCommand),
    /// Planned visits (kunjungan terjadwal): register, list, cancel. A
    /// supervisor (--as) registers and may pre-approve them.
    #[command(subcommand)]
    Plan(plans::PlanCommand),
    /// Visitor badges: which are lost, and put a found one back in the pool.
    #[command(subcommand)]
    Badge(BadgeCommand),
    /// Print the configuration file, database, key file, head file and
    /// reports folder in use.
    Paths,
    /// Make a practice database: years of made-up visits, every step
    /// recorded as the kiosk records it. Refuses a database with real history.
    Demo(DemoArgs),
    /// Write the manual pages or the shell completions into DIR (for the
    /// Debian package; see `crate::generate`).
    #[command(hide = true)]
    Generate {
        #[arg(value_enum)]
        what: crate::generate::Generated,
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// `demo --visits N [--per-day K] [--seed S]`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Visits in all.
    #[arg(long, value_name = "N")]
    pub visits: u32,
    /// Visits on each working day.
    #[arg(long, value_name = "K", default_value_t = 40)]
    pub per_day: u32,
    /// The same seed makes the same history.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// End the history at 11:00 (local time) of this day instead of now.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum BadgeCommand {
    /// List the badges recorded lost (out of the pool).
    Lost,
    /// A lost badge was found: put it back into the pool (an audit event).
    Restore {
        /// The badge number, e.g. V-07.
        badge: String,
        #[command(flatten)]
        auth: Auth,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the PIN is asked twice without echo.
    Add {
        /// Full name.
        #[arg(long)]
        name: String,
        /// NIP, 18 digits.
        #[arg(long)]
        nip: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[command(flatten)]
        auth: Auth,
    },
    /// List all accounts.
    List,
    /// Disable an account (it is never deleted).
    Disable {
        /// NIP, exact name, or `#ID`.
        who: String,
        #[command(flatten)]
        auth: Auth,
    },
    /// Enable a disabled account.
    Enable {
        /// NIP, exact name, or `#ID`.
        who: String,
        #[command(flatten)]
        auth: Auth,
    },
    /// Unlock an account locked after wrong PINs.
    Unlock {
        /// NIP, exact name, or `#ID`.
        who: String,
        #[command(flatten)]
        auth: Auth,
    },
    /// Set a new PIN (also unlocks the account).
    ResetPin {
        /// NIP, exact name, or `#ID`.
        who: String,
        #[command(flatten)]
        auth: Auth,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Operator,
    Supervisor,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Operator => Role::Operator,
            RoleArg::Supervisor => Role::Supervisor,
        }
    }
}

/// `report --date D [--to D] --format pdf|txt|csv [--out FILE]` or
/// `report --visit N --format pdf|txt [--out FILE]` or
/// `report --month YYYY-MM --format pdf|csv [--out FILE]`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").required(true).args(["date", "visit", "month"])))]
pub struct ReportArgs {
    /// First (or only) day, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Last day of a range, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "date")]
    pub to: Option<NaiveDate>,
    /// One visit's record, by number.
    #[arg(long, value_name = "N", conflicts_with_all = ["date", "to"])]
    pub visit: Option<i64>,
    /// The monthly recap of a month, YYYY-MM (pdf or csv).
    #[arg(long, value_name = "YYYY-MM", value_parser = report::month::parse_month)]
    pub month: Option<NaiveDate>,
    #[arg(long, value_enum)]
    pub format: ReportFormat,
    /// Output file, `-` for stdout (default: stdout for txt and csv, a file
    /// under `report.reports_dir` for pdf).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// CSV separator, `;` or `,` (default: `document.csv_separator`).
    #[arg(long, value_name = "SEP", value_parser = parse_sep)]
    pub sep: Option<u8>,
    /// The operator who signs the visitor report, by NIP (default: the
    /// name is left blank to be written by hand).
    #[arg(long, value_name = "NIP", conflicts_with = "visit")]
    pub operator: Option<String>,
    /// Only the visits started at this door (`door` of its console).
    #[arg(long, value_name = "NAME")]
    pub door: Option<String>,
}

/// `;` or `,`.
fn parse_sep(s: &str) -> Result<u8, String> {
    match s {
        ";" => Ok(b';'),
        "," => Ok(b','),
        other => Err(format!(
            "`{other}` is not a CSV separator: use \";\" or \",\""
        )),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Pdf,
    Txt,
    Csv,
}

/// `verify [--expect-head N:HMAC]`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A chain head printed on a report (N:HMAC): event N must be there
    /// with this HMAC.
    #[arg(long, value_name = "N:HMAC", value_parser = parse_head)]
    pub expect_head: Option<ChainHead>,
    /// Check only what came after the last full verify that found the
    /// record intact (its head is kept beside the key, `<key>.verified`):
    /// that head is still there with its HMAC, every later link, the head
    /// file. The rows are not replayed. Without an earlier full verify, a
    /// full one is done and its head kept.
    #[arg(long)]
    pub since_head: bool,
}

fn parse_head(s: &str) -> Result<ChainHead, String> {
    s.parse()
}

/// `anonymize --before YYYY-MM-DD` or `anonymize --due`.
#[derive(Debug, Args)]
pub struct AnonymizeArgs {
    /// Anonymize visits that ended before this day.
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        value_parser = parse_date,
        required_unless_present = "due",
        conflicts_with = "due"
    )]
    pub before: Option<NaiveDate>,
    /// Anonymize every visit past the retention period
    /// (`report.retention_days`): the latest `--before` allowed today, as
    /// the supervisor's Home asks.
    #[arg(long)]
    pub due: bool,
    #[command(flatten)]
    pub auth: Auth,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date as YYYY-MM-DD, e.g. 2024-03-15"))
}

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
    // Needs no configuration: the pages come from the definitions above.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_line_names_the_schema_this_program_writes() {
        assert!(VERSION_LINE.contains(&format!(
            "(schema {}, commit ",
            crate::store::SCHEMA_VERSION
        )));
    }

    #[test]
    fn definitions_are_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn report_needs_date_or_visit() {
        let parse = |args: &[&str]| Cli::try_parse_from([&["dc-access"], args].concat());
        assert!(parse(&["report", "--format", "pdf"]).is_err());
        assert!(parse(&["report", "--date", "2024-03-15", "--format", "csv"]).is_ok());
        assert!(
            parse(&[
                "report",
                "--visit",
                "3",
                "--date",
                "2024-03-15",
                "--format",
                "txt"
            ])
            .is_err()
        );
        assert!(parse(&["report", "--date", "2024-3-15x", "--format", "txt"]).is_err());
        assert!(parse(&["anonymize", "--before", "2022-01-01"]).is_ok());
    }
}
