package dev.yantra.demowallet;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo wallet's fault switches, all off by default. Immutable; {@link DemoWallet} swaps the whole object,
 * so a request sees one consistent set of faults.
 *
 * @param down           the wallet listener is closed: connection refused (the admin listener stays up)
 * @param slowMs         every wallet answer is delayed by this much
 * @param errorRate      share of wallet calls answered HTTP 503 before anything moves (0..1)
 * @param timeoutRate    share of wallet calls that are processed, then answered only after timeoutSleepMs — the
 *                       nasty case where money moved but the caller never hears it (0..1)
 * @param timeoutSleepMs how long a "timed out" call sleeps before answering; longer than the caller's timeout
 * @param forced         an RS code answered per endpoint (BET/WIN/ROLLBACK/BALANCE) without touching the ledger
 */
public record Faults(boolean down, long slowMs, double errorRate, double timeoutRate, long timeoutSleepMs,
                     Map<Endpoint, String> forced) {
    public static final long MAX_SLEEP_MS = 600_000;

    public enum Endpoint { BALANCE, BET, WIN, ROLLBACK }

    public static final Faults NONE = new Faults(false, 0, 0, 0, 30_000, Map.of());

    public Faults {
        if (slowMs < 0 || slowMs > MAX_SLEEP_MS) throw new IllegalArgumentException("slowMs must be 0.." + MAX_SLEEP_MS + ", was " + slowMs);
        if (errorRate < 0 || errorRate > 1) throw new IllegalArgumentException("errorRate must be 0..1, was " + errorRate);
        if (timeoutRate < 0 || timeoutRate > 1) throw new IllegalArgumentException("timeoutRate must be 0..1, was " + timeoutRate);
        if (timeoutSleepMs < 1 || timeoutSleepMs > MAX_SLEEP_MS) {
            throw new IllegalArgumentException("timeoutSleepMs must be 1.." + MAX_SLEEP_MS + ", was " + timeoutSleepMs);
        }
        forced = forced.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(forced));
    }

    public Faults withDown(boolean v) {
        return new Faults(v, slowMs, errorRate, timeoutRate, timeoutSleepMs, forced);
    }

    public Faults withSlowMs(long v) {
        return new Faults(down, v, errorRate, timeoutRate, timeoutSleepMs, forced);
    }

    public Faults withErrorRate(double v) {
        return new Faults(down, slowMs, v, timeoutRate, timeoutSleepMs, forced);
    }

    public Faults withTimeoutRate(double v) {
        return new Faults(down, slowMs, errorRate, v, timeoutSleepMs, forced);
    }

    public Faults withTimeoutSleepMs(long v) {
        return new Faults(down, slowMs, errorRate, timeoutRate, v, forced);
    }

    public Faults withForced(String endpoint, String rsCode) {
        Map<Endpoint, String> m = new EnumMap<>(Endpoint.class);
        m.putAll(forced);
        Endpoint ep = Endpoint.valueOf(endpoint.toUpperCase(Locale.ROOT));
        if (rsCode == null || rsCode.isBlank()) m.remove(ep);
        else m.put(ep, rsCode);
        return new Faults(down, slowMs, errorRate, timeoutRate, timeoutSleepMs, m);
    }

    boolean rollError() {
        return errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate;
    }

    boolean rollTimeout() {
        return timeoutRate > 0 && ThreadLocalRandom.current().nextDouble() < timeoutRate;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("down", down);
        m.put("slowMs", slowMs);
        m.put("errorRate", errorRate);
        m.put("timeoutRate", timeoutRate);
        m.put("timeoutSleepMs", timeoutSleepMs);
        Map<String, String> f = new LinkedHashMap<>();
        forced.forEach((k, v) -> f.put(k.name(), v));
        m.put("force", f);
        return m;
    }
}
