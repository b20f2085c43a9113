package dev.yantra.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The CPU account of a multi-process bench run: named sources (a process's /proc/[pid]/stat, a Postgres server's
 * processes through {@link CpuAccount}, this JVM) sampled together, so a phase's CPU is one sample minus another
 * and each source can be divided by the phase's settled bets or completed jobs.
 */
final class RunCpu {
    private final Map<String, DoubleSupplier> sources = new LinkedHashMap<>();

    /** Adds a source; its name is what the report prints (node, demo wallet, load generator, node's Postgres ...). */
    RunCpu add(String name, DoubleSupplier cpuSeconds) {
        sources.put(name, cpuSeconds);
        return this;
    }

    /** CPU seconds per source at one moment (NaN for a source that cannot tell). */
    record Sample(Map<String, Double> seconds) {
        Sample minus(Sample earlier) {
            Map<String, Double> out = new LinkedHashMap<>();
            seconds.forEach((k, v) -> out.put(k, v - earlier.seconds.getOrDefault(k, Double.NaN)));
            return new Sample(out);
        }

        double of(String name) {
            return seconds.getOrDefault(name, Double.NaN);
        }

        /** CPU milliseconds of {@code name} per unit of work (settled bet, job); NaN when unknown or no work. */
        double msPer(String name, long work) {
            return work <= 0 ? Double.NaN : of(name) * 1000 / work;
        }
    }

    Sample sample() {
        Map<String, Double> out = new LinkedHashMap<>();
        sources.forEach((k, v) -> out.put(k, v.getAsDouble()));
        return new Sample(out);
    }
}
