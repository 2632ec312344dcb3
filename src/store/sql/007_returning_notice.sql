-- dc-access schema 7: the privacy notice (UU 27/2022) and returning visitors.
--
-- The visitor's answer to the privacy notice read at the end of step 2:
-- 'agreed' (with the retention period the notice named) or 'refused'
-- (the visit was cancelled for it). The form_completed event (agreed) or
-- the cancelled event with notice_refused records the same; `verify`
-- replays it against these columns. NULL on visits older than the notice.
ALTER TABLE visits ADD COLUMN notice_answer TEXT;
ALTER TABLE visits ADD COLUMN notice_at INTEGER;
ALTER TABLE visits ADD COLUMN notice_retention_days INTEGER;

-- Returning visitors: a visitor's earlier submitted visits by ID number,
-- newest first. Anonymised visits are never offered, so they are not in it.
CREATE INDEX visits_returning ON visits(id_number, started_at)
    WHERE anonymized = 0 AND submitted_at IS NOT NULL;
