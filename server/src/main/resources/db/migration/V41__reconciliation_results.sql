-- The latest outcome of each daily reconciliation, per operator and currency ('ALL' for a transaction-level
-- file). reconciliation_status is derived from this table by every node, so it survives restarts and every
-- node exports the same value.
CREATE TABLE reconciliation_results (
    operator_id   text        NOT NULL,
    currency      text        NOT NULL,
    business_date date        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('MATCH', 'MINOR_DRIFT', 'MAJOR_DRIFT')),
    source_file   text        NOT NULL,
    finished_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (operator_id, currency, business_date)
);
