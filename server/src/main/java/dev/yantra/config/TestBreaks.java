package dev.yantra.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deliberately broken builds, for the chaos harness to prove it can fail: {@code YANTRA_TEST_BREAK} names one or
 * more breaks (comma separated). Read only when set — production never sets it, and nothing else reads it. Each
 * break disables one guard that keeps money right, where that guard lives:
 * <ul>
 *   <li>{@code win-fresh-uuid}: a WIN job retries with a new transactionUuid (the wallet credits it again)</li>
 *   <li>{@code lease-after-expiry}: a node that lost a table renews its lease anyway (after it expired, even when
 *   another node took it, restoring its older epoch) instead of stepping down</li>
 *   <li>{@code job-complete-twice}: a job's completion is written twice (a completion retried without its guard)</li>
 *   <li>{@code hold-never-cancelled}: a card play that ends rejected or failed never releases its payment hold</li>
 * </ul>
 * An unknown name stops the node at the first read, with the names it knows.
 */
public final class TestBreaks {
    public static final String ENV = "YANTRA_TEST_BREAK";
    public static final Set<String> KNOWN = Set.of("win-fresh-uuid", "lease-after-expiry", "job-complete-twice", "hold-never-cancelled");
    private static final Set<String> ACTIVE = parse(EnvVars.TEST_BREAK.read(EnvVars.process()).orElse(null));

    private TestBreaks() {
    }

    static Set<String> parse(String raw) {
        if (raw == null || raw.isBlank()) return Set.of();
        Set<String> names = Arrays.stream(raw.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String n : names) {
            if (!KNOWN.contains(n)) throw new IllegalStateException(ENV + " names an unknown break '" + n + "'; known: " + KNOWN);
        }
        return names;
    }

    /** Whether this process runs with {@code name} broken on purpose. */
    public static boolean on(String name) {
        if (!KNOWN.contains(name)) throw new IllegalArgumentException("no break named " + name);
        return ACTIVE.contains(name);
    }
}
