//! The documents: text, CSV and PDF, read back.

#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] fns panic on a bad document, as tests should"
)]

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Asia::Jakarta;
use dc_access::config::Language;
use dc_access::report::{
    self, BadgeOutcome, ChainHead, ChecklistLine, DayReport, DayRow, DayTotals, Decision,
    StepTiming, Time, VisitDoc, Visitor, report_text,
};

const HMAC: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn at(h: u32, m: u32) -> Time {
    Jakarta.with_ymd_and_hms(2024, 5, 2, h, m, 0).unwrap()
}

fn visit() -> VisitDoc {
    VisitDoc {
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
        reject_reason: None,
        badge: Some("V-03".into()),
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
            },
            ChecklistLine {
                item: "Pintu rak B".into(),
                ok: false,
                note: "Kunci rak B longgar, dilaporkan".into(),
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
            step,
            name: name.into(),
            minutes,
            standard,
        })
        .collect(),
    }
}

fn row(n: i64) -> DayRow {
    DayRow {
        visit_number: n,
        time_in: Some(at(8, 12)),
        time_out: if n % 3 == 0 { None } else { Some(at(9, 27)) },
        duration_minutes: Some(75),
        visitor_name: format!("Dédé Rusmana {n}"),
        organisation: "CV \"Maju\", Muara Enim".into(),
        purpose: "Pemeliharaan".into(),
        status: "Keluar".into(),
        badge: Some("V-03".into()),
        approver: if n % 2 == 0 {
            Some("Siti Supervisor".into())
        } else {
            None
        },
        flags: vec!["lewat waktu".into(), "cek perangkat TIDAK OK".into()],
    }
}

fn day(rows: Vec<DayRow>) -> DayReport {
    DayReport {
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

fn pdf_text(bytes: &[u8]) -> (String, usize) {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf loads the PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    (doc.extract_text(&pages).unwrap(), pages.len())
}

/// Every xref entry points at "n 0 obj", and startxref at the xref table.
fn assert_xref(pdf: &[u8]) {
    assert!(pdf.starts_with(b"%PDF-1.4\n"));
    assert!(pdf.ends_with(b"%%EOF\n"));
    let key = b"startxref\n";
    let at = pdf.windows(key.len()).rposition(|w| w == key).unwrap() + key.len();
    let tail = std::str::from_utf8(&pdf[at..]).unwrap();
    let start: usize = tail.lines().next().unwrap().parse().unwrap();
    // The xref section and trailer are ASCII.
    let xref = std::str::from_utf8(&pdf[start..]).unwrap();
    assert!(xref.starts_with("xref\n0 "));
    let count: usize = xref.lines().nth(1).unwrap()[2..].parse().unwrap();
    let entries: Vec<&str> = xref.lines().skip(2).take(count).collect();
    assert_eq!(entries.len(), count);
    assert_eq!(entries[0], "0000000000 65535 f ");
    for (n, e) in entries.iter().enumerate().skip(1) {
        assert_eq!(e.len(), 19, "entry {e:?}");
        assert!(e.ends_with(" 00000 n "));
        let off: usize = e[..10].parse().unwrap();
        assert!(
            pdf[off..].starts_with(format!("{n} 0 obj\n").as_bytes()),
            "object {n} not at {off}"
        );
    }
    assert!(xref.contains(&format!("/Size {count} ")));
}

#[test]
fn csv_round_trips_every_field() {
    let r = small_day();
    let t = report_text(Language::Id);
    let bytes = report::day_csv(&r, t);
    let mut rd = csv::Reader::from_reader(bytes.as_slice());
    let header = rd.headers().unwrap().clone();
    assert_eq!(header.len(), 11);
    assert_eq!(&header[0], "Nomor kunjungan");
    assert_eq!(&header[1], "Masuk (WIB)");
    let records: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), r.rows.len());
    for (rec, row) in records.iter().zip(&r.rows) {
        let time = |t: Option<&Time>| {
            t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default()
        };
        let expected = [
            row.visit_number.to_string(),
            time(row.time_in.as_ref()),
            time(row.time_out.as_ref()),
            row.duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            row.visitor_name.clone(),
            row.organisation.clone(),
            row.purpose.clone(),
            row.status.clone(),
            row.badge.clone().unwrap_or_default(),
            row.approver.clone().unwrap_or_default(),
            row.flags.join("; "),
        ];
        let got: Vec<&str> = rec.iter().collect();
        assert_eq!(got, expected);
    }
    assert_eq!(&records[0][4], "Zoë Ñuñez");
    assert_eq!(&records[0][5], "PT \"Kabel, Serat\"\nPalembang");
    assert_eq!(&records[0][10], "lewat waktu; cek perangkat TIDAK OK");
    assert_eq!(&records[0][1], "2024-05-02 08:12");
}

#[test]
fn csv_header_follows_language() {
    let bytes = report::day_csv(&small_day(), report_text(Language::En));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("Visit number,In (WIB),Out (WIB),"));
}

#[test]
fn visit_pdf_reads_back() {
    let t = report_text(Language::Id);
    let pdf = report::visit_pdf(&visit(), t);
    assert_xref(&pdf);
    let (text, pages) = pdf_text(&pdf);
    assert!(pages >= 1);
    for needle in [
        "Zoë Ñuñez",
        "Dédé Rusmana",
        "4217",
        "Pengunjung",
        "Petugas Operator",
        "Sub Koordinator Infrastruktur TIK",
        "Siti Supervisor",
        "Formulir Kunjungan Ruang Server / Laporan Kegiatan",
        "06.F/DISKOMINFO-III/2023",
        "PT \"Kabel, Serat & Co\" (Palembang)",
        "Laptop, kabel konsol \\ serial",
        "3201234506780001",
        "Disetujui",
        "Kunci rak B longgar, dilaporkan",
        "TIDAK OK",
        "LEWAT",
        "Halaman 1/",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn visit_pdf_in_english() {
    let pdf = report::visit_pdf(&visit(), report_text(Language::En));
    let (text, _) = pdf_text(&pdf);
    for needle in [
        "Visitor",
        "Operator on duty",
        "Sub-coordinator for ICT",
        "Infrastructure",
        "Page 1/",
    ] {
        assert!(text.contains(needle), "{needle:?} missing");
    }
}

#[test]
fn long_visit_pdf_breaks_pages() {
    let mut doc = visit();
    doc.activity_notes = "Baris kegiatan yang cukup panjang untuk dibungkus. ".repeat(300);
    doc.checklist = (0..60)
        .map(|i| ChecklistLine {
            item: format!("Perangkat {i}"),
            ok: i % 7 != 0,
            note: "catatan".into(),
        })
        .collect();
    let pdf = report::visit_pdf(&doc, report_text(Language::Id));
    assert_xref(&pdf);
    let (text, pages) = pdf_text(&pdf);
    assert!(pages >= 3, "{pages} pages");
    assert!(text.contains(&format!("Halaman {pages}/{pages}")));
    assert!(text.contains("Sub Koordinator Infrastruktur TIK"));
}

#[test]
fn day_pdf_reads_back_with_chain_head() {
    let pdf = report::day_pdf(&small_day(), report_text(Language::Id));
    assert_xref(&pdf);
    let (text, pages) = pdf_text(&pdf);
    assert_eq!(pages, 1);
    for needle in [
        "Laporan Pengunjung",
        "Zoë Ñuñez",
        "Jumlah Pengunjung dan Tujuan",
        "Audit, \"khusus\"",
        "1234",
        HMAC,
        "lewat waktu; cek perangkat TIDAK OK",
        "2 Mei 2024",
        "Halaman 1/1",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn day_pdf_long_hmac_is_recoverable() {
    let mut r = small_day();
    let long = HMAC.repeat(3);
    r.chain_head = Some(ChainHead {
        events: 7,
        last_hmac: long.clone(),
    });
    let (text, _) = pdf_text(&report::day_pdf(&r, report_text(Language::Id)));
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(joined.contains(&long));
}

#[test]
fn day_pdf_with_120_rows_has_several_pages() {
    let r = day((1..=120).map(row).collect());
    let pdf = report::day_pdf(&r, report_text(Language::Id));
    assert_xref(&pdf);
    let (text, pages) = pdf_text(&pdf);
    assert!(pages >= 3, "only {pages} pages");
    for n in [1, 60, 120] {
        assert!(text.contains(&format!("Dédé Rusmana {n}\n")), "row {n}");
    }
    assert!(text.contains(&format!("Halaman {pages}/{pages}")));
    assert!(text.contains(HMAC));
    // The table header repeats on every page.
    assert!(text.matches("Penyetuju").count() >= pages);
}

#[test]
fn day_pdf_over_a_range_and_empty() {
    let mut r = day(Vec::new());
    r.to = NaiveDate::from_ymd_opt(2024, 5, 3).unwrap();
    r.chain_head = None;
    let pdf = report::day_pdf(&r, report_text(Language::Id));
    assert_xref(&pdf);
    let (text, _) = pdf_text(&pdf);
    assert!(text.contains("Tidak ada kunjungan."));
    assert!(text.contains("2 Mei 2024 \u{2013} 3 Mei 2024"));
    assert!(text.contains("(tidak tersedia)"));
}

#[test]
fn text_documents_fit_100_columns() {
    let t = report_text(Language::Id);
    let v = report::visit_txt(&visit(), t);
    let d = report::day_txt(&day((1..=20).map(row).collect()), t);
    for doc in [&v, &d] {
        for line in doc.lines() {
            assert!(line.chars().count() <= 100, "too wide: {line:?}");
        }
    }
    for needle in [
        "4217",
        "Zoë Ñuñez",
        "Pengunjung",
        "Petugas Operator",
        "Sub Koordinator Infrastruktur TIK",
        "Siti Supervisor",
        "06.F/DISKOMINFO-III/2023",
        "rak B, unit 12",
    ] {
        assert!(v.contains(needle), "{needle:?} missing from:\n{v}");
    }
    for needle in [
        "Dédé Rusmana 20",
        "JUMLAH PENGUNJUNG DAN TUJUAN",
        HMAC,
        "! lewat waktu",
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
    let (printed, _) = pdf_text(&report::visit_pdf(&doc, t));
    assert!(printed.contains("Tidak ada surat tugas"));
    assert!(printed.contains("(belum diisi)"));
}
