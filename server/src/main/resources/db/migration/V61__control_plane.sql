-- The levers of an incident: kill switches, breaker overrides, runtime settings. Rows, not process state,
-- so every node obeys the same lever within its poll interval (500 ms) and the lever survives restarts.

CREATE TABLE kill_switches (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scope       text NOT NULL CHECK (scope IN ('BETS', 'SETTLEMENTS')),
  operator_id uuid,                                   -- null: every operator
  game_code   text,                                   -- null: every game
  reason      text,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  cleared_by  text,
  cleared_at  timestamptz
);
CREATE INDEX kill_switches_active ON kill_switches (scope) WHERE cleared_at IS NULL;

CREATE TABLE breaker_overrides (
  operator_id uuid PRIMARY KEY,
  mode        text NOT NULL CHECK (mode IN ('FORCED_OPEN', 'FORCED_CLOSED')),
  set_by      text NOT NULL,
  reason      text,
  set_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE runtime_settings (
  key        text PRIMARY KEY,
  value      text NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
