-- The check-out as typed so far (JSON of domain::visit::CheckoutDraft),
-- saved on each change while the visitor is inside, so that a restart
-- (even kill -9) resumes it; cleared by the check-out itself. Not a
-- transition: no event records it.
ALTER TABLE visits ADD COLUMN checkout_draft TEXT;
