//! A point in time, always UTC inside the program, and the one rounding
//! rule for the durations shown.

use chrono::{DateTime, Utc};

/// A point in time; always UTC inside the program.
pub type Time = DateTime<Utc>;

/// The minutes from `from` to `to`, rounded down, never negative: the one
/// rounding rule for every duration shown (a visit 50 min 59 s in is 50
/// minutes on every screen and paper, as a clock shows it). Formatting is
/// `crate::format`'s.
pub fn whole_minutes(from: Time, to: Time) -> i64 {
    (to - from).num_seconds().max(0) / 60
}
