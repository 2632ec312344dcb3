-- dc-access schema 12: whether personal data waits for the retention rule.
--
-- The supervisor's Home says when visits started before the end of the
-- retention period (`report.retention_days`) still hold personal data, so
-- that `dc-access anonymize` is run and the privacy notice's promise is
-- kept. The question is asked at every refresh of Home; on a long history
-- most old visits are anonymised already (`anonymized` = 2), so it is asked
-- of the visits not yet anonymised only, which this index keeps in order.
CREATE INDEX visits_retention ON visits(started_at) WHERE anonymized < 2;
