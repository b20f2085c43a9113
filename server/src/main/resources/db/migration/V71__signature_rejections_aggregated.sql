-- Rejected signatures are aggregated in memory and written in bounded batches, off the request path: one row per
-- (reason, operator, kid, source address, UTC minute; for clock skew also the sign of the drift) per node, counting its rejections. The
-- triage queries keep reading rows (a row now stands for one or more rejections of one kind in one minute);
-- rejection_count says how many, last_seen_at when the last one came. Unknown kids of one source fold into one row
-- (the first kid seen is kept), so a flood of invented kids costs no more rows than one. Expand only.
ALTER TABLE signature_rejections ADD COLUMN rejection_count bigint NOT NULL DEFAULT 1;
ALTER TABLE signature_rejections ADD COLUMN last_seen_at timestamptz;
