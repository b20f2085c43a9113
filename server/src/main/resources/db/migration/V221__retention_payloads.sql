-- Retention (docs/retention.md) blanks the payload of webhook and Stripe events once they are older than the
-- short-lived period; the row (what arrived, when, and what was made of it) is kept. Expand only: code that
-- writes a payload is unchanged, and readers already treat the column as text that may be empty.
ALTER TABLE webhook_events ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE stripe_events ALTER COLUMN payload DROP NOT NULL;
