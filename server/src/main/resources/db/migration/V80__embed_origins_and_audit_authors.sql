-- The operator's own sites that may frame /play (Content-Security-Policy frame-ancestors); empty = 'self' only.
ALTER TABLE operators ADD COLUMN embed_origins text[] NOT NULL DEFAULT '{}';

-- An audit row always names a real author: never empty and never the text of a missing value. NOT VALID keeps
-- any historical rows readable (they predate the rule) while every new row is checked.
ALTER TABLE admin_audit_log ADD CONSTRAINT admin_audit_log_real_author
  CHECK (btrim(changed_by) <> '' AND lower(changed_by) NOT IN ('null', 'undefined')) NOT VALID;
