-- Withdrawals: a player asks for money out of the wallet, an admin approves or rejects, the money is paid
-- outside Yantra (bank transfer, cash at a banca) and recorded as paid. The amount leaves the balance at the
-- request (ledger kind withdrawal, key withdrawal:<id>), so it can never be spent twice while the request waits;
-- a rejection puts it back (withdrawal_reversal, key withdrawal-reversal:<id>). Every step is audited in
-- admin_audit_log (subject withdrawal:<id>).
CREATE TABLE withdrawals (
  id                uuid PRIMARY KEY,
  request_id        uuid NOT NULL UNIQUE,                     -- the player's key: a retried request changes nothing
  user_id           uuid NOT NULL REFERENCES players (id),
  currency          text NOT NULL CHECK (currency IN ('DOP', 'USD')),
  amount_micro      bigint NOT NULL CHECK (amount_micro > 0),
  destination       text NOT NULL CHECK (length(destination) BETWEEN 1 AND 200),   -- where to pay, as the player wrote it
  status            text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected', 'paid')),
  decided_by        text,                                     -- who approved or rejected
  decided_at        timestamptz,
  reason            text,                                     -- why it was rejected
  paid_by           text,
  paid_at           timestamptz,
  payment_reference text,                                     -- the outside transfer's reference
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'paid' OR (paid_by IS NOT NULL AND payment_reference IS NOT NULL)),
  CHECK (status = 'requested' OR decided_by IS NOT NULL)
);
CREATE INDEX withdrawals_user ON withdrawals (user_id, created_at DESC);
CREATE INDEX withdrawals_open ON withdrawals (created_at) WHERE status IN ('requested', 'approved');
