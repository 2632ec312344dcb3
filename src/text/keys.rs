//! Words for keys and for what a key answers on a screen: the footer and
//! help hints of each action, and the short notices keys give. Id and
//! en side by side, one arm per case, so a missing word does not compile.

use crate::config::Language;

/// What a key tells the user it does, on a screen (or in a box over it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    LeaveSetupTitle,
    LeaveSetupBody,
    LeaveSetupKeys,
    /// Hints that have no word in the older catalogs.
    PrevField,
    Toggle,
    Erase,
    EraseForward,
    StartEnd,
    MoveCursor,
    MoveField,
    ClearField,
    Move,
    Page,
    Close,
    /// The key of a box closed by any key, and what it does: the footer
    /// writes them side by side, the box as one sentence
    /// ([`any_key_to_close`]), so both say the same phrase.
    AnyKey,
    ToClose,
    CheckOk,
    CheckNotOk,
    CloseProgram,
    SpaceKey,
}

/// The words of a [`Said`].
pub fn said(s: Said, lang: Language) -> &'static str {
    use Language::{En, Id};
    match (s, lang) {
        (Said::LeaveSetupTitle, Id) => "Tutup pengaturan awal?",
        (Said::LeaveSetupTitle, En) => "Close the first-run setup?",
        (Said::LeaveSetupBody, Id) => {
            "Belum ada akun yang dibuat. Aplikasi akan ditutup; pengaturan awal muncul lagi saat aplikasi dibuka."
        }
        (Said::LeaveSetupBody, En) => {
            "No account has been created yet. The program closes; the setup comes back when it is started again."
        }
        (Said::LeaveSetupKeys, Id) => "Enter: tutup aplikasi · Esc: kembali ke pengaturan",
        (Said::LeaveSetupKeys, En) => "Enter: close the program · Esc: back to the setup",
        (Said::PrevField, Id) => "Kolom sebelumnya",
        (Said::PrevField, En) => "Previous field",
        (Said::Toggle, Id) => "Centang/ubah",
        (Said::Toggle, En) => "Tick/flip",
        (Said::Erase, Id) => "Hapus huruf sebelum kursor",
        (Said::Erase, En) => "Delete the letter before the cursor",
        (Said::EraseForward, Id) => "Hapus huruf sesudah kursor",
        (Said::EraseForward, En) => "Delete the letter after the cursor",
        (Said::StartEnd, Id) => "Ke awal/akhir kolom",
        (Said::StartEnd, En) => "To the start/end of the field",
        (Said::MoveCursor, Id) => "Geser kursor",
        (Said::MoveCursor, En) => "Move the cursor",
        (Said::MoveField, Id) => "Pindah kolom",
        (Said::MoveField, En) => "Move between fields",
        (Said::ClearField, Id) => "Kosongkan kolom",
        (Said::ClearField, En) => "Clear the field",
        (Said::Move, Id) => "Pindah baris",
        (Said::Move, En) => "Move",
        (Said::Page, Id) => "Halaman",
        (Said::Page, En) => "Page",
        (Said::Close, Id) => "Tutup",
        (Said::Close, En) => "Close",
        (Said::AnyKey, Id) => "Tekan sembarang tombol",
        (Said::AnyKey, En) => "Press any key",
        (Said::ToClose, Id) => "untuk menutup",
        (Said::ToClose, En) => "to close",
        (Said::CheckOk, Id) => "Baik",
        (Said::CheckOk, En) => "OK",
        (Said::CheckNotOk, Id) => "Tidak baik",
        (Said::CheckNotOk, En) => "Not OK",
        (Said::CloseProgram, Id) => "Tutup aplikasi",
        (Said::CloseProgram, En) => "Close the program",
        (Said::SpaceKey, Id) => "Spasi",
        (Said::SpaceKey, En) => "Space",
    }
}

/// The last line of a box closed by any key: the footer's hint under it
/// ([`Said::AnyKey`] [`Said::ToClose`]) as a sentence.
pub fn any_key_to_close(lang: Language) -> String {
    format!(
        "{} {}.",
        said(Said::AnyKey, lang),
        said(Said::ToClose, lang)
    )
}

/// Step 4 with no supervisor who may decide: the one who submitted may
/// not approve their own visit.
pub fn no_other_supervisor(submitter: &str, lang: Language) -> String {
    match lang {
        Language::Id => format!(
            "Perlu Sub Koordinator Infrastruktur TIK lain. {submitter} mengajukan kunjungan \
             ini dan tidak boleh memutuskannya sendiri. Minta yang lain memutuskan di konsol \
             ini atau di konsol lain; layar ini mengikuti keputusannya."
        ),
        Language::En => format!(
            "Another supervisor is needed. {submitter} submitted this visit and may not \
             decide it. Ask another supervisor to decide at this console or another; this \
             screen follows the decision."
        ),
    }
}

/// `x` on a visitor inside: a visit in the room is not cancelled.
pub fn inside_cannot_cancel(name: &str, lang: Language) -> String {
    match lang {
        Language::Id => format!(
            "{name} sedang di ruang server: kunjungan tidak bisa dibatalkan. Tekan Enter \
             untuk check-out (kartu dan identitas dikembalikan)."
        ),
        Language::En => format!(
            "{name} is in the server room: the visit cannot be cancelled. Press Enter to \
             check out (badge and ID handed back)."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_there_in_both_languages() {
        for s in [
            Said::LeaveSetupTitle,
            Said::LeaveSetupBody,
            Said::LeaveSetupKeys,
            Said::PrevField,
            Said::Toggle,
            Said::Erase,
            Said::EraseForward,
            Said::StartEnd,
            Said::MoveCursor,
            Said::MoveField,
            Said::ClearField,
            Said::Move,
            Said::Page,
            Said::Close,
            Said::AnyKey,
            Said::ToClose,
            Said::CheckOk,
            Said::CheckNotOk,
            Said::CloseProgram,
            Said::SpaceKey,
        ] {
            assert!(!said(s, Language::Id).is_empty());
            assert!(!said(s, Language::En).is_empty());
        }
    }

    #[test]
    fn both_languages_name_the_person() {
        for lang in [Language::Id, Language::En] {
            assert!(no_other_supervisor("Siti Rahma", lang).contains("Siti Rahma"));
            assert!(inside_cannot_cancel("Budi Santoso", lang).contains("Budi Santoso"));
        }
    }
}
