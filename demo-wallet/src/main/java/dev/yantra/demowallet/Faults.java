package dev.yantra.demowallet;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * @param breaches       ways the wallet breaks the wallet contract on purpose, so a conformance check can be seen
 *                       to catch them ({@link Breach})
 * @param hang           the wallet is hung: every wallet call is held unanswered, nothing processed, for as long as
 *                       this is on (at most {@link #MAX_SLEEP_MS}); lifting it lets the held calls through, processed
 *                       and answered as usual — a wallet that froze and came back
 */
public record Faults(boolean down, long slowMs, double errorRate, double timeoutRate, long timeoutSleepMs,
                     Map<Endpoint, String> forced, Set<Breach> breaches, boolean hang) {
    public static final long MAX_SLEEP_MS = 600_000;

    public enum Endpoint { BALANCE, BET, WIN, ROLLBACK }

    /**
     * A contract breach, named in the admin API's JSON by {@link #wireName()}. Unlike the other faults these answer
     * "normally" while moving the wrong money, which is exactly what an operator's wallet must never do.
     */
    public enum Breach {
        /** A repeated WIN with a transactionUuid already credited credits again and answers RS_OK. */
        DUPLICATE_WIN_CREDITED_TWICE("duplicateWinCreditedTwice"),
        /**
         * A rollback whose bet the wallet never saw answers RS_OK and credits {@link #UNKNOWN_ROLLBACK_CREDIT_MICRO}
         * (a rollback carries no amount: the wallet makes one up) instead of RS_ERROR_TRANSACTION_DOES_NOT_EXIST.
         */
        ROLLBACK_UNKNOWN_MOVES_MONEY("rollbackUnknownMovesMoney"),
        /** Any signature (or none) is accepted. */
        SIGNATURE_NOT_CHECKED("signatureNotChecked"),
        /**
         * The call is processed (money moves), then answered HTTP 200 with a body that is not the wallet's JSON: the
         * caller cannot tell what happened (the chaos harness's "garbage" fault).
         */
        GARBAGE_ANSWER("garbageAnswer");

        private final String wireName;

        Breach(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Breach ofWire(String name) {
            for (Breach b : values()) {
                if (b.wireName.equals(name)) return b;
            }
            throw new IllegalArgumentException("unknown breach '" + name + "'");
        }
    }

    /** What a {@link Breach#ROLLBACK_UNKNOWN_MOVES_MONEY} wallet credits for a rollback of a bet it never saw. */
    public static final long UNKNOWN_ROLLBACK_CREDIT_MICRO = 1_000_000;

    public static final Faults NONE = new Faults(false, 0, 0, 0, 30_000, Map.of(), Set.of(), false);

    public Faults {
        if (slowMs < 0 || slowMs > MAX_SLEEP_MS) throw new IllegalArgumentException("slowMs must be 0.." + MAX_SLEEP_MS + ", was " + slowMs);
        if (errorRate < 0 || errorRate > 1) throw new IllegalArgumentException("errorRate must be 0..1, was " + errorRate);
        if (timeoutRate < 0 || timeoutRate > 1) throw new IllegalArgumentException("timeoutRate must be 0..1, was " + timeoutRate);
        if (timeoutSleepMs < 1 || timeoutSleepMs > MAX_SLEEP_MS) {
            throw new IllegalArgumentException("timeoutSleepMs must be 1.." + MAX_SLEEP_MS + ", was " + timeoutSleepMs);
        }
        forced = forced.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(forced));
        breaches = breaches.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(breaches));
    }

    public Faults withDown(boolean v) {
        return new Faults(v, slowMs, errorRate, timeoutRate, timeoutSleepMs, forced, breaches, hang);
    }

    public Faults withSlowMs(long v) {
        return new Faults(down, v, errorRate, timeoutRate, timeoutSleepMs, forced, breaches, hang);
    }

    public Faults withErrorRate(double v) {
        return new Faults(down, slowMs, v, timeoutRate, timeoutSleepMs, forced, breaches, hang);
    }

    public Faults withTimeoutRate(double v) {
        return new Faults(down, slowMs, errorRate, v, timeoutSleepMs, forced, breaches, hang);
    }

    public Faults withTimeoutSleepMs(long v) {
        return new Faults(down, slowMs, errorRate, timeoutRate, v, forced, breaches, hang);
    }

    public Faults withForced(String endpoint, String rsCode) {
        Map<Endpoint, String> m = new EnumMap<>(Endpoint.class);
        m.putAll(forced);
        Endpoint ep = Endpoint.valueOf(endpoint.toUpperCase(Locale.ROOT));
        if (rsCode == null || rsCode.isBlank()) m.remove(ep);
        else m.put(ep, rsCode);
        return new Faults(down, slowMs, errorRate, timeoutRate, timeoutSleepMs, m, breaches, hang);
    }

    /** The same faults with {@code breach} on or off. */
    public Faults withBreach(Breach breach, boolean on) {
        EnumSet<Breach> b = EnumSet.noneOf(Breach.class);
        b.addAll(breaches);
        if (on) b.add(breach);
        else b.remove(breach);
        return new Faults(down, slowMs, errorRate, timeoutRate, timeoutSleepMs, forced, b, hang);
    }

    /** The same faults with the wallet hung (every call held unanswered) or answering again. */
    public Faults withHang(boolean v) {
        return new Faults(down, slowMs, errorRate, timeoutRate, timeoutSleepMs, forced, breaches, v);
    }

    public boolean breaches(Breach breach) {
        return breaches.contains(breach);
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
        for (Breach b : Breach.values()) m.put(b.wireName(), breaches.contains(b));
        m.put("hang", hang);
        return m;
    }
}
