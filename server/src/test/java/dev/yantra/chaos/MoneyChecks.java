package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.round.MoneyInvariants;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The end-of-test money assertions shared by the multi-process tests, all on the shared database: our side (bets,
 * wallet_calls, pending_wallet_jobs) against the demo wallet's ledger (demo_wallet_transactions, _players).
 */
final class MoneyChecks {
    static final String FINAL = "('REJECTED','LOST','WON','REFUNDED')";

    private MoneyChecks() {
    }

    /** Nothing breaks the always-on money rules ({@link MoneyInvariants}), in any round the test ran. */
    static void assertMoneyInvariantsHold(JdbcClient j) {
        assertThat(new MoneyInvariants(j).violations()).as("bets breaking the money invariants").isEmpty();
    }

    static int openJobs(JdbcClient j) {
        return j.sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL").query(Integer.class).single();
    }

    static int betsNotFinal(JdbcClient j) {
        return j.sql("SELECT count(*) FROM bets WHERE state NOT IN " + FINAL).query(Integer.class).single();
    }

    /** No transaction moved money twice, and each bet's money in the ledger is exactly what its final state says. */
    static void assertEachBetMovedMoneyOnce(JdbcClient j) {
        assertThat(j.sql("""
                SELECT kind || ' ' || reference_transaction_uuid || ' x' || count(*) FROM demo_wallet_transactions
                 WHERE kind IN ('WIN', 'ROLLBACK') AND result_status = 'RS_OK' GROUP BY kind, reference_transaction_uuid HAVING count(*) > 1""")
                .query(String.class).list()).as("a bet credited or refunded twice").isEmpty();
        // per bet: [ledger BET amount, WIN amount, ROLLBACK count], compared with the bet's final state
        List<Map<String, Object>> wrong = j.sql("""
                SELECT b.id, b.state, b.amount_micro, b.payout_micro, bt.amount_micro AS debited, w.amount_micro AS credited,
                       r.transaction_uuid AS refund
                  FROM bets b
                  LEFT JOIN demo_wallet_transactions bt ON bt.transaction_uuid = b.transaction_uuid AND bt.kind = 'BET' AND bt.result_status = 'RS_OK'
                  LEFT JOIN demo_wallet_transactions w ON w.reference_transaction_uuid = b.transaction_uuid AND w.kind = 'WIN' AND w.result_status = 'RS_OK'
                  LEFT JOIN demo_wallet_transactions r ON r.reference_transaction_uuid = b.transaction_uuid AND r.kind = 'ROLLBACK' AND r.result_status = 'RS_OK'
                 WHERE NOT CASE b.state
                   WHEN 'LOST'     THEN bt.amount_micro = b.amount_micro AND w.amount_micro IS NULL AND r.transaction_uuid IS NULL
                   WHEN 'WON'      THEN bt.amount_micro = b.amount_micro AND w.amount_micro = b.payout_micro AND r.transaction_uuid IS NULL
                   WHEN 'REFUNDED' THEN bt.amount_micro = b.amount_micro AND w.amount_micro IS NULL AND r.transaction_uuid IS NOT NULL
                   WHEN 'REJECTED' THEN bt.amount_micro IS NULL AND w.amount_micro IS NULL AND r.transaction_uuid IS NULL
                   ELSE false END""").query().listOfRows();
        assertThat(wrong).as("bets whose ledger money disagrees with their final state").isEmpty();
    }

    /** Every player's demo balance == initial − stakes of LOST/WON bets + payouts of WON bets, and == initial + ledger net. */
    static void assertBalancesReconcile(JdbcClient j, long initialMicro) {
        List<Map<String, Object>> wrong = j.sql("""
                WITH ours AS (
                  SELECT player_ref,
                         sum(amount_micro) FILTER (WHERE state IN ('LOST','WON')) AS stakes,
                         coalesce(sum(payout_micro) FILTER (WHERE state = 'WON'), 0) AS wins
                    FROM bets GROUP BY player_ref),
                ledger AS (
                  SELECT player_ref, sum(CASE kind WHEN 'BET' THEN -amount_micro WHEN 'WIN' THEN amount_micro
                                                   WHEN 'ROLLBACK' THEN amount_micro ELSE 0 END) AS net
                    FROM demo_wallet_transactions WHERE result_status = 'RS_OK' GROUP BY player_ref)
                SELECT p.player_ref, p.balance_micro, :initial - coalesce(o.stakes, 0) + coalesce(o.wins, 0) AS expected,
                       :initial + coalesce(l.net, 0) AS by_ledger
                  FROM demo_wallet_players p LEFT JOIN ours o USING (player_ref) LEFT JOIN ledger l USING (player_ref)
                 WHERE p.balance_micro <> :initial - coalesce(o.stakes, 0) + coalesce(o.wins, 0)
                    OR p.balance_micro <> :initial + coalesce(l.net, 0)""")
                .param("initial", initialMicro).query().listOfRows();
        assertThat(wrong).as("players whose wallet balance does not reconcile").isEmpty();
    }

    /**
     * wallet_calls (each transaction once, succeeded) against the demo ledger's money-moving rows (result RS_OK; the
     * ledger also keeps refused rollbacks with amount 0), transaction by transaction, kind and amount to the micro. The one allowed difference: a BET the wallet booked while its answer was lost (a
     * timeout) has no succeeded journal row; such a bet must have been rolled back (REFUNDED) — "in doubt, roll back".
     * @return how many such lost-answer bets there were (for the log)
     */
    static int assertJournalMatchesLedger(JdbcClient j) {
        assertThat(j.sql("""
                SELECT transaction_uuid || ' ' || count(DISTINCT endpoint) || ' ' || count(DISTINCT amount_micro)
                  FROM wallet_calls WHERE succeeded GROUP BY transaction_uuid
                HAVING count(DISTINCT endpoint) > 1 OR count(DISTINCT amount_micro) > 1""").query(String.class).list())
                .as("one transaction journaled as different kinds or amounts").isEmpty();
        List<String> onlyOurs = j.sql("""
                SELECT DISTINCT c.endpoint || ' ' || c.transaction_uuid FROM wallet_calls c
                 WHERE c.succeeded AND c.endpoint <> 'BALANCE' AND NOT EXISTS (
                   SELECT 1 FROM demo_wallet_transactions t WHERE t.transaction_uuid = c.transaction_uuid
                      AND t.kind = c.endpoint AND t.amount_micro = c.amount_micro AND t.result_status = 'RS_OK')""").query(String.class).list();
        assertThat(onlyOurs).as("journaled as succeeded but not in the demo ledger (same kind and amount)").isEmpty();
        List<Map<String, Object>> onlyTheirs = j.sql("""
                SELECT t.kind, t.transaction_uuid, b.state FROM demo_wallet_transactions t
                  LEFT JOIN bets b ON b.transaction_uuid = t.transaction_uuid
                 WHERE t.kind IN ('BET','WIN','ROLLBACK') AND t.result_status = 'RS_OK' AND NOT EXISTS (
                   SELECT 1 FROM wallet_calls c WHERE c.transaction_uuid = t.transaction_uuid AND c.succeeded)""")
                .query().listOfRows();
        assertThat(onlyTheirs).as("in the ledger, never journaled as succeeded, and not a rolled-back bet")
                .allSatisfy(r -> {
                    assertThat(r.get("kind")).isEqualTo("BET");
                    assertThat(r.get("state")).isEqualTo("REFUNDED");
                });
        return onlyTheirs.size();
    }

    /**
     * Per fairness chain the nonces are consecutive, a round opens only after the previous one finished, and the
     * lease epoch never goes back (an older leader never wrote after a newer one took over).
     */
    static void assertRoundsRanOnceInOrder(JdbcClient j) {
        List<Map<String, Object>> rounds = j.sql("""
                SELECT chain_id, nonce, lease_epoch, state, opened_at, coalesce(settled_at, voided_at) AS finished
                  FROM rounds ORDER BY chain_id, nonce""").query().listOfRows();
        assertThat(rounds).isNotEmpty();
        for (int i = 1; i < rounds.size(); i++) {
            Map<String, Object> prev = rounds.get(i - 1);
            Map<String, Object> cur = rounds.get(i);
            if (!prev.get("chain_id").equals(cur.get("chain_id"))) continue;
            String at = " at nonce " + cur.get("nonce");
            assertThat(((Number) cur.get("nonce")).longValue()).as("consecutive nonces" + at)
                    .isEqualTo(((Number) prev.get("nonce")).longValue() + 1);
            assertThat(prev.get("finished")).as("previous round finished" + at).isNotNull();
            assertThat((Timestamp) cur.get("opened_at")).as("no overlap" + at).isAfterOrEqualTo((Timestamp) prev.get("finished"));
            assertThat(((Number) cur.get("lease_epoch")).longValue()).as("epoch never goes back" + at)
                    .isGreaterThanOrEqualTo(((Number) prev.get("lease_epoch")).longValue());
        }
    }
}
