package dev.yantra.jobs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter and a cap: try n (1-based) waits base × factor^(n−1), spread ±jitter, never
 * more than the cap. Defaults: 1 s, ×2, ±20 %, 5 min.
 */
public record Backoff(Duration base, double factor, double jitter, Duration cap) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), 2.0, 0.2, Duration.ofMinutes(5));

    public Backoff {
        if (base.toMillis() < 1) throw new IllegalArgumentException("base must be >= 1 ms, was " + base);
        if (factor < 1) throw new IllegalArgumentException("factor must be >= 1, was " + factor);
        if (jitter < 0 || jitter >= 1) throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        if (cap.compareTo(base) < 0) throw new IllegalArgumentException("cap must be >= base, was " + cap);
    }

    /** The nominal delay before try {@code attempt + 1}, after {@code attempt} failed tries (no jitter). */
    public long nominalMs(int failedTries) {
        if (failedTries < 1) throw new IllegalArgumentException("failedTries must be >= 1, was " + failedTries);
        double d = base.toMillis() * Math.pow(factor, Math.min(failedTries - 1, 64));
        return (long) Math.min(d, cap.toMillis());
    }

    /** Uniform in [nominal × (1 − jitter), min(nominal × (1 + jitter), cap)]. */
    public long delayMs(int failedTries, RandomGenerator random) {
        long nominal = nominalMs(failedTries);
        long low = (long) Math.floor(nominal * (1 - jitter));
        long high = (long) Math.min(Math.ceil(nominal * (1 + jitter)), cap.toMillis());
        return high <= low ? low : random.nextLong(low, high + 1);
    }

    public long capMs() {
        return cap.toMillis();
    }
}
