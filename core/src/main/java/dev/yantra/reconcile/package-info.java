/**
 * Owns the comparison of an operator's settlement file with our wallet calls, as plain Java with no database:
 * <ul>
 *   <li>reading and writing the two settlement CSV formats (a daily summary per operator, UTC day and currency,
 *       and a transaction-level list), streaming ({@link dev.yantra.reconcile.SettlementCsvReader},
 *       {@link dev.yantra.reconcile.SettlementCsvWriter});</li>
 *   <li>the daily summary comparison and its status rules ({@link dev.yantra.reconcile.SummaryReconciler});</li>
 *   <li>the transaction-level diff as a merge of two sorted streams
 *       ({@link dev.yantra.reconcile.TransactionReconciler});</li>
 *   <li>the report, its exit code (0 MATCH, 1 MINOR_DRIFT, 2 MAJOR_DRIFT, 3 unreadable input) and its
 *       text / JSON / CSV renderings ({@link dev.yantra.reconcile.ReconciliationReport},
 *       {@link dev.yantra.reconcile.ReportRenderer}).</li>
 * </ul>
 * {@link dev.yantra.reconcile.Reconciliation} holds the common whole runs over a Reader; the pieces can be used
 * alone. Everything kept in memory is bounded by {@link dev.yantra.reconcile.ReconcileLimits}.
 *
 * <p>It does not own where our side comes from: the server's {@code dev.yantra.reconcile} implements
 * {@link dev.yantra.reconcile.OursSource} (summary) and {@link dev.yantra.reconcile.Explainer} (why a transaction
 * is one-sided) over the database, supplies {@link dev.yantra.reconcile.OursTransaction} rows sorted by
 * {@link dev.yantra.reconcile.TransactionOrder}, and owns the CLI, the API and the manual adjustments table.
 * Nothing here writes anything but the output it is given.
 */
package dev.yantra.reconcile;
