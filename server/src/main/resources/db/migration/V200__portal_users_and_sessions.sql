-- The operator portal (dev.yantra.portal): its users, their second factor, invitations, and the HTTP sessions of
-- /portal kept in Postgres so any node serves them and a revoked session is gone on every node at once.

-- One user, one role. Platform roles see every operator (operator_id NULL); operator roles exactly one.
CREATE TABLE portal_users (
  id              uuid PRIMARY KEY,
  username        text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
  password_hash   text NOT NULL,
  role            text NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'PLATFORM_SUPPORT', 'OPERATOR_ADMIN',
                                                'OPERATOR_FINANCE', 'OPERATOR_SUPPORT', 'OPERATOR_READ_ONLY')),
  operator_id     uuid REFERENCES operators (id),
  -- the TOTP secret sealed with the master key; NULL until the user has confirmed enrolment with a valid code
  totp_sealed     text,
  totp_pending    text,
  -- the last 30-second TOTP step accepted: a code is good once, never replayed within its window
  totp_last_step  bigint NOT NULL DEFAULT 0,
  failed_logins   int NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until    timestamptz,
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL CHECK (btrim(created_by) <> ''),
  CONSTRAINT portal_users_scope CHECK ((role LIKE 'PLATFORM_%') = (operator_id IS NULL))
);

-- Ten single-use codes per user, stored as SHA-256 (each has 50 random bits, so a slow hash adds nothing).
CREATE TABLE portal_recovery_codes (
  user_id    uuid NOT NULL REFERENCES portal_users (id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  used_at    timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- A one-time invitation link shown to the inviter (no mail is sent): only its SHA-256 is kept.
CREATE TABLE portal_invitations (
  token_hash   text PRIMARY KEY,
  username     text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
  role         text NOT NULL,
  operator_id  uuid REFERENCES operators (id),
  created_by   text NOT NULL CHECK (btrim(created_by) <> ''),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  CONSTRAINT portal_invitations_scope CHECK ((role LIKE 'PLATFORM_%') = (operator_id IS NULL))
);

-- Spring Session's JDBC schema (spring-session-jdbc's schema-postgresql.sql) under the portal's table name.
CREATE TABLE portal_sessions (
  primary_id             char(36) NOT NULL,
  session_id             char(36) NOT NULL,
  creation_time          bigint NOT NULL,
  last_access_time       bigint NOT NULL,
  max_inactive_interval  int NOT NULL,
  expiry_time            bigint NOT NULL,
  principal_name         varchar(100),
  CONSTRAINT portal_sessions_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX portal_sessions_ix1 ON portal_sessions (session_id);
CREATE INDEX portal_sessions_ix2 ON portal_sessions (expiry_time);
CREATE INDEX portal_sessions_ix3 ON portal_sessions (principal_name);

CREATE TABLE portal_sessions_attributes (
  session_primary_id  char(36) NOT NULL,
  attribute_name      varchar(200) NOT NULL,
  attribute_bytes     bytea NOT NULL,
  CONSTRAINT portal_sessions_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
  CONSTRAINT portal_sessions_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES portal_sessions (primary_id) ON DELETE CASCADE
);
