package dev.yantra.ops.metrics;

import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.inbound.InboundObservations;
import dev.yantra.wallet.WalletClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges derived from the database (wallet job queue every {@value #JOBS_EVERY_SECONDS} s, RTP every
 * {@value #RTP_EVERY_SECONDS} s), refreshed on a background thread and served from memory: a scrape costs no query.
 * Every node exports the same values; alert rules take {@code max by (labels)} across nodes first.
 * When a refresh fails (database down) the last values stay and {@code database_gauges_refresh_failures_total}
 * counts it; {@code database_up} says why.
 */
@Component
public class DatabaseGauges implements SmartLifecycle, MultiCollector {
    public static final int JOBS_EVERY_SECONDS = 5;
    static final int RTP_EVERY_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);

    private final WalletJobGauges jobs;
    private final RtpGauges rtp;
    private final AtomicReference<GaugeFamilies> jobValues = new AtomicReference<>(GaugeFamilies.EMPTY);
    private final AtomicReference<GaugeFamilies> rtpValues = new AtomicReference<>(GaugeFamilies.EMPTY);
    private final AtomicReference<GaugeFamilies> reconciliationValues = new AtomicReference<>(GaugeFamilies.EMPTY);
    private final ReconciliationGauges reconciliation;
    private final Timer jobsRefresh;
    private final Timer rtpRefresh;
    private final Counter failures;
    private final SloMeters slo;
    private final JdbcClient jdbc;
    private final PrometheusMeterRegistry registry;
    private final InboundObservations inbound;   // null in tests that look at the gauges alone
    private final CounterpartyBreakers walletBreakers;   // null in tests that look at the gauges alone
    private ScheduledExecutorService scheduler;

    public DatabaseGauges(JdbcClient jdbc, PrometheusMeterRegistry registry) {
        this(jdbc, registry, null, null);
    }

    public DatabaseGauges(JdbcClient jdbc, PrometheusMeterRegistry registry, InboundObservations inbound) {
        this(jdbc, registry, inbound, null);
    }

    @Autowired
    public DatabaseGauges(JdbcClient jdbc, PrometheusMeterRegistry registry, InboundObservations inbound,
                          CounterpartyBreakers walletBreakers) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.inbound = inbound;
        this.walletBreakers = walletBreakers;
        this.slo = new SloMeters(registry);
        this.jobs = new WalletJobGauges(jdbc);
        this.rtp = new RtpGauges(jdbc);
        this.reconciliation = new ReconciliationGauges(jdbc);
        this.jobsRefresh = Timer.builder("database_gauges_refresh").tag("gauges", "wallet_jobs")
                .description("Time one refresh of the database-derived gauges took").register(registry);
        this.rtpRefresh = Timer.builder("database_gauges_refresh").tag("gauges", "rtp").register(registry);
        this.failures = Counter.builder("database_gauges_refresh_failures")
                .description("Refreshes of the database-derived gauges that failed; the last values stay")
                .register(registry);
        registry.getPrometheusRegistry().register(this);
    }

    /** Refreshes the wallet job gauges now (the scheduler calls this; tests call it directly). */
    public void refreshJobs() {
        jobValues.set(jobsRefresh.record(() -> {
            List<java.util.UUID> operators = jobs.operators();
            // the node-local SLO series of every configured operator (one created since the last refresh included)
            // exist at 0 before its first bet, so rate() and increase() see the first event
            slo.preRegister(operators);
            preRegisterNodeSeries(operators);
            reconciliationValues.set(reconciliation.refresh(operators));
            return jobs.refresh(operators);
        }));
    }

    /**
     * The node-local counters of every configured operator (wallet calls, inbound signatures, clock skew) at 0
     * before their first event: the "every series exists from start-up", and rate() sees the first event.
     * Its wallet breaker too (CLOSED until a call says otherwise), so circuit_breaker_state exists for a quiet
     * operator and for one created while the node runs (within one refresh).
     */
    private void preRegisterNodeSeries(List<UUID> operators) {
        Map<UUID, List<String>> kids = new HashMap<>();
        if (inbound != null) {
            jdbc.sql("SELECT operator_id, kid FROM operator_credentials WHERE kind = 'INBOUND' AND revoked_at IS NULL")
                    .query((rs, n) -> kids.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2)))
                    .list();
        }
        for (UUID op : operators) {
            WalletClient.preRegister(registry, op);
            if (walletBreakers != null) walletBreakers.track(op.toString());
            if (inbound != null) inbound.preRegister(op, kids.getOrDefault(op, List.of()));
        }
    }

    /** Refreshes the RTP gauges now. */
    public void refreshRtp() {
        rtpValues.set(rtpRefresh.record(rtp::refresh));
    }

    GaugeFamilies jobValues() {
        return jobValues.get();
    }

    GaugeFamilies reconciliationValues() {
        return reconciliationValues.get();
    }

    GaugeFamilies rtpValues() {
        return rtpValues.get();
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> all = new ArrayList<>(jobValues.get().snapshots());
        all.addAll(rtpValues.get().snapshots());
        all.addAll(reconciliationValues.get().snapshots());
        return new MetricSnapshots(all);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("db-gauges").factory());
        scheduler.scheduleWithFixedDelay(() -> guarded("wallet job", this::refreshJobs), 0, JOBS_EVERY_SECONDS, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(() -> guarded("rtp", this::refreshRtp), 0, RTP_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void guarded(String what, Runnable refresh) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            // a failed refresh must not kill the schedule; database_up and this counter tell the story
            failures.increment();
            log.warn("{} gauges refresh failed: {}", what, e.toString());
        }
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
