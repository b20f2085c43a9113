package dev.yantra.breaker;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The breakers of operators' wallets (or, with a {@link CounterpartyKind}, of bancas) as the database records them, for tools that run without a node (the CLI):
 * a breaker forced open (breaker_overrides) or open on some node (its latest breaker_transitions row says OPEN).
 * Breakers live in each node's memory, so this is what the nodes reported, not a live reading. An OPEN row older
 * than {@link #RECENT} is ignored: a live breaker leaves OPEN by itself after its open time, so such a row belongs
 * to a node that has gone away.
 */
public final class RecordedBreakers {
    static final String RECENT = "1 hour";

    private RecordedBreakers() {
    }

    /** Operator id → why its wallet breaker refuses calls, e.g. "breaker open on node-a since 2026-12-01T21:00:00Z". */
    public static Map<UUID, String> open(JdbcClient jdbc) {
        return open(jdbc, CounterpartyKind.OPERATOR);
    }

    /** Counterparty id of {@code kind} → why its breaker refuses calls, as the nodes recorded it. */
    public static Map<UUID, String> open(JdbcClient jdbc, CounterpartyKind kind) {
        Map<UUID, String> out = new LinkedHashMap<>();
        String col = kind.idColumn;
        jdbc.sql("SELECT %2$s, set_by, set_at FROM %1$s WHERE mode = 'FORCED_OPEN' ORDER BY %2$s".formatted(kind.overridesTable, col))
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), "breaker forced open by " + rs.getString(2) + " since " + at(rs.getTimestamp(3)));
                });
        jdbc.sql("""
                SELECT %2$s, node, created_at FROM (
                       SELECT DISTINCT ON (%2$s, node) %2$s, node, to_state, created_at
                         FROM %1$s WHERE created_at > now() - interval '%3$s'
                        ORDER BY %2$s, node, created_at DESC) latest
                 WHERE to_state IN ('OPEN', 'FORCED_OPEN') ORDER BY %2$s, node""".formatted(kind.transitionsTable, col, RECENT))
                .query(rs -> {
                    UUID op = rs.getObject(1, UUID.class);
                    String here = "breaker open on " + rs.getString(2) + " since " + at(rs.getTimestamp(3));
                    out.merge(op, here, (a, b) -> a + "; " + b);
                });
        return out;
    }

    static String at(java.sql.Timestamp t) {
        return t == null ? "?" : t.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String at(Instant t) {
        return t == null ? "?" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
