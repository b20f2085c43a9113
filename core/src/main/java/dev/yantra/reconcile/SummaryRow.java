package dev.yantra.reconcile;

import java.time.LocalDate;
import java.util.Objects;

/** One row of the daily summary format: per kind, the total of one operator's UTC day in one currency. */
public record SummaryRow(String operatorId, LocalDate date, String currency,
                         long betsAmountMicro, long winsAmountMicro, long rollbacksAmountMicro) {
    public SummaryRow {
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(currency, "currency");
    }

    public long amountMicro(Kind kind) {
        return switch (kind) {
            case BET -> betsAmountMicro;
            case WIN -> winsAmountMicro;
            case ROLLBACK -> rollbacksAmountMicro;
        };
    }
}
