package dev.yantra.lottery.forwarding;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.breaker.CounterpartyKind;
import dev.yantra.config.NodeClock;
import dev.yantra.config.NotFoundException;
import dev.yantra.jobs.AdminQueue;
import dev.yantra.jobs.JobTable;
import dev.yantra.jobs.JobWaits;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.lottery.plays.ForwardingJobs;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import dev.yantra.breaker.RecordedBreakers;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * pending_banca_jobs as an {@link AdminQueue}: the same listing, retry-now and complete-by-hand as the wallet
 * queue, through the same {@link JobTable} SQL. Completing a banca job by hand means "stop forwarding this play":
 * a play still pending (queued, or awaiting the banca's webhook) ends {@code failed} and its money is released in
 * the same transaction (PlayStore.move), and its other open jobs are closed; a play the banca already settled is
 * left as it is. If the banca did register the ticket after all, reconciliation reports the difference.
 */
public final class BancaJobQueue implements AdminQueue {
    public static final String TABLE = "pending_banca_jobs";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JobTable<BancaJobRow> table;
    private final PlayStore plays;
    private final AdminAudit audit;
    private volatile Runnable onRetry = () -> { };

    public BancaJobQueue(JdbcClient jdbc, TransactionTemplate tx, PlayStore plays, AdminAudit audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.plays = plays;
        this.audit = audit;
        this.table = new JobTable<>(TABLE, "banca_id", "BANCA", jdbc, tx, BancaJobRow::map);
    }

    /** For tools without a node (the CLI): its own play store over a throw-away meter registry. */
    public static BancaJobQueue standalone(JdbcClient jdbc, TransactionTemplate tx, PlayStore.CardMoney cardMoney) {
        AdminAudit audit = new AdminAudit(jdbc);
        PlayStore plays = new PlayStore(jdbc, new dev.yantra.lottery.ledger.PlayerLedger(jdbc, audit, NodeClock.system()),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), cardMoney);
        return new BancaJobQueue(jdbc, tx, plays, audit);
    }

    /** The runner's wake-up, so a job made due is tried at once. */
    public BancaJobQueue onRetry(Runnable r) {
        this.onRetry = r;
        return this;
    }

    @Override
    public String name() {
        return "banca";
    }

    @Override
    public boolean holds(UUID jobId) {
        return table.holds(jobId);
    }

    @Override
    public List<Map<String, Object>> list(ListFilter f) {
        String kind = kind(f.endpoint());
        List<BancaJobRow> jobs = kind == null
                ? table.list(f.stuckOnly(), f.includeCompleted(), f.counterparty(), null, List.of(), f.limit())
                : table.list(f.stuckOnly(), f.includeCompleted(), f.counterparty(), "kind = ?", List.of(kind), f.limit());
        boolean anyOpen = jobs.stream().anyMatch(j -> j.completedAt() == null);
        Instant now = anyOpen ? JobWaits.now(jdbc) : null;
        Map<UUID, String> blocked = anyOpen ? RecordedBreakers.open(jdbc, CounterpartyKind.BANCA) : Map.of();
        Map<UUID, String> playStatus = new LinkedHashMap<>();
        if (!jobs.isEmpty()) {
            jdbc.sql("SELECT id, status FROM plays WHERE id = ANY (?)")
                    .param(jobs.stream().map(BancaJobRow::playId).distinct().toArray(UUID[]::new))
                    .query(rs -> {
                        playStatus.put(rs.getObject(1, UUID.class), rs.getString(2));
                    });
        }
        return jobs.stream().map(j -> {
            Map<String, Object> m = j.toJson();
            m.put("playStatus", playStatus.get(j.playId()));
            m.put("waitingFor", j.completedAt() != null ? null
                    : JobWaits.why(j.lockedBy(), j.lockedUntil(), j.nextAttemptAt(), j.attempts(), j.createdAt(), now, blocked.get(j.bancaId())));
            return m;
        }).toList();
    }

    static String kind(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) return null;
        String k = endpoint.trim().toUpperCase(Locale.ROOT);
        if (!k.equals("REGISTER") && !k.equals("STATUS")) {
            throw new IllegalArgumentException("a banca job's kind is REGISTER or STATUS, was '" + endpoint + "'");
        }
        return k;
    }

    @Override
    public void printTable(List<Map<String, Object>> rows, PrintStream out) {
        Table t = Table.of("ID", "KIND", "BANCA", "PLAY", "PLAY STATUS", "ATTEMPTS", "STUCK", "STATE", "NEXT ATTEMPT",
                "WAITING FOR", "LAST ERROR").rightAligned("ATTEMPTS");
        for (Map<String, Object> j : rows) {
            String state = j.get("completedAt") != null ? String.valueOf(j.get("completion")) : j.get("lockedBy") != null ? "RUNNING" : "WAITING";
            t.row(j.get("id"), j.get("kind"), j.get("bancaId"), j.get("playId"), text(j.get("playStatus")), j.get("attempts"),
                    Boolean.TRUE.equals(j.get("needsAttention")) ? "yes" : "", state, text(j.get("nextAttemptAt")),
                    text(j.get("waitingFor")), text(j.get("lastError")));
        }
        t.print(out);
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private BancaJobRow find(UUID id) {
        return jdbc.sql("SELECT * FROM pending_banca_jobs WHERE id = ?").param(id).query(BancaJobRow::map).optional()
                .orElseThrow(() -> new NotFoundException("no pending banca job " + id));
    }

    @Override
    public Outcome retryNow(UUID jobId, String changedBy) {
        Outcome o = Objects.requireNonNull(tx.execute(s -> {
            int rows = table.makeDue(jobId);
            BancaJobRow job = find(jobId);
            if (rows == 0) return alreadyCompleted(job);
            audit.record(changedBy, "job.retry", TABLE + ":" + jobId, "next_attempt_at deferred, attempts=" + job.attempts(), "due now", null);
            return new Outcome(json("DONE", job, null, null, null), "job " + jobId + " updated: due now");
        }));
        onRetry.run();
        return o;
    }

    @Override
    public Outcome completeManually(UUID jobId, String reason, boolean nothingMoved, String changedBy) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a reason is required");
        if (nothingMoved) throw new IllegalArgumentException("--nothing-moved is for wallet ROLLBACK jobs; a banca job has no such choice");
        return Objects.requireNonNull(tx.execute(s -> {
            int rows = table.completeByHand(jobId, changedBy, reason);
            BancaJobRow job = find(jobId);
            if (rows == 0) return alreadyCompleted(job);
            PlayRow play = plays.lock(job.playId()).orElseThrow(() -> new IllegalStateException("job " + jobId + " names no play"));
            PlayState from = play.state();
            PlayState to = from;
            PlayTransitions t = switch (from) {
                case QUEUED -> PlayTransitions.FORWARDING_FAILED;
                case AWAITING_WEBHOOK -> PlayTransitions.CONFIRMATION_FAILED;
                default -> null;   // settled by the banca (or never paid): nothing owed to the player here
            };
            if (t != null) {
                if (!plays.move(play, t, "forwarding completed by hand: " + reason, PlayStore.BancaIds.NONE)) {
                    throw new IllegalStateException("locked play " + play.id() + " moved under its lock");
                }
                to = t.to();
                ForwardingJobs.closeOpen(jdbc, play.id(), "MANUAL", changedBy, reason);
            }
            audit.record(changedBy, "job.complete", TABLE + ":" + jobId,
                    "open " + job.kind() + " attempts=" + job.attempts() + " last_error=" + job.lastError(),
                    "MANUAL; play " + play.id() + " " + from + " -> " + to, reason);
            BancaJobRow after = find(jobId);
            return new Outcome(json("DONE", after, play.id(), from, to),
                    "job " + jobId + " updated; play " + play.id() + " " + from + " -> " + to
                            + (t == null ? "" : " (its money released)"));
        }));
    }

    private static Outcome alreadyCompleted(BancaJobRow job) {
        return new Outcome(json("ALREADY_COMPLETED", job, null, null, null), "job " + job.id() + " was already completed ("
                + job.completion() + " at " + job.completedAt() + "); nothing changed");
    }

    private static Map<String, Object> json(String result, BancaJobRow job, UUID playId, PlayState from, PlayState to) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", result);
        out.put("queue", "banca");
        out.put("job", job.toJson());
        if (playId != null) {
            out.put("playId", playId.toString());
            out.put("playFrom", from.name());
            out.put("playTo", to.name());
        }
        return out;
    }
}
