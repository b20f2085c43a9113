-- What the clock-skew and credential-leak playbooks ask: who was rejected and why, from where; which source
-- addresses an operator's credentials have been used from; what each kid signed per UTC day and address.

-- Bounded: a periodic job keeps the newest 10,000 rows per operator (and for unknown kids).
CREATE TABLE signature_rejections (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operator_id       uuid,                               -- null when the kid names no operator
  kid               text,
  reason            text NOT NULL,
  method            text,
  path              text,
  source_ip         text,
  offered_timestamp text,                               -- as sent, may be unparseable
  our_time          timestamptz NOT NULL,
  drift_seconds     bigint,                             -- offered - ours; null when unparseable
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signature_rejections_operator ON signature_rejections (operator_id, created_at);
CREATE INDEX signature_rejections_kid ON signature_rejections (kid, created_at);

CREATE TABLE inbound_source_ips (
  operator_id   uuid NOT NULL,
  source_ip     text NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  request_count bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (operator_id, source_ip)
);

-- One row per (kid, UTC day, source address): what `yantra credential audit` lists.
CREATE TABLE inbound_kid_daily (
  kid           text NOT NULL,
  day           date NOT NULL,
  source_ip     text NOT NULL,
  operator_id   uuid NOT NULL,
  request_count bigint NOT NULL DEFAULT 1,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kid, day, source_ip)
);

-- Expand only: the address a session was created from, for the leak audit (older code ignores it).
ALTER TABLE game_sessions ADD COLUMN source_ip text;
CREATE INDEX game_sessions_kid ON game_sessions (kid, created_at);
