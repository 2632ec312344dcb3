-- dc-access schema 4: the personal text of an event (reasons, notes, the
-- submitted form) is kept beside the chained event instead of inside it.
-- The event chains a keyed hash of each value, so `anonymize` can delete
-- the value and the chain still verifies; `verify` checks every value
-- still present against its hash.

CREATE TABLE event_private (
    event_id  INTEGER NOT NULL,   -- events.id (no foreign key: verify reports strays)
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (event_id, field)
) WITHOUT ROWID;
