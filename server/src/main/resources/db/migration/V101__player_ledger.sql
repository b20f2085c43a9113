-- The player wallet: an append-only ledger (one row per movement, unique idempotency key) and one account row
-- per (player, currency) that a movement locks and whose cached balance always equals the ledger's sum.

CREATE TABLE player_accounts (
  user_id        uuid NOT NULL REFERENCES players (id),
  currency       text NOT NULL CHECK (currency IN ('DOP', 'USD')),
  balance_micro  bigint NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, currency)
);

CREATE TABLE player_ledger (
  id               uuid PRIMARY KEY,
  user_id          uuid NOT NULL,
  currency         text NOT NULL,
  amount_micro     bigint NOT NULL CHECK (amount_micro <> 0),
  kind             text NOT NULL CHECK (kind IN ('deposit', 'play_debit', 'prize_credit', 'refund', 'withdrawal', 'adjustment')),
  idempotency_key  text NOT NULL UNIQUE,
  reference        text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (user_id, currency) REFERENCES player_accounts (user_id, currency),
  -- the sign follows the kind; only an adjustment may go either way
  CHECK ((kind IN ('play_debit', 'withdrawal') AND amount_micro < 0)
      OR (kind IN ('deposit', 'prize_credit', 'refund') AND amount_micro > 0)
      OR kind = 'adjustment')
);
CREATE INDEX player_ledger_account ON player_ledger (user_id, currency, created_at DESC);

-- Append-only: a movement is corrected by another movement, never by editing or deleting one.
CREATE FUNCTION player_ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'player_ledger is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER player_ledger_append_only
  BEFORE UPDATE OR DELETE ON player_ledger
  FOR EACH ROW EXECUTE FUNCTION player_ledger_append_only();
