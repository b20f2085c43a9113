package dev.yantra.reconcile;

import java.util.Objects;
import java.util.UUID;

/**
 * One difference of a transaction-level diff. {@code theirs} or {@code ours} is null on the side that lacks
 * the transaction; {@code ours} carries our bet, round and player when we have them.
 */
public record Difference(DifferenceType type, UUID transactionUuid, TransactionRow theirs, OursTransaction ours,
                         Explanation explanation) {
    public Difference {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transactionUuid, "transactionUuid");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** What differs and, for a one-sided transaction, why: the text a report shows. */
    public String note() {
        return switch (type) {
            case AMOUNT_MISMATCH -> "amountMicro ours " + ours.amountMicro() + ", theirs " + theirs.amountMicro();
            case CURRENCY_MISMATCH -> "currency ours " + ours.currency() + ", theirs " + theirs.currency();
            case KIND_MISMATCH -> "kind ours " + ours.kind() + ", theirs " + theirs.kind();
            case DUPLICATE_IN_THEIRS -> "their file books this transaction more than once";
            case OURS_ONLY, THEIRS_ONLY -> explanation.note();
        };
    }
}
