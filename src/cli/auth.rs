//! Who is at the shell: a command that changes accounts, badges or the
//! record names a supervisor (`--as NIP`) and gives that supervisor's PIN.
//!
//! The PIN goes through the kiosk's own check ([`Store::check_pin`]): the
//! same Argon2 hash, the same throttle and lock counted in the database, the
//! same audit events for every attempt. The supervisor then becomes the
//! actor of the change's audit event.

use std::io::BufRead;

use clap::Args;

use crate::config::{Config, Language};
use crate::domain::fields::Nip;
use crate::domain::visit::{Actor, Role};
use crate::store::{PinCheck, Store, StoreError, Throttle};

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

/// One sentence per refusal, in the configured language.
pub fn refusal_text(r: &Refusal, lang: Language) -> String {
    use Language::{En, Id};
    match (r, lang) {
        (Refusal::NoSupervisor, Id) => {
            "Perubahan ini memerlukan Sub Koordinator Infrastruktur TIK: \
             sebutkan NIP-nya dengan --as NIP."
                .to_owned()
        }
        (Refusal::NoSupervisor, En) => {
            "This change needs a supervisor: give their NIP with --as NIP.".to_owned()
        }
        (Refusal::NoAccount(nip), Id) => format!("Tidak ada akun dengan NIP {nip}."),
        (Refusal::NoAccount(nip), En) => format!("No account has the NIP {nip}."),
        (Refusal::Operator(name), Id) => format!(
            "{name} adalah Petugas Operator Server; hanya Sub Koordinator Infrastruktur TIK \
             yang boleh melakukan perubahan ini."
        ),
        (Refusal::Operator(name), En) => {
            format!("{name} is an operator; only a supervisor may make this change.")
        }
        (Refusal::Disabled(name), Id) => format!("Akun {name} dinonaktifkan."),
        (Refusal::Disabled(name), En) => format!("The account of {name} is disabled."),
        (Refusal::Locked(name), Id) => format!(
            "Akun {name} terkunci setelah terlalu banyak PIN salah; minta Sub Koordinator \
             Infrastruktur TIK lain membukanya."
        ),
        (Refusal::Locked(name), En) => format!(
            "The account of {name} is locked after too many wrong PINs; ask another \
             supervisor to unlock it."
        ),
        (Refusal::WrongPin { name, failures }, Id) => {
            format!("PIN {name} salah ({failures} kali berturut-turut); tidak ada yang diubah.")
        }
        (Refusal::WrongPin { name, failures }, En) => {
            format!("Wrong PIN for {name} ({failures} in a row); nothing was changed.")
        }
        (Refusal::TooSoon { name, wait_secs }, Id) => format!(
            "Terlalu cepat setelah PIN salah untuk {name}; coba lagi dalam {wait_secs} detik."
        ),
        (Refusal::TooSoon { name, wait_secs }, En) => {
            format!("Too soon after a wrong PIN for {name}; try again in {wait_secs} seconds.")
        }
        (Refusal::FirstMustBeSupervisor, Id) => "Akun pertama harus Sub Koordinator \
             Infrastruktur TIK: tambahkan dengan --role supervisor."
            .to_owned(),
        (Refusal::FirstMustBeSupervisor, En) => {
            "The first account must be a supervisor: add it with --role supervisor.".to_owned()
        }
    }
}

/// The prompt for the supervisor's PIN on the terminal.
fn prompt_text(name: &str, lang: Language) -> String {
    match lang {
        Language::Id => format!("PIN {name}: "),
        Language::En => format!("PIN of {name}: "),
    }
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
    let pin = read_secret(auth.pin_stdin, &prompt_text(&user.name, config.language))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Refusal> {
        vec![
            Refusal::NoSupervisor,
            Refusal::NoAccount("198501152010011001".into()),
            Refusal::Operator("Budi".into()),
            Refusal::Disabled("Budi".into()),
            Refusal::Locked("Budi".into()),
            Refusal::WrongPin {
                name: "Budi".into(),
                failures: 4,
            },
            Refusal::TooSoon {
                name: "Budi".into(),
                wait_secs: 17,
            },
            Refusal::FirstMustBeSupervisor,
        ]
    }

    /// Both languages carry the same data, in one sentence.
    #[test]
    fn refusals_are_one_sentence_in_both_languages_with_their_data() {
        for r in all() {
            let id = refusal_text(&r, Language::Id);
            let en = refusal_text(&r, Language::En);
            assert_ne!(id, en);
            for s in [&id, &en] {
                assert!(s.ends_with('.'), "{s}");
                assert_eq!(s.matches(". ").count(), 0, "one sentence: {s}");
            }
            for data in ["Budi", "198501152010011001", "4 ", "17"] {
                assert_eq!(id.contains(data), en.contains(data), "{data}: {id} / {en}");
            }
        }
    }
}
