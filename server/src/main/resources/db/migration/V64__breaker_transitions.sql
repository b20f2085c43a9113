-- Every circuit-breaker transition of every node, so the post-incident report can draw the timeline
-- (a log line alone is gone when the pod is).
CREATE TABLE breaker_transitions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operator_id uuid NOT NULL,
  node        text NOT NULL,
  from_state  text NOT NULL,
  to_state    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX breaker_transitions_operator ON breaker_transitions (operator_id, created_at);
