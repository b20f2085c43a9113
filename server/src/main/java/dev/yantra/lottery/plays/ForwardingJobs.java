package dev.yantra.lottery.plays;

import dev.yantra.db.Rows;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of pending_banca_jobs that are not the runner's own bookkeeping (that is jobs.JobTable): opening a
 * play's REGISTER job with the play, a STATUS job after a 202, and closing what is left open when something
 * else settled the play (the player's cancel, the webhook, the fail-safe). Always in the caller's transaction.
 */
public final class ForwardingJobs {
    private ForwardingJobs() {
    }

    public static void openRegister(JdbcClient jdbc, UUID bancaId, UUID playId) {
        int rows = jdbc.sql("INSERT INTO pending_banca_jobs (id, banca_id, play_id, kind) VALUES (?, ?, ?, 'REGISTER')")
                .params(UUID.randomUUID(), bancaId, playId).update();
        Rows.exactlyOne(rows, "forwarding job insert");
    }

    public static void openStatusCheck(JdbcClient jdbc, UUID bancaId, UUID playId, long delayMs) {
        int rows = jdbc.sql("""
                        INSERT INTO pending_banca_jobs (id, banca_id, play_id, kind, next_attempt_at)
                        VALUES (?, ?, ?, 'STATUS', now() + ? * interval '1 millisecond')""")
                .params(UUID.randomUUID(), bancaId, playId, delayMs).update();
        Rows.exactlyOne(rows, "status job insert");
    }

    /**
     * Completes the play's open jobs ({@code completion}: MANUAL, WEBHOOK, FAILSAFE). Rows another transaction
     * holds right now (a runner completing its try) are skipped rather than waited for — the caller already
     * holds the play's lock, so waiting could deadlock — and that try then finds the play settled.
     */
    public static int closeOpen(JdbcClient jdbc, UUID playId, String completion, String by, String reason) {
        return jdbc.sql("""
                        UPDATE pending_banca_jobs SET completed_at = now(), completion = ?, completed_by = ?, completion_reason = ?,
                               version = version + 1, locked_by = NULL, locked_until = NULL
                        WHERE id IN (SELECT id FROM pending_banca_jobs WHERE play_id = ? AND completed_at IS NULL
                                     FOR UPDATE SKIP LOCKED)""")
                .params(completion, by, reason, playId).update();
    }
}
