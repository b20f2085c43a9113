package dev.yantra.reconcile;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of a transaction-level diff, over all rows (not only the listed differences).
 *
 * @param pendingExplained one-sided transactions an open job explains (they close by themselves)
 * @param droppedCalls     one-sided transactions a failed, never retried call explains (a bug)
 * @param unexplained      differences nothing explains, mismatches and duplicates included
 */
public record TransactionCounts(long theirsRows, long oursRows, long matching, Map<DifferenceType, Long> byType,
                                long pendingExplained, long droppedCalls, long unexplained) {
    public TransactionCounts {
        EnumMap<DifferenceType, Long> copy = new EnumMap<>(DifferenceType.class);
        for (DifferenceType t : DifferenceType.values()) {
            copy.put(t, byType.getOrDefault(t, 0L));
        }
        byType = java.util.Collections.unmodifiableMap(copy);
    }

    public long differences() {
        long sum = 0;
        for (long n : byType.values()) {
            sum += n;
        }
        return sum;
    }
}
