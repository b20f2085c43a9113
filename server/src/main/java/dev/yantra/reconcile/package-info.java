/**
 * Owns reconciliation against the database: the comparison of an operator's settlement file with our wallet_calls at
 * summary and transaction level ({@link dev.yantra.reconcile.ReconcileService}, where every edge enters; our side of a
 * summary row in {@code DatabaseOurs}, the transaction diff streamed through a temporary table in
 * {@code TransactionDiff}), manual correction entries in reconciliation_adjustments, append-only and audited
 * ({@link dev.yantra.reconcile.AdjustCommand}), the export of our side, and their edges: {@code yantra reconcile},
 * {@code yantra reconcile adjust}, {@code yantra export settlement}, {@code yantra reconcile bench}
 * ({@link dev.yantra.reconcile.ReconcileCommand}, {@link dev.yantra.reconcile.ExportCommand}),
 * {@code POST /v1/reports/reconciliation} ({@link dev.yantra.reconcile.ReconciliationController}) and the scheduled daily
 * run, which records each result in reconciliation_results ({@link dev.yantra.reconcile.DailyReconciliation}).
 *
 * <p>The rules (file formats, status thresholds, the streaming diff, the report and its renderings) are the core
 * package of the same name, {@code dev.yantra.reconcile} in core, which knows no database. The reconciliation_status
 * gauge is exported by {@code dev.yantra.ops.metrics}, and the playbook's triage of a mismatch is
 * {@code dev.yantra.ops.triage}.
 */
package dev.yantra.reconcile;
