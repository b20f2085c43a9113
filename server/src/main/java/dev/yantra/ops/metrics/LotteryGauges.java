package dev.yantra.ops.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lottery hub's database-derived gauges, refreshed every {@value #EVERY_SECONDS} s off the scrape path and
 * pre-registered at 0 for every banca: {@code plays_pending{banca,age}} (unconfirmed plays by age band
 * {@code <5m}, {@code 5-60m}, {@code >1h}), {@code pending_banca_jobs{banca}} and
 * {@code pending_banca_jobs_oldest_age_seconds{banca}}. Ages use the database clock, so every node exports the
 * same values (take {@code max by} across nodes, as for the wallet gauges).
 */
@Component
public class LotteryGauges extends PolledGauges {
    static final int EVERY_SECONDS = 5;
    /** An open forwarding job older than this makes /health report the banca queue as lagging. */
    public static final double LAGGING_AFTER_SECONDS = 600;
    static final List<String> AGES = List.of("<5m", "5-60m", ">1h");

    private final JdbcClient jdbc;
    private volatile double oldestOpenJobSeconds;

    public LotteryGauges(JdbcClient jdbc, PrometheusMeterRegistry registry, dev.yantra.ops.Readiness readiness) {
        super("lottery-gauges", EVERY_SECONDS, registry);
        this.jdbc = jdbc;
        readiness.registerHealthCheck("bancaQueue", this::bancaQueueCheck);
    }

    private record Pending(UUID bancaId, String age, long plays) {
    }

    private record Jobs(UUID bancaId, long open, double oldestSeconds) {
    }

    @Override
    protected GaugeFamilies read() {
        GaugeFamilies.Builder b = GaugeFamilies.builder()
                .family("plays_pending", "Plays not yet confirmed, rejected or ended, by banca and age band; database clock")
                .family("pending_banca_jobs", "Open forwarding jobs per banca; the same value on every node")
                .family("pending_banca_jobs_oldest_age_seconds", "Age of the oldest open forwarding job per banca, 0 when none");
        for (UUID banca : jdbc.sql("SELECT id FROM bancas ORDER BY id").query(UUID.class).list()) {
            for (String age : AGES) b.set("plays_pending", Labels.of("age", age, "banca", banca.toString()), 0);
            b.set("pending_banca_jobs", Labels.of("banca", banca.toString()), 0);
            b.set("pending_banca_jobs_oldest_age_seconds", Labels.of("banca", banca.toString()), 0);
        }
        for (Pending p : jdbc.sql("""
                        SELECT banca_id,
                               CASE WHEN created_at > now() - interval '5 minutes' THEN '<5m'
                                    WHEN created_at > now() - interval '1 hour' THEN '5-60m' ELSE '>1h' END AS age,
                               count(*) AS plays
                          FROM plays WHERE status IN ('AWAITING_PAYMENT', 'QUEUED', 'AWAITING_WEBHOOK')
                         GROUP BY 1, 2""").query(Pending.class).list()) {
            b.set("plays_pending", Labels.of("age", p.age(), "banca", p.bancaId().toString()), p.plays());
        }
        double oldest = 0;
        for (Jobs j : jdbc.sql("""
                        SELECT banca_id, count(*) AS open, extract(epoch FROM now() - min(created_at)) AS oldest_seconds
                          FROM pending_banca_jobs WHERE completed_at IS NULL
                         GROUP BY banca_id""").query(Jobs.class).list()) {
            b.set("pending_banca_jobs", Labels.of("banca", j.bancaId().toString()), j.open());
            b.set("pending_banca_jobs_oldest_age_seconds", Labels.of("banca", j.bancaId().toString()), Math.max(0, j.oldestSeconds()));
            oldest = Math.max(oldest, j.oldestSeconds());
        }
        oldestOpenJobSeconds = oldest;
        return b.build();
    }

    /** For /health: "ok", or "lagging" when a forwarding job has waited longer than {@link #LAGGING_AFTER_SECONDS}. */
    public String bancaQueueCheck() {
        return oldestOpenJobSeconds > LAGGING_AFTER_SECONDS ? "lagging" : "ok";
    }
}
