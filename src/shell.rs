//! The thin loop: draw, read an event or a tick, update, run effects
//! against the store. The only place where the UI meets I/O.

use std::path::Path;

use crate::config::Config;

/// Run the kiosk on this terminal until the operator leaves.
pub fn run(config: Config, db: &Path, key_file: &Path) -> anyhow::Result<()> {
    let _ = (config, db, key_file);
    anyhow::bail!("the kiosk is not written yet")
}
