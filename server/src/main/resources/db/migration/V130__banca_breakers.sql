-- Breaker overrides and transitions for bancas, beside the operators' tables (which keep their names and
-- columns: the playbooks query breaker_overrides and breaker_transitions by operator_id). A breaker is keyed by
-- (counterparty kind, id); each kind has its own pair of tables (breaker.CounterpartyKind names them).

CREATE TABLE banca_breaker_overrides (
  banca_id uuid PRIMARY KEY REFERENCES bancas (id),
  mode     text NOT NULL CHECK (mode IN ('FORCED_OPEN', 'FORCED_CLOSED')),
  set_by   text NOT NULL,
  reason   text,
  set_at   timestamptz NOT NULL DEFAULT now()
);

-- Every transition of a banca's breaker on every node, for the incident timeline (a log line is gone with the pod).
CREATE TABLE banca_breaker_transitions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  banca_id   uuid NOT NULL,
  node       text NOT NULL,
  from_state text NOT NULL,
  to_state   text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX banca_breaker_transitions_banca ON banca_breaker_transitions (banca_id, created_at);
