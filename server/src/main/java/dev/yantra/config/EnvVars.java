package dev.yantra.config;

import java.util.List;

/**
 * Every environment variable the node and its CLI read, each declared once with its default and its range. The
 * records built from them ({@link YantraEnv}, {@code BreakerSettings}, the reconciliation, results-source and Stripe
 * settings) read them only through these constants; docs/configuration.md lists the same table, and a test compares
 * the two so neither drifts.
 */
public final class EnvVars {
    private EnvVars() {
    }

    /** One day either way: enough for any skew a test or chaos run plays, small enough to catch a unit mistake. */
    public static final EnvVar.Int CLOCK_OFFSET_MS =
            new EnvVar.Int("YANTRA_CLOCK_OFFSET_MS", null, -86_400_000, 86_400_000, "unset (no offset)");

    /** All of them, in the order docs/configuration.md lists them. */
    public static final List<EnvVar> ALL = List.of(CLOCK_OFFSET_MS);
}
