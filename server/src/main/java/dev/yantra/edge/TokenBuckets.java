package dev.yantra.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a source address, a session), in memory on each node: a burst of {@code burst} and a
 * continuous refill of {@code perSecond}. Callers either take a token or only look whether one is there (a limit on
 * failures looks before the work and takes after it failed). The map is bounded: past {@link #MAX_KEYS} the buckets
 * that have refilled completely — which hold nothing a new bucket would not — are dropped first.
 */
public final class TokenBuckets<K> {
    static final int MAX_KEYS = 100_000;

    /** burst: how many at once; perSecond: how fast they come back. */
    public record Limits(int burst, double perSecond) {
        public Limits {
            if (burst < 1 || !(perSecond > 0)) throw new IllegalArgumentException("burst must be >= 1 and perSecond > 0");
        }
    }

    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile Limits limits;

    public TokenBuckets(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** New limits apply to every key from now; the buckets start full again. */
    public void setLimits(Limits next) {
        this.limits = next;
        buckets.clear();
    }

    public void clear() {
        buckets.clear();
    }

    /** Takes one token; returns 0 when there was one, else the whole seconds until there will be. */
    public long take(K key, long nowNanos) {
        return bucket(key, nowNanos).take(nowNanos, true);
    }

    /** Like {@link #take} without taking: 0 when a token is there. */
    public long peek(K key, long nowNanos) {
        Bucket b = buckets.get(key);
        return b == null ? 0 : b.take(nowNanos, false);
    }

    /** Takes a token when there is one; never refuses (a failure that already happened is counted whatever). */
    public void charge(K key, long nowNanos) {
        bucket(key, nowNanos).charge(nowNanos);
    }

    private Bucket bucket(K key, long nowNanos) {
        if (buckets.size() >= MAX_KEYS) buckets.values().removeIf(b -> b.full(nowNanos));
        if (buckets.size() >= MAX_KEYS) buckets.clear();  // every one in use: fail open rather than grow
        Limits l = limits;
        return buckets.computeIfAbsent(key, k -> new Bucket(l, nowNanos));
    }

    private static final class Bucket {
        final Limits limits;
        double tokens;
        long lastNanos;

        Bucket(Limits limits, long nowNanos) {
            this.limits = limits;
            this.tokens = limits.burst();
            this.lastNanos = nowNanos;
        }

        private void refill(long nowNanos) {
            tokens = Math.min(limits.burst(), tokens + Math.max(0, nowNanos - lastNanos) / 1e9 * limits.perSecond());
            lastNanos = nowNanos;
        }

        synchronized long take(long nowNanos, boolean consume) {
            refill(nowNanos);
            if (tokens >= 1) {
                if (consume) tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / limits.perSecond()));
        }

        synchronized void charge(long nowNanos) {
            refill(nowNanos);
            tokens = Math.max(0, tokens - 1);
        }

        synchronized boolean full(long nowNanos) {
            refill(nowNanos);
            return tokens >= limits.burst();
        }
    }
}
