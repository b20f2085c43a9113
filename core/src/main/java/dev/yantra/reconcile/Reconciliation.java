package dev.yantra.reconcile;

import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;

/**
 * Package {@code dev.yantra.reconcile} owns the comparison of an operator's settlement file with our
 * wallet calls (wire-protocol.md §6, issue 7), as plain Java with no database:
 * <ul>
 *   <li>reading and writing the two settlement CSV formats, streaming ({@link SettlementCsvReader},
 *       {@link SettlementCsvWriter});</li>
 *   <li>the daily summary comparison and its status rules ({@link SummaryReconciler});</li>
 *   <li>the transaction-level diff as a merge of two sorted streams ({@link TransactionReconciler});</li>
 *   <li>the report, its exit code (0 MATCH, 1 MINOR_DRIFT, 2 MAJOR_DRIFT, 3 unreadable input) and its
 *       text / JSON / CSV renderings ({@link ReconciliationReport}, {@link ReportRenderer}).</li>
 * </ul>
 * It does not own where our side comes from: the database implements {@link OursSource} (summary),
 * {@link Explainer} (why a transaction is one-sided) and supplies {@link OursTransaction} rows sorted by
 * {@link TransactionOrder}. Nothing here writes anything but the output it is given.
 * <p>
 * This class holds the common whole runs over a Reader; the pieces above can be used alone.
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
