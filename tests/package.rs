//! The Debian package: the configuration it installs, its systemd units
//! (`systemd-analyze verify`, gated on systemd) and the `.deb` itself
//! (`dpkg-deb`, gated: `.ci/run` builds it with `cargo deb` before the tests).

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use dc_access::config;
use dc_access::paths::{ConfigSource, Paths};

const UNITS: [&str; 5] = [
    "dc-access-kiosk.service",
    "dc-access-backup.service",
    "dc-access-backup.timer",
    "dc-access-verify.service",
    "dc-access-verify.timer",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut Command) -> (String, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "{cmd:?}: {}\n{stdout}\n{stderr}",
        out.status
    );
    (stdout, stderr)
}

/// `/etc/dc-access/dc-access.toml` as installed names the files under
/// `/var/lib/dc-access/`, whatever the working directory.
#[test]
fn packaged_config_names_var_lib() {
    let file = repo().join("debian/dc-access.toml");
    let config = config::load(&file).unwrap();
    let installed = Path::new("/etc/dc-access/dc-access.toml");
    let paths = Paths::resolve(installed, ConfigSource::System, &config, None);
    assert_eq!(paths.database, Path::new("/var/lib/dc-access/dc-access.db"));
    assert_eq!(paths.key, Path::new("/var/lib/dc-access/dc-access.key"));
    assert_eq!(paths.reports, Path::new("/var/lib/dc-access/reports"));
    for unit in UNITS.iter().filter(|u| u.ends_with(".service")) {
        let text = std::fs::read_to_string(repo().join("debian/systemd").join(unit)).unwrap();
        assert!(
            text.contains("ExecStart=/usr/bin/dc-access --config /etc/dc-access/dc-access.toml"),
            "{unit}"
        );
        assert!(text.contains("User=dc-access"), "{unit}");
    }
}

/// The units pass `systemd-analyze verify` with no warning, in a root that
/// holds the system's units, the built program as `/usr/bin/dc-access` and
/// its generated man pages (each `Documentation=man:` page must exist).
#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs systemd-analyze: apt-get install systemd"
)]
fn units_pass_systemd_analyze_verify() {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    let units = r.join("usr/lib/systemd/system");
    std::fs::create_dir_all(&units).unwrap();
    for entry in std::fs::read_dir("/usr/lib/systemd/system").unwrap() {
        let entry = entry.unwrap();
        let meta = std::fs::symlink_metadata(entry.path()).unwrap();
        if meta.is_file() {
            std::fs::copy(entry.path(), units.join(entry.file_name())).unwrap();
        }
    }
    for unit in UNITS {
        std::fs::copy(repo().join("debian/systemd").join(unit), units.join(unit)).unwrap();
    }
    std::fs::create_dir_all(r.join("usr/bin")).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_dc-access"), r.join("usr/bin/dc-access")).unwrap();
    let man = r.join("usr/share/man");
    run(Command::new(env!("CARGO_BIN_EXE_dc-access"))
        .args(["generate", "man"])
        .arg(man.join("man1")));

    let mut cmd = Command::new("systemd-analyze");
    cmd.arg("verify")
        .arg(format!("--root={}", r.display()))
        .env("MANPATH", &man);
    for unit in UNITS {
        cmd.arg(units.join(unit));
    }
    let (stdout, stderr) = run(&mut cmd);
    assert!(
        stdout.trim().is_empty() && stderr.trim().is_empty(),
        "systemd-analyze verify warns:\n{stdout}{stderr}"
    );
}

/// The `.deb` that `cargo deb` wrote (`.ci/run` builds it first).
fn built_deb() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target dir>/tmp; cargo deb writes <target dir>/debian.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("debian");
    let name = format!("dc-access_{}", env!("CARGO_PKG_VERSION"));
    let found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let f = p.file_name().unwrap().to_string_lossy();
                    f.starts_with(&name) && f.ends_with(".deb")
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        found.len() == 1,
        "expected one {name}*.deb in {} (run `.ci/run`, or `dc-access generate` then `cargo deb`): {found:?}",
        dir.display()
    );
    found.into_iter().next().unwrap()
}

/// The package holds the program, the conffile, the units, a man page per
/// command and the completions, and its scripts make the account.
#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs dpkg-deb and the .deb from `cargo deb` (.ci/run builds it)"
)]
fn deb_holds_program_conffile_units_man_pages_completions() {
    let deb = built_deb();
    let (list, _) = run(Command::new("dpkg-deb").arg("-c").arg(&deb));
    let has = |path: &str| list.lines().any(|l| l.ends_with(path));
    let mut wanted: Vec<String> = [
        "./usr/bin/dc-access",
        "./etc/dc-access/dc-access.toml",
        "./usr/share/doc/dc-access/examples/dc-access.toml",
        "./usr/share/man/man1/dc-access.1.gz",
        "./usr/share/man/man1/dc-access-verify.1.gz",
        "./usr/share/man/man1/dc-access-backup.1.gz",
        "./usr/share/man/man1/dc-access-restore.1.gz",
        "./usr/share/man/man1/dc-access-user-add.1.gz",
        "./usr/share/man/man1/dc-access-report.1.gz",
        "./usr/share/bash-completion/completions/dc-access",
        "./usr/share/zsh/vendor-completions/_dc-access",
        "./usr/share/fish/vendor_completions.d/dc-access.fish",
    ]
    .map(String::from)
    .to_vec();
    wanted.extend(UNITS.map(|u| format!("./lib/systemd/system/{u}")));
    let missing: Vec<&String> = wanted.iter().filter(|p| !has(p)).collect();
    assert!(missing.is_empty(), "missing {missing:?} in\n{list}");
    assert!(
        list.lines().any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() == 6
                && f[0] == "-rwxr-xr-x"
                && (f[1] == "0/0" || f[1] == "root/root")
                && f[5] == "./usr/bin/dc-access"
        }),
        "{list}"
    );

    let (conffiles, _) = run(Command::new("dpkg-deb")
        .arg("-I")
        .arg(&deb)
        .arg("conffiles"));
    assert_eq!(conffiles.trim(), "/etc/dc-access/dc-access.toml");
    let (control, _) = run(Command::new("dpkg-deb").arg("-I").arg(&deb).arg("control"));
    assert!(control.contains("Package: dc-access"), "{control}");
    assert!(control.contains("adduser"), "{control}");
    let (postinst, _) = run(Command::new("dpkg-deb").arg("-I").arg(&deb).arg("postinst"));
    assert!(postinst.contains("adduser --system"), "{postinst}");
    assert!(
        postinst.contains("install -d -m 0700 -o dc-access"),
        "{postinst}"
    );

    // The program inside runs, and the config inside is the one in debian/.
    let out = tempfile::tempdir().unwrap();
    run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(out.path()));
    let (version, _) = run(Command::new(out.path().join("usr/bin/dc-access")).arg("--version"));
    assert!(version.contains(env!("CARGO_PKG_VERSION")), "{version}");
    assert_eq!(
        std::fs::read(out.path().join("etc/dc-access/dc-access.toml")).unwrap(),
        std::fs::read(repo().join("debian/dc-access.toml")).unwrap()
    );
}
