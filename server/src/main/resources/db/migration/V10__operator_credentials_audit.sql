-- Direct SQL changes to operator_credentials (the leak playbook's `UPDATE ... SET revoked_at = now()`) are
-- audited with changed_by = the database user. The application writes its own, richer audit row (who from the
-- admin token or the OS user) and marks its transaction with yantra.app_audit = 'on', so nothing is logged twice.
CREATE OR REPLACE FUNCTION operator_credentials_sql_audit() RETURNS trigger AS $$
DECLARE
  old_json text;
  new_json text;
  subject_kid text;
BEGIN
  IF coalesce(current_setting('yantra.app_audit', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    old_json := (to_jsonb(OLD) - 'secret_ciphertext')::text;
    subject_kid := OLD.kid;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_json := (to_jsonb(NEW) - 'secret_ciphertext')::text;
    subject_kid := NEW.kid;
  END IF;
  INSERT INTO admin_audit_log (changed_by, action, subject, old_value, new_value, reason)
  VALUES (current_user, 'credential.sql_' || lower(TG_OP), 'credential:' || subject_kid, old_json, new_json,
          'direct SQL change to operator_credentials');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER operator_credentials_sql_audit
  AFTER INSERT OR UPDATE OR DELETE ON operator_credentials
  FOR EACH ROW EXECUTE FUNCTION operator_credentials_sql_audit();
