package dev.yantra.stripestandin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What goes wrong right now (all off by default). Immutable; the stand-in swaps the whole object, so one request or
 * one webhook sees one consistent set.
 *
 * <p>The value checks and JSON field readers at the end are the same as demo-banca's {@code Faults}, on purpose
 * not shared: each test double is an artifact of its own that depends on no other (the Stripe stand-in not even on
 * core), and a module for these thirty lines would be one more Maven module that each double, the node and its image
 * would carry. Keep the two alike when changing either.
 *
 * @param webhookDelayMs how long after an event its webhook is sent
 * @param duplicateRate  share of webhooks sent twice (0..1)
 * @param reorder        hold webhooks and send each pair in reverse order (a lone one goes after
 *                       {@link #REORDER_WINDOW_MS}; what is held is sent when this is switched off)
 * @param dropRate       share of webhooks never sent (0..1); the event is still listed by {@code GET /v1/events}
 * @param down           Stripe is out: every API call is answered 503 and webhooks wait until it is back
 * @param apiErrorRate   share of API calls answered 500 before anything is done (0..1)
 */
public record Faults(long webhookDelayMs, double duplicateRate, boolean reorder, double dropRate, boolean down, double apiErrorRate) {
    public static final Faults NONE = new Faults(0, 0, false, 0, false, 0);
    public static final long MAX_DELAY_MS = 600_000;
    public static final long REORDER_WINDOW_MS = 1_000;
    private static final Set<String> FIELDS = Set.of("clear", "webhookDelayMs", "duplicateRate", "reorder", "dropRate", "down", "apiErrorRate");

    public Faults {
        if (webhookDelayMs < 0 || webhookDelayMs > MAX_DELAY_MS) throw new IllegalArgumentException("webhookDelayMs must be 0.." + MAX_DELAY_MS + ", was " + webhookDelayMs);
        rate("duplicateRate", duplicateRate);
        rate("dropRate", dropRate);
        rate("apiErrorRate", apiErrorRate);
    }

    /**
     * The JSON of {@code POST /admin/faults} applied onto {@code current}: fields present replace, absent ones stay;
     * {@code "clear": true} first goes back to no faults. An unknown field or a bad value is an
     * {@link IllegalArgumentException} naming it, and nothing changes.
     */
    public static Faults apply(Faults current, Map<String, Object> req) {
        for (String k : req.keySet()) {
            if (!FIELDS.contains(k)) throw new IllegalArgumentException("unknown fault '" + k + "'; known: " + FIELDS);
        }
        Faults f = bool(req, "clear", false) ? NONE : current;
        return new Faults(ms(req, "webhookDelayMs", f.webhookDelayMs), num(req, "duplicateRate", f.duplicateRate),
                bool(req, "reorder", f.reorder), num(req, "dropRate", f.dropRate), bool(req, "down", f.down),
                num(req, "apiErrorRate", f.apiErrorRate));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("webhookDelayMs", webhookDelayMs);
        m.put("duplicateRate", duplicateRate);
        m.put("reorder", reorder);
        m.put("dropRate", dropRate);
        m.put("down", down);
        m.put("apiErrorRate", apiErrorRate);
        return m;
    }

    boolean rollDuplicate() {
        return roll(duplicateRate);
    }

    boolean rollDrop() {
        return roll(dropRate);
    }

    boolean rollApiError() {
        return roll(apiErrorRate);
    }

    /** nextDouble is in [0, 1): a rate of 0 never fires and a rate of 1 always does, so tests can be exact. */
    private static boolean roll(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    private static void rate(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be 0..1, was " + v);
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
