package dev.yantra.walletjobs;

import dev.yantra.cli.Table;
import dev.yantra.jobs.AdminQueue;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** pending_wallet_jobs as an {@link AdminQueue}: the existing {@link JobQueue} overrides, same output as before. */
public final class WalletAdminQueue implements AdminQueue {
    private final JobQueue queue;

    public WalletAdminQueue(JobQueue queue) {
        this.queue = queue;
    }

    @Override
    public String name() {
        return "wallet";
    }

    @Override
    public boolean holds(UUID jobId) {
        return queue.holds(jobId);
    }

    private List<PendingWalletJob> jobs(ListFilter f) {
        return queue.list(new JobQueue.Filter(f.stuckOnly(), f.includeCompleted(), f.counterparty(),
                JobsAdminController.endpoint(f.endpoint()), f.limit()));
    }

    @Override
    public List<Map<String, Object>> list(ListFilter f) {
        List<PendingWalletJob> jobs = jobs(f);
        Map<UUID, String> waits = queue.waits(jobs);
        return jobs.stream().map(j -> {
            Map<String, Object> m = j.toJson();
            m.put("waitingFor", waits.get(j.id()));
            return m;
        }).toList();
    }

    @Override
    public void printTable(List<Map<String, Object>> rows, PrintStream out) {
        Table t = Table.of("ID", "ENDPOINT", "OPERATOR", "ATTEMPTS", "STUCK", "STATE", "NEXT ATTEMPT", "WAITING FOR", "LAST ERROR")
                .rightAligned("ATTEMPTS");
        for (Map<String, Object> j : rows) {
            t.row(j.get("id"), j.get("endpoint"), j.get("operatorId"), j.get("attempts"),
                    Boolean.TRUE.equals(j.get("needsAttention")) ? "yes" : "", state(j), text(j.get("nextAttemptAt")),
                    text(j.get("waitingFor")), text(j.get("lastError")));
        }
        t.print(out);
    }

    /** The STATE column of any queue: the completion once completed, RUNNING while leased, else WAITING. */
    static String state(Map<String, Object> j) {
        return j.get("completedAt") != null ? String.valueOf(j.get("completion")) : j.get("lockedBy") != null ? "RUNNING" : "WAITING";
    }

    static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    @Override
    public Outcome retryNow(UUID jobId, String changedBy) {
        return outcome(queue.retryNow(jobId, changedBy));
    }

    @Override
    public Outcome completeManually(UUID jobId, String reason, boolean nothingMoved, String changedBy) {
        return outcome(queue.completeManually(jobId, reason, nothingMoved, changedBy));
    }

    private static Outcome outcome(JobQueue.Manual m) {
        return new Outcome(JobsAdminController.manual(m), JobsAdminController.message(m));
    }
}
