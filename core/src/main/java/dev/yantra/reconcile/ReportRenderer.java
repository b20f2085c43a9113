package dev.yantra.reconcile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link ReconciliationReport} as a readable text table, one JSON document, or CSV — the
 * {@code --format text|json|csv} of {@code yantra reconcile}. Text shows amounts in currency units
 * (100,000 micro = 1), JSON and CSV in micro-units (JSON as strings, like the wire protocol).
 */
public final class ReportRenderer {
    /** Differences the text format shows without {@code verbose}; verbose shows all listed ones, with context. */
    static final int TEXT_DIFFERENCES_SHOWN = 20;

    public enum Format { TEXT, JSON, CSV }

    private ReportRenderer() {
    }

    public static void render(ReconciliationReport report, Format format, boolean verbose, Appendable out)
            throws IOException {
        switch (format) {
            case TEXT -> text(report, verbose, out);
            case JSON -> ReportJson.write(report, out);
            case CSV -> ReportCsv.write(report, out);
        }
    }

    public static String render(ReconciliationReport report, Format format, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        try {
            render(report, format, verbose, sb);
        } catch (IOException e) {
            throw new IllegalStateException("StringBuilder does not throw", e);
        }
        return sb.toString();
    }

    public static void text(ReconciliationReport r, boolean verbose, Appendable out) throws IOException {
        String level = r.format() == null ? "" : r.format() == SettlementFormat.SUMMARY ? " (daily summary)" : " (transactions)";
        out.append("Reconciliation").append(level).append(": ").append(r.outcome())
                .append("  (exit ").append(Integer.toString(r.exitCode())).append(")\n");
        if (r.unreadable()) {
            lineErrors(r, out);
            return;
        }
        if (r.format() == SettlementFormat.SUMMARY) {
            summaryTable(r, out);
        } else {
            transactionText(r, verbose, out);
        }
        listed(out, "Manual adjustments", r.adjustments().size(), r.adjustments().size());
        for (ManualAdjustment a : r.adjustments()) {
            out.append("  ").append(a.id()).append("  ").append(a.operatorId()).append(' ').append(a.date().toString())
                    .append(' ').append(a.currency()).append(' ').append(a.kind().name()).append(' ')
                    .append(units(a.amountMicro())).append("  by ").append(a.author()).append(" at ")
                    .append(a.createdAt().toString()).append(": ").append(a.reason()).append('\n');
        }
        listed(out, "Warnings", r.warnings().size(), r.warningCount());
        for (String w : r.warnings()) {
            out.append("  ").append(w).append('\n');
        }
    }

    private static void lineErrors(ReconciliationReport r, Appendable out) throws IOException {
        out.append(Long.toString(r.lineErrorCount())).append(" malformed line(s); nothing was compared");
        if (r.lineErrors().size() < r.lineErrorCount()) {
            out.append(" (first ").append(Integer.toString(r.lineErrors().size())).append(" listed)");
        }
        out.append('\n');
        for (LineError e : r.lineErrors()) {
            out.append("  ").append(e.toString()).append('\n');
        }
    }

    private static void summaryTable(ReconciliationReport r, Appendable out) throws IOException {
        out.append(Long.toString(r.rowCount())).append(" row(s) compared; amounts in currency units (1 = 100,000 micro)\n");
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"operator", "date", "currency", "kind", "ours", "theirs", "drift", "direction",
                "pending (jobs / amount)", "status"});
        for (SummaryRowResult row : r.rows()) {
            for (KindComparison k : row.kinds()) {
                table.add(new String[] {row.operatorId(), row.date().toString(), row.currency(), k.kind().name(),
                        units(k.oursMicro()), units(k.theirsMicro()), (k.driftMicro() > 0 ? "+" : "") + units(k.driftMicro()),
                        k.direction().isEmpty() ? "-" : k.direction(),
                        k.pending().count() == 0 ? "-" : k.pending().count() + " / " + units(k.pending().amountMicro()),
                        k.status().name()});
            }
        }
        TextTable.write(table, new boolean[] {false, false, false, false, true, true, true, false, true, false}, out);
        if (r.rows().size() < r.rowCount()) {
            out.append("... ").append(Long.toString(r.rowCount() - r.rows().size()))
                    .append(" more row(s) compared, not listed\n");
        }
    }

    private static void transactionText(ReconciliationReport r, boolean verbose, Appendable out) throws IOException {
        TransactionCounts c = r.transactions();
        out.append("theirs ").append(grouped(c.theirsRows())).append(" row(s), ours ").append(grouped(c.oursRows()))
                .append(", matching ").append(grouped(c.matching())).append('\n');
        out.append("differences ").append(grouped(c.differences()));
        String sep = ": ";
        for (var e : c.byType().entrySet()) {
            if (e.getValue() > 0) {
                out.append(sep).append(e.getKey().name()).append(' ').append(grouped(e.getValue()));
                sep = ", ";
            }
        }
        out.append('\n');
        if (c.differences() > 0) {
            out.append("explained by open jobs ").append(grouped(c.pendingExplained())).append(", dropped calls (bug) ")
                    .append(grouped(c.droppedCalls())).append(", unexplained ").append(grouped(c.unexplained())).append('\n');
        }
        int shown = verbose ? r.differences().size() : Math.min(r.differences().size(), TEXT_DIFFERENCES_SHOWN);
        if (shown == 0) {
            return;
        }
        out.append('\n');
        List<String[]> table = new ArrayList<>();
        table.add(verbose
                ? new String[] {"difference", "transaction", "kind", "theirs", "ours", "currency", "created at", "bet",
                        "round", "player", "note"}
                : new String[] {"difference", "transaction", "note"});
        for (Difference d : r.differences().subList(0, shown)) {
            table.add(verbose ? verboseRow(d) : new String[] {d.type().name(), d.transactionUuid().toString(), d.note()});
        }
        TextTable.write(table, null, out);
        if (shown < c.differences()) {
            out.append("... ").append(grouped(c.differences() - shown)).append(" more difference(s)")
                    .append(verbose ? " counted, not listed" : "; --verbose lists up to " + r.differences().size())
                    .append('\n');
        }
    }

    private static String[] verboseRow(Difference d) {
        TransactionRow t = d.theirs();
        OursTransaction o = d.ours();
        Kind kind = t != null ? t.kind() : o.kind();
        String currency = t != null ? t.currency() : o.currency();
        return new String[] {d.type().name(), d.transactionUuid().toString(),
                o != null && t != null && o.kind() != t.kind() ? t.kind() + " / ours " + o.kind() : kind.name(),
                t == null ? "-" : units(t.amountMicro()), o == null ? "-" : units(o.amountMicro()),
                o != null && t != null && !o.currency().equals(t.currency()) ? t.currency() + " / ours " + o.currency() : currency,
                (t != null ? t.createdAt() : o.createdAt()).toString(),
                o == null || o.betId() == null ? "-" : o.betId(), o == null || o.roundId() == null ? "-" : o.roundId(),
                o == null || o.playerRef() == null ? "-" : o.playerRef(), d.note()};
    }

    private static void listed(Appendable out, String title, int listed, long count) throws IOException {
        if (count == 0) {
            return;
        }
        out.append('\n').append(title).append(" (").append(Long.toString(count));
        if (listed < count) {
            out.append(", first ").append(Integer.toString(listed)).append(" listed");
        }
        out.append("):\n");
    }

    /** Micro-units as currency units, exactly: 100,000 micro = 1, five decimals, thousands grouped. */
    static String units(long micro) {
        String sign = micro < 0 ? "-" : "";
        long abs = Math.abs(micro); // micro is never Long.MIN_VALUE: amounts are checked, drifts computed exactly
        return sign + grouped(abs / 100_000) + '.' + String.format("%05d", abs % 100_000);
    }

    static String grouped(long n) {
        return String.format("%,d", n);
    }
}
