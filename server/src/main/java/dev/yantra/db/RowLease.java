package dev.yantra.db;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Leadership held on a row, in single guarded UPDATEs (no advisory or session locks, so it works behind PgBouncer
 * in transaction mode). Any table with the columns {@code lease_owner text, lease_epoch bigint, lease_expires_at
 * timestamptz} and a key column can carry it: game_tables (one leader per table) and leader_leases (one leader
 * per node-wide job, e.g. the draw scheduler). Expiry uses the database clock, the one clock every node shares.
 * The epoch, bumped on every takeover, is the fencing token writers check.
 */
public final class RowLease {
    private final JdbcClient jdbc;
    private final String owner;
    private final int ttlMs;
    private final String acquireSql;
    private final String renewSql;
    private final String releaseSql;

    /**
     * @param table and {@code keyColumn} are SQL identifiers written by the code that owns the table, never input
     */
    public RowLease(JdbcClient jdbc, String table, String keyColumn, String owner, int ttlMs) {
        if (!table.matches("[a-z_]+") || !keyColumn.matches("[a-z_]+")) {
            throw new IllegalArgumentException("table and key column must be plain identifiers, were " + table + ", " + keyColumn);
        }
        if (ttlMs <= 0) throw new IllegalArgumentException("ttlMs must be > 0, was " + ttlMs);
        if (owner == null || owner.isBlank()) throw new IllegalArgumentException("owner must not be blank");
        this.jdbc = jdbc;
        this.owner = owner;
        this.ttlMs = ttlMs;
        this.acquireSql = """
                UPDATE %s SET lease_owner = :me, lease_epoch = lease_epoch + 1,
                       lease_expires_at = now() + make_interval(secs => :ttl / 1000.0)
                 WHERE %s = :key AND (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at <= now())
                RETURNING lease_epoch""".formatted(table, keyColumn);
        this.renewSql = (dev.yantra.config.TestBreaks.on("lease-after-expiry")
                // a deliberately broken build (chaos harness only): the renewal takes the lease back even after it
                // expired and another owner took it, restoring this owner's older epoch
                ? """
                UPDATE %s SET lease_expires_at = now() + make_interval(secs => :ttl / 1000.0), lease_owner = :me,
                       lease_epoch = :epoch WHERE %s = :key"""
                : """
                UPDATE %s SET lease_expires_at = now() + make_interval(secs => :ttl / 1000.0)
                 WHERE %s = :key AND lease_owner = :me AND lease_epoch = :epoch AND lease_expires_at > now()""")
                .formatted(table, keyColumn);
        this.releaseSql = """
                UPDATE %s SET lease_owner = NULL, lease_expires_at = now()
                 WHERE %s = :key AND lease_owner = :me AND lease_epoch = :epoch""".formatted(table, keyColumn);
    }

    public String owner() {
        return owner;
    }

    public int ttlMs() {
        return ttlMs;
    }

    /** Takes a free or expired lease, bumping the epoch; the new epoch, or empty when another node holds it. */
    public Optional<Long> tryAcquire(Object key) {
        return jdbc.sql(acquireSql).param("me", owner).param("ttl", ttlMs).param("key", key)
                .query(Long.class).optional();
    }

    /** Extends a lease still held; false when it expired or was taken (the caller must stop writing). */
    public boolean renew(Object key, long epoch) {
        return Rows.one(jdbc.sql(renewSql).param("ttl", ttlMs).param("key", key).param("me", owner)
                .param("epoch", epoch).update(), "lease renewal");
    }

    /** Gives the lease up at once (graceful stop), so another node need not wait for expiry. */
    public void release(Object key, long epoch) {
        jdbc.sql(releaseSql).param("key", key).param("me", owner).param("epoch", epoch).update();
    }

}
