//! dc-access: the door console for the data-center access SOP
//! (SOP 06.F/DISKOMINFO-III/2023, Pemerintah Kabupaten Muara Enim).
//!
//! Dependency arrows: `shell → app → domain`, `shell → store → domain`,
//! `ui → app (read-only) → domain`, and `ui`, `cli` → `text` (every word,
//! both languages) → `app`'s typed reasons. Nothing points back at `shell`.

#[macro_use]
mod console;

pub mod app;
pub mod backup;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod files;
pub mod format;
pub mod generate;
pub mod paths;
pub mod report;
pub mod shell;
pub mod store;
pub mod syslog;
pub mod text;
pub mod ui;
