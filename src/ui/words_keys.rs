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
        ] {
            assert!(!said(s, Language::Id).is_empty());
            assert!(!said(s, Language::En).is_empty());
        }
    }
}
