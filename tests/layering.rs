//! The dependency arrows of STYLE.md, checked on the source: words live in
//! `text/` and are chosen only by `ui/` (and the command line); `app/`
//! holds typed reasons and imports neither.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            sources(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path)?;
            out.push((path.display().to_string(), text));
        }
    }
    Ok(())
}

/// Every Rust file under `rel` (a folder or one file), with its text.
fn files_under(rel: &str) -> std::io::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if root.is_dir() {
        sources(&root, &mut out)?;
    } else {
        out.push((root.display().to_string(), std::fs::read_to_string(&root)?));
    }
    Ok(out)
}

#[test]
fn app_holds_no_words() {
    for (path, text) in files_under("src/app").unwrap() {
        for needle in ["crate::ui", "crate::text"] {
            assert!(!text.contains(needle), "{path} uses {needle}");
        }
    }
}

#[test]
fn only_ui_and_the_shells_draw_call_reach_ui() {
    let mut files = Vec::new();
    for dir in [
        "src/app",
        "src/domain",
        "src/store",
        "src/text",
        "src/report",
        "src/cli.rs",
        "src/cli",
    ] {
        files.extend(files_under(dir).unwrap());
    }
    for (path, text) in files {
        assert!(!text.contains("crate::ui"), "{path} uses crate::ui");
    }
    let shell = files_under("src/shell").unwrap();
    assert!(shell.len() >= 2, "the shell's files: {shell:?}");
    let uses: Vec<&str> = shell
        .iter()
        .flat_map(|(_, text)| text.lines().filter(|l| l.contains("crate::ui")))
        .collect();
    assert_eq!(uses.len(), 1, "{uses:?}");
    assert!(uses[0].contains("crate::ui::draw"), "{uses:?}");
}

/// The shell interprets: it runs effects and hands their answers to the
/// app; which screen shows, which box is open and whether to quit are the
/// app's to decide, never written by the shell.
#[test]
fn the_shell_decides_nothing_on_screen() {
    for (path, text) in files_under("src/shell").unwrap() {
        if path.ends_with("tests.rs") {
            continue;
        }
        for needle in ["app.screen =", "app.overlay =", "app.quit ="] {
            assert!(!text.contains(needle), "{path} writes {needle}");
        }
    }
}
