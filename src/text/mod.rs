//! The catalogues: every word the program shows, Bahasa Indonesia and
//! English side by side.
//!
//! One mechanism for all of them:
//!
//! - **Plain words** are named entries of a [`catalogue!`] struct, written
//!   `name: "Indonesian", "English";`, so the two languages of an entry sit
//!   on neighbouring lines and a missing translation does not compile.
//!   Screens read them as fields: `t.inside_now`.
//! - **Words with data** are methods that take the data typed and match on
//!   the language, both arms next to each other:
//!   `t.badge_taken(badge) -> String`. There are no `{n}` placeholders to
//!   forget: the compiler checks every argument of `format!`, and the tests
//!   check that both languages show every argument.
//! - **Words for an enum** (a status, a step, a field, an error) are one
//!   `match (value, language)` with no `_` arm, so a new variant does not
//!   compile until it is worded ([`field_errors`] is the model).
//!
//! Dates, times and durations are not words of a catalogue: they are
//! formatted in one place, [`crate::format`], shared with the papers.

pub mod cli;
pub mod desk;
pub mod field_errors;
pub mod keys;
pub mod kiosk;
pub mod notice;
pub mod plans;
pub mod reasons;
pub mod store_errors;
pub mod team;
pub mod visitor;
pub mod watchlist;

use crate::config::Language;

pub use desk::DeskText;
pub use kiosk::Text;
pub use plans::PlanText;
pub use team::TeamText;
pub use visitor::VisitorText;
pub use watchlist::WatchText;

/// A struct of plain words with its two instances, `ID` and `EN`, written
/// entry by entry with both languages side by side:
///
/// ```ignore
/// catalogue! {
///     /// The kiosk's words.
///     pub struct Text;
///     /// Home: the list of visitors in the room.
///     inside_now: "Di dalam sekarang", "Inside now";
/// }
/// ```
macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        $( $(#[$fmeta:meta])* $field:ident : $id:literal , $en:literal ; )*
    ) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name {
            /// The language of this catalogue.
            pub language: $crate::config::Language,
            $( $(#[$fmeta])* pub $field: &'static str, )*
        }

        impl $name {
            /// Bahasa Indonesia (the default).
            pub const ID: Self = Self {
                language: $crate::config::Language::Id,
                $( $field: $id, )*
            };
            /// English.
            pub const EN: Self = Self {
                language: $crate::config::Language::En,
                $( $field: $en, )*
            };

            /// Every plain entry as (name, Indonesian, English), for tests.
            #[cfg(test)]
            pub const ENTRIES: &'static [(&'static str, &'static str, &'static str)] =
                &[ $( (stringify!($field), $id, $en), )* ];
        }
    };
}
pub(crate) use catalogue;

/// The kiosk catalogue of a language.
pub fn text(lang: Language) -> &'static Text {
    match lang {
        Language::Id => &Text::ID,
        Language::En => &Text::EN,
    }
}

/// The supervisor desk catalogue of a language.
pub fn desk_text(lang: Language) -> &'static DeskText {
    match lang {
        Language::Id => &DeskText::ID,
        Language::En => &DeskText::EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain entries carry no placeholders: words with data are typed
    /// methods, so a `{n}` left in a plain entry would be shown as is.
    #[test]
    fn plain_entries_have_no_placeholders_and_both_languages() {
        for (name, id, en) in Text::ENTRIES
            .iter()
            .chain(DeskText::ENTRIES)
            .chain(WatchText::ENTRIES)
            .chain(PlanText::ENTRIES)
            .chain(TeamText::ENTRIES)
        {
            assert!(!id.is_empty() && !en.is_empty(), "{name} is empty");
            for s in [id, en] {
                assert!(
                    !s.contains('{') && !s.contains('}'),
                    "{name}: a placeholder in a plain entry: {s}"
                );
            }
        }
    }

    /// Words the Indonesian screens and papers never use: one word per
    /// thing, the SOP's own terms (issue 8, "Language"). Looked for in every
    /// plain entry, the papers' catalogue and every Indonesian snapshot.
    const NEVER: [&str; 17] = [
        "Badge",
        "Tujuan",
        "Penyetuju",
        "Lewat waktu",
        "bebas:",
        "Penyiapan",
        "Catatan anomali",
        "kembali ke pool",
        "Keluar dari kiosk",
        "q Keluar",
        "Tnd",
        "Mnt",
        "0j 00m",
        "Yang dituju",
        "Ditolak, KTP belum kembali",
        "Tombol apa saja",
        "Yang dituju/penanggung",
    ];

    #[test]
    fn indonesian_words_follow_the_sop_one_word_per_thing() {
        let mut texts: Vec<(String, String)> = Text::ENTRIES
            .iter()
            .chain(DeskText::ENTRIES)
            .chain(WatchText::ENTRIES)
            .chain(PlanText::ENTRIES)
            .chain(VisitorText::ENTRIES)
            .chain(TeamText::ENTRIES)
            .map(|(name, id, _)| ((*name).to_owned(), (*id).to_owned()))
            .collect();
        texts.push((
            "report::text::ID".into(),
            format!("{:?}", crate::report::text::ID),
        ));
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.display().to_string();
            if !name.contains("_en") {
                texts.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
        for (name, text) in &texts {
            for word in NEVER {
                assert!(!text.contains(word), "{name} says {word:?}");
            }
        }
        // The SOP's terms are there.
        let all: String = texts.iter().map(|(_, t)| t.as_str()).collect();
        for term in [
            "Ceklist perangkat ruang server",
            "Mutu Baku",
            "Petugas Operator Server",
            "Sub Koordinator Infrastruktur TIK",
            "Keperluan",
            "Peralatan yang dibawa",
            "Pegawai yang dituju",
            "Kegiatan di ruang server",
            "Tutup aplikasi",
            "persediaan",
            "tersedia:",
            "Pengaturan awal",
            "Catatan temuan",
            "Melebihi batas waktu",
            "Ditolak, identitas belum dikembalikan",
            "Diputuskan oleh",
            "Tekan sembarang tombol untuk menutup",
            "Kartu",
            "Menit",
            "Tanggal (HH-BB-TTTT)",
        ] {
            assert!(all.contains(term), "{term:?} is nowhere");
        }
    }
}
