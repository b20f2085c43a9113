package dev.yantra.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The node's one wall clock: UTC, shifted by {@code YANTRA_CLOCK_OFFSET_MS} only when that variable is set (the chaos
 * run and tests use it to put one node's clock ahead or behind). The Spring context injects {@link #system()} as its
 * {@link Clock} bean and the CLI commands, which run without Spring, take the same instance, so nothing in the main
 * code reads the JVM's clock directly (an architecture test holds it to that). Intervals are timed with
 * {@link System#nanoTime()}, which no wall-clock step moves.
 */
public final class NodeClock {
    private static volatile Clock system;

    private NodeClock() {
    }

    /** The clock of this process, read from its environment once. */
    public static Clock system() {
        Clock c = system;
        if (c == null) {
            synchronized (NodeClock.class) {
                if (system == null) system = of(EnvVars.process());
                c = system;
            }
        }
        return c;
    }

    /** The clock an environment asks for: UTC, offset by YANTRA_CLOCK_OFFSET_MS when set. */
    public static Clock of(Map<String, String> env) {
        OptionalInt offset = EnvVars.CLOCK_OFFSET_MS.readOptional(env);
        Clock utc = Clock.systemUTC();
        return offset.isPresent() ? Clock.offset(utc, Duration.ofMillis(offset.getAsInt())) : utc;
    }
}
