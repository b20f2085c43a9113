package dev.yantra.reconcile;

import java.time.LocalDate;

/**
 * Our side of a daily summary, implemented over the database. Called once per row of the file.
 * Return {@link DailyTotals#unknownOperator()} for an operator id we do not know; never null.
 */
@FunctionalInterface
public interface OursSource {
    /**
     * @param date the UTC day: wallet calls with {@code created_at} in [date 00:00Z, date+1 00:00Z)
     */
    DailyTotals oursFor(String operatorId, LocalDate date, String currency);
}
