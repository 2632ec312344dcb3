//! Records the commit the program is built from (`dc-access --version`)
//! and the number of schema migrations, for the version line.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

fn main() {
    // Without git (a source tarball, a build in a copy): "unknown".
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=DC_ACCESS_COMMIT={commit}");
    let migrations = std::fs::read_dir("src/store/sql").map_or(0, |d| {
        d.flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "sql"))
            .count()
    });
    println!("cargo:rustc-env=DC_ACCESS_SCHEMA={migrations}");
    println!("cargo:rerun-if-changed=src/store/sql");
    // A new commit or checkout moves HEAD's reflog.
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        println!("cargo:rerun-if-changed={dir}/logs/HEAD");
    }
}
