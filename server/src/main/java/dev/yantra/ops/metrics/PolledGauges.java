package dev.yantra.ops.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges read from the database on a timer of their own and served from the last reading, so a scrape never waits
 * on a query and every node exports the same values. A subclass says how to read ({@link #read()}); a failed read
 * keeps the previous values and is logged, because a gauge that vanishes on a database hiccup would clear alerts.
 */
public abstract class PolledGauges implements SmartLifecycle, MultiCollector {
    private static final Logger log = LoggerFactory.getLogger(PolledGauges.class);

    private final String name;
    private final long everySeconds;
    private final AtomicReference<GaugeFamilies> values = new AtomicReference<>(GaugeFamilies.EMPTY);
    private ScheduledExecutorService scheduler;

    protected PolledGauges(String name, long everySeconds, PrometheusMeterRegistry registry) {
        this.name = name;
        this.everySeconds = everySeconds;
        registry.getPrometheusRegistry().register(this);
    }

    /** One reading of every family, with every expected series present (at 0 where nothing was found). */
    protected abstract GaugeFamilies read();

    /** Reads now (tests and the timer call this). */
    public void refresh() {
        values.set(read());
    }

    public GaugeFamilies values() {
        return values.get();
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(values.get().snapshots());
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("{} refresh failed: {}", name, e.toString());
            }
        }, 0, everySeconds, TimeUnit.SECONDS);
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
