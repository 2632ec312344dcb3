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

use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

use crate::domain::step::Step;

mod load;
mod validate;

pub use load::{ConfigError, load, parse};

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
    /// Purposes that need an assignment letter (surat tugas / SPK); each
    /// must be one of `purposes`.
    pub letter_required_for: Vec<String>,
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

impl VisitCfg {
    /// What a valid step-2 form is, by this configuration.
    pub fn form_rules(&self) -> crate::domain::visit::FormRules<'_> {
        crate::domain::visit::FormRules {
            id_types: &self.id_types,
            purposes: &self.purposes,
            letter_required_for: &self.letter_required_for,
        }
    }
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
            letter_required_for: Vec::new(),
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
                "Disimpan {retention_days} hari; sesudah itu nama, nomor identitas, telepon, ",
                "pegawai yang dituju, rincian keperluan, peralatan dan catatan dihapus ",
                "(dianonimkan); instansi, keperluan dan waktu tetap untuk statistik.\n",
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
}
