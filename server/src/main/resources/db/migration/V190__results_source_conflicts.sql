-- Lines of a results source that disagree with a draw's stored result. They are never applied: an admin reads
-- them here (yantra lottery result conflicts) and corrects the result if the source was right. One row per draw,
-- source and offered numbers; a poll that sees the same line again only bumps seen_count and last_seen_at.
CREATE TABLE results_source_conflicts (
  id             bigserial PRIMARY KEY,
  draw_id        uuid NOT NULL REFERENCES draws (id),
  source         text NOT NULL,                        -- the file path or URL the line came from
  line_no        int NOT NULL,                         -- where it was the last time it was seen
  line           text NOT NULL,                        -- the line as read
  stored         text NOT NULL,                        -- the stored result when first seen, e.g. 12-34-56 / 123
  offered        text NOT NULL,                        -- what the line says, same form
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  seen_count     int NOT NULL DEFAULT 1,
  UNIQUE (draw_id, source, offered)
);
