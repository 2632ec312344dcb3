//! The alert commands (`[alerts.command]`): run with `sh -c` in the
//! background, never waited for on the UI thread, output discarded.
//!
//! A command gets the visit number and the SOP step only, as `$1` and `$2`
//! and as `DC_ACCESS_VISIT` and `DC_ACCESS_STEP`, with `DC_ACCESS_ALERT`
//! (`waiting` or `overstay`) and `DC_ACCESS_DOOR` (the door the visit
//! started at): never a name, an ID number or anything else personal.

use std::process::{Command, Stdio};

use crate::app::AlertKind;
use crate::config::Config;
use crate::domain::visit::VisitId;
use crate::syslog::Log;

/// The command configured for `kind`, if any.
pub fn command_for(config: &Config, kind: AlertKind) -> Option<&str> {
    let c = match kind {
        AlertKind::Waiting => &config.alerts.command.waiting,
        AlertKind::Overstay => &config.alerts.command.overstay,
    };
    let c = c.trim();
    (!c.is_empty()).then_some(c)
}

/// The process to start for an alert (not started).
pub fn command(
    config: &Config,
    (kind, visit, door): (AlertKind, VisitId, &str),
) -> Option<Command> {
    let line = command_for(config, kind)?;
    let visit = visit.0.to_string();
    let step = kind.step().number().to_string();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(line)
        .arg("dc-access-alert")
        .arg(&visit)
        .arg(&step)
        .env("DC_ACCESS_ALERT", kind.as_str())
        .env("DC_ACCESS_VISIT", &visit)
        .env("DC_ACCESS_STEP", &step)
        .env("DC_ACCESS_DOOR", door)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    Some(cmd)
}

/// Start the command for an alert. A thread waits for it (so it leaves no
/// zombie) and logs a failure; the caller goes on at once.
pub fn run(config: &Config, (kind, visit, door): (AlertKind, VisitId, &str), log: &Log) {
    let Some(mut cmd) = command(config, (kind, visit, door)) else {
        return;
    };
    match cmd.spawn() {
        Ok(mut child) => {
            log.info(&format!(
                "visit {}: alert command ({}) started",
                visit.0,
                kind.as_str()
            ));
            let waited = std::thread::Builder::new()
                .name("alert-command".into())
                .spawn(move || {
                    let status = child.wait();
                    let failed = status.as_ref().map_or(true, |s| !s.success());
                    if failed {
                        Log::kiosk().warning(&format!(
                            "visit {}: alert command ({}) failed: {status:?}",
                            visit.0,
                            kind.as_str()
                        ));
                    }
                });
            if let Err(e) = waited {
                log.warning(&format!("alert command: cannot watch it: {e}"));
            }
        }
        Err(e) => log.warning(&format!(
            "visit {}: alert command ({}) did not start: {e}",
            visit.0,
            kind.as_str()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_gets_the_visit_and_step_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut config = Config::default();
        config.alerts.command.waiting = format!(
            "echo \"$1 $2 $DC_ACCESS_ALERT $DC_ACCESS_VISIT $DC_ACCESS_STEP $DC_ACCESS_DOOR\" > '{}'",
            out.display()
        );
        assert!(command(&config, (AlertKind::Overstay, VisitId(7), "")).is_none());
        let status = command(&config, (AlertKind::Waiting, VisitId(7), "Pintu Utara"))
            .unwrap()
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "7 4 waiting 7 4 Pintu Utara\n"
        );
    }
}
