package dev.yantra.lottery.reconcile;

import dev.yantra.db.Rows;
import dev.yantra.api.Json;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of lottery_reconciliation_runs and lottery_reconciliation_bancas: a run and its banca rows in
 * one transaction. A banca row keeps at most {@value #MAX_STORED_DIFFERENCES} differences (the report files
 * have them all).
 */
public final class ReconciliationRuns {
    static final int MAX_STORED_DIFFERENCES = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public ReconciliationRuns(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    void store(RunReport r, String runBy) {
        tx.executeWithoutResult(s -> {
            ReconcileScope scope = r.scope();
            int rows = jdbc.sql("""
                            INSERT INTO lottery_reconciliation_runs (id, business_date, banca_filter, request_ids, force_check,
                                   older_than_seconds, status, exit_code, plays_compared, plays_asked, plays_resolved,
                                   differences_minor, differences_unreadable, differences_major, run_by, started_at, finished_at)
                            VALUES (?, ?, ?, CAST(string_to_array(?, ',') AS uuid[]), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(r.runId(), scope.date(), scope.bancaId().orElse(null),
                            scope.requestIds().isEmpty() ? null : PlayFactsQuery.join(scope.requestIds()), scope.forceCheck(),
                            scope.forceCheck() ? (int) Math.min(Integer.MAX_VALUE, scope.olderThan().toSeconds()) : null,
                            r.status().name(), r.exitCode(), r.playsCompared(), r.checks().size(), (int) r.resolved(),
                            (int) r.count(Severity.MINOR), (int) r.count(Severity.UNREADABLE), (int) r.count(Severity.MAJOR), runBy,
                            Timestamp.from(r.startedAt()), Timestamp.from(r.finishedAt()))
                    .update();
            Rows.exactlyOne(rows, "reconciliation run insert");
            for (BancaDay b : r.bancas()) {
                jdbc.sql("""
                                INSERT INTO lottery_reconciliation_bancas (run_id, banca_id, status, plays, differences_minor,
                                       differences_unreadable, differences_major, card_plays_unchecked, differences)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))""")
                        .params(r.runId(), b.bancaId(), b.status().name(), b.plays(), (int) b.count(Severity.MINOR),
                                (int) b.count(Severity.UNREADABLE), (int) b.count(Severity.MAJOR), b.cardPlaysUnchecked(),
                                Json.write(differencesJson(b.differences())))
                        .update();
            }
        });
    }

    static List<Map<String, Object>> differencesJson(List<Difference> differences) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Difference d : differences.subList(0, Math.min(differences.size(), MAX_STORED_DIFFERENCES))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("playId", d.playId().toString());
            m.put("requestId", d.requestId() == null ? null : d.requestId().toString());
            m.put("kind", d.kind().name());
            m.put("severity", d.severity().name());
            m.put("detail", d.detail());
            out.add(m);
        }
        return out;
    }
}
