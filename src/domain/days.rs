//! Days in the site's time zone. A visit belongs to the local day it
//! started on (23:30 WIB is that day, not the next UTC day).

use chrono::{Days, NaiveDate, TimeZone};
use chrono_tz::Tz;

use super::visit::Time;

/// The UTC instants `[start, end)` of a local calendar day.
pub fn day_bounds(date: NaiveDate, tz: Tz) -> (Time, Time) {
    let start = local_midnight(date, tz);
    let end = local_midnight(date.checked_add_days(Days::new(1)).unwrap_or(date), tz);
    (start, end)
}

/// The local date of an instant.
pub fn local_date(t: Time, tz: Tz) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

fn local_midnight(date: NaiveDate, tz: Tz) -> Time {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    // A zone may skip midnight (DST); take the first instant that exists.
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| naive.and_utc(), |d| d.to_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn wib_day_is_utc_minus_seven_hours() {
        let tz: Tz = "Asia/Jakarta".parse().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let (s, e) = day_bounds(d, tz);
        assert_eq!(s, Utc.with_ymd_and_hms(2026, 11, 26, 17, 0, 0).unwrap());
        assert_eq!(e, Utc.with_ymd_and_hms(2026, 11, 27, 17, 0, 0).unwrap());
        // 23:30 WIB on the 27th is 16:30 UTC: still the 27th.
        let late = Utc.with_ymd_and_hms(2026, 11, 27, 16, 30, 0).unwrap();
        assert_eq!(local_date(late, tz), d);
    }
}
