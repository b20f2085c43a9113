-- Results of draws and the prizes of plays.
-- One result per draw; a correction after settlement bumps revision (the old numbers stay in admin_audit_log),
-- and every play remembers the revision it was last evaluated against, so settlement and corrections resume.
CREATE TABLE draw_results (
  draw_id       uuid PRIMARY KEY REFERENCES draws (id),
  first         text NOT NULL CHECK (first ~ '^[0-9]{2}$'),
  second        text NOT NULL CHECK (second ~ '^[0-9]{2}$'),
  third         text NOT NULL CHECK (third ~ '^[0-9]{2}$'),
  pick3         text CHECK (pick3 ~ '^[0-9]{3}$'),
  revision      int NOT NULL DEFAULT 1 CHECK (revision >= 1),
  source        text NOT NULL DEFAULT 'admin',
  entered_by    text NOT NULL,
  entered_at    timestamptz NOT NULL DEFAULT now(),
  needs_confirmation boolean NOT NULL DEFAULT false,   -- four-eyes: a second admin must confirm before settlement
  confirmed_by  text,
  confirmed_at  timestamptz,
  version       int NOT NULL DEFAULT 0,
  CHECK (confirmed_by IS NULL OR confirmed_by <> entered_by)
);

-- Four-eyes per lottery (default off) and the prize above which an admin approves before it is credited
-- (null: the built-in default of dev.yantra.lottery.results.PrizeRules).
ALTER TABLE lotteries ADD COLUMN results_four_eyes boolean NOT NULL DEFAULT false;
ALTER TABLE lotteries ADD COLUMN prize_approval_threshold_micro bigint CHECK (prize_approval_threshold_micro > 0);

ALTER TABLE plays ADD COLUMN result text CHECK (result IN ('won', 'lost'));
ALTER TABLE plays ADD COLUMN prize_amount_micro bigint CHECK (prize_amount_micro >= 0);
ALTER TABLE plays ADD COLUMN prize_status text CHECK (prize_status IN ('none', 'awaiting_approval', 'credited'));
ALTER TABLE plays ADD COLUMN result_revision int;          -- the draw_results.revision this play was evaluated against
ALTER TABLE plays ADD COLUMN prize_approved_by text;
ALTER TABLE plays ADD COLUMN settled_at timestamptz;
CREATE INDEX plays_prize_awaiting ON plays (draw_id) WHERE prize_status = 'awaiting_approval';
