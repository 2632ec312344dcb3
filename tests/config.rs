//! `config/dc-access.toml` and the error messages for bad configuration.

use std::path::Path;

use dc_access::config::{self, Config, ConfigError, Language};
use dc_access::domain::step::Step;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

fn err(text: &str) -> ConfigError {
    config::parse(text, Path::new("config/x.toml")).expect_err("should be rejected")
}

#[test]
fn sample_file_is_exactly_the_defaults() {
    let c = config::load(Path::new(SAMPLE)).unwrap();
    assert_eq!(c, Config::default());
    assert_eq!(c.tz(), chrono_tz::Asia::Jakarta);
    assert_eq!(c.visit.badges.len(), 10);
    assert_eq!(c.visit.badges[9], "V-10");
    assert_eq!(c.standards.minutes_for_step(Step::Inside), 60);
}

#[test]
fn english_and_other_zone() {
    let c = config::parse(
        "language = \"en\"\ntimezone = \"Asia/Makassar\"\n",
        Path::new("x.toml"),
    )
    .unwrap();
    assert_eq!(c.language, Language::En);
    assert_eq!(c.tz(), chrono_tz::Asia::Makassar);
    assert_eq!(c.visit, Config::default().visit);
}

#[test]
fn unknown_top_level_key() {
    let e = err("language = \"id\"\n\nsite = \"x\"\n");
    assert_eq!(e.line(), Some(3));
    assert_eq!(e.key(), Some("site"));
    let msg = e.to_string();
    assert!(
        msg.starts_with("config/x.toml:3: unknown key `site`"),
        "{msg}"
    );
}

#[test]
fn unknown_key_in_table() {
    let e = err("[kiosk]\nexit_requires_pin = true\ncolour = \"red\"\n");
    assert!(matches!(e, ConfigError::UnknownKey { .. }));
    let msg = e.to_string();
    assert!(
        msg.starts_with("config/x.toml:3: unknown key `kiosk.colour`"),
        "{msg}"
    );
}

#[test]
fn unknown_table() {
    let e = err("[kiosk]\n\n[colours]\nbg = 1\n");
    assert_eq!(e.key(), Some("colours"), "{e}");
    assert!(e.line().is_some(), "{e}");
}

#[test]
fn wrong_type_number() {
    let e = err("[visit]\n# planned\ndefault_duration_minutes = \"sixty\"\n");
    let msg = e.to_string();
    assert!(
        msg.starts_with("config/x.toml:3: key `visit.default_duration_minutes`: "),
        "{msg}"
    );
    assert!(msg.contains("whole number"), "{msg}");
}

#[test]
fn wrong_type_list() {
    let e = err("language = \"id\"\n[visit]\nbadges = 5\n");
    let msg = e.to_string();
    assert!(
        msg.starts_with("config/x.toml:3: key `visit.badges`: expected an array"),
        "{msg}"
    );
}

#[test]
fn wrong_element_type_in_multiline_list() {
    let e = err("[visit]\nbadges = [\n  \"V-01\",\n  7,\n]\n");
    assert_eq!(
        e.key().map(|k| k.starts_with("visit.badges")),
        Some(true),
        "{e}"
    );
    assert_eq!(e.line(), Some(4), "{e}");
}

#[test]
fn bad_language() {
    let e = err("language = \"fr\"\n");
    assert_eq!((e.line(), e.key()), (Some(1), Some("language")), "{e}");
}

#[test]
fn bad_timezone() {
    let e = err("site_name = \"DC\"\ntimezone = \"Asia/Jakrta\"\n");
    let msg = e.to_string();
    assert!(
        msg.starts_with("config/x.toml:2: key `timezone`: "),
        "{msg}"
    );
    assert!(msg.contains("Asia/Jakrta"), "{msg}");
}

#[test]
fn empty_badge_list() {
    let e = err("[kiosk]\n\n[visit]\nbadges = []\n");
    let msg = e.to_string();
    assert!(
        msg.starts_with("config/x.toml:4: key `visit.badges`: "),
        "{msg}"
    );
}

#[test]
fn empty_string_in_list() {
    let e = err("[visit]\nid_types = [\n  \"KTP\",\n  \"\",\n]\n");
    assert_eq!(
        (e.line(), e.key()),
        (Some(4), Some("visit.id_types")),
        "{e}"
    );
}

#[test]
fn a_badge_number_too_long_for_a_badge() {
    let long = "V".repeat(21);
    let e = err(&format!(
        "[visit]\nbadges = [\n  \"V-01\",\n  \"{long}\",\n]\n"
    ));
    assert_eq!((e.line(), e.key()), (Some(4), Some("visit.badges")), "{e}");
    assert!(e.to_string().contains(&long), "{e}");
}

#[test]
fn duplicate_badge() {
    let e = err("[visit]\nbadges = [\n  \"V-01\",\n  \"V-02\",\n  \"V-01\",\n]\n");
    assert_eq!((e.line(), e.key()), (Some(5), Some("visit.badges")), "{e}");
    assert!(e.to_string().contains("`V-01` is listed twice"), "{e}");
}

#[test]
fn out_of_range_values() {
    let e = err("[visit]\ndefault_duration_minutes = 0\n");
    assert_eq!(
        (e.line(), e.key()),
        (Some(2), Some("visit.default_duration_minutes"))
    );
    let e = err("[standards]\nform = 5\ninside = 2000\n");
    assert_eq!((e.line(), e.key()), (Some(3), Some("standards.inside")));
    let e = err("[security]\ndelay_after_failures = 0\n");
    assert_eq!(e.key(), Some("security.delay_after_failures"));
    let e = err("[security]\ndelay_after_failures = 5\nlock_after_failures = 5\n");
    assert_eq!(
        (e.line(), e.key()),
        (Some(3), Some("security.lock_after_failures"))
    );
}

#[test]
fn syntax_error_has_line() {
    let e = err("language = \"id\"\n[visit\n");
    assert_eq!(e.line(), Some(2), "{e}");
    assert!(matches!(e, ConfigError::Syntax { .. }), "{e}");
    assert_eq!(e.key(), None);
    assert!(e.to_string().starts_with("config/x.toml:2: "), "{e}");
}

#[test]
fn missing_file_names_path() {
    let e = config::load(Path::new("/nonexistent/dc-access.toml")).unwrap_err();
    assert!(matches!(e, ConfigError::NotFound { .. }));
    assert!(e.to_string().contains("/nonexistent/dc-access.toml"), "{e}");
}

#[test]
fn negative_number() {
    let e = err("[security]\nlock_after_failures = -1\n");
    let msg = e.to_string();
    assert!(
        msg.starts_with(
            "config/x.toml:2: key `security.lock_after_failures`: expected a whole number"
        ),
        "{msg}"
    );
}

#[test]
fn document_section_is_checked() {
    let e = err("[document]\ncity = \"Muara Enim\"\ncsv_separator = \"|\"\n");
    assert_eq!(e.key(), Some("document.csv_separator"));
    assert_eq!(e.line(), Some(3));
    assert!(e.to_string().contains("must be \";\" or \",\""), "{e}");
    let e = err("[document]\noffice = \"  \"\n");
    assert_eq!(e.key(), Some("document.office"));
    assert_eq!(e.line(), Some(2));
    let e = err("[document]\nlogo = \"lambang.jpg\"\n");
    assert_eq!(e.key(), Some("document.logo"));
    let e = err("[document]\nkop = \"x\"\n");
    assert_eq!(e.key(), Some("document.kop"));
    assert!(e.to_string().contains("sop_number"), "{e}");
    let c = config::parse(
        "[document]\ncsv_separator = \",\"\nsupervisor_title = \"Kepala Seksi\"\n",
        Path::new("x.toml"),
    )
    .unwrap();
    assert_eq!(c.document.csv_byte(), b',');
    assert_eq!(c.document.supervisor_title, "Kepala Seksi");
    assert_eq!(c.document.city, "Muara Enim");
}

#[test]
fn privacy_notice_tells_the_configured_retention_and_is_checked() {
    let c = config::parse(
        "[report]\nretention_days = 365\n[privacy]\nnotice = \"Disimpan {retention_days} hari.\"\n",
        Path::new("x.toml"),
    )
    .unwrap();
    assert_eq!(c.privacy_notice(), "Disimpan 365 hari.");
    // The default (and the sample) is Indonesian and names each part.
    let told = Config::default().privacy_notice();
    for part in [
        "UU 27/2022",
        "Yang dicatat",
        "Digunakan untuk",
        "730 hari",
        "Yang melihat",
        "Diskominfo",
    ] {
        assert!(told.contains(part), "{part} missing from {told}");
    }
    let e = err("[privacy]\nnotice = \"Data Anda disimpan.\"\n");
    assert_eq!(e.key(), Some("privacy.notice"));
    assert_eq!(e.line(), Some(2));
    assert!(e.to_string().contains("{retention_days}"), "{e}");
    let e = err("\n[privacy]\nnotice = \"  \"\n");
    assert_eq!((e.key(), e.line()), (Some("privacy.notice"), Some(3)));
    let e = err("[privacy]\nnotice = 5\n");
    assert_eq!((e.key(), e.line()), (Some("privacy.notice"), Some(2)));
    let e = err("[privacy]\ntext = \"x\"\n");
    assert_eq!(e.key(), Some("privacy.text"));
}

#[test]
fn alerts_and_door_are_read_and_checked() {
    let c = config::parse(
        "door = \"Pintu Utara\"\n[alerts]\nbell = \"repeat\"\nrepeat_seconds = 120\n\
         [alerts.command]\nwaiting = \"notify\"\n",
        Path::new("x.toml"),
    )
    .unwrap();
    assert_eq!(c.door, "Pintu Utara");
    assert_eq!(c.alerts.bell, config::BellMode::Repeat);
    assert_eq!(c.alerts.repeat_seconds, 120);
    assert_eq!(c.alerts.command.waiting, "notify");
    assert_eq!(c.alerts.command.overstay, "");

    let e = err("[alerts]\nbell = \"loud\"\n");
    assert_eq!(e.key(), Some("alerts.bell"));
    assert!(
        e.to_string()
            .starts_with("config/x.toml:2: key `alerts.bell`"),
        "{e}"
    );

    let e = err("[alerts]\nbell = \"once\"\nrepeat_seconds = 2\n");
    assert_eq!(
        e.to_string(),
        "config/x.toml:3: key `alerts.repeat_seconds`: must be between 10 and 3600 seconds, found 2"
    );

    let e = err("[alerts.command]\nwaiting = \"x\"\nmail = \"y\"\n");
    assert!(
        e.to_string()
            .starts_with("config/x.toml:3: unknown key `alerts.command.mail`"),
        "{e}"
    );

    let e = err("language = \"id\"\ndoor = \" Utara\"\n");
    assert!(
        e.to_string()
            .starts_with("config/x.toml:2: key `door`: a door name must not start or end"),
        "{e}"
    );
}

#[test]
fn badges_of_a_door_are_badges_of_the_pool_once() {
    let c = config::parse(
        "[visit]\nbadges = [\"V-01\", \"V-02\", \"V-03\"]\n\
         door_badges = { \"Pintu Utara\" = [\"V-01\"], \"Pintu Selatan\" = [\"V-02\"] }\n",
        Path::new("x.toml"),
    )
    .unwrap();
    assert_eq!(c.badge_door("V-01"), Some("Pintu Utara"));
    assert_eq!(c.badge_door("V-03"), None);

    let e = err("[visit]\nbadges = [\"V-01\"]\ndoor_badges = { \"Pintu Utara\" = [\"V-09\"] }\n");
    assert_eq!(
        e.to_string(),
        "config/x.toml:3: key `visit.door_badges`: `V-09` of door `Pintu Utara` is not in visit.badges"
    );
    let e = err("[visit]\nbadges = [\"V-01\"]\n\
         door_badges = { \"A\" = [\"V-01\"], \"B\" = [\"V-01\"] }\n");
    assert_eq!(
        e.to_string(),
        "config/x.toml:3: key `visit.door_badges`: `V-01` is listed for door `A` and door `B`"
    );
}

#[test]
fn a_purpose_needing_a_letter_is_a_purpose_offered() {
    let c = config::parse(
        "[visit]\npurposes = [\"Pemeliharaan perangkat\", \"Kunjungan\"]\n\
         letter_required_for = [\"Pemeliharaan perangkat\"]\n",
        Path::new("x.toml"),
    )
    .unwrap();
    let rules = c.visit.form_rules();
    assert!(rules.needs_letter("Pemeliharaan perangkat"));
    assert!(!rules.needs_letter("Kunjungan"));

    let e = err("[visit]\npurposes = [\"Kunjungan\"]\n\
         letter_required_for = [\n  \"Kunjungan\",\n  \"Pemeliharan\",\n]\n");
    assert_eq!(
        e.to_string(),
        "config/x.toml:5: key `visit.letter_required_for`: `Pemeliharan` is not in visit.purposes"
    );
}
