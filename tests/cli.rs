//! The `dc-access` binary's command line, run as a real process.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

const NIP_A: &str = "198501152010011001";
const NIP_B: &str = "199002202015032002";
/// Siti Rahayu's PIN: the supervisor every test site starts with.
const PIN_B: &str = "739251";

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

    /// Runs `ARGS --as NIP_B --pin-stdin` with Siti's PIN, then `more`, on stdin.
    fn as_siti(&self, args: &[&str], more: &str) -> Output {
        let args = [args, &["--as", NIP_B, "--pin-stdin"]].concat();
        self.run(&args, &format!("{PIN_B}\n{more}"))
    }

    /// A site with the supervisor Siti Rahayu (#1) and the operator Budi
    /// Santoso (#2) added by her.
    fn with_accounts() -> Site {
        let s = Site::new();
        assert_code(&s.add("Siti Rahayu", NIP_B, "supervisor", PIN_B), 0);
        let o = s.as_siti(
            &[
                "user",
                "add",
                "--name",
                "Budi Santoso",
                "--nip",
                NIP_A,
                "--role",
                "operator",
            ],
            "482916\n",
        );
        assert_code(&o, 0);
        s
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

    // The first account of an empty database: a supervisor, nobody asked.
    let o = s.add("Siti Rahayu", NIP_B, "supervisor", PIN_B);
    assert_code(&o, 0);
    assert_eq!(stdout(&o).trim(), "created supervisor #1 Siti Rahayu");
    // The nested folder, the database and the key beside it were created.
    assert!(s.db.exists());
    assert!(s.db.with_file_name("dc-access.key").exists());

    let add_budi = [
        "user",
        "add",
        "--name",
        "Budi Santoso",
        "--nip",
        NIP_A,
        "--role",
        "operator",
    ];
    let o = s.as_siti(&add_budi, "482916\n");
    assert_code(&o, 0);
    assert_eq!(stdout(&o).trim(), "created operator #2 Budi Santoso");

    // Same NIP twice.
    let o = s.as_siti(&add_budi, "482916\n");
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
            c.args([
                "user",
                "disable",
                NIP_A,
                "--as",
                NIP_B,
                "--pin-stdin",
                "--config",
            ])
            .arg(&s.config)
            .arg("--db")
            .arg(&s.db);
            c
        },
        &format!("{PIN_B}\n"),
    );
    assert_code(&o, 0);
    assert_eq!(stdout(&o).trim(), "disabled operator #2 Budi Santoso");

    let o = s.run(&["user", "list"], "");
    assert_code(&o, 0);
    let list = stdout(&o);
    let budi = list.lines().find(|l| l.contains("Budi Santoso")).unwrap();
    assert!(budi.contains("disabled"), "{list}");
    let siti = list.lines().find(|l| l.contains("Siti Rahayu")).unwrap();
    assert!(!siti.contains("disabled"), "{list}");

    // By id and by name.
    let o = s.as_siti(&["user", "enable", "#2"], "");
    assert_code(&o, 0);
    assert_eq!(stdout(&o).trim(), "enabled operator #2 Budi Santoso");
    // Nothing to change: no PIN asked.
    let o = s.run(&["user", "unlock", "siti rahayu"], "");
    assert_code(&o, 0);
    let o = s.as_siti(&["user", "reset-pin", "1"], "905173\n");
    assert_code(&o, 0);
    assert_eq!(
        stdout(&o).trim(),
        "new PIN set for supervisor #1 Siti Rahayu"
    );

    let o = s.run(&["user", "disable", "Nobody"], "");
    assert_code(&o, 2);
    assert!(stderr(&o).starts_with("dc-access: "));
    assert!(stderr(&o).contains("Nobody"));

    // 2 creations, disable, enable, PIN reset, each after its supervisor's
    // right PIN, and the right PIN of the refused duplicate (unlock was a
    // no-op).
    let o = s.run(&["verify"], "");
    assert_code(&o, 0);
    assert!(
        stdout(&o).starts_with("10 events, chain intact; 0 visits, 2 accounts"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_fields_are_refused_clearly() {
    let s = Site::new();

    // Trivial PIN; the sample configuration is in Bahasa Indonesia.
    let o = s.add("Budi Santoso", NIP_A, "supervisor", "123456");
    assert_code(&o, 2);
    let err = stderr(&o);
    assert!(err.starts_with("dc-access: PIN: "), "{err}");
    assert!(err.contains("terlalu mudah ditebak"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    // Bad NIP (appointment month 13).
    let o = s.add("Budi Santoso", "198501152010131001", "supervisor", "482916");
    assert_code(&o, 2);
    let err = stderr(&o);
    assert!(err.starts_with("dc-access: --nip: "), "{err}");
    assert!(err.contains("Bulan pengangkatan"), "{err}");

    let o = s.add("Budi Santoso", "12345", "supervisor", "482916");
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
    let o = s.add("Budi Santoso", NIP_A, "supervisor", "111111");
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
    let s = Site::with_accounts();
    assert_code(&s.as_siti(&["user", "disable", "#2"], ""), 0);

    let o = s.run(&["verify"], "");
    assert_code(&o, 0);
    assert!(
        stdout(&o).starts_with("5 events, chain intact"),
        "{}",
        stdout(&o)
    );

    tamper(&s.db);
    let o = s.run(&["verify"], "");
    assert_code(&o, 1);
    assert!(
        stderr(&o).contains("event 2 (pin_ok): HMAC does not match"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn backup_writes_a_dated_folder() {
    let s = Site::new();
    assert_code(&s.add("Budi Santoso", NIP_A, "supervisor", "482916"), 0);
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
    assert_code(&s.add("Siti Rahayu", NIP_B, "supervisor", PIN_B), 0);
    let o = s.run(&["report", "--date", "2024-03-15", "--format", "csv"], "");
    assert_code(&o, 0);
    assert_eq!(stdout(&o).lines().count(), 1, "the header only");
    let o = s.run(&["report", "--date", "15/03/2024", "--format", "csv"], "");
    assert_code(&o, 2);
    assert!(stderr(&o).contains("YYYY-MM-DD"));
    let o = s.as_siti(&["anonymize", "--before", "2022-01-01"], "");
    assert_code(&o, 0);
    assert!(
        stdout(&o).contains("anonymized 0 visit(s)"),
        "{}",
        stdout(&o)
    );
}

/// `anonymize --due` takes the day the retention period allows (today
/// minus `report.retention_days`, as Home's reminder says); one of
/// `--before` and `--due` is needed, not both.
#[test]
fn anonymize_due_takes_the_end_of_the_retention_period() {
    let s = Site::new();
    assert_code(&s.add("Siti Rahayu", NIP_B, "supervisor", PIN_B), 0);
    let latest = || {
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Asia::Jakarta)
            .date_naive();
        (today - chrono::Days::new(730)).to_string()
    };
    let before = latest();
    let o = s.as_siti(&["anonymize", "--due"], "");
    assert_code(&o, 0);
    let out = stdout(&o);
    // (The day may turn while the command runs.)
    assert!(
        [before, latest()]
            .iter()
            .any(|d| out.contains(&format!("anonymized 0 visit(s) closed before {d}"))),
        "{out}"
    );
    let o = s.as_siti(&["anonymize"], "");
    assert_code(&o, 2);
    assert!(stderr(&o).contains("--before"), "{}", stderr(&o));
    let o = s.as_siti(&["anonymize", "--due", "--before", "2022-01-01"], "");
    assert_code(&o, 2);
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
}

#[test]
fn a_change_from_the_command_line_logs_the_chain_head_to_stderr() {
    let s = Site::new();
    let o = s.add("Budi Santoso", NIP_A, "supervisor", "482916");
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

// ---------------------------------------------------------------------------
// Who is at the shell (`--as NIP`)

/// The newest audit event: (action, actor, details).
fn last_event(db: &Path) -> (String, Option<i64>, String) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    conn.query_row(
        "SELECT action, actor, details FROM events ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .expect("an event")
}

fn failed_pins(db: &Path, nip: &str) -> (i64, bool) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    conn.query_row(
        "SELECT failed_pins, locked FROM users WHERE nip = ?1",
        [nip],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("the account")
}

#[test]
fn a_change_without_a_supervisor_is_refused() {
    let s = Site::with_accounts();
    let before = last_event(&s.db);
    for args in [
        &["user", "disable", "#2"][..],
        &["user", "reset-pin", "#2", "--pin-stdin"],
        &[
            "user",
            "add",
            "--name",
            "Dewi Lestari",
            "--nip",
            "199103032016042003",
            "--role",
            "operator",
            "--pin-stdin",
        ],
        &["badge", "restore", "V-01"],
        &["anonymize", "--before", "2022-01-01"],
    ] {
        let o = s.run(args, "482916\n");
        assert_code(&o, 3);
        assert_eq!(
            stderr(&o),
            "dc-access: Perubahan ini memerlukan Sub Koordinator Infrastruktur TIK: \
             sebutkan NIP-nya dengan --as NIP.\n",
            "{args:?}"
        );
    }
    assert_eq!(last_event(&s.db), before, "nothing recorded");
    // Reading stays open.
    assert_code(&s.run(&["user", "list"], ""), 0);
    assert_code(&s.run(&["verify"], ""), 0);
}

#[test]
fn a_wrong_pin_is_refused_and_counts_toward_the_lock() {
    let s = Site::with_accounts();
    let wrong = || {
        s.run(
            &["user", "disable", "#2", "--as", NIP_B, "--pin-stdin"],
            "905173\n",
        )
    };
    let o = wrong();
    assert_code(&o, 3);
    assert_eq!(
        stderr(&o),
        "dc-access: PIN Siti Rahayu salah (1 kali berturut-turut); tidak ada yang diubah.\n"
    );
    assert_eq!(failed_pins(&s.db, NIP_B), (1, false));
    let (action, _, details) = last_event(&s.db);
    assert_eq!(action, "pin_failed");
    assert!(details.contains("cli_user_disable"), "{details}");
    let list = stdout(&s.run(&["user", "list"], ""));
    assert!(
        !list
            .lines()
            .any(|l| l.contains("Budi") && l.contains("disabled")),
        "{list}"
    );

    // The kiosk's lock: the sample configuration locks after 10 in a row.
    // Failures 2 and 3 come at once; after the 3rd the throttle asks to wait.
    for n in 2..=3 {
        let o = wrong();
        assert_code(&o, 3);
        assert!(stderr(&o).contains(&format!("({n} kali")), "{}", stderr(&o));
    }
    let o = s.as_siti(&["user", "disable", "#2"], "");
    assert_code(&o, 3);
    assert!(stderr(&o).contains("Terlalu cepat"), "{}", stderr(&o));
    assert_eq!(failed_pins(&s.db, NIP_B), (3, false));
    assert_code(&s.run(&["verify"], ""), 0);
}

#[test]
fn an_operator_a_stranger_and_a_locked_supervisor_are_refused() {
    let s = Site::with_accounts();
    let o = s.run(
        &["user", "disable", "#1", "--as", NIP_A, "--pin-stdin"],
        "482916\n",
    );
    assert_code(&o, 3);
    assert!(
        stderr(&o).contains("Budi Santoso adalah Petugas Operator Server"),
        "{}",
        stderr(&o)
    );
    let o = s.run(
        &[
            "user",
            "disable",
            "#1",
            "--as",
            "199103032016042003",
            "--pin-stdin",
        ],
        "482916\n",
    );
    assert_code(&o, 3);
    assert!(
        stderr(&o).contains("Tidak ada akun dengan NIP 199103032016042003"),
        "{}",
        stderr(&o)
    );
    let o = s.run(&["user", "disable", "#1", "--as", "12345"], "");
    assert_code(&o, 2);

    // Locked as the kiosk locks it: the account row says so.
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute("UPDATE users SET locked = 1 WHERE id = 1", [])
        .unwrap();
    drop(conn);
    let o = s.as_siti(&["user", "disable", "#2"], "");
    assert_code(&o, 3);
    assert!(
        stderr(&o).contains("Akun Siti Rahayu terkunci"),
        "{}",
        stderr(&o)
    );

    // An empty database's first account must be a supervisor.
    let fresh = Site::new();
    let o = fresh.add("Budi Santoso", NIP_A, "operator", "482916");
    assert_code(&o, 3);
    assert!(stderr(&o).contains("Akun pertama harus"), "{}", stderr(&o));
    assert!(!fresh.db.exists());
}

#[test]
fn a_supervisor_with_the_right_pin_is_the_actor_and_verify_passes() {
    let s = Site::with_accounts();
    // In English too.
    let text = std::fs::read_to_string(&s.config).unwrap();
    std::fs::write(
        &s.config,
        text.replace("language = \"id\"", "language = \"en\""),
    )
    .unwrap();
    let o = s.run(
        &["user", "disable", "#2", "--as", NIP_B, "--pin-stdin"],
        "905173\n",
    );
    assert_code(&o, 3);
    assert_eq!(
        stderr(&o),
        "dc-access: Wrong PIN for Siti Rahayu (1 in a row); nothing was changed.\n"
    );
    // A right PIN clears the count, as at the kiosk.
    for (args, more, action) in [
        (&["user", "disable", "#2"][..], "", "user_disabled"),
        (&["user", "enable", "#2"], "", "user_enabled"),
        (&["user", "reset-pin", "#2"], "582047\n", "pin_reset"),
        (
            &["anonymize", "--before", "2022-01-01"],
            "",
            "visits_anonymized",
        ),
    ] {
        let o = s.as_siti(args, more);
        assert_code(&o, 0);
        let (last, actor, _) = last_event(&s.db);
        assert_eq!((last.as_str(), actor), (action, Some(1)), "{args:?}");
    }
    assert_eq!(failed_pins(&s.db, NIP_B), (0, false));
    let o = s.run(&["verify"], "");
    assert_code(&o, 0);
    assert!(stdout(&o).contains("chain intact"), "{}", stdout(&o));
}

/// `watchlist add|list|remove`: a supervisor with the right PIN changes
/// the list (one event each, the supervisor the actor); without `--as`,
/// or as an operator, nothing changes; `list` masks the NIK; `verify`
/// replays the entries.
#[test]
fn watchlist_add_list_remove_from_the_command_line() {
    let s = Site::with_accounts();
    let add = [
        "watchlist",
        "add",
        "--nik",
        "3201011505850001",
        "--name",
        "Joko Susanto",
        "--org",
        "PT Abal-Abal",
        "--reason",
        "Membawa perangkat tanpa izin",
        "--until",
        "31-12-2099",
    ];
    let before = last_event(&s.db);
    let o = s.run(&add, "");
    assert_code(&o, 3);
    let o = s.run(
        &[&add[..], &["--as", NIP_A, "--pin-stdin"]].concat(),
        "482916\n",
    );
    assert_code(&o, 3);
    assert_eq!(last_event(&s.db), before, "nothing recorded");
    // Nothing to match, a day in the past: refused before the PIN.
    let o = s.as_siti(
        &["watchlist", "add", "--reason", "x", "--until", "31-12-2099"],
        "",
    );
    assert_code(&o, 2);
    assert!(
        stderr(&o).contains("NIK, nama atau instansi"),
        "{}",
        stderr(&o)
    );
    let o = s.as_siti(
        &[
            "watchlist",
            "add",
            "--name",
            "Joko",
            "--reason",
            "x",
            "--until",
            "01-01-2020",
        ],
        "",
    );
    assert_code(&o, 2);

    let o = s.as_siti(&add, "");
    assert_code(&o, 0);
    assert!(stdout(&o).starts_with("added #1 Joko Susanto / PT Abal-Abal until 31-12-2099"));
    let (action, actor, details) = last_event(&s.db);
    assert_eq!((action.as_str(), actor), ("watch_added", Some(1)));
    assert!(!details.contains("3201011505850001") && !details.contains("Joko"));

    let o = s.run(&["watchlist", "list"], "");
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(
        out.contains("3201**********01") && !out.contains("3201011505850001"),
        "{out}"
    );
    assert!(
        out.contains("Joko Susanto") && out.contains("in force"),
        "{out}"
    );

    assert_code(&s.run(&["watchlist", "remove", "#1"], ""), 3);
    let o = s.as_siti(&["watchlist", "remove", "#1"], "");
    assert_code(&o, 0);
    assert_eq!(last_event(&s.db).0, "watch_removed");
    let o = s.run(&["watchlist", "list"], "");
    assert!(stdout(&o).contains("(no entries)"), "{}", stdout(&o));
    let o = s.run(&["watchlist", "list", "--all"], "");
    assert!(stdout(&o).contains("removed"), "{}", stdout(&o));
    // A second removal: no such entry in force.
    assert_code(&s.as_siti(&["watchlist", "remove", "1"], ""), 2);

    let o = s.run(&["verify"], "");
    assert_code(&o, 0);
    assert!(stdout(&o).contains("1 watchlist entries"), "{}", stdout(&o));
}

/// `plan add|list|cancel`: a supervisor registers a plan (pre-approved with
/// `--pre-approve`, the supervisor the actor), `list` shows one row per
/// visitor with the NIK masked, `cancel` marks it; without `--as` nothing
/// changes; `verify` replays the plans.
#[test]
fn plans_add_list_cancel_from_the_command_line() {
    let s = Site::with_accounts();
    let add = [
        "plan",
        "add",
        "--from",
        "01-12-2099",
        "--to",
        "02-12-2099",
        "--visitor",
        "3201011505850001 Joko Susanto",
        "--visitor",
        "3201014509900001 Siti Aminah",
        "--org",
        "PT Telkom",
        "--purpose",
        "Pemeliharaan perangkat",
        "--letter",
        "090/123/ST/2099",
        "--pre-approve",
    ];
    let before = last_event(&s.db);
    assert_code(&s.run(&add, ""), 3);
    assert_eq!(last_event(&s.db), before, "nothing recorded");
    // A visitor without a NIK: refused before the PIN.
    let mut bad = add;
    bad[7] = "Joko Susanto";
    let o = s.as_siti(&bad, "");
    assert_code(&o, 2);
    assert!(stderr(&o).contains("Pengunjung 1"), "{}", stderr(&o));

    let o = s.as_siti(&add, "");
    assert_code(&o, 0);
    assert!(
        stdout(&o).starts_with("added #1 01-12-2099 to 02-12-2099: Joko Susanto, Siti Aminah"),
        "{}",
        stdout(&o)
    );
    let (action, actor, details) = last_event(&s.db);
    assert_eq!((action.as_str(), actor), ("plan_added", Some(1)));
    assert!(details.contains("\"pre_approved\":true"), "{details}");
    assert!(!details.contains("3201011505850001") && !details.contains("Joko"));

    let out = stdout(&s.run(&["plan", "list"], ""));
    assert!(
        out.contains("3201**********01") && !out.contains("3201011505850001"),
        "{out}"
    );
    assert_eq!(out.matches("pre-approved").count(), 2, "{out}");

    assert_code(&s.run(&["plan", "cancel", "#1"], ""), 3);
    assert_code(&s.as_siti(&["plan", "cancel", "#1"], ""), 0);
    assert_eq!(last_event(&s.db).0, "plan_cancelled");
    assert!(stdout(&s.run(&["plan", "list"], "")).contains("(no plans)"));
    assert!(stdout(&s.run(&["plan", "list", "--all"], "")).contains("cancelled"));

    let o = s.run(&["verify"], "");
    assert_code(&o, 0);
}
