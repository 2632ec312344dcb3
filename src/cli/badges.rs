//! `dc-access badge lost|restore`: the badges recorded lost, and putting
//! a found one back in the pool (a supervisor, `--as NIP`, signs it).

use std::process::ExitCode;

use super::{BadgeCommand, Failure, signed};
use crate::config::Config;
use crate::store::Store;

pub(super) fn badge_command(
    config: &Config,
    store: &mut Store,
    cmd: &BadgeCommand,
) -> Result<ExitCode, Failure> {
    match cmd {
        BadgeCommand::Lost => {
            let lost = store.lost_badges()?;
            if lost.is_empty() {
                say!("no badge is recorded lost");
            }
            for b in lost {
                say!("{b}");
            }
            Ok(ExitCode::SUCCESS)
        }
        BadgeCommand::Restore { badge, auth } => {
            let badge = crate::domain::badge::BadgeNo::try_from(badge.as_str())
                .map_err(|e| Failure::field("badge", &e, config))?;
            let stamp = signed(config, store, auth, "cli_badge_restore")?;
            if store.restore_badge(&badge, stamp)? {
                say!("badge {} is back in the pool", badge.trim());
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
