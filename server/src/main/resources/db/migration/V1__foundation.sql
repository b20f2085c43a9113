-- Schema v1: the tables the RGS incident playbooks query, with the names and types they expect.
-- Money is bigint micro-units, ids are uuid, times are timestamptz. Expand/contract: later
-- versions only add; a column is dropped one release after the code stopped reading it.
-- Version ranges per feature, so parallel work never collides: V1-9 foundation, V10-19 operator,
-- V20-29 money path, V30-39 jobs, V40-49 reconcile, V50-59 ops/observability, V60-69 mitigations.

DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC');
END $$;

CREATE TABLE operators (
  id                    uuid PRIMARY KEY,
  name                  text NOT NULL UNIQUE,
  status                text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PAUSED', 'TERMINATED')),
  allowed_currencies    text[] NOT NULL DEFAULT '{}',
  wallet_callback_url   text,
  compliance_contact    text NOT NULL,
  ip_allow_list         text[],                        -- null: any source address
  rate_limit_per_second integer NOT NULL DEFAULT 100 CHECK (rate_limit_per_second > 0),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE operator_credentials (
  id                uuid PRIMARY KEY,
  operator_id       uuid NOT NULL REFERENCES operators (id),
  kid               text NOT NULL UNIQUE,
  kind              text NOT NULL CHECK (kind IN ('INBOUND', 'OUTBOUND')),
  secret_ciphertext text NOT NULL,                      -- AES-256-GCM under YANTRA_MASTER_KEY
  not_before        timestamptz NOT NULL DEFAULT now(),
  not_after         timestamptz,
  revoked_at        timestamptz,
  created_by        text NOT NULL DEFAULT current_user,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX operator_credentials_operator ON operator_credentials (operator_id, kind);

CREATE TABLE operator_game_configs (
  id          uuid PRIMARY KEY,
  operator_id uuid NOT NULL REFERENCES operators (id),
  game_code   text NOT NULL,
  currency    text NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  config      jsonb NOT NULL,                           -- the game plugin's fields: lowWeight, highWeight, ...
  version     integer NOT NULL DEFAULT 1,
  updated_by  text NOT NULL DEFAULT current_user,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (operator_id, game_code, currency)
);

CREATE TABLE operator_config_audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operator_id uuid NOT NULL,
  config_id   uuid,
  game_code   text,
  currency    text,
  field_name  text NOT NULL,                            -- exactly the config key: lowWeight, enabled, ...
  old_value   text,
  new_value   text,
  changed_by  text NOT NULL,
  reason      text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX operator_config_audit_log_field ON operator_config_audit_log (field_name, created_at);
CREATE INDEX operator_config_audit_log_operator ON operator_config_audit_log (operator_id, created_at);

CREATE TABLE game_sessions (
  id                 uuid PRIMARY KEY,
  operator_id        uuid NOT NULL REFERENCES operators (id),
  request_uuid       uuid NOT NULL,
  player_ref         text NOT NULL,
  game_code          text NOT NULL,
  currency           text NOT NULL,
  lang               text,
  country            text,
  mode               text NOT NULL DEFAULT 'real' CHECK (mode IN ('real', 'demo')),
  return_url         text,
  client_seed        text,
  token_hash         text NOT NULL UNIQUE,              -- SHA-256 of the bearer token; the token itself is never stored
  status             text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'TERMINATED')),
  terminated_reason  text,
  demo_balance_micro bigint,                            -- play money for mode=demo; never touches a wallet
  kid                text,
  expires_at         timestamptz NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  terminated_at      timestamptz
);
CREATE INDEX game_sessions_operator ON game_sessions (operator_id, created_at);
CREATE INDEX game_sessions_player ON game_sessions (operator_id, player_ref);

CREATE TABLE game_tables (
  id               uuid PRIMARY KEY,
  operator_id      uuid NOT NULL REFERENCES operators (id),
  game_code        text NOT NULL,
  currency         text NOT NULL,
  lease_owner      text,                                -- node id of the leader
  lease_epoch      bigint NOT NULL DEFAULT 0,           -- fencing token: bumped on every takeover
  lease_expires_at timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (operator_id, game_code, currency)
);

CREATE TABLE fairness_chains (
  id                uuid PRIMARY KEY,
  table_id          uuid NOT NULL REFERENCES game_tables (id),
  client_seed       text NOT NULL,
  s0                text NOT NULL,                      -- the commitment, published before round 1
  length            integer NOT NULL CHECK (length > 0),
  seed_ciphertext   text NOT NULL,                      -- s_N, encrypted; every s_k is derived from it
  next_nonce        integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  exhausted_at      timestamptz
);
CREATE INDEX fairness_chains_table ON fairness_chains (table_id, created_at);

CREATE TABLE rounds (
  id                 uuid PRIMARY KEY,
  table_id           uuid NOT NULL REFERENCES game_tables (id),
  operator_id        uuid NOT NULL REFERENCES operators (id),
  game_code          text NOT NULL,
  currency           text NOT NULL,
  chain_id           uuid NOT NULL REFERENCES fairness_chains (id),
  nonce              bigint NOT NULL,
  server_seed_hash   text NOT NULL,
  server_seed        text,                              -- revealed only once the round is SETTLED or VOIDED
  client_seed        text NOT NULL,
  config_version     integer NOT NULL,
  config             jsonb NOT NULL,
  rng_version        text NOT NULL,
  build_hash         text NOT NULL,
  lease_epoch        bigint NOT NULL,
  state              text NOT NULL CHECK (state IN ('BETTING_OPEN', 'ROLLING', 'RESULT', 'SETTLED', 'VOIDED')),
  outcome            jsonb,
  total_stake_micro  bigint NOT NULL DEFAULT 0,
  total_payout_micro bigint NOT NULL DEFAULT 0,
  bet_count          integer NOT NULL DEFAULT 0,
  opened_at          timestamptz NOT NULL DEFAULT now(),
  betting_closes_at  timestamptz,
  rolling_at         timestamptz,
  result_at          timestamptz,
  settled_at         timestamptz,
  voided_at          timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (chain_id, nonce)
);
CREATE INDEX rounds_operator ON rounds (operator_id, created_at);
CREATE INDEX rounds_table ON rounds (table_id, created_at);
CREATE INDEX rounds_open ON rounds (table_id) WHERE state IN ('BETTING_OPEN', 'ROLLING', 'RESULT');

CREATE TABLE bets (
  id                    uuid PRIMARY KEY,
  round_id              uuid NOT NULL REFERENCES rounds (id),
  session_id            uuid NOT NULL REFERENCES game_sessions (id),
  operator_id           uuid NOT NULL REFERENCES operators (id),
  player_ref            text NOT NULL,
  currency              text NOT NULL,
  mode                  text NOT NULL DEFAULT 'real',
  request_uuid          uuid NOT NULL,
  transaction_uuid      uuid NOT NULL UNIQUE,           -- the BET transaction sent to the wallet
  amount_micro          bigint NOT NULL CHECK (amount_micro > 0),
  selection             jsonb NOT NULL,
  side                  text,
  state                 text NOT NULL CHECK (state IN ('PENDING', 'ACCEPTED', 'REJECTED', 'UNCERTAIN',
                                                       'LOST', 'WIN_OWED', 'WON', 'REFUND_OWED', 'REFUNDED')),
  reason                text,
  resolution            text,                           -- MANUAL, NOT_FOUND_AT_OPERATOR, ...
  payout_micro          bigint,
  win_transaction_uuid  uuid,
  refund_transaction_uuid uuid,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  settled_at            timestamptz,
  UNIQUE (session_id, request_uuid),
  UNIQUE (round_id, operator_id, player_ref, side)
);
CREATE INDEX bets_round ON bets (round_id);
CREATE INDEX bets_player ON bets (operator_id, player_ref, created_at);
CREATE INDEX bets_open ON bets (state) WHERE state IN ('PENDING', 'UNCERTAIN', 'WIN_OWED', 'REFUND_OWED');

CREATE TABLE wallet_calls (
  id                         uuid PRIMARY KEY,
  operator_id                uuid NOT NULL,
  endpoint                   text NOT NULL CHECK (endpoint IN ('BALANCE', 'BET', 'WIN', 'ROLLBACK')),
  request_uuid               uuid NOT NULL,
  transaction_uuid           uuid,
  reference_transaction_uuid uuid,
  amount_micro               bigint,
  currency                   text,
  player_ref                 text,
  bet_id                     uuid,
  round_id                   uuid,
  job_id                     uuid,
  request_body               text,
  response_body              text,
  status                     text,                      -- the RS_* code, RS_ERROR_TIMEOUT for a timeout
  response_status            integer,                   -- HTTP status; null when no HTTP answer
  latency_ms                 integer NOT NULL,
  attempt                    integer NOT NULL DEFAULT 1,
  succeeded                  boolean NOT NULL,          -- money moved or confirmed moved
  kid                        text,
  created_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wallet_calls_operator_time ON wallet_calls (operator_id, created_at);
CREATE INDEX wallet_calls_failed ON wallet_calls (operator_id, created_at) WHERE succeeded = false;
CREATE INDEX wallet_calls_transaction ON wallet_calls (transaction_uuid);
CREATE INDEX wallet_calls_bet ON wallet_calls (bet_id);
CREATE INDEX wallet_calls_kid ON wallet_calls (kid, created_at);

CREATE TABLE pending_wallet_jobs (
  id                         uuid PRIMARY KEY,
  operator_id                uuid NOT NULL,
  endpoint                   text NOT NULL CHECK (endpoint IN ('BET', 'WIN', 'ROLLBACK')),
  bet_id                     uuid,
  round_id                   uuid,
  player_ref                 text,
  currency                   text,
  amount_micro               bigint,
  request_uuid               uuid NOT NULL,             -- reused on every retry
  transaction_uuid           uuid NOT NULL UNIQUE,      -- reused on every retry
  reference_transaction_uuid uuid,
  payload                    jsonb,
  attempts                   integer NOT NULL DEFAULT 0,
  last_error                 text,
  needs_attention            boolean NOT NULL DEFAULT false,
  next_attempt_at            timestamptz NOT NULL DEFAULT now(),
  locked_by                  text,
  locked_until               timestamptz,
  version                    bigint NOT NULL DEFAULT 0,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  completed_at               timestamptz,
  completion                 text,                      -- WALLET, MANUAL
  completed_by               text,
  completion_reason          text,
  result_status              text
);
CREATE INDEX pending_wallet_jobs_due ON pending_wallet_jobs (next_attempt_at) WHERE completed_at IS NULL;
CREATE INDEX pending_wallet_jobs_open ON pending_wallet_jobs (endpoint, operator_id, created_at) WHERE completed_at IS NULL;
CREATE INDEX pending_wallet_jobs_bet ON pending_wallet_jobs (bet_id);

CREATE TABLE inbound_idempotency (
  operator_id    uuid NOT NULL,
  request_uuid   uuid NOT NULL,
  endpoint       text NOT NULL,
  body_hash      text NOT NULL,                         -- SHA-256 of the canonical JSON of the body
  kid            text,
  source_ip      text,
  status_code    integer,                               -- null while the first request is still executing
  response_body  text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  completed_at   timestamptz,
  expires_at     timestamptz NOT NULL DEFAULT now() + interval '24 hours',
  PRIMARY KEY (operator_id, request_uuid, endpoint)
);
CREATE INDEX inbound_idempotency_expiry ON inbound_idempotency (expires_at);
CREATE INDEX inbound_idempotency_kid ON inbound_idempotency (kid, created_at);

-- Who changed what through the admin API or the CLI (changed_by = admin token name or cli:<os user>).
CREATE TABLE admin_audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  changed_by text NOT NULL,
  action     text NOT NULL,
  subject    text,
  old_value  text,
  new_value  text,
  reason     text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_time ON admin_audit_log (created_at);
