-- The RTP gauges (dev.yantra.ops.metrics.RtpGauges) read the bets settled in the last 24 h every 30 s on every
-- node: without this index that is a scan of the whole bets table. Only settled bets are indexed; the included
-- columns let the aggregate read the index plus the round, not the bet rows' full width.
CREATE INDEX bets_settled_at ON bets (settled_at) INCLUDE (round_id, operator_id, currency, side, amount_micro, payout_micro, state)
  WHERE settled_at IS NOT NULL;
