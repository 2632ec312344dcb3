//! `dc-access report` and `dc-access anonymize`, run as the real binary on
//! a database prepared through the `Store` API.

#![allow(clippy::unwrap_used)]

mod common;
mod pdf_text;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Fixture, Site, fixture};

const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

struct Cli {
    site: Site,
    f: Fixture,
    config: PathBuf,
}

impl Cli {
    /// The fixture, the sample configuration with `retention_days = 30`.
    fn new() -> Cli {
        let mut site = Site::new();
        let f = fixture(&mut site);
        // In config/, so the sample's `../data/reports` is the site's data/reports.
        std::fs::create_dir_all(site.path().join("config")).unwrap();
        let config = site.path().join("config/dc-access.toml");
        let sample = std::fs::read_to_string(SAMPLE).unwrap();
        let edited = sample.replace("retention_days = 730", "retention_days = 30");
        assert_ne!(sample, edited, "the sample names retention_days = 730");
        std::fs::write(&config, edited).unwrap();
        Cli { site, f, config }
    }

    /// `dc-access --config C --db D ARGS` in the site's folder.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.site.path())
            .arg("--config")
            .arg(&self.config)
            .arg("--db")
            .arg(&self.site.db)
            .args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs `ARGS --as NIP --pin-stdin` as the fixture's supervisor Rina
    /// (PIN 482916 on stdin).
    fn run_as_rina(&self, args: &[&str]) -> Output {
        use std::io::Write;
        let mut child = self
            .command(args)
            .args(["--as", &self.site.sup.nip, "--pin-stdin"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // A command refused before it reads stdin closes the pipe.
        let _ = stdin.write_all(b"482916\n");
        drop(stdin);
        child.wait_with_output().unwrap()
    }

    fn ok_as_rina(&self, args: &[&str]) -> Output {
        let o = self.run_as_rina(args);
        assert!(
            o.status.success(),
            "{args:?}: {:?}\n{}",
            o.status,
            String::from_utf8_lossy(&o.stderr)
        );
        o
    }

    fn ok(&self, args: &[&str]) -> Output {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "{args:?}: {:?}\n{}",
            o.status,
            String::from_utf8_lossy(&o.stderr)
        );
        o
    }

    fn dir(&self) -> &Path {
        self.site.path()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn pdf_text(bytes: &[u8]) -> String {
    pdf_text::pdf_text(bytes).0
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn day_pdf_has_visitors_numbers_and_chain_head() {
    let cli = Cli::new();
    let out = cli.dir().join("day.pdf");
    let o = cli.ok(&[
        "report",
        "--date",
        "2026-11-27",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(stdout(&o).contains("day.pdf"), "{}", stdout(&o));
    let text = pdf_text(&std::fs::read(&out).unwrap());
    assert!(text.contains("Budi Santoso"), "{text}");
    assert!(text.contains("LAPORAN PENGUNJUNG"), "{text}");
    assert!(text.contains(&cli.f.budi.0.to_string()));
    // Not the 28th's visit at 00:30 WIB (the 27th in UTC).
    assert!(!text.contains("Fajar Nugroho"), "{text}");
    let head = cli.site.store.chain_head().unwrap();
    assert_eq!(head.last_hmac.len(), 64);
    let code = format!("{}:{}", head.events, head.last_hmac);
    assert!(
        squeeze(&text).contains(&code),
        "chain head {code} in {text}"
    );
    assert!(text.contains("Kode integritas catatan audit"));
}

#[test]
fn day_report_signed_by_the_operator_named() {
    let cli = Cli::new();
    let users = cli.site.store.users().unwrap();
    let op = users
        .iter()
        .find(|u| u.role == dc_access::domain::visit::Role::Operator)
        .unwrap();
    let o = cli.ok(&[
        "report",
        "--date",
        "2026-11-27",
        "--format",
        "txt",
        "--operator",
        &op.nip,
    ]);
    let text = stdout(&o);
    assert!(text.contains(&op.name), "{text}");
    assert!(text.contains("Petugas Operator Server,"), "{text}");
    assert!(text.contains("Belum ditinjau") || text.contains("ditinjau oleh"));
    let o = cli.run(&[
        "report",
        "--date",
        "2026-11-27",
        "--format",
        "txt",
        "--operator",
        "123",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no account has NIP 123"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn visit_pdf_without_out_is_saved_under_reports_dir() {
    let cli = Cli::new();
    let n = cli.f.late.0.to_string();
    let o = cli.ok(&["report", "--visit", &n, "--format", "pdf"]);
    let expected = format!("data/reports/kunjungan-{:06}.pdf", cli.f.late.0);
    assert!(stdout(&o).contains(&expected), "{}", stdout(&o));
    let text = pdf_text(&std::fs::read(cli.dir().join(&expected)).unwrap());
    assert!(text.contains("Fajar Nugroho"), "{text}");
    assert!(text.contains(&n), "{text}");
    assert!(text.contains("3201011505850001"), "whole ID on the form");
    assert!(text.contains("HILANG"), "badge lost: {text}");
    // `--out -`: the PDF on stdout, for a pipe into `lp`.
    let o = cli.ok(&["report", "--visit", &n, "--format", "pdf", "--out", "-"]);
    assert!(pdf_text(&o.stdout).contains("Fajar Nugroho"));
}

#[test]
fn visit_txt_goes_to_stdout() {
    let cli = Cli::new();
    let n = cli.f.dede.0.to_string();
    let o = cli.ok(&["report", "--visit", &n, "--format", "txt"]);
    let text = stdout(&o);
    assert!(text.contains("Dédé Sétiawan"), "{text}");
    assert!(text.contains("Tidak terjadwal"), "reject reason: {text}");
    assert!(text.contains("B7654321"));
}

#[test]
fn range_csv_round_trips_every_field() {
    let cli = Cli::new();
    let o = cli.ok(&[
        "report",
        "--date",
        "2026-11-27",
        "--to",
        "2026-11-28",
        "--format",
        "csv",
    ]);
    assert!(o.stdout.starts_with(dc_access::report::BOM));
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&o.stdout[3..]);
    let header = rd.headers().unwrap().clone();
    assert_eq!(header.len(), 22);
    assert_eq!(&header[21], "Pintu");
    let records: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let numbers: Vec<String> = records.iter().map(|r| r[1].to_owned()).collect();
    let f = &cli.f;
    assert_eq!(
        numbers,
        [f.early, f.budi, f.dede, f.late, f.citra, f.waiting]
            .map(|v| v.0.to_string())
            .to_vec()
    );
    let dede = &records[2];
    assert_eq!(dede.len(), 22);
    let fields: Vec<&str> = dede.iter().collect();
    // A rejected visit keeps its date; it has no entry, exit or minutes.
    assert_eq!(
        &fields[..6],
        [
            "2026-11-27",
            f.dede.0.to_string().as_str(),
            "",
            "",
            "",
            "Dédé Sétiawan"
        ]
    );
    assert_eq!(fields[8], "Dinas Kesehatan, \"Bidang\" TI");
    assert_eq!(fields[9], "Audit / pemeriksaan");
    assert_eq!(fields[11], "Rina Kartika", "decided by");
    assert_eq!(fields[12], "Tidak disetujui");
    assert_eq!(fields[13], "Ditolak");
    assert!(
        fields[14].contains("Tidak terjadwal"),
        "reason {}",
        fields[14]
    );
    assert_eq!(fields[16], "ditolak");
    let late = &records[3];
    assert_eq!(&late[0], "2026-11-28");
    assert_eq!(&late[2], "2026-11-28 00:40", "time in, WIB");
    assert_eq!(&late[3], "2026-11-28 02:10");
    assert_eq!(&late[4], "90");
    assert_eq!(&late[5], "Fajar Nugroho");
    assert!(late[7].contains('*'), "ID masked: {}", &late[7]);
    assert_eq!(&late[15], "V-03");
    assert!(late[16].contains("kartu hilang"), "{}", &late[16]);
    assert!(late[16].contains("cek perangkat TIDAK OK"));
    // `--sep ,` for a comma-separated file.
    let o = cli.ok(&[
        "report",
        "--date",
        "2026-11-27",
        "--format",
        "csv",
        "--sep",
        ",",
    ]);
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .starts_with("\u{feff}Tanggal,Nomor kunjungan,")
    );
    let o = cli.run(&[
        "report",
        "--date",
        "2026-11-27",
        "--format",
        "csv",
        "--sep",
        "|",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn day_txt_has_counts_by_purpose() {
    let cli = Cli::new();
    let o = cli.ok(&["report", "--date", "2026-11-28", "--format", "txt"]);
    let text = stdout(&o);
    assert!(
        text.contains("JUMLAH PENGUNJUNG MENURUT KEPERLUAN"),
        "{text}"
    );
    let line = text
        .lines()
        .find(|l| l.contains("Pemeliharaan perangkat") && l.trim_end().ends_with('3'))
        .unwrap_or_else(|| panic!("purpose count line in {text}"));
    assert!(!line.contains("Fajar"));
    assert!(text.contains("Citra Lestari"));
    assert!(
        !text.contains(" -3"),
        "no negative minutes, whatever the clock: {text}"
    );
    // Saved to a file with --out.
    let out = cli.dir().join("day.txt");
    cli.ok(&[
        "report",
        "--date",
        "2026-11-28",
        "--format",
        "txt",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read_to_string(out).unwrap(), text);
}

#[test]
fn bad_requests_exit_2_clearly() {
    let cli = Cli::new();
    let o = cli.run(&["report", "--visit", "9999", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such visit: 9999"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(!cli.dir().join("data/reports").exists());

    let n = cli.f.budi.0.to_string();
    let o = cli.run(&["report", "--visit", &n, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--format csv"), "{}", stderr(&o));

    let o = cli.run(&[
        "report",
        "--date",
        "2026-11-28",
        "--to",
        "2026-11-01",
        "--format",
        "txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("before"), "{}", stderr(&o));

    let o = cli.run(&[
        "report",
        "--date",
        "2026-11-28",
        "--format",
        "txt",
        "--out",
        cli.dir().join("no/such/dir/x.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
}

#[test]
fn anonymize_before_a_day_respects_retention() {
    let cli = Cli::new();
    // Today minus 30 days is the latest allowed; the clock says late 2026.
    let o = cli.run_as_rina(&["anonymize", "--before", "2099-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("retention"), "{}", stderr(&o));

    let o = cli.ok_as_rina(&["anonymize", "--before", "2026-10-16"]);
    assert!(
        stdout(&o).contains("anonymized 2 visit(s)"),
        "{}",
        stdout(&o)
    );
    let store = dc_access::store::Store::open(&cli.site.db, &cli.site.key).unwrap();
    assert_eq!(
        store.visit(cli.f.october).unwrap().form.full_name,
        "(anonim)"
    );
    assert_eq!(
        store.visit(cli.f.budi).unwrap().form.full_name,
        "Budi Santoso"
    );
    let ev = &store.recent_events(1).unwrap()[0];
    assert_eq!(ev.action.as_str(), "visits_anonymized");
    assert_eq!(ev.actor, Some(cli.site.sup.id), "the supervisor of --as");
    let o = cli.ok(&["verify"]);
    assert!(stdout(&o).contains("chain intact"));
}

#[test]
fn lost_badge_listed_and_restored() {
    let cli = Cli::new();
    let lost = cli.ok(&["badge", "lost"]);
    assert_eq!(stdout(&lost).trim(), "V-03");
    let o = cli.run(&["badge", "restore", "V-03"]);
    assert_eq!(o.status.code(), Some(3), "needs a supervisor");
    let restored = cli.ok_as_rina(&["badge", "restore", "V-03"]);
    assert!(stdout(&restored).contains("V-03 is back in the pool"));
    assert!(stdout(&cli.ok(&["badge", "lost"])).contains("no badge is recorded lost"));
    let again = cli.run_as_rina(&["badge", "restore", "V-09"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("V-09 is not recorded lost"));
    assert!(stdout(&cli.ok(&["verify"])).contains("chain intact"));
}
