//! The demo's words: visitors' names, organisations and identity numbers,
//! what they come for, reasons and notes, and the office's staff. A
//! visitor is made from the seed and a number, so the same person comes
//! back.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub(super) const MALE: [&str; 30] = [
    "Budi", "Agus", "Joko", "Andi", "Hendra", "Yusuf", "Rizky", "Dedi", "Bambang", "Wahyu", "Eko",
    "Fajar", "Arif", "Rudi", "Teguh", "Irfan", "Dimas", "Bayu", "Hadi", "Slamet", "Imam", "Reza",
    "Taufik", "Gilang", "Yoga", "Ahmad", "Muhammad", "Sigit", "Herman", "Zulkifli",
];
pub(super) const FEMALE: [&str; 30] = [
    "Siti",
    "Dewi",
    "Rina",
    "Putri",
    "Wati",
    "Maria",
    "Sri",
    "Ani",
    "Nur",
    "Fitri",
    "Indah",
    "Lestari",
    "Ayu",
    "Ratna",
    "Yuni",
    "Dian",
    "Mega",
    "Nia",
    "Eka",
    "Rahmawati",
    "Novi",
    "Kartika",
    "Intan",
    "Wulan",
    "Sari",
    "Anisa",
    "Nurul",
    "Desi",
    "Melati",
    "Yanti",
];
pub(super) const FAMILY: [&str; 40] = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Pratama",
    "Hidayat",
    "Setiawan",
    "Kurniawan",
    "Nasution",
    "Siregar",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Prasetyo",
    "Wulandari",
    "Lestari",
    "Hartono",
    "Gunawan",
    "Susanto",
    "Halim",
    "Firmansyah",
    "Ramadhan",
    "Syahputra",
    "Permana",
    "Utomo",
    "Sembiring",
    "Ginting",
    "Tambunan",
    "Hasibuan",
    "Rahman",
    "Nugroho",
    "Purnomo",
    "Suryadi",
    "Anggraini",
    "Marlina",
    "Yulianti",
    "Fauzi",
    "Hakim",
    "Iskandar",
    "Mahendra",
    "Putra",
];
pub(super) const ORGANISATIONS: [&str; 32] = [
    "PT Telkom Indonesia (Persero) Tbk",
    "PT Lintasarta",
    "PT Indosat Tbk",
    "PT Bank Sumsel Babel",
    "PT Bank Rakyat Indonesia (Persero) Tbk",
    "PT PLN (Persero) UP3 Lahat",
    "CV Muara Enim Teknologi",
    "CV Sriwijaya Komputer",
    "PT Palembang Digital Solusi",
    "PT Bukit Asam Tbk",
    "PT Pertamina EP Asset 2",
    "Dinas Kesehatan Kab. Muara Enim",
    "Dinas Pendidikan Kab. Muara Enim",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Badan Pengelola Keuangan dan Aset Daerah",
    "Badan Kepegawaian dan Pengembangan SDM",
    "Sekretariat Daerah Kab. Muara Enim",
    "Inspektorat Kab. Muara Enim",
    "BAPPEDA Kab. Muara Enim",
    "RSUD Dr. H.M. Rabain",
    "Kantor Pelayanan Pajak Pratama Lahat",
    "BPK RI Perwakilan Sumatera Selatan",
    "Diskominfo Provinsi Sumatera Selatan",
    "Badan Siber dan Sandi Negara",
    "PT Aplikanusa Lintasarta",
    "PT Mitra Integrasi Informatika",
    "PT Datacomm Diangraha",
    "PT Sinar Mas Multiartha",
    "CV Bumi Serasan Net",
    "PT Global Media Nusantara",
    "Universitas Sriwijaya",
    "Politeknik Negeri Sriwijaya",
];
pub(super) const DETAILS: [&str; 12] = [
    "Penggantian hard disk server aplikasi",
    "Pemeriksaan UPS dan baterai",
    "Instalasi switch baru di rak 2",
    "Pembaruan firmware router inti",
    "Pengecekan jaringan fiber optik",
    "Audit keamanan ruang server",
    "Pemasangan server SIMPEG",
    "Perbaikan AC presisi",
    "Backup data ke media eksternal",
    "Penarikan kabel jaringan baru",
    "Pemeliharaan rutin bulanan",
    "Kunjungan koordinasi layanan internet",
];
pub(super) const EQUIPMENT: [&str; 7] = [
    "",
    "Laptop Lenovo #PF3K8Z21; kabel konsol",
    "Laptop Dell #5CG1234XYZ",
    "Toolkit; tester kabel",
    "Hard disk 2TB #WX41A9; Hard disk 2TB #WX41B2; obeng",
    "Switch 24 port #FOC2231X0AB",
    "Laptop, kabel konsol",
];
pub(super) const ACTIVITIES: [&str; 6] = [
    "Pekerjaan selesai sesuai rencana",
    "Perangkat diganti dan diuji normal",
    "Pemeriksaan selesai, tidak ada temuan",
    "Konfigurasi diperbarui, layanan normal",
    "Pekerjaan dilanjutkan kunjungan berikutnya",
    "Data berhasil dicadangkan",
];
pub(super) const REJECT_REASONS: [&str; 4] = [
    "Tidak ada surat tugas dari instansi",
    "Jadwal pekerjaan belum disetujui",
    "Pekerjaan tidak perlu masuk ruang server",
    "Identitas tidak sesuai dengan surat tugas",
];
pub(super) const CANCEL_REASONS: [&str; 3] = [
    "Pengunjung membatalkan kunjungan",
    "Pekerjaan ditunda oleh instansi",
    "Pejabat yang dituju tidak ada di tempat",
];
pub(super) const NOT_OK_NOTES: [&str; 3] = [
    "Pintu rak 3 tidak terkunci, sudah dikunci petugas",
    "Kabel patch di rak 2 berubah, dilaporkan ke Subkoordinator",
    "Lampu indikator disk server berwarna kuning",
];
pub(super) const STAFF: [&str; 6] = [
    "Hendra Saputra",
    "Rina Marlina",
    "Dedi Kurniawan",
    "Ahmad Fauzi",
    "Yuni Anggraini",
    "Teguh Prasetyo",
];
pub(super) const SUPERVISORS: [(&str, &str); 3] = [
    ("Hendra Saputra", "197806152005011003"),
    ("Rina Marlina", "198102202006042001"),
    ("Dedi Kurniawan", "197512012003121002"),
];
pub(super) const OPERATORS: [(&str, &str); 6] = [
    ("Andi Pratama", "199003142015031001"),
    ("Siti Nurhaliza", "199205212017012002"),
    ("Yoga Prasetyo", "198811302014031004"),
    ("Dewi Anggraini", "199407182019032003"),
    ("Fajar Ramadhan", "199112052016011005"),
    ("Nur Aisyah", "199508092020122006"),
];
/// Organisations few visitors come from (see [`visitor`]): the watchlist's
/// entries on an organisation name one of these.
pub(super) const RARE_ORGANISATIONS: [&str; 4] = [
    "CV Abadi Jaya Teknik",
    "PT Sumber Data Andalas",
    "CV Lematang Mandiri Net",
    "PT Nusa Integra Sistem",
];
/// Why a supervisor puts a person on the watchlist.
pub(super) const WATCH_REASONS: [&str; 4] = [
    "Membawa perangkat tanpa izin pada kunjungan sebelumnya",
    "Surat tugas tidak sah pada kunjungan sebelumnya",
    "Tidak lagi bertugas di instansinya (surat pemberitahuan)",
    "Memotret ruang server tanpa izin",
];
/// Why a supervisor puts an organisation on the watchlist.
pub(super) const WATCH_ORG_REASONS: [&str; 2] = [
    "Kontrak pemeliharaan dihentikan, kunjungan perlu konfirmasi",
    "Perusahaan dalam pemeriksaan, kunjungan hanya dengan pendampingan",
];
/// Why a visitor on the watchlist is turned away.
pub(super) const WATCH_REJECT_REASONS: [&str; 2] = [
    "Tercantum dalam daftar tangkal, instansi tidak mengonfirmasi tugas",
    "Tercantum dalam daftar tangkal, pejabat yang dituju tidak menyetujui",
];
pub(super) const PROVINCES: [u8; 14] = [16, 16, 16, 16, 16, 16, 16, 11, 12, 14, 15, 19, 31, 32];

/// A visitor: the same person comes back (vendors, auditors).
pub(super) struct Visitor {
    pub(super) name: String,
    pub(super) organisation: &'static str,
    pub(super) id_type: String,
    pub(super) id_number: String,
    pub(super) phone: String,
}

pub(super) fn visitor(seed: u64, k: u64, id_types: &[String]) -> Visitor {
    let mut r = StdRng::seed_from_u64(seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let woman = r.gen_bool(0.4);
    let first = if woman {
        FEMALE[r.gen_range(0..FEMALE.len())]
    } else {
        MALE[r.gen_range(0..MALE.len())]
    };
    let name = format!("{first} {}", FAMILY[r.gen_range(0..FAMILY.len())]);
    let mut organisation = ORGANISATIONS[r.gen_range(0..ORGANISATIONS.len())];
    // One visitor in 149 (none of the most frequent) works for a firm
    // that is rarely seen at the door.
    if k % 149 == 148 {
        let n = usize::try_from(k / 149).unwrap_or(0) % RARE_ORGANISATIONS.len();
        organisation = RARE_ORGANISATIONS[n];
    }
    let pick: f64 = r.r#gen();
    let kind = if pick < 0.85 {
        "KTP"
    } else if pick < 0.92 {
        "SIM"
    } else if pick < 0.97 {
        "Kartu Pegawai"
    } else {
        "Paspor"
    };
    let id_type = id_types
        .iter()
        .find(|t| t.as_str() == kind)
        .or_else(|| id_types.first())
        .cloned()
        .unwrap_or_else(|| "KTP".into());
    let id_number = if id_type.eq_ignore_ascii_case("KTP") {
        let day = r.gen_range(1..=28) + if woman { 40 } else { 0 };
        format!(
            "{:02}{:02}{:02}{:02}{:02}{:02}{:04}",
            PROVINCES[r.gen_range(0..PROVINCES.len())],
            r.gen_range(1..=15),
            r.gen_range(1..=20),
            day,
            r.gen_range(1..=12),
            r.gen_range(60..=104) % 100,
            r.gen_range(1..=2999),
        )
    } else if id_type == "Paspor" {
        format!("C{:07}", r.gen_range(1_000_000..10_000_000))
    } else {
        format!(
            "{:012}",
            r.gen_range(100_000_000_000_u64..1_000_000_000_000)
        )
    };
    let phone = format!(
        "08{}{:08}",
        r.gen_range(11..=59),
        r.gen_range(0..100_000_000)
    );
    Visitor {
        name,
        organisation,
        id_type,
        id_number,
        phone,
    }
}
