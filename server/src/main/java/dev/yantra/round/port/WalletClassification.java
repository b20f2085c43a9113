package dev.yantra.round.port;

import java.util.Set;

/** wire-protocol §4's classification table, per endpoint, in one place. */
public final class WalletClassification {
    private static final Set<String> DONE = Set.of("RS_OK", "RS_ERROR_DUPLICATE_TRANSACTION");
    private static final Set<String> BET_REJECTS = Set.of("RS_ERROR_NOT_ENOUGH_MONEY", "RS_ERROR_LIMIT_REACHED",
            "RS_ERROR_USER_DISABLED", "RS_ERROR_INVALID_TOKEN", "RS_ERROR_TOKEN_EXPIRED", "RS_ERROR_WRONG_CURRENCY");
    private static final Set<String> BREAKER_FAILURES = Set.of("RS_ERROR_UNKNOWN", "RS_ERROR_INVALID_SIGNATURE",
            "RS_ERROR_INVALID_PARTNER", "RS_ERROR_WRONG_SYNTAX", "RS_ERROR_WRONG_TYPES", "RS_ERROR_TIMEOUT");

    private WalletClassification() {
    }

    /** status null means no parseable RS answer (timeout, network error, 5xx, garbage): unknown. */
    public static WalletReply.Outcome classify(String endpoint, String status) {
        if (status == null) return WalletReply.Outcome.UNKNOWN;
        return switch (endpoint) {
            case "BET" -> DONE.contains(status) ? WalletReply.Outcome.DONE
                    : BET_REJECTS.contains(status) ? WalletReply.Outcome.REJECTED : WalletReply.Outcome.UNKNOWN;
            case "WIN" -> DONE.contains(status) ? WalletReply.Outcome.DONE : WalletReply.Outcome.UNKNOWN;
            case "ROLLBACK" -> DONE.contains(status) || "RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK".equals(status)
                    ? WalletReply.Outcome.DONE
                    : "RS_ERROR_TRANSACTION_DOES_NOT_EXIST".equals(status) ? WalletReply.Outcome.REJECTED
                    : WalletReply.Outcome.UNKNOWN;
            case "BALANCE" -> "RS_OK".equals(status) ? WalletReply.Outcome.DONE : WalletReply.Outcome.REJECTED;
            default -> throw new IllegalArgumentException("unknown endpoint " + endpoint);
        };
    }

    public static boolean breakerFailure(String status) {
        return status == null || BREAKER_FAILURES.contains(status);
    }
}
