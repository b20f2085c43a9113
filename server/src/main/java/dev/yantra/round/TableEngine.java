package dev.yantra.round;

import dev.yantra.config.TestBreaks;
import dev.yantra.games.GameRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's share of the tables. Every {@value #POLL_MS} ms one scheduler thread re-reads the table configs,
 * renews held leases, takes free or expired ones, and hands each held table one tick on a virtual thread (never
 * two at once for a table, so a slow wallet delays that table only, and never the renewals).
 */
public final class TableEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TableEngine.class);
    static final long POLL_MS = 100;
    static final long LEASE_EVERY_MS = 500;

    private final TableDirectory directory;
    private final TableLease lease;
    private final GameRegistry games;
    private final Function<Fence, TableRunner> runnerFactory;
    private final Map<UUID, TableRunner> held = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicBoolean> busy = new ConcurrentHashMap<>();
    private volatile Map<UUID, TableSpec> specs = Map.of();
    private volatile boolean acceptingTables = true;
    private ScheduledExecutorService scheduler;
    private ExecutorService ticks;
    // Monotonic: the wall clock may step backwards (NTP), and a renewal timed by it would stop until the clock
    // caught up, losing every lease this node holds. Long.MIN_VALUE = never maintained yet.
    private long lastLeaseNanos = Long.MIN_VALUE;

    public TableEngine(TableDirectory directory, TableLease lease, GameRegistry games,
                       Function<Fence, TableRunner> runnerFactory) {
        this.directory = directory;
        this.lease = lease;
        this.games = games;
        this.runnerFactory = runnerFactory;
    }

    public synchronized void start() {
        if (scheduler != null) return;
        ticks = Executors.newVirtualThreadPerTaskExecutor();
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("table-engine").factory());
        scheduler.scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops at once: {@link #drainAndClose} with no time to finish rounds. */
    @Override
    public void close() {
        drainAndClose(Duration.ZERO);
    }

    /**
     * Graceful stop (SIGTERM): takes no new table and opens no new round; the round in flight closes betting now
     * and runs to SETTLED within {@code budget} (leases keep being renewed meanwhile). Whatever is still in flight
     * then is finished or voided with ROLLBACK jobs, and the leases are released so another node takes over at once.
     */
    public synchronized void drainAndClose(Duration budget) {
        acceptingTables = false;
        if (scheduler == null) return;
        held.values().forEach(TableRunner::drain);
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            while (System.nanoTime() < deadline && !allIdle()) Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticks.shutdown();
        try {
            ticks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (TableRunner r : held.values()) {
            try {
                r.finishOrVoidInFlight();
            } catch (RuntimeException e) {
                // lease already lost: the new leader recovers the round
                log.warn("could not finish the round of table {} on stop: {}", r.fence().tableId(), e.getMessage());
            }
            try {
                lease.release(r.fence());
            } catch (RuntimeException e) {
                log.warn("could not release table {}: {}", r.fence().tableId(), e.getMessage());
            }
        }
        held.clear();
        scheduler = null;
    }

    private boolean allIdle() {
        for (TableRunner r : held.values()) {
            try {
                if (!r.idle()) return false;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    public Optional<Fence> fenceOf(UUID tableId) {
        return Optional.ofNullable(held.get(tableId)).map(TableRunner::fence);
    }

    public List<TableSpec> tables() {
        return List.copyOf(specs.values());
    }

    private void poll() {
        try {
            long nowNanos = System.nanoTime();
            if (lastLeaseNanos == Long.MIN_VALUE || nowNanos - lastLeaseNanos >= LEASE_EVERY_MS * 1_000_000) {
                lastLeaseNanos = nowNanos;
                maintainLeases();
            }
            for (TableRunner runner : held.values()) submitTick(runner);
        } catch (RuntimeException e) {
            log.warn("table engine poll failed: {}", e.toString());
        }
    }

    private void maintainLeases() {
        directory.ensureTables();
        Map<UUID, TableSpec> next = new ConcurrentHashMap<>();
        for (TableSpec s : directory.list()) next.put(s.tableId(), s);
        specs = next;
        for (TableRunner r : List.copyOf(held.values())) {
            if (!lease.renew(r.fence())) drop(r.fence(), "lease not renewed");
        }
        if (!acceptingTables) return;
        for (TableSpec s : next.values()) {
            if (held.containsKey(s.tableId()) || games.find(s.gameCode()).isEmpty()) continue;
            lease.tryAcquire(s.tableId()).ifPresent(f -> {
                log.info("took table {} ({} {} {}) at epoch {}", f.tableId(), s.operatorId(), s.gameCode(),
                        s.currency(), f.epoch());
                held.put(f.tableId(), runnerFactory.apply(f));
            });
        }
    }

    private void submitTick(TableRunner runner) {
        UUID tableId = runner.fence().tableId();
        TableSpec spec = specs.get(tableId);
        if (spec == null) return;
        AtomicBoolean flag = busy.computeIfAbsent(tableId, k -> new AtomicBoolean());
        if (!flag.compareAndSet(false, true)) return;
        try {
            ticks.submit(() -> {
                try {
                    if (held.get(tableId) == runner) runner.tick(spec);
                } catch (LeaseLostException e) {
                    drop(runner.fence(), e.getMessage());
                } catch (RuntimeException e) {
                    log.error("table {} tick failed: {}", tableId, e.toString(), e);
                } finally {
                    flag.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            flag.set(false);
        }
    }

    private void drop(Fence fence, String why) {
        // a deliberately broken build (chaos harness only): the node takes a lost table back by renewing its lease
        // instead of stepping down, whichever of its thawed tick or its renewal comes first
        if (TestBreaks.on("lease-after-expiry") && lease.renew(fence)) return;
        TableRunner before = held.get(fence.tableId());
        held.computeIfPresent(fence.tableId(), (k, r) -> r.fence().equals(fence) ? null : r);
        if (before != null && before.fence().equals(fence)) {
            log.warn("stopped running table {} (epoch {}): {}", fence.tableId(), fence.epoch(), why);
        }
    }
}
