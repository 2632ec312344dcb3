-- dc-access schema 1. Times are UTC seconds since the Unix epoch.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    nip             TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('operator', 'supervisor')),
    pin_hash        TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    failed_pins     INTEGER NOT NULL DEFAULT 0,
    last_failed_at  INTEGER,
    locked          INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);

CREATE TABLE visits (
    id                  INTEGER PRIMARY KEY,
    status              TEXT NOT NULL,
    full_name           TEXT NOT NULL DEFAULT '',
    id_type             TEXT NOT NULL DEFAULT '',
    id_number           TEXT NOT NULL DEFAULT '',
    organisation        TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    purpose             TEXT NOT NULL DEFAULT '',
    purpose_detail      TEXT NOT NULL DEFAULT '',
    equipment           TEXT NOT NULL DEFAULT '',
    planned_minutes     TEXT NOT NULL DEFAULT '',
    person_visited      TEXT NOT NULL DEFAULT '',
    id_held             INTEGER NOT NULL DEFAULT 0,
    started_by          INTEGER NOT NULL REFERENCES users(id),
    started_at          INTEGER NOT NULL,
    form_completed_at   INTEGER,
    submitted_by        INTEGER REFERENCES users(id),
    submitted_at        INTEGER,
    decided_by          INTEGER REFERENCES users(id),
    decided_at          INTEGER,
    reject_reason       TEXT,
    cancel_reason       TEXT,
    badge               TEXT,
    escort              INTEGER REFERENCES users(id),
    entered_at          INTEGER,
    checkout_started_at INTEGER,
    exited_at           INTEGER,
    badge_returned      INTEGER,
    checklist           TEXT NOT NULL DEFAULT '[]',
    activity            TEXT NOT NULL DEFAULT '',
    id_returned_at      INTEGER,
    archived_by         INTEGER REFERENCES users(id),
    archived_at         INTEGER,
    closed_at           INTEGER,
    flagged             INTEGER NOT NULL DEFAULT 0,
    anonymized          INTEGER NOT NULL DEFAULT 0
);

-- A day's log is a range on started_at.
CREATE INDEX visits_started_at ON visits(started_at);
-- Open visits (dashboard): not yet closed.
CREATE INDEX visits_open ON visits(started_at) WHERE closed_at IS NULL;
-- Search by name, ID number, organisation (prefix, case-insensitive).
CREATE INDEX visits_name ON visits(full_name COLLATE NOCASE);
CREATE INDEX visits_id_number ON visits(id_number);
CREATE INDEX visits_org ON visits(organisation COLLATE NOCASE);
-- A badge is out to at most one visit.
CREATE UNIQUE INDEX visits_badge_out ON visits(badge) WHERE status = 'inside';

-- Badges recorded lost leave the pool until a supervisor restores them.
CREATE TABLE lost_badges (
    badge     TEXT PRIMARY KEY,
    visit_id  INTEGER REFERENCES visits(id),
    lost_at   INTEGER NOT NULL
);

-- A supervisor's review of a day's log.
CREATE TABLE day_reviews (
    day          TEXT PRIMARY KEY,   -- YYYY-MM-DD in the site's zone
    reviewed_by  INTEGER NOT NULL REFERENCES users(id),
    reviewed_at  INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);

-- The audit log: append-only, HMAC-chained.
CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    visit_id  INTEGER REFERENCES visits(id),
    step      INTEGER NOT NULL,
    action    TEXT NOT NULL,
    actor     INTEGER REFERENCES users(id),
    at        INTEGER NOT NULL,
    details   TEXT NOT NULL,
    hmac      TEXT NOT NULL
);
CREATE INDEX events_visit ON events(visit_id, id);
CREATE INDEX events_at ON events(at);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
