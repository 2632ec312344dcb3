//! Steps: a command applied to a visit — read and written under one
//! lock, its event chained — or refused, with the refusal recorded.
//! Teams' steps go through here too (`teams`).

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::audit::{append, append_private};
use super::decode::known;
use super::visits::{VISIT_COLS, row_to_visit, write_visit};
use super::{Result, Stamp, Store, StoreError, from_ts, ts};
use crate::domain::audit::AuditAction;
use crate::domain::visit::{
    Actor, Command, EventSpec, Status, Time, TransitionError, Visit, VisitId,
};
use crate::domain::watchlist::matches as watch_matches;

/// The action of the event that records a step refused because the visit
/// was no longer in the state the screen showed (another console's step
/// came first). It changes no row.
pub const ATTEMPT_REFUSED: AuditAction = AuditAction::AttemptRefused;

/// The newest change to a visit: what was done, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    /// The event's action (approved, badge issued ...).
    pub action: AuditAction,
    pub by: Option<String>,
    pub at: Time,
}

/// A step that was not recorded because the visit had moved on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub visit: VisitId,
    /// The action the step would have recorded (rejected ...).
    pub attempted: AuditAction,
    /// The state the visit was found in.
    pub found: Status,
    /// What moved it there.
    pub last: Option<LastChange>,
}

/// The newest event of a visit that changed it (not a refusal, not a
/// correction), with its actor's name.
pub(super) fn last_change(conn: &rusqlite::Connection, id: VisitId) -> Result<Option<LastChange>> {
    Ok(conn
        .query_row(
            "SELECT e.action, u.name, e.at FROM events e LEFT JOIN users u ON u.id = e.actor
             WHERE e.visit_id = ?1 AND e.action NOT IN (?2, ?3)
             ORDER BY e.id DESC LIMIT 1",
            params![
                id.0,
                ATTEMPT_REFUSED.as_str(),
                AuditAction::Correction.as_str()
            ],
            |r| {
                Ok(LastChange {
                    action: known(r, 0, "action", AuditAction::parse)?,
                    by: r.get(1)?,
                    at: from_ts(r.get(2)?),
                })
            },
        )
        .optional()?)
}

/// Record a refused step: what was attempted, why, and the state found.
/// No personal data: the visit, the actor and the state only.
pub(super) fn refuse(
    tx: &super::WriteTx<'_>,
    key: &[u8],
    current: &Visit,
    cmd: &Command,
    reason: &str,
    stamp: Stamp,
) -> Result<()> {
    append(
        tx,
        key,
        Some(current.id),
        current.status.step().number(),
        ATTEMPT_REFUSED,
        stamp,
        &json!({
            "attempted": cmd.action().as_str(),
            "reason": reason,
            "found": current.status.as_str(),
        }),
    )
}

/// A visit as stored now, read inside the transaction that changes it.
pub(super) fn read_visit(tx: &Connection, id: VisitId) -> Result<Visit> {
    tx.prepare_cached(&format!("SELECT {VISIT_COLS} FROM visits WHERE id = ?1"))?
        .query_row([id.0], row_to_visit)
        .optional()?
        .ok_or(StoreError::NoVisit(id.0))
}

/// What a command came to inside a transaction.
pub(super) enum Applied {
    /// Recorded (not yet committed): the visit after it.
    Done(Visit),
    /// Not recorded: the attempt is to be recorded (`reason`) and `error`
    /// reported.
    Refused {
        current: Visit,
        reason: &'static str,
        error: StoreError,
    },
}

/// Apply `cmd` to `current` inside `tx`: the new state and its event, or
/// why not. The caller commits (or records the refusal).
pub(super) fn apply_in(
    tx: &super::WriteTx<'_>,
    key: &[u8],
    current: Visit,
    cmd: &Command,
    actor: Actor,
    now: Time,
) -> Result<Applied> {
    let id = current.id;
    let stamp = Stamp {
        actor: Some(actor),
        at: now,
    };
    // A pre-approval is the plan's as it stands now, read here.
    let rebuilt;
    let cmd = if matches!(cmd, Command::PreApprove(_)) {
        rebuilt = Command::PreApprove(super::plans::approval(tx, id, now)?);
        &rebuilt
    } else {
        cmd
    };
    // A visitor on the watchlist is approved only with the entries
    // named that the supervisor was shown (a second confirmation); a
    // pre-approval never stands for one.
    if current.status == Status::AwaitingApproval
        && let Some(seen) = match cmd {
            Command::Approve | Command::PreApprove(_) => Some(&[][..]),
            Command::ApproveWatched { seen } => Some(seen.as_slice()),
            _ => None,
        }
    {
        let list = super::watchlist::active(tx, now)?;
        let unseen = watch_matches(&list, &current.form, now)
            .iter()
            .filter(|h| !seen.contains(&h.entry))
            .count();
        if unseen > 0 {
            return Err(StoreError::WatchUnconfirmed(unseen));
        }
    }
    let (next, ev) = match current.apply(cmd, actor, now) {
        Ok(done) => done,
        // The visit is no longer where the screen showed it: another
        // console's step came first. Say so, and record the attempt.
        Err(TransitionError::NotAllowed { .. } | TransitionError::IdAlreadyReturned) => {
            let last = last_change(tx, id)?;
            let error = StoreError::Refused(Box::new(Refusal {
                visit: id,
                attempted: cmd.action(),
                found: current.status,
                last,
            }));
            return Ok(Applied::Refused {
                current,
                reason: "state_changed",
                error,
            });
        }
        Err(e) => return Err(e.into()),
    };
    // Check the badge as it will be stored (trimmed, cleaned by the
    // domain), not as typed: " V-01 " is badge "V-01".
    if let (Command::IssueBadge { .. }, Some(badge)) = (cmd, &next.badge) {
        let taken: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM visits WHERE status = 'inside' AND badge = ?1)
                 OR EXISTS (SELECT 1 FROM lost_badges WHERE badge = ?1)",
            )?
            .query_row([badge], |r| r.get(0))?;
        if taken {
            let error = StoreError::BadgeTaken(badge.clone());
            return Ok(Applied::Refused {
                current,
                reason: "badge_taken",
                error,
            });
        }
    }
    record_step(tx, key, &current, &next, &ev, stamp)?;
    Ok(Applied::Done(next))
}

/// Store a step the domain allowed: the visit as it is now (`next`, over
/// `current`), a badge it lost, and its event (`stamp`: who and when).
pub(super) fn record_step(
    tx: &super::WriteTx<'_>,
    key: &[u8],
    current: &Visit,
    next: &Visit,
    ev: &EventSpec,
    stamp: Stamp,
) -> Result<()> {
    write_visit(tx, next, current)?;
    if next.badge_lost()
        && !current.badge_lost()
        && let Some(badge) = &next.badge
    {
        tx.execute(
            "INSERT OR REPLACE INTO lost_badges (badge, visit_id, lost_at) VALUES (?1, ?2, ?3)",
            params![badge, next.id.0, ts(stamp.at)],
        )?;
    }
    append_private(
        tx,
        key,
        Some(next.id),
        ev.step.number(),
        ev.action,
        stamp,
        &ev.details,
        ev.private,
    )
}

impl Store {
    /// Apply a command to a visit: the new state and its event in one
    /// IMMEDIATE transaction, read and written under the same lock.
    ///
    /// Teams: a step the team takes together ([`Command::moves_team`]) is
    /// refused for a team member (but a cancellation: a member is taken
    /// off the team). For a leader with members at its step it is the
    /// team's: recorded for every one of them in the same transaction —
    /// except the form, which differs per person and goes through
    /// [`Store::apply_team`].
    pub fn apply(&mut self, id: VisitId, cmd: &Command, actor: Actor, now: Time) -> Result<Visit> {
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let current = read_visit(&tx, id)?;
        if cmd.moves_team(current.status) {
            let alone = matches!(cmd, Command::Cancel { .. });
            match current.team {
                Some(leader) if !alone => return Err(StoreError::TeamStep(leader.0)),
                Some(_) => {}
                None => {
                    let members = super::teams::members_at(&tx, id, current.status)?;
                    if !members.is_empty() {
                        if matches!(cmd, Command::CompleteForm(..)) {
                            return Err(StoreError::TeamStep(id.0));
                        }
                        let steps: Vec<(VisitId, Command)> = std::iter::once(id)
                            .chain(members.iter().map(|m| m.id))
                            .map(|v| (v, cmd.clone()))
                            .collect();
                        drop(tx);
                        let mut done = self.apply_team(&steps, actor, now)?;
                        return Ok(done.swap_remove(0));
                    }
                }
            }
        }
        let stamp = Stamp {
            actor: Some(actor),
            at: now,
        };
        match apply_in(&tx, &key, current, cmd, actor, now)? {
            Applied::Done(next) => {
                tx.commit()?;
                self.publish_head()?;
                Ok(next)
            }
            Applied::Refused {
                current,
                reason,
                error,
            } => {
                refuse(&tx, &key, &current, cmd, reason, stamp)?;
                tx.commit()?;
                self.publish_head()?;
                Err(error)
            }
        }
    }
}
