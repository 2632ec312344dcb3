//! Dates, times and durations as people read them: one place for the
//! screens (`ui/`) and the papers (`report/`), so the same visit shows the
//! same numbers everywhere.
//!
//! - A **date** is `28-11-2026` in tables and fields ([`date`]), and
//!   `28 November 2026` in running text ([`long_date`]); a date is typed the
//!   way it is shown, and [`parse_date`] reads it back.
//! - A **time of day** is `09:13` ([`clock`]), always in the site's zone
//!   (the caller converts with `with_timezone`).
//! - A **duration** is a whole number of minutes, **rounded down** — the
//!   one rounding rule, applied where minutes are computed
//!   ([`crate::domain::visit::whole_minutes`]): a visit 50 min 59 s in
//!   shows 50 minutes on every screen and paper, as a clock would. It is
//!   shown `0 j 50 mnt` on screens ([`duration`]), `50 mnt` for a standard
//!   or a plan ([`minutes`]), and `50 menit` / `1 jam 5 menit` in running
//!   text ([`duration_long`]). Never `0j 00m`: "m" reads as metres.
//!
//! Nothing here reads a clock or a configuration: the language and the
//! values are passed in.

use chrono::{Datelike, NaiveDate, Timelike, Weekday};

use crate::config::Language::{self, En, Id};

/// `28-11-2026`.
pub fn date(d: &impl Datelike) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

/// `28-11` (a date in a list of recent days).
pub fn day_month(d: &impl Datelike) -> String {
    format!("{:02}-{:02}", d.day(), d.month())
}

/// `09:13`.
pub fn clock(t: &impl Timelike) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `28-11-2026 09:13`.
pub fn date_time<T: Datelike + Timelike>(t: &T) -> String {
    format!("{} {}", date(t), clock(t))
}

/// `28 November 2026`.
pub fn long_date(lang: Language, d: &impl Datelike) -> String {
    format!("{} {} {}", d.day(), month_name(lang, d.month()), d.year())
}

/// `November 2026`.
pub fn month_year(lang: Language, d: &impl Datelike) -> String {
    format!("{} {}", month_name(lang, d.month()), d.year())
}

/// `Kamis 27-11-2026`: a day as the title of its log.
pub fn weekday_date(lang: Language, d: &impl Datelike) -> String {
    format!("{} {}", weekday_name(lang, d.weekday()), date(d))
}

/// The name of a day of the week in running text and on papers:
/// `Senin`, `Monday`.
pub fn weekday_long(lang: Language, w: Weekday) -> &'static str {
    use Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    match (w, lang) {
        (_, Id) => weekday_name(Id, w),
        (Mon, En) => "Monday",
        (Tue, En) => "Tuesday",
        (Wed, En) => "Wednesday",
        (Thu, En) => "Thursday",
        (Fri, En) => "Friday",
        (Sat, En) => "Saturday",
        (Sun, En) => "Sunday",
    }
}

/// The name of a day of the week, short in English (`Mon`).
pub fn weekday_name(lang: Language, w: Weekday) -> &'static str {
    use Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    match (w, lang) {
        (Mon, Id) => "Senin",
        (Mon, En) => "Mon",
        (Tue, Id) => "Selasa",
        (Tue, En) => "Tue",
        (Wed, Id) => "Rabu",
        (Wed, En) => "Wed",
        (Thu, Id) => "Kamis",
        (Thu, En) => "Thu",
        (Fri, Id) => "Jumat",
        (Fri, En) => "Fri",
        (Sat, Id) => "Sabtu",
        (Sat, En) => "Sat",
        (Sun, Id) => "Minggu",
        (Sun, En) => "Sun",
    }
}

/// The name of a month, 1..=12 (an empty string for any other number):
/// named, both languages side by side, one arm per month (no list whose
/// order carries the meaning).
pub fn month_name(lang: Language, month: u32) -> &'static str {
    use chrono::Month::{
        April, August, December, February, January, July, June, March, May, November, October,
        September,
    };
    let Some(m) = u8::try_from(month)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
    else {
        return "";
    };
    match (m, lang) {
        (January, Id) => "Januari",
        (January, En) => "January",
        (February, Id) => "Februari",
        (February, En) => "February",
        (March, Id) => "Maret",
        (March, En) => "March",
        (April, Id) => "April",
        (April, En) => "April",
        (May, Id) => "Mei",
        (May, En) => "May",
        (June, Id) => "Juni",
        (June, En) => "June",
        (July, Id) => "Juli",
        (July, En) => "July",
        (August, Id) => "Agustus",
        (August, En) => "August",
        (September, Id) => "September",
        (September, En) => "September",
        (October, Id) => "Oktober",
        (October, En) => "October",
        (November, Id) => "November",
        (November, En) => "November",
        (December, Id) => "Desember",
        (December, En) => "December",
    }
}

/// A duration on a screen: `0 j 50 mnt`, `1 j 5 mnt` (`0 h 50 min`).
/// A negative number (a clock set back) shows as 0.
pub fn duration(lang: Language, minutes: i64) -> String {
    let m = minutes.max(0);
    match lang {
        Id => format!("{} j {} mnt", m / 60, m % 60),
        En => format!("{} h {} min", m / 60, m % 60),
    }
}

/// A number of minutes, for a standard or a plan: `5 mnt`, `60 mnt`.
pub fn minutes(lang: Language, minutes: i64) -> String {
    let m = minutes.max(0);
    match lang {
        Id => format!("{m} mnt"),
        En => format!("{m} min"),
    }
}

/// A duration in running text: `50 menit`, `1 jam`, `1 jam 5 menit`
/// (`50 minutes`, `1 hour`, `2 hours 5 minutes`).
pub fn duration_long(lang: Language, minutes: i64) -> String {
    let m = minutes.max(0);
    let (h, m) = (m / 60, m % 60);
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    match (lang, h, m) {
        (Id, 0, m) => format!("{m} menit"),
        (Id, h, 0) => format!("{h} jam"),
        (Id, h, m) => format!("{h} jam {m} menit"),
        (En, 0, m) => format!("{m} minute{}", plural(m)),
        (En, h, 0) => format!("{h} hour{}", plural(h)),
        (En, h, m) => format!("{h} hour{} {m} minute{}", plural(h), plural(m)),
    }
}

/// A date typed the way it is shown: `28-11-2026` (also `28/11/2026`,
/// `28.11.2026`, `2-3-2026`), or the unambiguous `2026-11-28`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (day, month, year) = if a.len() == 4 {
        (num(c)?, num(b)?, num(a)?)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (num(a)?, num(b)?, num(c)?)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn durations_have_clear_units_and_never_go_negative() {
        assert_eq!(duration(Id, 50), "0 j 50 mnt");
        assert_eq!(duration(Id, 65), "1 j 5 mnt");
        assert_eq!(duration(Id, 0), "0 j 0 mnt");
        assert_eq!(duration(En, 125), "2 h 5 min");
        assert_eq!(duration(Id, -3), "0 j 0 mnt");
        assert_eq!(minutes(Id, 60), "60 mnt");
        assert_eq!(minutes(En, 5), "5 min");
        assert_eq!(duration_long(Id, 50), "50 menit");
        assert_eq!(duration_long(Id, 60), "1 jam");
        assert_eq!(duration_long(Id, 65), "1 jam 5 menit");
        assert_eq!(duration_long(En, 1), "1 minute");
        assert_eq!(duration_long(En, 125), "2 hours 5 minutes");
    }

    /// The one rounding rule: whole minutes, rounded down, never
    /// negative; a visit's minutes inside use it, so every screen and
    /// paper shows the same number.
    #[test]
    fn minutes_are_rounded_down_once_for_everything() {
        use crate::domain::visit::{UserId, Visit, VisitId, whole_minutes};
        use chrono::{TimeZone, Utc};
        let t0 = Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).unwrap();
        let later = |s: i64| t0 + chrono::Duration::seconds(s);
        assert_eq!(whole_minutes(t0, later(50 * 60 + 59)), 50);
        assert_eq!(whole_minutes(t0, later(59)), 0);
        assert_eq!(whole_minutes(later(60), t0), 0, "a clock set back");
        let mut v = Visit::start(VisitId(1), UserId(1), t0);
        v.entered_at = Some(t0);
        assert_eq!(v.minutes_inside(later(50 * 60 + 59)), Some(50));
        assert_eq!(
            duration(Id, whole_minutes(t0, later(50 * 60 + 59))),
            "0 j 50 mnt"
        );
    }

    #[test]
    fn dates_and_times_as_on_indonesian_papers() {
        let t = NaiveDateTime::parse_from_str("2026-11-28 09:05:59", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(date(&t), "28-11-2026");
        assert_eq!(day_month(&t), "28-11");
        assert_eq!(clock(&t), "09:05");
        assert_eq!(date_time(&t), "28-11-2026 09:05");
        assert_eq!(long_date(Id, &t), "28 November 2026");
        assert_eq!(long_date(Id, &d(2024, 5, 2)), "2 Mei 2024");
        assert_eq!(month_year(En, &d(2024, 5, 2)), "May 2024");
        assert_eq!(weekday_date(Id, &d(2026, 11, 27)), "Jumat 27-11-2026");
        assert_eq!(month_name(Id, 0), "");
        assert_eq!(month_name(Id, 13), "");
        let id: Vec<_> = (1..=12).map(|m| month_name(Id, m)).collect();
        let en: Vec<_> = (1..=12).map(|m| month_name(En, m)).collect();
        assert_eq!(id[0..3], ["Januari", "Februari", "Maret"]);
        assert_eq!(
            id[7..],
            ["Agustus", "September", "Oktober", "November", "Desember"]
        );
        assert_eq!(en[4..7], ["May", "June", "July"]);
        assert!(id.iter().chain(&en).all(|n| !n.is_empty()));
    }

    #[test]
    fn a_date_is_read_as_it_is_shown() {
        let want = Some(d(2026, 11, 28));
        for s in ["28-11-2026", " 28/11/2026 ", "28.11.2026", "2026-11-28"] {
            assert_eq!(parse_date(s), want, "{s}");
        }
        assert_eq!(parse_date("2-3-2026"), Some(d(2026, 3, 2)));
        assert_eq!(parse_date(&date(&d(2026, 2, 1))), Some(d(2026, 2, 1)));
        for bad in [
            "",
            "28-11",
            "31-02-2026",
            "28-13-2026",
            "11-28-26",
            "28-11-26",
            "2026-28-11",
            "a-b-c",
            "28--2026",
            "+1-11-2026",
            "28-11-2026-1",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }
}
