-- The wallet-down playbook's "communicate" step: a banner per operator, shown on /play and served to the operator.
CREATE TABLE incident_banners (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operator_id uuid NOT NULL,
  message     text NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
  posted_by   text NOT NULL,
  posted_at   timestamptz NOT NULL DEFAULT now(),
  cleared_by  text,
  cleared_at  timestamptz
);
CREATE UNIQUE INDEX incident_banners_one_active ON incident_banners (operator_id) WHERE cleared_at IS NULL;
