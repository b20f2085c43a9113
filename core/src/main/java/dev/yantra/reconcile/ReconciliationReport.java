package dev.yantra.reconcile;

import java.util.List;

/**
 * The result of one reconciliation, ready to render ({@link ReportRenderer}). Lists are bounded by
 * {@link ReconcileLimits}; the matching {@code …Count} says how many there were in all.
 *
 * @param format       the file's format; null when the header was unusable
 * @param status       worst row (summary) or the diff's status (transactions); null when the input was unreadable
 * @param rows         summary level: compared rows (empty at transaction level)
 * @param transactions transaction level: counts (null at summary level or when unreadable)
 * @param differences  transaction level: the first differences in uuid order
 * @param adjustments  manual correction entries that affected the compared rows
 * @param lineErrors   malformed lines; any of them makes the input unreadable (exit 3) and nothing is compared
 */
public record ReconciliationReport(SettlementFormat format, Status status,
                                   List<SummaryRowResult> rows, long rowCount,
                                   TransactionCounts transactions,
                                   List<Difference> differences, long differenceCount,
                                   List<String> warnings, long warningCount,
                                   List<ManualAdjustment> adjustments,
                                   List<LineError> lineErrors, long lineErrorCount) {
    public static final String UNREADABLE_INPUT = "UNREADABLE_INPUT";

    public ReconciliationReport {
        rows = List.copyOf(rows);
        differences = List.copyOf(differences);
        warnings = List.copyOf(warnings);
        adjustments = List.copyOf(adjustments);
        lineErrors = List.copyOf(lineErrors);
        if ((status == null) != (lineErrorCount > 0)) {
            throw new IllegalArgumentException("a report has a status exactly when its input was readable");
        }
    }

    /** The report for a file that could not be read: only its errors, exit 3. */
    public static ReconciliationReport unreadable(SettlementFormat format, List<LineError> errors, long errorCount) {
        if (errorCount <= 0) {
            throw new IllegalArgumentException("an unreadable report needs at least one error, errorCount was " + errorCount);
        }
        return new ReconciliationReport(format, null, List.of(), 0, null, List.of(), 0,
                List.of(), 0, List.of(), errors, errorCount);
    }

    public static ReconciliationReport unreadable(SettlementFileException e) {
        return unreadable(null, e.errors(), e.errors().size());
    }

    public boolean unreadable() {
        return lineErrorCount > 0;
    }

    /** 0 MATCH, 1 MINOR_DRIFT, 2 MAJOR_DRIFT, 3 unreadable input. */
    public int exitCode() {
        return unreadable() ? Status.EXIT_UNREADABLE_INPUT : status.exitCode();
    }

    /** {@code MATCH}, {@code MINOR_DRIFT}, {@code MAJOR_DRIFT} or {@code UNREADABLE_INPUT}. */
    public String outcome() {
        return unreadable() ? UNREADABLE_INPUT : status.name();
    }
}
