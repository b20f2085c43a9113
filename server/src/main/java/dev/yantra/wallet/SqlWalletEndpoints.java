package dev.yantra.wallet;

import dev.yantra.config.NotFoundException;
import java.net.URI;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads operators.wallet_callback_url, remembered for at most one second per operator (a change, even by direct
 * SQL, applies within a second — the promise for operator settings — without a read per wallet call).
 */
public final class SqlWalletEndpoints implements WalletEndpoints {
    static final long TTL_NANOS = 1_000_000_000L;
    private record Cached(URI url, long readAtNanos) {
    }

    private final JdbcClient jdbc;
    private final java.util.concurrent.ConcurrentHashMap<UUID, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public SqlWalletEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public URI callbackUrl(UUID operatorId) {
        long now = System.nanoTime();
        Cached c = cache.get(operatorId);
        if (c != null && now - c.readAtNanos() < TTL_NANOS) return c.url();
        URI url = read(operatorId);
        if (cache.size() > 10_000) cache.clear();   // bounded: operators are few; this never happens in practice
        cache.put(operatorId, new Cached(url, now));
        return url;
    }

    private URI read(UUID operatorId) {
        String url = jdbc.sql("SELECT wallet_callback_url FROM operators WHERE id = ?").param(operatorId)
                .query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("operator " + operatorId + " does not exist"));
        if (url == null || url.isBlank()) throw new NotFoundException("operator " + operatorId + " has no wallet_callback_url");
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return URI.create(trimmed);
    }
}
