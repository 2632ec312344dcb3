//! Retention (UU 27/2022): the personal data of visits older than
//! `report.retention_days` removed by `anonymize`, and whether any waits
//! for it (the supervisor's Home asks).

use chrono::NaiveDate;
use chrono_tz::Tz;
use rusqlite::OptionalExtension;
use serde_json::json;

use super::apply::{read_visit, record_step};
use super::audit::append;
use super::visits::write_visit;
use super::{Result, Stamp, Store, from_ts, ts};
use crate::domain::audit::AuditAction;
use crate::domain::days::{day_bounds, local_date};
use crate::domain::visit::{Actor, Command, Role, UserId, VisitId};

/// The reason recorded when `anonymize` cancels an unfinished visit older
/// than the retention period.
pub const RETENTION_REASON: &str = "retention period ended";

impl Store {
    /// The local day the oldest visit started on that `anonymize --before
    /// before` would anonymise (or, still open before the decision, cancel
    /// and anonymise): `None` when retention has nothing to do before that
    /// day. One seek along `visits_retention`.
    pub fn retention_due(&self, before: NaiveDate, tz: Tz) -> Result<Option<NaiveDate>> {
        let cutoff = ts(day_bounds(before, tz).0);
        let oldest: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT started_at FROM visits
                 WHERE anonymized < 2 AND started_at < ?1
                   AND (closed_at IS NOT NULL
                        OR status IN ('draft', 'review', 'awaiting_approval', 'approved'))
                 ORDER BY started_at LIMIT 1",
            )?
            .query_row([cutoff], |r| r.get(0))
            .optional()?;
        Ok(oldest.map(|t| local_date(from_ts(t), tz)))
    }

    /// Retention (UU 27/2022), for what happened before the local day
    /// `before` (its start in `tz` is the cutoff). Unfinished visits started before `cutoff`
    /// that can still be cancelled (draft, review, awaiting approval,
    /// approved) are cancelled first, with a reason. Then the personal data
    /// of closed visits started before `cutoff` is removed
    /// ([`Visit::anonymized`]: names, ID number, phone, purpose detail,
    /// equipment, activity, checklist notes, reasons), and with it the
    /// private values of their events (the form as submitted, reasons,
    /// notes), which the chain only holds by keyed hash. Organisation,
    /// purpose, times, statuses, badges and checklist results stay for
    /// statistics. One audit event `visits_anonymized` with the number of
    /// visits, which is returned. The notes of day reviews of days before
    /// `before` are emptied too (the row, and the private value of their
    /// events; a review event written before schema 4 holds its note in
    /// the chain itself and keeps it). Watchlist entries that ended
    /// (removed, or past their last day) before the cutoff lose their NIK,
    /// name and reason the same way (row and private values; organisation
    /// and dates stay); entries still in force keep them, the door still
    /// needs them. Afterwards the search index is rebuilt,
    /// the file vacuumed and the WAL truncated (with `secure_delete` on),
    /// so the old text is gone from the files, not only from the rows.
    pub fn anonymize_before(&mut self, before: NaiveDate, tz: Tz, stamp: Stamp) -> Result<u32> {
        let cutoff = day_bounds(before, tz).0;
        let reviews_before = before.format("%Y-%m-%d").to_string();
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let stale: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM visits WHERE started_at < ?1 AND closed_at IS NULL
                   AND status IN ('draft', 'review', 'awaiting_approval', 'approved')",
            )?;
            let rows = stmt.query_map([ts(cutoff)], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        // Without an account (the command line), the program itself acts.
        let actor = stamp.actor.unwrap_or(Actor {
            id: UserId(0),
            role: Role::Supervisor,
        });
        let cancel = Command::Cancel {
            reason: RETENTION_REASON.into(),
        };
        for id in &stale {
            let v = read_visit(&tx, VisitId(*id))?;
            let (next, ev) = v.apply(&cancel, actor, stamp.at)?;
            record_step(&tx, &key, &v, &next, &ev, stamp)?;
        }
        // `anonymized`: 1 by the rule before schema 4, 2 by this one.
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM visits
                 WHERE started_at < ?1 AND closed_at IS NOT NULL AND anonymized < 2",
            )?;
            let rows = stmt.query_map([ts(cutoff)], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in &ids {
            let v = read_visit(&tx, VisitId(*id))?;
            write_visit(&tx, &v.anonymized(), &v)?;
            tx.execute("UPDATE visits SET anonymized = 2 WHERE id = ?1", [id])?;
            tx.execute(
                "DELETE FROM event_private
                 WHERE event_id IN (SELECT id FROM events WHERE visit_id = ?1)",
                [id],
            )?;
        }
        // The supervisors' notes on those days may name visitors.
        let reviews = tx.execute(
            "UPDATE day_reviews SET note = '' WHERE day < ?1 AND note <> ''",
            [&reviews_before],
        )?;
        tx.execute(
            "DELETE FROM event_private WHERE field = 'note' AND event_id IN (
                 SELECT id FROM events WHERE visit_id IS NULL AND action = 'day_reviewed'
                    AND json_extract(details, '$.day') < ?1)",
            [&reviews_before],
        )?;
        let n = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let watch = super::watchlist::anonymize_ended(&tx, cutoff)?;
        let plans = super::plans::anonymize_ended(&tx, cutoff)?;
        append(
            &tx,
            &key,
            None,
            0,
            AuditAction::VisitsAnonymized,
            stamp,
            &json!({
                "before": cutoff.to_rfc3339(),
                "reviews_before": reviews_before,
                "reviews": reviews,
                "visits": n,
                "cancelled": stale.len(),
                "watch": watch,
                "plans": plans,
            }),
        )?;
        // Deleted terms stay in an FTS5 index until it is rebuilt.
        tx.execute(
            "INSERT INTO visits_search (visits_search) VALUES ('rebuild')",
            [],
        )?;
        tx.commit()?;
        self.publish_head()?;
        // Free pages are zeroed (secure_delete); VACUUM rewrites the file
        // without them, and the WAL that still holds old pages is emptied.
        self.conn.execute_batch("VACUUM;")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(n)
    }
}
