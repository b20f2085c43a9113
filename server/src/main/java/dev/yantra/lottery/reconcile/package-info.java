/**
 * {@code yantra lottery reconcile}: per banca and day, our plays and money against what the banca said
 * (banca_calls, webhook_events, and status answers asked for now with {@code --force-check}), decided by the
 * core's {@code dev.yantra.lottery.reconcile}; stuck plays resolved through the forwarding's own
 * {@code StuckPlayCheck}; each run stored in lottery_reconciliation_runs / _bancas, written as a Markdown and a
 * CSV report, and exported as the lottery_reconciliation_* gauges. Contract: docs/lottery-reconciliation.md.
 */
package dev.yantra.lottery.reconcile;
