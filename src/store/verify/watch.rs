//! `verify` for the watchlist: the `watch_added` and `watch_removed`
//! events replayed into entries and compared with the `watchlist` rows
//! (personal columns against the private values their event chains,
//! anonymisation by the `visits_anonymized` events that reached them), and
//! every approval checked against the entries that matched the submitted
//! form at that moment: an approval of a watched visitor must record the
//! matches as seen.

use serde_json::Value;

use super::checker::Private;
use super::{Checker, Problem, text};
use crate::domain::visit::{FormDraft, UserId};
use crate::domain::watchlist::{WatchEntry, WatchId, matches};
use crate::store::{Result, Store, from_ts};

/// One entry as its events make it.
#[derive(Clone)]
pub(super) struct Watch {
    created: (i64, String),
    at: i64,
    by: Option<i64>,
    until: i64,
    organisation: String,
    /// NIK, name, reason from the private values; `None` once removed
    /// from `event_private` (anonymised).
    personal: Option<[String; 3]>,
    /// The removal: event, by, at.
    removed: Option<(i64, Option<i64>, i64)>,
}

impl Watch {
    /// Whether the entry stood, and was in force, at event `event` (time
    /// `at`): what [`WatchEntry::active`] says of [`Watch::as_of`], without
    /// building the entry.
    fn in_force(&self, event: i64, at: i64) -> bool {
        self.created.0 < event && self.removed.is_none_or(|r| r.0 >= event) && at < self.until
    }

    /// The entry as it stood at event `event` (time `at`), if it existed.
    fn as_of(&self, id: i64, event: i64) -> Option<WatchEntry> {
        if self.created.0 >= event {
            return None;
        }
        let [nik, name, reason] = self.personal.clone().unwrap_or_default();
        Some(WatchEntry {
            id: WatchId(id),
            nik,
            name,
            organisation: self.organisation.clone(),
            reason,
            until: from_ts(self.until),
            added_by: UserId(self.by.unwrap_or(0)),
            added_at: from_ts(self.at),
            removed: self
                .removed
                .filter(|r| r.0 < event)
                .map(|r| (UserId(r.1.unwrap_or(0)), from_ts(r.2))),
        })
    }
}

fn private_text(private: &Private, k: &str) -> Option<String> {
    private.get(k).and_then(Value::as_str).map(str::to_owned)
}

impl Checker<'_> {
    /// A `watch_added` or `watch_removed` event.
    pub(super) fn watch_event(
        &mut self,
        id: i64,
        action: &str,
        actor: Option<i64>,
        at: i64,
        d: &Value,
        private: &Private,
    ) {
        let Some(entry) = d.get("entry").and_then(Value::as_i64) else {
            self.replay_error(id, action, "names no watchlist entry");
            return;
        };
        if action == "watch_added" {
            let personal = match (
                private_text(private, "nik"),
                private_text(private, "name"),
                private_text(private, "reason"),
            ) {
                (Some(a), Some(b), Some(c)) => Some([a, b, c]),
                _ => None,
            };
            let w = Watch {
                created: (id, action.to_owned()),
                at,
                by: actor,
                until: d.get("until").and_then(Value::as_i64).unwrap_or(0),
                organisation: text(d, "organisation"),
                personal,
                removed: None,
            };
            if self.watch.insert(entry, w).is_some() {
                self.replay_error(id, action, format!("entry {entry} added twice"));
            }
            return;
        }
        match self.watch.get_mut(&entry) {
            Some(w) if w.removed.is_none() => w.removed = Some((id, actor, at)),
            Some(_) => self.replay_error(id, action, format!("entry {entry} removed twice")),
            None => self.replay_error(id, action, format!("entry {entry} was never added")),
        }
    }

    /// An approval at event `event` (time `at`) of a visit whose form was
    /// `form`: every entry that matched then must be among `seen`.
    pub(super) fn check_approval(
        &mut self,
        event: (i64, &str),
        at: i64,
        form: &FormDraft,
        seen: &[i64],
    ) {
        if form.full_name == crate::domain::visit::ANONYMISED {
            return; // the form is gone: nothing to compare
        }
        // Only the entries in force then can match (most of a long
        // history's have ended): built, and the form compared, for those.
        let list: Vec<WatchEntry> = self
            .watch
            .iter()
            .filter(|(_, w)| w.in_force(event.0, at))
            .filter_map(|(id, w)| w.as_of(*id, event.0))
            .collect();
        if list.is_empty() {
            return;
        }
        let unseen: Vec<String> = matches(&list, form, from_ts(at))
            .into_iter()
            .filter(|h| !seen.contains(&h.entry.0))
            .map(|h| format!("#{}", h.entry.0))
            .collect();
        if !unseen.is_empty() {
            self.replay_error(
                event.0,
                event.1,
                format!(
                    "approves a visitor on the watchlist (entry {}) without recording the match as seen",
                    unseen.join(", ")
                ),
            );
        }
    }
}

/// The seen entries an `approved` event records (`None`: a plain approval).
pub(super) fn seen(d: &Value) -> Option<Vec<i64>> {
    d.get("watch_seen")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
}

/// The entries of an `approved` event's `watch_seen`, as a command names them.
pub(super) fn seen_ids(ids: &[i64]) -> Vec<WatchId> {
    ids.iter().map(|i| WatchId(*i)).collect()
}

impl Store {
    /// Every `watchlist` row against its entry's events.
    pub(super) fn compare_watchlist(&self, c: &mut Checker<'_>) -> Result<u64> {
        let mut expected = std::mem::take(&mut c.watch);
        // A database before schema 5, read without migrating: no table,
        // and no event can have made a row.
        if !self.has_table("watchlist")? {
            for (id, w) in expected {
                c.problem(Problem::MissingRow {
                    table: "watchlist",
                    row: id.to_string(),
                    event: w.created,
                });
            }
            return Ok(0);
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, nik, name, organisation, reason, valid_until, added_by, added_at,
                    removed_by, removed_at, anonymized FROM watchlist ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let id: i64 = r.get(0)?;
            let personal: [String; 3] = [r.get(1)?, r.get(2)?, r.get(4)?];
            let anonymized: i64 = r.get(10)?;
            let Some(w) = expected.remove(&id) else {
                c.problem(Problem::ExtraRow {
                    table: "watchlist",
                    row: id.to_string(),
                });
                continue;
            };
            // Which anonymisation reached the entry, if any: the first one
            // written after it ended (past its last day, or removed)
            // before that anonymisation's cutoff.
            let anon = c.anonymizers.iter_mut().find(|a| {
                a.current
                    && a.event > w.created.0
                    && (w.until <= a.cutoff
                        || w.removed.is_some_and(|r| r.0 < a.event && r.2 < a.cutoff))
            });
            let expect_anon = anon.is_some();
            if let Some(a) = anon {
                a.watch_counted += 1;
            }
            let ev = Some(w.created.clone());
            let col = |c: &mut Checker<'_>, name: &'static str, found: String, exp: String| {
                if found != exp {
                    c.column("watchlist", id, name, found, exp, ev.clone());
                }
            };
            let opt = |v: Option<i64>| v.map_or_else(|| "NULL".to_owned(), |v| v.to_string());
            col(c, "organisation", r.get(3)?, w.organisation.clone());
            col(
                c,
                "valid_until",
                r.get::<_, i64>(5)?.to_string(),
                w.until.to_string(),
            );
            col(c, "added_by", r.get::<_, i64>(6)?.to_string(), opt(w.by));
            col(
                c,
                "added_at",
                r.get::<_, i64>(7)?.to_string(),
                w.at.to_string(),
            );
            col(
                c,
                "removed_by",
                opt(r.get(8)?),
                opt(w.removed.and_then(|x| x.1)),
            );
            col(c, "removed_at", opt(r.get(9)?), opt(w.removed.map(|x| x.2)));
            col(
                c,
                "anonymized",
                anonymized.to_string(),
                i64::from(expect_anon).to_string(),
            );
            let want: Option<[String; 3]> = if expect_anon {
                Some(Default::default())
            } else {
                w.personal.clone()
            };
            match want {
                Some(want) => {
                    for (i, column) in ["nik", "name", "reason"].into_iter().enumerate() {
                        if personal[i] != want[i] {
                            c.problem(Problem::Column {
                                table: "watchlist",
                                row: id.to_string(),
                                column,
                                values: None,
                                event: Some(w.created.clone()),
                            });
                        }
                    }
                }
                None => c.problem(Problem::Private {
                    event: w.created.0,
                    field: "nik, name, reason".into(),
                    what: "deleted, but the watchlist entry is not anonymised",
                }),
            }
        }
        for (id, w) in expected {
            c.problem(Problem::MissingRow {
                table: "watchlist",
                row: id.to_string(),
                event: w.created,
            });
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `in_force` says what `as_of` then `active` say, for an entry added
    /// at event 10, in force until t = 1000, removed (or not) at event 20.
    #[test]
    fn in_force_is_as_of_then_active() {
        for removed in [None, Some((20, Some(1), 500))] {
            let w = Watch {
                created: (10, "watch_added".into()),
                at: 100,
                by: Some(1),
                until: 1000,
                organisation: "PT Contoh".into(),
                personal: None,
                removed,
            };
            for event in [5, 10, 11, 19, 20, 21, 40] {
                for at in [100, 999, 1000, 1001] {
                    let built = w.as_of(7, event).is_some_and(|e| e.active(from_ts(at)));
                    assert_eq!(w.in_force(event, at), built, "{removed:?} {event} {at}");
                }
            }
        }
    }
}
