package dev.yantra.breaker;

import dev.yantra.config.EnvVar;
import dev.yantra.config.EnvVars;
import java.time.Duration;
import java.util.Map;

/**
 * Thresholds of a per-counterparty breaker, validated at construction (a bad value fails start-up, never
 * silently clamped) against the same ranges as the BREAKER_* variables and the breaker.* runtime settings. Defaults:
 * open at 50 % failures over the last 20 calls or at 5 consecutive failures, stay open 30 s, then let 1 probe through.
 */
public record BreakerSettings(float failureRatePercent, int slidingWindowCalls, int consecutiveFailures,
                              Duration openDuration, int halfOpenProbes) {
    public static final BreakerSettings DEFAULTS = fromEnv(Map.of());

    public BreakerSettings {
        EnvVar.Decimal rate = EnvVars.BREAKER_FAILURE_RATE_PERCENT;
        if (!(failureRatePercent >= rate.min() && failureRatePercent <= rate.max())) {
            throw new IllegalArgumentException("failureRatePercent must be in " + rate.rangeText() + ", was " + failureRatePercent);
        }
        inRange("slidingWindowCalls", EnvVars.BREAKER_WINDOW_CALLS, slidingWindowCalls);
        inRange("consecutiveFailures", EnvVars.BREAKER_CONSECUTIVE_FAILURES, consecutiveFailures);
        // a Duration, so tests may open for less than the variable's whole second; never longer than its hour
        if (openDuration == null || openDuration.toMillis() < 1
                || openDuration.compareTo(Duration.ofSeconds(EnvVars.BREAKER_OPEN_SECONDS.max())) > 0) {
            throw new IllegalArgumentException("openDuration must be 1 ms.." + EnvVars.BREAKER_OPEN_SECONDS.max() + " s, was " + openDuration);
        }
        inRange("halfOpenProbes", EnvVars.BREAKER_HALF_OPEN_PROBES, halfOpenProbes);
    }

    /** From the environment, each optional: the BREAKER_* variables of {@link EnvVars}. */
    public static BreakerSettings fromEnv(Map<String, String> env) {
        return new BreakerSettings(
                (float) EnvVars.BREAKER_FAILURE_RATE_PERCENT.read(env),
                EnvVars.BREAKER_WINDOW_CALLS.read(env),
                EnvVars.BREAKER_CONSECUTIVE_FAILURES.read(env),
                Duration.ofSeconds(EnvVars.BREAKER_OPEN_SECONDS.read(env)),
                EnvVars.BREAKER_HALF_OPEN_PROBES.read(env));
    }

    /** From this process's environment. */
    public static BreakerSettings fromEnv() {
        return fromEnv(EnvVars.process());
    }

    public BreakerSettings withOpenDuration(Duration d) {
        return new BreakerSettings(failureRatePercent, slidingWindowCalls, consecutiveFailures, d, halfOpenProbes);
    }

    private static void inRange(String field, EnvVar.Int v, int value) {
        if (value < v.min() || value > v.max()) {
            throw new IllegalArgumentException(field + " must be in " + v.rangeText() + ", was " + value);
        }
    }
}
