package dev.yantra.lottery.reconcile;

import dev.yantra.ops.metrics.GaugeFamilies;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
public class LotteryReconciliationGauges implements SmartLifecycle, MultiCollector {
    private static final Logger log = LoggerFactory.getLogger(LotteryReconciliationGauges.class);
    static final int EVERY_SECONDS = 30;
    static final String LAST_RESULT = "lottery_reconciliation_last_result";
    static final String DIFFERENCES = "lottery_reconciliation_differences";
    static final String LAST_RUN = "lottery_reconciliation_last_run_timestamp_seconds";
    static final double NEVER_RUN = -1;

    private final JdbcClient jdbc;
    private final AtomicReference<GaugeFamilies> values = new AtomicReference<>(GaugeFamilies.EMPTY);
    private ScheduledExecutorService scheduler;

    public LotteryReconciliationGauges(JdbcClient jdbc, PrometheusMeterRegistry registry) {
        this.jdbc = jdbc;
        registry.getPrometheusRegistry().register(this);
    }

    private record Latest(UUID bancaId, int exitCode, int minor, int unreadable, int major, double finishedEpoch) {
    }

    public void refresh() {
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
        values.set(b.build());
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

    GaugeFamilies values() {
        return values.get();
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(values.get().snapshots());
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lottery-reconciliation-gauges").factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("lottery reconciliation gauges refresh failed: {}", e.toString());
            }
        }, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
