//! The monthly recap (`report --month`), built from visits made through
//! the store with every outcome, rendered and read back; the office logo
//! in the PDFs.

#![allow(clippy::unwrap_used)]

mod common;
mod pdf_text;

use common::{PURPOSES, Site, date, fixture, fixture_now};
use dc_access::config::{Config, Language};
use dc_access::report::{self, MonthReport, report_text};

fn november(site: &Site, config: &Config) -> MonthReport {
    let operator = Some(site.op.id);
    report::month_report(
        &site.store,
        date(2026, 11, 1),
        config,
        fixture_now(),
        None,
        operator,
    )
    .unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// November 2026 of the fixture: on the 27th one visit cancelled before
/// it was handed in, one archived within every standard, one rejected
/// after 10 minutes (step 4's standard is 5); on the 28th one 90 minutes
/// inside (step 5's is 60), one still inside past the hour, one awaiting
/// approval. September and October stay out.
#[test]
fn month_counts_every_outcome_and_each_step_against_its_standard() {
    let mut site = Site::new();
    fixture(&mut site);
    let r = november(&site, &Config::default());
    assert_eq!(r.month, date(2026, 11, 1));
    assert_eq!(r.days.len(), 30);
    assert_eq!(r.days[0].day, date(2026, 11, 1));
    assert_eq!(r.days[29].day, date(2026, 11, 30));
    let t = r.totals;
    assert_eq!(
        (t.visitors, t.entered, t.rejected, t.cancelled, t.overstays),
        (5, 3, 1, 1, 2)
    );
    let d27 = r.days[26];
    assert_eq!(
        (d27.visitors, d27.entered, d27.rejected, d27.cancelled),
        (2, 1, 1, 1)
    );
    assert_eq!((r.days[27].visitors, r.days[27].overstays), (3, 2));
    let quiet: u32 = r.days[..26].iter().map(|d| d.visitors + d.cancelled).sum();
    assert_eq!(quiet, 0, "nothing before the 27th");
    assert_eq!(
        r.by_purpose,
        vec![(PURPOSES[0].to_owned(), 4), (PURPOSES[1].to_owned(), 1)]
    );
    assert_eq!(r.by_organisation[0], ("PT Telkom".to_owned(), 3));
    assert_eq!(r.by_organisation.len(), 3, "{:?}", r.by_organisation);
    let steps: Vec<(u8, u32, u32, u32, Option<u32>)> = r
        .steps
        .iter()
        .map(|s| (s.step.number(), s.standard, s.timed, s.within, s.percent()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (2, 5, 6, 6, Some(100)),
            (3, 5, 5, 5, Some(100)),
            (4, 5, 4, 3, Some(75)),
            (5, 60, 2, 1, Some(50)),
            (6, 5, 2, 2, Some(100)),
            (7, 5, 1, 1, Some(100)),
        ]
    );
    assert_eq!(r.steps[3].name, "Pendampingan di ruang server");
    assert_eq!(r.operator.as_ref().unwrap().name, "Andi Wijaya");
    assert!(r.supervisor.is_none(), "left to be signed by hand");
    let head = site.store.chain_head().unwrap();
    assert_eq!(r.chain_head.unwrap().events, head.events);

    // A month without visits: every day there, all zero, no share.
    let empty = report::month_report(
        &site.store,
        date(2026, 2, 1),
        &Config::default(),
        fixture_now(),
        None,
        None,
    )
    .unwrap();
    assert_eq!(empty.days.len(), 28);
    assert_eq!(empty.totals.visitors, 0);
    assert!(empty.steps.iter().all(|s| s.percent().is_none()));
}

#[test]
fn month_pdf_reads_back_with_tables_shares_and_signatures() {
    let mut site = Site::new();
    fixture(&mut site);
    let r = november(&site, &Config::default());
    let pdf = report::month_pdf(&r, report_text(Language::Id)).unwrap();
    let (text, pages) = pdf_text::pdf_text(&pdf);
    assert!(pages <= 3, "{pages} pages");
    for needle in [
        "REKAPITULASI BULANAN PENGUNJUNG RUANG SERVER",
        "November 2026",
        "Pengunjung per Hari",
        "Jumat, 27-11-2026",
        "Sabtu, 28-11-2026",
        "Ketepatan Waktu per Langkah SOP (Mutu Baku)",
        "Pendampingan di ruang server",
        "75%",
        "50%",
        "Pengunjung per Instansi",
        "PT Telkom",
        "Dinas Kesehatan, \"Bidang\" TI",
        PURPOSES[1],
        "Mengetahui,",
        "Andi Wijaya",
        "NIP. 19871201 201212 1 003",
        "Muara Enim, 28 November 2026",
        "Kode integritas catatan audit",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let head = site.store.chain_head().unwrap();
    let code = format!("{}:{}", head.events, head.last_hmac);
    assert!(squeeze(&text).contains(&code), "chain head {code}");
    // A4 portrait.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    for (_, page) in doc.get_pages() {
        let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
        let sizes: Vec<f32> = media
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert!((sizes[2] - 595.0).abs() < 1.0 && (sizes[3] - 842.0).abs() < 1.0);
    }

    let en = report::month_pdf(&r, report_text(Language::En)).unwrap();
    let (text, _) = pdf_text::pdf_text(&en);
    for needle in ["MONTHLY RECAP", "Visitors per Day", "Friday, 27-11-2026"] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

/// Reads the CSV back block by block: the same cells as `month_records`.
fn blocks(bytes: &[u8], sep: u8) -> Vec<Vec<Vec<String>>> {
    let body = bytes.strip_prefix(report::BOM).expect("a byte-order mark");
    let text = std::str::from_utf8(body).unwrap();
    text.split("\n\n")
        .map(|block| {
            csv::ReaderBuilder::new()
                .delimiter(sep)
                .has_headers(false)
                .from_reader(block.as_bytes())
                .records()
                .map(|r| {
                    r.unwrap()
                        .iter()
                        .map(|c| report::unguard(c).to_owned())
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[test]
fn month_csv_round_trips_with_bom_and_either_separator() {
    let mut site = Site::new();
    fixture(&mut site);
    let r = november(&site, &Config::default());
    let t = report_text(Language::Id);
    let expected: Vec<Vec<Vec<String>>> = report::month_records(&r, t)
        .into_iter()
        .map(|(header, rows)| std::iter::once(header).chain(rows).collect())
        .collect();
    for sep in [b';', b','] {
        let got = blocks(&report::month_csv(&r, t, sep), sep);
        assert_eq!(got, expected);
    }
    let per_day = &expected[0];
    assert_eq!(
        per_day[0],
        [
            "Tanggal",
            "Pengunjung",
            "Masuk",
            "Ditolak",
            "Dibatalkan",
            "Melebihi batas waktu"
        ]
    );
    assert_eq!(per_day[27], ["2026-11-27", "2", "1", "1", "1", "0"]);
    assert_eq!(per_day[31], ["Jumlah", "5", "3", "1", "1", "2"]);
    let steps = &expected[3];
    assert_eq!(
        steps[3],
        ["4", "Verifikasi dan keputusan", "5", "4", "3", "75"]
    );
}

fn image_sizes(pdf: &[u8]) -> Vec<(i64, i64)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|v| v.as_name())
                .is_ok_and(|n| n == b"Image")
        })
        .map(|s| {
            let n = |k: &[u8]| s.dict.get(k).unwrap().as_i64().unwrap();
            (n(b"Width"), n(b"Height"))
        })
        .collect()
}

/// A PNG named by `document.logo` is drawn in the letterhead of every
/// document, as an image of its own size.
#[test]
fn png_logo_lands_in_the_pdfs_as_an_image() {
    let mut site = Site::new();
    fixture(&mut site);
    let mut config = Config::default();
    let logo = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/logo.png");
    config.document.logo = logo.to_owned();
    let (office, problem) = report::build::office(&config);
    assert_eq!(problem, None);
    assert_eq!(
        office.logo_png.as_deref(),
        Some(&std::fs::read(logo).unwrap()[..])
    );
    let t = report_text(Language::Id);
    let d = date(2026, 11, 27);
    let day = report::day_report(&site.store, d, d, &config, fixture_now(), None).unwrap();
    let month = november(&site, &config);
    for pdf in [
        report::day_pdf(&day, t).unwrap(),
        report::month_pdf(&month, t).unwrap(),
    ] {
        assert_eq!(image_sizes(&pdf), vec![(24, 24)]);
    }
    // Without a logo, no image.
    let plain = november(&site, &Config::default());
    assert!(image_sizes(&report::month_pdf(&plain, t).unwrap()).is_empty());
}

/// The documents carry their own words: nothing in `src/report/` takes
/// text from the kiosk's catalogue (`crate::ui`).
#[test]
fn report_takes_no_words_from_the_ui() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/report");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        assert!(
            !source.contains("crate::ui"),
            "{} uses crate::ui",
            path.display()
        );
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

fn run(site: &Site, args: &[&str]) -> std::process::Output {
    std::process::Command::new(BIN)
        .current_dir(site.path())
        .args(["--config", SAMPLE, "--db"])
        .arg(&site.db)
        .args(args)
        .output()
        .unwrap()
}

/// `dc-access report --month 2026-11 --format pdf|csv --out FILE`, run as
/// the real binary; `--format txt` is refused with exit 2.
#[test]
fn cli_writes_the_month_as_pdf_and_csv() {
    let mut site = Site::new();
    fixture(&mut site);
    let pdf_path = site.path().join("rekap.pdf");
    let o = run(
        &site,
        &[
            "report",
            "--month",
            "2026-11",
            "--format",
            "pdf",
            "--operator",
            "198712012012121003",
            "--out",
            pdf_path.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (text, _) = pdf_text::pdf_text(&std::fs::read(&pdf_path).unwrap());
    for needle in [
        "REKAPITULASI BULANAN",
        "November 2026",
        "75%",
        "Andi Wijaya",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }

    let o = run(
        &site,
        &[
            "report", "--month", "2026-11", "--format", "csv", "--sep", ",",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = blocks(&o.stdout, b',');
    assert_eq!(got.len(), 4);
    assert_eq!(got[0][31], ["Jumlah", "5", "3", "1", "1", "2"]);

    for (args, says) in [
        (&["--month", "2026-11", "--format", "txt"][..], "pdf or csv"),
        (
            &["--month", "2026-13", "--format", "pdf"][..],
            "not a month",
        ),
        (
            &[
                "--month",
                "2026-11",
                "--date",
                "2026-11-01",
                "--format",
                "pdf",
            ][..],
            "cannot be used with",
        ),
    ] {
        let o = run(&site, &[&["report"][..], args].concat());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
