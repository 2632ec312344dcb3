-- dc-access schema 10: the assignment letter (surat tugas / SPK).
--
-- Its number, date (as shown, DD-MM-YYYY) and issuing organisation, typed
-- at step 2; '' when none was brought and for visits older than letters.
-- Required for the purposes `visit.letter_required_for` names. The form in
-- the step-3 event carries them; `verify` replays them against these
-- columns.
ALTER TABLE visits ADD COLUMN letter_number TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN letter_date TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN letter_issuer TEXT NOT NULL DEFAULT '';
