//! Teams (rombongan): a leader's visit and its members' visits, each a
//! visit of its own (its own ID held, badge and check-out), linked by
//! `team_of`. Until the decision the team moves as one: the form, the
//! hand-in, the approval or rejection, and a cancellation are recorded for
//! every member in the same transaction ([`Store::apply_team`]).

use rusqlite::{Connection, params};

use super::apply::{Applied, apply_in, read_visit, refuse};
use super::visits::{VISIT_COLS, append_start, row_to_visit};
use super::{Result, Stamp, Store, StoreError, ts};
use crate::domain::visit::{Actor, Command, Status, Visit, VisitId};

/// The members of `leader`'s team at `status` (its step), oldest first.
pub(super) fn members_at(tx: &Connection, leader: VisitId, status: Status) -> Result<Vec<Visit>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {VISIT_COLS} FROM visits WHERE team_of = ?1 AND status = ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![leader.0, status.as_str()], row_to_visit)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// A new member of `leader`'s team, while the leader's form is being
    /// filled: a visit in Draft linked to the leader, with what the team
    /// shares (organisation, purpose, person visited, duration, letter)
    /// copied from the leader's form. Its start event names the leader.
    pub fn create_member(&mut self, leader: VisitId, by: Actor, now: Time) -> Result<Visit> {
        let key = self.secret.bytes().to_vec();
        let door = self.door.clone();
        let tx = self.write_tx()?;
        let lead = read_visit(&tx, leader)?;
        if let Some(top) = lead.team {
            return Err(StoreError::TeamStep(top.0));
        }
        if lead.status != Status::Draft {
            return Err(StoreError::DraftLocked);
        }
        let f = &lead.form;
        tx.prepare_cached(
            "INSERT INTO visits (status, started_by, started_at, door, team_of, id_type,
                organisation, purpose, purpose_detail, planned_minutes, person_visited,
                letter_number, letter_date, letter_issuer)
             VALUES ('draft', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            by.id.0,
            ts(now),
            door,
            leader.0,
            f.id_type,
            f.organisation,
            f.purpose,
            f.purpose_detail,
            f.planned_minutes,
            f.person_visited,
            f.letter_number,
            f.letter_date,
            f.letter_issuer
        ])?;
        let id = VisitId(tx.last_insert_rowid());
        let details = serde_json::json!({ "team_of": leader.0 });
        append_start(&tx, &key, id, (&door, details), by, now)?;
        tx.commit()?;
        self.publish_head()?;
        self.visit(id)
    }

    /// The members of a leader's team not cancelled, oldest first (none
    /// for a visitor alone).
    pub fn team_members(&self, leader: VisitId) -> Result<Vec<Visit>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {VISIT_COLS} FROM visits
             WHERE team_of = ?1 AND status != 'cancelled' ORDER BY id"
        ))?;
        let rows = stmt.query_map([leader.0], row_to_visit)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A step the whole team takes ([`Command::moves_team`]): `steps` give
    /// the leader's command first, then one for each member at the
    /// leader's step — every one of them, or nothing is recorded
    /// ([`StoreError::TeamChanged`]: a member was added or cancelled at
    /// another console). All are recorded in one transaction, or none; a
    /// refusal is recorded on the visit that refused.
    pub fn apply_team(
        &mut self,
        steps: &[(VisitId, Command)],
        actor: Actor,
        now: Time,
    ) -> Result<Vec<Visit>> {
        let key = self.secret.bytes().to_vec();
        let Some((leader, _)) = steps.first() else {
            return Ok(Vec::new());
        };
        let tx = self.write_tx()?;
        let lead = read_visit(&tx, *leader)?;
        if let Some(top) = lead.team {
            return Err(StoreError::TeamStep(top.0));
        }
        let mut want: Vec<i64> = members_at(&tx, lead.id, lead.status)?
            .iter()
            .map(|m| m.id.0)
            .collect();
        want.push(lead.id.0);
        want.sort_unstable();
        let mut got: Vec<i64> = steps.iter().map(|(id, _)| id.0).collect();
        got.sort_unstable();
        if want != got {
            return Err(StoreError::TeamChanged(lead.id.0));
        }
        let mut done = Vec::with_capacity(steps.len());
        for (id, cmd) in steps {
            let current = read_visit(&tx, *id)?;
            match apply_in(&tx, &key, current, cmd, actor, now)? {
                Applied::Done(next) => done.push(next),
                Applied::Refused {
                    current,
                    reason,
                    error,
                } => {
                    // None of the team's steps stands; the attempt does.
                    drop(tx);
                    let tx = self.write_tx()?;
                    let stamp = Stamp {
                        actor: Some(actor),
                        at: now,
                    };
                    refuse(&tx, &key, &current, cmd, reason, stamp)?;
                    tx.commit()?;
                    self.publish_head()?;
                    return Err(error);
                }
            }
        }
        tx.commit()?;
        self.publish_head()?;
        Ok(done)
    }
}

use crate::domain::visit::Time;
