-- dc-access schema 3: the search index is rewritten only when a searched
-- column really changes. Every transition rewrites the whole visit row, and
-- `AFTER UPDATE OF` fires whenever a column is named in the SET, changed or
-- not: each of a visit's ~8 steps re-indexed its name, organisation and ID
-- number (their trigrams) for nothing.

DROP TRIGGER visits_search_update;

CREATE TRIGGER visits_search_update AFTER UPDATE OF full_name, organisation, id_number ON visits
WHEN old.full_name IS NOT new.full_name
  OR old.organisation IS NOT new.organisation
  OR old.id_number IS NOT new.id_number
BEGIN
    INSERT INTO visits_search (visits_search, rowid, full_name, organisation, id_number)
    VALUES ('delete', old.id, old.full_name, old.organisation, old.id_number);
    INSERT INTO visits_search (rowid, full_name, organisation, id_number)
    VALUES (new.id, new.full_name, new.organisation, new.id_number);
END;
