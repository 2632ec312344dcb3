//! A store error as one clear sentence in the UI language: what did not
//! happen and what to do. The English `Display` of [`StoreError`] (with its
//! cause chain) is for logs and the command line, never for the kiosk.

use crate::config::Language::{self, En, Id};
use crate::domain::plan::PlanRefusal;
use crate::domain::visit::TransitionError;
use crate::store::{DbFault, StoreError, StoreProblem};

/// The sentence shown when `err` stopped a step from being recorded.
pub fn store_error_text(err: &StoreError, lang: Language) -> String {
    store_problem_text(&StoreProblem::from(err), lang)
}

/// The sentence for a store problem the kiosk holds.
pub fn store_problem_text(err: &StoreProblem, lang: Language) -> String {
    use StoreProblem as E;
    match (err, lang) {
        (E::BadgeTaken(b), Id) => {
            format!("Kartu {b} sedang dipakai atau hilang; pilih kartu lain.")
        }
        (E::BadgeTaken(b), En) => format!("Badge {b} is out or lost; pick another."),
        (E::DraftLocked, Id) => "Formulir ini sudah diserahkan dan tidak bisa diubah lagi.".into(),
        (E::DraftLocked, En) => "This form was handed in and can no longer be edited.".into(),
        (E::TeamStep(n), Id) => {
            format!("Langkah ini dicatat untuk seluruh rombongan; buka kunjungan ketua #{n}.")
        }
        (E::TeamStep(n), En) => {
            format!("This step is recorded for the whole team; open the leader's visit #{n}.")
        }
        (E::TeamChanged(n), Id) => {
            format!("Anggota rombongan #{n} berubah di konsol lain; buka kembali kunjungannya.")
        }
        (E::TeamChanged(n), En) => {
            format!("The team of visit #{n} changed at another console; open it again.")
        }
        (E::NoVisit(n), Id) => format!("Kunjungan #{n} tidak ditemukan di basis data."),
        (E::NoVisit(n), En) => format!("Visit #{n} is not in the database."),
        (E::NoUser(who), Id) => format!("Akun {who} tidak ditemukan."),
        (E::NoUser(who), En) => format!("Account {who} was not found."),
        (E::DuplicateNip(nip), Id) => format!("Sudah ada akun dengan NIP {nip}."),
        (E::DuplicateNip(nip), En) => format!("An account with NIP {nip} already exists."),
        (E::Hash, Id) => "PIN tidak dapat diamankan; coba lagi.".into(),
        (E::Hash, En) => "The PIN could not be secured; try again.".into(),
        (E::Key { path, .. }, Id) => format!(
            "Berkas kunci {} tidak dapat dibaca; hubungi pengelola sistem.",
            path.display()
        ),
        (E::Key { path, .. }, En) => format!(
            "The key file {} cannot be read; call the system administrator.",
            path.display()
        ),
        (E::Head { path, .. }, Id) => format!(
            "Langkah ini tercatat, tetapi berkas kepala rantai {} tidak dapat ditulis; \
             hubungi pengelola sistem.",
            path.display()
        ),
        (E::Head { path, .. }, En) => format!(
            "The step was recorded, but the chain head file {} cannot be written; \
             call the system administrator.",
            path.display()
        ),
        (E::UpgradeCopy { path }, Id) => format!(
            "Basis data belum diperbarui: salinan cadangan {} tidak dapat disimpan; \
             periksa ruang disk, lalu hubungi pengelola sistem.",
            path.display()
        ),
        (E::UpgradeCopy { path }, En) => format!(
            "The database was not upgraded: the backup copy {} cannot be kept; \
             check the disk space, then call the system administrator.",
            path.display()
        ),
        (E::CreateDir { path, .. }, Id) => format!(
            "Folder {} tidak dapat dibuat; hubungi pengelola sistem.",
            path.display()
        ),
        (E::CreateDir { path, .. }, En) => format!(
            "The folder {} cannot be created; call the system administrator.",
            path.display()
        ),
        (E::TooNew, Id) => {
            "Basis data ini dibuat oleh versi dc-access yang lebih baru; perbarui program ini."
                .into()
        }
        (E::TooNew, En) => {
            "This database was written by a newer dc-access; update this program.".into()
        }
        (E::Refused(r), Id) => format!(
            "Konsol lain lebih dulu: kunjungan #{} sudah berubah; langkah ini tidak dicatat.",
            r.visit.0
        ),
        (E::Refused(r), En) => format!(
            "Another console came first: visit #{} had already changed; this step was not recorded.",
            r.visit.0
        ),
        (E::NoWatch(n), Id) => format!("Entri daftar tangkal #{n} tidak ditemukan."),
        (E::NoWatch(n), En) => format!("Watchlist entry #{n} was not found."),
        (E::WatchUnconfirmed(n), Id) => format!(
            "Pengunjung cocok dengan {n} entri daftar tangkal yang belum dikonfirmasi; periksa lalu setujui lagi."
        ),
        (E::WatchUnconfirmed(n), En) => format!(
            "The visitor matches {n} watchlist entries not yet confirmed; check them and approve again."
        ),
        (E::NoPlan(n), Id) => format!("Kunjungan terjadwal #{n} tidak ditemukan."),
        (E::NoPlan(n), En) => format!("Planned visit #{n} was not found."),
        (E::PlanClosed(n), Id) => {
            format!("Kunjungan terjadwal #{n} dibatalkan atau bukan untuk hari ini.")
        }
        (E::PlanClosed(n), En) => format!("Planned visit #{n} is cancelled or not for today."),
        (E::WeakPin(e), _) => super::field_errors::field_error_text(e, lang),
        (E::Transition(t), _) => transition_text(t, lang),
        (E::Db(fault), _) => db_fault_text(*fault, lang).into(),
    }
}

/// Database trouble in words.
pub fn db_fault_text(fault: DbFault, lang: Language) -> &'static str {
    use DbFault as F;
    match (fault, lang) {
        (F::Busy, Id) => "Basis data sedang dipakai konsol lain; tunggu sebentar lalu coba lagi.",
        (F::Busy, En) => "The database is busy with another console; wait a moment and try again.",
        (F::ReadOnly, Id) => {
            "Basis data tidak bisa ditulis (hanya-baca); hubungi pengelola sistem."
        }
        (F::ReadOnly, En) => {
            "The database cannot be written (read-only); call the system administrator."
        }
        (F::DiskFull, Id) => "Disk penuh; hubungi pengelola sistem.",
        (F::DiskFull, En) => "The disk is full; call the system administrator.",
        (F::Corrupt, Id) => {
            "Berkas basis data rusak; hubungi pengelola sistem (pulihkan dari cadangan)."
        }
        (F::Corrupt, En) => {
            "The database file is damaged; call the system administrator (restore a backup)."
        }
        (F::CannotOpen, Id) => {
            "Berkas basis data tidak dapat dibuka atau dibaca; hubungi pengelola sistem."
        }
        (F::CannotOpen, En) => {
            "The database file cannot be opened or read; call the system administrator."
        }
        (F::Other, Id) => {
            "Basis data menolak perubahan ini; coba lagi, hubungi Sub Koordinator Infrastruktur TIK bila berulang."
        }
        (F::Other, En) => {
            "The database refused this change; try again, call a supervisor if it repeats."
        }
    }
}

/// A rule of the procedure that refused a step, in words.
pub fn transition_text(err: &TransitionError, lang: Language) -> String {
    use TransitionError as T;
    match (err, lang) {
        (T::NotAllowed { .. }, Id) => {
            "Langkah ini tidak bisa dilakukan pada kunjungan dalam keadaan sekarang; mungkin konsol lain sudah mengubahnya.".into()
        }
        (T::NotAllowed { .. }, En) => {
            "This step cannot be done to the visit as it is now; another console may have changed it.".into()
        }
        (T::NotSupervisor, Id) => {
            "Hanya Sub Koordinator Infrastruktur TIK yang boleh memutuskan.".into()
        }
        (T::NotSupervisor, En) => "Only a supervisor may decide.".into(),
        (T::SameAsSubmitter, Id) => {
            "Yang memutuskan tidak boleh sama dengan yang mengajukan.".into()
        }
        (T::SameAsSubmitter, En) => {
            "The supervisor who decides cannot be the one who handed the form in.".into()
        }
        (T::ReasonRequired, Id) => "Alasan wajib diisi.".into(),
        (T::ReasonRequired, En) => "A reason is required.".into(),
        (T::IdNotHeld, Id) => "Pastikan dokumen identitas sudah dipegang petugas.".into(),
        (T::IdNotHeld, En) => "Confirm the ID document is held by the operator.".into(),
        (T::IdNotReturned, Id) => "Pastikan dokumen identitas sudah dikembalikan.".into(),
        (T::IdNotReturned, En) => "Confirm the ID document was given back.".into(),
        (T::IdAlreadyReturned, Id) => "Dokumen identitas sudah dikembalikan sebelumnya.".into(),
        (T::IdAlreadyReturned, En) => "The ID document was already given back.".into(),
        (T::ChecklistIncomplete, Id) => "Setiap butir ceklist harus dijawab.".into(),
        (T::ChecklistIncomplete, En) => "Every checklist item must be answered.".into(),
        (T::NoteRequired(n), Id) => {
            format!("Butir ceklist {n} TIDAK OK: catatan wajib diisi.")
        }
        (T::NoteRequired(n), En) => {
            format!("Checklist item {n} is NOT OK: a note is required.")
        }
        (T::TooLong(max), Id) => format!("Teks terlalu panjang (paling banyak {max} karakter)."),
        (T::TooLong(max), En) => format!("The text is too long (at most {max} characters)."),
        (T::Plan(why), _) => plan_refusal_text(*why, lang).into(),
        (T::WatchNotNamed, Id) => {
            "Persetujuan pengunjung di daftar tangkal harus menyebut entri yang dilihat.".into()
        }
        (T::WatchNotNamed, En) => {
            "Approving a watched visitor must name the entries that were seen.".into()
        }
    }
}

/// Why a planned visit was not recorded as pre-approved (it waits in the
/// approval queue instead).
pub fn plan_refusal_text(why: PlanRefusal, lang: Language) -> &'static str {
    use PlanRefusal as P;
    match (why, lang) {
        (P::NotFromPlan, Id) => "Kunjungan ini tidak dimulai dari jadwal tersebut.",
        (P::NotFromPlan, En) => "This visit was not started from that plan.",
        (P::NotPreApproved, Id) => "Jadwal ini belum disetujui lebih dulu; menunggu persetujuan.",
        (P::NotPreApproved, En) => "This plan is not pre-approved; it waits for approval.",
        (P::NotSupervisor, Id) => {
            "Jadwal ini disetujui oleh akun yang bukan Sub Koordinator; menunggu persetujuan."
        }
        (P::NotSupervisor, En) => {
            "This plan was approved by an account that is not a supervisor's; it waits for approval."
        }
        (P::Cancelled, Id) => "Jadwal ini sudah dibatalkan; menunggu persetujuan.",
        (P::Cancelled, En) => "This plan was cancelled; it waits for approval.",
        (P::OutsideDays, Id) => "Jadwal ini bukan untuk hari ini; menunggu persetujuan.",
        (P::OutsideDays, En) => "This plan is not for today; it waits for approval.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn samples() -> Vec<StoreError> {
        vec![
            StoreError::BadgeTaken(crate::domain::badge::BadgeNo::try_from("B-07").unwrap()),
            StoreError::DraftLocked,
            StoreError::TeamStep(12),
            StoreError::TeamChanged(12),
            StoreError::NoVisit(42),
            StoreError::NoUser("Siti".into()),
            StoreError::DuplicateNip("198501152010011001".into()),
            StoreError::Hash("argon2 says no".into()),
            StoreError::Key {
                path: PathBuf::from("/var/lib/dc-access/x.key"),
                message: "permission denied".into(),
            },
            StoreError::CreateDir {
                path: PathBuf::from("/data/dir"),
                source: std::io::Error::other("denied"),
            },
            StoreError::TooNew {
                path: PathBuf::from("x.db"),
                found: 9,
                known: 2,
            },
            StoreError::Transition(TransitionError::SameAsSubmitter),
            StoreError::Transition(TransitionError::NoteRequired(3)),
            StoreError::Transition(TransitionError::TooLong(500)),
            StoreError::NoWatch(42),
            StoreError::WatchUnconfirmed(3),
            StoreError::NoPlan(42),
            StoreError::PlanClosed(42),
        ]
    }

    /// One sentence, in the language asked, without the English cause.
    #[test]
    fn every_error_is_one_sentence_in_each_language() {
        for e in samples() {
            let id = store_error_text(&e, Language::Id);
            let en = store_error_text(&e, Language::En);
            assert_ne!(id, en, "{e:?}");
            for s in [&id, &en] {
                assert!(s.ends_with('.'), "{s}");
                assert!(!s.contains("argon2") && !s.contains("denied"), "{s}");
                assert_eq!(s.matches(". ").count(), 0, "one sentence: {s}");
            }
            // Data shown in one language is shown in the other.
            for token in [
                "B-07",
                "42",
                "Siti",
                "198501152010011001",
                "3",
                "500",
                "x.key",
                "/data/dir",
            ] {
                assert_eq!(
                    id.contains(token),
                    en.contains(token),
                    "{token}: {id} / {en}"
                );
            }
        }
    }

    #[test]
    fn indonesian_text_has_no_english() {
        for e in samples() {
            let id = store_error_text(&e, Language::Id);
            for word in [" the ", "database", "error", "cannot", "already", "visit"] {
                assert!(!id.to_lowercase().contains(word), "{word:?} in {id}");
            }
        }
    }
}
