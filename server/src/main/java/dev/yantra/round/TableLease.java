package dev.yantra.round;

import dev.yantra.db.RowLease;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Table leadership: a {@link RowLease} on game_tables, one lease per table, handed out as a {@link Fence}.
 */
public final class TableLease {
    public static final int TTL_MS = 5_000;
    private final RowLease lease;

    public TableLease(JdbcClient jdbc, String owner) {
        this.lease = new RowLease(jdbc, "game_tables", "id", owner, TTL_MS);
    }

    /** Takes a free or expired lease, bumping the epoch; empty when another node holds it. */
    public Optional<Fence> tryAcquire(UUID tableId) {
        return lease.tryAcquire(tableId).map(epoch -> new Fence(tableId, lease.owner(), epoch));
    }

    /** Extends a lease still held; false when it expired or was taken (the caller must stop writing). */
    public boolean renew(Fence fence) {
        return lease.renew(fence.tableId(), fence.epoch());
    }

    /** Gives the table up at once (graceful stop), so another node need not wait for expiry. */
    public void release(Fence fence) {
        lease.release(fence.tableId(), fence.epoch());
    }
}
