package dev.yantra.lottery.draw;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves draws through their sales states on the one node that holds the draw-scheduler lease. Every {@code
 * pollEvery} one thread takes or renews the lease; the leader then generates the draws of the next {@code
 * horizon} (every {@code generateEvery}, and at once when it takes over or a lottery is added), opens the draws whose sales window has
 * begun and closes those past their cut-off. Every move is fenced by the lease epoch, so a node that lost the
 * lease (a pause longer than the TTL) moves nothing; the standby nodes only try to take the lease.
 */
public final class DrawScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DrawScheduler.class);

    /**
     * @param horizon         how far ahead draws are generated (default 48 h: today's and tomorrow's)
     * @param salesOpenBefore how long before its draw time a draw opens for sale (default 24 h)
     * @param pollEvery       how often the lease is renewed and due draws are moved (default 1 s; below the TTL)
     * @param generateEvery   how often the leader re-plans a lottery's horizon (default 5 min)
     */
    public record Settings(Duration horizon, Duration salesOpenBefore, Duration pollEvery, Duration generateEvery) {
        public static final Settings DEFAULTS = new Settings(Duration.ofHours(48), Duration.ofHours(24),
                Duration.ofSeconds(1), Duration.ofMinutes(5));

        public Settings {
            positive("horizon", horizon);
            positive("salesOpenBefore", salesOpenBefore);
            positive("pollEvery", pollEvery);
            positive("generateEvery", generateEvery);
            if (horizon.toDays() > 31) throw new IllegalArgumentException("horizon must be at most 31 days, was " + horizon);
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }

    /** What this node's scheduler is doing, for /health and /readyz. */
    public enum Role { LEADER, STANDBY, STOPPED }

    public record Status(Role role, Long epoch, Long lastTickAgoMs, String lastError) {
    }

    private final DrawSchedulerLease lease;
    private final DrawStore store;
    private final DrawGenerator generator;
    private final Clock clock;
    private final Settings settings;
    private volatile SchedulerFence fence;
    private volatile boolean running;
    private volatile long lastTickOkNanos;
    private volatile String lastError;
    private ScheduledExecutorService thread;

    DrawScheduler(DrawSchedulerLease lease, DrawStore store, DrawGenerator generator, Clock clock, Settings settings) {
        if (settings.pollEvery().toMillis() * 2 >= lease.ttlMs()) {
            throw new IllegalArgumentException("pollEvery (" + settings.pollEvery() + ") must be under half the lease TTL ("
                    + lease.ttlMs() + " ms), or the lease lapses between renewals");
        }
        this.lease = lease;
        this.store = store;
        this.generator = generator;
        this.clock = clock;
        this.settings = settings;
    }

    public synchronized void start() {
        if (thread != null) return;
        running = true;
        lastTickOkNanos = System.nanoTime();
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("draw-scheduler").factory());
        thread.scheduleWithFixedDelay(this::tickQuietly, 0, settings.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the thread and gives the lease up at once, so another node takes over without waiting for expiry. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = thread;
            thread = null;
            running = false;
        }
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SchedulerFence held = fence;
        fence = null;
        if (held != null) {
            try {
                lease.release(held);
            } catch (RuntimeException e) {
                log.warn("could not release the draw-scheduler lease: {}", e.getMessage());
            }
        }
    }

    private void tickQuietly() {
        try {
            tick();
            lastError = null;
            lastTickOkNanos = System.nanoTime();
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("draw scheduler tick failed: {}", e.toString());
        }
    }

    /** One round of the loop (the thread calls it; tests call it to step a node by hand). */
    public synchronized void tick() {
        if (!holdLease()) return;
        Instant now = clock.instant();
        DrawGenerator.Plan plan = generator.due(now, settings.horizon(), settings.generateEvery());
        if (!plan.draws().isEmpty()) {
            int added = store.insertMissing(plan.draws(), now);
            if (added > 0) log.info("generated {} draw(s) up to {}", added, now.plus(settings.horizon()));
        }
        generator.done(plan);
        SchedulerFence f = fence;
        if (f == null) return;
        List<UUID> opened = store.openDue(f, now, settings.salesOpenBefore());
        List<UUID> closed = store.closeDue(f, now);
        if (!opened.isEmpty() || !closed.isEmpty()) {
            log.info("draws opened {} closed {} (epoch {})", opened.size(), closed.size(), f.epoch());
        }
    }

    private boolean holdLease() {
        SchedulerFence held = fence;
        if (held != null) {
            if (lease.renew(held)) return true;
            log.warn("lost the draw-scheduler lease (epoch {}): another node moves draws now", held.epoch());
            fence = null;
            return false;
        }
        Optional<SchedulerFence> taken = lease.tryAcquire();
        if (taken.isEmpty()) return false;
        fence = taken.get();
        generator.forget();
        log.info("took the draw-scheduler lease at epoch {}", fence.epoch());
        return true;
    }

    public Optional<SchedulerFence> fence() {
        return Optional.ofNullable(fence);
    }

    public Status status() {
        if (!running) return new Status(Role.STOPPED, null, null, lastError);
        SchedulerFence f = fence;
        long agoMs = (System.nanoTime() - lastTickOkNanos) / 1_000_000;
        return new Status(f == null ? Role.STANDBY : Role.LEADER, f == null ? null : f.epoch(), agoMs, lastError);
    }

    /**
     * Why this node's scheduler should count as broken: it runs but has not completed a tick for three lease TTLs
     * (its database calls fail or hang). A standby node that ticks is healthy.
     */
    public Optional<String> stalledReason() {
        Status s = status();
        if (s.role() == Role.STOPPED) return Optional.empty();
        return s.lastTickAgoMs() > 3L * lease.ttlMs() ? Optional.of("draw_scheduler_stalled") : Optional.empty();
    }
}
