package dev.yantra.round.port;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bet path's operator lookup (status, allowed currencies), remembered for at most one second per operator:
 * every bet and every refusal asks it, and a read per bet was one of the statements yantra bench bets counts. A
 * pause or a currency change, even by direct SQL, still applies within a second (the promise for operator
 * settings, as for the wallet URL and the outbound key); an operator not found is never remembered.
 */
public class OperatorDirectory {
    static final long TTL_NANOS = 1_000_000_000L;
    private record Cached(OperatorInfo operator, long readAtNanos) {
    }

    private final JdbcClient jdbc;
    private final java.util.concurrent.ConcurrentHashMap<UUID, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public OperatorDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OperatorInfo> find(UUID operatorId) {
        long now = System.nanoTime();
        Cached c = cache.get(operatorId);
        if (c != null && now - c.readAtNanos() < TTL_NANOS) return Optional.of(c.operator());
        Optional<OperatorInfo> read = read(operatorId);
        if (read.isPresent()) {
            if (cache.size() > 10_000) cache.clear();   // bounded: operators are few
            cache.put(operatorId, new Cached(read.get(), now));
        }
        return read;
    }

    private Optional<OperatorInfo> read(UUID operatorId) {
        return jdbc.sql("SELECT id, status, wallet_callback_url, allowed_currencies FROM operators WHERE id = :id")
                .param("id", operatorId)
                .query((rs, n) -> new OperatorInfo(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("wallet_callback_url"), strings(rs.getArray("allowed_currencies"))))
                .optional();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
