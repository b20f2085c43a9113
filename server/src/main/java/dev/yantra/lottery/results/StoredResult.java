package dev.yantra.lottery.results;

import dev.yantra.lottery.bet.DrawResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One row of draw_results: the numbers, which revision they are, and who entered and confirmed them. */
public record StoredResult(UUID drawId, DrawResult result, int revision, String source, String enteredBy, Instant enteredAt,
                           boolean needsConfirmation, String confirmedBy, Instant confirmedAt) {

    /** Settlement may use it: no second admin is needed, or one has confirmed. */
    public boolean releasable() {
        return !needsConfirmation || confirmedBy != null;
    }

    /** The public form: the numbers only. */
    public Map<String, Object> numbersJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first", result.first());
        m.put("second", result.second());
        m.put("third", result.third());
        result.pick3().ifPresent(p -> m.put("pick3", p));
        return m;
    }

    /** The admin form: numbers, revision, entry and confirmation. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drawId", drawId.toString());
        m.putAll(numbersJson());
        m.put("revision", revision);
        m.put("source", source);
        m.put("enteredBy", enteredBy);
        m.put("enteredAt", enteredAt.toString());
        m.put("needsConfirmation", needsConfirmation);
        m.put("confirmedBy", confirmedBy);
        m.put("confirmedAt", confirmedAt == null ? null : confirmedAt.toString());
        m.put("released", releasable());
        return m;
    }

    /** "12-34-56" or "12-34-56 / 123", for messages and the audit log. */
    public static String describe(DrawResult r) {
        return r.first() + "-" + r.second() + "-" + r.third() + r.pick3().map(p -> " / " + p).orElse("");
    }
}
