package dev.yantra.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tests' one clock that a test moves by hand, forwards or backwards, shared by every node and store of a test.
 * A copy in another zone ({@link #withZone}) reads the same instant, so moving one moves all of them.
 */
public final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public SettableClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock at the real time now, to be moved from there. */
    public static SettableClock atNow() {
        return new SettableClock(Instant.now());
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Moves the clock by {@code d}; a negative {@code d} steps it backwards, as NTP may. */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SettableClock(now, other);
    }
}
