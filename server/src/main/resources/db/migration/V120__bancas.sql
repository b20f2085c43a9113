-- Lottery shops (bancas) and their HMAC secrets. A banca is created pending, approved (active) or rejected by
-- an admin, and may be suspended and reactivated; every change is audited in admin_audit_log by the code.
CREATE TABLE bancas (
  id             uuid PRIMARY KEY,
  name           text NOT NULL UNIQUE,
  rnc            text NOT NULL,                                 -- Dominican tax id
  endpoint_url   text NOT NULL,                                 -- base URL; we POST {endpoint_url}/v1/plays/register
  contact        text NOT NULL,
  commission     numeric(5, 2) NOT NULL DEFAULT 0 CHECK (commission >= 0 AND commission <= 100),   -- percent
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'rejected', 'suspended')),
  status_reason  text,
  sucursales     jsonb NOT NULL DEFAULT '[]'::jsonb,            -- branches: [{"code":..., "name":...}]
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bancas_status ON bancas (status);

-- A banca's secrets, sealed with the master key (AES-256-GCM, associated data = key_id). Staged rotation: a
-- secret is issued (or imported) inactive and already verifies the banca's webhooks; activating it makes it the
-- one we sign with and gives the previously active one not_after = now() + overlap; revoking ends it at once.
CREATE TABLE banca_credentials (
  id                uuid PRIMARY KEY,
  banca_id          uuid NOT NULL REFERENCES bancas (id),
  key_id            text NOT NULL UNIQUE,
  secret_ciphertext text NOT NULL,
  imported          boolean NOT NULL DEFAULT false,
  activated_at      timestamptz,                                -- null: issued, not yet signing
  not_after         timestamptz,                                -- end of the overlap once superseded
  revoked_at        timestamptz,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX banca_credentials_banca ON banca_credentials (banca_id, created_at);
-- At most one secret a banca's calls are signed with (activated, not superseded, not revoked).
CREATE UNIQUE INDEX banca_credentials_one_signing ON banca_credentials (banca_id)
  WHERE activated_at IS NOT NULL AND not_after IS NULL AND revoked_at IS NULL;

-- The lottery's default banca (the draws migration left the column without its key until bancas existed).
ALTER TABLE lotteries ADD CONSTRAINT lotteries_default_banca_fk FOREIGN KEY (default_banca_id) REFERENCES bancas (id);
