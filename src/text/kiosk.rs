//! The kiosk's words: sign-in, home, the seven steps, overlays and key hints.

use crate::config::Language::{En, Id};
use crate::domain::audit::AuditAction;
use crate::domain::stage::Stage;
use crate::domain::step::Step;
use crate::domain::visit::{FormField, Status, Visit};

super::catalogue! {
    /// All plain words of the kiosk in one language; see [`super`].
    pub struct Text;
    step_word: "Langkah", "Step";
    /// Printed before the first frame while an upgrade copies and migrates
    /// the database (minutes on a long history).
    upgrading:
        "dc-access: memperbarui basis data ke versi program ini. Salinan cadangan dibuat dulu; pada riwayat panjang ini butuh beberapa menit. Jangan matikan komputer.",
        "dc-access: upgrading the database for this version of the program. A backup copy is made first; on a long history this takes minutes. Do not switch the computer off.";
    title_setup: "Pengaturan awal: akun pertama", "Setup: first supervisor account";
    title_sign_in: "Masuk petugas", "Operator sign-in";
    setup_intro:
        "Belum ada akun. Buat akun Sub Koordinator Infrastruktur TIK yang pertama.",
        "No accounts yet. Create the first ICT infrastructure sub-coordinator (supervisor) account.";
    setup_hint:
        "Tab/Enter: kolom berikut · Enter di kolom terakhir: simpan",
        "Tab/Enter: next field · Enter on the last field: save";
    sign_in_intro:
        "Pilih nama (↑/↓), ketik PIN, tekan Enter.",
        "Pick your name (↑/↓), type your PIN, press Enter.";
    no_accounts: "Belum ada akun aktif.", "No active accounts.";
    pin_checking: "Memeriksa PIN…", "Checking the PIN…";
    user_name: "Nama lengkap", "Full name";
    user_nip: "NIP", "NIP";
    user_role: "Peran", "Role";
    user_pin: "PIN (6-12 angka)", "PIN (6-12 digits)";
    user_pin2: "Ulangi PIN", "PIN again";
    role_operator: "Petugas Operator Server", "Server room operator";
    role_supervisor: "Sub Koordinator Infrastruktur TIK", "ICT infrastructure sub-coordinator";
    pin: "PIN", "PIN";
    pin_locked:
        "Akun terkunci setelah terlalu banyak PIN salah. Minta Sub Koordinator Infrastruktur TIK membukanya.",
        "Account locked after too many wrong PINs. Ask a supervisor to unlock it.";
    account_disabled: "Akun ini dinonaktifkan.", "This account is disabled.";
    supervisor_only: "Hanya untuk Sub Koordinator Infrastruktur TIK.", "Supervisors only.";
    // Home
    inside_now: "Di dalam sekarang", "Inside now";
    nobody_inside: "Tidak ada pengunjung di ruang server.", "No visitor in the server room.";
    in_progress: "Dalam proses", "In progress";
    nothing_in_progress:
        "Tidak ada kunjungan yang sedang diproses. Tekan n untuk kunjungan baru.",
        "No visit in progress. Press n for a new visit.";
    awaiting_approval: "menunggu persetujuan:", "awaiting approval:";
    today: "Hari ini", "Today";
    count_requests: "Permohonan masuk", "Requests to enter";
    count_entered: "Pengunjung masuk", "Visitors who entered";
    count_rejected: "Ditolak", "Rejected";
    count_overstays: "Melebihi batas waktu", "Over the time limit";
    by_purpose: "Menurut keperluan:", "By purpose:";
    lost_badges: "Kartu hilang", "Lost badges";
    unnamed: "(belum diisi)", "(not filled in)";
    col_name: "Nama", "Name";
    col_org: "Instansi", "Organisation";
    col_badge: "Kartu", "Badge";
    col_escort: "Pendamping", "Escort";
    col_in: "Masuk", "In";
    col_elapsed: "Lama", "Elapsed";
    col_door: "Pintu", "Door";
    elapsed: "Waktu", "Time";
    // Form
    form_title: "Formulir", "Form";
    form_enter_hint:
        "Tab/Enter: kolom berikut · Enter di kotak terakhir: periksa",
        "Tab/Enter: next field · Enter on the last box: review";
    id_held_short: "Identitas dipegang", "ID held";
    letter: "Surat tugas", "Assignment letter";
    no_letter: "tidak ada", "none";
    yes: "Ya", "Yes";
    no: "Tidak", "No";
    // Review / approval
    review_title: "Periksa formulir", "Review form";
    review_hint:
        "Enter: serahkan untuk persetujuan · e: ubah · x: batalkan kunjungan",
        "Enter: hand in for approval · e: edit · x: cancel the visit";
    form_read_only: "Formulir (baca saja)", "Form (read-only)";
    submitted_by: "Diajukan oleh", "Submitted by";
    decision: "Keputusan", "Decision";
    approve: "Setujui", "Approve";
    reject: "Tolak", "Reject";
        no_supervisor: "(tidak ada Sub Koordinator lain)", "(no other supervisor)";
    reject_reason: "Alasan penolakan", "Reason for rejection";
    reason_required: "Alasan wajib diisi.", "A reason is required.";
    approval_hint:
        "←/→ pilih · Tab kolom berikut · Enter di PIN: tanda tangan",
        "←/→ choose · Tab next field · Enter on PIN: sign";
    decided_by: "Diputuskan oleh", "Decided by";
    rejected_banner:
        "KUNJUNGAN TIDAK DISETUJUI. Kembalikan dokumen identitas kepada pengunjung.",
        "VISIT NOT APPROVED. Give the ID document back to the visitor.";
    return_id_title: "Pengembalian identitas", "ID return";
    return_id_hint:
        "Enter: dokumen identitas sudah dikembalikan (kunjungan ditutup).",
        "Enter: the ID document was given back (the visit closes).";
    // Badge
    badge_title: "Tanda pengenal pengunjung & pendamping", "Badge & escort";
    visitor: "Pengunjung", "Visitor";
    badge: "Kartu", "Badge";
    escort: "Pendamping", "Escort";
    free_badges: "tersedia", "available";
    badge_hint:
        "←/→ pilih · Tab pindah · Enter di pendamping: pengunjung masuk",
        "←/→ choose · Tab switch · Enter on escort: the visitor enters";
    badge_escort_required: "Pilih kartu dan pendamping.", "Pick a badge and an escort.";
    // Checkout
    checkout_title: "Keluar", "Check out";
    badge_returned: "No. kartu dikembalikan", "Badge no. handed back";
    id_returned:
        "Dokumen identitas dikembalikan ke pengunjung",
        "ID document given back to the visitor";
    ok: "OK", "OK";
    not_ok: "TIDAK OK", "NOT OK";
    note: "Catatan", "Note";
    item_taken_out: "dibawa keluar", "taken out";
    item_left: "ditinggal", "left";
    item_not_listed: "keluar, tak tercatat masuk", "out, not listed in";
    equipment_row: "Peralatan", "Equipment";
    reason: "Alasan", "Reason";
    no_reason: "tanpa alasan", "no reason given";
    taken_out: "Peralatan keluar lain", "Other equipment out";
    activity: "Kegiatan di ruang server", "Work done in the server room";
    inside_for: "Di dalam", "Inside";
    checkout_hint:
        "←/→ atau o/n: OK/TIDAK OK, peralatan dibawa keluar/ditinggal · Tab pindah · Enter di kegiatan: selesai",
        "←/→ or o/n: OK/NOT OK, equipment taken out/left · Tab move · Enter on work done: finish";
    badge_returned_required:
        "Ketik nomor kartu yang dikembalikan.",
        "Type the number of the badge handed back.";
    id_return_required:
        "Konfirmasi dokumen identitas sudah dikembalikan (Spasi).",
        "Confirm the ID document was given back (Space).";
    // Archive / report
    report_title: "Laporan kegiatan", "Activity report";
    archive_hint:
        "Enter: arsipkan formulir (setelah itu hanya bisa dibaca) · Esc: kembali",
        "Enter: archive the form (read-only afterwards) · Esc: back";
    read_only_hint:
        "Kunjungan ini sudah ditutup dan hanya bisa dibaca. Esc: kembali.",
        "This visit is closed and read-only. Esc: back.";
    more_below: "↓/PgDn: lanjutan", "↓/PgDn: more";
    started_by: "Dimulai oleh", "Started by";
    cancel_reason: "Alasan pembatalan", "Reason for cancelling";
    badge_lost: "HILANG", "LOST";
    badge_back: "dikembalikan", "returned";
    badge_in_use: "sedang dipakai", "in use";
    not_decided: "belum diputuskan", "not decided yet";
    decision_approved: "Disetujui", "Approved";
    decision_rejected: "Ditolak", "Rejected";
    time_in_out: "Masuk → keluar", "In → out";
    id_document: "Dokumen identitas", "ID document";
    id_back: "sudah dikembalikan", "given back";
    id_still_held: "MASIH DIPEGANG PETUGAS", "STILL HELD BY THE OPERATOR";
    checklist_title: "Ceklist perangkat ruang server:", "Server-room device checklist:";
    step_times: "Waktu tiap langkah (Mutu Baku SOP):", "Time per step (SOP standard):";
    timeline: "Riwayat:", "Timeline:";
    // Overlays
    help_title: "Bantuan: tombol di layar ini", "Help: keys on this screen";
    error_title: "TIDAK TERCATAT", "NOT RECORDED";
    notice_title: "Informasi", "Notice";
    cancel_title: "Batalkan kunjungan", "Cancel visit";
    cancel_question:
        "Kunjungan dibatalkan; kembalikan dokumen identitas kepada pengunjung. Alasan:",
        "The visit is cancelled; give the ID document back to the visitor. Reason:";
    cancel_question_no_id: "Kunjungan dibatalkan. Alasan:", "The visit is cancelled. Reason:";
    prompt_hint: "Enter: lanjut · Esc: batal", "Enter: go on · Esc: back";
    exit_title: "Tutup aplikasi", "Close the program";
    exit_intro:
        "Menutup aplikasi perlu PIN Sub Koordinator Infrastruktur TIK.",
        "Closing the program needs a supervisor PIN.";
    // Key hints
    hint_new: "Baru", "New";
    hint_open: "Buka/lanjut", "Open/resume";
    hint_cancel: "Batalkan", "Cancel";
    hint_accounts: "Akun", "Accounts";
    hint_sign_out: "Ganti petugas", "Change operator";
    hint_quit: "Tutup aplikasi", "Close the program";
    hint_help: "Bantuan", "Help";
    hint_submit: "Serahkan", "Hand in";
    hint_edit: "Ubah", "Edit";
    hint_id_returned: "Identitas kembali", "ID given back";
    hint_archive: "Arsipkan", "Archive";
    hint_next_field: "Kolom berikut", "Next field";
    hint_choose: "Pilih", "Choose";
    hint_confirm: "Lanjut", "Go on";
    hint_back: "Kembali", "Back";
    rejected_id_held: "Ditolak, identitas belum dikembalikan", "Rejected, ID not yet back";
}

impl Text {
    /// Home's title part when visits wait for approval: "3 menunggu
    /// persetujuan".
    pub fn waiting_count(&self, n: usize) -> String {
        match self.language {
            Id => format!("{n} menunggu persetujuan"),
            En => format!("{n} awaiting approval"),
        }
    }

    /// Under a sign-in list cut to the box: how many names are out of
    /// view.
    pub fn more_names(&self, n: usize) -> String {
        match self.language {
            Id => format!("… {n} nama lagi (↑/↓)"),
            En => format!("… {n} more names (↑/↓)"),
        }
    }

    /// A door as shown: "Pintu: Utara", or the name itself when it says
    /// it is a door ("Pintu Utara", "Door 2").
    pub fn door_label(&self, door: &str) -> String {
        let lower = door.to_lowercase();
        if lower.starts_with("pintu") || lower.starts_with("door") {
            return door.to_owned();
        }
        match self.language {
            Id => format!("Pintu: {door}"),
            En => format!("Door: {door}"),
        }
    }

    /// "Langkah 2/7"'s name: the SOP's name of step `step`.
    pub fn step_name(&self, step: Step) -> &'static str {
        match (step, self.language) {
            (Step::Start, Id) => "Mulai",
            (Step::Start, En) => "Start",
            (Step::Form, Id) => "Formulir akses ruang server",
            (Step::Form, En) => "Server-room access form",
            (Step::Submit, Id) => "Serahkan formulir untuk persetujuan",
            (Step::Submit, En) => "Hand in the form for approval",
            (Step::Decide, Id) => "Verifikasi dan keputusan",
            (Step::Decide, En) => "Verify and decide",
            (Step::Inside, Id) => "Pendampingan di ruang server",
            (Step::Inside, En) => "Escorted in the server room",
            (Step::Checkout, Id) => "Ceklist perangkat ruang server",
            (Step::Checkout, En) => "Server-room device checklist",
            (Step::Archive, Id) => "Arsip formulir",
            (Step::Archive, En) => "Archive the form",
        }
    }

    /// The label of a form field.
    pub fn field_label(&self, f: FormField) -> &'static str {
        use FormField as F;
        match (f, self.language) {
            (F::FullName, Id) => "Nama lengkap",
            (F::FullName, En) => "Full name",
            (F::IdType, Id) => "Jenis identitas",
            (F::IdType, En) => "ID type",
            (F::IdNumber, Id) => "Nomor identitas",
            (F::IdNumber, En) => "ID number",
            (F::Organisation, Id) => "Instansi/organisasi",
            (F::Organisation, En) => "Organisation",
            (F::Phone, Id) => "No. telepon",
            (F::Phone, En) => "Phone",
            (F::Purpose, Id) => "Keperluan",
            (F::Purpose, En) => "Purpose",
            (F::PurposeDetail, Id) => "Rincian keperluan",
            (F::PurposeDetail, En) => "Purpose detail",
            (F::LetterNumber, Id) => "Nomor surat tugas",
            (F::LetterNumber, En) => "Assignment letter no.",
            (F::LetterDate, Id) => "Tanggal surat tugas",
            (F::LetterDate, En) => "Letter date",
            (F::LetterIssuer, Id) => "Penerbit surat tugas",
            (F::LetterIssuer, En) => "Letter issued by",
            (F::Equipment, Id) => "Peralatan yang dibawa",
            (F::Equipment, En) => "Equipment brought in",
            (F::PlannedMinutes, Id) => "Rencana durasi (menit)",
            (F::PlannedMinutes, En) => "Planned duration (min)",
            (F::PersonVisited, Id) => "Pegawai yang dituju",
            (F::PersonVisited, En) => "Staff member visited",
            (F::IdHeld, Id) => "Dokumen identitas dipegang petugas",
            (F::IdHeld, En) => "ID document physically held by the operator",
        }
    }

    /// The help line shown under a focused form field.
    pub fn field_help(&self, f: FormField) -> &'static str {
        use FormField as F;
        match (f, self.language) {
            (F::FullName, Id) => "Nama sesuai dokumen identitas.",
            (F::FullName, En) => "Name as on the ID document.",
            (F::IdType, Id) => "←/→ untuk memilih jenis identitas.",
            (F::IdType, En) => "←/→ to pick the ID type.",
            (F::IdNumber, Id) => "KTP: NIK 16 angka. Lainnya: nomor dokumen.",
            (F::IdNumber, En) => "KTP: 16-digit NIK. Others: the document number.",
            (F::Organisation, Id) => "Nama instansi, perusahaan, atau organisasi.",
            (F::Organisation, En) => "Agency, company or organisation.",
            (F::Phone, Id) => "Nomor telepon yang bisa dihubungi.",
            (F::Phone, En) => "A phone number to reach the visitor.",
            (F::Purpose, Id) => "←/→ untuk memilih kategori keperluan.",
            (F::Purpose, En) => "←/→ to pick the purpose category.",
            (F::PurposeDetail, Id) => "Apa yang akan dikerjakan di ruang server.",
            (F::PurposeDetail, En) => "What will be done in the server room.",
            (F::LetterNumber, Id) => "Nomor surat tugas atau SPK yang dibawa pengunjung.",
            (F::LetterNumber, En) => "The number of the assignment letter (surat tugas / SPK).",
            (F::LetterDate, Id) => "Tanggal surat (HH-BB-TTTT), mis. 28-11-2026.",
            (F::LetterDate, En) => "The letter's date (DD-MM-YYYY), e.g. 28-11-2026.",
            (F::LetterIssuer, Id) => "Instansi atau perusahaan yang menerbitkan surat.",
            (F::LetterIssuer, En) => "The agency or company that issued the letter.",
            (F::Equipment, Id) => {
                "Pisahkan dengan ; · nomor seri setelah #: Laptop Dell #5CG12; obeng"
            }
            (F::Equipment, En) => {
                "Separate with ; · serial number after #: Laptop Dell #5CG12; pliers"
            }
            (F::PlannedMinutes, Id) => "Perkiraan lama di dalam, dalam menit.",
            (F::PlannedMinutes, En) => "Expected time inside, in minutes.",
            (F::PersonVisited, Id) => "Nama pegawai kantor ini yang dituju.",
            (F::PersonVisited, En) => "The name of the staff member visited.",
            (F::IdHeld, Id) => "Spasi: tandai dokumen sudah dipegang. Enter: periksa formulir.",
            (F::IdHeld, En) => "Space: mark the document as held. Enter: review the form.",
        }
    }

    /// The name of a visit's status.
    pub fn status(&self, s: Status) -> &'static str {
        use Status as S;
        match (s, self.language) {
            (S::Draft, Id) => "Mengisi formulir",
            (S::Draft, En) => "Filling in the form",
            (S::Review, Id) => "Pemeriksaan formulir",
            (S::Review, En) => "Reviewing the form",
            (S::AwaitingApproval, Id) => "Menunggu persetujuan",
            (S::AwaitingApproval, En) => "Awaiting approval",
            (S::Approved, Id) => "Disetujui, tunggu kartu",
            (S::Approved, En) => "Approved, badge next",
            (S::Rejected, Id) => "Ditolak",
            (S::Rejected, En) => "Rejected",
            (S::Cancelled, Id) => "Dibatalkan",
            (S::Cancelled, En) => "Cancelled",
            (S::Inside, Id) => "Di dalam",
            (S::Inside, En) => "Inside",
            (S::CheckedOut, Id) => "Keluar, belum diarsip",
            (S::CheckedOut, En) => "Out, not archived",
            (S::Archived, Id) => "Diarsipkan",
            (S::Archived, En) => "Archived",
        }
    }

    /// The status of a visit, saying when a rejected visitor's ID is still held.
    pub fn status_label(&self, v: &Visit) -> &'static str {
        self.stage_label(v.stage(), v.status)
    }

    /// [`Self::status_label`] from the stage and the stored status.
    pub fn stage_label(&self, stage: Stage, status: Status) -> &'static str {
        match stage {
            Stage::RejectedIdHeld => self.rejected_id_held,
            Stage::Draft
            | Stage::Review
            | Stage::AwaitingApproval
            | Stage::Approved
            | Stage::Rejected
            | Stage::Cancelled
            | Stage::Inside
            | Stage::CheckingOut
            | Stage::CheckedOut
            | Stage::Archived => self.status(status),
        }
    }

    /// The supervisor's decision on a visit (step 4), or `None` before it.
    pub fn decision_of(&self, v: &Visit) -> Option<&'static str> {
        v.decided_at?;
        Some(if v.status == Status::Rejected {
            self.decision_rejected
        } else {
            self.decision_approved
        })
    }

    /// Words for an audit action, as a visit's timeline lists it.
    pub fn action_label(&self, action: AuditAction) -> &'static str {
        use AuditAction as A;
        match (action, self.language) {
            (A::VisitStarted, Id) => "Kunjungan dimulai",
            (A::VisitStarted, En) => "Visit started",
            (A::FormCompleted, Id) => "Formulir lengkap",
            (A::FormCompleted, En) => "Form complete",
            (A::FormReopened, Id) => "Formulir diubah",
            (A::FormReopened, En) => "Form reopened",
            (A::Submitted, Id) => "Diserahkan untuk persetujuan",
            (A::Submitted, En) => "Handed in for approval",
            (A::Approved, Id) => "Disetujui",
            (A::Approved, En) => "Approved",
            (A::Rejected, Id) => "Ditolak",
            (A::Rejected, En) => "Rejected",
            (A::IdReturned, Id) => "Identitas dikembalikan",
            (A::IdReturned, En) => "ID given back",
            (A::Cancelled, Id) => "Dibatalkan",
            (A::Cancelled, En) => "Cancelled",
            (A::BadgeIssued, Id) => "Kartu diberikan, masuk",
            (A::BadgeIssued, En) => "Badge issued, entered",
            (A::CheckoutStarted, Id) => "Mulai keluar",
            (A::CheckoutStarted, En) => "Check-out started",
            (A::CheckedOut, Id) => "Keluar",
            (A::CheckedOut, En) => "Checked out",
            (A::Archived, Id) => "Diarsipkan",
            (A::Archived, En) => "Archived",
            (A::Correction, Id) => "Koreksi oleh Sub Koordinator",
            (A::Correction, En) => "Supervisor correction",
            (A::AttemptRefused, Id) => "Langkah ditolak (sudah diubah di konsol lain)",
            (A::AttemptRefused, En) => "Step refused (changed at another console)",
            (A::SignedOut, Id) => "Keluar dari akun",
            (A::SignedOut, En) => "Signed out",
            (A::PinOk, Id) => "PIN diterima",
            (A::PinOk, En) => "PIN accepted",
            (A::PinFailed, Id) => "PIN salah",
            (A::PinFailed, En) => "Wrong PIN",
            (A::PinFailedLocked, Id) => "PIN salah, akun dikunci",
            (A::PinFailedLocked, En) => "Wrong PIN, account locked",
            (A::PinRefusedWait, Id) => "PIN ditolak: tunggu dulu",
            (A::PinRefusedWait, En) => "PIN refused: wait first",
            (A::PinRefusedLocked, Id) => "PIN ditolak: akun dikunci",
            (A::PinRefusedLocked, En) => "PIN refused: account locked",
            (A::PinRefusedDisabled, Id) => "PIN ditolak: akun nonaktif",
            (A::PinRefusedDisabled, En) => "PIN refused: account disabled",
            (A::PinReset, Id) => "PIN diganti",
            (A::PinReset, En) => "PIN reset",
            (A::UserCreated, Id) => "Akun dibuat",
            (A::UserCreated, En) => "Account created",
            (A::UserDisabled, Id) => "Akun dinonaktifkan",
            (A::UserDisabled, En) => "Account disabled",
            (A::UserEnabled, Id) => "Akun diaktifkan",
            (A::UserEnabled, En) => "Account enabled",
            (A::UserUnlocked, Id) => "Akun dibuka kuncinya",
            (A::UserUnlocked, En) => "Account unlocked",
            (A::BadgeRestored, Id) => "Kartu kembali ke persediaan",
            (A::BadgeRestored, En) => "Badge back in stock",
            (A::DayReviewed, Id) => "Hari diperiksa",
            (A::DayReviewed, En) => "Day reviewed",
            (A::VisitsAnonymized, Id) => "Data pribadi kunjungan lama dihapus",
            (A::VisitsAnonymized, En) => "Old visits' personal data removed",
            (A::DemoHistory, Id) => "Data latihan",
            (A::DemoHistory, En) => "Practice data",
            (A::WatchAdded, Id) => "Entri daftar tangkal ditambahkan",
            (A::WatchAdded, En) => "Watchlist entry added",
            (A::WatchRemoved, Id) => "Entri daftar tangkal dihapus",
            (A::WatchRemoved, En) => "Watchlist entry removed",
            (A::PlanAdded, Id) => "Kunjungan terjadwal didaftarkan",
            (A::PlanAdded, En) => "Planned visit registered",
            (A::PlanCancelled, Id) => "Kunjungan terjadwal dibatalkan",
            (A::PlanCancelled, En) => "Planned visit cancelled",
            (A::PreApproved, Id) => "Disetujui lebih dulu (kunjungan terjadwal)",
            (A::PreApproved, En) => "Pre-approved (planned visit)",
        }
    }

    // ---- words with data ----

    /// The terminal is smaller than the program needs.
    pub fn too_small(&self, need: (u16, u16), now: (u16, u16)) -> String {
        let ((w, h), (cw, ch)) = (need, now);
        match self.language {
            Id => format!(
                "Layar terminal terlalu kecil: perlu minimal {w}x{h}, sekarang {cw}x{ch}. Perbesar jendela terminal."
            ),
            En => format!(
                "Terminal too small: needs at least {w}x{h}, now {cw}x{ch}. Enlarge the terminal window."
            ),
        }
    }

    /// The first supervisor account was made.
    pub fn setup_done(&self, name: &str) -> String {
        match self.language {
            Id => format!("Akun Sub Koordinator Infrastruktur TIK {name} dibuat. Silakan masuk."),
            En => format!("Supervisor account {name} created. Please sign in."),
        }
    }

    /// A wrong PIN, and how long to wait before the next try (0: no wait).
    pub fn pin_wrong(&self, failures: u32, wait_secs: i64) -> String {
        match (self.language, wait_secs) {
            (Id, ..=0) => format!("PIN salah (percobaan gagal ke-{failures})."),
            (En, ..=0) => format!("Wrong PIN (failed attempt {failures})."),
            (Id, s) => format!(
                "PIN salah (percobaan gagal ke-{failures}). Tunggu {s} detik sebelum mencoba lagi."
            ),
            (En, s) => {
                format!(
                    "Wrong PIN (failed attempt {failures}). Wait {s} seconds before trying again."
                )
            }
        }
    }

    /// A PIN tried again before the wait was over.
    pub fn pin_wait(&self, wait_secs: i64) -> String {
        match self.language {
            Id => format!("Terlalu cepat: tunggu {wait_secs} detik lagi."),
            En => format!("Too soon: wait {wait_secs} more seconds."),
        }
    }

    /// How many form fields still need fixing.
    pub fn fields_to_fix(&self, n: usize) -> String {
        match self.language {
            Id => format!("{n} kolom perlu diperbaiki."),
            En => format!("{n} fields need fixing."),
        }
    }

    /// The badge picked is out with another visit or lost.
    /// Step 5: a badge of another door (`visit.door_badges`).
    pub fn badge_other_door(&self, badge: &str, door: &str) -> String {
        match self.language {
            Id => format!("Kartu {badge} milik {door}. Pakai kartu pintu ini."),
            En => format!("Badge {badge} belongs to {door}. Use a badge of this door."),
        }
    }

    pub fn badge_taken(&self, badge: &str) -> String {
        match self.language {
            Id => format!("Kartu {badge} sedang dipakai atau hilang. Pilih kartu lain."),
            En => format!("Badge {badge} is out or lost. Pick another."),
        }
    }

    /// Checklist item `n` (from 1) has no answer yet.
    pub fn checklist_unanswered(&self, n: usize) -> String {
        match self.language {
            Id => format!("Butir ceklist {n} belum dijawab."),
            En => format!("Checklist item {n} is not answered."),
        }
    }

    /// Checklist item `n` (from 1) is "not OK" without a note.
    pub fn note_required(&self, n: usize) -> String {
        match self.language {
            Id => format!("Butir ceklist {n} TIDAK OK: catatan wajib diisi."),
            En => format!("Checklist item {n} is NOT OK: a note is required."),
        }
    }

    /// The badge handed back is not the one issued.
    pub fn badge_mismatch(&self, given: &str, badge: &str) -> String {
        match self.language {
            Id => format!(
                "Kartu {given} tidak cocok dengan {badge}. Enter sekali lagi: catat kartu {badge} HILANG."
            ),
            En => format!(
                "Badge {given} does not match {badge}. Enter again: record badge {badge} as LOST."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every audit action has its own words in both languages: a new
    /// action does not compile until it is worded, and none is shown as
    /// its stored name.
    #[test]
    fn every_action_is_worded_in_both_languages() {
        for a in AuditAction::ALL {
            let (id, en) = (Text::ID.action_label(a), Text::EN.action_label(a));
            assert!(!id.is_empty() && !en.is_empty(), "{a}");
            assert_ne!(id, a.as_str(), "{a}");
            assert_ne!(en, a.as_str(), "{a}");
        }
    }
}
