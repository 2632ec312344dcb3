//! The supervisor desk's words: accounts, day log, counts, search, visit
//! detail, end of shift.

use crate::app::AccountChange;
use crate::config::Language::{En, Id};
use crate::domain::visit::Status;

super::catalogue! {
    /// All plain words of the supervisor's desk in one language; see [`super`].
    pub struct DeskText;
    // Titles
    title_accounts: "Akun", "Accounts";
    title_day_log: "Log harian", "Day log";
    title_counts: "Jumlah pengunjung dan keperluan", "Visitors and purposes";
    title_search: "Cari kunjungan", "Search visits";
    title_detail: "Detail kunjungan", "Visit detail";
    title_end_of_shift: "Akhir jaga — yang belum beres", "End of shift — not yet accounted for";
    // Accounts
    col_user: "Nama", "Name";
    col_state: "Status", "State";
    col_locked: "Kunci", "Locked";
    col_failed: "Gagal", "Fails";
    active: "Aktif", "Active";
    disabled: "Nonaktif", "Disabled";
    add_title: "Tambah akun", "Add an account";
    new_pin: "PIN baru (6+ angka)", "New PIN (6+ digits)";
    form_hint:
        "Tab: kolom berikut · Enter: lanjut/simpan · Esc: batal",
        "Tab: next field · Enter: next/save · Esc: cancel";
    refuse_self:
        "Tidak bisa menonaktifkan akun sendiri yang sedang bertugas.",
        "You cannot disable your own account while on duty.";
    // Day log
    filter: "Saring", "Filter";
    filter_all: "Semua", "All";
    door: "Pintu", "Door";
    door_none: "(tanpa nama)", "(unnamed)";
    by_door: "Menurut pintu:", "By door:";
    filter_status: "Status", "Status";
    filter_overstay: "Melebihi batas waktu", "Over the time limit";
    filter_rejected: "Ditolak", "Rejected";
    filter_checklist: "Ceklist tidak OK", "Checklist not OK";
    filter_badge_lost: "Kartu hilang", "Badge lost";
    sort: "Urut", "Order";
    sort_oldest: "terlama dulu", "oldest first";
    sort_newest: "terbaru dulu", "newest first";
    of: "dari", "of";
    reviewed_by: "Ditinjau", "Reviewed";
    not_reviewed:
        "Belum ditinjau Sub Koordinator Infrastruktur TIK (r: tandai ditinjau).",
        "Not reviewed by a supervisor yet (r: mark reviewed).";
    no_visits: "Tidak ada kunjungan.", "No visits.";
    loading: "Memuat…", "Loading…";
    col_date: "Tanggal", "Date";
    col_in: "Masuk", "In";
    col_out: "Keluar", "Out";
    col_duration: "Lama", "Time";
    col_visitor: "Pengunjung", "Visitor";
    col_id_number: "No. identitas", "ID number";
    col_org: "Instansi", "Organisation";
    col_purpose: "Keperluan", "Purpose";
    col_status: "Status", "Status";
    col_badge: "Kartu", "Badge";
    col_approver: "Diputuskan oleh", "Decided by";
    col_flags: "Ket.", "Note";
    flag_legend:
        "Ket.: M melebihi batas waktu · T ditolak · C ceklist tidak OK · H kartu hilang",
        "Notes: O over the time limit · R rejected · C checklist not OK · L badge lost";
    go_to_title: "Ke tanggal", "Go to date";
    date_label: "Tanggal (HH-BB-TTTT)", "Date (DD-MM-YYYY)";
    date_error:
        "Tanggal tidak valid: tulis seperti 28-11-2026",
        "Not a valid date: write it like 28-11-2026";
    review_title: "Tandai hari ditinjau", "Mark the day reviewed";
    review_intro:
        "Catatan temuan (boleh kosong):",
        "Note what was found (may be empty):";
    review_note: "Catatan", "Note";
    // Counts
    avg_inside: "Rata-rata di dalam", "Average time inside";
    steps_within: "Langkah tepat waktu", "Steps within standard";
    by_organisation: "Per instansi:", "By organisation:";
    // Search
    search_label: "Nama/no. ID/instansi", "Name/ID no./org.";
    search_hint:
        "Enter: cari (min. 2 huruf) · Esc: kembali",
        "Enter: search (2+ letters) · Esc: back";
    search_list_hint:
        "Enter: detail · /: ubah pencarian · PgUp/PgDn: halaman",
        "Enter: detail · /: change search · PgUp/PgDn: page";
    results: "Hasil", "Results";
    page: "hal.", "page";
    no_results: "Tidak ditemukan.", "Nothing found.";
    // End of shift
    inside_roll_call: "Di dalam sekarang — daftar evakuasi", "Inside now — evacuation roll-call";
    ids_held: "Identitas masih dipegang", "ID documents still held";
    badges_out: "Kartu sedang dipakai", "Badges out";
    badges_lost: "Kartu hilang", "Badges lost";
    none: "tidak ada", "none";
    all_clear: "Semua beres: tidak ada yang tertinggal.", "All clear: nothing left open.";
    not_clear:
        "Belum beres: selesaikan atau serahkan ke petugas berikutnya.",
        "Not clear: close these or hand them over to the next shift.";
    printed_at: "Dicetak", "Printed";
    printed_by: "Oleh", "By";
    // Documents
    // Footer hints
    hint_log: "Log", "Log";
    hint_end_of_shift: "Akhir jaga", "End of shift";
    hint_print: "Cetak", "Print";
    hint_restore_badge: "Kartu ditemukan", "Badge found";
    hint_correct: "Koreksi", "Correction";
    correction_prompt:
        "Dicatat sebagai peristiwa baru; data tidak diubah. Enter: simpan · Esc: batal",
        "Recorded as a new event; nothing is edited. Enter: save · Esc: cancel";
    restore_badge_prompt:
        "No. kartu hilang yang ditemukan (Enter: kembalikan ke persediaan, Esc: batal)",
        "Number of the lost badge that was found (Enter: back to the pool, Esc: cancel)";
    hint_add: "Tambah", "Add";
    hint_reset_pin: "Ganti PIN", "Reset PIN";
    hint_unlock: "Buka kunci", "Unlock";
    hint_toggle_active: "Nonaktif/aktif", "Disable/enable";
    hint_detail: "Detail", "Detail";
    hint_day: "Hari", "Day";
    hint_today: "Hari ini", "Today";
    hint_go_to: "Tanggal", "Date";
    hint_filter: "Saring", "Filter";
    hint_door: "Pintu", "Door";
    hint_sort: "Urut", "Order";
    hint_review: "Tinjau", "Review";
    hint_counts: "Jumlah", "Counts";
    hint_search: "Cari", "Search";
    hint_page: "Halaman", "Page";
    hint_month: "Bulan", "Month";
    hint_search_open: "Cari/buka", "Search/open";
    hint_edit_query: "Ubah cari", "Edit search";
    hint_scroll: "Gulir", "Scroll";
}

/// A mark in the day log's flag column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Overstay,
    Rejected,
    ChecklistNotOk,
    BadgeLost,
}

impl Flag {
    /// In the order they are shown.
    pub const ALL: [Flag; 4] = [
        Flag::Overstay,
        Flag::Rejected,
        Flag::ChecklistNotOk,
        Flag::BadgeLost,
    ];
}

impl DeskText {
    /// A status in a narrow column.
    pub fn status_short(&self, s: Status) -> &'static str {
        use Status as S;
        match (s, self.language) {
            (S::Draft, Id) => "Draf",
            (S::Draft, En) => "Draft",
            (S::Review, Id) => "Periksa",
            (S::Review, En) => "Review",
            (S::AwaitingApproval, Id) => "Menunggu",
            (S::AwaitingApproval, En) => "Waiting",
            (S::Approved, Id) => "Disetujui",
            (S::Approved, En) => "Approved",
            (S::Rejected, Id) => "Ditolak",
            (S::Rejected, En) => "Rejected",
            (S::Cancelled, Id) => "Batal",
            (S::Cancelled, En) => "Cancelled",
            (S::Inside, Id) => "Di dalam",
            (S::Inside, En) => "Inside",
            (S::CheckedOut, Id) => "Keluar",
            (S::CheckedOut, En) => "Out",
            (S::Archived, Id) => "Arsip",
            (S::Archived, En) => "Archived",
        }
    }

    /// The letter of a flag (explained by `flag_legend`).
    pub fn flag_letter(&self, f: Flag) -> &'static str {
        match (f, self.language) {
            (Flag::Overstay, Id) => "M",
            (Flag::Overstay, En) => "O",
            (Flag::Rejected, Id) => "T",
            (Flag::Rejected, En) => "R",
            (Flag::ChecklistNotOk, Id | En) => "C",
            (Flag::BadgeLost, Id) => "H",
            (Flag::BadgeLost, En) => "L",
        }
    }

    // ---- words with data ----

    /// The title of the new-PIN form.
    pub fn reset_title(&self, name: &str) -> String {
        match self.language {
            Id => format!("PIN baru untuk {name}"),
            En => format!("New PIN for {name}"),
        }
    }

    /// Unlock asked for an account that is not locked.
    pub fn not_locked(&self, name: &str) -> String {
        match self.language {
            Id => format!("Akun {name} tidak terkunci."),
            En => format!("Account {name} is not locked."),
        }
    }

    /// Disabling the last active supervisor is refused.
    pub fn refuse_last_supervisor(&self, name: &str) -> String {
        match self.language {
            Id => {
                format!(
                    "{name} adalah Sub Koordinator Infrastruktur TIK aktif terakhir: tambahkan yang lain dulu."
                )
            }
            En => format!("{name} is the last active supervisor: add another supervisor first."),
        }
    }

    /// An account was added.
    pub fn account_created(&self, name: &str) -> String {
        match self.language {
            Id => format!("Akun {name} dibuat."),
            En => format!("Account {name} created."),
        }
    }

    /// An account was changed.
    pub fn account_changed(&self, change: AccountChange, name: &str) -> String {
        use AccountChange as C;
        match (change, self.language) {
            (C::Disabled, Id) => format!("Akun {name} dinonaktifkan (tidak dihapus)."),
            (C::Disabled, En) => format!("Account {name} disabled (not deleted)."),
            (C::Enabled, Id) => format!("Akun {name} diaktifkan kembali."),
            (C::Enabled, En) => format!("Account {name} enabled again."),
            (C::Unlocked, Id) => format!("Akun {name} dibuka kuncinya."),
            (C::Unlocked, En) => format!("Account {name} unlocked."),
            (C::PinReset, Id) => format!("PIN {name} diganti."),
            (C::PinReset, En) => format!("PIN of {name} changed."),
        }
    }

    /// Past days nobody has reviewed: `count` (`"7+"` when there may be
    /// more) and the days as already formatted.
    pub fn unreviewed_reminder(&self, count: &str, days: &str) -> String {
        match self.language {
            Id => format!("{count} hari belum ditinjau: {days}"),
            En => format!("{count} days not reviewed: {days}"),
        }
    }

    /// Visits past the retention period still hold personal data: since
    /// `since` (`DD-MM-YYYY`), kept `days` days.
    pub fn retention_reminder(&self, since: &str, days: u32) -> String {
        match self.language {
            Id => format!(
                "Data lewat masa simpan {days} hari sejak {since} · dc-access anonymize --due"
            ),
            En => format!(
                "Data past the {days}-day retention since {since} · dc-access anonymize --due"
            ),
        }
    }

    /// A document went to the printer through `command`.
    pub fn sent_to_printer(&self, command: &str) -> String {
        match self.language {
            Id => format!("Dokumen dikirim ke printer ({command})."),
            En => format!("Document sent to the printer ({command})."),
        }
    }

    /// A document could not be printed (`printing`) or saved.
    pub fn document_failed(&self, printing: bool) -> String {
        match (printing, self.language) {
            (true, Id) => "Dokumen tidak dapat dicetak; periksa printer lalu coba lagi.".into(),
            (true, En) => "The document could not be printed; check the printer and try again.".into(),
            (false, Id) => {
                "Dokumen tidak dapat disimpan di folder laporan; hubungi pengelola sistem.".into()
            }
            (false, En) => {
                "The document could not be saved in the reports folder; call the system administrator."
                    .into()
            }
        }
    }

    /// A document was saved as a file.
    pub fn saved_to(&self, path: &str) -> String {
        match self.language {
            Id => format!("Dokumen disimpan: {path}"),
            En => format!("Document saved: {path}"),
        }
    }

    /// A correction was added to visit number `visit`.
    pub fn correction_recorded(&self, visit: i64) -> String {
        match self.language {
            Id => format!("Koreksi dicatat di riwayat kunjungan #{visit}."),
            En => format!("Correction recorded in the timeline of visit #{visit}."),
        }
    }

    /// A lost badge that was found is back in the pool.
    pub fn badge_restored(&self, badge: &str) -> String {
        match self.language {
            Id => format!("Kartu {badge} kembali ke persediaan dan bisa diberikan lagi."),
            En => format!("Badge {badge} is back in the pool and can be issued again."),
        }
    }

    /// The badge named as found was never recorded lost.
    pub fn badge_not_lost(&self, badge: &str) -> String {
        match self.language {
            Id => format!("Kartu {badge} tidak tercatat hilang."),
            En => format!("Badge {badge} is not recorded lost."),
        }
    }
}
