-- Staged rotation for both credential tables, one mechanism (dev.yantra.counterparty.StagedCredentials):
-- a credential verifies inbound calls from not_before until not_after (unless revoked) and is the one we sign
-- with from activated_at on (the newest activated one wins). Activating a successor gives the one it replaces
-- not_after = activation + overlap, so both tables now carry not_before, activated_at and imported.

-- operator_credentials: every existing row has been signing / verifying since it was created. A row inserted by
-- direct SQL (the demo provisioner, a playbook) stays active at once as before; the application inserts an
-- explicit NULL when it stages a successor.
ALTER TABLE operator_credentials ADD COLUMN activated_at timestamptz;
ALTER TABLE operator_credentials ADD COLUMN imported boolean NOT NULL DEFAULT false;
UPDATE operator_credentials SET activated_at = not_before;
ALTER TABLE operator_credentials ALTER COLUMN activated_at SET DEFAULT now();

-- banca_credentials: verified from issue until now; not_before makes that explicit.
ALTER TABLE banca_credentials ADD COLUMN not_before timestamptz;
UPDATE banca_credentials SET not_before = created_at;
ALTER TABLE banca_credentials ALTER COLUMN not_before SET DEFAULT now();
ALTER TABLE banca_credentials ALTER COLUMN not_before SET NOT NULL;
