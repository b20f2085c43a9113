package dev.yantra.reconcile;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One transaction as we count it: a {@code transaction_uuid} with a succeeded wallet call, once however
 * many attempts it took. The context fields (bet, round, player) may be null when we do not have them;
 * they are only carried into the report so an engineer can find the bet.
 */
public record OursTransaction(UUID transactionUuid, Kind kind, long amountMicro, String currency, Instant createdAt,
                              String betId, String roundId, String playerRef) {
    public OursTransaction {
        Objects.requireNonNull(transactionUuid, "transactionUuid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(createdAt, "createdAt");
        if (amountMicro < 0) {
            // Same invariant as when the wallet call was written: a movement is never negative.
            throw new IllegalArgumentException("amountMicro must be >= 0, was " + amountMicro + " for " + transactionUuid);
        }
    }

    /** The row as it appears in a transaction-level export of our side. */
    public TransactionRow asRow() {
        return new TransactionRow(transactionUuid, kind, amountMicro, currency, createdAt);
    }
}
