-- Hash-chained audit (docs/audit-chain.md). Every row of each audit table carries the hash of the row before it in
-- its table's chain, so editing or deleting a row by SQL is detected by `yantra audit verify`:
--   chain_seq  1, 2, 3 ... with no gap, in the order the rows were committed;
--   prev_hash  the row_hash of the row before (base_hash of the chain head for the first row kept);
--   row_hash   hex SHA-256 of prev_hash || E'\n' || <table>_chain_text(row).
-- One chain per table, not one for all: the two tables have different writers (the admin code, the config trigger),
-- so neither waits for the other's transactions, and each verifies alone.
-- The link is made by a BEFORE INSERT trigger, whoever inserts (the application, another trigger, a direct SQL
-- INSERT, an older node during a rolling upgrade): it locks the table's row of audit_chain_heads FOR UPDATE, which
-- serializes inserters for the rest of their transaction (a transaction-level row lock, so it holds behind
-- PgBouncer in transaction mode), so chain order is commit order and two writers can never fork the chain.
-- chain_text is built explicitly (timestamps as UTC text), never from to_jsonb(row), whose timestamps follow the
-- session's TimeZone: the same row must hash the same in every session.

CREATE TABLE audit_chain_heads (
  table_name text PRIMARY KEY,
  last_seq   bigint NOT NULL,          -- chain_seq of the newest row (base_seq when none is kept)
  last_hash  text NOT NULL,            -- its row_hash
  base_seq   bigint NOT NULL DEFAULT 0,   -- rows up to this chain_seq were archived and purged by retention
  base_hash  text NOT NULL DEFAULT '',    -- the row_hash of the last purged row ('' at the chain's start)
  updated_at timestamptz NOT NULL DEFAULT now()
);

LOCK TABLE admin_audit_log, operator_config_audit_log IN SHARE ROW EXCLUSIVE MODE;

ALTER TABLE admin_audit_log ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text;
ALTER TABLE operator_config_audit_log ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text;

CREATE FUNCTION admin_audit_log_chain_text(r admin_audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(r.chain_seq, r.id, r.changed_by, r.action, r.subject, r.old_value, r.new_value, r.reason,
                           to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
$$;

CREATE FUNCTION operator_config_audit_log_chain_text(r operator_config_audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(r.chain_seq, r.id, r.operator_id, r.config_id, r.game_code, r.currency, r.field_name,
                           r.old_value, r.new_value, r.changed_by, r.reason,
                           to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
$$;

CREATE FUNCTION audit_chain_hash(prev_hash text, chain_text text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || E'\n' || chain_text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_heads%ROWTYPE;
  body text;
BEGIN
  SELECT * INTO head FROM audit_chain_heads WHERE table_name = TG_TABLE_NAME FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit table % has no row in audit_chain_heads', TG_TABLE_NAME;
  END IF;
  NEW.chain_seq := head.last_seq + 1;
  NEW.prev_hash := head.last_hash;
  EXECUTE format('SELECT %I($1)', TG_TABLE_NAME || '_chain_text') INTO body USING NEW;
  NEW.row_hash := audit_chain_hash(NEW.prev_hash, body);
  UPDATE audit_chain_heads SET last_seq = NEW.chain_seq, last_hash = NEW.row_hash, updated_at = now()
   WHERE table_name = TG_TABLE_NAME;
  RETURN NEW;
END $$;

-- The rows already there are chained in id order (they are all committed; id order is insert order).
-- A historical row that predates V80's author rule must not stop the backfill: the rule is re-added after it.
ALTER TABLE admin_audit_log DROP CONSTRAINT admin_audit_log_real_author;

DO $$
DECLARE
  r admin_audit_log%ROWTYPE;
  seq bigint := 0;
  prev text := '';
BEGIN
  FOR r IN SELECT * FROM admin_audit_log ORDER BY id LOOP
    seq := seq + 1;
    r.chain_seq := seq;
    r.prev_hash := prev;
    r.row_hash := audit_chain_hash(prev, admin_audit_log_chain_text(r));
    UPDATE admin_audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = r.row_hash WHERE id = r.id;
    prev := r.row_hash;
  END LOOP;
  INSERT INTO audit_chain_heads (table_name, last_seq, last_hash) VALUES ('admin_audit_log', seq, prev);
END $$;

DO $$
DECLARE
  r operator_config_audit_log%ROWTYPE;
  seq bigint := 0;
  prev text := '';
BEGIN
  FOR r IN SELECT * FROM operator_config_audit_log ORDER BY id LOOP
    seq := seq + 1;
    r.chain_seq := seq;
    r.prev_hash := prev;
    r.row_hash := audit_chain_hash(prev, operator_config_audit_log_chain_text(r));
    UPDATE operator_config_audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = r.row_hash WHERE id = r.id;
    prev := r.row_hash;
  END LOOP;
  INSERT INTO audit_chain_heads (table_name, last_seq, last_hash) VALUES ('operator_config_audit_log', seq, prev);
END $$;

ALTER TABLE admin_audit_log ADD CONSTRAINT admin_audit_log_real_author
  CHECK (btrim(changed_by) <> '' AND lower(changed_by) NOT IN ('null', 'undefined')) NOT VALID;

ALTER TABLE admin_audit_log ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL;
ALTER TABLE operator_config_audit_log ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL;
CREATE UNIQUE INDEX admin_audit_log_chain ON admin_audit_log (chain_seq);
CREATE UNIQUE INDEX operator_config_audit_log_chain ON operator_config_audit_log (chain_seq);

CREATE TRIGGER admin_audit_log_chain BEFORE INSERT ON admin_audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain_link();
CREATE TRIGGER operator_config_audit_log_chain BEFORE INSERT ON operator_config_audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain_link();
