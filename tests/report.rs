//! The documents: text, CSV and PDF, read back.

#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] fns panic on a bad document, as tests should"
)]

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Asia::Jakarta;
use dc_access::config::Language;
use dc_access::domain::step::Step;
use dc_access::report::{
    self, BadgeOutcome, ChainHead, ChecklistLine, DayReport, DayReviewLine, DayRow, DayTotals,
    Decision, Office, Review, Signer, StepTiming, Time, VisitDoc, Visitor, report_text,
};

const HMAC: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn at(h: u32, m: u32) -> Time {
    Jakarta.with_ymd_and_hms(2024, 5, 2, h, m, 0).unwrap()
}

fn visit() -> VisitDoc {
    VisitDoc {
        office: Office::default(),
        printed_at: at(9, 40),
        visit_number: 4217,
        site_name: "Ruang Data Center, Gedung Diskominfo".into(),
        status: "Diarsipkan".into(),
        visitor: Visitor {
            full_name: "Zoë Ñuñez".into(),
            id_type: "KTP".into(),
            id_number: "3201234506780001".into(),
            organisation: "PT \"Kabel, Serat & Co\" (Palembang)".into(),
            phone: "0812-3456-7890".into(),
            purpose_category: "Pemeliharaan".into(),
            purpose_detail: "Ganti modul SFP\nrak B, unit 12".into(),
            letter: "090/12/ST/2024, 30 April 2024, PT Kabel Serat".into(),
            team: String::new(),
            equipment: "Laptop, kabel konsol \\ serial".into(),
            planned_minutes: 60,
            person_visited: "Dédé Rusmana".into(),
        },
        started_by: "Andi Operator".into(),
        started_at: Some(at(8, 0)),
        submitted_by: Some("Andi Operator".into()),
        submitted_at: Some(at(8, 4)),
        decision: Some(Decision::Approved),
        decided_by: Some("Siti Supervisor".into()),
        decided_at: Some(at(8, 9)),
        decided_how: None,
        reject_reason: None,
        badge: Some(dc_access::domain::badge::BadgeNo::try_from("V-03").unwrap()),
        escort: Some("Budi Pendamping".into()),
        entered_at: Some(at(8, 12)),
        exited_at: Some(at(9, 27)),
        duration_minutes: Some(75),
        badge_outcome: Some(BadgeOutcome::Returned),
        id_returned: true,
        checklist: vec![
            ChecklistLine {
                item: "Suhu ruang".into(),
                ok: true,
                note: String::new(),
                ..ChecklistLine::default()
            },
            ChecklistLine {
                item: "Pintu rak B".into(),
                ok: false,
                note: "Kunci rak B longgar, dilaporkan".into(),
                ..ChecklistLine::default()
            },
        ],
        activity_notes: "Mengganti modul SFP di switch inti (rak B).\nUji koneksi OK.".into(),
        archived_at: Some(at(9, 35)),
        archived_by: Some("Andi Operator".into()),
        steps: [
            (2, "Formulir dan identitas", Some(4), 5),
            (3, "Pengajuan", Some(5), 5),
            (4, "Persetujuan", Some(3), 5),
            (5, "Di ruang server", Some(75), 60),
            (6, "Keluar", Some(6), 5),
            (7, "Arsip", None, 5),
        ]
        .into_iter()
        .map(|(step, name, minutes, standard)| StepTiming {
            step: Step::from_number(step).unwrap(),
            name: name.into(),
            minutes,
            standard,
        })
        .collect(),
        supervisor: Some(siti()),
        operator: Some(andi()),
        notice_agreed: Some((at(8, 3), 730)),
    }
}

fn siti() -> Signer {
    Signer {
        name: "Siti Supervisor".into(),
        nip: "198501152010011001".into(),
    }
}

fn andi() -> Signer {
    Signer {
        name: "Andi Operator".into(),
        nip: "199002202015032002".into(),
    }
}

fn row(n: i64) -> DayRow {
    DayRow {
        visit_number: n,
        date: NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
        time_in: Some(at(8, 12)),
        time_out: if n % 3 == 0 { None } else { Some(at(9, 27)) },
        duration_minutes: Some(75),
        still_inside: n % 3 == 0,
        visitor_name: format!("Dédé Rusmana {n}"),
        id_type: "KTP".into(),
        id_number_masked: "3201**********01".into(),
        organisation: "CV \"Maju\", Muara Enim".into(),
        purpose: "Pemeliharaan".into(),
        status: "Keluar".into(),
        badge: Some(dc_access::domain::badge::BadgeNo::try_from("V-03").unwrap()),
        escort: Some("Budi Pendamping".into()),
        decision: Some(Decision::Approved),
        decided_by: if n % 2 == 0 {
            Some("Siti Supervisor".into())
        } else {
            None
        },
        reject_reason: None,
        checklist_notes: "Pintu rak B: longgar".into(),
        flags: vec![
            "melebihi batas waktu".into(),
            "cek perangkat TIDAK OK".into(),
        ],
        letter_number: if n % 2 == 0 {
            "090/12/ST/2024".into()
        } else {
            String::new()
        },
        letter_date: (n % 2 == 0).then(|| NaiveDate::from_ymd_opt(2024, 4, 30).unwrap()),
        letter_issuer: if n % 2 == 0 {
            "PT Kabel Serat".into()
        } else {
            String::new()
        },
        door: if n % 2 == 0 {
            "Pintu Utara".into()
        } else {
            String::new()
        },
    }
}

fn day(rows: Vec<DayRow>) -> DayReport {
    DayReport {
        office: Office::default(),
        site_name: "Ruang Data Center".into(),
        from: NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
        to: NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
        zone_label: "WIB".into(),
        rows,
        by_purpose: vec![("Pemeliharaan".into(), 3), ("Audit, \"khusus\"".into(), 1)],
        totals: DayTotals {
            visitors: 4,
            rejected: 1,
            overstays: 2,
        },
        chain_head: Some(ChainHead {
            events: 1234,
            last_hmac: HMAC.into(),
        }),
        generated_at: at(17, 0),
        reviews: vec![DayReviewLine {
            day: NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
            review: Some(Review {
                by: siti(),
                at: at(17, 5),
                note: "Kunci rak B diganti besok".into(),
            }),
        }],
        supervisor: Some(siti()),
        operator: Some(andi()),
    }
}

fn small_day() -> DayReport {
    let mut first = row(1);
    first.visitor_name = "Zoë Ñuñez".into();
    first.organisation = "PT \"Kabel, Serat\"\nPalembang".into();
    let mut second = row(2);
    second.flags = vec![];
    second.badge = None;
    second.time_out = None;
    second.duration_minutes = None;
    day(vec![first, second])
}

mod pdf_text;
use pdf_text::pdf_text;

/// Joins the lines of extracted text with spaces, for needles that wrap.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn csv_round_trips_every_field_with_bom_and_guard() {
    let mut r = small_day();
    r.rows[1].visitor_name = "=HYPERLINK(\"http://x\")".into();
    r.rows[1].organisation = "-1+2, \"quoted\";\nsecond line".into();
    r.rows[1].checklist_notes = "@SUM(A1)".into();
    r.rows[1].reject_reason = Some("\tTab\r".into());
    r.rows[0].visitor_name = "Nguyễn Thị Ánh; Łukasz Żółć 王小明 محمد".into();
    let t = report_text(Language::Id);
    for sep in [b';', b','] {
        let bytes = report::day_csv(&r, t, sep);
        assert!(bytes.starts_with(report::BOM), "UTF-8 byte-order mark");
        let mut rd = csv::ReaderBuilder::new()
            .delimiter(sep)
            .from_reader(&bytes[report::BOM.len()..]);
        let header: Vec<String> = rd.headers().unwrap().iter().map(str::to_owned).collect();
        let (want_header, want_rows) = report::day_records(&r, t);
        assert_eq!(header, want_header);
        assert_eq!(header.len(), 22);
        assert_eq!(header[0], "Tanggal");
        assert_eq!(
            header[18..],
            [
                "Nomor surat tugas",
                "Tanggal surat tugas",
                "Penerbit surat tugas",
                "Pintu"
            ]
        );
        assert_eq!(header[2], "Masuk (WIB)");
        let records: Vec<Vec<String>> = rd
            .records()
            .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(records.len(), r.rows.len());
        for (got, want) in records.iter().zip(&want_rows) {
            let back: Vec<&str> = got.iter().map(|c| report::unguard(c)).collect();
            assert_eq!(back, *want);
        }
        // Formula-like cells are written with a leading quote.
        assert_eq!(records[1][5], "'=HYPERLINK(\"http://x\")");
        assert_eq!(records[1][8], "'-1+2, \"quoted\";\nsecond line");
        assert_eq!(records[1][17], "'@SUM(A1)");
        assert_eq!(records[1][14], "'\tTab\r");
        assert_eq!(records[0][5], "Nguyễn Thị Ánh; Łukasz Żółć 王小明 محمد");
        assert_eq!(records[0][0], "2024-05-02");
        // The letter's date as the other dates, for sorting in a sheet.
        assert_eq!(
            records[1][18..21],
            ["090/12/ST/2024", "2024-04-30", "PT Kabel Serat"]
        );
        assert_eq!(records[0][18..21], ["", "", ""]);
        assert_eq!(records[0][2], "2024-05-02 08:12");
        assert_eq!(records[0][7], "3201**********01");
        assert_eq!(
            records[0][16],
            "melebihi batas waktu; cek perangkat TIDAK OK"
        );
    }
    let semi = String::from_utf8(report::day_csv(&r, t, b';')).unwrap();
    assert!(semi.starts_with("\u{feff}Tanggal;Nomor kunjungan;Masuk (WIB);"));
}

#[test]
fn csv_header_follows_language() {
    let bytes = report::day_csv(&small_day(), report_text(Language::En), b',');
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("\u{feff}Date,Visit number,In (WIB),Out (WIB),"));
}

#[test]
fn visit_pdf_reads_back_on_one_page_with_signatures() {
    let t = report_text(Language::Id);
    let pdf = report::visit_pdf(&visit(), t).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.7"));
    let (text, pages) = pdf_text(&pdf);
    assert_eq!(pages, 1, "an ordinary visit fits one A4 page:\n{text}");
    for needle in [
        "PEMERINTAH KABUPATEN MUARA ENIM",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "Zoë Ñuñez",
        "Dédé Rusmana",
        "Surat tugas",
        "090/12/ST/2024, 30 April 2024,",
        "PT Kabel Serat",
        "Nomor kunjungan 4217",
        "Pengunjung,",
        "Mengetahui,",
        "Sub Koordinator Infrastruktur TIK,",
        "Petugas Operator Server,",
        "Siti Supervisor",
        "NIP. 19850115 201001 1 001",
        "Andi Operator",
        "NIP. 19900220 201503 2 002",
        "Muara Enim, 2 Mei 2024",
        "2 Mei 2024 pukul 08.12 WIB",
        "FORMULIR KUNJUNGAN RUANG SERVER / LAPORAN KEGIATAN",
        "06.F/DISKOMINFO-III/2023",
        "PT \"Kabel, Serat & Co\"",
        "Laptop, kabel konsol \\ serial",
        "3201234506780001",
        "Disetujui",
        "1 jam 15 menit",
        "Kunci rak B longgar, dilaporkan",
        "TIDAK OK",
        "LEWAT",
        "Halaman 1/1",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert!(!text.contains("Karakter yang tidak tersedia"));
}

#[test]
fn the_privacy_notice_acknowledgement_is_printed_above_the_visitors_signature() {
    for (lang, said, signs) in [
        (
            Language::Id,
            "Pengunjung telah diberi tahu pemberitahuan pelindungan data pribadi (UU 27/2022; data disimpan 730 hari) dan menyetujuinya, 2 Mei 2024 pukul 08.03 WIB.",
            "Pengunjung,",
        ),
        (
            Language::En,
            "The visitor was told the privacy notice (UU 27/2022; data kept 730 days) and agreed,",
            "Visitor,",
        ),
    ] {
        let t = report_text(lang);
        let (text, pages) = pdf_text(&report::visit_pdf(&visit(), t).unwrap());
        assert_eq!(pages, 1, "{text}");
        let flat = squeeze(&text);
        let at = flat.find(&squeeze(said));
        let sign = flat.rfind(signs);
        assert!(
            matches!((at, sign), (Some(a), Some(s)) if a < s),
            "{said:?} not above {signs:?}:\n{text}"
        );
        let plain = report::visit_txt(&visit(), t);
        assert!(squeeze(&plain).contains(&squeeze(said)), "{plain}");
    }
    // A visit from before the notice prints none.
    let mut old = visit();
    old.notice_agreed = None;
    let (text, _) = pdf_text(&report::visit_pdf(&old, report_text(Language::Id)).unwrap());
    assert!(!text.contains("UU 27/2022"), "{text}");
}

#[test]
fn names_print_as_typed_in_any_script() {
    let names = [
        "Nguyễn Thị Ánh",
        "Łukasz Żółć",
        "Жанна Иванова",
        "Σωκράτης Παπαδόπουλος",
        "محمد عبد الله",
        "Zoë Ñuñez",
    ];
    let t = report_text(Language::Id);
    for name in names {
        let mut doc = visit();
        doc.visitor.full_name = name.into();
        doc.operator = Some(Signer {
            name: name.into(),
            nip: "199002202015032002".into(),
        });
        let (text, _) = pdf_text(&report::visit_pdf(&doc, t).unwrap());
        // Arabic is shaped and laid out right to left: the glyphs come
        // back in visual order.
        let visual: String = if name.starts_with('م') {
            name.chars().rev().collect()
        } else {
            name.to_owned()
        };
        assert!(text.contains(&visual), "{name:?} missing from:\n{text}");
        assert!(!text.contains('\u{25a1}'), "{name:?} printed a placeholder");
        let mut r = small_day();
        r.rows[0].visitor_name = name.into();
        let (text, _) = pdf_text(&report::day_pdf(&r, t).unwrap());
        assert!(
            squeeze(&text).contains(&visual),
            "{name:?} missing from the day report:\n{text}"
        );
    }
}

#[test]
fn a_character_no_font_has_prints_a_placeholder_and_says_so() {
    let mut doc = visit();
    doc.visitor.full_name = "王小明 Wang".into();
    let (text, _) = pdf_text(&report::visit_pdf(&doc, report_text(Language::Id)).unwrap());
    assert!(text.contains("\u{25a1}\u{25a1}\u{25a1} Wang"), "{text}");
    assert!(text.contains("Karakter yang tidak tersedia pada huruf dokumen dicetak sebagai"));
}

#[test]
fn visit_pdf_in_english() {
    let pdf = report::visit_pdf(&visit(), report_text(Language::En)).unwrap();
    let (text, _) = pdf_text(&pdf);
    for needle in [
        "Visitor,",
        "Acknowledged,",
        "May 2024 at 08:12 WIB",
        "Muara Enim, 2 May 2024",
        "Page 1/1",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn long_visit_pdf_breaks_pages_and_keeps_signatures_with_content() {
    let mut doc = visit();
    doc.activity_notes = "Baris kegiatan yang cukup panjang untuk dibungkus. ".repeat(300);
    doc.checklist = (0..60)
        .map(|i| ChecklistLine {
            item: format!("Perangkat {i}"),
            ok: i % 7 != 0,
            note: "catatan".into(),
            ..ChecklistLine::default()
        })
        .collect();
    let pdf = report::visit_pdf(&doc, report_text(Language::Id)).unwrap();
    let (text, pages) = pdf_text(&pdf);
    assert!(pages >= 3, "{pages} pages");
    assert!(text.contains(&format!("Halaman {pages}/{pages}")));
    // The last page has the signatures and some of the content before them.
    let last = last_page(&pdf);
    assert!(
        last.contains("Sub Koordinator Infrastruktur TIK,"),
        "{last}"
    );
    assert!(last.contains("Diarsipkan oleh"), "{last}");
    assert!(last.contains("dibungkus"), "{last}");
}

/// The text of the last page.
fn last_page(pdf: &[u8]) -> String {
    let (text, pages) = pdf_text(pdf);
    let marker = format!("Halaman {}/{pages}", pages - 1);
    text.split(&marker).last().unwrap().to_owned()
}

#[test]
fn day_pdf_reads_back_with_review_signatures_and_chain_code() {
    let pdf = report::day_pdf(&small_day(), report_text(Language::Id)).unwrap();
    let (text, pages) = pdf_text(&pdf);
    assert_eq!(pages, 1);
    for needle in [
        "LAPORAN PENGUNJUNG",
        "Kamis, 2 Mei 2024",
        "Zoë Ñuñez",
        "Jumlah Pengunjung menurut Keperluan",
        "Audit, \"khusus\"",
        "Kode integritas catatan audit:",
        &format!("1234:{HMAC}"),
        "dc-access verify --expect-head",
        "! melebihi batas waktu; cek perangkat TIDAK OK",
        "Tinjauan Supervisor",
        "ditinjau oleh Siti Supervisor pukul 17.05 WIB",
        "Kunci rak B diganti besok",
        "Muara Enim, 2 Mei 2024",
        "Mengetahui,",
        "NIP. 19850115 201001 1 001",
        "Petugas Operator Server,",
        "NIP. 19900220 201503 2 002",
        "1 jam 15",
        "Halaman 1/1",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert!(!text.contains("HMAC"));
}

#[test]
fn unreviewed_day_says_so_and_leaves_names_to_write() {
    let mut r = small_day();
    r.reviews[0].review = None;
    r.supervisor = None;
    r.operator = None;
    let t = report_text(Language::Id);
    let (text, _) = pdf_text(&report::day_pdf(&r, t).unwrap());
    assert!(text.contains("Kamis, 2 Mei 2024: Belum ditinjau"), "{text}");
    assert!(text.contains("Mengetahui,"));
    assert!(
        !text.contains("19850115"),
        "no supervisor signs an unreviewed day"
    );
    let plain = report::day_txt(&r, t);
    assert!(plain.contains("Belum ditinjau"), "{plain}");
}

#[test]
fn day_pdf_with_120_rows_has_several_pages_and_signatures_not_alone() {
    let r = day((1..=120).map(row).collect());
    let pdf = report::day_pdf(&r, report_text(Language::Id)).unwrap();
    let (text, pages) = pdf_text(&pdf);
    assert!(pages >= 3, "only {pages} pages");
    for n in [1, 60, 120] {
        assert!(text.contains(&format!("Dédé Rusmana {n}\n")), "row {n}");
    }
    assert!(text.contains(&format!("Halaman {pages}/{pages}")));
    assert!(text.contains(HMAC));
    // The table header repeats on every page.
    assert!(text.matches("Diputuskan").count() >= pages);
    // Visitors still inside: no minutes, "masih di dalam".
    assert!(squeeze(&text).contains("masih di dalam"));
    let last = last_page(&pdf);
    assert!(last.contains("Petugas Operator Server,"));
    assert!(
        last.contains(HMAC),
        "the chain code goes with the signatures"
    );
}

#[test]
fn range_pdf_has_dates_and_keeps_rejected_visits_dated() {
    let mut r = day((1..=3).map(row).collect());
    r.to = NaiveDate::from_ymd_opt(2024, 5, 3).unwrap();
    r.rows[2].date = NaiveDate::from_ymd_opt(2024, 5, 3).unwrap();
    r.rows[2].time_in = None;
    r.rows[2].time_out = None;
    r.rows[2].duration_minutes = None;
    r.rows[2].still_inside = false;
    r.rows[2].decision = Some(Decision::Rejected);
    r.rows[2].decided_by = Some("Siti Supervisor".into());
    r.rows[2].reject_reason = Some("Tanpa surat tugas".into());
    r.rows[2].status = "Ditolak".into();
    let t = report_text(Language::Id);
    let (text, _) = pdf_text(&report::day_pdf(&r, t).unwrap());
    for needle in [
        "2 Mei 2024 \u{2013} 3 Mei 2024",
        "Tanggal",
        "03-05-2024",
        "02-05-2024",
        "\u{2014}",
        "Tidak disetujui: Tanpa surat tugas",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let plain = report::day_txt(&r, t);
    assert!(plain.contains("03-05-2024"), "{plain}");
    assert!(plain.contains("Tanpa surat tugas"), "{plain}");
}

#[test]
fn day_pdf_empty_range() {
    let mut r = day(Vec::new());
    r.to = NaiveDate::from_ymd_opt(2024, 5, 3).unwrap();
    r.chain_head = None;
    r.reviews.clear();
    let pdf = report::day_pdf(&r, report_text(Language::Id)).unwrap();
    let (text, _) = pdf_text(&pdf);
    assert!(text.contains("Tidak ada kunjungan."));
    assert!(text.contains("2 Mei 2024 \u{2013} 3 Mei 2024"));
    assert!(text.contains("(tidak tersedia)"));
}

/// The purpose column of the text report is as wide as its longest word:
/// "Pemeliharaan perangkat" and "Audit / pemeriksaan" were printed as
/// "Pemelihara" / "an" and "pemeriksaa" / "n", on one day and on a range.
#[test]
fn text_report_keeps_purpose_words_whole() {
    let t = report_text(Language::Id);
    let mut rows: Vec<DayRow> = (1..=4).map(row).collect();
    rows[0].purpose = "Pemeliharaan perangkat".into();
    rows[1].purpose = "Audit / pemeriksaan".into();
    let mut range = day(rows.clone());
    range.to = NaiveDate::from_ymd_opt(2024, 5, 9).unwrap();
    for r in [day(rows), range] {
        let d = report::day_txt(&r, t);
        for word in ["Pemeliharaan", "pemeriksaan"] {
            assert!(
                d.lines().any(|l| l.split_whitespace().any(|w| w == word)),
                "{word} cut in:\n{d}"
            );
        }
        for line in d.lines() {
            assert!(line.chars().count() <= 80, "too wide: {line:?}");
        }
    }
}

/// A time on another day than the row's is printed with its day: a
/// visitor let out the morning after reads "03-05 09.27", not "09.27" as
/// if the same day.
#[test]
fn times_on_another_day_carry_their_day() {
    let t = report_text(Language::Id);
    let mut rows: Vec<DayRow> = (1..=2).map(row).collect();
    rows[0].time_out = Some(Jakarta.with_ymd_and_hms(2024, 5, 3, 9, 27, 0).unwrap());
    let d = report::day_txt(&day(rows), t);
    let first = d
        .lines()
        .find(|l| l.starts_with("1 "))
        .unwrap_or_else(|| panic!("{d}"));
    assert!(first.contains("08.12 03-05"), "{first}");
    let second = d
        .lines()
        .find(|l| l.starts_with("2 "))
        .unwrap_or_else(|| panic!("{d}"));
    assert!(second.contains("08.12 09.27"), "{second}");
}

#[test]
fn text_documents_fit_80_columns_with_wide_characters() {
    use unicode_width::UnicodeWidthStr;
    let t = report_text(Language::Id);
    let mut doc = visit();
    doc.visitor.full_name = "王小明 🙂 Nguyễn Thị Ánh".into();
    let v = report::visit_txt(&doc, t);
    let mut rows: Vec<DayRow> = (1..=20).map(row).collect();
    rows[3].visitor_name = "王小明王小明王小明王小明".into();
    rows[4].organisation = "株式会社データセンター東京支店".into();
    let d = report::day_txt(&day(rows), t);
    for text in [&v, &d] {
        for line in text.lines() {
            assert!(line.width() <= 80, "too wide ({}): {line:?}", line.width());
        }
    }
    for needle in [
        "4217",
        "王小明 🙂",
        "Pengunjung,",
        "Mengetahui,",
        "Petugas Operator Server,",
        "Siti Supervisor",
        "NIP. 19850115 201001 1 001",
        "Muara Enim, 2 Mei 2024",
        "06.F/DISKOMINFO-III/2023",
        "rak B, unit 12",
    ] {
        assert!(v.contains(needle), "{needle:?} missing from:\n{v}");
    }
    for needle in [
        "Dédé Rusmana 20",
        "JUMLAH PENGUNJUNG MENURUT KEPERLUAN",
        HMAC,
        "--expect-head",
        "! melebihi batas waktu",
        "masih di dalam",
        "ditinjau oleh Siti Supervisor",
    ] {
        assert!(d.contains(needle), "{needle:?} missing from:\n{d}");
    }
}

#[test]
fn rejected_visit_shows_reason() {
    let mut doc = visit();
    doc.decision = Some(Decision::Rejected);
    doc.reject_reason = Some("Tidak ada surat tugas".into());
    doc.badge = None;
    doc.badge_outcome = None;
    doc.entered_at = None;
    doc.exited_at = None;
    doc.checklist.clear();
    let t = report_text(Language::Id);
    let plain = report::visit_txt(&doc, t);
    assert!(plain.contains("Tidak disetujui"));
    assert!(plain.contains("Tidak ada surat tugas"));
    let (printed, _) = pdf_text(&report::visit_pdf(&doc, t).unwrap());
    assert!(printed.contains("Tidak ada surat tugas"));
    assert!(printed.contains("(belum diisi)"));
}

#[test]
fn office_details_come_from_the_config() {
    let mut doc = visit();
    doc.office.office = "DINAS KOMINFO BARU".into();
    doc.office.address = "Jalan Contoh No. 1, Muara Enim 31311".into();
    doc.office.phone = "(0734) 421000".into();
    doc.office.sop_number = "07.A/DISKOMINFO-IV/2027".into();
    doc.office.supervisor_title = "Kepala Seksi Infrastruktur".into();
    doc.office.city = "Tanjung Enim".into();
    let (text, _) = pdf_text(&report::visit_pdf(&doc, report_text(Language::Id)).unwrap());
    for needle in [
        "DINAS KOMINFO BARU",
        "Jalan Contoh No. 1, Muara Enim 31311",
        "Telepon (0734) 421000",
        "07.A/DISKOMINFO-IV/2027",
        "Kepala Seksi Infrastruktur,",
        "Tanjung Enim, 2 Mei 2024",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

/// Renders the first page of each document to a PNG with pdftoppm, for a
/// reviewer to look at (written under target/report-pages/).
#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs pdftoppm (poppler-utils): run with --features system-tests"
)]
fn pages_render_to_png() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-pages");
    std::fs::create_dir_all(&dir).unwrap();
    let t = report_text(Language::Id);
    let mut doc = visit();
    doc.visitor.full_name = "Nguyễn Łukasz Жанна محمد".into();
    for (name, pdf) in [
        ("visit", report::visit_pdf(&doc, t).unwrap()),
        ("day", report::day_pdf(&small_day(), t).unwrap()),
    ] {
        let pdf_path = dir.join(format!("{name}.pdf"));
        std::fs::write(&pdf_path, pdf).unwrap();
        let status = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf_path)
            .arg(dir.join(name))
            .status()
            .expect("pdftoppm runs (apt-get install poppler-utils)");
        assert!(status.success());
        let png = std::fs::read(dir.join(format!("{name}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        // A rendered A4 page at 60 dpi: about 496 x 702 pixels.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert!((490..=500).contains(&width) && (695..=705).contains(&height));
    }
}

#[test]
fn end_of_shift_list_as_pdf() {
    use dc_access::report::{ShiftDoc, ShiftVisit};
    let inside = ShiftVisit {
        visit_number: 77,
        visitor_name: "Łukasz Żółć".into(),
        organisation: "PT Serat".into(),
        id_type: "Paspor".into(),
        id_number_masked: "EA****21".into(),
        badge: Some(dc_access::domain::badge::BadgeNo::try_from("V-05").unwrap()),
        escort: Some("Andi Operator".into()),
        entered_at: Some(at(15, 10)),
        minutes: Some(65),
        status: "Di dalam".into(),
    };
    let mut doc = ShiftDoc {
        office: Office::default(),
        site_name: "Ruang Data Center".into(),
        printed_at: at(16, 15),
        printed_by: Some(andi()),
        inside: vec![inside.clone()],
        ids_held: vec![inside],
        badges_out: vec![(
            dc_access::domain::badge::BadgeNo::try_from("V-05").unwrap(),
            77,
        )],
        badges_lost: vec![dc_access::domain::badge::BadgeNo::try_from("V-09").unwrap()],
    };
    let t = report_text(Language::Id);
    let (text, pages) = pdf_text(&report::shift_pdf(&doc, t).unwrap());
    assert_eq!(pages, 1);
    for needle in [
        "DAFTAR AKHIR SHIFT",
        "Pengunjung masih di dalam (1)",
        "Łukasz Żółć",
        "15.10",
        "1 jam 5 menit",
        "EA****21",
        "V-05 (#77)",
        "V-09",
        "Belum beres",
        "Dicetak oleh",
        "Petugas Operator Server,",
        "Andi Operator",
        "NIP. 19900220 201503 2 002",
        "Muara Enim, 2 Mei 2024",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    doc.inside.clear();
    doc.ids_held.clear();
    doc.badges_out.clear();
    doc.badges_lost.clear();
    let (text, _) = pdf_text(&report::shift_pdf(&doc, t).unwrap());
    assert!(text.contains("Semua beres"), "{text}");
    assert!(text.contains("(tidak ada)"));
}
