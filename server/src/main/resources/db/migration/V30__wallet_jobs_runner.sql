-- Jobs runner (V30-39): what the runner, the drain and the playbooks look up by.
-- Expand only: indexes, no column changes.
CREATE INDEX IF NOT EXISTS pending_wallet_jobs_locked ON pending_wallet_jobs (locked_by) WHERE completed_at IS NULL;
CREATE INDEX IF NOT EXISTS pending_wallet_jobs_attention ON pending_wallet_jobs (operator_id) WHERE completed_at IS NULL AND needs_attention;
CREATE INDEX IF NOT EXISTS wallet_calls_job ON wallet_calls (job_id) WHERE job_id IS NOT NULL;
