package dev.yantra.reconcile;

import java.util.List;

/** One row of a daily summary file compared with ours; {@code status} is the worst of its kinds. */
public record SummaryRowResult(String operatorId, java.time.LocalDate date, String currency, boolean operatorKnown,
                               List<KindComparison> kinds, List<ManualAdjustment> adjustments, Status status) {
    public SummaryRowResult {
        kinds = List.copyOf(kinds);
        adjustments = List.copyOf(adjustments);
    }
}
