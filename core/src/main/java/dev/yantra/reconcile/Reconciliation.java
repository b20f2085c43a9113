package dev.yantra.reconcile;

import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;

/**
 * The common whole runs over a Reader: a daily summary file against {@link OursSource}, or a sorted
 * transaction-level file against our rows. The pieces they use can be used alone.
 */
public final class Reconciliation {
    private Reconciliation() {
    }

    /** Compares a daily summary file; an unusable header or any malformed line gives an unreadable report. */
    public static ReconciliationReport summary(Reader file, OursSource ours, ReconcileLimits limits) throws IOException {
        try (SettlementCsvReader reader = SettlementCsvReader.open(file, limits)) {
            if (reader.format() != SettlementFormat.SUMMARY) {
                throw new IllegalArgumentException("not a daily summary file: its header is the " + reader.format() + " format");
            }
            return new SummaryReconciler(ours, limits).reconcile(reader);
        } catch (SettlementFileException e) {
            return ReconciliationReport.unreadable(e);
        }
    }

    /**
     * Diffs a transaction-level file whose rows are already in {@link TransactionOrder} (our own exports
     * are) against our rows in the same order. A file in any other order must be sorted first (the server
     * loads it into a temporary table); here it fails with {@link IllegalArgumentException}.
     */
    public static ReconciliationReport sortedTransactions(Reader file, Iterator<OursTransaction> ours,
                                                          Explainer explainer, ReconcileLimits limits) throws IOException {
        try (SettlementCsvReader reader = SettlementCsvReader.open(file, limits)) {
            if (reader.format() != SettlementFormat.TRANSACTIONS) {
                throw new IllegalArgumentException("not a transaction-level file: its header is the " + reader.format() + " format");
            }
            return new TransactionReconciler(explainer, limits).reconcile(reader, ours);
        } catch (SettlementFileException e) {
            return ReconciliationReport.unreadable(e);
        }
    }
}
