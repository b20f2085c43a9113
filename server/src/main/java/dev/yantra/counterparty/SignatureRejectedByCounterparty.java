package dev.yantra.counterparty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * {@code counterparty_signature_rejected_total{kind,counterparty,reason}}: calls of ours that an operator's wallet
 * or a banca refused for their signature. One is a key we sign with that the counterparty does not (or no longer)
 * hold — typically a rotation activated before the counterparty installed the new secret — and every retry of
 * owed money then fails the same way, so it pages (deploy/prometheus/alerts.yml) instead of waiting in a queue.
 * The series exist at 0 from start-up for every configured counterparty, so {@code increase()} sees the first.
 *
 * <p>kind: {@value #OPERATOR} or {@value #BANCA}; counterparty: the operator's or banca's id; reason:
 * {@value #INVALID_SIGNATURE} (the answer said so in its body) or {@value #UNAUTHORIZED} (HTTP 401/403 alone).
 */
public final class SignatureRejectedByCounterparty {
    public static final String NAME = "counterparty_signature_rejected";
    public static final String OPERATOR = "operator";
    public static final String BANCA = "banca";
    public static final String INVALID_SIGNATURE = "invalid_signature";
    public static final String UNAUTHORIZED = "unauthorized";
    private static final String[] REASONS = {INVALID_SIGNATURE, UNAUTHORIZED};

    private SignatureRejectedByCounterparty() {
    }

    /**
     * Why an answer is a refusal of our signature, if it is one.
     *
     * @param code the counterparty's own status code in the body (e.g. RS_ERROR_INVALID_SIGNATURE), null without one
     */
    public static Optional<String> reason(Integer httpStatus, String code) {
        if (code != null && code.toUpperCase(java.util.Locale.ROOT).contains("INVALID_SIGNATURE")) return Optional.of(INVALID_SIGNATURE);
        if (httpStatus != null && (httpStatus == 401 || httpStatus == 403)) return Optional.of(UNAUTHORIZED);
        return Optional.empty();
    }

    public static void record(MeterRegistry meters, String kind, String counterparty, String reason) {
        counter(meters, kind, counterparty, reason).increment();
    }

    public static void preRegister(MeterRegistry meters, String kind, String counterparty) {
        for (String r : REASONS) counter(meters, kind, counterparty, r);
    }

    private static Counter counter(MeterRegistry meters, String kind, String counterparty, String reason) {
        return Counter.builder(NAME).description("Our calls a counterparty refused for their signature (its key is not the one we sign with)")
                .tags("kind", kind, "counterparty", counterparty, "reason", reason).register(meters);
    }
}
