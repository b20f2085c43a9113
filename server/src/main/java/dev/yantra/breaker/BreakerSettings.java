package dev.yantra.breaker;

import java.time.Duration;

/**
 * Thresholds of a per-counterparty breaker, validated at construction (a bad value fails start-up, never
 * silently clamped). Defaults per issue 6: open at 50 % failures over the last 20 calls or at 5 consecutive
 * failures, stay open 30 s, then let 1 probe through.
 */
public record BreakerSettings(float failureRatePercent, int slidingWindowCalls, int consecutiveFailures,
                              Duration openDuration, int halfOpenProbes) {
    public static final BreakerSettings DEFAULTS = new BreakerSettings(50f, 20, 5, Duration.ofSeconds(30), 1);

    public BreakerSettings {
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            throw new IllegalArgumentException("failureRatePercent must be in (0, 100], was " + failureRatePercent);
        }
        if (slidingWindowCalls < 1 || slidingWindowCalls > 10_000) {
            throw new IllegalArgumentException("slidingWindowCalls must be 1..10000, was " + slidingWindowCalls);
        }
        if (consecutiveFailures < 1) throw new IllegalArgumentException("consecutiveFailures must be >= 1, was " + consecutiveFailures);
        if (openDuration == null || openDuration.toMillis() < 1 || openDuration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("openDuration must be 1 ms..1 h, was " + openDuration);
        }
        if (halfOpenProbes < 1 || halfOpenProbes > 100) throw new IllegalArgumentException("halfOpenProbes must be 1..100, was " + halfOpenProbes);
    }

    public BreakerSettings withOpenDuration(Duration d) {
        return new BreakerSettings(failureRatePercent, slidingWindowCalls, consecutiveFailures, d, halfOpenProbes);
    }
}
