-- dc-access schema 8: more than one door.
--
-- The door (its console's `door` setting or `--door`) a visit started at;
-- '' for a site with one door and for visits older than doors. The
-- visit_started event names it (`door` in its details) when not empty;
-- `verify` replays it against this column.
ALTER TABLE visits ADD COLUMN door TEXT NOT NULL DEFAULT '';

-- A day's visits at one door (day log, counts and reports filtered by door).
CREATE INDEX visits_door_started ON visits(door, started_at);
