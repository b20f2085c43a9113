package dev.yantra.reconcile;

import java.io.IOException;

/**
 * The report as CSV, amounts in micro-units: a {@code #} comment line with the outcome, then one table —
 * per (row, kind) at summary level, per difference at transaction level, per line error when unreadable.
 */
final class ReportCsv {
    private ReportCsv() {
    }

    static void write(ReconciliationReport r, Appendable out) throws IOException {
        out.append("# outcome=").append(r.outcome()).append(" exitCode=").append(Integer.toString(r.exitCode()));
        if (r.transactions() != null) {
            out.append(" differences=").append(Long.toString(r.differenceCount()));
        }
        out.append(CsvText.LINE_END);
        if (r.unreadable()) {
            line(out, "line", "message");
            for (LineError e : r.lineErrors()) {
                line(out, Long.toString(e.lineNumber()), e.message());
            }
        } else if (r.format() == SettlementFormat.SUMMARY) {
            summary(r, out);
        } else {
            differences(r, out);
        }
    }

    private static void summary(ReconciliationReport r, Appendable out) throws IOException {
        line(out, "operatorId", "date", "currency", "kind", "oursMicro", "theirsMicro", "driftMicro", "direction",
                "pendingJobs", "pendingMicro", "status");
        for (SummaryRowResult row : r.rows()) {
            for (KindComparison k : row.kinds()) {
                line(out, row.operatorId(), row.date().toString(), row.currency(), k.kind().name(),
                        Long.toString(k.oursMicro()), Long.toString(k.theirsMicro()), Long.toString(k.driftMicro()),
                        k.direction(), Long.toString(k.pending().count()), Long.toString(k.pending().amountMicro()),
                        k.status().name());
            }
        }
    }

    private static void differences(ReconciliationReport r, Appendable out) throws IOException {
        line(out, "type", "transactionUuid", "theirsKind", "theirsAmountMicro", "theirsCurrency", "oursKind",
                "oursAmountMicro", "oursCurrency", "betId", "roundId", "playerRef", "note");
        for (Difference d : r.differences()) {
            TransactionRow t = d.theirs();
            OursTransaction o = d.ours();
            line(out, d.type().name(), d.transactionUuid().toString(),
                    t == null ? "" : t.kind().name(), t == null ? "" : Long.toString(t.amountMicro()),
                    t == null ? "" : t.currency(),
                    o == null ? "" : o.kind().name(), o == null ? "" : Long.toString(o.amountMicro()),
                    o == null ? "" : o.currency(),
                    o == null ? "" : o.betId(), o == null ? "" : o.roundId(), o == null ? "" : o.playerRef(), d.note());
        }
    }

    private static void line(Appendable out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(CsvText.field(fields[i]));
        }
        out.append(CsvText.LINE_END);
    }
}
