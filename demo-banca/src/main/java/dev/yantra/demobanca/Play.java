package dev.yantra.demobanca;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One play as the banca's ledger holds it.
 *
 * @param status        {@code accepted} (answered 202, not decided yet), {@code confirmed} or {@code rejected}
 * @param answered      {@code sync} (decided in the register answer) or {@code async} (decided later, by webhook)
 * @param keyId         the id of the secret the register call verified under
 * @param webhookState  {@code none} (sync play), {@code scheduled}, {@code held} (reorder fault), {@code sent} (2xx),
 *                      {@code refused} (4xx: not retried), {@code failed} (retries spent), {@code lost} (fault),
 *                      {@code unsendable} (no Yantra URL or no secret configured)
 */
public record Play(UUID requestId, String playIdBanca, String status, String ticketCode, String reason, String answered,
                   String lotteryId, String betType, String keyId, String webhookState, int webhookAttempts,
                   Integer webhookLastHttp, Instant createdAt, Instant decidedAt) {
    public static final String ACCEPTED = "accepted";
    public static final String CONFIRMED = "confirmed";
    public static final String REJECTED = "rejected";

    public boolean decided() {
        return !status.equals(ACCEPTED);
    }

    /** What the register call answers for this play (also on a repeat), without the HTTP status. */
    Map<String, Object> registerAnswer() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("playIdBanca", playIdBanca);
        if (decided()) m.put("ticketCode", ticketCode);
        if (reason != null) m.put("reason", reason);
        return m;
    }

    /** What the status endpoint answers. */
    Map<String, Object> statusAnswer() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("playIdBanca", playIdBanca);
        m.put("ticketCode", ticketCode);
        m.put("requestId", requestId.toString());
        if (reason != null) m.put("reason", reason);
        return m;
    }

    /** The webhook body: {requestId, playIdBanca, ticketCode, status, reason?}; a rejection has ticketCode null. */
    Map<String, Object> webhookBody() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", requestId.toString());
        m.put("playIdBanca", playIdBanca);
        m.put("ticketCode", ticketCode);
        m.put("status", status);
        if (reason != null) m.put("reason", reason);
        return m;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", requestId.toString());
        m.put("playIdBanca", playIdBanca);
        m.put("status", status);
        m.put("ticketCode", ticketCode);
        m.put("reason", reason);
        m.put("answered", answered);
        m.put("lotteryId", lotteryId);
        m.put("betType", betType);
        m.put("keyId", keyId);
        m.put("webhookState", webhookState);
        m.put("webhookAttempts", webhookAttempts);
        m.put("webhookLastHttp", webhookLastHttp);
        m.put("createdAt", createdAt.toString());
        m.put("decidedAt", decidedAt == null ? null : decidedAt.toString());
        return m;
    }
}
