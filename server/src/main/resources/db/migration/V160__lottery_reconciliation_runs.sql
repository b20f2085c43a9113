-- Runs of `yantra lottery reconcile` (dry runs are not stored) and, per run, one row per banca it compared.
-- Expand only: new tables that older code never reads. The lottery_reconciliation_* gauges read the latest
-- full run (no --request-ids) per banca, so every node exports the same values and a restart keeps them.

CREATE TABLE lottery_reconciliation_runs (
  id                     uuid PRIMARY KEY,
  business_date          date NOT NULL,                 -- the day compared, in the lotteries' time zone
  banca_filter           uuid,                          -- --banca-id; null: every banca
  request_ids            uuid[],                        -- --request-ids; null: the whole day
  force_check            boolean NOT NULL,
  older_than_seconds     integer CHECK (older_than_seconds >= 0),
  status                 text NOT NULL CHECK (status IN ('MATCH', 'MINOR', 'UNREADABLE', 'MAJOR')),
  exit_code              integer NOT NULL CHECK (exit_code IN (0, 1, 2, 3)),
  plays_compared         integer NOT NULL CHECK (plays_compared >= 0),
  plays_asked            integer NOT NULL DEFAULT 0 CHECK (plays_asked >= 0),      -- force-check: asked the banca
  plays_resolved         integer NOT NULL DEFAULT 0 CHECK (plays_resolved >= 0),   -- force-check: moved
  differences_minor      integer NOT NULL DEFAULT 0,
  differences_unreadable integer NOT NULL DEFAULT 0,
  differences_major      integer NOT NULL DEFAULT 0,
  run_by                 text NOT NULL,                 -- cli:<user>
  started_at             timestamptz NOT NULL,
  finished_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lottery_reconciliation_runs_date ON lottery_reconciliation_runs (business_date, finished_at DESC);

CREATE TABLE lottery_reconciliation_bancas (
  run_id                 uuid NOT NULL REFERENCES lottery_reconciliation_runs (id),
  banca_id               uuid NOT NULL,
  status                 text NOT NULL CHECK (status IN ('MATCH', 'MINOR', 'UNREADABLE', 'MAJOR')),
  plays                  integer NOT NULL CHECK (plays >= 0),
  differences_minor      integer NOT NULL DEFAULT 0,
  differences_unreadable integer NOT NULL DEFAULT 0,
  differences_major      integer NOT NULL DEFAULT 0,
  card_plays_unchecked   integer NOT NULL DEFAULT 0,    -- card plays no payments facts were available for
  differences            jsonb NOT NULL,                -- [{playId, requestId, kind, severity, detail}], at most 1000
  PRIMARY KEY (run_id, banca_id)
);
CREATE INDEX lottery_reconciliation_bancas_banca ON lottery_reconciliation_bancas (banca_id);
