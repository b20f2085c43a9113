package dev.yantra.reconcile;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/** Rows read so far, on stderr, only when a person watches a terminal; at most a few updates a second. */
final class Progress implements LongConsumer, AutoCloseable {
    private static final long MIN_INTERVAL_NANOS = 250_000_000L;
    private final String label;
    private final PrintWriter err;
    private final boolean enabled;
    private long lastNanos;
    private boolean printed;

    private Progress(String label, PrintWriter err, boolean enabled) {
        this.label = label;
        this.err = err;
        this.enabled = enabled;
    }

    static Progress onTerminal(String label, PrintWriter err) {
        return new Progress(label, err, System.console() != null);
    }

    static Progress none() {
        return new Progress("", null, false);
    }

    @Override
    public void accept(long rows) {
        long now = System.nanoTime();
        if (!enabled || now - lastNanos < MIN_INTERVAL_NANOS) {
            return;
        }
        lastNanos = now;
        printed = true;
        err.print("\r" + label + ": " + String.format("%,d", rows) + " rows read");
        err.flush();
    }

    @Override
    public void close() {
        if (printed) {
            err.println();
            err.flush();
            printed = false;
        }
    }
}
