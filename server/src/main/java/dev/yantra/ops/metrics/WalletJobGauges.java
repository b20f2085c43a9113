package dev.yantra.ops.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * pending_wallet_jobs{endpoint,operator}, pending_wallet_jobs_oldest_age_seconds{endpoint,operator} and
 * pending_wallet_jobs_needs_attention{operator}, from one aggregate over the partial index of open jobs
 * (pending_wallet_jobs_open: endpoint, operator_id, created_at WHERE completed_at IS NULL) — its cost follows the
 * number of open jobs, never the size of the history. Ages use the database's clock, so every node exports the
 * same value.
 */
final class WalletJobGauges {
    static final String DEPTH = "pending_wallet_jobs";
    static final String OLDEST_AGE = "pending_wallet_jobs_oldest_age_seconds";
    static final String NEEDS_ATTENTION = "pending_wallet_jobs_needs_attention";
    static final List<String> ENDPOINTS = List.of("BET", "WIN", "ROLLBACK");

    private static final String OPEN_JOBS = """
            SELECT endpoint, operator_id, count(*) AS open_jobs,
                   extract(epoch FROM now() - min(created_at)) AS oldest_age_seconds,
                   count(*) FILTER (WHERE needs_attention) AS needs_attention
              FROM pending_wallet_jobs
             WHERE completed_at IS NULL
             GROUP BY endpoint, operator_id""";

    private final JdbcClient jdbc;

    WalletJobGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record OpenJobs(String endpoint, UUID operatorId, long openJobs, double oldestAgeSeconds, long needsAttention) {
    }

    /** The operators whose series exist from start-up: every row of operators. */
    List<UUID> operators() {
        return jdbc.sql("SELECT id FROM operators ORDER BY id").query(UUID.class).list();
    }

    GaugeFamilies refresh() {
        return refresh(operators());
    }

    /** Every configured operator gets every endpoint at 0 first, so the series exist before the first job. */
    GaugeFamilies refresh(List<UUID> operators) {
        GaugeFamilies.Builder b = GaugeFamilies.builder()
                .family(DEPTH, "Open (not completed) wallet jobs; the same value on every node")
                .family(OLDEST_AGE, "Age in seconds of the oldest open wallet job, 0 when none; database clock")
                .family(NEEDS_ATTENTION, "Open wallet jobs marked needs_attention (retries exhausted or unclassifiable)");
        for (UUID op : operators) {
            for (String endpoint : ENDPOINTS) {
                Labels labels = Labels.of("endpoint", endpoint, "operator", op.toString());
                b.set(DEPTH, labels, 0).set(OLDEST_AGE, labels, 0);
            }
            b.set(NEEDS_ATTENTION, Labels.of("operator", op.toString()), 0);
        }
        List<OpenJobs> rows = jdbc.sql(OPEN_JOBS).query(OpenJobs.class).list();
        Map<UUID, Long> attention = new HashMap<>();
        for (OpenJobs r : rows) {
            Labels labels = Labels.of("endpoint", r.endpoint(), "operator", r.operatorId().toString());
            b.set(DEPTH, labels, r.openJobs()).set(OLDEST_AGE, labels, Math.max(0, r.oldestAgeSeconds()));
            attention.merge(r.operatorId(), r.needsAttention(), Long::sum);
        }
        attention.forEach((op, n) -> b.set(NEEDS_ATTENTION, Labels.of("operator", op.toString()), n));
        return b.build();
    }
}
