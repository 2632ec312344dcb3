//! The words of what a console is told about the record changing under it
//! ([`Notice`]): a step that lost to another console, a screen that changed
//! since it was drawn. Id and en side by side, one arm per case.

use chrono_tz::Tz;

use crate::app::{NotPreApproved, Notice};
use crate::config::Language;
use crate::domain::audit::AuditAction;
use crate::domain::visit::Status;
use crate::store::{FileChange, LastChange};

/// What an event did, as a past participle (`approved`), for "already
/// approved by ..." and "approved by ...".
fn done_words(action: Option<AuditAction>, lang: Language) -> &'static str {
    use AuditAction as A;
    use Language::{En, Id};
    let Some(action) = action else {
        return changed(lang);
    };
    match (action, lang) {
        (A::Approved, Id) => "disetujui",
        (A::Approved, En) => "approved",
        (A::PreApproved, Id) => "disetujui lebih dulu",
        (A::PreApproved, En) => "pre-approved",
        (A::Rejected, Id) => "ditolak",
        (A::Rejected, En) => "rejected",
        (A::BadgeIssued, Id) => "kartu diberikan",
        (A::BadgeIssued, En) => "badge issued",
        (A::CheckoutStarted, Id) => "mulai keluar",
        (A::CheckoutStarted, En) => "check-out started",
        (A::CheckedOut, Id) => "sudah keluar",
        (A::CheckedOut, En) => "checked out",
        (A::Cancelled, Id) => "dibatalkan",
        (A::Cancelled, En) => "cancelled",
        (A::Archived, Id) => "diarsipkan",
        (A::Archived, En) => "archived",
        (A::IdReturned, Id) => "identitas dikembalikan",
        (A::IdReturned, En) => "ID returned",
        (A::Submitted, Id) => "diajukan",
        (A::Submitted, En) => "submitted",
        (A::FormCompleted, Id) => "formulir diselesaikan",
        (A::FormCompleted, En) => "form completed",
        (A::FormReopened, Id) => "formulir dibuka lagi",
        (A::FormReopened, En) => "form reopened",
        (A::VisitStarted, Id) => "dimulai",
        (A::VisitStarted, En) => "started",
        (A::Correction, Id) => "dikoreksi",
        (A::Correction, En) => "corrected",
        // Events that are no step of a visit.
        (
            A::AttemptRefused
            | A::SignedOut
            | A::PinOk
            | A::PinFailed
            | A::PinFailedLocked
            | A::PinRefusedWait
            | A::PinRefusedLocked
            | A::PinRefusedDisabled
            | A::PinReset
            | A::UserCreated
            | A::UserDisabled
            | A::UserEnabled
            | A::UserUnlocked
            | A::BadgeRestored
            | A::DayReviewed
            | A::VisitsAnonymized
            | A::DemoHistory
            | A::WatchAdded
            | A::WatchRemoved
            | A::PlanAdded
            | A::PlanCancelled,
            _,
        ) => changed(lang),
    }
}

/// The step that was attempted, as a noun (`your rejection`).
fn attempt_words(action: AuditAction, lang: Language) -> &'static str {
    use AuditAction as A;
    use Language::{En, Id};
    match (action, lang) {
        (A::Approved, Id) => "persetujuan",
        (A::Approved, En) => "approval",
        (A::PreApproved, Id) => "pra-persetujuan",
        (A::PreApproved, En) => "pre-approval",
        (A::Rejected, Id) => "penolakan",
        (A::Rejected, En) => "rejection",
        (A::BadgeIssued, Id) => "pemberian kartu",
        (A::BadgeIssued, En) => "badge issue",
        (A::CheckoutStarted, Id) => "mulai keluar",
        (A::CheckoutStarted, En) => "start of check-out",
        (A::CheckedOut, Id) => "pencatatan keluar",
        (A::CheckedOut, En) => "check-out",
        (A::Cancelled, Id) => "pembatalan",
        (A::Cancelled, En) => "cancellation",
        (A::Archived, Id) => "pengarsipan",
        (A::Archived, En) => "archiving",
        (A::IdReturned, Id) => "pengembalian identitas",
        (A::IdReturned, En) => "ID return",
        (A::Submitted, Id) => "pengajuan",
        (A::Submitted, En) => "submission",
        (A::FormCompleted, Id) => "formulir",
        (A::FormCompleted, En) => "form",
        (A::FormReopened, Id) => "pembukaan formulir",
        (A::FormReopened, En) => "reopening of the form",
        (A::VisitStarted, Id) => "mulai kunjungan",
        (A::VisitStarted, En) => "start of the visit",
        // Not steps a screen attempts: a step, in general.
        (
            A::Correction
            | A::AttemptRefused
            | A::SignedOut
            | A::PinOk
            | A::PinFailed
            | A::PinFailedLocked
            | A::PinRefusedWait
            | A::PinRefusedLocked
            | A::PinRefusedDisabled
            | A::PinReset
            | A::UserCreated
            | A::UserDisabled
            | A::UserEnabled
            | A::UserUnlocked
            | A::BadgeRestored
            | A::DayReviewed
            | A::VisitsAnonymized
            | A::DemoHistory
            | A::WatchAdded
            | A::WatchRemoved
            | A::PlanAdded
            | A::PlanCancelled,
            Id,
        ) => "langkah",
        (
            A::Correction
            | A::AttemptRefused
            | A::SignedOut
            | A::PinOk
            | A::PinFailed
            | A::PinFailedLocked
            | A::PinRefusedWait
            | A::PinRefusedLocked
            | A::PinRefusedDisabled
            | A::PinReset
            | A::UserCreated
            | A::UserDisabled
            | A::UserEnabled
            | A::UserUnlocked
            | A::BadgeRestored
            | A::DayReviewed
            | A::VisitsAnonymized
            | A::DemoHistory
            | A::WatchAdded
            | A::WatchRemoved
            | A::PlanAdded
            | A::PlanCancelled,
            En,
        ) => "step",
    }
}

/// What happened when no event names it.
fn changed(lang: Language) -> &'static str {
    match lang {
        Language::Id => "diubah",
        Language::En => "changed",
    }
}

/// "approved by Siti Rahma at 09:12" (or only "approved" when nobody is
/// known).
fn change_words(last: Option<&LastChange>, lang: Language, tz: Tz) -> String {
    let Some(c) = last else {
        return done_words(None, lang).to_owned();
    };
    let done = done_words(Some(c.action), lang);
    let at = crate::format::clock(&c.at.with_timezone(&tz));
    match (&c.by, lang) {
        (Some(by), Language::Id) => format!("{done} oleh {by} pukul {at}"),
        (Some(by), Language::En) => format!("{done} by {by} at {at}"),
        (None, Language::Id) => format!("{done} pukul {at}"),
        (None, Language::En) => format!("{done} at {at}"),
    }
}

/// Why the kiosk stopped: a database file was deleted or replaced under
/// it, so no step from now on would be kept.
pub fn files_changed_text(change: &FileChange, lang: Language) -> String {
    let (what_id, what_en, path) = match change {
        FileChange::Database(p) => ("Berkas basis data", "The database file", p),
        FileChange::Wal(p) => ("Berkas WAL basis data", "The database's WAL file", p),
    };
    let path = path.display();
    match lang {
        Language::Id => format!(
            "{what_id} {path} dihapus atau diganti saat kios berjalan. Langkah berikutnya tidak \
             akan tersimpan, jadi kios berhenti; langkah yang belum dikonfirmasi di layar tidak \
             tercatat. Hubungi pengelola sistem dan jangan mencatat kunjungan sampai basis data \
             dipulihkan (dc-access verify)."
        ),
        Language::En => format!(
            "{what_en} {path} was deleted or replaced while the kiosk was running. Steps from \
             now on would not be kept, so the kiosk stopped; a step not confirmed on screen was \
             not recorded. Call the system administrator and record no visits until the \
             database is restored (dc-access verify)."
        ),
    }
}

/// The title of the box a notice is shown in.
pub fn notice_title(n: &Notice, lang: Language) -> &'static str {
    match (n, lang) {
        (Notice::Refused(_), Language::Id) => "Tidak dicatat",
        (Notice::Refused(_), Language::En) => "Not recorded",
        (Notice::ChangedElsewhere { .. }, Language::Id) => "Diubah di konsol lain",
        (Notice::ChangedElsewhere { .. }, Language::En) => "Changed at another console",
        (Notice::PrintFailed { .. }, Language::Id) => "Gagal mencetak",
        (Notice::PrintFailed { .. }, Language::En) => "Printing failed",
        (Notice::NotCancellable { .. }, Language::Id) => "Tidak bisa dibatalkan",
        (Notice::NotCancellable { .. }, Language::En) => "Cannot be cancelled",
        (Notice::NotPreApproved(_), Language::Id) => "Menunggu persetujuan",
        (Notice::NotPreApproved(_), Language::En) => "Waiting for approval",
        (Notice::PrivacyRefused(_), _) => super::visitor::visitor_text(lang).notice_refused_title,
        (
            Notice::SetupDone { .. }
            | Notice::SupervisorOnly
            | Notice::Printed { .. }
            | Notice::Saved { .. }
            | Notice::CorrectionRecorded(_)
            | Notice::BadgeRestored(_)
            | Notice::AccountRefused { .. },
            _,
        ) => super::text(lang).notice_title,
    }
}

/// The sentence of a notice, times in the site's zone.
pub fn notice_text(n: &Notice, lang: Language, tz: Tz) -> String {
    match n {
        Notice::Refused(r) => {
            let change = change_words(r.last.as_ref(), lang, tz);
            let attempt = attempt_words(r.attempted, lang);
            let visit = r.visit.0;
            match lang {
                Language::Id => format!(
                    "Konsol lain lebih dulu: kunjungan #{visit} sudah {change}; {attempt} Anda tidak dicatat."
                ),
                Language::En => format!(
                    "Another console came first: visit #{visit} was already {change}; your {attempt} was not recorded."
                ),
            }
        }
        Notice::ChangedElsewhere { visit, last } => {
            let change = change_words(last.as_ref(), lang, tz);
            let visit = visit.0;
            match lang {
                Language::Id => format!(
                    "Kunjungan #{visit} baru saja {change} di konsol lain. Layar sudah diperbarui; tombol yang ditekan tidak dijalankan."
                ),
                Language::En => format!(
                    "Visit #{visit} was just {change} at another console. The screen is up to date; the key pressed was not acted on."
                ),
            }
        }
        Notice::PrintFailed { error, saved } => {
            let saved = saved.display();
            match lang {
                Language::Id => format!(
                    "Gagal mencetak: {error}. Langkah sudah tersimpan. Dokumen disimpan di {saved}"
                ),
                Language::En => format!(
                    "Printing failed: {error}. The step is saved. The document was saved to {saved}"
                ),
            }
        }
        Notice::NotCancellable { name, status } => not_cancellable(name, *status, lang),
        Notice::SetupDone { name } => super::text(lang).setup_done(name),
        Notice::SupervisorOnly => super::text(lang).supervisor_only.into(),
        Notice::Printed { command } => super::desk_text(lang).sent_to_printer(command),
        Notice::Saved { path } => super::desk_text(lang).saved_to(&path.display().to_string()),
        Notice::CorrectionRecorded(visit) => super::desk_text(lang).correction_recorded(visit.0),
        Notice::BadgeRestored(badge) => super::desk_text(lang).badge_restored(badge),
        Notice::AccountRefused { why, name } => {
            super::reasons::disable_refusal_text(*why, name, lang)
        }
        Notice::NotPreApproved(NotPreApproved::Plan(why)) => {
            super::store_errors::plan_refusal_text(*why, lang).into()
        }
        Notice::NotPreApproved(NotPreApproved::Watched) => match lang {
            Language::Id => "Pengunjung ada di daftar tangkal: kunjungan terjadwal ini tetap \
                             diputuskan Sub Koordinator di layar persetujuan."
                .into(),
            Language::En => "The visitor is on the watchlist: this planned visit is still \
                             decided by a supervisor at the approval screen."
                .into(),
        },
        Notice::PrivacyRefused(visit) => super::visitor::visitor_text(lang).refused_told(visit.0),
    }
}

/// Why `x` does not cancel this visit, and what to do instead.
fn not_cancellable(name: &str, status: Status, lang: Language) -> String {
    let t = super::text(lang);
    let state = t.status(status);
    match (status, lang) {
        (Status::Inside, _) => super::keys::inside_cannot_cancel(name, lang),
        (_, Language::Id) => format!(
            "Kunjungan {name} ({state}) tidak bisa dibatalkan lagi. Tekan Enter untuk \
             langkah berikutnya."
        ),
        (_, Language::En) => format!(
            "The visit of {name} ({state}) can no longer be cancelled. Press Enter for the \
             next step."
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::visit::{Status, VisitId};
    use crate::store::Refusal;

    #[test]
    fn a_lost_decision_names_who_won_and_what_was_not_recorded() {
        let n = Notice::Refused(Refusal {
            visit: VisitId(7),
            attempted: AuditAction::Rejected,
            found: Status::Approved,
            last: Some(LastChange {
                action: AuditAction::Approved,
                by: Some("Siti Rahma".into()),
                at: Utc.with_ymd_and_hms(2026, 11, 27, 2, 12, 0).unwrap(),
            }),
        });
        let tz: Tz = "Asia/Jakarta".parse().unwrap();
        assert_eq!(
            notice_text(&n, Language::En, tz),
            "Another console came first: visit #7 was already approved by Siti Rahma at 09:12; \
             your rejection was not recorded."
        );
        assert_eq!(
            notice_text(&n, Language::Id, tz),
            "Konsol lain lebih dulu: kunjungan #7 sudah disetujui oleh Siti Rahma pukul 09:12; \
             penolakan Anda tidak dicatat."
        );
    }
}
