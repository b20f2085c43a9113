-- Every change to an operator's game config is audited one row per changed field, whoever makes it: the CLI,
-- the admin API (both set yantra.changed_by for the transaction with SET LOCAL, which also holds behind
-- PgBouncer in transaction mode) or a direct SQL UPDATE (then changed_by is the database user).
-- The version is bumped here too, so a round can record exactly which config it ran under.

CREATE FUNCTION operator_game_configs_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who text := coalesce(nullif(current_setting('yantra.changed_by', true), ''), current_user);
  why text := nullif(current_setting('yantra.change_reason', true), '');
  k text;
  changed boolean := false;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO operator_config_audit_log (operator_id, config_id, game_code, currency, field_name, old_value, new_value, changed_by, reason)
    SELECT NEW.operator_id, NEW.id, NEW.game_code, NEW.currency, e.key, NULL, e.value #>> '{}', who, why
      FROM jsonb_each(NEW.config) e;
    INSERT INTO operator_config_audit_log (operator_id, config_id, game_code, currency, field_name, old_value, new_value, changed_by, reason)
    VALUES (NEW.operator_id, NEW.id, NEW.game_code, NEW.currency, 'enabled', NULL, NEW.enabled::text, who, why);
    RETURN NEW;
  END IF;
  FOR k IN SELECT key FROM jsonb_each(NEW.config) UNION SELECT key FROM jsonb_each(OLD.config) LOOP
    IF (OLD.config ->> k) IS DISTINCT FROM (NEW.config ->> k) THEN   -- text compare: "48" and 48 are one value
      INSERT INTO operator_config_audit_log (operator_id, config_id, game_code, currency, field_name, old_value, new_value, changed_by, reason)
      VALUES (NEW.operator_id, NEW.id, NEW.game_code, NEW.currency, k, OLD.config ->> k, NEW.config ->> k, who, why);
      changed := true;
    END IF;
  END LOOP;
  IF OLD.enabled IS DISTINCT FROM NEW.enabled THEN
    INSERT INTO operator_config_audit_log (operator_id, config_id, game_code, currency, field_name, old_value, new_value, changed_by, reason)
    VALUES (NEW.operator_id, NEW.id, NEW.game_code, NEW.currency, 'enabled', OLD.enabled::text, NEW.enabled::text, who, why);
    changed := true;
  END IF;
  IF changed THEN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    NEW.updated_by := who;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER operator_game_configs_audit
  BEFORE INSERT OR UPDATE ON operator_game_configs
  FOR EACH ROW EXECUTE FUNCTION operator_game_configs_audit();
