package dev.yantra.round;

import java.util.UUID;

/**
 * Proof of leadership over one table: owner and epoch as acquired. Every round write joins game_tables through
 * {@link #SQL} (locking the lease row FOR SHARE, so a takeover waits for an in-flight write and a write after a
 * takeover finds 0 rows).
 */
public record Fence(UUID tableId, String owner, long epoch) {
    /** Use as {@code ... AND table_id IN (} + SQL + {@code )} with params :fTable, :fOwner, :fEpoch. */
    static final String SQL = """
            SELECT g.id FROM game_tables g WHERE g.id = :fTable AND g.lease_owner = :fOwner
               AND g.lease_epoch = :fEpoch AND g.lease_expires_at > now() FOR SHARE""";

    org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bind(
            org.springframework.jdbc.core.simple.JdbcClient.StatementSpec spec) {
        return spec.param("fTable", tableId).param("fOwner", owner).param("fEpoch", epoch);
    }
}
