-- When the bet path recorded the wallet's acceptance of a bet's stake. The accepting write sets it with the
-- database's clock in the same statement that checks the round is still open for bets, so
-- accepted_at < rounds.betting_closes_at holds for every bet accepted from this version on (round/MoneyInvariants
-- checks it). Bets accepted before this column existed have none.
ALTER TABLE bets ADD COLUMN accepted_at timestamptz;
