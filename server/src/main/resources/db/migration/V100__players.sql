-- Lottery players (V100-V109 belong to the players feature): accounts keyed by an E.164 phone, their refresh
-- tokens (only a SHA-256 of each is stored), login throttling shared by every node, one-time password-reset
-- codes, and the outbox through which the codes reach the player.

CREATE TABLE players (
  id            uuid PRIMARY KEY,
  phone         text NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email         text,
  name          text NOT NULL,
  date_of_birth date NOT NULL,
  password_hash text NOT NULL,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX players_email ON players (lower(email));

-- A family is one login's chain of rotated tokens: presenting a token that was already rotated (a stolen copy,
-- or the victim after the thief) revokes the whole family.
CREATE TABLE player_refresh_tokens (
  id          uuid PRIMARY KEY,
  family_id   uuid NOT NULL,
  user_id     uuid NOT NULL REFERENCES players (id),
  token_hash  bytea NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  rotated_at  timestamptz,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX player_refresh_tokens_family ON player_refresh_tokens (family_id);
CREATE INDEX player_refresh_tokens_user ON player_refresh_tokens (user_id);

-- Fixed-window counters, keyed 'phone:+1809...' or 'addr:203.0.113.5', so every node counts the same attempts.
CREATE TABLE login_throttle (
  throttle_key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  attempts     integer NOT NULL CHECK (attempts > 0)
);

CREATE TABLE password_reset_codes (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES players (id),
  code_hash   bytea NOT NULL,
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_codes_user ON password_reset_codes (user_id, created_at DESC);

-- Messages to players, written in the transaction that decides to send them and delivered afterwards by the
-- configured notifier (a log line here; an SMS provider later).
CREATE TABLE notification_outbox (
  id           uuid PRIMARY KEY,
  user_id      uuid REFERENCES players (id),
  channel      text NOT NULL CHECK (channel IN ('sms', 'email')),
  destination  text NOT NULL,
  template     text NOT NULL,
  body         text NOT NULL,
  state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz
);
CREATE INDEX notification_outbox_pending ON notification_outbox (created_at) WHERE state = 'pending';
