//! Where a finished document goes: to the configured print command (CUPS
//! `lp -d NAME` reads the document on stdin), or into `report.reports_dir`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;

use crate::config::Config;
use crate::domain::visit::VisitId;

/// What happened to a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Handed to the print command, which accepted it.
    Printed { command: String },
    /// Saved to this file.
    Saved(PathBuf),
    /// The print command failed (`error`); the document was saved to
    /// `saved` instead.
    PrintFailed { error: String, saved: PathBuf },
}

/// `kunjungan-000042.pdf`.
pub fn file_name_for_visit(id: VisitId, ext: &str) -> String {
    format!("kunjungan-{:06}.{ext}", id.0)
}

/// `pengunjung-2026-11-27.csv`, or `pengunjung-2026-11-01_2026-11-30.csv`.
pub fn file_name_for_days(from: NaiveDate, to: NaiveDate, ext: &str) -> String {
    if from == to {
        format!("pengunjung-{}.{ext}", from.format("%Y-%m-%d"))
    } else {
        format!(
            "pengunjung-{}_{}.{ext}",
            from.format("%Y-%m-%d"),
            to.format("%Y-%m-%d")
        )
    }
}

/// `name` of a report of one door: the door's name before the extension
/// (`pengunjung-2026-11-27-pintu-utara.pdf`), so that it does not
/// overwrite the report of all doors or of another door.
pub fn with_door(name: &str, door: Option<&str>) -> String {
    let Some(door) = door.filter(|d| !d.trim().is_empty()) else {
        return name.to_owned();
    };
    let mut slug = String::new();
    for c in door.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{slug}.{ext}"),
        None => format!("{name}-{slug}"),
    }
}

/// `rekap-2026-11.pdf`: the monthly recap of the month starting on `month`.
pub fn file_name_for_month(month: NaiveDate, ext: &str) -> String {
    format!("rekap-{}.{ext}", month.format("%Y-%m"))
}

/// Print the document when a print command is configured, else save it
/// under `reports_dir` (created if missing) as `file_name`.
pub fn deliver(config: &Config, bytes: &[u8], file_name: &str) -> io::Result<Delivered> {
    let command = config.report.print_command.trim();
    if command.is_empty() {
        return save(config, bytes, file_name).map(Delivered::Saved);
    }
    match print(command, bytes) {
        Ok(()) => Ok(Delivered::Printed {
            command: command.to_owned(),
        }),
        // The paper can wait; the document must not be lost.
        Err(error) => match save(config, bytes, file_name) {
            Ok(saved) => Ok(Delivered::PrintFailed {
                error: error.to_string(),
                saved,
            }),
            Err(not_saved) => Err(io::Error::new(
                not_saved.kind(),
                format!("{error}; and not saved either: {not_saved}"),
            )),
        },
    }
}

/// Save the document under `reports_dir` (created if missing) as
/// `file_name`, replacing a file of that name; the path written.
pub fn save(config: &Config, bytes: &[u8], file_name: &str) -> io::Result<PathBuf> {
    let dir = Path::new(&config.report.reports_dir);
    crate::files::create_dir_private(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(file_name);
    crate::files::write_private(&path, bytes)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

/// Run `sh -c COMMAND` with the document on stdin; an error unless it
/// exits 0 (its stderr, trimmed, is in the message).
fn print(command: &str, bytes: &[u8]) -> io::Result<()> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| io::Error::new(e.kind(), format!("cannot run `{command}`: {e}")))?;
    let written = child.stdin.take().map(|mut stdin| stdin.write_all(bytes));
    let out = child.wait_with_output()?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let err = err.trim();
        return Err(io::Error::other(format!(
            "`{command}` failed ({}){}{err}",
            out.status,
            if err.is_empty() { "" } else { ": " }
        )));
    }
    if let Some(Err(e)) = written {
        // The command exited 0 without reading everything.
        return Err(io::Error::new(
            e.kind(),
            format!("`{command}` did not take the whole document: {e}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(print: &str, dir: &Path) -> Config {
        let mut c = Config::default();
        c.report.print_command = print.to_owned();
        c.report.reports_dir = dir.join("out/reports").to_string_lossy().into_owned();
        c
    }

    #[test]
    fn names() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(
            file_name_for_visit(VisitId(42), "pdf"),
            "kunjungan-000042.pdf"
        );
        assert_eq!(
            file_name_for_days(d(11, 27), d(11, 27), "csv"),
            "pengunjung-2026-11-27.csv"
        );
        assert_eq!(
            file_name_for_days(d(11, 1), d(11, 30), "txt"),
            "pengunjung-2026-11-01_2026-11-30.txt"
        );
    }

    #[test]
    fn saves_without_a_print_command() {
        let dir = tempfile::tempdir().unwrap();
        let c = config("  ", dir.path());
        let got = deliver(&c, b"abc", "x.txt").unwrap();
        let path = dir.path().join("out/reports/x.txt");
        assert_eq!(got, Delivered::Saved(path.clone()));
        assert_eq!(std::fs::read(path).unwrap(), b"abc");
    }

    #[test]
    fn prints_through_stdin_and_reports_failure() {
        let dir = tempfile::tempdir().unwrap();
        let sink = dir.path().join("printed");
        let cmd = format!("cat > '{}'", sink.display());
        let c = config(&cmd, dir.path());
        let doc = vec![b'x'; 200_000];
        let got = deliver(&c, &doc, "x.pdf").unwrap();
        assert_eq!(got, Delivered::Printed { command: cmd });
        assert_eq!(std::fs::read(&sink).unwrap(), doc);
        assert!(!dir.path().join("out").exists(), "nothing saved");

        // A failing printer: the document is saved instead, and says where.
        let bad = config("echo 'lp: printer LASER not found' >&2; exit 3", dir.path());
        let got = deliver(&bad, b"doc", "x.pdf").unwrap();
        let Delivered::PrintFailed { error, saved } = got else {
            panic!("{got:?}")
        };
        assert!(error.contains("printer LASER not found"), "{error}");
        assert!(error.contains("exit status: 3"), "{error}");
        assert_eq!(saved, dir.path().join("out/reports/x.pdf"));
        assert_eq!(std::fs::read(&saved).unwrap(), b"doc");

        // Neither printed nor saved: an error naming both.
        let mut worse = bad.clone();
        std::fs::write(dir.path().join("file"), "").unwrap();
        worse.report.reports_dir = dir.path().join("file/reports").display().to_string();
        let err = deliver(&worse, b"doc", "x.pdf").unwrap_err().to_string();
        assert!(err.contains("printer LASER not found"), "{err}");
        assert!(err.contains("not saved either"), "{err}");
    }

    #[test]
    fn a_door_names_its_own_file() {
        let all = file_name_for_days(
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            "pdf",
        );
        assert_eq!(with_door(&all, None), "pengunjung-2026-11-27.pdf");
        assert_eq!(
            with_door(&all, Some("Pintu Utara (Lt. 2)")),
            "pengunjung-2026-11-27-pintu-utara-lt-2.pdf"
        );
        assert_eq!(
            with_door("rekap-2026-11.csv", Some(" ")),
            "rekap-2026-11.csv"
        );
    }
}
