/**
 * Per-banca statements: for each day (in the lottery's time zone) and for the whole period, the confirmed plays,
 * stakes, prizes, tax withheld and the banca's commission, as CSV from the admin API and
 * {@code yantra banca statement}. Reads plays, draws, lotteries and bancas; writes nothing.
 * docs/lottery-hub.md, "Banca statements".
 */
package dev.yantra.lottery.statements;
