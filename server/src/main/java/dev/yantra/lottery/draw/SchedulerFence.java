package dev.yantra.lottery.draw;

/**
 * Proof of holding the draw-scheduler lease: its name, owner and epoch as acquired. Every scheduler move checks
 * it through {@link #SQL} (locking the lease row FOR SHARE, so a takeover waits for a move in flight and a move
 * after a takeover finds 0 rows).
 */
public record SchedulerFence(String name, String owner, long epoch) {
    /** Use inside {@code EXISTS (...)} with params :leaseName, :owner, :epoch. */
    static final String SQL = """
            SELECT 1 FROM leader_leases l WHERE l.name = :leaseName AND l.lease_owner = :owner
               AND l.lease_epoch = :epoch AND l.lease_expires_at > now() FOR SHARE""";
}
