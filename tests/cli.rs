//! The `dc-access` binary's command line, run as a real process.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

const NIP_A: &str = "198501152010011001";
const NIP_B: &str = "199002202015032002";

/// A temp folder with a copy of the sample configuration; the database goes
/// into a nested folder that does not exist yet.
struct Site {
    dir: tempfile::TempDir,
    config: PathBuf,
    db: PathBuf,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("config/dc-access.toml");
        std::fs::create_dir_all(dir.path().join("config")).expect("config folder");
        std::fs::copy(SAMPLE, &config).expect("copy the sample configuration");
        let db = dir.path().join("var/lib/dc/dc-access.db");
        Site { dir, config, db }
    }

    /// Runs `dc-access --config C --db D ARGS` with `stdin` piped in.
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.arg("--config")
            .arg(&self.config)
            .arg("--db")
            .arg(&self.db)
            .args(args);
        run_with_stdin(cmd, stdin)
    }

    fn add(&self, name: &str, nip: &str, role: &str, pin: &str) -> Output {
        self.run(
            &[
                "user",
                "add",
                "--name",
                name,
                "--nip",
                nip,
                "--role",
                role,
                "--pin-stdin",
            ],
            &format!("{pin}\n"),
        )
    }
}

fn run_with_stdin(mut cmd: Command, stdin: &str) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start dc-access");
    // A command that refuses its arguments exits without reading stdin.
    if let Err(e) = child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(stdin.as_bytes())
    {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("wait for dc-access")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_code(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
}

#[test]
fn help_and_version() {
    let o = Command::new(BIN).arg("--help").output().unwrap();
    assert_code(&o, 0);
    let help = stdout(&o);
    for word in [
        "--config",
        "--db",
        "user",
        "verify",
        "backup",
        "report",
        "anonymize",
    ] {
        assert!(help.contains(word), "{word} missing from:\n{help}");
    }

    let o = Command::new(BIN).args(["user", "--help"]).output().unwrap();
    assert_code(&o, 0);
    assert!(stdout(&o).contains("reset-pin"));

    let o = Command::new(BIN).arg("--version").output().unwrap();
    assert_code(&o, 0);
    assert!(
        stdout(&o).starts_with(&format!("dc-access {} (schema ", env!("CARGO_PKG_VERSION"))),
        "{}",
        stdout(&o)
    );
}

#[test]
fn unknown_command_is_a_usage_error() {
    let o = Command::new(BIN).arg("frobnicate").output().unwrap();
    assert_code(&o, 2);
}

#[test]
fn accounts_lifecycle() {
    let s = Site::new();
    assert!(!s.db.parent().unwrap().exists());

    let o = s.add("Budi Santoso", NIP_A, "operator", "482916");
    assert_code(&o, 0);
    assert_eq!(stdout(&o).trim(), "created operator #1 Budi Santoso");
    // The nested folder, the database and the key beside it were created.
    assert!(s.db.exists());
    assert!(s.db.with_file_name("dc-access.key").exists());

    let o = s.add("Siti Rahayu", NIP_B, "supervisor", "739251");
    assert_code(&o, 0);
    assert_eq!(stdout(&o).trim(), "created supervisor #2 Siti Rahayu");

    // Same NIP twice.
    let o = s.add("Budi Lain", NIP_A, "operator", "482916");
    assert_code(&o, 2);
    assert!(stderr(&o).contains(NIP_A), "{}", stderr(&o));

    let o = s.run(&["user", "list"], "");
    assert_code(&o, 0);
    let list = stdout(&o);
    let line_of = |name: &str| {
        list.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not in:\n{list}"))
            .to_owned()
    };
    let budi = line_of("Budi Santoso");
    assert!(budi.contains(NIP_A) && budi.contains("operator") && budi.contains("active"));
    let siti = line_of("Siti Rahayu");
    assert!(siti.contains(NIP_B) && siti.contains("supervisor") && siti.contains("active"));

    // By NIP; flags after the subcommand work too (global).
    let o = run_with_stdin(
        {
            let mut c = Command::new(BIN);
            c.args(["user", "disable", NIP_A, "--config"])
                .arg(&s.config)
                .arg("--db")
                .arg(&s.db);
            c
        },
        "",
    );
    assert_code(&o, 0);
    assert_eq!(stdout(&o).trim(), "disabled operator #1 Budi Santoso");

    let o = s.run(&["user", "list"], "");
    assert_code(&o, 0);
    let list = stdout(&o);
    let budi = list.lines().find(|l| l.contains("Budi Santoso")).unwrap();
    assert!(budi.contains("disabled"), "{list}");
    let siti = list.lines().find(|l| l.contains("Siti Rahayu")).unwrap();
    assert!(!siti.contains("disabled"), "{list}");

    // By id and by name.
    let o = s.run(&["user", "enable", "#1"], "");
    assert_code(&o, 0);
    assert_eq!(stdout(&o).trim(), "enabled operator #1 Budi Santoso");
    let o = s.run(&["user", "unlock", "siti rahayu"], "");
    assert_code(&o, 0);
    let o = s.run(&["user", "reset-pin", "2", "--pin-stdin"], "905173\n");
    assert_code(&o, 0);
    assert_eq!(
        stdout(&o).trim(),
        "new PIN set for supervisor #2 Siti Rahayu"
    );

    let o = s.run(&["user", "disable", "Nobody"], "");
    assert_code(&o, 2);
    assert!(stderr(&o).starts_with("dc-access: "));
    assert!(stderr(&o).contains("Nobody"));

    // 2 creations, disable, enable, PIN reset (unlock was a no-op).
    let o = s.run(&["verify"], "");
    assert_code(&o, 0);
    assert!(
        stdout(&o).starts_with("5 events, chain intact; 0 visits, 2 accounts"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_fields_are_refused_clearly() {
    let s = Site::new();

    // Trivial PIN; the sample configuration is in Bahasa Indonesia.
    let o = s.add("Budi Santoso", NIP_A, "operator", "123456");
    assert_code(&o, 2);
    let err = stderr(&o);
    assert!(err.starts_with("dc-access: PIN: "), "{err}");
    assert!(err.contains("terlalu mudah ditebak"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    // Bad NIP (appointment month 13).
    let o = s.add("Budi Santoso", "198501152010131001", "operator", "482916");
    assert_code(&o, 2);
    let err = stderr(&o);
    assert!(err.starts_with("dc-access: --nip: "), "{err}");
    assert!(err.contains("Bulan pengangkatan"), "{err}");

    let o = s.add("Budi Santoso", "12345", "operator", "482916");
    assert_code(&o, 2);
    assert!(stderr(&o).contains("NIP harus 18 angka"), "{}", stderr(&o));

    // Nothing was created.
    assert!(!s.db.exists());

    // Bad role is clap's usage error.
    let o = s.add("Budi Santoso", NIP_A, "admin", "482916");
    assert_code(&o, 2);
}

#[test]
fn field_errors_follow_the_configured_language() {
    let s = Site::new();
    let text = std::fs::read_to_string(&s.config).unwrap();
    std::fs::write(
        &s.config,
        text.replace("language = \"id\"", "language = \"en\""),
    )
    .unwrap();
    let o = s.add("Budi Santoso", NIP_A, "operator", "111111");
    assert_code(&o, 2);
    assert!(
        stderr(&o).contains("PIN too easy to guess"),
        "{}",
        stderr(&o)
    );
}

/// Drops the append-only trigger and edits event 2's details.
fn tamper(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    conn.execute_batch(
        "DROP TRIGGER events_no_update;
         UPDATE events SET details = '{\"user\":99}' WHERE id = 2;",
    )
    .expect("tamper");
}

#[test]
fn verify_finds_tampering() {
    let s = Site::new();
    assert_code(&s.add("Budi Santoso", NIP_A, "operator", "482916"), 0);
    assert_code(&s.add("Siti Rahayu", NIP_B, "supervisor", "739251"), 0);
    assert_code(&s.run(&["user", "disable", "#1"], ""), 0);

    let o = s.run(&["verify"], "");
    assert_code(&o, 0);
    assert!(
        stdout(&o).starts_with("3 events, chain intact"),
        "{}",
        stdout(&o)
    );

    tamper(&s.db);
    let o = s.run(&["verify"], "");
    assert_code(&o, 1);
    assert!(
        stderr(&o).contains("event 2 (user_created): HMAC does not match"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn backup_writes_a_dated_folder() {
    let s = Site::new();
    assert_code(&s.add("Budi Santoso", NIP_A, "operator", "482916"), 0);
    let out = s.dir.path().join("backups");

    let o = s.run(&["backup", "--out", out.to_str().unwrap()], "");
    assert_code(&o, 0);
    let text = stdout(&o);
    assert!(text.contains(out.to_str().unwrap()), "{text}");
    let dir = std::fs::read_dir(&out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();

    // A real database with the account in it.
    let conn = rusqlite::Connection::open(dir.join("dc-access.db")).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn commands_need_an_existing_database() {
    let s = Site::new();
    for args in [
        &["verify"][..],
        &["user", "list"],
        &["backup", "--out", "x"],
    ] {
        let o = s.run(args, "");
        assert_code(&o, 2);
        assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    }
    assert!(!s.db.exists());
}

#[test]
fn bad_config_names_file_line_and_key() {
    let s = Site::new();
    let text = std::fs::read_to_string(&s.config).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let kiosk = lines.iter().position(|l| *l == "[kiosk]").unwrap();
    lines.insert(kiosk + 1, "colour = \"red\"");
    std::fs::write(&s.config, lines.join("\n")).unwrap();

    let o = s.run(&["user", "list"], "");
    assert_code(&o, 2);
    let err = stderr(&o);
    let expected = format!("dc-access: {}:{}: ", s.config.display(), kiosk + 2);
    assert!(err.starts_with(&expected), "{err}");
    assert!(err.contains("kiosk.colour"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    // The kiosk reads the same configuration.
    let o = s.run(&[], "");
    assert_code(&o, 2);
    assert!(stderr(&o).contains("kiosk.colour"));
}

#[test]
fn missing_config_file() {
    let s = Site::new();
    let o = Command::new(BIN)
        .args(["--config", "/nonexistent/dc.toml", "--db"])
        .arg(&s.db)
        .arg("verify")
        .output()
        .unwrap();
    assert_code(&o, 2);
    assert!(stderr(&o).contains("/nonexistent/dc.toml"));
}

#[test]
fn kiosk_needs_a_terminal() {
    let s = Site::new();
    let o = s.run(&[], "");
    assert_code(&o, 2);
    assert_eq!(
        stderr(&o).trim(),
        "dc-access: the kiosk needs a terminal (stdin and stdout)"
    );
}

#[test]
fn report_and_anonymize_on_a_database_without_visits() {
    let s = Site::new();
    assert_code(&s.add("Budi Santoso", NIP_A, "operator", "482916"), 0);
    let o = s.run(&["report", "--date", "2024-03-15", "--format", "csv"], "");
    assert_code(&o, 0);
    assert_eq!(stdout(&o).lines().count(), 1, "the header only");
    let o = s.run(&["report", "--date", "15/03/2024", "--format", "csv"], "");
    assert_code(&o, 2);
    assert!(stderr(&o).contains("YYYY-MM-DD"));
    let o = s.run(&["anonymize", "--before", "2022-01-01"], "");
    assert_code(&o, 0);
    assert!(
        stdout(&o).contains("anonymized 0 visit(s)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_change_from_the_command_line_logs_the_chain_head_to_stderr() {
    let s = Site::new();
    let o = s.add("Budi Santoso", NIP_A, "operator", "482916");
    assert_code(&o, 0);
    let err = stderr(&o);
    assert!(
        err.starts_with("dc-access: chain head: 1 events, HMAC "),
        "{err}"
    );
    assert!(!err.contains("Budi"), "no personal data: {err}");
    // Reading changes nothing and logs nothing.
    let o = s.run(&["user", "list"], "");
    assert_eq!(stderr(&o), "");
}
