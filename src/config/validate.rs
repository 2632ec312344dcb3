//! The checks after parsing: what the types cannot say (empty or
//! repeated entries, ranges, each door's badges, the privacy notice's
//! placeholder), each error pointing at its key's line.

use std::collections::HashSet;
use std::path::Path;

use super::load::{line_of_key, line_of_value};
use super::{Config, ConfigError, RETENTION_PLACEHOLDER, door_problem};

pub(super) fn validate(c: &Config, text: &str, file: &Path) -> Result<(), ConfigError> {
    let invalid = |key: &str, line: Option<usize>, message: String| ConfigError::Invalid {
        file: file.to_owned(),
        line: line.or_else(|| line_of_key(text, key)),
        key: key.to_owned(),
        message,
    };

    if c.site_name.trim().is_empty() {
        return Err(invalid("site_name", None, "must not be empty".into()));
    }

    let lists: [(&str, &[String]); 4] = [
        ("visit.id_types", &c.visit.id_types),
        ("visit.purposes", &c.visit.purposes),
        ("visit.badges", &c.visit.badges),
        ("visit.checklist", &c.visit.checklist),
    ];
    for (key, items) in lists {
        if items.is_empty() {
            return Err(invalid(key, None, "must list at least one entry".into()));
        }
        let key_line = line_of_key(text, key);
        let mut seen = HashSet::new();
        for item in items {
            if item.trim().is_empty() {
                let line = key_line.map(|l| line_of_value(text, l, "\"\"", 0));
                return Err(invalid(key, line, "entries must not be empty".into()));
            }
            if !seen.insert(item.as_str()) {
                let needle = format!("\"{item}\"");
                let line = key_line.map(|l| line_of_value(text, l, &needle, 1));
                return Err(invalid(key, line, format!("`{item}` is listed twice")));
            }
        }
    }

    // A purpose that needs a letter is a purpose offered on the form.
    for purpose in &c.visit.letter_required_for {
        if !c.visit.purposes.contains(purpose) {
            let key = "visit.letter_required_for";
            let needle = format!("\"{purpose}\"");
            let line = line_of_key(text, key).map(|l| line_of_value(text, l, &needle, 0));
            return Err(invalid(
                key,
                line,
                format!("`{purpose}` is not in visit.purposes"),
            ));
        }
    }

    // A badge number is what a badge's number may be (not too long).
    for badge in &c.visit.badges {
        if let Err(e) = crate::domain::badge::BadgeNo::try_from(badge.as_str()) {
            let needle = format!("\"{badge}\"");
            let line =
                line_of_key(text, "visit.badges").map(|l| line_of_value(text, l, &needle, 0));
            return Err(invalid("visit.badges", line, format!("`{badge}`: {e}")));
        }
    }

    // Each door's badges are badges of the pool, each of one door only.
    let mut owner: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (door, badges) in &c.visit.door_badges {
        let key = "visit.door_badges";
        if let Some(why) = door_problem(door).or_else(|| {
            door.is_empty()
                .then(|| "a door name must not be empty".to_owned())
        }) {
            return Err(invalid(key, None, format!("{why}, found {door:?}")));
        }
        for badge in badges {
            let needle = format!("\"{badge}\"");
            let line = line_of_key(text, key).map(|l| line_of_value(text, l, &needle, 0));
            if !c.visit.badges.contains(badge) {
                return Err(invalid(
                    key,
                    line,
                    format!("`{badge}` of door `{door}` is not in visit.badges"),
                ));
            }
            if let Some(other) = owner.insert(badge, door) {
                return Err(invalid(
                    key,
                    line,
                    format!("`{badge}` is listed for door `{other}` and door `{door}`"),
                ));
            }
        }
    }

    let d = c.visit.default_duration_minutes;
    if !(1..=480).contains(&d) {
        return Err(invalid(
            "visit.default_duration_minutes",
            None,
            format!("must be between 1 and 480 minutes, found {d}"),
        ));
    }

    let s = &c.standards;
    for (name, v) in [
        ("form", s.form),
        ("submit", s.submit),
        ("decide", s.decide),
        ("inside", s.inside),
        ("checkout", s.checkout),
        ("archive", s.archive),
    ] {
        if !(1..=1440).contains(&v) {
            return Err(invalid(
                &format!("standards.{name}"),
                None,
                format!("must be between 1 and 1440 minutes, found {v}"),
            ));
        }
    }

    let sec = &c.security;
    if sec.delay_after_failures < 1 {
        return Err(invalid(
            "security.delay_after_failures",
            None,
            "must be at least 1".into(),
        ));
    }
    if sec.lock_after_failures <= sec.delay_after_failures {
        let key = if line_of_key(text, "security.lock_after_failures").is_some() {
            "security.lock_after_failures"
        } else {
            "security.delay_after_failures"
        };
        return Err(invalid(
            key,
            None,
            format!(
                "lock_after_failures ({}) must be greater than delay_after_failures ({})",
                sec.lock_after_failures, sec.delay_after_failures
            ),
        ));
    }

    if c.privacy.notice.trim().is_empty() {
        return Err(invalid("privacy.notice", None, "must not be empty".into()));
    }
    if !c.privacy.notice.contains(RETENTION_PLACEHOLDER) {
        return Err(invalid(
            "privacy.notice",
            None,
            format!(
                "must name the retention period with {RETENTION_PLACEHOLDER} (it becomes report.retention_days)"
            ),
        ));
    }

    let doc = &c.document;
    for (key, value) in [
        ("document.government", &doc.government),
        ("document.office", &doc.office),
        ("document.sop_number", &doc.sop_number),
        ("document.city", &doc.city),
        ("document.supervisor_title", &doc.supervisor_title),
        ("document.operator_title", &doc.operator_title),
    ] {
        if value.trim().is_empty() {
            return Err(invalid(key, None, "must not be empty".into()));
        }
    }
    if !matches!(doc.csv_separator.as_str(), ";" | ",") {
        return Err(invalid(
            "document.csv_separator",
            None,
            format!("must be \";\" or \",\", found {:?}", doc.csv_separator),
        ));
    }
    let logo = doc.logo.trim();
    if !logo.is_empty()
        && !Path::new(logo)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        return Err(invalid(
            "document.logo",
            None,
            format!("must be a PNG file (*.png), found `{logo}`"),
        ));
    }

    if let Some(why) = door_problem(&c.door) {
        return Err(invalid("door", None, format!("{why}, found {:?}", c.door)));
    }
    let r = c.alerts.repeat_seconds;
    if !(10..=3600).contains(&r) {
        return Err(invalid(
            "alerts.repeat_seconds",
            None,
            format!("must be between 10 and 3600 seconds, found {r}"),
        ));
    }

    if c.store.database.trim().is_empty() {
        return Err(invalid("store.database", None, "must not be empty".into()));
    }
    if c.report.reports_dir.trim().is_empty() && c.report.print_command.trim().is_empty() {
        return Err(invalid(
            "report.reports_dir",
            None,
            "must not be empty when print_command is empty".into(),
        ));
    }
    Ok(())
}
