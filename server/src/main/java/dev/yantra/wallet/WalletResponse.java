package dev.yantra.wallet;

import dev.yantra.wallet.protocol.Classification;
import dev.yantra.wallet.protocol.Verdict;
import dev.yantra.wallet.protocol.WalletEndpoint;

/**
 * What came of a wallet call, already classified. {@code sent=false}: no request left this node (the breaker
 * refused, or there is no credential or callback URL) — nothing can have moved, so a BET is simply rejected.
 *
 * @param status       the RS code as the wallet wrote it (or RS_ERROR_TIMEOUT); null without a parseable answer
 * @param httpStatus   null when no HTTP answer came
 * @param failure      why there was no usable answer (timeout, network error, 5xx, ...), null otherwise
 */
public record WalletResponse(WalletRequest request, boolean sent, Classification.Classified classification,
                             String status, Integer httpStatus, Long balanceMicro, String message, long latencyMs,
                             String kid, String failure) {

    public static final String NOT_SENT_BREAKER_OPEN = "operator_unavailable";

    public Verdict verdict() {
        if (!sent) return request.endpoint() == WalletEndpoint.BET ? Verdict.REJECTED : Verdict.RETRY;
        return classification.verdict();
    }

    public boolean succeeded() {
        return sent && classification.succeeded();
    }

    /** For a job's last_error and a bet's reason: the RS code, or what went wrong on the way. */
    public String describe() {
        if (failure != null) return status != null ? status + " (" + failure + ")" : failure;
        return status + (httpStatus != null && httpStatus != 200 ? " (HTTP " + httpStatus + ")" : "");
    }
}
