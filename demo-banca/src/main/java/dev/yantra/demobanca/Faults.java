package dev.yantra.demobanca;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the demo banca behaves right now: its faults (all off by default) and its business rates. Immutable;
 * {@link DemoBanca} swaps the whole object, so one request or one webhook sees one consistent set.
 *
 * <p>The value checks and JSON field readers at the end are the same as stripe-standin's {@code Faults}, on purpose
 * not shared: each test double is an artifact of its own that depends on no other (the Stripe stand-in not even on
 * core), and a module for these thirty lines would be one more Maven module that each double, the node and its image
 * would carry. Keep the two alike when changing either.
 *
 * @param down                close the banca listener: connection refused (the admin listener stays up)
 * @param slowMs              delay every banca answer by this much
 * @param errorRate           share of banca calls answered HTTP 503 before anything is registered (0..1)
 * @param timeoutRate         share of calls that are registered, then answered only after timeoutSleepMs — the
 *                            caller gives up although the play exists (0..1)
 * @param timeoutSleepMs      how late a "timed out" answer comes; longer than the caller's timeout
 * @param lostWebhooks        share of decided asynchronous plays whose webhook is never sent (0..1)
 * @param duplicateWebhooks   share of webhooks sent twice (0..1)
 * @param reorderWebhooks     hold webhooks and send each batch of {@link #REORDER_BATCH} in reverse order (what
 *                            is still held is sent, reversed, when this is switched off)
 * @param wrongSecretWebhooks share of webhooks signed with a secret Yantra never issued (0..1)
 * @param forceReject         every play is rejected (reason {@code forced_reject})
 * @param syncRate            share of plays answered at once (200); the rest get 202 and a webhook later (0..1)
 * @param confirmRate         share of plays confirmed; the rest are rejected (0..1)
 * @param webhookDelayMs      how long after a 202 the play is decided and its webhook sent
 */
public record Faults(boolean down, long slowMs, double errorRate, double timeoutRate, long timeoutSleepMs,
                     double lostWebhooks, double duplicateWebhooks, boolean reorderWebhooks,
                     double wrongSecretWebhooks, boolean forceReject, double syncRate, double confirmRate,
                     long webhookDelayMs) {
    public static final long MAX_SLEEP_MS = 600_000;
    public static final int REORDER_BATCH = 2;
    public static final double DEFAULT_SYNC_RATE = 0.70;
    public static final double DEFAULT_CONFIRM_RATE = 0.95;
    public static final long DEFAULT_WEBHOOK_DELAY_MS = 5_000;
    public static final long DEFAULT_TIMEOUT_SLEEP_MS = 20_000;

    /** No faults, the default rates. */
    public static final Faults NONE = none(DEFAULT_SYNC_RATE, DEFAULT_CONFIRM_RATE, DEFAULT_WEBHOOK_DELAY_MS);

    private static final Set<String> FIELDS = Set.of("clear", "down", "slowMs", "errorRate", "timeoutRate",
            "timeoutSleepMs", "lostWebhooks", "duplicateWebhooks", "reorderWebhooks", "wrongSecretWebhooks",
            "forceReject", "syncRate", "confirmRate", "webhookDelayMs");

    public Faults {
        sleep("slowMs", slowMs, 0);
        sleep("timeoutSleepMs", timeoutSleepMs, 1);
        sleep("webhookDelayMs", webhookDelayMs, 0);
        rate("errorRate", errorRate);
        rate("timeoutRate", timeoutRate);
        rate("lostWebhooks", lostWebhooks);
        rate("duplicateWebhooks", duplicateWebhooks);
        rate("wrongSecretWebhooks", wrongSecretWebhooks);
        rate("syncRate", syncRate);
        rate("confirmRate", confirmRate);
    }

    /** No faults, with these business rates (what {@code clear} returns to). */
    public static Faults none(double syncRate, double confirmRate, long webhookDelayMs) {
        return new Faults(false, 0, 0, 0, DEFAULT_TIMEOUT_SLEEP_MS, 0, 0, false, 0, false, syncRate, confirmRate, webhookDelayMs);
    }

    /**
     * The JSON of {@code POST /admin/faults} applied onto {@code current}: fields present replace, fields absent
     * stay; {@code "clear": true} first goes back to {@code cleared}. An unknown field or a value of the wrong type
     * or range is an {@link IllegalArgumentException} naming it, and nothing changes.
     */
    public static Faults apply(Faults current, Faults cleared, Map<String, Object> req) {
        for (String k : req.keySet()) {
            if (!FIELDS.contains(k)) throw new IllegalArgumentException("unknown fault '" + k + "'; known: " + FIELDS);
        }
        Faults f = bool(req, "clear", false) ? cleared : current;
        return new Faults(bool(req, "down", f.down), ms(req, "slowMs", f.slowMs), num(req, "errorRate", f.errorRate),
                num(req, "timeoutRate", f.timeoutRate), ms(req, "timeoutSleepMs", f.timeoutSleepMs),
                num(req, "lostWebhooks", f.lostWebhooks), num(req, "duplicateWebhooks", f.duplicateWebhooks),
                bool(req, "reorderWebhooks", f.reorderWebhooks), num(req, "wrongSecretWebhooks", f.wrongSecretWebhooks),
                bool(req, "forceReject", f.forceReject), num(req, "syncRate", f.syncRate),
                num(req, "confirmRate", f.confirmRate), ms(req, "webhookDelayMs", f.webhookDelayMs));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("down", down);
        m.put("slowMs", slowMs);
        m.put("errorRate", errorRate);
        m.put("timeoutRate", timeoutRate);
        m.put("timeoutSleepMs", timeoutSleepMs);
        m.put("lostWebhooks", lostWebhooks);
        m.put("duplicateWebhooks", duplicateWebhooks);
        m.put("reorderWebhooks", reorderWebhooks);
        m.put("wrongSecretWebhooks", wrongSecretWebhooks);
        m.put("forceReject", forceReject);
        m.put("syncRate", syncRate);
        m.put("confirmRate", confirmRate);
        m.put("webhookDelayMs", webhookDelayMs);
        return m;
    }

    boolean rollError() {
        return roll(errorRate);
    }

    boolean rollTimeout() {
        return roll(timeoutRate);
    }

    boolean rollSync() {
        return roll(syncRate);
    }

    /** Whether the next decided play is confirmed: never under forceReject, else at confirmRate. */
    boolean rollConfirm() {
        return !forceReject && roll(confirmRate);
    }

    boolean rollLost() {
        return roll(lostWebhooks);
    }

    boolean rollDuplicate() {
        return roll(duplicateWebhooks);
    }

    boolean rollWrongSecret() {
        return roll(wrongSecretWebhooks);
    }

    /** nextDouble is in [0, 1): a rate of 0 never fires and a rate of 1 always does, so tests can be exact. */
    private static boolean roll(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    private static void rate(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be 0..1, was " + v);
    }

    private static void sleep(String name, long v, long min) {
        if (v < min || v > MAX_SLEEP_MS) throw new IllegalArgumentException(name + " must be " + min + ".." + MAX_SLEEP_MS + ", was " + v);
    }

    private static boolean bool(Map<String, Object> req, String k, boolean dflt) {
        Object v = req.get(k);
        if (v == null) return dflt;
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException(k + " must be true or false, was " + v);
    }

    private static double num(Map<String, Object> req, String k, double dflt) {
        Object v = req.get(k);
        if (v == null) return dflt;
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException(k + " must be a number, was " + v);
    }

    private static long ms(Map<String, Object> req, String k, long dflt) {
        Object v = req.get(k);
        if (v == null) return dflt;
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
        throw new IllegalArgumentException(k + " must be a whole number of milliseconds, was " + v);
    }
}
