//! Who is at the shell: a command that changes accounts, badges or the
//! record names a supervisor (`--as NIP`) and gives that supervisor's PIN.
//!
//! The PIN goes through the kiosk's own check ([`Store::check_pin`]): the
//! same Argon2 hash, the same throttle and lock counted in the database, the
//! same audit events for every attempt. The supervisor then becomes the
//! actor of the change's audit event. The words of a refusal are in
//! [`crate::text::cli`].

use std::io::BufRead;

use clap::Args;

use crate::config::Config;
use crate::domain::fields::Nip;
use crate::domain::visit::{Actor, Role};
use crate::store::{PinCheck, Store, StoreError, Throttle};
use crate::text::cli::{pin_prompt, refusal_text};

use super::Failure;

/// `--as NIP [--pin-stdin]`, on every command that changes something.
#[derive(Debug, Clone, Default, Args)]
pub struct Auth {
    /// The supervisor making the change, by NIP; the PIN is asked without
    /// echo (not needed for the first supervisor of an empty database).
    #[arg(long = "as", value_name = "NIP")]
    pub as_nip: Option<String>,
    /// Read PINs from standard input, one line each: first the supervisor's
    /// (with --as), then a new PIN where the command sets one.
    #[arg(long)]
    pub pin_stdin: bool,
}

/// Exit code of a refused authentication (1 is a fault, 2 bad input).
pub const NOT_AUTHENTICATED: u8 = 3;

/// Why the command line refused to act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No `--as NIP` on a command that needs a supervisor.
    NoSupervisor,
    /// No account has this NIP.
    NoAccount(String),
    /// The account is an operator's.
    Operator(String),
    Disabled(String),
    Locked(String),
    /// A wrong PIN (counted toward the lock).
    WrongPin {
        name: String,
        failures: u32,
    },
    /// Too soon after wrong PINs.
    TooSoon {
        name: String,
        wait_secs: i64,
    },
    /// An empty database's first account must be a supervisor.
    FirstMustBeSupervisor,
}

fn refused(r: &Refusal, config: &Config) -> Failure {
    Failure {
        code: NOT_AUTHENTICATED,
        message: refusal_text(r, config.language),
    }
}

/// Refuses an empty database's first account unless it is a supervisor.
pub fn first_account(role: Role, config: &Config) -> Result<(), Failure> {
    match role {
        Role::Supervisor => Ok(()),
        Role::Operator => Err(refused(&Refusal::FirstMustBeSupervisor, config)),
    }
}

/// The supervisor named by `--as`, once their PIN is right: the actor of
/// the change. `purpose` names the command in the PIN's audit event.
pub fn supervisor(
    config: &Config,
    store: &mut Store,
    auth: &Auth,
    purpose: &str,
) -> Result<Actor, Failure> {
    let Some(raw) = auth.as_nip.as_deref() else {
        return Err(refused(&Refusal::NoSupervisor, config));
    };
    let nip = Nip::try_from(raw).map_err(|e| Failure::field("--as", &e, config))?;
    let user = match store.find_user(nip.as_str()) {
        Ok(u) if u.nip == nip.as_str() => u,
        Ok(_) | Err(StoreError::NoUser(_)) => {
            return Err(refused(
                &Refusal::NoAccount(nip.as_str().to_owned()),
                config,
            ));
        }
        Err(e) => return Err(e.into()),
    };
    if user.role != Role::Supervisor {
        return Err(refused(&Refusal::Operator(user.name), config));
    }
    let pin = read_secret(auth.pin_stdin, &pin_prompt(&user.name, config.language))?;
    let throttle = Throttle {
        delay_after: config.security.delay_after_failures,
        lock_after: config.security.lock_after_failures,
    };
    let name = user.name.clone();
    let refusal = match store.check_pin(user.id, &pin, purpose, throttle, chrono::Utc::now())? {
        PinCheck::Ok(u) if u.role == Role::Supervisor => return Ok(u.actor()),
        PinCheck::Ok(u) => Refusal::Operator(u.name),
        PinCheck::Wrong { failures, .. } => Refusal::WrongPin { name, failures },
        PinCheck::TooSoon { wait_secs } => Refusal::TooSoon { name, wait_secs },
        PinCheck::Locked => Refusal::Locked(name),
        PinCheck::Disabled => Refusal::Disabled(name),
    };
    Err(refused(&refusal, config))
}

/// One secret: a line of stdin, or typed on the terminal without echo.
pub fn read_secret(from_stdin: bool, prompt: &str) -> Result<String, Failure> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure::input(format!("cannot read the PIN from stdin: {e}")))?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    rpassword::prompt_password(prompt).map_err(|e| {
        Failure::input(format!(
            "cannot read the PIN from the terminal ({e}); use --pin-stdin"
        ))
    })
}
