//! The kiosk's configuration: `config/dc-access.toml`.
//!
//! Every key is optional; a missing key takes the value of
//! [`Config::default`], which is exactly what the documented sample file
//! `config/dc-access.toml` spells out. Unknown keys are errors, so a typo
//! never silently falls back to a default.
//!
//! Errors name the file, the 1-based line and the dotted key, e.g.
//!
//! ```text
//! config/dc-access.toml:14: key `visit.badges`: expected an array, found integer `5`
//! config/x.toml:3: unknown key `kiosk.colour` (allowed here: `exit_requires_pin`)
//! ```

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

use crate::domain::step::Step;

/// The UI language. Bahasa Indonesia is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "en")]
    En,
}

/// `kiosk.glyphs`: which characters and colours the screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Glyphs {
    /// The Linux console's set when `$TERM` is `linux`, else Unicode.
    #[default]
    Auto,
    /// Rounded corners, marks and arrows, any colour.
    Unicode,
    /// Latin-1 and plain box lines, 16 colours (the Linux console's fonts).
    Console,
}

/// Which glyphs and colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    /// A terminal emulator with a Unicode font and colours.
    #[default]
    Unicode,
    /// The Linux console's default font (Latin-1 and box lines), 16 colours.
    Console,
}

impl Charset {
    /// `kiosk.glyphs` from the configuration; with `"auto"`, the console
    /// when `$TERM` is `linux` (or `linux-…`), Unicode otherwise.
    pub fn decide(setting: Glyphs, term: Option<&str>) -> Charset {
        match setting {
            Glyphs::Unicode => Charset::Unicode,
            Glyphs::Console => Charset::Console,
            Glyphs::Auto => {
                if term.is_some_and(|t| t == "linux" || t.starts_with("linux-")) {
                    Charset::Console
                } else {
                    Charset::Unicode
                }
            }
        }
    }
}

/// The whole configuration file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// UI language.
    pub language: Language,
    /// Shown in the header and on printed reports.
    pub site_name: String,
    /// Local time zone (IANA name in the file, e.g. `Asia/Jakarta`).
    #[serde(deserialize_with = "deserialize_tz")]
    pub timezone: Tz,
    /// This console's door (e.g. `Pintu Utara`): recorded on each visit it
    /// starts, shown in the header; `--door` overrides it. Empty: a site
    /// with one door.
    pub door: String,
    pub kiosk: Kiosk,
    pub store: StoreCfg,
    pub visit: VisitCfg,
    pub standards: Standards,
    pub security: Security,
    pub report: ReportCfg,
    pub document: DocumentCfg,
    pub privacy: PrivacyCfg,
    pub alerts: AlertsCfg,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            language: Language::Id,
            site_name: "Ruang Data Center — Diskominfo Kabupaten Muara Enim".to_owned(),
            timezone: chrono_tz::Asia::Jakarta,
            door: String::new(),
            kiosk: Kiosk::default(),
            store: StoreCfg::default(),
            visit: VisitCfg::default(),
            standards: Standards::default(),
            security: Security::default(),
            report: ReportCfg::default(),
            document: DocumentCfg::default(),
            privacy: PrivacyCfg::default(),
            alerts: AlertsCfg::default(),
        }
    }
}

impl Config {
    /// The door `badge` belongs to (`None`: every door).
    pub fn badge_door(&self, badge: &str) -> Option<&str> {
        self.visit
            .door_badges
            .iter()
            .find(|(_, badges)| badges.iter().any(|b| b == badge))
            .map(|(door, _)| door.as_str())
    }

    /// The configured time zone.
    pub fn tz(&self) -> Tz {
        self.timezone
    }
}

/// `alerts.bell`: when the terminal bell rings on a supervisor's console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BellMode {
    /// Never.
    Off,
    /// Once for each visit that starts waiting for approval or starts to
    /// overstay.
    #[default]
    Once,
    /// As `once`, and again every `repeat_seconds` while any visit is
    /// still waiting or overstaying.
    Repeat,
}

/// `[alerts]`: the bell and the commands run when a visit starts waiting
/// for approval or a visitor overstays.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertsCfg {
    pub bell: BellMode,
    /// With `bell = "repeat"`: seconds between bells (10 to 3600).
    pub repeat_seconds: u32,
    /// A command per kind of event, run in the background.
    pub command: AlertCommands,
}

impl Default for AlertsCfg {
    fn default() -> Self {
        Self {
            bell: BellMode::Once,
            repeat_seconds: 60,
            command: AlertCommands::default(),
        }
    }
}

/// `[alerts.command]`: shell commands (`sh -c`), empty for none. They get
/// the visit number and SOP step only: `$1`/`$DC_ACCESS_VISIT`,
/// `$2`/`$DC_ACCESS_STEP`, and `$DC_ACCESS_ALERT`, `$DC_ACCESS_DOOR` (the
/// door the visit started at).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertCommands {
    /// A visit starts waiting for approval (step 4).
    pub waiting: String,
    /// A visitor inside passes the time standard (step 5).
    pub overstay: String,
}

/// The longest door name.
pub const DOOR_MAX: usize = 40;

/// Why a door name is refused (from the configuration or `--door`).
pub fn door_problem(name: &str) -> Option<String> {
    if name.chars().count() > DOOR_MAX {
        return Some(format!("a door name is at most {DOOR_MAX} characters"));
    }
    if name.trim() != name {
        return Some("a door name must not start or end with a space".to_owned());
    }
    if name.chars().any(char::is_control) {
        return Some("a door name must not hold control characters".to_owned());
    }
    None
}

/// `[kiosk]`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Kiosk {
    /// Leaving the kiosk needs a supervisor PIN.
    pub exit_requires_pin: bool,
    /// Characters and colours: `auto` (from `$TERM`), `unicode`, `console`.
    pub glyphs: Glyphs,
}

impl Default for Kiosk {
    fn default() -> Self {
        Self {
            exit_requires_pin: true,
            glyphs: Glyphs::Auto,
        }
    }
}

/// `[store]`. Relative paths are relative to the configuration file's
/// folder (see `crate::paths`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreCfg {
    /// The `SQLite` database file.
    pub database: String,
    /// Secret for the PIN pepper and the audit HMAC. Empty: beside the
    /// database file, named `<db file stem>.key`.
    pub key_file: String,
}

impl Default for StoreCfg {
    fn default() -> Self {
        Self {
            database: "../data/dc-access.db".to_owned(),
            key_file: String::new(),
        }
    }
}

/// `[visit]`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VisitCfg {
    /// Identity documents accepted at step 2.
    pub id_types: Vec<String>,
    /// Purpose categories offered at step 2.
    pub purposes: Vec<String>,
    /// Planned duration offered by default, minutes.
    pub default_duration_minutes: u32,
    /// The visitor badge pool.
    pub badges: Vec<String>,
    /// Badges that belong to one door, by door name; a badge not listed
    /// belongs to every door.
    pub door_badges: std::collections::BTreeMap<String, Vec<String>>,
    /// Checklist items confirmed at check-out (step 6).
    pub checklist: Vec<String>,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

impl Default for VisitCfg {
    fn default() -> Self {
        Self {
            id_types: strings(&["KTP", "SIM", "Paspor", "Kartu Pegawai"]),
            purposes: strings(&[
                "Pemeliharaan perangkat",
                "Instalasi perangkat",
                "Audit / pemeriksaan",
                "Kunjungan kerja",
                "Lainnya",
            ]),
            default_duration_minutes: 60,
            badges: (1..=10).map(|n| format!("V-{n:02}")).collect(),
            door_badges: std::collections::BTreeMap::new(),
            checklist: strings(&[
                "Pintu rak server tertutup dan terkunci",
                "Tidak ada perangkat yang tertinggal atau hilang",
                "Kabel dan koneksi tidak berubah tanpa izin",
                "Lampu indikator server normal",
                "Suhu ruang dan AC normal",
                "Ruangan bersih dan rapi",
            ]),
        }
    }
}

/// `[standards]`: SOP time standards per step, minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Standards {
    /// Step 2: filling the form and checking the ID.
    pub form: u32,
    /// Step 3: review and submit.
    pub submit: u32,
    /// Step 4: supervisor decision.
    pub decide: u32,
    /// Step 5: time inside (overstay beyond this).
    pub inside: u32,
    /// Step 6: check-out.
    pub checkout: u32,
    /// Step 7: archive.
    pub archive: u32,
}

impl Default for Standards {
    fn default() -> Self {
        Self {
            form: 5,
            submit: 5,
            decide: 5,
            inside: 60,
            checkout: 5,
            archive: 5,
        }
    }
}

impl Standards {
    /// The time standard for SOP step `step`; 0 for step 1, which is not timed.
    pub fn minutes_for_step(&self, step: Step) -> u32 {
        match step {
            Step::Start => 0,
            Step::Form => self.form,
            Step::Submit => self.submit,
            Step::Decide => self.decide,
            Step::Inside => self.inside,
            Step::Checkout => self.checkout,
            Step::Archive => self.archive,
        }
    }
}

/// `[security]`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Security {
    /// A growing delay starts after this many wrong PINs in a row.
    pub delay_after_failures: u32,
    /// The account is locked after this many wrong PINs in a row.
    pub lock_after_failures: u32,
}

impl Default for Security {
    fn default() -> Self {
        Self {
            delay_after_failures: 3,
            lock_after_failures: 10,
        }
    }
}

/// `[report]`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportCfg {
    /// Print command, e.g. `lp -d LASERJET`. Empty: save under `reports_dir`.
    pub print_command: String,
    /// Where reports are saved.
    pub reports_dir: String,
    /// Personal data of visits older than this may be anonymised.
    pub retention_days: u32,
}

impl Default for ReportCfg {
    fn default() -> Self {
        Self {
            print_command: String::new(),
            reports_dir: "../data/reports".to_owned(),
            retention_days: 730,
        }
    }
}

/// `[document]`: what the printed papers say about the office (letterhead,
/// SOP, signatories, the city of the date line) and how the CSV is
/// separated. Changing the office's details never needs a new build.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentCfg {
    /// Letterhead, first line: the government.
    pub government: String,
    /// Letterhead, second line (larger, bold): the office.
    pub office: String,
    /// Letterhead: the division; empty to leave out.
    pub division: String,
    /// Letterhead: street, city, postcode; empty to leave out.
    pub address: String,
    /// Letterhead: telephone; empty to leave out.
    pub phone: String,
    /// Letterhead: e-mail (*pos-el*); empty to leave out.
    pub email: String,
    /// A PNG (the regency's coat of arms) printed left of the letterhead;
    /// empty for none.
    pub logo: String,
    /// The SOP's number, printed on every document.
    pub sop_number: String,
    /// The SOP's title.
    pub sop_title: String,
    /// The place of the date line above the signatures.
    pub city: String,
    /// The post of the supervisor who acknowledges ("Mengetahui,").
    pub supervisor_title: String,
    /// The post of the operator who signs.
    pub operator_title: String,
    /// The post of the head of office, for the monthly recap.
    pub head_title: String,
    /// CSV separator: `;` (Excel with Indonesian settings) or `,`.
    pub csv_separator: String,
}

impl Default for DocumentCfg {
    fn default() -> Self {
        Self {
            government: "PEMERINTAH KABUPATEN MUARA ENIM".to_owned(),
            office: "DINAS KOMUNIKASI DAN INFORMATIKA".to_owned(),
            division: "Bidang Penyelenggaraan E-Government".to_owned(),
            address: String::new(),
            phone: String::new(),
            email: String::new(),
            logo: String::new(),
            sop_number: "06.F/DISKOMINFO-III/2023".to_owned(),
            sop_title: "Akses Ruang Data Center Pemerintah Kabupaten Muara Enim".to_owned(),
            city: "Muara Enim".to_owned(),
            supervisor_title: "Sub Koordinator Infrastruktur TIK".to_owned(),
            operator_title: "Petugas Operator Server".to_owned(),
            head_title: "Kepala Dinas Komunikasi dan Informatika".to_owned(),
            csv_separator: ";".to_owned(),
        }
    }
}

impl DocumentCfg {
    /// The CSV separator as a byte (`;` unless `,` is configured).
    pub fn csv_byte(&self) -> u8 {
        if self.csv_separator == "," {
            b','
        } else {
            b';'
        }
    }
}

/// `[privacy]`: the privacy notice (UU 27/2022) the operator tells the
/// visitor at the end of the form, before the visitor agrees or refuses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacyCfg {
    /// The notice: what is collected, why, how long it is kept, who sees
    /// it, whom to contact. `{retention_days}` becomes
    /// `report.retention_days`, so the period told is the one applied.
    pub notice: String,
}

/// Where the notice names the retention period.
pub const RETENTION_PLACEHOLDER: &str = "{retention_days}";

impl Default for PrivacyCfg {
    fn default() -> Self {
        Self {
            notice: concat!(
                "Data pribadi Anda dicatat untuk keamanan Ruang Data Center ",
                "(UU 27/2022 tentang Pelindungan Data Pribadi).\n",
                "Yang dicatat: nama, jenis dan nomor identitas, instansi, nomor telepon, ",
                "keperluan, peralatan yang dibawa, pegawai yang dituju, waktu masuk dan keluar.\n",
                "Digunakan untuk: pengendalian akses sesuai SOP 06.F/DISKOMINFO-III/2023.\n",
                "Disimpan {retention_days} hari; sesudah itu nama, nomor identitas dan ",
                "telepon dihapus (dianonimkan).\n",
                "Yang melihat: petugas operator server dan Sub Koordinator Infrastruktur TIK.\n",
                "Pertanyaan dan permintaan atas data Anda: Diskominfo Kabupaten Muara Enim, ",
                "Bidang Penyelenggaraan E-Government."
            )
            .to_owned(),
        }
    }
}

impl Config {
    /// The privacy notice as told: the configured text with the retention
    /// period filled in.
    pub fn privacy_notice(&self) -> String {
        self.privacy.notice.replace(
            RETENTION_PLACEHOLDER,
            &self.report.retention_days.to_string(),
        )
    }
}

fn deserialize_tz<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
    let name = String::deserialize(d)?;
    name.parse::<Tz>().map_err(|_| {
        serde::de::Error::custom(format!(
            "unknown time zone `{name}` (use an IANA name such as `Asia/Jakarta`)"
        ))
    })
}

/// Writes `:<line>` or nothing.
struct LineSuffix(Option<usize>);

impl fmt::Display for LineSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(line) => write!(f, ":{line}"),
            None => Ok(()),
        }
    }
}

/// Why the configuration could not be loaded. The `Display` text names the
/// file, the line (1-based) and the dotted key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: configuration file not found", .file.display())]
    NotFound { file: PathBuf },
    /// No `--config`, no `$DC_ACCESS_CONFIG`, and neither default file.
    #[error("no configuration file: none given with --config or $DC_ACCESS_CONFIG, and neither {} nor {} exists", .checkout.display(), .system.display())]
    NoneFound { checkout: PathBuf, system: PathBuf },
    #[error("{}: cannot read configuration file: {source}", .file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not valid TOML at all.
    #[error("{}{}: {message}", .file.display(), LineSuffix(*.line))]
    Syntax {
        file: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// A key the program does not know (often a typo).
    #[error("{}{}: unknown key `{key}`{}", .file.display(), LineSuffix(*.line),
        if .allowed.is_empty() { String::new() } else { format!(" (allowed here: {})", .allowed) })]
    UnknownKey {
        file: PathBuf,
        line: Option<usize>,
        key: String,
        allowed: String,
    },
    /// A known key with a wrong type or an unacceptable value.
    #[error("{}{}: key `{key}`: {message}", .file.display(), LineSuffix(*.line))]
    Invalid {
        file: PathBuf,
        line: Option<usize>,
        key: String,
        message: String,
    },
}

impl ConfigError {
    /// The file the error is about.
    pub fn file(&self) -> &Path {
        match self {
            Self::NotFound { file }
            | Self::NoneFound { checkout: file, .. }
            | Self::Io { file, .. }
            | Self::Syntax { file, .. }
            | Self::UnknownKey { file, .. }
            | Self::Invalid { file, .. } => file,
        }
    }

    /// The 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Syntax { line, .. }
            | Self::UnknownKey { line, .. }
            | Self::Invalid { line, .. } => *line,
            Self::NotFound { .. } | Self::NoneFound { .. } | Self::Io { .. } => None,
        }
    }

    /// The dotted key, when the error is about one.
    pub fn key(&self) -> Option<&str> {
        match self {
            Self::UnknownKey { key, .. } | Self::Invalid { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// Reads and validates the configuration file at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            ConfigError::NotFound {
                file: path.to_owned(),
            }
        } else {
            ConfigError::Io {
                file: path.to_owned(),
                source,
            }
        }
    })?;
    parse(&text, path)
}

/// Parses and validates configuration `text`; `file` is only used in errors.
pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
    // Syntax first, so a broken file is never blamed on a key.
    if let Err(e) = text.parse::<toml::Table>() {
        return Err(ConfigError::Syntax {
            file: file.to_owned(),
            line: e.span().map(|s| line_of_offset(text, s.start)),
            message: e.message().trim().to_owned(),
        });
    }
    let config: Config = toml::from_str(text).map_err(|e| toml_error(&e, text, file))?;
    validate(&config, text, file)?;
    Ok(config)
}

// ---------------------------------------------------------------------------
// Turning toml errors into file:line: key errors

fn toml_error(err: &toml::de::Error, text: &str, file: &Path) -> ConfigError {
    let file = file.to_owned();
    let line = err.span().map(|s| line_of_offset(text, s.start));
    let message = err.message().trim().to_owned();
    let located = line.map(|l| key_at_line(text, l));
    let path_keys = error_keys(err);

    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = tail
            .trim_start_matches(", expected ")
            .trim_start_matches("one of ")
            .to_owned();
        let key = match (&located, path_keys) {
            (Some(LineKey { key: Some(k), .. }), _) if k.ends_with(name) => k.clone(),
            (_, Some(keys)) if keys.ends_with(name) => keys,
            (Some(LineKey { table, .. }), _) => join_key(table, name),
            (None, Some(keys)) => join_key(&keys, name),
            (None, None) => name.to_owned(),
        };
        return ConfigError::UnknownKey {
            file,
            line,
            key,
            allowed,
        };
    }

    let key = path_keys.or_else(|| {
        located.and_then(|lk| {
            lk.key
                .or_else(|| (!lk.table.is_empty()).then_some(lk.table))
        })
    });
    match key {
        Some(key) => ConfigError::Invalid {
            file,
            line,
            key,
            message: friendly(&message),
        },
        None => ConfigError::Syntax {
            file,
            line,
            message,
        },
    }
}

/// The dotted key path toml recorded for a deserialization error, if any.
/// toml only prints it when it has no input to quote, so render a copy
/// without input and read its last line, ``in `a.b` ``.
fn error_keys(err: &toml::de::Error) -> Option<String> {
    let mut bare = err.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    let last = shown.lines().last()?;
    let keys = last.strip_prefix("in `")?.strip_suffix('`')?;
    (!keys.is_empty()).then(|| keys.to_owned())
}

/// Rewords serde's type errors for an IT admin.
fn friendly(message: &str) -> String {
    let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    else {
        return message.to_owned();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message.to_owned();
    };
    let expected = match expected {
        "a sequence" => "an array".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        "u32" | "u8" | "u16" | "u64" | "usize" => "a whole number (0 or more)".to_owned(),
        other => other.to_owned(),
    };
    format!("expected {expected}, found {found}")
}

fn join_key(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_owned()
    } else {
        format!("{table}.{key}")
    }
}

/// 1-based line of a byte offset.
fn line_of_offset(text: &str, offset: usize) -> usize {
    text.char_indices()
        .take_while(|(i, _)| *i < offset)
        .filter(|(_, c)| *c == '\n')
        .count()
        + 1
}

/// What a line tells about its position in the document.
struct LineKey {
    /// The `[table]` in force at that line ("" for the top level).
    table: String,
    /// The dotted key assigned on that line or the nearest line above it
    /// within the same table (for elements of multi-line arrays).
    key: Option<String>,
}

/// A `[table]` header's name, if `line` is one.
fn header_name(line: &str) -> Option<String> {
    let t = strip_comment(line).trim();
    let inner = t
        .strip_prefix("[[")
        .and_then(|s| s.strip_suffix("]]"))
        .or_else(|| t.strip_prefix('[').and_then(|s| s.strip_suffix(']')))?;
    Some(normalise_key(inner))
}

/// The (possibly dotted) bare key assigned on `line`, if it is `key = ...`.
fn assigned_key(line: &str) -> Option<String> {
    let (lhs, _) = line.split_once('=')?;
    let lhs = lhs.trim();
    let ok = !lhs.is_empty()
        && lhs
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '\t' | '"'));
    ok.then(|| normalise_key(lhs))
}

fn normalise_key(k: &str) -> String {
    k.split('.')
        .map(|p| p.trim().trim_matches('"'))
        .collect::<Vec<_>>()
        .join(".")
}

fn strip_comment(line: &str) -> &str {
    // Good enough for headers: they never hold `#` in this file.
    line.split_once('#').map_or(line, |(a, _)| a)
}

fn key_at_line(text: &str, line: usize) -> LineKey {
    let lines: Vec<&str> = text.lines().collect();
    let upto = line.min(lines.len());
    let mut key = None;
    let mut table = None;
    for l in lines[..upto].iter().rev() {
        if let Some(h) = header_name(l) {
            if key.is_none() && table.is_none() && std::ptr::eq(*l, lines[upto - 1]) {
                // The error is on the header itself.
                return LineKey {
                    table: h.clone(),
                    key: Some(h),
                };
            }
            table = Some(h);
            break;
        }
        if key.is_none() {
            key = assigned_key(l);
        }
    }
    let table = table.unwrap_or_default();
    LineKey {
        key: key.map(|k| join_key(&table, &k)),
        table,
    }
}

/// 1-based line where dotted `key` is assigned (or its table declared).
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let mut table = String::new();
    for (i, l) in text.lines().enumerate() {
        if let Some(h) = header_name(l) {
            if h == key {
                return Some(i + 1);
            }
            table = h;
        } else if let Some(k) = assigned_key(l)
            && join_key(&table, &k) == key
        {
            return Some(i + 1);
        }
    }
    None
}

/// 1-based line of the `nth` (0-based) occurrence of `needle` at or after
/// `from` (1-based), falling back to `from`.
fn line_of_value(text: &str, from: usize, needle: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(from - 1)
        .flat_map(|(i, l)| std::iter::repeat_n(i + 1, l.matches(needle).count()))
        .nth(nth)
        .unwrap_or(from)
}

// ---------------------------------------------------------------------------
// Semantic validation

fn validate(c: &Config, text: &str, file: &Path) -> Result<(), ConfigError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_map_to_standards() {
        let s = Standards::default();
        assert_eq!(s.minutes_for_step(Step::Start), 0);
        assert_eq!(s.minutes_for_step(Step::Form), 5);
        assert_eq!(s.minutes_for_step(Step::Inside), 60);
    }

    #[test]
    fn empty_text_is_default() {
        assert_eq!(parse("", Path::new("x.toml")).unwrap(), Config::default());
    }

    #[test]
    fn line_of_key_finds_tables_and_keys() {
        let t = "a = 1\n[visit]\nbadges = [\n  \"x\",\n]\n";
        assert_eq!(line_of_key(t, "a"), Some(1));
        assert_eq!(line_of_key(t, "visit"), Some(2));
        assert_eq!(line_of_key(t, "visit.badges"), Some(3));
        assert_eq!(line_of_key(t, "badges"), None);
    }
}
