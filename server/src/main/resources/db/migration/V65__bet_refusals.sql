-- Bets refused before a bet row exists (the operator's breaker is open, bets are halted, the operator is paused):
-- without a row of their own the post-incident report could not count them. Written in batches by
-- BetRefusalWriter; rows older than 30 days are deleted (a post-mortem is written within days).
-- Expand only: a new table, which older code simply never writes.
CREATE TABLE bet_refusals (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operator_id uuid NOT NULL,
  player_ref  text NOT NULL,
  game_code   text NOT NULL,
  reason      text NOT NULL,                      -- operator_unavailable, bets_halted, operator_paused
  refused_at  timestamptz NOT NULL
);
CREATE INDEX bet_refusals_operator ON bet_refusals (operator_id, refused_at);
CREATE INDEX bet_refusals_refused_at ON bet_refusals (refused_at);  -- retention deletes by age alone
