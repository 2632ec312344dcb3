//! `dc-access verify [--expect-head N:HMAC] [--since-head]`: the record
//! proves itself (see `store::verify`), in words and an exit code.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{Failure, VerifyArgs, open_read_only};
use crate::store::{ChainHead, HeadFileState, Store};

/// `dc-access verify`: exit 0 when the record proves itself, 1 on any
/// difference (tampering of any kind, a key that does not belong), 2 when
/// the check cannot run (no database, no key file).
pub(super) fn verify(db: &Path, key: &Path, args: &VerifyArgs) -> Result<ExitCode, Failure> {
    let store = match open_read_only(db, key) {
        Ok(s) => s,
        // A key file that is there but wrong (padded, not hex) is a finding.
        Err(f) if key.exists() && f.message.starts_with("key file") => {
            return Err(Failure::fault(format!("verify: {f}")));
        }
        Err(f) => return Err(f),
    };
    if args.since_head
        && args.expect_head.is_none()
        && let Some(from) = store.last_verified()?
    {
        return verify_since(&store, &from);
    }
    let audit = if std::io::stderr().is_terminal() {
        // A long history takes a while: say how far the pass is, on one
        // line of the terminal, cleared at the end.
        // (Threads may tell out of order: only a larger share is shown.)
        let shown = std::sync::Mutex::new(None);
        let progress = |walked: u64, events: u64| {
            let percent = (walked * 100).checked_div(events).unwrap_or(100).min(100);
            if let Ok(mut last) = shown.lock()
                && last.is_none_or(|l| l < percent)
            {
                *last = Some(percent);
                let _ = write!(
                    std::io::stderr().lock(),
                    "\rdc-access: verify: {percent}% of {events} events walked"
                );
            }
        };
        let audit = store.audit_with_progress(args.expect_head.as_ref(), &progress);
        let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
        audit?
    } else {
        store.audit(args.expect_head.as_ref())?
    };
    if !audit.is_intact() {
        let mut err = std::io::stderr().lock();
        for p in &audit.problems {
            let _ = writeln!(err, "dc-access: verify: {p}");
        }
        let shown = audit.problems.len() as u64;
        if audit.problem_count > shown {
            let _ = writeln!(
                err,
                "dc-access: verify: … and {} more",
                audit.problem_count - shown
            );
        }
        return Err(Failure::fault(format!(
            "verify found {} problem(s): the record was changed outside dc-access",
            audit.problem_count
        )));
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} events, chain intact; {} visits, {} accounts, {} lost badges, {} day reviews, \
         {} watchlist entries, {} plans replay from the events",
        audit.head.events,
        audit.visits,
        audit.accounts,
        audit.lost_badges,
        audit.day_reviews,
        audit.watchlist,
        audit.plans
    );
    let _ = match audit.head_file {
        HeadFileState::Matches => writeln!(
            out,
            "head {} matches the head file {}",
            audit.head,
            store.head_path().display()
        ),
        HeadFileState::Missing | HeadFileState::Differs => writeln!(
            out,
            "head {}; no head file at {}: the end of the log was not checked \
             (give --expect-head N:HMAC from a report)",
            audit.head,
            store.head_path().display()
        ),
    };
    if let Some(h) = &args.expect_head {
        let _ = writeln!(out, "event {} matches the expected head", h.events);
    }
    // Where `verify --since-head` starts next time: kept once asked for
    // (a plain verify creates no file: it also runs on read-only copies).
    // A place that cannot keep it only makes the next check a full one.
    if (args.since_head || crate::store::verified_path(store.key_path()).exists())
        && let Err(e) = store.record_verified(&audit.head)
    {
        let _ = writeln!(out, "(not recorded for --since-head: {e})");
    }
    Ok(ExitCode::SUCCESS)
}

/// `verify --since-head`: only the links after the last full verify.
fn verify_since(store: &Store, from: &ChainHead) -> Result<ExitCode, Failure> {
    let found = store.verify_since(from)?;
    if !found.is_intact() {
        let mut err = std::io::stderr().lock();
        for p in &found.problems {
            let _ = writeln!(err, "dc-access: verify: {p}");
        }
        return Err(Failure::fault(format!(
            "verify --since-head found {} problem(s): the record was changed outside dc-access",
            found.problems.len()
        )));
    }
    let mut out = std::io::stdout().lock();
    let _ = if found.head.events > found.from.events {
        writeln!(
            out,
            "checked only the new part: events {}..{} ({} links) after the verified head {}, \
             which is still in place; rows not replayed (run `dc-access verify` for that)",
            found.from.events + 1,
            found.head.events,
            found.checked,
            found.from.events,
        )
    } else {
        writeln!(
            out,
            "no event after the verified head {}, which is still in place; rows not \
             replayed (run `dc-access verify` for that)",
            found.from.events,
        )
    };
    let _ = match found.head_file_matches {
        Some(_) => writeln!(
            out,
            "head {} matches the head file {}",
            found.head,
            store.head_path().display()
        ),
        None => writeln!(
            out,
            "head {}; no head file at {}: the end of the log was not checked",
            found.head,
            store.head_path().display()
        ),
    };
    Ok(ExitCode::SUCCESS)
}
