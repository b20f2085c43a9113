package dev.yantra.inbound;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-operator token buckets, in memory on each node (so the effective limit of a cluster is nodes × rate;
 * good enough to stop a runaway client). Capacity = one second's worth; refill is continuous.
 */
final class RateLimiter {
    private static final int MAX_OPERATORS = 100_000;  // bound the map; operators are far fewer
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    boolean tryAcquire(UUID operatorId, int ratePerSecond, long nowNanos) {
        if (buckets.size() > MAX_OPERATORS) buckets.clear();
        Bucket b = buckets.compute(operatorId, (id, old) -> old == null || old.rate != ratePerSecond ? new Bucket(ratePerSecond, nowNanos) : old);
        return b.take(nowNanos);
    }

    private static final class Bucket {
        final int rate;
        double tokens;
        long lastNanos;

        Bucket(int rate, long nowNanos) {
            this.rate = rate;
            this.tokens = rate;
            this.lastNanos = nowNanos;
        }

        synchronized boolean take(long nowNanos) {
            tokens = Math.min(rate, tokens + (nowNanos - lastNanos) / 1e9 * rate);
            lastNanos = nowNanos;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
