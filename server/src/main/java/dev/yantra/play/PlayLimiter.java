package dev.yantra.play;

import dev.yantra.edge.TokenBuckets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The player API's limit, per session: a burst of 100 requests, 60 a second after that — far above what the page
 * does (it polls state about once a second and bets by hand) and what {@code yantra bench bets}' state watcher does
 * (every 20 ms), far below what a script can. Over it: 429 {@code rate_limited} with {@code Retry-After}. Per
 * node, in memory.
 */
@Component
public class PlayLimiter {
    public static final Limits DEFAULT = new Limits(100, 60);

    public record Limits(int burst, double perSecond) {
    }

    private final TokenBuckets<UUID> buckets = new TokenBuckets<>(new TokenBuckets.Limits(DEFAULT.burst(), DEFAULT.perSecond()));

    /** Takes one request of this session's budget; throws the 429 when there is none. */
    void acquire(UUID sessionId) {
        long wait = buckets.take(sessionId, System.nanoTime());
        if (wait > 0) {
            throw new PlayException(429, "rate_limited", "too many requests for this session; retry later", wait);
        }
    }

    public Limits limits() {
        TokenBuckets.Limits l = buckets.limits();
        return new Limits(l.burst(), l.perSecond());
    }

    public void setLimits(Limits limits) {
        buckets.setLimits(new TokenBuckets.Limits(limits.burst(), limits.perSecond()));
    }
}
