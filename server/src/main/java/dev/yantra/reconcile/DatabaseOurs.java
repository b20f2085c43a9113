package dev.yantra.reconcile;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Our side of a daily summary row, from the database: per kind, the sum over distinct transaction_uuid whose
 * first succeeded call falls in that UTC day (a transaction counts once however many attempts, and on one day
 * only), plus manual adjustments and the open jobs of that day. Day bounds are computed in SQL from the date
 * as {@code date::timestamp AT TIME ZONE 'UTC'}: a bare {@code date AT TIME ZONE} would first turn the date into a
 * timestamptz in the SESSION time zone (the non-UTC session test caught exactly that).
 */
final class DatabaseOurs implements OursSource {
    /** Operators remembered per run (known or not); a summary file names few. */
    private static final int MAX_OPERATORS_CACHED = 10_000;

    static final String DAY_TOTALS_SQL = """
            WITH bounds AS (
              SELECT (CAST(:day AS date)::timestamp AT TIME ZONE 'UTC') AS day_start,
                     ((CAST(:day AS date) + 1)::timestamp AT TIME ZONE 'UTC') AS day_end
            ), confirmed AS (
              SELECT DISTINCT ON (w.transaction_uuid) w.endpoint, w.amount_micro
              FROM wallet_calls w, bounds b
              WHERE w.operator_id = :operator
                AND w.created_at >= b.day_start AND w.created_at < b.day_end
                AND w.succeeded AND w.endpoint <> 'BALANCE' AND w.currency = :currency
                AND w.transaction_uuid IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM wallet_calls e
                                WHERE e.operator_id = w.operator_id AND e.transaction_uuid = w.transaction_uuid
                                  AND e.succeeded AND e.created_at < b.day_start)
              ORDER BY w.transaction_uuid, w.created_at
            )
            SELECT 'CONFIRMED' AS source, endpoint, count(*) AS n, sum(amount_micro) AS amount_micro,
                   count(*) FILTER (WHERE amount_micro IS NULL OR amount_micro < 0) AS bad
            FROM confirmed GROUP BY endpoint
            UNION ALL
            SELECT 'PENDING', j.endpoint, count(*), sum(j.amount_micro),
                   count(*) FILTER (WHERE j.amount_micro IS NULL OR j.amount_micro < 0)
            FROM pending_wallet_jobs j, bounds b
            WHERE j.operator_id = :operator AND j.completed_at IS NULL AND j.currency = :currency
              AND j.created_at >= b.day_start AND j.created_at < b.day_end
            GROUP BY j.endpoint""";

    private final JdbcClient jdbc;
    private final Adjustments adjustments;
    private final Map<String, Boolean> known = new HashMap<>();

    DatabaseOurs(JdbcClient jdbc, Adjustments adjustments) {
        this.jdbc = jdbc;
        this.adjustments = adjustments;
    }

    @Override
    public DailyTotals oursFor(String operatorId, LocalDate date, String currency) {
        UUID operator = knownOperator(operatorId);
        if (operator == null) {
            return DailyTotals.unknownOperator();
        }
        Map<Kind, Long> confirmed = new EnumMap<>(Kind.class);
        Map<Kind, PendingWork> pending = new EnumMap<>(Kind.class);
        jdbc.sql(DAY_TOTALS_SQL)
                .param("day", date).param("operator", operator).param("currency", currency)
                .query(rs -> {
                    Kind kind = Kind.valueOf(rs.getString("endpoint"));
                    if (rs.getLong("bad") != 0) {
                        // The money path writes non-negative amounts; reading one back otherwise is a bug there.
                        throw new IllegalStateException(rs.getString("source") + " " + kind + " rows of " + operator
                                + " on " + date + " have a null or negative amount_micro");
                    }
                    if (rs.getString("source").equals("CONFIRMED")) {
                        confirmed.put(kind, rs.getLong("amount_micro"));
                    } else {
                        pending.put(kind, new PendingWork(rs.getLong("n"), rs.getLong("amount_micro")));
                    }
                });
        return new DailyTotals(true,
                confirmed.getOrDefault(Kind.BET, 0L), confirmed.getOrDefault(Kind.WIN, 0L),
                confirmed.getOrDefault(Kind.ROLLBACK, 0L),
                adjustments.of(operator, date, currency),
                pending.getOrDefault(Kind.BET, PendingWork.NONE), pending.getOrDefault(Kind.WIN, PendingWork.NONE),
                pending.getOrDefault(Kind.ROLLBACK, PendingWork.NONE));
    }

    /** The operator's uuid when we know it, else null (not a uuid, or no such operator). */
    UUID knownOperator(String operatorId) {
        UUID id = parseUuid(operatorId);
        if (id == null) {
            return null;
        }
        Boolean exists = known.get(operatorId);
        if (exists == null) {
            exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM operators WHERE id = ?)").param(id)
                    .query(Boolean.class).single();
            if (known.size() < MAX_OPERATORS_CACHED) {
                known.put(operatorId, exists);
            }
        }
        return exists ? id : null;
    }

    static UUID parseUuid(String s) {
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
