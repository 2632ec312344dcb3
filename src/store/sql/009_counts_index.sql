-- dc-access schema 9: the counts screen within 16 ms on a month of a busy
-- door (issue 10).
--
-- Counts read, for every visit started in a day or a month, only its
-- times, status, purpose, organisation and door. From the table that is
-- every whole row (~600 bytes each, a month of 8,800 visits: more than
-- SQLite's 2 MB page cache, so each `c` read them all from the OS again);
-- from this index a tenth of that, and the month stays in the cache.
CREATE INDEX visits_counts ON visits(
    started_at, door, status, submitted_at, form_completed_at, decided_at, entered_at,
    checkout_started_at, exited_at, archived_at, purpose, organisation
);
