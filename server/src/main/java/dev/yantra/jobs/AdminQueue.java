package dev.yantra.jobs;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One durable queue as the admin tools see it ({@code yantra jobs}, {@code /v1/admin/jobs}): list its jobs with why
 * each waits, make one due now, complete one by hand — the playbooks' overrides, each audited. The wallet queue
 * (pending_wallet_jobs) and the banca queue (pending_banca_jobs) are two implementations over the same
 * {@link JobTable} SQL; what differs is what a manual completion does to the job's bet or play.
 */
public interface AdminQueue {
    /** The name used by {@code --queue} and {@code ?queue=}: "wallet", "banca". */
    String name();

    /** Whether a job with this id (open or completed) is in this queue. */
    boolean holds(UUID jobId);

    /**
     * @param counterparty an operator (wallet) or banca (banca) id, or null
     * @param endpoint     the queue's own job kind (WIN|ROLLBACK, REGISTER|STATUS), or null; a bad one is IllegalArgumentException
     */
    record ListFilter(boolean stuckOnly, boolean includeCompleted, UUID counterparty, String endpoint, int limit) {
    }

    /** The jobs as JSON objects, each with {@code waitingFor} (null once completed), oldest first. */
    List<Map<String, Object>> list(ListFilter filter);

    /** The CLI's table of {@link #list} rows, with the WAITING FOR and LAST ERROR columns. */
    void printTable(List<Map<String, Object>> rows, PrintStream out);

    /** The outcome of a manual action: its JSON (result DONE or ALREADY_COMPLETED, job, ...) and a sentence. */
    record Outcome(Map<String, Object> json, String message) {
    }

    /** Makes an open job due now; NotFoundException for an unknown id. */
    Outcome retryNow(UUID jobId, String changedBy);

    /** Completes a job by hand with a reason; what happens to its bet or play is the queue's (docs/lottery-hub.md). */
    Outcome completeManually(UUID jobId, String reason, boolean nothingMoved, String changedBy);
}
