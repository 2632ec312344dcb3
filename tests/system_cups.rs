//! Printing through a real CUPS server: a `cupsd` of the test's own (its
//! configuration, spool and socket in a temp dir) with the cups-pdf
//! virtual printer, which writes each job as a PDF file. Needs the Debian
//! packages `cups` and `printer-driver-cups-pdf` and root (cups-pdf's
//! backend runs as root): `--features system-tests`, as `.ci/run` does.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, date, fixture, fixture_now};
use dc_access::config::Config;
use dc_access::report::{self, Delivered, deliver};

/// A `cupsd` in the foreground on a socket in `dir`; killed on drop.
struct Cups {
    child: Child,
    socket: PathBuf,
    dir: tempfile::TempDir,
}

impl Cups {
    fn start() -> Cups {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // The filters run as `lp`: it must reach the temp and spool folders.
        set_mode(root, 0o755);
        for sub in ["spool", "cache", "state", "tmp", "log", "ppd"] {
            std::fs::create_dir(root.join(sub)).unwrap();
        }
        set_mode(&root.join("tmp"), 0o1777);
        let socket = root.join("cups.sock");
        std::fs::write(
            root.join("cupsd.conf"),
            format!(
                "Listen {}\nLogLevel info\nWebInterface No\nBrowsing No\n\
                 DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n",
                socket.display()
            ),
        )
        .unwrap();
        let r = root.display();
        std::fs::write(
            root.join("cups-files.conf"),
            format!(
                "ServerRoot {r}\nRequestRoot {r}/spool\nCacheDir {r}/cache\nStateDir {r}/state\n\
                 TempDir {r}/tmp\nErrorLog {r}/log/error_log\nAccessLog {r}/log/access_log\n\
                 PageLog {r}/log/page_log\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
            ),
        )
        .unwrap();
        let child = Command::new("cupsd")
            .arg("-f")
            .arg("-c")
            .arg(root.join("cupsd.conf"))
            .arg("-s")
            .arg(root.join("cups-files.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cupsd (Debian package `cups`) must be installed");
        let cups = Cups { child, socket, dir };
        let deadline = Instant::now() + Duration::from_secs(30);
        // `lpstat -r` exits 0 either way: read what it says (it was taken
        // as up before the socket answered, and `lpadmin` then failed).
        let up = |c: &Cups| {
            let o = c.run("lpstat", &["-r"]);
            o.status.success()
                && String::from_utf8_lossy(&o.stdout).contains("scheduler is running")
        };
        while !up(&cups) {
            assert!(
                Instant::now() < deadline,
                "cupsd did not come up: {}",
                cups.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let o = cups.run(
            "lpadmin",
            &[
                "-p",
                "DCPDF",
                "-v",
                "cups-pdf:/",
                "-P",
                "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd",
                "-E",
            ],
        );
        assert!(
            o.status.success(),
            "lpadmin (is printer-driver-cups-pdf installed?): {}",
            String::from_utf8_lossy(&o.stderr)
        );
        cups
    }

    fn run(&self, tool: &str, args: &[&str]) -> std::process::Output {
        Command::new(tool)
            .arg("-h")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{tool}: {e}"))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log/error_log")).unwrap_or_default()
    }
}

impl Drop for Cups {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Where cups-pdf writes: `Out ${HOME}/PDF` (Debian's default, the job
/// owner's home) or its anonymous folder.
fn pdf_folders() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/root/PDF"),
        PathBuf::from("/var/spool/cups-pdf"),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.insert(0, Path::new(&home).join("PDF"));
    }
    dirs
}

fn find_file(dir: &Path, token: &str) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let p = entry.path();
        if p.is_dir() {
            if let Some(f) = find_file(&p, token) {
                return Some(f);
            }
        } else if p.file_name()?.to_string_lossy().contains(token) {
            return Some(p);
        }
    }
    None
}

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs cupsd and cups-pdf: run with --features system-tests"
)]
fn prints_through_cups_and_saves_when_the_printer_is_missing() {
    let cups = Cups::start();
    let mut site = Site::new();
    fixture(&mut site);
    let reports = tempfile::tempdir().unwrap();
    let mut config = Config::default();
    config.report.reports_dir = reports.path().display().to_string();
    let d = date(2026, 11, 27);
    let r = report::day_report(&site.store, d, d, &config, fixture_now(), None).unwrap();
    let pdf = report::day_pdf(&r, report::report_text(config.language)).unwrap();

    // The print command as a site would write it, with a title to find the job by.
    let token = format!("dcaccess{}", std::process::id());
    config.report.print_command = format!("lp -h {} -d DCPDF -t {token}", cups.socket.display());
    let got = deliver(&config, &pdf, "pengunjung-2026-11-27.pdf").unwrap();
    assert!(matches!(got, Delivered::Printed { .. }), "{got:?}");
    let deadline = Instant::now() + Duration::from_secs(90);
    let written = loop {
        if let Some(f) = pdf_folders().iter().find_map(|d| find_file(d, &token)) {
            // cups-pdf writes the file, then finishes the job.
            let done = cups.run("lpstat", &["-W", "completed", "-o", "DCPDF"]);
            if String::from_utf8_lossy(&done.stdout).contains("DCPDF-") {
                break f;
            }
        }
        assert!(
            Instant::now() < deadline,
            "cups-pdf wrote no PDF for {token}: {}",
            cups.log()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let bytes = std::fs::read(&written).unwrap();
    let _ = std::fs::remove_file(&written);
    assert!(bytes.starts_with(b"%PDF"), "{}", written.display());
    let doc = lopdf::Document::load_mem(&bytes).expect("the printer's PDF loads");
    assert!(!doc.get_pages().is_empty());
    assert!(
        std::fs::read_dir(reports.path()).unwrap().next().is_none(),
        "printed, so nothing saved"
    );

    // A printer that does not exist: CUPS refuses, the document is saved.
    config.report.print_command = format!("lp -h {} -d NOSUCH", cups.socket.display());
    let got = deliver(&config, &pdf, "pengunjung-2026-11-27.pdf").unwrap();
    let Delivered::PrintFailed { error, saved } = got else {
        panic!("{got:?}")
    };
    assert!(error.contains("lp"), "{error}");
    assert_eq!(saved, reports.path().join("pengunjung-2026-11-27.pdf"));
    assert_eq!(std::fs::read(&saved).unwrap(), pdf);
}
