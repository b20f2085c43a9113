/**
 * The lottery's bet types and their arithmetic: which numbers each bet type takes ({@link
 * dev.yantra.lottery.bet.Numbers}), the multipliers a lottery or banca pays ({@link
 * dev.yantra.lottery.bet.PayoutTable}) and what a play wins against a draw's result ({@link
 * dev.yantra.lottery.bet.PrizeEvaluator}). Plain Java, no I/O; docs/lottery-rules.md is the readable version.
 */
package dev.yantra.lottery.bet;
