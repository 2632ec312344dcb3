-- dc-access schema 2: substring search on name, organisation and ID number
-- answered by an index. An FTS5 trigram index over the visits table
-- (external content), kept in step by triggers; anonymising a visit
-- removes its old words from the index too.

CREATE VIRTUAL TABLE visits_search USING fts5(
    full_name, organisation, id_number,
    content = 'visits', content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO visits_search (visits_search) VALUES ('rebuild');

CREATE TRIGGER visits_search_insert AFTER INSERT ON visits
BEGIN
    INSERT INTO visits_search (rowid, full_name, organisation, id_number)
    VALUES (new.id, new.full_name, new.organisation, new.id_number);
END;

CREATE TRIGGER visits_search_delete AFTER DELETE ON visits
BEGIN
    INSERT INTO visits_search (visits_search, rowid, full_name, organisation, id_number)
    VALUES ('delete', old.id, old.full_name, old.organisation, old.id_number);
END;

CREATE TRIGGER visits_search_update AFTER UPDATE OF full_name, organisation, id_number ON visits
BEGIN
    INSERT INTO visits_search (visits_search, rowid, full_name, organisation, id_number)
    VALUES ('delete', old.id, old.full_name, old.organisation, old.id_number);
    INSERT INTO visits_search (rowid, full_name, organisation, id_number)
    VALUES (new.id, new.full_name, new.organisation, new.id_number);
END;
