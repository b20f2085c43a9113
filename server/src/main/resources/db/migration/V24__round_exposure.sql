-- Money path: the running sum of potential payouts of a round's open bets, reserved atomically by the bet path
-- (one guarded UPDATE on the round row, which also serialises bets against the BETTING_OPEN -> ROLLING move),
-- and why a round was voided (quarantine, crash recovery).
ALTER TABLE rounds ADD COLUMN exposure_micro bigint NOT NULL DEFAULT 0 CHECK (exposure_micro >= 0);
ALTER TABLE rounds ADD COLUMN void_reason text;
CREATE INDEX bets_round_state ON bets (round_id, state);
