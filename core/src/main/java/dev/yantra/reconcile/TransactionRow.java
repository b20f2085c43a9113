package dev.yantra.reconcile;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One row of the transaction-level format, as the operator books it ("theirs"). */
public record TransactionRow(UUID transactionUuid, Kind kind, long amountMicro, String currency, Instant createdAt) {
    public TransactionRow {
        Objects.requireNonNull(transactionUuid, "transactionUuid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
