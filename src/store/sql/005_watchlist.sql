-- dc-access schema 5: the watchlist (daftar tangkal). Supervisors add and
-- remove entries; every change is a chained audit event (watch_added,
-- watch_removed) whose personal values (NIK, name, reason) are kept in
-- event_private under a keyed hash, like a visit's form. Entries are
-- never deleted: a removal is recorded on the row. `anonymize` empties
-- the personal values of entries that ended (removed or past their last
-- day) before its cutoff, and sets `anonymized`.

CREATE TABLE watchlist (
    id            INTEGER PRIMARY KEY,
    nik           TEXT NOT NULL DEFAULT '',
    name          TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    valid_until   INTEGER NOT NULL,   -- end of the last valid day (exclusive), UTC
    added_by      INTEGER NOT NULL REFERENCES users(id),
    added_at      INTEGER NOT NULL,
    removed_by    INTEGER REFERENCES users(id),
    removed_at    INTEGER,
    anonymized    INTEGER NOT NULL DEFAULT 0
);

-- The entries that can still match: a handful, read on every reload.
CREATE INDEX watchlist_active ON watchlist(valid_until) WHERE removed_at IS NULL;
