package dev.yantra.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The tests' one way to wait: for a condition, never for a fixed time. Polls every 20 ms (Awaitility) and fails with
 * what was awaited and, for {@link #value}, the last value seen, so a timeout explains itself.
 */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(20);

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails after {@code atMost}. */
    public static void until(String what, Duration atMost, BooleanSupplier condition) {
        try {
            Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("waited " + atMost + " for " + what, e);
        }
    }

    /** The first value of {@code read} that {@code accepted} holds for; fails after {@code atMost} with the last one. */
    public static <T> T value(String what, Duration atMost, Supplier<T> read, Predicate<? super T> accepted) {
        Object[] last = {null};
        try {
            return Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> {
                        T v = read.get();
                        last[0] = v;
                        return v;
                    }, accepted::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("waited " + atMost + " for " + what + "; last seen: " + last[0], e);
        }
    }

    /** The value {@code read} first presents; fails after {@code atMost}. */
    public static <T> T present(String what, Duration atMost, Supplier<Optional<T>> read) {
        return value(what, atMost, read, Optional::isPresent).orElseThrow();
    }
}
