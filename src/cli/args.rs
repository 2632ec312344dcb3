//! The command line's definitions: the clap types of `dc-access`'s
//! arguments and subcommands, their value parsers, and the version line.
//! What they parse is run by [`super`]; the manual pages and completions
//! are made from them (`crate::generate`).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use super::{Auth, plans, watchlist};
use crate::domain::visit::Role;
use crate::report;
use crate::store::ChainHead;

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
