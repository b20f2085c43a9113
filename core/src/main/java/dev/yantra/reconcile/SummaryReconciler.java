package dev.yantra.reconcile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a daily summary file with ours, row by row (of an operator settlement file): per kind, drift = theirs − ours,
 * where ours = confirmed + manual adjustments. A row is MATCH without drift, MINOR_DRIFT when every
 * |drift| / |ours| &lt; 0.001 (exactly, in integers), else MAJOR_DRIFT — also when ours is 0 and theirs is not.
 * An operator we do not know counts as ours = 0, with a warning. Pending jobs are shown, they do not
 * change the status.
 */
public final class SummaryReconciler {
    /** Row keys remembered to warn about rows repeated in a file; past this, repeats are not detected. */
    static final int MAX_KEYS_TRACKED = 100_000;
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    private final OursSource ours;
    private final ReconcileLimits limits;

    public SummaryReconciler(OursSource ours, ReconcileLimits limits) {
        this.ours = Objects.requireNonNull(ours, "ours");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Reads the whole file; any malformed line makes the report unreadable (exit 3). */
    public ReconciliationReport reconcile(SettlementCsvReader file) {
        ReconciliationReport report = reconcile(file.summaryRows());
        if (file.hasErrors()) {
            return ReconciliationReport.unreadable(SettlementFormat.SUMMARY, file.errors(), file.errorCount());
        }
        return report;
    }

    public ReconciliationReport reconcile(Iterator<SummaryRow> theirs) {
        BoundedList<SummaryRowResult> rows = new BoundedList<>(limits.maxRowsListed());
        BoundedList<String> warnings = new BoundedList<>(limits.maxWarningsListed());
        Map<String, ManualAdjustment> adjustments = new LinkedHashMap<>();
        Set<String> unknownOperators = new HashSet<>();
        Set<List<Object>> keys = new HashSet<>();
        Status worst = Status.MATCH;
        while (theirs.hasNext()) {
            SummaryRow row = theirs.next();
            DailyTotals totals = Objects.requireNonNull(ours.oursFor(row.operatorId(), row.date(), row.currency()),
                    "OursSource returned null");
            SummaryRowResult result = compare(row, totals);
            worst = worst.worst(result.status());
            rows.add(result);
            if (!result.operatorKnown() && unknownOperators.size() < MAX_KEYS_TRACKED
                    && unknownOperators.add(row.operatorId())) {
                warnings.add("operator " + row.operatorId() + " is not known to us: counted as no activity (ours = 0)");
            }
            if (keys.size() < MAX_KEYS_TRACKED && !keys.add(List.of(row.operatorId(), row.date(), row.currency()))) {
                warnings.add("row for " + row.operatorId() + " " + row.date() + " " + row.currency()
                        + " appears more than once in the file; each occurrence is compared with the full day");
            }
            for (ManualAdjustment a : result.adjustments()) {
                if (adjustments.size() < limits.maxWarningsListed()) {
                    adjustments.putIfAbsent(a.id(), a);
                }
            }
        }
        return new ReconciliationReport(SettlementFormat.SUMMARY, worst, rows.items(), rows.count(), null,
                List.of(), 0, warnings.items(), warnings.count(), List.copyOf(adjustments.values()), List.of(), 0);
    }

    /** Compares one row with our totals for its (operator, day, currency). */
    public static SummaryRowResult compare(SummaryRow theirs, DailyTotals totals) {
        DailyTotals ours = totals.operatorKnown() ? totals : DailyTotals.unknownOperator();
        for (ManualAdjustment a : ours.adjustments()) {
            if (!a.affects(theirs.operatorId(), theirs.date(), theirs.currency())) {
                throw new IllegalStateException("OursSource returned adjustment " + a.id() + " of " + a.operatorId()
                        + " " + a.date() + " " + a.currency() + " for row " + theirs.operatorId() + " "
                        + theirs.date() + " " + theirs.currency());
            }
        }
        List<KindComparison> kinds = new ArrayList<>(Kind.values().length);
        Status worst = Status.MATCH;
        for (Kind kind : Kind.values()) {
            KindComparison c = compare(kind, ours.oursMicro(kind), theirs.amountMicro(kind), ours.pending(kind));
            kinds.add(c);
            worst = worst.worst(c.status());
        }
        return new SummaryRowResult(theirs.operatorId(), theirs.date(), theirs.currency(), ours.operatorKnown(),
                kinds, ours.adjustments(), worst);
    }

    static KindComparison compare(Kind kind, long oursMicro, long theirsMicro, PendingWork pending) {
        long drift = Math.subtractExact(theirsMicro, oursMicro);
        String direction = drift < 0 ? KindComparison.OURS_HIGH : drift > 0 ? KindComparison.OURS_LOW : "";
        return new KindComparison(kind, oursMicro, theirsMicro, drift, direction, pending, status(oursMicro, drift));
    }

    /** MINOR when |drift| / |ours| &lt; 0.001, i.e. |drift| × 1000 &lt; |ours|: exact, no floating point. */
    static Status status(long oursMicro, long driftMicro) {
        if (driftMicro == 0) {
            return Status.MATCH;
        }
        BigInteger drift1000 = BigInteger.valueOf(driftMicro).abs().multiply(THOUSAND);
        boolean minor = drift1000.compareTo(BigInteger.valueOf(oursMicro).abs()) < 0;
        return minor ? Status.MINOR_DRIFT : Status.MAJOR_DRIFT;
    }
}
