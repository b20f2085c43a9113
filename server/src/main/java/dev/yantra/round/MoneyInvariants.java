package dev.yantra.round;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Money rules that hold at every moment, whatever nodes died or answers came late, as one query each over the rounds
 * opened since a given instant: the one place that says what a broken bet looks like (yantra verify --since, the
 * incident report and the end of every end-to-end and chaos test run it, and expect nothing).
 * <ul>
 * <li>{@link Kind#LIVE_BET_IN_VOIDED_ROUND}: a bet ACCEPTED, PENDING or WIN_OWED in a VOIDED round with no open
 * wallet job. The void refunds or rolls back every bet it finds, and no bet is accepted behind its back, so such a
 * bet is a stake the wallet holds that nothing will give back.
 * <li>{@link Kind#STAKE_OWED_WITHOUT_JOB}: a bet UNCERTAIN or REFUND_OWED with no open ROLLBACK job. Both states are
 * written in the transaction that enqueues the job, and left only in the one that completes it.
 * <li>{@link Kind#BET_AFTER_CLOSE}: a bet written at or after its round's scheduled close time (the database's clock
 * against rounds.betting_closes_at), whether or not a leader had moved the round on.
 * <li>{@link Kind#ACCEPTED_AFTER_CLOSE}: a bet whose acceptance was recorded at or after that close time.
 * </ul>
 */
public final class MoneyInvariants {
    public enum Kind { LIVE_BET_IN_VOIDED_ROUND, STAKE_OWED_WITHOUT_JOB, BET_AFTER_CLOSE, ACCEPTED_AFTER_CLOSE }

    /** One bet breaking one rule; {@code at} is the moment the rule compares (when it was written or accepted). */
    public record Violation(Kind kind, UUID betId, UUID roundId, String betState, String roundState, Instant at,
                            Instant bettingClosesAt) {
        @Override
        public String toString() {
            return kind + " bet " + betId + " (" + betState + ") round " + roundId + " (" + roundState + ")"
                    + (at == null ? "" : " at " + at + ", betting closed " + bettingClosesAt);
        }
    }

    private static final String OPEN_JOB = "SELECT 1 FROM pending_wallet_jobs j WHERE j.bet_id = b.id AND j.completed_at IS NULL";

    private static final String QUERY = """
            SELECT 'LIVE_BET_IN_VOIDED_ROUND' AS kind, b.id, b.round_id, b.state, r.state AS round_state,
                   NULL::timestamptz AS at, r.betting_closes_at
              FROM rounds r JOIN bets b ON b.round_id = r.id
             WHERE r.state = 'VOIDED' AND b.state IN ('ACCEPTED', 'PENDING', 'WIN_OWED') AND NOT EXISTS (%1$s)
               AND r.opened_at >= :since AND (CAST(:op AS uuid) IS NULL OR r.operator_id = CAST(:op AS uuid))
            UNION ALL
            SELECT 'STAKE_OWED_WITHOUT_JOB', b.id, b.round_id, b.state, r.state, NULL, r.betting_closes_at
              FROM rounds r JOIN bets b ON b.round_id = r.id
             WHERE b.state IN ('UNCERTAIN', 'REFUND_OWED') AND NOT EXISTS (%1$s AND j.endpoint = 'ROLLBACK')
               AND r.opened_at >= :since AND (CAST(:op AS uuid) IS NULL OR r.operator_id = CAST(:op AS uuid))
            UNION ALL
            SELECT 'BET_AFTER_CLOSE', b.id, b.round_id, b.state, r.state, b.created_at, r.betting_closes_at
              FROM rounds r JOIN bets b ON b.round_id = r.id
             WHERE b.created_at >= r.betting_closes_at
               AND r.opened_at >= :since AND (CAST(:op AS uuid) IS NULL OR r.operator_id = CAST(:op AS uuid))
            UNION ALL
            SELECT 'ACCEPTED_AFTER_CLOSE', b.id, b.round_id, b.state, r.state, b.accepted_at, r.betting_closes_at
              FROM rounds r JOIN bets b ON b.round_id = r.id
             WHERE b.accepted_at >= r.betting_closes_at
               AND r.opened_at >= :since AND (CAST(:op AS uuid) IS NULL OR r.operator_id = CAST(:op AS uuid))
             ORDER BY 1, 2""".formatted(OPEN_JOB);

    private final JdbcClient jdbc;

    public MoneyInvariants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every bet breaking a rule, in rounds opened at or after {@code since}; all operators when {@code operatorId} is null. */
    public List<Violation> violations(Instant since, UUID operatorId) {
        return jdbc.sql(QUERY).param("since", RoundStore.ts(since)).param("op", operatorId == null ? null : operatorId.toString())
                .query((rs, n) -> new Violation(Kind.valueOf(rs.getString("kind")), rs.getObject("id", UUID.class),
                        rs.getObject("round_id", UUID.class), rs.getString("state"), rs.getString("round_state"),
                        instant(rs.getTimestamp("at")), instant(rs.getTimestamp("betting_closes_at"))))
                .list();
    }

    /** Every violation ever recorded (rounds of any age). */
    public List<Violation> violations() {
        return violations(Instant.EPOCH, null);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
