//! Where a document goes: the configured print command, or a file under
//! `report.reports_dir`.
//!
//! STUB until desk branch lands: the signatures are final; this body only
//! saves files. The desk branch replaces this file.

use std::io;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::Config;
use crate::domain::visit::VisitId;

/// What became of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Sent to the print command.
    Printed { command: String },
    /// Saved to this file.
    Saved(PathBuf),
}

// STUB until desk branch lands
pub fn deliver(config: &Config, bytes: &[u8], file_name: &str) -> io::Result<Delivered> {
    let dir = PathBuf::from(&config.report.reports_dir);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(file_name);
    std::fs::write(&path, bytes)?;
    Ok(Delivered::Saved(path))
}

// STUB until desk branch lands
pub fn file_name_for_visit(id: VisitId, ext: &str) -> String {
    format!("kunjungan-{}.{ext}", id.0)
}

// STUB until desk branch lands
pub fn file_name_for_days(from: NaiveDate, to: NaiveDate, ext: &str) -> String {
    if from == to {
        format!("laporan-{from}.{ext}")
    } else {
        format!("laporan-{from}-{to}.{ext}")
    }
}
