//! `dc-access user add|list|disable|enable|unlock|reset-pin`: the
//! accounts from the shell. Every change but the first account names a
//! supervisor (`--as NIP`) whose PIN is checked.

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;

use super::{Auth, Failure, UserCommand, auth, padded_table, signed};
use crate::config::Config;
use crate::domain::fields::{FieldError, Nip, PersonName, Pin};
use crate::domain::visit::{Role, UserId};
use crate::store::{NewUser, Stamp, Store, User};

/// An account as the commands name it: role, number, name.
fn describe(u: &User) -> String {
    format!("{} #{} {}", u.role.as_str(), u.id.0, u.name)
}

/// `user add`: a supervisor (`--as`) adds an account; the first account of
/// an empty database is a supervisor and needs nobody.
pub(super) fn user_add(
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
    say!("created {}", describe(&user));
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

pub(super) fn user_command(
    config: &Config,
    store: &mut Store,
    cmd: UserCommand,
) -> Result<ExitCode, Failure> {
    match cmd {
        // Handled by `run`: it may create the database.
        UserCommand::Add { .. } => Err(Failure::fault("internal: `user add` misrouted")),
        UserCommand::List => {
            say_raw!("{}", user_table(&store.users()?));
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Disable { who, auth } => {
            let u = find(store, &who)?;
            if u.active {
                let stamp = signed(config, store, &auth, "cli_user_disable")?;
                let u = store.disable_user(u.id, stamp)?;
                say!("disabled {}", describe(&u));
            } else {
                say!("{} is already disabled", describe(&u));
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Enable { who, auth } => {
            let u = find(store, &who)?;
            if u.active {
                say!("{} is already active", describe(&u));
            } else {
                let stamp = signed(config, store, &auth, "cli_user_enable")?;
                let u = store.enable_user(u.id, stamp)?;
                say!("enabled {}", describe(&u));
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Unlock { who, auth } => {
            let u = find(store, &who)?;
            if u.locked || u.failed_pins > 0 {
                let stamp = signed(config, store, &auth, "cli_user_unlock")?;
                let u = store.unlock_user(u.id, stamp)?;
                say!("unlocked {}", describe(&u));
            } else {
                say!("{} is not locked", describe(&u));
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::ResetPin { who, auth } => {
            let u = find(store, &who)?;
            let stamp = signed(config, store, &auth, "cli_user_reset_pin")?;
            let pin = read_pin(config, auth.pin_stdin, &u.nip)?;
            let u = store.reset_pin(u.id, &pin, stamp)?;
            say!("new PIN set for {}", describe(&u));
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
