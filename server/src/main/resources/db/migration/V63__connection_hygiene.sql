-- Connection hygiene (DB-exhaustion playbook): bounds every session of this database gets from the server
-- itself, so they also hold behind PgBouncer in transaction mode (a session-level SET would not survive the
-- pooler handing the connection to someone else). A runaway query ends after 60 s; a transaction left idle
-- (a bug that holds a connection) is cut after 60 s; a lock wait gives up after 10 s instead of piling up.
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET statement_timeout TO %L', current_database(), '60s');
  EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout TO %L', current_database(), '60s');
  EXECUTE format('ALTER DATABASE %I SET lock_timeout TO %L', current_database(), '10s');
END $$;
