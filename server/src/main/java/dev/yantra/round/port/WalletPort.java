package dev.yantra.round.port;

import java.util.UUID;

/** Signed calls to an operator's wallet; every call is journaled in wallet_calls by the implementation. */
public interface WalletPort {
    record Call(UUID operatorId, String playerRef, String currency, String gameCode, UUID roundId, UUID betId,
                UUID requestUuid, UUID transactionUuid, UUID referenceTransactionUuid, long amountMicro) {
    }

    WalletReply bet(Call call);

    WalletReply win(Call call);

    /** Rolls back the BET referenceTransactionUuid; DONE also for ALREADY_ROLLED_BACK, REJECTED for DOES_NOT_EXIST. */
    WalletReply rollback(Call call);

    /** Balance of a player; amountMicro and transaction ids of the call are ignored. */
    WalletReply balance(Call call);
}
