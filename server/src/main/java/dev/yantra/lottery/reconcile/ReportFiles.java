package dev.yantra.lottery.reconcile;

import dev.yantra.lottery.forwarding.StuckPlayCheck;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.reconcile.CsvText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run written for people: a Markdown report (scope, force-check outcomes, per-banca totals of both sides,
 * every difference) and a CSV with one row per difference and per force-checked play, named
 * {@code lottery-reconciliation-<date>-<run id>.md|.csv}. Also the short text the command prints.
 */
final class ReportFiles {
    static final String CSV_HEADER = "record,bancaId,playId,requestId,kind,severity,ourStateBefore,ourStateAfter,asked,detail";

    private ReportFiles() {
    }

    record Written(Path markdown, Path csv) {
    }

    static Written write(RunReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = "lottery-reconciliation-" + r.scope().date() + "-" + r.runId();
        Path md = dir.resolve(base + ".md");
        Path csv = dir.resolve(base + ".csv");
        Files.writeString(md, markdown(r), StandardCharsets.UTF_8);
        Files.writeString(csv, csv(r), StandardCharsets.UTF_8);
        return new Written(md, csv);
    }

    static String headline(RunReport r) {
        return "lottery reconciliation " + r.scope().date() + " (" + r.zone() + ")" + (r.scope().dryRun() ? ", dry run" : "")
                + ": " + r.status() + " (exit " + r.exitCode() + "), " + r.playsCompared() + " play(s) compared, "
                + r.count(Severity.MINOR) + " minor, " + r.count(Severity.UNREADABLE) + " unreadable, " + r.count(Severity.MAJOR) + " major";
    }

    static String forceCheckLine(RunReport r) {
        if (!r.scope().forceCheck()) return null;
        java.util.Map<StuckPlayCheck.Outcome, Long> by = new java.util.EnumMap<>(StuckPlayCheck.Outcome.class);
        for (StuckPlayCheck.Result c : r.checks()) by.merge(c.outcome(), 1L, Long::sum);
        StringBuilder b = new StringBuilder("force-check: " + r.checks().size() + " play(s) pending for more than "
                + r.scope().olderThan().toSeconds() + " s asked");
        by.forEach((o, n) -> b.append(", ").append(n).append(' ').append(o.name().toLowerCase(java.util.Locale.ROOT)));
        if (r.stuckLeftOver() > 0) b.append("; ").append(r.stuckLeftOver()).append(" more left for the next run");
        return b.toString();
    }

    static String markdown(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Lottery reconciliation ").append(r.scope().date()).append("\n\n");
        b.append("- Result: **").append(r.status()).append("** (exit ").append(r.exitCode()).append(")\n");
        b.append("- Run: ").append(r.runId()).append(r.scope().dryRun() ? " (dry run: nothing changed, not stored)" : "").append('\n');
        b.append("- Day: ").append(r.scope().date()).append(" in ").append(r.zone())
                .append(r.scope().byDay() ? "" : " (ignored: the named plays are compared whatever their day)").append('\n');
        b.append("- Banca: ").append(r.scope().bancaId().map(Object::toString).orElse("all")).append('\n');
        if (!r.scope().requestIds().isEmpty()) b.append("- Request ids: ").append(r.scope().requestIds().size()).append('\n');
        b.append("- Started ").append(r.startedAt()).append(", finished ").append(r.finishedAt()).append("\n");
        for (String w : r.warnings()) b.append("- Warning: ").append(md(w)).append('\n');
        if (r.scope().forceCheck()) forceCheck(r, b);
        for (BancaDay day : r.bancas()) banca(day, b);
        return b.toString();
    }

    private static void forceCheck(RunReport r, StringBuilder b) {
        b.append("\n## Force-check\n\n").append(md(forceCheckLine(r))).append("\n\n");
        if (r.checks().isEmpty()) return;
        b.append("| play | request | banca | before | after | asked | outcome | note |\n|---|---|---|---|---|---|---|---|\n");
        for (StuckPlayCheck.Result c : r.checks()) {
            b.append("| ").append(c.playId()).append(" | ").append(c.requestId()).append(" | ").append(c.bancaId()).append(" | ")
                    .append(c.before()).append(" | ").append(c.after()).append(" | ").append(c.asked()).append(" | ")
                    .append(c.outcome()).append(" | ").append(md(c.note())).append(" |\n");
        }
    }

    private static void banca(BancaDay day, StringBuilder b) {
        b.append("\n## Banca ").append(day.bancaId()).append(": ").append(day.status()).append("\n\n");
        b.append(day.plays()).append(" play(s); ").append(day.count(Severity.MINOR)).append(" minor, ")
                .append(day.count(Severity.UNREADABLE)).append(" unreadable, ").append(day.count(Severity.MAJOR)).append(" major difference(s)");
        if (day.cardPlaysUnchecked() > 0) {
            b.append("; ").append(day.cardPlaysUnchecked()).append(" card play(s) not checked against their payment (no payments row)");
        }
        b.append("\n\n| currency | ours: pending | confirmed | rejected | failed | cancelled | banca: confirmed | rejected | nothing final |"
                + " wallet debits (expected) | refunds (expected) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (CurrencyTotals t : day.totals().values()) {
            Tally pending = sum(t.ours(PlayState.AWAITING_PAYMENT), t.ours(PlayState.QUEUED), t.ours(PlayState.AWAITING_WEBHOOK));
            b.append("| ").append(t.currency()).append(" | ").append(tally(pending)).append(" | ").append(tally(t.ours(PlayState.CONFIRMED)))
                    .append(" | ").append(tally(t.ours(PlayState.REJECTED))).append(" | ").append(tally(t.ours(PlayState.FAILED)))
                    .append(" | ").append(tally(t.ours(PlayState.CANCELLED))).append(" | ")
                    .append(tally(t.banca(CurrencyTotals.BancaSays.CONFIRMED))).append(" | ")
                    .append(tally(t.banca(CurrencyTotals.BancaSays.REJECTED))).append(" | ")
                    .append(tally(t.banca(CurrencyTotals.BancaSays.NOTHING_FINAL))).append(" | ")
                    .append(LotteryAmount.format(t.ledgerDebitMicro())).append(" (").append(LotteryAmount.format(t.expectedDebitMicro()))
                    .append(") | ").append(LotteryAmount.format(t.ledgerRefundMicro())).append(" (")
                    .append(LotteryAmount.format(t.expectedRefundMicro())).append(") |\n");
        }
        if (day.differences().isEmpty()) return;
        b.append("\n| play | request | difference | severity | detail |\n|---|---|---|---|---|\n");
        for (Difference d : day.differences()) {
            b.append("| ").append(d.playId()).append(" | ").append(d.requestId()).append(" | ").append(d.kind().text()).append(" | ")
                    .append(d.severity()).append(" | ").append(md(d.detail())).append(" |\n");
        }
    }

    static String csv(RunReport r) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append(CsvText.LINE_END);
        for (StuckPlayCheck.Result c : r.checks()) {
            row(b, "force_check", c.bancaId(), c.playId(), c.requestId(), c.outcome().name(), "", c.before().name(), c.after().name(),
                    c.asked(), c.note());
        }
        for (BancaDay day : r.bancas()) {
            for (Difference d : day.differences()) {
                row(b, "difference", day.bancaId(), d.playId(), d.requestId(), d.kind().name(), d.severity().name(), "", "", "", d.detail());
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) b.append(',');
            b.append(CsvText.field(spreadsheetSafe(cells[i] == null ? "" : cells[i].toString())));
        }
        b.append(CsvText.LINE_END);
    }

    /** A cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
    static String spreadsheetSafe(String v) {
        return !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    private static String tally(Tally t) {
        return t.plays() + " / " + LotteryAmount.format(t.amountMicro());
    }

    private static Tally sum(Tally... ts) {
        long n = 0;
        long amount = 0;
        for (Tally t : ts) {
            n += t.plays();
            amount = Math.addExact(amount, t.amountMicro());
        }
        return new Tally(n, amount);
    }

    static List<String> textLines(RunReport r, boolean verbose) {
        List<String> out = new java.util.ArrayList<>();
        out.add(headline(r));
        String fc = forceCheckLine(r);
        if (fc != null) out.add(fc);
        for (String w : r.warnings()) out.add("warning: " + w);
        int shown = 0;
        for (BancaDay day : r.bancas()) {
            out.add("banca " + day.bancaId() + ": " + day.status() + ", " + day.plays() + " play(s), " + day.count(Severity.MINOR) + " minor, "
                    + day.count(Severity.UNREADABLE) + " unreadable, " + day.count(Severity.MAJOR) + " major"
                    + (day.cardPlaysUnchecked() > 0 ? ", " + day.cardPlaysUnchecked() + " card play(s) unchecked" : ""));
            for (Difference d : day.differences()) {
                if (!verbose && shown >= 20) continue;
                shown++;
                out.add("  " + d.severity() + " " + d.kind().name() + " play " + d.playId() + " request " + d.requestId() + ": " + d.detail());
            }
        }
        if (!verbose && shown < r.count(Severity.MINOR) + r.count(Severity.UNREADABLE) + r.count(Severity.MAJOR)) {
            out.add("  ... (-v lists every difference)");
        }
        if (verbose) {
            for (StuckPlayCheck.Result c : r.checks()) {
                out.add("  checked " + c.playId() + " " + c.before() + " -> " + c.after() + " " + c.outcome() + " (asked " + c.asked() + "): " + c.note());
            }
        }
        return out;
    }
}
