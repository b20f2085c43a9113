package dev.yantra.round.port;

import java.util.UUID;

/**
 * Hands money in doubt or owed to the durable job queue. Called inside the caller's transaction, so the job
 * exists exactly when the bet state that needs it does.
 */
public interface JobPort {
    record Job(UUID operatorId, UUID betId, UUID roundId, String playerRef, String currency, long amountMicro,
               UUID transactionUuid, UUID referenceTransactionUuid) {
    }

    /** A WIN for a bet in WIN_OWED; transactionUuid is the bet's win_transaction_uuid. */
    void enqueueWin(Job job);

    /** A ROLLBACK of the bet's BET transaction (referenceTransactionUuid) under a new transactionUuid. */
    void enqueueRollback(Job job);
}
