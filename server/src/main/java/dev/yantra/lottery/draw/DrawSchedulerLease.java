package dev.yantra.lottery.draw;

import dev.yantra.db.RowLease;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Leadership of the draw scheduler: the {@link RowLease} of tables, on the leader_leases row
 * {@value #NAME}, so exactly one node at a time opens and closes draws.
 */
public final class DrawSchedulerLease {
    public static final String NAME = "draw-scheduler";
    public static final int TTL_MS = 5_000;
    private final RowLease lease;

    public DrawSchedulerLease(JdbcClient jdbc, String owner) {
        this(jdbc, owner, TTL_MS);
    }

    public DrawSchedulerLease(JdbcClient jdbc, String owner, int ttlMs) {
        this.lease = new RowLease(jdbc, "leader_leases", "name", owner, ttlMs);
    }

    public String owner() {
        return lease.owner();
    }

    public int ttlMs() {
        return lease.ttlMs();
    }

    public Optional<SchedulerFence> tryAcquire() {
        return lease.tryAcquire(NAME).map(epoch -> new SchedulerFence(NAME, lease.owner(), epoch));
    }

    public boolean renew(SchedulerFence fence) {
        return lease.renew(NAME, fence.epoch());
    }

    public void release(SchedulerFence fence) {
        lease.release(NAME, fence.epoch());
    }
}
