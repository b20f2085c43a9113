package dev.yantra.reconcile;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Diffs a transaction-level file against our transactions as a streaming merge: both sides arrive sorted by
 * {@link TransactionOrder} and are read once, one row of each in hand, so memory does not grow with the day.
 * Status (of an operator settlement file): MATCH when identical; MINOR_DRIFT when every difference is a one-sided
 * transaction that an open job explains; otherwise MAJOR_DRIFT, whatever the size.
 * <p>
 * Their side may repeat a uuid (reported as {@link DifferenceType#DUPLICATE_IN_THEIRS}); it must not go
 * backwards. Our side must be strictly ascending (each transaction counted once): a violation is a bug in
 * the query and throws.
 */
public final class TransactionReconciler {
    private final Explainer explainer;
    private final ReconcileLimits limits;

    public TransactionReconciler(Explainer explainer, ReconcileLimits limits) {
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Reads the whole file; any malformed line makes the report unreadable (exit 3). */
    public ReconciliationReport reconcile(SettlementCsvReader file, Iterator<OursTransaction> ours) {
        ReconciliationReport report = reconcile(file.transactionRows(), ours);
        if (file.hasErrors()) {
            return ReconciliationReport.unreadable(SettlementFormat.TRANSACTIONS, file.errors(), file.errorCount());
        }
        return report;
    }

    public ReconciliationReport reconcile(Iterator<TransactionRow> theirs, Iterator<OursTransaction> ours) {
        Merge m = new Merge(theirs, ours);
        m.run();
        Status status = m.differences.count() == 0 ? Status.MATCH
                : m.unexplained == 0 && m.dropped == 0 ? Status.MINOR_DRIFT : Status.MAJOR_DRIFT;
        TransactionCounts counts = new TransactionCounts(m.theirsRows, m.oursRows, m.matching, m.byType,
                m.pending, m.dropped, m.unexplained);
        return new ReconciliationReport(SettlementFormat.TRANSACTIONS, status, List.of(), 0, counts,
                m.differences.items(), m.differences.count(), List.of(), 0, List.of(), List.of(), 0);
    }

    /** One run's state: the two cursors and the tallies. */
    private final class Merge {
        private final Iterator<TransactionRow> theirs;
        private final Iterator<OursTransaction> ours;
        private final BoundedList<Difference> differences = new BoundedList<>(limits.maxDifferencesListed());
        private final Map<DifferenceType, Long> byType = new EnumMap<>(DifferenceType.class);
        private UUID lastTheirs;
        private UUID lastOurs;
        private long theirsRows;
        private long oursRows;
        private long matching;
        private long pending;
        private long dropped;
        private long unexplained;

        Merge(Iterator<TransactionRow> theirs, Iterator<OursTransaction> ours) {
            this.theirs = theirs;
            this.ours = ours;
        }

        void run() {
            TransactionRow t = nextTheirs();
            OursTransaction o = nextOurs();
            while (t != null || o != null) {
                int c = t == null ? 1 : o == null ? -1 : TransactionOrder.compare(t.transactionUuid(), o.transactionUuid());
                if (c < 0) {
                    record(DifferenceType.THEIRS_ONLY, t.transactionUuid(), t, null, explainer.theirsOnly(t));
                    t = nextTheirs();
                } else if (c > 0) {
                    record(DifferenceType.OURS_ONLY, o.transactionUuid(), null, o, explainer.oursOnly(o));
                    o = nextOurs();
                } else {
                    compareSame(t, o);
                    t = nextTheirs();
                    o = nextOurs();
                }
            }
        }

        private void compareSame(TransactionRow t, OursTransaction o) {
            boolean same = true;
            if (t.kind() != o.kind()) {
                record(DifferenceType.KIND_MISMATCH, t.transactionUuid(), t, o, Explanation.none());
                same = false;
            }
            if (t.amountMicro() != o.amountMicro()) {
                record(DifferenceType.AMOUNT_MISMATCH, t.transactionUuid(), t, o, Explanation.none());
                same = false;
            }
            if (!t.currency().equals(o.currency())) {
                record(DifferenceType.CURRENCY_MISMATCH, t.transactionUuid(), t, o, Explanation.none());
                same = false;
            }
            if (same) {
                matching++;
            }
        }

        private void record(DifferenceType type, UUID uuid, TransactionRow t, OursTransaction o, Explanation why) {
            Objects.requireNonNull(why, "Explainer returned null");
            byType.merge(type, 1L, Long::sum);
            switch (why) {
                case Explanation.OpenJob j -> pending++;
                case Explanation.DroppedCall d -> dropped++;
                case Explanation.Unexplained u -> unexplained++;
            }
            differences.add(new Difference(type, uuid, t, o, why));
        }

        /** Next row of theirs; repeats of the previous uuid are recorded and skipped. */
        private TransactionRow nextTheirs() {
            while (theirs.hasNext()) {
                TransactionRow t = theirs.next();
                theirsRows++;
                int c = lastTheirs == null ? 1 : TransactionOrder.compare(t.transactionUuid(), lastTheirs);
                if (c < 0) {
                    throw new IllegalArgumentException("their rows are not sorted by transactionUuid: "
                            + t.transactionUuid() + " comes after " + lastTheirs);
                }
                if (c == 0) {
                    record(DifferenceType.DUPLICATE_IN_THEIRS, t.transactionUuid(), t, null, Explanation.none());
                    continue;
                }
                lastTheirs = t.transactionUuid();
                return t;
            }
            return null;
        }

        private OursTransaction nextOurs() {
            if (!ours.hasNext()) {
                return null;
            }
            OursTransaction o = ours.next();
            oursRows++;
            if (lastOurs != null && TransactionOrder.compare(o.transactionUuid(), lastOurs) <= 0) {
                throw new IllegalStateException("our rows must be strictly ascending by transaction uuid (ORDER BY"
                        + " transaction_uuid, each counted once): " + o.transactionUuid() + " after " + lastOurs);
            }
            lastOurs = o.transactionUuid();
            return o;
        }
    }
}
