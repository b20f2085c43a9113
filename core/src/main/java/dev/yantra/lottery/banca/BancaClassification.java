package dev.yantra.lottery.banca;

import java.util.Optional;

/**
 * How a banca's answer to {@code POST /v1/plays/register} (or to a status check) is read, in one place, as a
 * table. The HTTP status picks a row; the row says whether the body is read and what it may turn into.
 *
 * <pre>
 * status                     body read?  outcome
 * timeout / no response (0)  no          RETRY          breaker failure
 * 2xx                        yes         confirmed → CONFIRMED (needs playIdBanca and ticketCode)
 *                                        rejected  → REJECTED
 *                                        accepted  → ACCEPTED
 *                                        else      → RETRY, breaker failure; but a 202 that neither confirms
 *                                                    nor rejects is ACCEPTED, whatever its body
 * 401, 403                   no          RETRY          breaker failure, signature refused (flag it)
 * 408, 429, 5xx              no          RETRY          breaker failure
 * 409                        yes         rejected → REJECTED; a complete confirmation → CONFIRMED
 *                                        (a banca replaying a play it already registered); else RETRY_LIMITED
 * other 4xx                  yes         rejected → REJECTED; else RETRY_LIMITED
 * anything else (1xx, 3xx)   no          RETRY          breaker failure
 * </pre>
 *
 * <p>Two choices made on purpose: a 401/403 is never read as a rejection even when its body says
 * "rejected", because it is about our key, not the play (a botched key rotation must not refund every play);
 * and a 5xx is never a rejection, so a banca's outage never loses a player's play.
 */
public final class BancaClassification {

    /** Calls in all (first try included) for a plain 4xx before the play is failed and flagged. */
    public static final int OTHER_4XX_MAX_ATTEMPTS = 5;

    /** The rows of the table above, chosen by status alone. */
    public enum Row {
        TIMED_OUT, SUCCESS, SIGNATURE_REFUSED, TRANSIENT, CONFLICT, OTHER_4XX, UNEXPECTED;

        public static Row of(int httpStatus, boolean timedOut) {
            if (timedOut || httpStatus == 0) return TIMED_OUT;
            if (httpStatus >= 200 && httpStatus < 300) return SUCCESS;
            if (httpStatus == 401 || httpStatus == 403) return SIGNATURE_REFUSED;
            if (httpStatus == 408 || httpStatus == 429 || httpStatus >= 500 && httpStatus < 600) return TRANSIENT;
            if (httpStatus == 409) return CONFLICT;
            if (httpStatus >= 400 && httpStatus < 500) return OTHER_4XX;
            return UNEXPECTED;
        }
    }

    private BancaClassification() {
    }

    /**
     * The answer for one call. {@code body} is the raw response body, or null when there was none;
     * {@code timedOut} is true when no response came in time (or the connection failed), whatever the status.
     */
    public static BancaAnswer classify(int httpStatus, String body, boolean timedOut) {
        Row row = Row.of(httpStatus, timedOut);
        return switch (row) {
            case TIMED_OUT -> new BancaAnswer.Retry(timedOut ? "timeout" : "no response", true, false);
            case SUCCESS -> success(httpStatus, BancaReply.parse(body));
            case SIGNATURE_REFUSED -> new BancaAnswer.Retry(
                    "HTTP " + httpStatus + ": the banca refused our signature", true, true);
            case TRANSIENT -> new BancaAnswer.Retry("HTTP " + httpStatus, true, false);
            case CONFLICT, OTHER_4XX -> clientError(row, httpStatus, BancaReply.parse(body));
            case UNEXPECTED -> new BancaAnswer.Retry("unexpected HTTP " + httpStatus, true, false);
        };
    }

    /** A network error before any status (refused connection, reset, DNS): retried like a timeout. */
    public static BancaAnswer networkError(String detail) {
        return new BancaAnswer.Retry("network error: " + (detail == null ? "unknown" : detail), true, false);
    }

    private static BancaAnswer success(int httpStatus, Optional<BancaReply> reply) {
        boolean settles = reply.isPresent()
                && (reply.get().isCompleteConfirmation() || BancaReply.REJECTED.equals(reply.get().status()));
        if (httpStatus == 202 && !settles) {
            return new BancaAnswer.Accepted(); // 202 says "taken, answer later" whatever else the body holds
        }
        if (reply.isEmpty()) {
            return new BancaAnswer.Retry("HTTP " + httpStatus + " with a body that is not a banca reply", true, false);
        }
        BancaReply r = reply.get();
        return switch (r.status()) {
            case BancaReply.CONFIRMED -> r.isCompleteConfirmation()
                    ? new BancaAnswer.Confirmed(r.playIdBanca().orElseThrow(), r.ticketCode().orElseThrow())
                    : new BancaAnswer.Retry("confirmed without playIdBanca and ticketCode", true, false);
            case BancaReply.REJECTED -> rejected(r);
            case BancaReply.ACCEPTED -> new BancaAnswer.Accepted();
            default -> new BancaAnswer.Retry("unknown status '" + cut(r.status()) + "'", true, false);
        };
    }

    private static BancaAnswer clientError(Row row, int httpStatus, Optional<BancaReply> reply) {
        if (reply.isPresent() && BancaReply.REJECTED.equals(reply.get().status())) return rejected(reply.get());
        if (row == Row.CONFLICT && reply.isPresent() && reply.get().isCompleteConfirmation()) {
            return new BancaAnswer.Confirmed(reply.get().playIdBanca().orElseThrow(), reply.get().ticketCode().orElseThrow());
        }
        return new BancaAnswer.RetryLimited("HTTP " + httpStatus
                + reply.flatMap(BancaReply::reason).map(r -> ": " + r).orElse(""));
    }

    private static BancaAnswer rejected(BancaReply r) {
        return new BancaAnswer.Rejected(r.reason().orElse("rejected by the banca"));
    }

    private static String cut(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "..." : s;
    }
}
