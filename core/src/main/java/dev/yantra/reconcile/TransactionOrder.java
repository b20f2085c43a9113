package dev.yantra.reconcile;

import java.util.Comparator;
import java.util.UUID;

/**
 * The order both sides of a transaction-level diff must arrive in: the 128 bits of the uuid compared as
 * an unsigned number. That is the order of the lowercase hex text and the order Postgres gives a
 * {@code uuid} column ({@code ORDER BY transaction_uuid}). It is NOT {@link UUID#compareTo}, which compares
 * signed longs and puts {@code 8…}–{@code f…} before {@code 0…}.
 */
public final class TransactionOrder {
    public static final Comparator<UUID> UUID_ORDER = TransactionOrder::compare;

    private TransactionOrder() {
    }

    public static int compare(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
