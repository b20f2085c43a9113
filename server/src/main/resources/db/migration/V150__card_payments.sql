-- Card payments through Stripe (dev.yantra.lottery.payments). Expand only: new tables.

-- One row per PaymentIntent: a card play's hold (manual capture) or a wallet top-up (automatic capture).
-- The row is written before Stripe is called (payment_intent_id still null), so a node that dies between the
-- two leaves a row the payment queue finishes with the same idempotency key.
CREATE TABLE payments (
  id                 uuid PRIMARY KEY,                        -- the play id for a play; the top-up id for a top-up
  kind               text NOT NULL CHECK (kind IN ('PLAY', 'TOPUP')),
  play_id            uuid UNIQUE REFERENCES plays (id),
  request_id         uuid NOT NULL UNIQUE,                    -- the client's key (the play's requestId, the top-up's)
  body_hash          text,                                    -- top-ups: SHA-256 of the canonical request body
  user_id            uuid NOT NULL REFERENCES players (id),
  amount_micro       bigint NOT NULL CHECK (amount_micro > 0),
  amount_minor       bigint NOT NULL CHECK (amount_minor > 0), -- Stripe's unit: cents
  currency           text NOT NULL CHECK (currency IN ('DOP', 'USD')),
  capture_method     text NOT NULL CHECK (capture_method IN ('manual', 'automatic')),
  payment_method_id  text,                                    -- a Stripe PaymentMethod id (pm_...) the server confirms with
  payment_intent_id  text UNIQUE,
  client_secret      text,                                    -- handed to the paying player only (client-side confirm, 3-D Secure)
  status             text NOT NULL,                           -- 'creating', then the PaymentIntent's status as last read
  next_action        text,                                    -- requires_action: use_stripe_sdk or redirect_to_url
  redirect_url       text,
  amount_capturable_minor bigint NOT NULL DEFAULT 0,
  captured_minor     bigint NOT NULL DEFAULT 0,
  refunded_minor     bigint NOT NULL DEFAULT 0,
  refund_id          text,
  refund_status      text,
  last_error_code    text,                                    -- card_declined, insufficient_funds, ... (decline_code when given)
  last_error_message text,
  credited           boolean NOT NULL DEFAULT false,          -- top-ups: the DEPOSIT ledger entry was written
  needs_attention    boolean NOT NULL DEFAULT false,          -- capture failing after the banca confirmed, a hold lost, a refund failed
  attention_reason   text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_user ON payments (user_id, created_at DESC);
CREATE INDEX payments_open_holds ON payments (created_at) WHERE status = 'requires_capture';
CREATE INDEX payments_attention ON payments (updated_at) WHERE needs_attention;

-- Durable Stripe work, worked by the shared job runner (jobs.JobTable columns): SYNC creates the PaymentIntent
-- if it was not, then re-reads it until the payment leaves the customer's hands; CAPTURE after the banca
-- confirmed; RELEASE (cancel the hold, or refund what was captured) when the play ended otherwise.
CREATE TABLE pending_payment_jobs (
  id                uuid PRIMARY KEY,
  counterparty      text NOT NULL DEFAULT 'stripe',           -- whose breaker guards the job
  payment_id        uuid NOT NULL REFERENCES payments (id),
  play_id           uuid,
  kind              text NOT NULL CHECK (kind IN ('SYNC', 'CAPTURE', 'RELEASE')),
  attempts          integer NOT NULL DEFAULT 0,
  last_error        text,
  needs_attention   boolean NOT NULL DEFAULT false,
  next_attempt_at   timestamptz NOT NULL DEFAULT now(),
  locked_by         text,
  locked_until      timestamptz,
  version           bigint NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now(),
  completed_at      timestamptz,
  completion        text,                                      -- STRIPE, MANUAL
  completed_by      text,
  completion_reason text,
  result_status     text
);
CREATE INDEX pending_payment_jobs_due ON pending_payment_jobs (next_attempt_at) WHERE completed_at IS NULL;
CREATE INDEX pending_payment_jobs_payment ON pending_payment_jobs (payment_id);
-- at most one capture and one release per payment, ever: a second move of the play cannot queue a second one
CREATE UNIQUE INDEX pending_payment_jobs_once ON pending_payment_jobs (payment_id, kind) WHERE kind IN ('CAPTURE', 'RELEASE');

-- Every call to Stripe, each retry included: one row, never updated (counterparty.CallJournal).
CREATE TABLE payment_calls (
  id                uuid PRIMARY KEY,
  payment_id        uuid,
  play_id           uuid,
  job_id            uuid,
  operation         text NOT NULL,                             -- create, retrieve, capture, cancel, refund, retrieve_charge, retrieve_refund
  payment_intent_id text,
  idempotency_key   text,
  request_body      text,                                      -- the parameters we sent (never card data: there is none)
  response_body     text,
  response_status   integer,                                   -- HTTP status; null without an answer
  outcome           text NOT NULL,                             -- ok, declined, invalid, retry, breaker_open
  error_code        text,
  stripe_request_id text,
  latency_ms        integer NOT NULL,
  attempt           integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_calls_payment ON payment_calls (payment_id, created_at);
CREATE INDEX payment_calls_time ON payment_calls (created_at);

-- Every Stripe webhook that passed the signature check, once per event id (a repeat finds its row).
CREATE TABLE stripe_events (
  event_id          text PRIMARY KEY,
  type              text NOT NULL,
  api_version       text,
  payment_intent_id text,
  payload           text NOT NULL,
  outcome           text NOT NULL,                             -- applied, ignored, unknown_payment, failed (retried by Stripe)
  error             text,
  attempts          integer NOT NULL DEFAULT 1,
  received_at       timestamptz NOT NULL DEFAULT now(),
  processed_at      timestamptz
);
CREATE INDEX stripe_events_pi ON stripe_events (payment_intent_id, received_at);
CREATE INDEX stripe_events_failed ON stripe_events (received_at) WHERE outcome = 'failed';
