package dev.yantra.reconcile;

import java.util.List;
import java.util.Objects;

/**
 * Our side of one (operator, UTC day, currency), as {@link OursSource} supplies it.
 *
 * @param operatorKnown    false when we have no such operator: counted as no activity, with a warning
 * @param confirmedBetsMicro      sum over distinct {@code transaction_uuid} of succeeded BET calls that day
 * @param confirmedWinsMicro      the same for WIN
 * @param confirmedRollbacksMicro the same for ROLLBACK
 * @param adjustments      manual correction entries of that operator, day and currency (added to ours)
 * @param pendingBets      open BET-kind jobs (shown as the first hypothesis for a drift; no effect on status)
 * @param pendingWins      open WIN jobs
 * @param pendingRollbacks open ROLLBACK jobs
 */
public record DailyTotals(boolean operatorKnown,
                          long confirmedBetsMicro, long confirmedWinsMicro, long confirmedRollbacksMicro,
                          List<ManualAdjustment> adjustments,
                          PendingWork pendingBets, PendingWork pendingWins, PendingWork pendingRollbacks) {
    public DailyTotals {
        if (confirmedBetsMicro < 0 || confirmedWinsMicro < 0 || confirmedRollbacksMicro < 0) {
            // Sums of non-negative movements: a negative one means the query is wrong.
            throw new IllegalArgumentException("confirmed sums must be >= 0, were " + confirmedBetsMicro + ", "
                    + confirmedWinsMicro + ", " + confirmedRollbacksMicro);
        }
        adjustments = List.copyOf(adjustments);
        Objects.requireNonNull(pendingBets, "pendingBets");
        Objects.requireNonNull(pendingWins, "pendingWins");
        Objects.requireNonNull(pendingRollbacks, "pendingRollbacks");
    }

    /** What {@link OursSource} returns for an operator id we do not know. */
    public static DailyTotals unknownOperator() {
        return new DailyTotals(false, 0, 0, 0, List.of(), PendingWork.NONE, PendingWork.NONE, PendingWork.NONE);
    }

    /** Confirmed sums only: no adjustments, nothing pending. */
    public static DailyTotals of(long betsMicro, long winsMicro, long rollbacksMicro) {
        return new DailyTotals(true, betsMicro, winsMicro, rollbacksMicro, List.of(),
                PendingWork.NONE, PendingWork.NONE, PendingWork.NONE);
    }

    public long confirmedMicro(Kind kind) {
        return switch (kind) {
            case BET -> confirmedBetsMicro;
            case WIN -> confirmedWinsMicro;
            case ROLLBACK -> confirmedRollbacksMicro;
        };
    }

    public PendingWork pending(Kind kind) {
        return switch (kind) {
            case BET -> pendingBets;
            case WIN -> pendingWins;
            case ROLLBACK -> pendingRollbacks;
        };
    }

    public long adjustmentsMicro(Kind kind) {
        long sum = 0;
        for (ManualAdjustment a : adjustments) {
            if (a.kind() == kind) {
                sum = Math.addExact(sum, a.amountMicro());
            }
        }
        return sum;
    }

    /** Ours as compared: confirmed plus manual adjustments. */
    public long oursMicro(Kind kind) {
        return Math.addExact(confirmedMicro(kind), adjustmentsMicro(kind));
    }

    /** Our side written as a summary row, for {@code yantra export settlement --level summary}. */
    public SummaryRow asRow(String operatorId, java.time.LocalDate date, String currency) {
        return new SummaryRow(operatorId, date, currency,
                oursMicro(Kind.BET), oursMicro(Kind.WIN), oursMicro(Kind.ROLLBACK));
    }
}
