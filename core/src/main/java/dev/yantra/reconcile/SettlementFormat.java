package dev.yantra.reconcile;

import java.util.List;

/** The two settlement file formats an operator may send; the header line tells them apart. */
public enum SettlementFormat {
    SUMMARY(List.of("operatorId", "date", "currency", "betsAmountMicro", "winsAmountMicro", "rollbacksAmountMicro")),
    TRANSACTIONS(List.of("transactionUuid", "kind", "amountMicro", "currency", "createdAt"));

    private final List<String> columns;

    SettlementFormat(List<String> columns) {
        this.columns = columns;
    }

    public List<String> columns() {
        return columns;
    }

    public String headerLine() {
        return String.join(",", columns);
    }

    /** The format whose column names equal {@code names} (each already trimmed), or null. */
    static SettlementFormat ofHeader(List<String> names) {
        for (SettlementFormat f : values()) {
            if (f.columns.equals(names)) {
                return f;
            }
        }
        return null;
    }
}
