//! The SOP as types. No terminal, database, file I/O or clock here: time is
//! passed in as `now`.

pub mod audit;
pub mod badge;
pub mod checkout;
pub mod command;
pub mod days;
pub mod equipment;
pub mod fields;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod form;
pub mod ids;
pub mod letter;
pub mod nik;
pub mod notice;
pub mod pin;
pub mod plan;
pub mod returning;
pub mod stage;
pub mod status;
pub mod step;
pub mod time;
pub mod visit;
pub mod watchlist;
