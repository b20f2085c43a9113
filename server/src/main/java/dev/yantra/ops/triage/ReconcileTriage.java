package dev.yantra.ops.triage;

import dev.yantra.config.NodeClock;
import dev.yantra.reconcile.Difference;
import dev.yantra.reconcile.Explanation;
import dev.yantra.reconcile.Kind;
import dev.yantra.reconcile.KindComparison;
import dev.yantra.reconcile.ReconcileLimits;
import dev.yantra.reconcile.ReconcileService;
import dev.yantra.reconcile.ReconciliationReport;
import dev.yantra.reconcile.Status;
import dev.yantra.reconcile.SummaryRowResult;
import dev.yantra.reconcile.TransactionCounts;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Playbook 8 (reconciliation mismatch): runs the reconciliation of a settlement file exactly as
 * {@code yantra reconcile} does, shows its discrepancy classes as tables, runs the playbook's row-by-row query for
 * the drifting days, and ends with the commands: an adjustment per unexplained drift (amount = theirs − ours),
 * a settlement halt for each operator in MAJOR_DRIFT, and {@code bet show} for every listed transaction.
 */
final class ReconcileTriage {
    /** The playbook's row-by-row query (section 8, step 3), placeholders bound; bounded for the terminal. */
    static final String CALLS_OF_THE_DAY = "SELECT transaction_uuid, amount_micro, created_at, succeeded FROM wallet_calls"
            + " WHERE operator_id=CAST(? AS uuid) AND currency=? AND created_at >= ? AND created_at < ? ORDER BY created_at LIMIT 50";
    private static final int MAX_DAYS_QUERIED = 3;
    private static final int MAX_BET_SHOWN = 20;

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    ReconcileTriage(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** A drift of one (operator, day, currency, kind) that nothing on our side will close by itself. */
    private record Drift(String operator, LocalDate date, String currency, Kind kind, long driftMicro) {
    }

    TriageReport run(Path file, String operatorId) {
        ReconciliationReport rec;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            rec = new ReconcileService(dataSource, NodeClock.system(), ReconcileLimits.DEFAULTS)
                    .reconcile(in, operatorId, ReconcileService.Scope.ANY_OPERATOR, n -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        TriageReport r = new TriageReport("reconcile");
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("file", file.toString());
        head.put("format", rec.format() == null ? null : rec.format().name());
        head.put("outcome", rec.outcome());
        r.section("reconciliation (as `yantra reconcile --file` computes it)", null, List.of(head));
        if (rec.unreadable()) {
            r.section("malformed lines (nothing was compared)", null, rec.lineErrors().stream()
                    .map(e -> row("line", e.toString())).toList());
            r.problem("the file is unreadable (" + rec.lineErrorCount() + " malformed lines): ask the operator for a corrected file");
            return r;
        }
        List<Drift> drifts = rec.transactions() == null ? summary(r, rec) : transactions(r, rec, operatorId);
        String outcome = "outcome " + rec.outcome() + ": " + switch (rec.status()) {
            case MATCH -> "ours and theirs agree";
            case MINOR_DRIFT -> "every difference is an open job of ours that will close by itself";
            case MAJOR_DRIFT -> "differences nothing on our side explains: money is unaccounted for";
        };
        // a minor drift closes by itself (open jobs of ours): reported, not a problem; a major one is
        if (rec.status() == Status.MAJOR_DRIFT) r.problem(outcome); else r.finding(outcome);
        queryDays(r, drifts);
        mitigations(r, rec, drifts, file);
        return r;
    }

    /** Daily summary files: one table row per (operator, day, currency, kind) that drifts. */
    private List<Drift> summary(TriageReport r, ReconciliationReport rec) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Drift> drifts = new ArrayList<>();
        for (SummaryRowResult row : rec.rows()) {
            for (KindComparison k : row.kinds()) {
                if (k.driftMicro() == 0) continue;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("operator", row.operatorId());
                m.put("date", row.date().toString());
                m.put("currency", row.currency());
                m.put("kind", k.kind().name());
                m.put("ours_micro", k.oursMicro());
                m.put("theirs_micro", k.theirsMicro());
                m.put("drift_micro", k.driftMicro());
                m.put("pending_jobs", k.pending().count());
                m.put("pending_micro", k.pending().amountMicro());
                m.put("status", k.status().name());
                m.put("direction", k.direction());
                rows.add(m);
                // ours low by what our open jobs still owe: those jobs close it, an adjustment would count it twice
                long residual = k.driftMicro() > 0 ? Math.max(0, k.driftMicro() - k.pending().amountMicro()) : k.driftMicro();
                m.put("unexplained_micro", residual);
                if (k.status() == Status.MAJOR_DRIFT && residual != 0) {
                    drifts.add(new Drift(row.operatorId(), row.date(), row.currency(), k.kind(), residual));
                } else if (residual == 0) {
                    r.finding(row.operatorId() + " " + row.date() + " " + row.currency() + " " + k.kind() + ": the drift of "
                            + k.driftMicro() + " micro is what " + k.pending().count() + " open job(s) still owe; it closes when they complete");
                }
            }
            if (!row.operatorKnown()) r.finding("operator " + row.operatorId() + " in the file is not one of ours");
        }
        r.section("drifting rows (drift = theirs − ours)", null, rows);
        return drifts;
    }

    /** Transaction-level files: the classes (pending / dropped / unexplained), the types, then the differences. */
    private List<Drift> transactions(TriageReport r, ReconciliationReport rec, String operatorId) {
        TransactionCounts c = rec.transactions();
        r.section("discrepancy classes", null, List.of(
                row("class", "pending: an open job of ours will close it", "count", c.pendingExplained()),
                row("class", "dropped: a failed call of ours nothing retries (a bug)", "count", c.droppedCalls()),
                row("class", "unexplained (mismatches and duplicates included)", "count", c.unexplained())));
        List<Map<String, Object>> types = new ArrayList<>();
        c.byType().forEach((type, n) -> {
            if (n > 0) types.add(row("type", type.name(), "count", n));
        });
        types.add(row("type", "MATCHING", "count", c.matching()));
        r.section("transactions by type (theirs " + c.theirsRows() + ", ours " + c.oursRows() + ")", null, types);
        List<Map<String, Object>> listed = new ArrayList<>();
        Map<String, Long> driftByDay = new TreeMap<>();
        for (Difference d : rec.differences()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", d.type().name());
            m.put("transaction_uuid", d.transactionUuid().toString());
            m.put("bet_id", d.ours() == null ? null : d.ours().betId());
            m.put("player_ref", d.ours() == null ? null : d.ours().playerRef());
            m.put("theirs_micro", d.theirs() == null ? null : d.theirs().amountMicro());
            m.put("ours_micro", d.ours() == null ? null : d.ours().amountMicro());
            m.put("note", d.note());
            listed.add(m);
            if (!d.explanation().closesByItself()) {
                var when = d.theirs() != null ? d.theirs().createdAt() : d.ours().createdAt();
                String currency = d.theirs() != null ? d.theirs().currency() : d.ours().currency();
                Kind kind = d.theirs() != null ? d.theirs().kind() : d.ours().kind();
                long drift = (d.theirs() == null ? 0 : d.theirs().amountMicro()) - (d.ours() == null ? 0 : d.ours().amountMicro());
                if (d.type() == dev.yantra.reconcile.DifferenceType.DUPLICATE_IN_THEIRS) drift = 0;  // their bug, not ours to book
                if (drift != 0) driftByDay.merge(when.atZone(ZoneOffset.UTC).toLocalDate() + "|" + currency + "|" + kind, drift, Long::sum);
            }
        }
        r.section("differences (first " + listed.size() + " of " + rec.differenceCount() + ")", null, listed);
        List<Drift> drifts = new ArrayList<>();
        driftByDay.forEach((key, drift) -> {
            String[] p = key.split("\\|");
            drifts.add(new Drift(operatorId, LocalDate.parse(p[0]), p[1], Kind.valueOf(p[2]), drift));
        });
        return drifts;
    }

    /** Step 3 of the playbook for the first few drifting days. */
    private void queryDays(TriageReport r, List<Drift> drifts) {
        Set<String> done = new LinkedHashSet<>();
        for (Drift d : drifts) {
            String key = d.operator() + "|" + d.currency() + "|" + d.date();
            if (d.operator() == null || done.size() >= MAX_DAYS_QUERIED || !done.add(key)) continue;
            Timestamp from = Timestamp.from(d.date().atStartOfDay(ZoneOffset.UTC).toInstant());
            Timestamp to = Timestamp.from(d.date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            r.section("our wallet calls of operator " + d.operator() + ", " + d.currency() + ", " + d.date() + " (first 50)",
                    CALLS_OF_THE_DAY, jdbc.sql(CALLS_OF_THE_DAY).params(d.operator(), d.currency(), from, to).query().listOfRows());
        }
    }

    private static void mitigations(TriageReport r, ReconciliationReport rec, List<Drift> drifts, Path file) {
        r.mitigation("yantra reconcile --file " + file + " --verbose");
        Set<String> halted = new LinkedHashSet<>();
        for (Drift d : drifts) {
            if (d.operator() != null && halted.add(d.operator())) {
                r.mitigation("yantra halt settlements --operator " + d.operator() + " --reason \"reconciliation MAJOR_DRIFT "
                        + d.date() + " " + d.currency() + "\"    # then escalate to their compliance contact");
            }
        }
        for (Drift d : drifts) {
            if (d.operator() == null) continue;
            r.mitigation("yantra reconcile adjust --operator " + d.operator() + " --date " + d.date() + " --currency " + d.currency()
                    + " --kind " + d.kind() + " --amount-micro " + d.driftMicro()
                    + " --reason \"<why, once justified>\"    # only a justified correction: closes this drift exactly");
        }
        int shown = 0;
        for (Difference d : rec.differences()) {
            if (shown++ >= MAX_BET_SHOWN) break;
            String ref = d.ours() != null && d.ours().betId() != null ? d.ours().betId() : d.transactionUuid().toString();
            String why = d.explanation() instanceof Explanation.OpenJob j ? "    # pending: job " + j.jobId() : "";
            r.mitigation("yantra bet show " + ref + why);
        }
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
