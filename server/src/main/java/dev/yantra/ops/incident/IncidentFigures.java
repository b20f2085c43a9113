package dev.yantra.ops.incident;

import dev.yantra.wallet.protocol.Classification;
import dev.yantra.wallet.protocol.WalletStatus;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The numbers of the post-mortem for one operator and window, straight from the database. Definitions:
 * <ul>
 * <li>a bet rejected is one its player saw refused: a REJECTED bet row, a bet that went UNCERTAIN (shown as
 * rejected, its stake rolled back), or a refusal recorded in bet_refusals (breaker open, bets halted, operator
 * paused: no bet row exists). Reasons as the player saw them (RS_ERROR_NOT_ENOUGH_MONEY → not_enough_money).
 * <li>a failed wallet call is one the breaker counts against the wallet (no answer, timeout, garbage, its own
 * errors), not a business refusal such as not_enough_money; the wallet answered when the RS code was anything else.
 * <li>the outage runs from the first failed call to the first answered call after the last failed one, so a
 * wallet that flaps within the window is one outage.
 * <li>a win paid late is a WIN job (the immediate credit failed) created in the window and completed; its delay
 * runs from its round's result, which is when the player saw the win.
 * </ul>
 */
public final class IncidentFigures {
    /** RS codes that mean the wallet answered; anything else (or no code) is a failure of the wallet. */
    static final List<String> ANSWERED = Arrays.stream(WalletStatus.values())
            .filter(s -> !Classification.breakerFailure(s)).map(Enum::name).toList();
    static final String FAILED_CALL = "(status IS NULL OR status NOT IN (:answered))";
    static final String REJECTED_BET = "mode = 'real' AND (state = 'REJECTED' OR reason = 'wallet_uncertain')";

    public record Figures(long betsRejected, Map<String, Long> rejectedByReason, long playersAffected,
                          long uncertainStakeWorstMicro, long uncertainStakeNowMicro, long winsPaidLate,
                          long minWinDelaySeconds, long maxWinDelaySeconds, long maxQueueDepth, Instant firstFailedCall,
                          Instant walletAnsweredAgain) {
        /** Null when no call failed, or the wallet had not answered again by the end of the window. */
        public Duration outage() {
            return firstFailedCall == null || walletAnsweredAgain == null ? null : Duration.between(firstFailedCall, walletAnsweredAgain);
        }
    }

    private final JdbcClient jdbc;

    public IncidentFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Figures of(UUID op, Instant from, Instant to) {
        Map<String, Long> byReason = rejectedByReason(op, from, to);
        long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
        long players = count("""
                SELECT count(DISTINCT player_ref) FROM (
                  SELECT player_ref FROM bets WHERE operator_id = :op AND created_at BETWEEN :from AND :to AND %s
                  UNION SELECT player_ref FROM bet_refusals WHERE operator_id = :op AND refused_at BETWEEN :from AND :to
                  UNION SELECT player_ref FROM pending_wallet_jobs WHERE operator_id = :op AND created_at BETWEEN :from AND :to
                ) p WHERE player_ref IS NOT NULL""".formatted(REJECTED_BET), op, from, to);
        long worst = peak("coalesce(amount_micro, 0)", "endpoint = 'ROLLBACK'", op, from, to);
        long now = count("SELECT coalesce(sum(amount_micro), 0) FROM pending_wallet_jobs WHERE operator_id = :op AND endpoint = 'ROLLBACK' AND completed_at IS NULL",
                op, from, to);
        Map<String, Object> late = jdbc.sql("""
                SELECT count(*) AS n,
                       coalesce(min(floor(extract(epoch FROM j.completed_at - coalesce(r.result_at, j.created_at)))), 0)::bigint AS min_delay,
                       coalesce(max(floor(extract(epoch FROM j.completed_at - coalesce(r.result_at, j.created_at)))), 0)::bigint AS max_delay
                  FROM pending_wallet_jobs j LEFT JOIN rounds r ON r.id = j.round_id
                 WHERE j.operator_id = :op AND j.endpoint = 'WIN' AND j.created_at BETWEEN :from AND :to AND j.completed_at IS NOT NULL""")
                .param("op", op).param("from", ts(from)).param("to", ts(to)).query().singleRow();
        long depth = peak("1", "true", op, from, to);
        Instant firstFailed = instant("SELECT min(created_at) FROM wallet_calls WHERE operator_id = :op AND created_at BETWEEN :from AND :to AND " + FAILED_CALL,
                op, from, to);
        Instant answeredAgain = firstFailed == null ? null : instant("""
                SELECT min(created_at) FROM wallet_calls
                 WHERE operator_id = :op AND created_at <= :to AND status IN (:answered)
                   AND created_at > (SELECT max(created_at) FROM wallet_calls WHERE operator_id = :op AND created_at BETWEEN :from AND :to AND %s)"""
                .formatted(FAILED_CALL), op, from, to);
        return new Figures(rejected, byReason, players, worst, now, number(late.get("n")), number(late.get("min_delay")),
                number(late.get("max_delay")), depth, firstFailed, answeredAgain);
    }

    /**
     * The highest level a sum over open jobs reached in the window (open: created, not yet completed). Exact, not
     * sampled: a sweep over the jobs' creations (+) and completions (-), completions first at the same instant;
     * a job opened before the window counts from its start. (Minute samples missed every short outage.)
     */
    private long peak(String weight, String filter, UUID op, Instant from, Instant to) {
        return count("""
                SELECT coalesce(max(level), 0) FROM (
                  SELECT sum(delta) OVER (ORDER BY t, delta < 0 DESC ROWS UNBOUNDED PRECEDING) AS level FROM (
                    SELECT greatest(created_at, CAST(:from AS timestamptz)) AS t, %1$s AS delta FROM pending_wallet_jobs
                     WHERE operator_id = :op AND %2$s AND created_at <= :to AND (completed_at IS NULL OR completed_at > :from)
                    UNION ALL
                    SELECT completed_at, -(%1$s) FROM pending_wallet_jobs
                     WHERE operator_id = :op AND %2$s AND created_at <= :to AND completed_at > :from AND completed_at <= :to
                  ) e
                ) x""".formatted(weight, filter), op, from, to);
    }

    /** Most frequent reason first; ties by name, so the document reads the same every time. */
    private Map<String, Long> rejectedByReason(UUID op, Instant from, Instant to) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT reason, count(*) AS n FROM (
                  SELECT CASE WHEN left(reason, 9) = 'RS_ERROR_' THEN lower(substr(reason, 10))
                              ELSE coalesce(reason, CASE WHEN state = 'REJECTED' THEN 'rejected' ELSE 'wallet_uncertain' END) END AS reason
                    FROM bets WHERE operator_id = :op AND created_at BETWEEN :from AND :to AND %s
                  UNION ALL
                  SELECT reason FROM bet_refusals WHERE operator_id = :op AND refused_at BETWEEN :from AND :to
                ) r GROUP BY reason ORDER BY n DESC, reason""".formatted(REJECTED_BET))
                .param("op", op).param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> out.put(rs.getString("reason"), rs.getLong("n"))).list();
        return out;
    }

    private long count(String sql, UUID op, Instant from, Instant to) {
        return number(bind(sql, op, from, to).query(Number.class).single());
    }

    private Instant instant(String sql, UUID op, Instant from, Instant to) {
        List<Timestamp> t = bind(sql, op, from, to).query(Timestamp.class).list();
        return t.isEmpty() || t.getFirst() == null ? null : t.getFirst().toInstant();
    }

    /** Every query takes the same three values; :answered only where the wallet-failure test appears. */
    private JdbcClient.StatementSpec bind(String sql, UUID op, Instant from, Instant to) {
        JdbcClient.StatementSpec s = jdbc.sql(sql).param("op", op);
        if (sql.contains(":from")) s = s.param("from", ts(from));
        if (sql.contains(":to")) s = s.param("to", ts(to));
        if (sql.contains(":answered")) s = s.param("answered", ANSWERED);
        return s;
    }

    private static long number(Object n) {
        return n == null ? 0 : ((Number) n).longValue();
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
