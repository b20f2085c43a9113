package dev.yantra.db;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Exports HikariCP's connection-acquire wait as the histogram {@code db_pool_wait_time_ms} — the signal the
 * DB-exhaustion playbook alerts on (its {@code prisma_pool_wait_time_ms}) — plus pool gauges for triage.
 */
public final class PoolWaitMetrics implements MetricsTrackerFactory {
    private final MeterRegistry registry;

    public PoolWaitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats stats) {
        DistributionSummary wait = DistributionSummary.builder("db_pool_wait_time_ms")
                .description("Time a request waited for a database connection from the pool")
                .baseUnit("ms")
                .serviceLevelObjectives(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000)
                .register(registry);
        // held strongly: Hikari keeps no reference to this PoolStats, and a weakly held one read NaN after a GC
        Gauge.builder("db_pool_connections_active", stats, PoolStats::getActiveConnections).strongReference(true).register(registry);
        Gauge.builder("db_pool_connections_idle", stats, PoolStats::getIdleConnections).strongReference(true).register(registry);
        Gauge.builder("db_pool_connections_pending", stats, PoolStats::getPendingThreads).strongReference(true).register(registry);
        Gauge.builder("db_pool_connections_max", stats, PoolStats::getMaxConnections).strongReference(true).register(registry);
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                wait.record(elapsedAcquiredNanos / 1_000_000.0);
            }
        };
    }
}
