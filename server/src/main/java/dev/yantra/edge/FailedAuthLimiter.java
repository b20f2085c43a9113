package dev.yantra.edge;

import org.springframework.stereotype.Component;

/**
 * Failed authentications per source address — a bad signature, an unknown key, an unknown player token: each costs
 * a token, and a source with none left is answered 429 {@code too_many_failed_authentications} with
 * {@code Retry-After} before any credential is looked up or any rejection recorded. Succeeding requests cost nothing.
 * Per node, in memory. The default (a burst of 100, one a second back) never slows a client that mostly succeeds.
 */
@Component
public class FailedAuthLimiter {
    public static final String REASON = "too_many_failed_authentications";
    public static final TokenBuckets.Limits DEFAULT = new TokenBuckets.Limits(100, 1.0);

    /** The limits record, re-exported so callers need one import. */
    public record Limits(int burst, double perSecond) {
        TokenBuckets.Limits buckets() {
            return new TokenBuckets.Limits(burst, perSecond);
        }
    }

    private final TokenBuckets<String> buckets = new TokenBuckets<>(DEFAULT);

    /** 0 when this source may try to authenticate, else the seconds to wait. */
    public long retryAfterSeconds(String sourceAddress) {
        return buckets.peek(key(sourceAddress), System.nanoTime());
    }

    /** One failed authentication from this source. */
    public void failed(String sourceAddress) {
        buckets.charge(key(sourceAddress), System.nanoTime());
    }

    public Limits limits() {
        TokenBuckets.Limits l = buckets.limits();
        return new Limits(l.burst(), l.perSecond());
    }

    public void setLimits(Limits limits) {
        buckets.setLimits(limits.buckets());
    }

    public void forgetAll() {
        buckets.clear();
    }

    private static String key(String sourceAddress) {
        return sourceAddress == null ? "unknown" : sourceAddress;
    }
}
