//! (to be written)

pub mod field_errors;
