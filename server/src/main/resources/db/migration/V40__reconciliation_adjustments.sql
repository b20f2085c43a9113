-- Manual correction entries (`yantra reconcile adjust`, the playbook's "manual correction entry"):
-- part of ours for their (operator, UTC day, currency, kind) from the moment they are made, listed in
-- every report they affect. Append-only: a wrong entry is corrected by another entry, never edited.
CREATE TABLE reconciliation_adjustments (
  id           uuid PRIMARY KEY,
  operator_id  uuid NOT NULL,
  day          date NOT NULL,                            -- the UTC day it corrects
  currency     text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('BET', 'WIN', 'ROLLBACK')),
  amount_micro bigint NOT NULL CHECK (amount_micro <> 0), -- signed: a correction may lower ours
  reason       text NOT NULL CHECK (btrim(reason) <> ''),
  created_by   text NOT NULL,                            -- cli:<os user> or an admin token name
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reconciliation_adjustments_day ON reconciliation_adjustments (operator_id, day, currency);
