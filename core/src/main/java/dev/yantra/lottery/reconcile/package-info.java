/**
 * What a lottery reconciliation decides, without I/O: for one play, what we hold (its state, its amount, the
 * ledger's debit and refund, a card payment when there is one) against what the banca said about it, and
 * whether that is a match, a minor difference (the play is still pending and its draw still open, so it can
 * settle by itself) or a major one; per banca and day, the totals of both sides and the worst of its plays.
 * The server's {@code dev.yantra.lottery.reconcile} gathers the facts and applies nothing from here.
 */
package dev.yantra.lottery.reconcile;
