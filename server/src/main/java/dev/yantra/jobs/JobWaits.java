package dev.yantra.jobs;

import dev.yantra.breaker.RecordedBreakers;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Why an open job of any queue is not being tried right now, in words: a node holds its lease (a try is running), its
 * counterparty's breaker is open (the runners leave it alone, whatever next_attempt_at says), a backoff after a failed
 * try, or nothing — it is due and waits for a runner. Read from the database with the database's clock. Each queue
 * feeds it its own rows and breakers ({@code walletjobs.WalletJobWaits}, {@code lottery.forwarding.BancaJobQueue}).
 */
public final class JobWaits {
    /** Due for longer than this and still unclaimed: say that no runner seems to be taking it. */
    static final Duration UNCLAIMED = Duration.ofMinutes(1);

    private JobWaits() {
    }

    /** The database's clock, which leases and backoffs are written in. */
    public static Instant now(JdbcClient jdbc) {
        return jdbc.sql("SELECT now()").query(java.sql.Timestamp.class).single().toInstant();
    }

    /**
     * Why an open job of any queue waits, from its queue columns; {@code breaker} is why its counterparty's
     * breaker refuses calls (RecordedBreakers), or null.
     */
    public static String why(String lockedBy, Instant lockedUntil, Instant nextAttemptAt, int attempts, Instant createdAt,
                             Instant now, String breaker) {
        if (lockedBy != null && lockedUntil != null && lockedUntil.isAfter(now)) {
            return "leased by " + lockedBy + " until " + RecordedBreakers.at(lockedUntil) + " (a try is running)";
        }
        if (breaker != null) return breaker + ": no try until it closes";
        if (nextAttemptAt != null && nextAttemptAt.isAfter(now)) {
            return "backoff until " + RecordedBreakers.at(nextAttemptAt) + " (after " + attempts + " attempt(s))";
        }
        if (lockedBy != null) return "lease of " + lockedBy + " expired at " + RecordedBreakers.at(lockedUntil) + ": due again";
        Instant due = nextAttemptAt == null ? createdAt : nextAttemptAt;
        if (due != null && Duration.between(due, now).compareTo(UNCLAIMED) > 0) {
            return "due since " + RecordedBreakers.at(due) + ", unclaimed: is a node's job runner up?";
        }
        return "due now";
    }
}
