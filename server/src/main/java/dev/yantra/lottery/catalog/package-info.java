/**
 * The lottery catalog: which lotteries Yantra sells (table {@code lotteries}), each with its time zone, draw
 * schedule, sales cut-off, bet types, payout table, amount bounds and currencies. {@link
 * dev.yantra.lottery.catalog.LotteryCatalog} reads it; {@link dev.yantra.lottery.catalog.LotterySeed} writes the
 * demo catalog. Draws made from the schedule belong to {@code dev.yantra.lottery.draw}.
 */
package dev.yantra.lottery.catalog;
