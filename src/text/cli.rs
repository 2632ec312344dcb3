//! The command line's words: why a change was refused when it asked who
//! is at the shell (`--as NIP`, see `crate::cli`).

use crate::cli::Refusal;
use crate::config::Language;

/// One sentence per refusal, in the configured language.
pub fn refusal_text(r: &Refusal, lang: Language) -> String {
    use Language::{En, Id};
    match (r, lang) {
        (Refusal::NoSupervisor, Id) => {
            "Perubahan ini memerlukan Sub Koordinator Infrastruktur TIK: \
             sebutkan NIP-nya dengan --as NIP."
                .to_owned()
        }
        (Refusal::NoSupervisor, En) => {
            "This change needs a supervisor: give their NIP with --as NIP.".to_owned()
        }
        (Refusal::NoAccount(nip), Id) => format!("Tidak ada akun dengan NIP {nip}."),
        (Refusal::NoAccount(nip), En) => format!("No account has the NIP {nip}."),
        (Refusal::Operator(name), Id) => format!(
            "{name} adalah Petugas Operator Server; hanya Sub Koordinator Infrastruktur TIK \
             yang boleh melakukan perubahan ini."
        ),
        (Refusal::Operator(name), En) => {
            format!("{name} is an operator; only a supervisor may make this change.")
        }
        (Refusal::Disabled(name), Id) => format!("Akun {name} dinonaktifkan."),
        (Refusal::Disabled(name), En) => format!("The account of {name} is disabled."),
        (Refusal::Locked(name), Id) => format!(
            "Akun {name} terkunci setelah terlalu banyak PIN salah; minta Sub Koordinator \
             Infrastruktur TIK lain membukanya."
        ),
        (Refusal::Locked(name), En) => format!(
            "The account of {name} is locked after too many wrong PINs; ask another \
             supervisor to unlock it."
        ),
        (Refusal::WrongPin { name, failures }, Id) => {
            format!("PIN {name} salah ({failures} kali berturut-turut); tidak ada yang diubah.")
        }
        (Refusal::WrongPin { name, failures }, En) => {
            format!("Wrong PIN for {name} ({failures} in a row); nothing was changed.")
        }
        (Refusal::TooSoon { name, wait_secs }, Id) => format!(
            "Terlalu cepat setelah PIN salah untuk {name}; coba lagi dalam {wait_secs} detik."
        ),
        (Refusal::TooSoon { name, wait_secs }, En) => {
            format!("Too soon after a wrong PIN for {name}; try again in {wait_secs} seconds.")
        }
        (Refusal::FirstMustBeSupervisor, Id) => "Akun pertama harus Sub Koordinator \
             Infrastruktur TIK: tambahkan dengan --role supervisor."
            .to_owned(),
        (Refusal::FirstMustBeSupervisor, En) => {
            "The first account must be a supervisor: add it with --role supervisor.".to_owned()
        }
    }
}

/// The prompt for the supervisor's PIN on the terminal.
pub fn pin_prompt(name: &str, lang: Language) -> String {
    match lang {
        Language::Id => format!("PIN {name}: "),
        Language::En => format!("PIN of {name}: "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Refusal;

    fn all() -> Vec<Refusal> {
        vec![
            Refusal::NoSupervisor,
            Refusal::NoAccount("198501152010011001".into()),
            Refusal::Operator("Budi".into()),
            Refusal::Disabled("Budi".into()),
            Refusal::Locked("Budi".into()),
            Refusal::WrongPin {
                name: "Budi".into(),
                failures: 4,
            },
            Refusal::TooSoon {
                name: "Budi".into(),
                wait_secs: 17,
            },
            Refusal::FirstMustBeSupervisor,
        ]
    }

    /// Both languages carry the same data, in one sentence.
    #[test]
    fn refusals_are_one_sentence_in_both_languages_with_their_data() {
        for r in all() {
            let id = refusal_text(&r, Language::Id);
            let en = refusal_text(&r, Language::En);
            assert_ne!(id, en);
            for s in [&id, &en] {
                assert!(s.ends_with('.'), "{s}");
                assert_eq!(s.matches(". ").count(), 0, "one sentence: {s}");
            }
            for data in ["Budi", "198501152010011001", "4 ", "17"] {
                assert_eq!(id.contains(data), en.contains(data), "{data}: {id} / {en}");
            }
        }
    }
}
