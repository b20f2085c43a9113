package dev.yantra.chaos;

import dev.yantra.round.MoneyInvariants;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The money invariants of a run, in two lists: {@link #SAMPLED} hold at every instant, even mid-fault (the harness
 * checks them every few seconds while the faults run); {@link #AT_END} hold once the faults stopped and the system
 * recovered (the harness checks them after the queue drained). The sampled rules are checked at the end too.
 * Families: {@code balance}, {@code win-once}, {@code leader}, {@code journal}, {@code jobs}, {@code rounds}.
 */
final class Invariants {
    private Invariants() {
    }

    /** A bet row's transaction as the ledger's rows reference it (BET: its own id; WIN and ROLLBACK: the reference). */
    private static final String LEDGER_BET = "b.transaction_uuid = CASE WHEN t.kind = 'BET' THEN t.transaction_uuid ELSE t.reference_transaction_uuid END";
    private static final String OPEN_JOB = "EXISTS (SELECT 1 FROM pending_wallet_jobs j WHERE j.bet_id = b.id AND j.completed_at IS NULL)";

    static final Invariant NO_NEGATIVE_BALANCE = Invariant.sql("no-negative-balance", "balance",
            "no player's wallet balance is below zero",
            "SELECT player_ref, currency, balance_micro FROM demo_wallet_players WHERE balance_micro < 0");

    static final Invariant WIN_CREDITED_ONCE = Invariant.sql("win-credited-once", "win-once",
            "no bet is credited more than one WIN by the wallet",
            """
            SELECT t.reference_transaction_uuid AS bet_transaction, count(*) AS wins, sum(t.amount_micro) AS credited_micro,
                   string_agg(t.transaction_uuid::text, ',' ORDER BY t.created_at) AS win_transactions
              FROM demo_wallet_transactions t WHERE t.kind = 'WIN' AND t.result_status = 'RS_OK'
             GROUP BY t.reference_transaction_uuid HAVING count(*) > 1""");

    static final Invariant ONE_LEADER_PER_TABLE = Invariant.sql("one-leader-per-table", "leader",
            "at most one round of a table is open at a time, each round opens after the previous one finished, "
                    + "and the lease epoch never goes back",
            """
            SELECT table_id, chain_id, nonce, state, lease_epoch, prev_epoch, opened_at, prev_finished,
                   CASE WHEN lease_epoch < prev_epoch THEN 'epoch went back'
                        WHEN prev_finished IS NULL THEN 'opened while the previous round was still open'
                        ELSE 'opened before the previous round finished' END AS why
              FROM (SELECT table_id, chain_id, nonce, state, lease_epoch, opened_at,
                           lag(lease_epoch) OVER w AS prev_epoch, lag(coalesce(settled_at, voided_at)) OVER w AS prev_finished,
                           lag(nonce) OVER w AS prev_nonce
                      FROM rounds WINDOW w AS (PARTITION BY chain_id ORDER BY nonce)) r
             WHERE prev_nonce IS NOT NULL AND (lease_epoch < prev_epoch OR prev_finished IS NULL OR opened_at < prev_finished)""");

    static final Invariant LEDGER_EXPLAINED = Invariant.sql("ledger-explained-by-in-flight-work", "journal",
            "every difference between the wallet's ledger and wallet_calls is a call in flight or an open job: money the wallet "
                    + "moved without a succeeded journal row belongs to a bet not yet final or with an open job (or a stake "
                    + "whose answer was lost and that was rolled back); a succeeded journal row always has its ledger row",
            """
            SELECT 'in the ledger, not journaled as succeeded' AS what, t.kind, t.transaction_uuid, t.player_ref, t.amount_micro,
                   b.id AS bet_id, b.state AS bet_state
              FROM demo_wallet_transactions t LEFT JOIN bets b ON %s
             WHERE t.kind IN ('BET', 'WIN', 'ROLLBACK') AND t.result_status = 'RS_OK'
               AND NOT EXISTS (SELECT 1 FROM wallet_calls c WHERE c.transaction_uuid = t.transaction_uuid AND c.succeeded)
               AND NOT (b.state IN ('PENDING', 'UNCERTAIN', 'REFUND_OWED', 'WIN_OWED') OR %s
                        OR (t.kind = 'BET' AND b.state = 'REFUNDED'))
            UNION ALL
            SELECT 'journaled as succeeded, not in the ledger', c.endpoint, c.transaction_uuid, c.player_ref, c.amount_micro,
                   c.bet_id, NULL
              FROM wallet_calls c
             WHERE c.succeeded AND c.endpoint <> 'BALANCE' AND NOT EXISTS (
                   SELECT 1 FROM demo_wallet_transactions t WHERE t.transaction_uuid = c.transaction_uuid
                      AND t.kind = c.endpoint AND t.amount_micro = c.amount_micro AND t.result_status = 'RS_OK')"""
                    .formatted(LEDGER_BET, OPEN_JOB));

    static final Invariant JOB_COMPLETED_ONCE = Invariant.sql("job-completed-once", "jobs",
            "no job's completion is written twice (observed by the harness's trigger on pending_wallet_jobs)",
            "SELECT job_id, first_completed, first_by, again_completed, again_by FROM chaos_repeated_completions");

    static final List<Invariant> SAMPLED = List.of(NO_NEGATIVE_BALANCE, WIN_CREDITED_ONCE, ONE_LEADER_PER_TABLE, LEDGER_EXPLAINED,
            JOB_COMPLETED_ONCE);

    static final Invariant JOURNAL_EQUALS_LEDGER = Invariant.sql("journal-equals-ledger", "journal",
            "after recovery the wallet's ledger equals wallet_calls transaction by transaction (kind and amount); the one "
                    + "allowed difference is a stake booked while its answer was lost, which must have been rolled back",
            """
            SELECT 'one transaction journaled as different kinds or amounts' AS what, transaction_uuid::text AS transaction_uuid, NULL AS state
              FROM wallet_calls WHERE succeeded GROUP BY transaction_uuid
            HAVING count(DISTINCT endpoint) > 1 OR count(DISTINCT amount_micro) > 1
            UNION ALL
            SELECT 'in the ledger, never journaled as succeeded (' || t.kind || ')', t.transaction_uuid::text, b.state
              FROM demo_wallet_transactions t LEFT JOIN bets b ON %s
             WHERE t.kind IN ('BET', 'WIN', 'ROLLBACK') AND t.result_status = 'RS_OK'
               AND NOT EXISTS (SELECT 1 FROM wallet_calls c WHERE c.transaction_uuid = t.transaction_uuid AND c.succeeded)
               AND NOT (t.kind = 'BET' AND b.state = 'REFUNDED')
            UNION ALL
            SELECT 'journaled as succeeded, not in the ledger (' || c.endpoint || ')', c.transaction_uuid::text, NULL
              FROM wallet_calls c
             WHERE c.succeeded AND c.endpoint <> 'BALANCE' AND NOT EXISTS (
                   SELECT 1 FROM demo_wallet_transactions t WHERE t.transaction_uuid = c.transaction_uuid
                      AND t.kind = c.endpoint AND t.amount_micro = c.amount_micro AND t.result_status = 'RS_OK')"""
                    .formatted(LEDGER_BET));

    static final Invariant BALANCES_RECONCILE = Invariant.sql("balances-reconcile", "balance",
            "every player's balance equals the starting balance plus the ledger's net, and the starting balance minus the "
                    + "stakes of LOST and WON bets plus the payouts of WON bets",
            """
            WITH ours AS (
              SELECT player_ref, sum(amount_micro) FILTER (WHERE state IN ('LOST','WON')) AS stakes,
                     coalesce(sum(payout_micro) FILTER (WHERE state = 'WON'), 0) AS wins
                FROM bets GROUP BY player_ref),
            ledger AS (
              SELECT player_ref, sum(CASE kind WHEN 'BET' THEN -amount_micro WHEN 'WIN' THEN amount_micro
                                               WHEN 'ROLLBACK' THEN amount_micro ELSE 0 END) AS net
                FROM demo_wallet_transactions WHERE result_status = 'RS_OK' GROUP BY player_ref)
            SELECT p.player_ref, p.balance_micro, :initial - coalesce(o.stakes, 0) + coalesce(o.wins, 0) AS by_bets,
                   :initial + coalesce(l.net, 0) AS by_ledger
              FROM demo_wallet_players p LEFT JOIN ours o USING (player_ref) LEFT JOIN ledger l USING (player_ref)
             WHERE p.balance_micro <> :initial - coalesce(o.stakes, 0) + coalesce(o.wins, 0)
                OR p.balance_micro <> :initial + coalesce(l.net, 0)""");

    static final Invariant BET_MONEY_MATCHES_STATE = Invariant.sql("bet-money-matches-state", "journal",
            "each final bet's money in the ledger is what its state says (LOST: stake; WON: stake and payout; "
                    + "REFUNDED: stake and a rollback; REJECTED: nothing)",
            """
            SELECT b.id, b.state, b.amount_micro, b.payout_micro, bt.amount_micro AS debited, w.credited, r.refunds
              FROM bets b
              LEFT JOIN demo_wallet_transactions bt ON bt.transaction_uuid = b.transaction_uuid AND bt.kind = 'BET' AND bt.result_status = 'RS_OK'
              LEFT JOIN LATERAL (SELECT sum(amount_micro) AS credited FROM demo_wallet_transactions w
                                  WHERE w.reference_transaction_uuid = b.transaction_uuid AND w.kind = 'WIN' AND w.result_status = 'RS_OK') w ON true
              LEFT JOIN LATERAL (SELECT count(*) AS refunds FROM demo_wallet_transactions r
                                  WHERE r.reference_transaction_uuid = b.transaction_uuid AND r.kind = 'ROLLBACK' AND r.result_status = 'RS_OK') r ON true
             WHERE b.mode = 'real' AND NOT CASE b.state
               WHEN 'LOST'     THEN bt.amount_micro = b.amount_micro AND w.credited IS NULL AND r.refunds = 0
               WHEN 'WON'      THEN bt.amount_micro = b.amount_micro AND w.credited = b.payout_micro AND r.refunds = 0
               WHEN 'REFUNDED' THEN bt.amount_micro = b.amount_micro AND w.credited IS NULL AND r.refunds = 1
               WHEN 'REJECTED' THEN bt.amount_micro IS NULL AND w.credited IS NULL AND r.refunds = 0
               ELSE true END""");

    static final Invariant BET_FINAL_OR_OPEN_JOB = Invariant.sql("every-bet-final-or-with-open-job", "jobs",
            "every bet is in a final state (REJECTED, LOST, WON, REFUNDED), or has an open job that will make it final",
            """
            SELECT b.id, b.state, b.round_id, b.player_ref, b.created_at FROM bets b
             WHERE b.state NOT IN ('REJECTED', 'LOST', 'WON', 'REFUNDED') AND NOT %s
               AND NOT EXISTS (SELECT 1 FROM rounds r WHERE r.id = b.round_id AND r.state IN ('BETTING_OPEN', 'ROLLING', 'RESULT'))"""
                    .formatted(OPEN_JOB));

    static final Invariant NO_OPEN_JOB = Invariant.sql("no-open-job-after-recovery", "jobs",
            "once recovered, no wallet job is left open",
            """
            SELECT id, endpoint, bet_id, attempts, last_error, next_attempt_at, locked_by FROM pending_wallet_jobs
             WHERE completed_at IS NULL""");

    static final Invariant ROUNDS_FINISHED = Invariant.sql("every-round-settled-or-voided", "rounds",
            "every round but each table's current one is SETTLED or VOIDED, and every bet of a voided round is refunded or "
                    + "was never debited",
            """
            SELECT 'round not finished' AS what, r.id AS round_id, r.state, NULL::uuid AS bet_id, NULL AS bet_state
              FROM rounds r WHERE r.state NOT IN ('SETTLED', 'VOIDED')
               AND r.nonce < (SELECT max(nonce) FROM rounds x WHERE x.chain_id = r.chain_id)
            UNION ALL
            SELECT 'bet of a voided round not refunded', r.id, r.state, b.id, b.state
              FROM rounds r JOIN bets b ON b.round_id = r.id
             WHERE r.state = 'VOIDED' AND b.state NOT IN ('REFUNDED', 'REJECTED')""");

    static final Invariant MONEY_PATH_RULES = new Invariant("money-path-rules", "rounds",
            "the product's own always-on rules (round.MoneyInvariants: no live bet in a voided round without a job, no stake "
                    + "owed without a job, no bet written or accepted after its round's close)",
            (jdbc, params) -> new MoneyInvariants(jdbc).violations().stream().limit(Invariant.EVIDENCE_ROWS)
                    .map(v -> java.util.Map.<String, Object>of("violation", v.toString())).toList());

    static final List<Invariant> AT_END = List.of(JOURNAL_EQUALS_LEDGER, BALANCES_RECONCILE, BET_MONEY_MATCHES_STATE,
            BET_FINAL_OR_OPEN_JOB, NO_OPEN_JOB, ROUNDS_FINISHED, MONEY_PATH_RULES);

    /**
     * The rules of {@code rules} that the database breaks now, each with its evidence rows (empty: every rule holds),
     * for a rig's players who started with {@link ChaosRig#INITIAL_MICRO}.
     */
    static java.util.Map<String, List<java.util.Map<String, Object>>> broken(JdbcClient jdbc, List<Invariant> rules) {
        java.util.Map<String, List<java.util.Map<String, Object>>> out = new java.util.LinkedHashMap<>();
        for (Invariant i : rules) {
            List<java.util.Map<String, Object>> rows = i.check(jdbc, java.util.Map.of("initial", ChaosRig.INITIAL_MICRO));
            if (!rows.isEmpty()) out.put(i.name(), rows);
        }
        return out;
    }
}
