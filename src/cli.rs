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

mod auth;
mod plans;
mod watchlist;

use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Days, NaiveDate, Utc};
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::config::{self, Config, ConfigError};
use crate::domain::days::{day_bounds, local_date};
use crate::domain::fields::{FieldError, Nip, PersonName, Pin};
use crate::domain::visit::{Role, UserId, VisitId};
use crate::paths::{self, Paths};
use crate::report;
use crate::store::{ChainHead, HeadFileState, NewUser, Stamp, Store, StoreError, User};
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
        /// The backup folder (`DIR/dc-access-YYYYMMDD-HHMMSS`).
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

/// `anonymize --before YYYY-MM-DD`.
#[derive(Debug, Args)]
pub struct AnonymizeArgs {
    /// Anonymize visits that ended before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub before: NaiveDate,
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
            eprintln!("dc-access: {f}");
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
        println!("{}", f.display());
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
        }) => user_add(config, &db, &key, (&name, &nip, role.into()), &auth),
        Command::User(cmd) => {
            let mut store = open_existing(&db, &key)?;
            user_command(config, &mut store, cmd)
        }
        Command::Verify(args) => verify(&db, &key, &args),
        Command::Backup { out, keep } => {
            let store = open_existing(&db, &key)?;
            run_backup(&store, paths, &out, keep)
        }
        Command::Restore { from, force, auth } => run_restore(&from, paths, force, config, &auth),
        Command::Report(args) => {
            let store = open_read_only(&db, &key)?;
            run_report(&args, config, &store)
        }
        Command::Anonymize(args) => {
            let mut store = open_existing(&db, &key)?;
            run_anonymize(&args, config, &mut store)
        }
        Command::Badge(cmd) => badge_command(config, &mut open_existing(&db, &key)?, &cmd),
        Command::Watchlist(cmd) => watchlist::run(config, &mut open_existing(&db, &key)?, cmd),
        Command::Plan(cmd) => plans::run(config, &mut open_existing(&db, &key)?, cmd),
        Command::Paths => {
            print!("{paths}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(args) => demo(config, &db, &key, &args),
        Command::Generate { what, dir } => generate(what, &dir),
    }
}

fn demo(config: &Config, db: &Path, key: &Path, args: &DemoArgs) -> Result<ExitCode, Failure> {
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
        eprint!("\r{n} of {} visits", args.visits);
    })
    .map_err(|e| match e {
        DemoError::Store(e) => Failure::from(e),
        other => Failure::input(other.to_string()),
    })?;
    eprintln!();
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

fn badge_command(
    config: &Config,
    store: &mut Store,
    cmd: &BadgeCommand,
) -> Result<ExitCode, Failure> {
    match cmd {
        BadgeCommand::Lost => {
            let lost = store.lost_badges()?;
            if lost.is_empty() {
                println!("no badge is recorded lost");
            }
            for b in lost {
                println!("{b}");
            }
            Ok(ExitCode::SUCCESS)
        }
        BadgeCommand::Restore { badge, auth } => {
            let badge = crate::domain::badge::BadgeNo::try_from(badge.as_str())
                .map_err(|e| Failure::field("badge", &e, config))?;
            let stamp = signed(config, store, auth, "cli_badge_restore")?;
            if store.restore_badge(&badge, stamp)? {
                println!("badge {} is back in the pool", badge.trim());
                Ok(ExitCode::SUCCESS)
            } else {
                Err(Failure::input(format!(
                    "badge {} is not recorded lost",
                    badge.trim()
                )))
            }
        }
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

fn describe(u: &User) -> String {
    format!("{} #{} {}", u.role.as_str(), u.id.0, u.name)
}

/// `user add`: a supervisor (`--as`) adds an account; the first account of
/// an empty database is a supervisor and needs nobody.
fn user_add(
    config: &Config,
    db: &Path,
    key: &Path,
    (name, nip, role): (&str, &str, Role),
    auth: &Auth,
) -> Result<ExitCode, Failure> {
    let name = PersonName::try_from(name).map_err(|e| Failure::field("--name", &e, config))?;
    let nip = Nip::try_from(nip).map_err(|e| Failure::field("--nip", &e, config))?;
    // A missing file is an empty database: it is created only after the
    // new PIN is read.
    let mut store = match db.try_exists() {
        Ok(true) => Some(Store::open(db, key)?),
        Ok(false) | Err(_) => None,
    };
    let empty = match &store {
        Some(s) => s.user_count()? == 0,
        None => true,
    };
    let actor = if empty {
        auth::first_account(role, config)?;
        None
    } else if let Some(s) = store.as_mut() {
        Some(auth::supervisor(config, s, auth, "cli_user_add")?)
    } else {
        None
    };
    let pin = read_pin(config, auth.pin_stdin, nip.as_str())?;
    let mut store = match store {
        Some(s) => s,
        None => Store::open(db, key)?,
    };
    let user = store.create_user(
        &NewUser {
            name,
            nip,
            role,
            pin,
        },
        Stamp {
            actor,
            at: Utc::now(),
        },
    )?;
    println!("created {}", describe(&user));
    Ok(ExitCode::SUCCESS)
}

/// Reads a new PIN: one line of stdin, or twice from the terminal without
/// echo. Trivial PINs are refused.
fn read_pin(config: &Config, from_stdin: bool, nip: &str) -> Result<Pin, Failure> {
    let parse =
        |raw: &str| Pin::for_account(raw, nip).map_err(|e| Failure::field("PIN", &e, config));
    if from_stdin {
        return parse(&auth::read_secret(true, "")?);
    }
    let first = auth::read_secret(false, "New PIN (6-12 digits): ")?;
    let pin = parse(&first)?;
    let second = auth::read_secret(false, "New PIN again: ")?;
    if Pin::try_from(second.as_str()).ok().as_ref() != Some(&pin) {
        return Err(Failure::field("PIN", &FieldError::PinMismatch, config));
    }
    Ok(pin)
}

/// `WHO`: `#ID` or a short number is an account id; otherwise a NIP (spaces
/// allowed) or an exact name.
fn find(store: &Store, who: &str) -> Result<User, Failure> {
    let who = who.trim();
    let id_text = who.strip_prefix('#').unwrap_or(who);
    let is_id =
        !id_text.is_empty() && id_text.len() < 18 && id_text.bytes().all(|b| b.is_ascii_digit());
    if is_id {
        let id = id_text
            .parse::<i64>()
            .map_err(|_| Failure::input(format!("no such account: {who}")))?;
        return Ok(store.user(UserId(id))?);
    }
    if who.starts_with('#') {
        return Err(Failure::input(format!(
            "`{who}`: an account id is `#` and a number, e.g. #3"
        )));
    }
    match Nip::try_from(who) {
        Ok(nip) => Ok(store.find_user(nip.as_str())?),
        Err(_) => Ok(store.find_user(who)?),
    }
}

fn user_command(config: &Config, store: &mut Store, cmd: UserCommand) -> Result<ExitCode, Failure> {
    match cmd {
        // Handled by `run`: it may create the database.
        UserCommand::Add { .. } => Err(Failure::fault("internal: `user add` misrouted")),
        UserCommand::List => {
            print!("{}", user_table(&store.users()?));
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Disable { who, auth } => {
            let u = find(store, &who)?;
            if u.active {
                let stamp = signed(config, store, &auth, "cli_user_disable")?;
                let u = store.disable_user(u.id, stamp)?;
                println!("disabled {}", describe(&u));
            } else {
                println!("{} is already disabled", describe(&u));
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Enable { who, auth } => {
            let u = find(store, &who)?;
            if u.active {
                println!("{} is already active", describe(&u));
            } else {
                let stamp = signed(config, store, &auth, "cli_user_enable")?;
                let u = store.enable_user(u.id, stamp)?;
                println!("enabled {}", describe(&u));
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Unlock { who, auth } => {
            let u = find(store, &who)?;
            if u.locked || u.failed_pins > 0 {
                let stamp = signed(config, store, &auth, "cli_user_unlock")?;
                let u = store.unlock_user(u.id, stamp)?;
                println!("unlocked {}", describe(&u));
            } else {
                println!("{} is not locked", describe(&u));
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::ResetPin { who, auth } => {
            let u = find(store, &who)?;
            let stamp = signed(config, store, &auth, "cli_user_reset_pin")?;
            let pin = read_pin(config, auth.pin_stdin, &u.nip)?;
            let u = store.reset_pin(u.id, &pin, stamp)?;
            println!("new PIN set for {}", describe(&u));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The `user list` table, padded by characters.
fn user_table(users: &[User]) -> String {
    let header = [
        "ID",
        "NAME",
        "NIP",
        "ROLE",
        "STATUS",
        "LOCKED",
        "FAILED PINS",
    ];
    let rows: Vec<[String; 7]> = users
        .iter()
        .map(|u| {
            [
                format!("#{}", u.id.0),
                u.name.clone(),
                u.nip.clone(),
                u.role.as_str().to_owned(),
                if u.active { "active" } else { "disabled" }.to_owned(),
                if u.locked { "locked" } else { "no" }.to_owned(),
                u.failed_pins.to_string(),
            ]
        })
        .collect();
    padded_table(header, &rows, "(no accounts)")
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

/// `dc-access verify`: exit 0 when the record proves itself, 1 on any
/// difference (tampering of any kind, a key that does not belong), 2 when
/// the check cannot run (no database, no key file).
fn verify(db: &Path, key: &Path, args: &VerifyArgs) -> Result<ExitCode, Failure> {
    let store = match open_read_only(db, key) {
        Ok(s) => s,
        // A key file that is there but wrong (padded, not hex) is a finding.
        Err(f) if key.exists() && f.message.starts_with("key file") => {
            return Err(Failure::fault(format!("verify: {f}")));
        }
        Err(f) => return Err(f),
    };
    if args.since_head
        && args.expect_head.is_none()
        && let Some(from) = store.last_verified()?
    {
        return verify_since(&store, &from);
    }
    let audit = store.audit(args.expect_head.as_ref())?;
    if !audit.is_intact() {
        let mut err = std::io::stderr().lock();
        for p in &audit.problems {
            let _ = writeln!(err, "dc-access: verify: {p}");
        }
        let shown = audit.problems.len() as u64;
        if audit.problem_count > shown {
            let _ = writeln!(
                err,
                "dc-access: verify: … and {} more",
                audit.problem_count - shown
            );
        }
        return Err(Failure::fault(format!(
            "verify found {} problem(s): the record was changed outside dc-access",
            audit.problem_count
        )));
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} events, chain intact; {} visits, {} accounts, {} lost badges, {} day reviews, \
         {} watchlist entries, {} plans replay from the events",
        audit.head.events,
        audit.visits,
        audit.accounts,
        audit.lost_badges,
        audit.day_reviews,
        audit.watchlist,
        audit.plans
    );
    let _ = match audit.head_file {
        HeadFileState::Matches => writeln!(
            out,
            "head {} matches the head file {}",
            audit.head,
            store.head_path().display()
        ),
        HeadFileState::Missing | HeadFileState::Differs => writeln!(
            out,
            "head {}; no head file at {}: the end of the log was not checked \
             (give --expect-head N:HMAC from a report)",
            audit.head,
            store.head_path().display()
        ),
    };
    if let Some(h) = &args.expect_head {
        let _ = writeln!(out, "event {} matches the expected head", h.events);
    }
    // Where `verify --since-head` starts next time: kept once asked for
    // (a plain verify creates no file: it also runs on read-only copies).
    // A place that cannot keep it only makes the next check a full one.
    if (args.since_head || crate::store::verified_path(store.key_path()).exists())
        && let Err(e) = store.record_verified(&audit.head)
    {
        let _ = writeln!(out, "(not recorded for --since-head: {e})");
    }
    Ok(ExitCode::SUCCESS)
}

/// `verify --since-head`: only the links after the last full verify.
fn verify_since(store: &Store, from: &ChainHead) -> Result<ExitCode, Failure> {
    let found = store.verify_since(from)?;
    if !found.is_intact() {
        let mut err = std::io::stderr().lock();
        for p in &found.problems {
            let _ = writeln!(err, "dc-access: verify: {p}");
        }
        return Err(Failure::fault(format!(
            "verify --since-head found {} problem(s): the record was changed outside dc-access",
            found.problems.len()
        )));
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "checked only the new part: events {}..{} ({} links) after the verified head {}, \
         which is still in place; rows not replayed (run `dc-access verify` for that)",
        found.from.events + 1,
        found.head.events,
        found.checked,
        found.from.events,
    );
    let _ = match found.head_file_matches {
        Some(_) => writeln!(
            out,
            "head {} matches the head file {}",
            found.head,
            store.head_path().display()
        ),
        None => writeln!(
            out,
            "head {}; no head file at {}: the end of the log was not checked",
            found.head,
            store.head_path().display()
        ),
    };
    Ok(ExitCode::SUCCESS)
}

fn backup_failure(e: crate::backup::BackupError) -> Failure {
    match e {
        crate::backup::BackupError::Input(m) => Failure::input(m),
        crate::backup::BackupError::Fault(m) => Failure::fault(m),
    }
}

fn run_backup(
    store: &Store,
    paths: &Paths,
    out: &Path,
    keep: Option<usize>,
) -> Result<ExitCode, Failure> {
    let (dir, removed) =
        crate::backup::backup(store, &paths.key, &paths.head, out, keep, Utc::now())
            .map_err(backup_failure)?;
    println!("backup written to {}", dir.display());
    for old in removed {
        println!("removed the old backup {}", old.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `dc-access restore FROM [--force] [--as NIP]`. Replacing a database
/// needs one of its supervisors (the PIN is checked against the database
/// being replaced, whose log keeps the attempt); restoring where there is
/// no database needs nobody, as creating the first account does.
fn run_restore(
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
        Utc::now(),
    )
    .map_err(backup_failure)?;
    for aside in &done.kept_aside {
        println!("kept the replaced file as {}", aside.display());
    }
    println!(
        "restored {} ({} events, schema {}, written by dc-access {}) to {}",
        from.display(),
        done.manifest.events,
        done.manifest.schema_version,
        done.manifest.program_version,
        paths.database.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `dc-access report`: the visitor report of a day or range (PDF, text,
/// CSV) or one visit's form / activity report (PDF, text).
///
/// Text and CSV go to stdout unless `--out FILE`; a PDF goes to `--out FILE`
/// or, without it, into `report.reports_dir` (the path is printed).
/// `--out -` is stdout for every format, so `... --format pdf --out - | lp -d
/// NAME` prints.
fn run_report(args: &ReportArgs, config: &Config, store: &Store) -> Result<ExitCode, Failure> {
    let now = Utc::now();
    let t = report::report_text(config.language);
    let ext = match args.format {
        ReportFormat::Pdf => "pdf",
        ReportFormat::Txt => "txt",
        ReportFormat::Csv => "csv",
    };
    let pdf_failed = |e: report::PdfError| Failure::fault(e.to_string());
    if let (_, Some(problem)) = report::build::office(config) {
        eprintln!("warning: {problem}");
    }
    let (bytes, file_name) = match (args.visit, args.date) {
        _ if args.month.is_some() => month_bytes(args, config, store, now)?,
        (Some(n), _) => {
            let doc = report::visit_doc(store, VisitId(n), config, now)?;
            let bytes = match args.format {
                ReportFormat::Pdf => report::visit_pdf(&doc, t).map_err(pdf_failed)?,
                ReportFormat::Txt => report::visit_txt(&doc, t).into_bytes(),
                ReportFormat::Csv => {
                    return Err(Failure::input(
                        "--format csv is for the visitor report of a day or range \
                         (--date); a visit's report is --format pdf or txt",
                    ));
                }
            };
            (bytes, report::file_name_for_visit(VisitId(n), ext))
        }
        (None, Some(from)) => {
            let to = args.to.unwrap_or(from);
            if to < from {
                return Err(Failure::input(format!("--to {to} is before --date {from}")));
            }
            let operator = report_operator(args, store)?;
            let sep = args.sep.unwrap_or_else(|| config.document.csv_byte());
            let door = args.door.as_deref();
            let report = || report::day_report_at(store, door, (from, to), config, now, operator);
            let bytes = match args.format {
                ReportFormat::Pdf => report::day_pdf(&report()?, t).map_err(pdf_failed)?,
                ReportFormat::Txt => report::day_txt(&report()?, t).into_bytes(),
                // Rows straight from the query to the output: the CSV
                // carries no counts.
                ReportFormat::Csv => {
                    return csv_report(args, store, door, (from, to), config, (t, sep));
                }
            };
            (
                bytes,
                report::with_door(&report::file_name_for_days(from, to, ext), door),
            )
        }
        (None, None) => return Err(Failure::input("give --date, --month or --visit")),
    };
    let to_stdout = |bytes: &[u8]| {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| Failure::fault(format!("cannot write the report to stdout: {e}")))
    };
    match args.out.as_deref() {
        Some(p) if p == Path::new("-") => to_stdout(&bytes)?,
        Some(p) => {
            crate::files::write_private(p, &bytes)
                .map_err(|e| Failure::input(format!("cannot write {}: {e}", p.display())))?;
            println!("report written to {}", p.display());
        }
        None if args.format == ReportFormat::Pdf => {
            let path = report::save(config, &bytes, &file_name)
                .map_err(|e| Failure::input(e.to_string()))?;
            println!("report saved to {}", path.display());
        }
        None => to_stdout(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A day or range's CSV written as it is read: to `--out FILE` (owner
/// only, synced) or stdout, never held whole in memory.
fn csv_report(
    args: &ReportArgs,
    store: &Store,
    door: Option<&str>,
    days: (NaiveDate, NaiveDate),
    config: &Config,
    words: (&report::ReportText, u8),
) -> Result<ExitCode, Failure> {
    let now = Utc::now();
    let failed = |what: &str, e: report::SheetError| match e {
        report::SheetError::Store(e) => Failure::from(e),
        report::SheetError::Write(e) => Failure::fault(format!("cannot write {what}: {e}")),
    };
    match args.out.as_deref() {
        Some(p) if p != Path::new("-") => {
            let what = p.display().to_string();
            let file = crate::files::create_private(p)
                .map_err(|e| Failure::input(format!("cannot write {what}: {e}")))?;
            let file = report::write_day_csv(store, door, days, config, now, words, file)
                .map_err(|e| failed(&what, e))?;
            file.sync_all()
                .map_err(|e| Failure::fault(format!("cannot write {what}: {e}")))?;
            println!("report written to {what}");
        }
        _ => {
            let out = std::io::stdout().lock();
            let mut out = report::write_day_csv(store, door, days, config, now, words, out)
                .map_err(|e| failed("the report to stdout", e))?;
            out.flush()
                .map_err(|e| Failure::fault(format!("cannot write the report to stdout: {e}")))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The account named by `report --operator NIP`, if any.
fn report_operator(args: &ReportArgs, store: &Store) -> Result<Option<UserId>, Failure> {
    let Some(nip) = args.operator.as_deref().map(str::trim) else {
        return Ok(None);
    };
    let user = store.users()?.into_iter().find(|u| u.nip == nip);
    user.map(|u| Some(u.id))
        .ok_or_else(|| Failure::input(format!("--operator: no account has NIP {nip}")))
}

/// `report --month YYYY-MM --format pdf|csv`: the monthly recap's bytes
/// and file name.
fn month_bytes(
    args: &ReportArgs,
    config: &Config,
    store: &Store,
    now: chrono::DateTime<Utc>,
) -> Result<(Vec<u8>, String), Failure> {
    let Some(month) = args.month else {
        return Err(Failure::input("give --month YYYY-MM"));
    };
    let t = report::report_text(config.language);
    let operator = report_operator(args, store)?;
    let door = args.door.as_deref();
    let r = report::month_report_at(store, door, month, config, now, (None, operator))?;
    let bytes = match args.format {
        ReportFormat::Pdf => report::month_pdf(&r, t).map_err(|e| Failure::fault(e.to_string()))?,
        ReportFormat::Csv => report::month_csv(
            &r,
            t,
            args.sep.unwrap_or_else(|| config.document.csv_byte()),
        ),
        ReportFormat::Txt => {
            return Err(Failure::input(
                "the monthly recap (--month) is --format pdf or csv",
            ));
        }
    };
    let ext = if args.format == ReportFormat::Pdf {
        "pdf"
    } else {
        "csv"
    };
    Ok((
        bytes,
        report::with_door(&report::file_name_for_month(month, ext), door),
    ))
}

/// `dc-access anonymize --before D`: the personal fields of visits closed
/// before the start of local day D. D may be no later than today minus
/// `report.retention_days`.
fn run_anonymize(
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
    if args.before > latest {
        return Err(Failure::input(format!(
            "--before {} is within the retention period ({} days, `report.retention_days`); \
             the latest date allowed today is {latest}",
            args.before, config.report.retention_days
        )));
    }
    let stamp = signed(config, store, &args.auth, "cli_anonymize")?;
    let n = store.anonymize_before(args.before, tz, stamp)?;
    println!(
        "anonymized {n} visit(s) closed before {} ({})",
        args.before,
        now.with_timezone(&tz).format("%Z")
    );
    Ok(ExitCode::SUCCESS)
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
