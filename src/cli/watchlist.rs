//! `dc-access watchlist add|list|remove`: the watchlist (daftar tangkal)
//! from the shell. Adding and removing name a supervisor (`--as NIP`, PIN
//! without echo or `--pin-stdin`), like the account commands; each change
//! is one audit event, as from the kiosk.

use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;

use super::{Auth, Failure, padded_table, signed};
use crate::config::Config;
use crate::domain::days::local_date;
use crate::domain::nik::Nik;
use crate::domain::watchlist::{NewWatch, WatchEntry, WatchError, WatchId};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum WatchlistCommand {
    /// Add an entry: at least one of --nik, --name, --org; a reason; the
    /// last day it is valid.
    Add {
        /// The NIK (16 digits) of the person.
        #[arg(long, default_value = "")]
        nik: String,
        /// The person's name (compared without case, spaces, punctuation
        /// or diacritics).
        #[arg(long, default_value = "")]
        name: String,
        /// An organisation (compared the same way).
        #[arg(long, default_value = "")]
        org: String,
        /// Why the door must be warned.
        #[arg(long)]
        reason: String,
        /// The last valid day, DD-MM-YYYY or YYYY-MM-DD (the entry stops
        /// matching at the end of it).
        #[arg(long, value_name = "DATE")]
        until: String,
        #[command(flatten)]
        auth: Auth,
    },
    /// List the entries in force (NIK masked).
    List {
        /// Also removed and expired entries.
        #[arg(long)]
        all: bool,
    },
    /// Remove an entry (kept in the record, marked removed).
    Remove {
        /// The entry's number, as `list` shows it (`#3` or `3`).
        id: String,
        #[command(flatten)]
        auth: Auth,
    },
}

fn refused(e: &WatchError, config: &Config) -> Failure {
    let words = crate::text::watchlist::watch_text(config.language).error(e);
    match e {
        WatchError::Field { field, .. } => Failure::input(format!("{field:?}: {words}")),
        WatchError::NothingToMatch | WatchError::InThePast | WatchError::BadDate => {
            Failure::input(words)
        }
    }
}

fn describe(e: &WatchEntry, config: &Config) -> String {
    let last = (e.until - chrono::Duration::seconds(1)).with_timezone(&config.timezone);
    let who = [e.name.as_str(), e.organisation.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    format!(
        "#{} {} until {}",
        e.id.0,
        if who.is_empty() { masked(&e.nik) } else { who },
        crate::format::date(&last)
    )
}

fn masked(nik: &str) -> String {
    Nik::try_from(nik).map_or_else(|_| String::new(), |n| n.masked())
}

pub fn run(config: &Config, store: &mut Store, cmd: WatchlistCommand) -> Result<ExitCode, Failure> {
    let now = Utc::now();
    match cmd {
        WatchlistCommand::Add {
            nik,
            name,
            org,
            reason,
            until,
            auth,
        } => {
            let today = local_date(now, config.timezone);
            let new = NewWatch::parse(&nik, &name, &org, &reason, &until, today)
                .map_err(|e| refused(&e, config))?;
            let stamp = signed(config, store, &auth, "cli_watchlist_add")?;
            let e = store.add_watch(&new, config.timezone, stamp)?;
            say!("added {}", describe(&e, config));
            Ok(ExitCode::SUCCESS)
        }
        WatchlistCommand::List { all } => {
            let rows: Vec<[String; 7]> = store
                .watchlist(now, all)?
                .iter()
                .map(|e| {
                    let last =
                        (e.until - chrono::Duration::seconds(1)).with_timezone(&config.timezone);
                    let state = match e.removed {
                        Some(_) => "removed",
                        None if e.active(now) => "in force",
                        None => "expired",
                    };
                    [
                        format!("#{}", e.id.0),
                        masked(&e.nik),
                        e.name.clone(),
                        e.organisation.clone(),
                        e.reason.clone(),
                        crate::format::date(&last),
                        state.to_owned(),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "NIK",
                "NAME",
                "ORGANISATION",
                "REASON",
                "VALID UNTIL",
                "STATE",
            ];
            say_raw!("{}", padded_table(header, &rows, "(no entries)"));
            Ok(ExitCode::SUCCESS)
        }
        WatchlistCommand::Remove { id, auth } => {
            let n: i64 = id
                .trim()
                .trim_start_matches('#')
                .parse()
                .map_err(|_| Failure::input(format!("not an entry number: {id}")))?;
            // Named before the PIN is asked: a wrong number costs no PIN.
            let entry = store.watch_entry(WatchId(n))?;
            let stamp = signed(config, store, &auth, "cli_watchlist_remove")?;
            store.remove_watch(entry.id, stamp)?;
            say!("removed {}", describe(&entry, config));
            Ok(ExitCode::SUCCESS)
        }
    }
}
