package dev.yantra.round;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Table leadership in single guarded UPDATEs on game_tables (no advisory or session locks, so it works behind
 * PgBouncer in transaction mode). Expiry uses the database clock, the one clock every node shares.
 */
public final class TableLease {
    public static final int TTL_MS = 5_000;
    private final JdbcClient jdbc;
    private final String owner;

    public TableLease(JdbcClient jdbc, String owner) {
        this.jdbc = jdbc;
        this.owner = owner;
    }

    /** Takes a free or expired lease, bumping the epoch; empty when another node holds it. */
    public Optional<Fence> tryAcquire(UUID tableId) {
        return jdbc.sql("""
                UPDATE game_tables SET lease_owner = :me, lease_epoch = lease_epoch + 1,
                       lease_expires_at = now() + make_interval(secs => :ttl / 1000.0)
                 WHERE id = :id AND (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at <= now())
                RETURNING lease_epoch""")
                .param("me", owner).param("ttl", TTL_MS).param("id", tableId)
                .query(Long.class).optional()
                .map(epoch -> new Fence(tableId, owner, epoch));
    }

    /** Extends a lease still held; false when it expired or was taken (the caller must stop writing). */
    public boolean renew(Fence fence) {
        int rows = jdbc.sql("""
                UPDATE game_tables SET lease_expires_at = now() + make_interval(secs => :ttl / 1000.0)
                 WHERE id = :id AND lease_owner = :me AND lease_epoch = :epoch AND lease_expires_at > now()""")
                .param("ttl", TTL_MS).param("id", fence.tableId()).param("me", owner).param("epoch", fence.epoch())
                .update();
        return checkOne(rows);
    }

    /** Gives the table up at once (graceful stop), so another node need not wait for expiry. */
    public void release(Fence fence) {
        jdbc.sql("""
                UPDATE game_tables SET lease_owner = NULL, lease_expires_at = now()
                 WHERE id = :id AND lease_owner = :me AND lease_epoch = :epoch""")
                .param("id", fence.tableId()).param("me", owner).param("epoch", fence.epoch()).update();
    }

    static boolean checkOne(int rows) {
        if (rows > 1) throw new IllegalStateException("a guarded write touched " + rows + " rows");
        return rows == 1;
    }
}
