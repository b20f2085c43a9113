-- Prize tax withholding: a rate per lottery (percent of the gross prize, 0 = none), the tax withheld from each
-- play's prize kept on the play (so a correction returns exactly what was taken, whatever the rate is by then),
-- and two new ledger kinds: tax_withholding (a debit written with the prize credit it nets) and
-- withdrawal_reversal (a credit returning a rejected withdrawal's money; see V171).
ALTER TABLE lotteries ADD COLUMN prize_tax_rate numeric(5, 2) NOT NULL DEFAULT 0
  CHECK (prize_tax_rate >= 0 AND prize_tax_rate < 100);

ALTER TABLE plays ADD COLUMN prize_tax_micro bigint CHECK (prize_tax_micro >= 0);

-- The kind and sign checks of V101 (named by Postgres) are replaced by named ones; the ledger is locked while
-- its existing rows are checked against them (one scan, in the migration's transaction).
ALTER TABLE player_ledger DROP CONSTRAINT player_ledger_kind_check;
ALTER TABLE player_ledger DROP CONSTRAINT player_ledger_check;
ALTER TABLE player_ledger ADD CONSTRAINT player_ledger_kind_check CHECK (kind IN ('deposit', 'play_debit', 'prize_credit',
  'refund', 'withdrawal', 'adjustment', 'tax_withholding', 'withdrawal_reversal'));
ALTER TABLE player_ledger ADD CONSTRAINT player_ledger_sign_check CHECK (
     (kind IN ('play_debit', 'withdrawal', 'tax_withholding') AND amount_micro < 0)
  OR (kind IN ('deposit', 'prize_credit', 'refund', 'withdrawal_reversal') AND amount_micro > 0)
  OR kind = 'adjustment');
