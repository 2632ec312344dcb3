//! The kiosk's configuration: `config/dc-access.toml`.

use serde::Deserialize;

/// The UI language. Bahasa Indonesia is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "en")]
    En,
}
