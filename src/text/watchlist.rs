//! The watchlist's words (daftar tangkal): its desk screen, the warning on
//! the form, the approval's second confirmation.

use crate::app::WatchNote;
use crate::config::Language::{self, En, Id};
use crate::domain::watchlist::{MatchOn, WatchError};

super::catalogue! {
    /// All plain words of the watchlist in one language; see [`super`].
    pub struct WatchText;
    title: "Daftar tangkal", "Watchlist";
    hint_open: "Daftar tangkal", "Watchlist";
    hint_remove: "Hapus", "Remove";
    col_nik: "NIK", "NIK";
    col_who: "Nama / instansi", "Name / organisation";
    col_reason: "Alasan", "Reason";
    col_until: "Berlaku s.d.", "Valid until";
    empty: "Tidak ada entri yang berlaku.", "No entry in force.";
    add_title: "Tambah entri daftar tangkal", "Add a watchlist entry";
    field_nik: "NIK", "NIK";
    field_name: "Nama", "Name";
    field_org: "Instansi", "Organisation";
    field_reason: "Alasan", "Reason";
    field_until: "Sampai (HH-BB-TTTT)", "Until (DD-MM-YYYY)";
    form_hint:
        "NIK, nama, instansi: minimal satu · Enter: simpan · Esc: batal",
        "NIK, name, organisation: at least one · Enter: save · Esc: cancel";
    warning_title: "DAFTAR TANGKAL", "WATCHLIST";
    form_warning:
        "Sub Koordinator melihat ini saat memutuskan.",
        "The supervisor sees this when deciding.";
    confirm_approve:
        "Pengunjung ada di daftar tangkal. Enter sekali lagi: tetap setujui · Esc: batal.",
        "The visitor is on the watchlist. Enter once more: approve anyway · Esc: cancel.";
}

impl WatchText {
    /// What of the visitor matched.
    pub fn match_on(&self, on: MatchOn) -> &'static str {
        match (on, self.language) {
            (MatchOn::Nik, _) => "NIK",
            (MatchOn::Name, Id) => "nama",
            (MatchOn::Name, En) => "name",
            (MatchOn::Organisation, Id) => "instansi",
            (MatchOn::Organisation, En) => "organisation",
        }
    }

    /// One matching entry: on what, whom it names, why, until when.
    pub fn hit(&self, on: &[MatchOn], who: &str, reason: &str, until: &str) -> String {
        let on: Vec<&str> = on.iter().map(|o| self.match_on(*o)).collect();
        let on = on.join(", ");
        match self.language {
            Id => format!("Cocok {on}: {who} — {reason} (s.d. {until})"),
            En => format!("Matches {on}: {who} — {reason} (until {until})"),
        }
    }

    /// The question before an entry is removed.
    pub fn confirm_remove(&self, who: &str) -> String {
        match self.language {
            Id => format!("Hapus {who} dari daftar tangkal? Enter: hapus · Esc: batal"),
            En => format!("Remove {who} from the watchlist? Enter: remove · Esc: cancel"),
        }
    }

    /// What was done last.
    pub fn note(&self, note: WatchNote) -> String {
        match (note, self.language) {
            (WatchNote::Added(id), Id) => format!("Entri #{} ditambahkan.", id.0),
            (WatchNote::Added(id), En) => format!("Entry #{} added.", id.0),
            (WatchNote::Removed(id), Id) => format!("Entri #{} dihapus.", id.0),
            (WatchNote::Removed(id), En) => format!("Entry #{} removed.", id.0),
        }
    }

    /// Why a new entry was refused.
    pub fn error(&self, e: &WatchError) -> String {
        match (e, self.language) {
            (WatchError::Field { error, .. }, lang) => {
                super::field_errors::field_error_text(error, lang)
            }
            (WatchError::NothingToMatch, Id) => {
                "Isi NIK, nama atau instansi (minimal satu).".into()
            }
            (WatchError::NothingToMatch, En) => {
                "Give a NIK, a name or an organisation (at least one).".into()
            }
            (WatchError::InThePast, Id) => "Tanggal berlaku sudah lewat.".into(),
            (WatchError::InThePast, En) => "That day is already past.".into(),
            (WatchError::BadDate, Id) => "Tanggal tidak valid: tulis seperti 31-12-2026.".into(),
            (WatchError::BadDate, En) => "Not a valid date: write it like 31-12-2026.".into(),
        }
    }
}

/// The watchlist catalogue of a language.
pub fn watch_text(lang: Language) -> &'static WatchText {
    match lang {
        Id => &WatchText::ID,
        En => &WatchText::EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::watchlist::WatchId;

    #[test]
    fn both_languages_show_the_same_data() {
        for lang in [Id, En] {
            let t = watch_text(lang);
            let s = t.hit(
                &[MatchOn::Nik, MatchOn::Name],
                "Budi",
                "alasan",
                "31-12-2026",
            );
            for token in ["NIK", "Budi", "alasan", "31-12-2026"] {
                assert!(s.contains(token), "{s}");
            }
            assert!(t.confirm_remove("Budi").contains("Budi"));
            assert!(t.note(WatchNote::Added(WatchId(7))).contains("#7"));
        }
    }
}
