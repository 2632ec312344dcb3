//! `dc-access generate man|completions DIR`: the manual pages (one per
//! command, `clap_mangen`) and the bash, zsh and fish completions
//! (`clap_complete`), made from the same clap definitions the program
//! parses with, so they never drift from it. Run by `.ci/run` before
//! `cargo deb`; the files are build outputs, never committed.

use std::io;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;

use crate::cli::Cli;

/// What `generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generated {
    /// `dc-access.1`, `dc-access-user.1`, `dc-access-user-add.1`, …
    Man,
    /// `dc-access.bash`, `_dc-access` (zsh), `dc-access.fish`.
    Completions,
}

/// Write `what` into `dir` (created if missing); returns the files written.
pub fn generate(what: Generated, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    match what {
        Generated::Man => {
            clap_mangen::generate_to(Cli::command(), dir)?;
            let mut pages = Vec::new();
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                if name.starts_with("dc-access") && name.ends_with(".1") {
                    pages.push(path);
                }
            }
            pages.sort();
            Ok(pages)
        }
        Generated::Completions => [Shell::Bash, Shell::Zsh, Shell::Fish]
            .into_iter()
            .map(|shell| clap_complete::generate_to(shell, &mut Cli::command(), "dc-access", dir))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_man_page_per_command_and_three_completions() {
        let dir = tempfile::tempdir().unwrap();
        let man = generate(Generated::Man, &dir.path().join("man")).unwrap();
        let names: Vec<String> = man
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for page in [
            "dc-access.1",
            "dc-access-verify.1",
            "dc-access-backup.1",
            "dc-access-restore.1",
            "dc-access-user-add.1",
            "dc-access-report.1",
            "dc-access-badge-restore.1",
        ] {
            assert!(names.iter().any(|n| n == page), "{page} in {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("generate")), "{names:?}");
        let verify = std::fs::read_to_string(dir.path().join("man/dc-access-verify.1")).unwrap();
        assert!(verify.contains("expect\\-head"), "{verify}");

        let comp = generate(Generated::Completions, &dir.path().join("comp")).unwrap();
        assert_eq!(comp.len(), 3, "{comp:?}");
        let bash = std::fs::read_to_string(dir.path().join("comp/dc-access.bash")).unwrap();
        assert!(bash.contains("backup") && bash.contains("--keep"), "{bash}");
        assert!(dir.path().join("comp/_dc-access").is_file());
        assert!(dir.path().join("comp/dc-access.fish").is_file());
    }
}
