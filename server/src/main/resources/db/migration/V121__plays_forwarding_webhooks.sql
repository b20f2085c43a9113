-- Plays, their forwarding to bancas and the bancas' webhooks. Expand only: new tables and one new column.

-- The most a banca stands to pay on one (draw, bet type, unordered number set): the sum over its plays of
-- amount x the highest multiplier the play could win. Default 1,000,000 units.
ALTER TABLE bancas ADD COLUMN number_liability_cap_micro bigint NOT NULL DEFAULT 100000000000
  CHECK (number_liability_cap_micro > 0);
-- A banca's own prices over the lottery's payout table (PayoutTable JSON form), frozen onto each play it takes.
ALTER TABLE bancas ADD COLUMN payout_overrides jsonb;

CREATE TABLE plays (
  id                   uuid PRIMARY KEY,
  request_id           uuid NOT NULL UNIQUE,                   -- the client's key, globally unique
  body_hash            text NOT NULL,                          -- SHA-256 of the canonical JSON of the create body
  user_id              uuid NOT NULL REFERENCES players (id),
  lottery_id           text NOT NULL REFERENCES lotteries (id),
  draw_id              uuid NOT NULL REFERENCES draws (id),
  banca_id             uuid NOT NULL REFERENCES bancas (id),
  bet_type             text NOT NULL,
  numbers              text[] NOT NULL,
  limit_key            text NOT NULL,                          -- the unordered number set (Numbers.limitKey)
  amount_micro         bigint NOT NULL CHECK (amount_micro > 0),
  currency             text NOT NULL CHECK (currency IN ('DOP', 'USD')),
  payment_method       text NOT NULL CHECK (payment_method IN ('wallet', 'card')),
  payout_frozen        jsonb NOT NULL,                         -- the multipliers of this bet type when bought
  liability_micro      bigint NOT NULL CHECK (liability_micro > 0),
  status               text NOT NULL CHECK (status IN ('AWAITING_PAYMENT', 'QUEUED', 'AWAITING_WEBHOOK', 'CONFIRMED',
                                                       'REJECTED', 'FAILED', 'CANCELLED')),
  status_reason        text,
  play_id_banca        text,
  ticket_code          text,
  forwarded_at         timestamptz,                            -- first register call sent: no player cancel after
  needs_attention      boolean NOT NULL DEFAULT false,         -- a contradicting answer, a refused signature, ...
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plays_user ON plays (user_id, created_at DESC, id);
CREATE INDEX plays_unconfirmed ON plays (banca_id, created_at) WHERE status IN ('QUEUED', 'AWAITING_WEBHOOK', 'AWAITING_PAYMENT');
CREATE INDEX plays_draw ON plays (draw_id, status);

-- Running liability per (banca, draw, bet type, number set), raised by an upsert that refuses to cross the cap
-- (so two concurrent plays cannot both pass) and lowered when a play's money is released.
CREATE TABLE play_liability (
  banca_id        uuid NOT NULL REFERENCES bancas (id),
  draw_id         uuid NOT NULL REFERENCES draws (id),
  bet_type        text NOT NULL,
  limit_key       text NOT NULL,
  liability_micro bigint NOT NULL CHECK (liability_micro >= 0),
  PRIMARY KEY (banca_id, draw_id, bet_type, limit_key)
);

-- One durable job per forwarding step of a play (REGISTER, then STATUS checks after a 202), worked by the same
-- runner as wallet jobs (jobs.JobTable: the queue columns are the same).
CREATE TABLE pending_banca_jobs (
  id                uuid PRIMARY KEY,
  banca_id          uuid NOT NULL REFERENCES bancas (id),
  play_id           uuid NOT NULL REFERENCES plays (id),
  kind              text NOT NULL CHECK (kind IN ('REGISTER', 'STATUS')),
  attempts          integer NOT NULL DEFAULT 0,
  last_error        text,
  needs_attention   boolean NOT NULL DEFAULT false,
  next_attempt_at   timestamptz NOT NULL DEFAULT now(),
  locked_by         text,
  locked_until      timestamptz,
  version           bigint NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now(),
  completed_at      timestamptz,
  completion        text,                                      -- BANCA, FAILSAFE, MANUAL
  completed_by      text,
  completion_reason text,
  result_status     text
);
CREATE INDEX pending_banca_jobs_due ON pending_banca_jobs (next_attempt_at) WHERE completed_at IS NULL;
CREATE INDEX pending_banca_jobs_open ON pending_banca_jobs (banca_id, created_at) WHERE completed_at IS NULL;
CREATE INDEX pending_banca_jobs_play ON pending_banca_jobs (play_id);

-- Every call to a banca, each retry included: one row, never updated (counterparty.CallJournal).
CREATE TABLE banca_calls (
  id              uuid PRIMARY KEY,
  banca_id        uuid NOT NULL,
  play_id         uuid,
  job_id          uuid,
  endpoint        text NOT NULL,                               -- register, status
  request_id      uuid,
  request_body    text,
  response_body   text,
  response_status integer,                                     -- HTTP status; null without an answer
  outcome         text NOT NULL,                               -- the classification: confirmed, rejected, accepted, retry, ...
  latency_ms      integer NOT NULL,
  attempt         integer NOT NULL,
  key_id          text,                                        -- the banca secret we signed with
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX banca_calls_play ON banca_calls (play_id, created_at);
CREATE INDEX banca_calls_banca ON banca_calls (banca_id, created_at);

-- Every webhook that passed the signature and timestamp checks, as received, with what we made of it. A repeat
-- of an applied event finds its dedup key here and changes nothing.
CREATE TABLE webhook_events (
  id          uuid PRIMARY KEY,
  source      text NOT NULL,                                   -- banca
  banca_id    uuid,
  key_id      text,                                            -- the secret that verified it
  request_id  uuid,
  play_id     uuid,
  dedup_key   text NOT NULL,
  payload     text NOT NULL,
  outcome     text NOT NULL,                                   -- applied, duplicate, invalid, unknown_play, conflict
  flagged     boolean NOT NULL DEFAULT false,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX webhook_events_applied ON webhook_events (dedup_key) WHERE outcome = 'applied';
CREATE INDEX webhook_events_play ON webhook_events (play_id, received_at);
CREATE INDEX webhook_events_flagged ON webhook_events (received_at) WHERE flagged;

-- A bounded sample of refused webhooks (bad or missing signature, bad timestamp): counted in metrics always,
-- kept here at most a few per second so a flood cannot fill the database.
CREATE TABLE webhook_refusals (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source      text NOT NULL,
  reason      text NOT NULL,
  source_ip   text,
  headers     text,
  body_prefix text,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_refusals_time ON webhook_refusals (received_at);
