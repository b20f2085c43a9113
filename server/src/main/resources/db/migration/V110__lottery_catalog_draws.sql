-- The lottery catalog, its draws, and the lease of the one node that moves draws through their states.
-- Expand only: new tables that older code never reads.

-- Leadership of node-wide singletons (the draw scheduler first). Same columns and rules as the lease on
-- game_tables (db.RowLease): one guarded UPDATE takes or renews a row, the epoch is the fencing token.
CREATE TABLE leader_leases (
  name             text PRIMARY KEY,
  lease_owner      text,                                -- node id of the leader
  lease_epoch      bigint NOT NULL DEFAULT 0,           -- fencing token: bumped on every takeover
  lease_expires_at timestamptz
);
INSERT INTO leader_leases (name) VALUES ('draw-scheduler');

CREATE TABLE lotteries (
  id               text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),   -- slug: leidsa, loteka, nacional
  name             text NOT NULL,
  time_zone        text NOT NULL,                       -- IANA zone of the schedule, e.g. America/Santo_Domingo
  schedule         jsonb NOT NULL,                      -- DrawSchedule's map form: weekly times or every N minutes
  close_minutes    integer NOT NULL DEFAULT 5 CHECK (close_minutes BETWEEN 0 AND 1440),
  bet_types        text[] NOT NULL,                     -- wire names (quiniela, pale, ...)
  payout_table     jsonb NOT NULL,                      -- PayoutTable's map form (micro-units per unit staked)
  has_pick3        boolean NOT NULL DEFAULT false,      -- has a 3-digit result, so may offer the pick-3 types
  default_banca_id uuid,                                -- FK to bancas (id) added by the bancas migration
  min_amount_micro bigint NOT NULL DEFAULT 100000 CHECK (min_amount_micro > 0),
  max_amount_micro bigint NOT NULL CHECK (max_amount_micro >= min_amount_micro),
  currencies       text[] NOT NULL DEFAULT ARRAY['DOP'],
  enabled          boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- For the bancas migration, once its table exists:
--   ALTER TABLE lotteries ADD CONSTRAINT lotteries_default_banca_fk
--     FOREIGN KEY (default_banca_id) REFERENCES bancas (id);

CREATE TABLE draws (
  id               uuid PRIMARY KEY,
  lottery_id       text NOT NULL REFERENCES lotteries (id),
  draw_time        timestamptz NOT NULL,
  closes_at        timestamptz NOT NULL,                -- sales end: draw_time - close_minutes when generated
  state            text NOT NULL DEFAULT 'SCHEDULED'
                   CHECK (state IN ('SCHEDULED', 'OPEN', 'CLOSED', 'RESULTED', 'SETTLED', 'CANCELLED')),
  state_changed_at timestamptz NOT NULL DEFAULT now(),
  moved_by         text,                                -- node id (or cli:<user>) of the last move
  version          bigint NOT NULL DEFAULT 0,           -- bumped on every move
  cancel_reason    text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (lottery_id, draw_time),
  CHECK (closes_at <= draw_time)
);
-- the scheduler's two scans: draws to open, draws to close
CREATE INDEX draws_to_move ON draws (closes_at) WHERE state IN ('SCHEDULED', 'OPEN');
CREATE INDEX draws_by_lottery_time ON draws (lottery_id, closes_at);

-- One row per state move, written in the statement that makes it: who moved the draw, under which lease
-- epoch (null for an admin's move), when. Proves a draw was moved once and answers "who closed it".
CREATE TABLE draw_transitions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draw_id     uuid NOT NULL REFERENCES draws (id),
  from_state  text NOT NULL,
  to_state    text NOT NULL,
  moved_by    text NOT NULL,
  lease_epoch bigint,
  moved_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX draw_transitions_draw ON draw_transitions (draw_id, moved_at);
