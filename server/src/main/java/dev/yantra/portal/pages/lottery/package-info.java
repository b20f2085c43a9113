/**
 * Owns the portal's lottery pages (/portal/lottery/**): bancas with their approvals and suspensions, draws with
 * their results (entry, four-eyes confirmation, correction) and settlement status, plays looked up by player phone,
 * request id or ticket, stuck plays and their force-check, number limits and exposure, payments and refunds, prize
 * and withdrawal approvals. The lottery hub is the platform's, so these pages are for platform users only (an
 * operator user gets 404, as for anything outside its scope); every action calls the service the CLI calls
 * ({@link dev.yantra.lottery.bancas.Bancas}, {@link dev.yantra.lottery.results.Results},
 * {@link dev.yantra.lottery.reconcile.PlayForceCheck}, {@link dev.yantra.lottery.withdrawals.Withdrawals}).
 */
package dev.yantra.portal.pages.lottery;
