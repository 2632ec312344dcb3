-- dc-access schema 6: planned visits (kunjungan terjadwal). A supervisor
-- registers a plan (days, visitors, organisation, purpose, assignment
-- letter) and may pre-approve it; events plan_added and plan_cancelled.
-- The visitors (NIK and name) and the detail are personal: kept in
-- event_private under a keyed hash, like a visit's form. A visit started
-- from a plan is linked in plan_visits (its visit_started event names the
-- plan), so that step 4 can be recorded as pre-approved.

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    first_day     TEXT NOT NULL,      -- YYYY-MM-DD in the site's zone
    last_day      TEXT NOT NULL,
    valid_from    INTEGER NOT NULL,   -- start of the first day, UTC
    valid_until   INTEGER NOT NULL,   -- end of the last day (exclusive), UTC
    visitors      TEXT NOT NULL DEFAULT '[]',   -- JSON [{nik, name}]
    organisation  TEXT NOT NULL DEFAULT '',
    purpose       TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT '',
    letter        TEXT NOT NULL DEFAULT '',
    created_by    INTEGER NOT NULL REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    approved_by   INTEGER REFERENCES users(id),
    approved_at   INTEGER,
    cancelled_by  INTEGER REFERENCES users(id),
    cancelled_at  INTEGER,
    anonymized    INTEGER NOT NULL DEFAULT 0
);

-- Plans still to come or under way (Home's "today", the plans screen).
CREATE INDEX plans_open ON plans(valid_until) WHERE cancelled_at IS NULL;

CREATE TABLE plan_visits (
    visit_id  INTEGER PRIMARY KEY REFERENCES visits(id),
    plan_id   INTEGER NOT NULL REFERENCES plans(id),
    visitor   INTEGER NOT NULL    -- index into plans.visitors
);
CREATE INDEX plan_visits_plan ON plan_visits(plan_id);
