/**
 * Owns the operator's read API over its rounds and bets ({@link dev.yantra.reports.OperatorReportsController}):
 * {@code GET /v1/rounds} (paged), {@code /v1/rounds/{id}}, {@code /v1/rounds/{id}/proof} (the seed only once the round
 * is SETTLED or VOIDED) and {@code /v1/reports/daily} (JSON or CSV), every query scoped to the authenticated operator
 * so another operator's round is a 404.
 *
 * <p>It only reads: rounds and bets are written by {@code dev.yantra.round}, the public, unauthenticated proof is
 * {@code dev.yantra.fairness.web}, and the comparison with an operator's settlement file is
 * {@code dev.yantra.reconcile}.
 */
package dev.yantra.reports;
