//! The words of planned visits (kunjungan terjadwal): the plans screen,
//! its form, Home's line for today.

use crate::app::PlanNote;
use crate::config::Language::{self, En, Id};
use crate::domain::plan::{PlanError, PlanField};

super::catalogue! {
    /// All plain words of planned visits in one language; see [`super`].
    pub struct PlanText;
    title: "Kunjungan terjadwal", "Planned visits";
    hint_open: "Terjadwal", "Planned";
    hint_cancel: "Batalkan jadwal", "Cancel plan";
    today: "Terjadwal hari ini", "Planned today";
    col_days: "Tanggal", "Days";
    col_visitor: "Pengunjung", "Visitor";
    col_org: "Instansi", "Organisation";
    col_letter: "Surat tugas", "Letter";
    col_approval: "Persetujuan", "Approval";
    pre_approved: "disetujui", "approved";
    waiting: "menunggu", "waiting";
    empty: "Tidak ada kunjungan terjadwal.", "No planned visit.";
    add_title: "Daftarkan kunjungan terjadwal", "Register a planned visit";
    field_first: "Tanggal (HH-BB-TTTT)", "Day (DD-MM-YYYY)";
    field_last: "Sampai (boleh kosong)", "Until (may be empty)";
    field_visitors: "NIK Nama; NIK Nama", "NIK Name; NIK Name";
    field_org: "Instansi", "Organisation";
    field_purpose: "Keperluan", "Purpose";
    field_detail: "Rincian", "Detail";
    field_letter: "No. surat tugas", "Assignment letter no.";
    field_pin: "PIN (setujui lebih dulu)", "PIN (pre-approve)";
    form_hint:
        "Tanpa PIN: tidak disetujui lebih dulu · Enter di PIN: simpan · Esc: batal",
        "No PIN: not pre-approved · Enter on the PIN: save · Esc: cancel";
}

impl PlanText {
    /// What was done last, or why a row was not started.
    pub fn note(&self, note: PlanNote) -> String {
        match (note, self.language) {
            (
                PlanNote::Added {
                    id,
                    pre_approved: true,
                },
                Id,
            ) => {
                format!("Jadwal #{} didaftarkan dan disetujui lebih dulu.", id.0)
            }
            (
                PlanNote::Added {
                    id,
                    pre_approved: true,
                },
                En,
            ) => {
                format!("Plan #{} registered and pre-approved.", id.0)
            }
            (
                PlanNote::Added {
                    id,
                    pre_approved: false,
                },
                Id,
            ) => {
                format!("Jadwal #{} didaftarkan (belum disetujui).", id.0)
            }
            (
                PlanNote::Added {
                    id,
                    pre_approved: false,
                },
                En,
            ) => {
                format!("Plan #{} registered (not pre-approved).", id.0)
            }
            (PlanNote::Cancelled(id), Id) => format!("Jadwal #{} dibatalkan.", id.0),
            (PlanNote::Cancelled(id), En) => format!("Plan #{} cancelled.", id.0),
            (PlanNote::NotToday(id), Id) => {
                format!("Jadwal #{} bukan untuk hari ini.", id.0)
            }
            (PlanNote::NotToday(id), En) => format!("Plan #{} is not for today.", id.0),
        }
    }

    /// The question before a plan is cancelled.
    pub fn confirm_cancel(&self, id: i64) -> String {
        match self.language {
            Id => format!("Batalkan jadwal #{id}? Enter: batalkan · Esc: jangan"),
            En => format!("Cancel plan #{id}? Enter: cancel it · Esc: keep it"),
        }
    }

    /// The label of a field of the form.
    pub fn field(&self, f: PlanField) -> &'static str {
        match f {
            PlanField::FirstDay => self.field_first,
            PlanField::LastDay => self.field_last,
            PlanField::Visitors => self.field_visitors,
            PlanField::Organisation => self.field_org,
            PlanField::Purpose => self.field_purpose,
            PlanField::Detail => self.field_detail,
            PlanField::Letter => self.field_letter,
            PlanField::Pin => self.field_pin,
        }
    }

    /// Why a new plan was refused.
    pub fn error(&self, e: &PlanError) -> String {
        match (e, self.language) {
            (PlanError::Field { error, .. }, lang) => {
                super::field_errors::field_error_text(error, lang)
            }
            (PlanError::BadDate(_), Id) => "Tanggal tidak valid: tulis seperti 31-12-2026.".into(),
            (PlanError::BadDate(_), En) => "Not a valid date: write it like 31-12-2026.".into(),
            (PlanError::InThePast, Id) => "Tanggal sudah lewat.".into(),
            (PlanError::InThePast, En) => "That day is already past.".into(),
            (PlanError::EndsBeforeStart, Id) => "Tanggal akhir sebelum tanggal awal.".into(),
            (PlanError::EndsBeforeStart, En) => "The last day is before the first.".into(),
            (PlanError::BadVisitor(n), Id) => {
                format!("Pengunjung {n}: tulis NIK (16 angka) lalu nama.")
            }
            (PlanError::BadVisitor(n), En) => {
                format!("Visitor {n}: write the NIK (16 digits), then the name.")
            }
            (PlanError::TooManyVisitors, Id) => "Paling banyak 10 pengunjung.".into(),
            (PlanError::TooManyVisitors, En) => "At most 10 visitors.".into(),
            (PlanError::Purpose, Id) => "Pilih keperluan dari daftar.".into(),
            (PlanError::Purpose, En) => "Choose a purpose from the list.".into(),
        }
    }
}

/// The plans catalogue of a language.
pub fn plan_text(lang: Language) -> &'static PlanText {
    match lang {
        Id => &PlanText::ID,
        En => &PlanText::EN,
    }
}
