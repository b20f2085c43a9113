/**
 * Lottery money at the edge: reading the {@code amount} a client sends (a decimal number of currency units)
 * into micro-units once ({@link dev.yantra.lottery.money.LotteryAmount}), the currencies a play may be in and
 * their card minimums ({@link dev.yantra.lottery.money.LotteryCurrency}). Everything past the edge is a
 * {@code long} of micro-units (100,000 micro = 1 unit).
 */
package dev.yantra.lottery.money;
