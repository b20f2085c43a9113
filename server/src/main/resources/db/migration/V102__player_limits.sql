-- Limits a player sets on themself: a daily spend limit per currency (scope = the currency) and
-- self-exclusion (scope = 'self_exclusion'). A stricter value applies at once; a looser one waits in
-- pending_* until pending_effective_at (the cooling-off period), and a newer request replaces it.

CREATE TABLE player_limits (
  user_id                    uuid NOT NULL REFERENCES players (id),
  scope                      text NOT NULL CHECK (scope IN ('DOP', 'USD', 'self_exclusion')),
  daily_limit_micro          bigint CHECK (daily_limit_micro >= 0),
  excluded_until             timestamptz,
  pending                    boolean NOT NULL DEFAULT false,
  pending_daily_limit_micro  bigint CHECK (pending_daily_limit_micro >= 0),
  pending_excluded_until     timestamptz,
  pending_effective_at       timestamptz,
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, scope),
  CHECK (NOT pending OR pending_effective_at IS NOT NULL)
);
