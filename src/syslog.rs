//! The program's log: to the system log (journald or syslog, identifier
//! `dc-access`) from the kiosk, to stderr from the command line.
//!
//! The kiosk never writes a log line on its own screen. It sends RFC 3164
//! datagrams (`<PRI>Mmm dd hh:mm:ss dc-access[PID]: text`, the form both
//! journald and rsyslog read from `/dev/log`) through a
//! [`UnixDatagram`]; with no `/dev/log` (a container, a test machine) the
//! lines go nowhere, silently: logging never stops the door.
//!
//! What is logged: start and stop, sign-in and sign-out (account number
//! and role), each committed step (visit number, step and action), every
//! error, print failures and the audit chain head after each commit.
//! Never personal data: no visitor names, ID numbers or free text.

use std::io::Write;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};

use crate::store::ChainHead;

/// The system log socket.
pub const DEV_LOG: &str = "/dev/log";
/// Overrides [`DEV_LOG`] (for tests, and for a syslog daemon listening
/// elsewhere).
pub const SOCKET_ENV: &str = "DC_ACCESS_LOG_SOCKET";
/// The identifier (`SYSLOG_IDENTIFIER` in the journal).
pub const IDENT: &str = "dc-access";

/// Facility `user` (1), times 8.
const FACILITY: u8 = 8;

/// How bad a line is (syslog severities).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
}

impl Level {
    fn word(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
            Level::Info => "info",
        }
    }
}

/// Where the log goes.
#[derive(Debug)]
pub struct Log {
    /// The system log, when there is one.
    syslog: Option<(UnixDatagram, PathBuf)>,
    /// Everything to stderr as well (the command line).
    stderr: bool,
}

impl Log {
    /// The kiosk's log: the system log only (`$DC_ACCESS_LOG_SOCKET` or
    /// `/dev/log`), nothing when there is none.
    pub fn kiosk() -> Log {
        Log {
            syslog: connect(&socket_path()),
            stderr: false,
        }
    }

    /// The command line's log: stderr; the chain head also to the system
    /// log when there is one (it is a witness of the record's end).
    pub fn cli() -> Log {
        Log {
            syslog: connect(&socket_path()),
            stderr: true,
        }
    }

    /// A log that writes to the socket at `path` only (tests).
    pub fn to_socket(path: &Path) -> Log {
        Log {
            syslog: connect(path),
            stderr: false,
        }
    }

    /// A log that writes nothing.
    pub fn off() -> Log {
        Log {
            syslog: None,
            stderr: false,
        }
    }

    pub fn info(&self, text: &str) {
        self.line(Level::Info, text);
    }

    pub fn warning(&self, text: &str) {
        self.line(Level::Warning, text);
    }

    pub fn error(&self, text: &str) {
        self.line(Level::Error, text);
    }

    /// The audit chain head after a commit: event count and newest HMAC.
    pub fn chain_head(&self, head: &ChainHead) {
        let text = head_line(head);
        if self.stderr {
            tell!("{IDENT}: {text}");
        }
        self.send(Level::Notice, &text);
    }

    /// One line at `level`: to stderr on the command line, else to the
    /// system log.
    pub fn line(&self, level: Level, text: &str) {
        if self.stderr {
            tell!("{IDENT}: {}: {text}", level.word());
        } else {
            self.send(level, text);
        }
    }

    fn send(&self, level: Level, text: &str) {
        if let Some((socket, path)) = &self.syslog {
            let datagram = format_3164(level, &chrono::Local::now(), std::process::id(), text);
            // A full socket buffer or a restarted journald: drop the line,
            // reconnect once, never block or fail the door.
            if socket.send(datagram.as_bytes()).is_err() {
                let _ = socket
                    .connect(path)
                    .and_then(|()| socket.send(datagram.as_bytes()));
            }
        }
    }
}

/// `chain head: 1234 events, HMAC 3f…` (the whole HMAC).
pub fn head_line(head: &ChainHead) -> String {
    format!(
        "chain head: {} events, HMAC {}",
        head.events,
        if head.last_hmac.is_empty() {
            "-"
        } else {
            &head.last_hmac
        }
    )
}

fn socket_path() -> PathBuf {
    std::env::var_os(SOCKET_ENV)
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from(DEV_LOG), PathBuf::from)
}

fn connect(path: &Path) -> Option<(UnixDatagram, PathBuf)> {
    let socket = UnixDatagram::unbound().ok()?;
    socket.connect(path).ok()?;
    socket.set_nonblocking(true).ok()?;
    Some((socket, path.to_path_buf()))
}

/// `<14>Nov 28 09:05:01 dc-access[4242]: text`. Control characters in
/// `text` become spaces so one call is one line.
pub fn format_3164<Tz: chrono::TimeZone>(
    level: Level,
    at: &chrono::DateTime<Tz>,
    pid: u32,
    text: &str,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let pri = FACILITY + level as u8;
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = Vec::new();
    let _ = write!(
        out,
        "<{pri}>{} {IDENT}[{pid}]: {clean}",
        at.format("%b %e %H:%M:%S")
    );
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn rfc3164_line() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 8, 9, 5, 1).unwrap();
        assert_eq!(
            format_3164(Level::Info, &at, 42, "visit 7: step 5\nbadge_issued"),
            "<14>Nov  8 09:05:01 dc-access[42]: visit 7: step 5 badge_issued"
        );
        assert!(format_3164(Level::Error, &at, 1, "x").starts_with("<11>"));
        assert!(format_3164(Level::Notice, &at, 1, "x").starts_with("<13>"));
    }

    #[test]
    fn lines_reach_a_datagram_socket_and_nothing_breaks_without_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        let server = UnixDatagram::bind(&path).unwrap();
        let log = Log::to_socket(&path);
        log.info("kiosk started");
        log.chain_head(&ChainHead {
            events: 12,
            last_hmac: "ab".repeat(32),
        });
        let mut buf = [0u8; 2048];
        let n = server.recv(&mut buf).unwrap();
        let first = String::from_utf8_lossy(&buf[..n]).into_owned();
        assert!(first.starts_with("<14>"), "{first}");
        assert!(first.ends_with(&format!("dc-access[{}]: kiosk started", std::process::id())));
        let n = server.recv(&mut buf).unwrap();
        let head = String::from_utf8_lossy(&buf[..n]).into_owned();
        assert!(
            head.ends_with(&format!("chain head: 12 events, HMAC {}", "ab".repeat(32))),
            "{head}"
        );
        // The socket gone: silently nothing.
        drop(server);
        log.error("still fine");
        Log::to_socket(&dir.path().join("none")).error("no socket at all");
    }
}
