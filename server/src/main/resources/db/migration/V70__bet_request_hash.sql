-- Bet idempotency compares bodies like the operator API's: the SHA-256 of the bet request's canonical JSON (keys
-- sorted, no whitespace). The same requestUuid with another body is a 409 idempotency_key_reused, not the first bet.
-- Expand only: null on older rows (and from older code), which are compared by amount instead.
ALTER TABLE bets ADD COLUMN request_hash text;
