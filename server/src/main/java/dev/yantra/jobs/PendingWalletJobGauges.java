package dev.yantra.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gauges computed from the database (every node exports the same value; rules take max by labels first):
 * {@code pending_wallet_jobs{endpoint,operator}} open jobs and {@code pending_wallet_jobs_needs_attention{endpoint,operator}}.
 */
public final class PendingWalletJobGauges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PendingWalletJobGauges.class);
    private final JdbcClient jdbc;
    private final MultiGauge open;
    private final MultiGauge attention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pending-wallet-job-gauges");
        t.setDaemon(true);
        return t;
    });

    public PendingWalletJobGauges(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.open = MultiGauge.builder("pending_wallet_jobs").description("Open pending wallet jobs").register(meters);
        this.attention = MultiGauge.builder("pending_wallet_jobs_needs_attention")
                .description("Open pending wallet jobs past PENDING_JOB_MAX_ATTEMPTS or refused with a business code").register(meters);
    }

    public void start(long periodMs) {
        timer.scheduleWithFixedDelay(this::refresh, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    public void refresh() {
        try {
            List<MultiGauge.Row<?>> openRows = new ArrayList<>();
            List<MultiGauge.Row<?>> attentionRows = new ArrayList<>();
            jdbc.sql("""
                    SELECT endpoint, operator_id::text AS operator, count(*) AS n, count(*) FILTER (WHERE needs_attention) AS stuck
                    FROM pending_wallet_jobs WHERE completed_at IS NULL GROUP BY 1, 2""")
                    .query((rs, i) -> {
                        Tags tags = Tags.of("endpoint", rs.getString("endpoint"), "operator", rs.getString("operator"));
                        openRows.add(MultiGauge.Row.of(tags, rs.getLong("n")));
                        attentionRows.add(MultiGauge.Row.of(tags, rs.getLong("stuck")));
                        return null;
                    }).list();
            open.register(openRows, true);
            attention.register(attentionRows, true);
        } catch (RuntimeException e) {
            log.debug("pending wallet job gauges not refreshed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
