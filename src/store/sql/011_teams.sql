-- dc-access schema 11: teams (rombongan).
--
-- A team member's visit names its leader's visit; NULL for a visitor who
-- came alone, for the leader, and for visits older than teams. The team
-- moves together until the decision (the form, hand-in, approval or
-- rejection are recorded for every member in one transaction); from the
-- badge on each member is a visit of their own. The start event of a
-- member carries `team_of`; `verify` replays it against this column.
ALTER TABLE visits ADD COLUMN team_of INTEGER REFERENCES visits(id);
CREATE INDEX visits_team_of ON visits(team_of) WHERE team_of IS NOT NULL;
