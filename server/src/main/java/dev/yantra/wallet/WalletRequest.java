package dev.yantra.wallet;

import dev.yantra.wallet.protocol.WalletEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One outbound wallet call. A retry is the same request with the same requestUuid and transactionUuid and a
 * higher {@code attempt}. {@code amountMicro} of a ROLLBACK is the rolled-back bet's stake: journaled (so
 * reconciliation sees rollback amounts), not sent (§4 has no amount on rollback).
 */
public record WalletRequest(WalletEndpoint endpoint, UUID operatorId, String playerRef, String currency, String gameCode,
                            UUID roundId, UUID betId, UUID jobId, UUID requestUuid, UUID transactionUuid,
                            UUID referenceTransactionUuid, Long amountMicro, int attempt) {

    public WalletRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(playerRef, "playerRef");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(requestUuid, "requestUuid");
        if (attempt < 1) throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        if (endpoint.movesMoney()) {
            Objects.requireNonNull(transactionUuid, "transactionUuid");
            if (amountMicro == null || amountMicro <= 0) {
                throw new IllegalArgumentException(endpoint + " amountMicro must be > 0, was " + amountMicro);
            }
        }
        if (endpoint == WalletEndpoint.WIN || endpoint == WalletEndpoint.ROLLBACK) {
            Objects.requireNonNull(referenceTransactionUuid, endpoint + " needs referenceTransactionUuid (the bet's)");
        }
    }

    public static WalletRequest bet(UUID operatorId, String playerRef, String currency, String gameCode, UUID roundId,
                                    UUID betId, UUID requestUuid, UUID transactionUuid, long amountMicro) {
        return new WalletRequest(WalletEndpoint.BET, operatorId, playerRef, currency, gameCode, roundId, betId, null,
                requestUuid, transactionUuid, null, amountMicro, 1);
    }

    public static WalletRequest balance(UUID operatorId, String playerRef, String currency, String gameCode) {
        return new WalletRequest(WalletEndpoint.BALANCE, operatorId, playerRef, currency, gameCode, null, null, null,
                UUID.randomUUID(), null, null, null, 1);
    }

    public WalletRequest withAttempt(int n) {
        return new WalletRequest(endpoint, operatorId, playerRef, currency, gameCode, roundId, betId, jobId, requestUuid,
                transactionUuid, referenceTransactionUuid, amountMicro, n);
    }

    /** The JSON body of §4; amounts as strings of decimal integers. */
    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestUuid", requestUuid.toString());
        m.put("operatorId", operatorId.toString());
        m.put("playerRef", playerRef);
        m.put("currency", currency);
        m.put("gameCode", gameCode);
        if (endpoint.movesMoney()) m.put("transactionUuid", transactionUuid.toString());
        if (referenceTransactionUuid != null && endpoint != WalletEndpoint.BET) {
            m.put("referenceTransactionUuid", referenceTransactionUuid.toString());
        }
        if (endpoint == WalletEndpoint.BET || endpoint == WalletEndpoint.WIN) m.put("amountMicro", String.valueOf(amountMicro));
        if (endpoint.movesMoney() && roundId != null) m.put("roundId", roundId.toString());
        return m;
    }
}
