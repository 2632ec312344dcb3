//! Where the binary finds its configuration and the files it names:
//! `--config`, `$DC_ACCESS_CONFIG`, `./config/dc-access.toml`; paths in a
//! configuration file relative to that file; `--db` overriding.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

fn run(cwd: &Path, env: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd)
        .args(args)
        .env_remove("DC_ACCESS_CONFIG");
    if let Some(e) = env {
        cmd.env("DC_ACCESS_CONFIG", e);
    }
    cmd.output().expect("run dc-access")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `dc-access paths` as `(name, value)` lines.
fn paths(o: &Output) -> Vec<(String, String)> {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o)
        .lines()
        .map(|l| {
            let (k, v) = l.split_once(' ').expect("name value");
            (k.to_owned(), v.trim().to_owned())
        })
        .collect()
}

fn value(lines: &[(String, String)], name: &str) -> String {
    lines
        .iter()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
        .1
        .clone()
}

#[test]
fn a_checkout_uses_its_config_and_data_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    std::fs::create_dir_all(root.join("config")).expect("config/");
    std::fs::copy(SAMPLE, root.join("config/dc-access.toml")).expect("copy sample");
    let p = paths(&run(&root, None, &["paths"]));
    let config = root.join("config/dc-access.toml");
    assert!(value(&p, "config").starts_with(&config.display().to_string()));
    assert!(
        value(&p, "config").contains("./config/dc-access.toml"),
        "{p:?}"
    );
    let data = root.join("config/../data");
    assert_eq!(
        value(&p, "database"),
        data.join("dc-access.db").display().to_string()
    );
    assert_eq!(
        value(&p, "key"),
        data.join("dc-access.key").display().to_string()
    );
    assert_eq!(
        value(&p, "head"),
        data.join("dc-access.head").display().to_string()
    );
    assert_eq!(
        value(&p, "reports"),
        data.join("reports").display().to_string()
    );
}

#[test]
fn paths_in_a_config_are_relative_to_its_folder_not_the_working_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    let etc = root.join("etc");
    let elsewhere = root.join("elsewhere");
    std::fs::create_dir_all(&etc).expect("etc");
    std::fs::create_dir_all(&elsewhere).expect("elsewhere");
    let config = etc.join("door.toml");
    std::fs::write(
        &config,
        "[store]\ndatabase = \"db/door.db\"\n[report]\nreports_dir = \"/srv/reports\"\n",
    )
    .expect("write config");

    // --config from another folder: the database is etc/db/door.db.
    let p = paths(&run(
        &elsewhere,
        None,
        &["--config", config.to_str().expect("utf-8"), "paths"],
    ));
    assert!(value(&p, "config").contains("(from --config)"));
    assert_eq!(
        value(&p, "database"),
        etc.join("db/door.db").display().to_string()
    );
    assert_eq!(
        value(&p, "key"),
        etc.join("db/door.key").display().to_string()
    );
    assert_eq!(value(&p, "reports"), "/srv/reports");

    // $DC_ACCESS_CONFIG, same answer.
    let p = paths(&run(&elsewhere, Some(&config), &["paths"]));
    assert!(value(&p, "config").contains("$DC_ACCESS_CONFIG"), "{p:?}");
    assert_eq!(
        value(&p, "database"),
        etc.join("db/door.db").display().to_string()
    );

    // --db overrides, relative to the working directory; the key follows it.
    let p = paths(&run(
        &elsewhere,
        Some(&config),
        &["--db", "x/other.db", "paths"],
    ));
    assert_eq!(
        value(&p, "database"),
        elsewhere.join("x/other.db").display().to_string()
    );
    assert_eq!(
        value(&p, "key"),
        elsewhere.join("x/other.key").display().to_string()
    );

    // A user added through --config alone lands in the configured database,
    // not in a second one under the working directory.
    let o = Command::new(BIN)
        .current_dir(&elsewhere)
        .env_remove("DC_ACCESS_CONFIG")
        .args(["--config", config.to_str().expect("utf-8")])
        .args([
            "user",
            "add",
            "--name",
            "Siti Rahma",
            "--nip",
            "198501152010011001",
        ])
        .args(["--role", "supervisor", "--pin-stdin"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().expect("stdin").write_all(b"482916\n")?;
            c.wait_with_output()
        })
        .expect("user add");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(etc.join("db/door.db").exists());
    assert!(!elsewhere.join("data").exists());
    let o = run(
        &root,
        None,
        &["--config", config.to_str().expect("utf-8"), "user", "list"],
    );
    assert!(stdout(&o).contains("Siti Rahma"), "{}", stderr(&o));
}

#[test]
fn no_config_anywhere_names_the_places_looked_at() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = run(dir.path(), None, &["paths"]);
    assert!(
        !Path::new("/etc/dc-access/dc-access.toml").exists(),
        "this test needs a machine without the package installed"
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("config/dc-access.toml"), "{e}");
    assert!(e.contains("/etc/dc-access/dc-access.toml"), "{e}");
    assert!(e.contains("--config"), "{e}");

    let o = run(dir.path(), Some(&dir.path().join("nope.toml")), &["paths"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope.toml"), "{}", stderr(&o));
}
