package dev.yantra.lottery.reconcile;

import dev.yantra.ops.metrics.GaugeFamilies;
import dev.yantra.ops.metrics.PolledGauges;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The latest full lottery reconciliation per banca (runs without --request-ids; dry runs are never stored),
 * read from the database every {@value #EVERY_SECONDS} s so every node exports the same values and a restart
 * keeps a MAJOR alert firing:
 * {@code lottery_reconciliation_last_result{banca}} 0 match, 1 minor, 2 major, 3 unreadable, -1 never run
 * (the same numbers as the exit codes); {@code lottery_reconciliation_differences{banca,severity}};
 * {@code lottery_reconciliation_last_run_timestamp_seconds{banca}} (0 when never run).
 */
@Component
public class LotteryReconciliationGauges extends PolledGauges {
    static final int EVERY_SECONDS = 30;
    static final String LAST_RESULT = "lottery_reconciliation_last_result";
    static final String DIFFERENCES = "lottery_reconciliation_differences";
    static final String LAST_RUN = "lottery_reconciliation_last_run_timestamp_seconds";
    static final double NEVER_RUN = -1;

    private final JdbcClient jdbc;

    public LotteryReconciliationGauges(JdbcClient jdbc, PrometheusMeterRegistry registry) {
        super("lottery-reconciliation-gauges", EVERY_SECONDS, registry);
        this.jdbc = jdbc;
    }

    private record Latest(UUID bancaId, int exitCode, int minor, int unreadable, int major, double finishedEpoch) {
    }

    @Override
    protected GaugeFamilies read() {
        GaugeFamilies.Builder b = GaugeFamilies.builder()
                .family(LAST_RESULT, "Latest full lottery reconciliation per banca: 0 match, 1 minor, 2 major, 3 unreadable, -1 never run")
                .family(DIFFERENCES, "Differences found by the latest full lottery reconciliation per banca, by severity")
                .family(LAST_RUN, "When the latest full lottery reconciliation of the banca finished (Unix seconds), 0 when never");
        for (UUID banca : jdbc.sql("SELECT id FROM bancas WHERE status IN ('active', 'suspended') ORDER BY id").query(UUID.class).list()) {
            set(b, new Latest(banca, (int) NEVER_RUN, 0, 0, 0, 0));
        }
        List<Latest> latest = jdbc.sql("""
                        SELECT DISTINCT ON (b.banca_id) b.banca_id,
                               CASE b.status WHEN 'MATCH' THEN 0 WHEN 'MINOR' THEN 1 WHEN 'MAJOR' THEN 2 ELSE 3 END AS exit_code,
                               b.differences_minor AS minor,
                               b.differences_unreadable AS unreadable, b.differences_major AS major,
                               extract(epoch FROM r.finished_at) AS finished_epoch
                          FROM lottery_reconciliation_bancas b JOIN lottery_reconciliation_runs r ON r.id = b.run_id
                         WHERE r.request_ids IS NULL
                         ORDER BY b.banca_id, r.finished_at DESC""").query(Latest.class).list();
        for (Latest l : latest) set(b, l);
        return b.build();
    }

    private static void set(GaugeFamilies.Builder b, Latest l) {
        String banca = l.bancaId().toString();
        // the banca's own status, not the run's: one banca's MAJOR must not paint the others
        b.set(LAST_RESULT, Labels.of("banca", banca), l.exitCode());
        b.set(DIFFERENCES, Labels.of("banca", banca, "severity", "minor"), l.minor());
        b.set(DIFFERENCES, Labels.of("banca", banca, "severity", "unreadable"), l.unreadable());
        b.set(DIFFERENCES, Labels.of("banca", banca, "severity", "major"), l.major());
        b.set(LAST_RUN, Labels.of("banca", banca), l.finishedEpoch());
    }
}
