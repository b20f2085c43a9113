/**
 * Owns the after-the-fact audit of settled rounds from the database: {@link dev.yantra.fairness.audit.RoundAuditor}
 * trusts nothing the round engine computed, and re-checks each revealed seed against its chain, recomputes the
 * outcome from the seed and every bet's payout from the outcome, answering "was any player overpaid or underpaid?"
 * for one round or a window.
 *
 * <p>It only reads: the rounds and chains are written by {@code dev.yantra.round}, the math is the core's
 * {@code dev.yantra.fairness}, and the command that runs it ({@code yantra verify --round / --since}) lives in
 * {@code dev.yantra.fairness.cli}. The money invariants checked beside it are {@code dev.yantra.round.MoneyInvariants}.
 */
package dev.yantra.fairness.audit;
