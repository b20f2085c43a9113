/**
 * Results of draws and the prizes of plays: a draw's result entered by an admin (API or CLI, with an optional
 * second admin's confirmation), settlement of its confirmed plays against the multipliers frozen on each play
 * (prizes credited to the player's ledger exactly once, large ones after an admin's approval), and audited
 * corrections that reverse and re-credit instead of rewriting. docs/lottery-hub.md, "Results and prizes".
 */
package dev.yantra.lottery.results;
