package dev.yantra.lottery.results;

import dev.yantra.lottery.draw.DrawScheduler;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finishes what the synchronous settlement after a result entry could not: a draw left RESULTED because some of
 * its plays were still pending at the banca (the fail-safe resolves them after the cut-off), or a run cut short
 * by a crash. Only the draw scheduler's leader sweeps (settlement is safe from any node, this only avoids doing
 * the work twice); each pass takes at most {@value #DRAWS_PER_PASS} draws.
 */
public final class SettlementSweep implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SettlementSweep.class);
    static final int DRAWS_PER_PASS = 20;
    public static final String WHO = "settlement-sweep";

    private final JdbcClient jdbc;
    private final Settlement settlement;
    private final DrawScheduler scheduler;
    private final Duration every;
    private ScheduledExecutorService thread;

    public SettlementSweep(JdbcClient jdbc, Settlement settlement, DrawScheduler scheduler, Duration every) {
        this.jdbc = jdbc;
        this.settlement = settlement;
        this.scheduler = scheduler;
        this.every = every;
    }

    public synchronized void start() {
        if (thread != null) return;
        thread = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("settlement-sweep").daemon().unstarted(r));
        thread.scheduleWithFixedDelay(this::passQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void passQuietly() {
        try {
            if (scheduler.fence().isPresent()) pass();
        } catch (RuntimeException e) {
            log.warn("settlement sweep failed: {}", e.toString());
        }
    }

    /** One pass: every RESULTED draw with a released result, oldest first; returns how many draws it settled. */
    public int pass() {
        List<UUID> due = jdbc.sql("""
                        SELECT d.id FROM draws d JOIN draw_results r ON r.draw_id = d.id
                         WHERE d.state = 'RESULTED' AND (NOT r.needs_confirmation OR r.confirmed_by IS NOT NULL)
                         ORDER BY d.draw_time LIMIT ?""")
                .param(DRAWS_PER_PASS).query(UUID.class).list();
        int settled = 0;
        for (UUID id : due) {
            if (settlement.run(id, WHO).drawSettled()) settled++;
        }
        return settled;
    }

    @Override
    public synchronized void close() {
        if (thread == null) return;
        thread.shutdownNow();
        thread = null;
    }
}
