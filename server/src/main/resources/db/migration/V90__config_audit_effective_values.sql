-- The config audit records what actually changed (issue 15). A field a config does not store has its game's
-- default value; a change that only writes that default down is no change, and a field first set away from its
-- default had the default before. The trigger cannot know a game's defaults, so the writer (GameConfigStore)
-- tells it for the transaction: SET LOCAL yantra.config_defaults = '<the game's default config as JSON>'.
-- Without it (a direct SQL INSERT or UPDATE) the trigger behaves as V60 did: a missing field is null.
-- On INSERT: one row per field that differs from the default (all fields when defaults are unknown), and the
-- 'enabled' row that marks the creation.

CREATE OR REPLACE FUNCTION operator_game_configs_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who text := coalesce(nullif(current_setting('yantra.changed_by', true), ''), current_user);
  why text := nullif(current_setting('yantra.change_reason', true), '');
  defaults jsonb := nullif(current_setting('yantra.config_defaults', true), '')::jsonb;
  k text;
  was text;
  now_is text;
  changed boolean := false;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO operator_config_audit_log (operator_id, config_id, game_code, currency, field_name, old_value, new_value, changed_by, reason)
    SELECT NEW.operator_id, NEW.id, NEW.game_code, NEW.currency, e.key, defaults ->> e.key, e.value #>> '{}', who, why
      FROM jsonb_each(NEW.config) e
     WHERE defaults IS NULL OR (e.value #>> '{}') IS DISTINCT FROM (defaults ->> e.key);
    INSERT INTO operator_config_audit_log (operator_id, config_id, game_code, currency, field_name, old_value, new_value, changed_by, reason)
    VALUES (NEW.operator_id, NEW.id, NEW.game_code, NEW.currency, 'enabled', NULL, NEW.enabled::text, who, why);
    RETURN NEW;
  END IF;
  FOR k IN SELECT key FROM jsonb_each(NEW.config) UNION SELECT key FROM jsonb_each(OLD.config) LOOP
    was := coalesce(OLD.config ->> k, defaults ->> k);
    now_is := coalesce(NEW.config ->> k, defaults ->> k);
    IF was IS DISTINCT FROM now_is THEN   -- text compare: "48" and 48 are one value
      INSERT INTO operator_config_audit_log (operator_id, config_id, game_code, currency, field_name, old_value, new_value, changed_by, reason)
      VALUES (NEW.operator_id, NEW.id, NEW.game_code, NEW.currency, k, was, now_is, who, why);
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
