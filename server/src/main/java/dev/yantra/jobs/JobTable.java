package dev.yantra.jobs;

import dev.yantra.db.Rows;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue's state-changing SQL over any table with the queue columns (id, attempts, last_error,
 * needs_attention, next_attempt_at, locked_by, locked_until, version, completed_at, completion, completed_by,
 * result_status) and a counterparty column. Every write is guarded by the version the claim returned and its
 * row count checked: 0 = another node (or a human) won, the caller returns quietly; more than 1 = a bug.
 * Times are the database's {@code now()}, so nodes with skewed clocks still agree on leases.
 */
public final class JobTable<J extends QueuedJob> {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern COMPLETION = Pattern.compile("[A-Z_]{1,32}");

    private final String table;
    private final String counterpartyColumn;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RowMapper<J> mapper;
    private final String completion;

    /** A queue whose counterparty is an operator's wallet: completions are recorded as completion 'WALLET'. */
    public JobTable(String table, String counterpartyColumn, JdbcClient jdbc, TransactionTemplate tx, RowMapper<J> mapper) {
        this(table, counterpartyColumn, "WALLET", jdbc, tx, mapper);
    }

    /**
     * @param completion what the completion column records when a try finished the job ('WALLET', 'BANCA'): who
     *                   answered, as opposed to 'MANUAL' when a person completed it
     */
    public JobTable(String table, String counterpartyColumn, String completion, JdbcClient jdbc, TransactionTemplate tx,
                    RowMapper<J> mapper) {
        if (!COMPLETION.matcher(completion).matches()) throw new IllegalArgumentException("bad completion label " + completion);
        this.completion = completion;
        if (!IDENTIFIER.matcher(table).matches()) throw new IllegalArgumentException("bad table name " + table);
        if (!IDENTIFIER.matcher(counterpartyColumn).matches()) throw new IllegalArgumentException("bad column name " + counterpartyColumn);
        this.table = table;
        this.counterpartyColumn = counterpartyColumn;
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
    }

    public String table() {
        return table;
    }

    /**
     * Claims up to {@code limit} due jobs in one statement: not completed, due, not leased (or the lease
     * expired: its node died), not for a blocked counterparty. Lease owner, expiry and version are set in the
     * same UPDATE, so two nodes never hold one job.
     */
    public List<J> claim(String node, Duration lease, int limit, List<String> blockedCounterparties) {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        return jdbc.sql("""
                        UPDATE %1$s SET locked_by = :node, locked_until = now() + :leaseMs * interval '1 millisecond',
                               version = version + 1
                        WHERE id IN (SELECT id FROM %1$s
                                     WHERE completed_at IS NULL AND next_attempt_at <= now()
                                       AND (locked_until IS NULL OR locked_until < now())
                                       AND NOT (%2$s::text = ANY (:blocked))
                                     ORDER BY next_attempt_at
                                     FOR UPDATE SKIP LOCKED
                                     LIMIT :limit)
                        RETURNING *""".formatted(table, counterpartyColumn))
                .param("node", node)
                .param("leaseMs", lease.toMillis())
                .param("blocked", blockedCounterparties.toArray(new String[0]))
                .param("limit", limit)
                .query(mapper)
                .list();
    }

    /** Marks the job done and runs {@code alongside} in the same transaction; false when another won it. */
    public boolean complete(J job, String node, JobOutcome.Done done, Consumer<JdbcClient> alongside) {
        Boolean won = tx.execute(status -> {
            int rows = jdbc.sql("""
                            UPDATE %s SET completed_at = now(), completion = :completion, completed_by = :node,
                                   result_status = :result, attempts = attempts + 1, last_error = NULL,
                                   locked_by = NULL, locked_until = NULL, version = version + 1
                            WHERE id = :id AND version = :version AND completed_at IS NULL""".formatted(table))
                    .param("node", node).param("completion", completion).param("result", done.resultStatus())
                    .param("id", job.id()).param("version", job.version())
                    .update();
            if (!checked(rows, job.id())) return false;
            completeAgainIfBroken(List.of(job.id()), node);
            alongside.accept(jdbc);
            return true;
        });
        return Boolean.TRUE.equals(won);
    }

    /**
     * Completes many jobs in one transaction: one guarded UPDATE for all (each row only at the version its claim
     * read, and only if still open), then {@code alongside} with the jobs that won, in the same transaction.
     * Returns the ids that won; the others were taken over or completed elsewhere.
     */
    public java.util.Set<UUID> completeAll(List<J> jobs, List<JobOutcome.Done> dones, String node,
                                           java.util.function.BiConsumer<JdbcClient, List<Integer>> alongside) {
        if (jobs.size() != dones.size()) throw new IllegalArgumentException("jobs and outcomes differ in length");
        String[] ids = new String[jobs.size()];
        Long[] versions = new Long[jobs.size()];
        String[] results = new String[jobs.size()];
        java.util.Map<UUID, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            ids[i] = jobs.get(i).id().toString();
            versions[i] = jobs.get(i).version();
            results[i] = dones.get(i).resultStatus();
            if (index.put(jobs.get(i).id(), i) != null) throw new IllegalArgumentException("job " + jobs.get(i).id() + " twice in one batch");
        }
        java.util.Set<UUID> won = tx.execute(status -> {
            List<UUID> rows = jdbc.sql("""
                            UPDATE %s t SET completed_at = now(), completion = :completion, completed_by = :node,
                                   result_status = v.result, attempts = t.attempts + 1, last_error = NULL,
                                   locked_by = NULL, locked_until = NULL, version = t.version + 1
                            FROM unnest(CAST(:ids AS uuid[]), CAST(:versions AS bigint[]), CAST(:results AS text[]))
                                 AS v(id, version, result)
                            WHERE t.id = v.id AND t.version = v.version AND t.completed_at IS NULL
                            RETURNING t.id""".formatted(table))
                    .param("node", node).param("completion", completion).param("ids", ids).param("versions", versions).param("results", results)
                    .query(UUID.class).list();
            java.util.Set<UUID> out = new java.util.LinkedHashSet<>(rows);
            if (out.size() != rows.size() || !index.keySet().containsAll(out)) {
                throw new IllegalStateException("guarded completion of " + jobs.size() + " jobs changed rows " + rows);
            }
            List<Integer> wonIndexes = new java.util.ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) if (out.contains(jobs.get(i).id())) wonIndexes.add(i);
            completeAgainIfBroken(List.copyOf(out), node);
            if (!wonIndexes.isEmpty()) alongside.accept(jdbc, wonIndexes);
            return out;
        });
        return won == null ? java.util.Set.of() : won;
    }

    /**
     * A deliberately broken build (chaos harness only, YANTRA_TEST_BREAK=job-complete-twice): the completion is
     * written a second time without its guard, as a completion retried after its commit's answer was lost would be.
     */
    private void completeAgainIfBroken(List<UUID> ids, String node) {
        if (ids.isEmpty() || !dev.yantra.config.TestBreaks.on("job-complete-twice")) return;
        jdbc.sql("UPDATE %s SET completed_at = clock_timestamp(), completed_by = :node WHERE id = ANY(CAST(:ids AS uuid[]))".formatted(table))
                .param("node", node + " (again)").param("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).update();
    }

    /** A failed try: count it, say why, come back after {@code delayMs}. */
    public boolean retry(J job, String resultStatus, String error, long delayMs, boolean needsAttention) {
        int rows = jdbc.sql("""
                        UPDATE %s SET attempts = attempts + 1, last_error = :error, result_status = :result,
                               needs_attention = needs_attention OR :attention,
                               next_attempt_at = now() + :delayMs * interval '1 millisecond',
                               locked_by = NULL, locked_until = NULL, version = version + 1
                        WHERE id = :id AND version = :version AND completed_at IS NULL""".formatted(table))
                .param("error", clip(error)).param("result", resultStatus).param("attention", needsAttention)
                .param("delayMs", delayMs).param("id", job.id()).param("version", job.version())
                .update();
        return checked(rows, job.id());
    }

    /** No try was made: give the job back, due again after {@code delayMs}, attempts unchanged. */
    public boolean release(J job, long delayMs) {
        int rows = jdbc.sql("""
                        UPDATE %s SET locked_by = NULL, locked_until = NULL,
                               next_attempt_at = greatest(next_attempt_at, now() + :delayMs * interval '1 millisecond'),
                               version = version + 1
                        WHERE id = :id AND version = :version AND completed_at IS NULL""".formatted(table))
                .param("delayMs", delayMs).param("id", job.id()).param("version", job.version())
                .update();
        return checked(rows, job.id());
    }

    /** Drain: every open job this node still holds becomes claimable at once. Returns how many. */
    public int releaseAll(String node) {
        return jdbc.sql("""
                        UPDATE %s SET locked_by = NULL, locked_until = now(), version = version + 1
                        WHERE locked_by = :node AND completed_at IS NULL""".formatted(table))
                .param("node", node)
                .update();
    }

    /**
     * The playbooks' "retry now" on any queue: an open job becomes due at once (attempts unchanged). 1 when it was
     * open, 0 when it is completed or unknown — the caller tells those apart and writes the audit row.
     */
    public int makeDue(UUID id) {
        int rows = jdbc.sql("UPDATE %s SET next_attempt_at = now(), version = version + 1 WHERE id = ? AND completed_at IS NULL"
                        .formatted(table))
                .param(id).update();
        Rows.one(rows, "retry of job " + id);
        return rows;
    }

    /**
     * The playbooks' "mark completed" on any queue: completion 'MANUAL', who and why, the lease dropped (a try
     * still running loses its guarded completion and changes nothing). 1 when it was open, else 0.
     */
    public int completeByHand(UUID id, String by, String reason) {
        int rows = jdbc.sql("""
                        UPDATE %s SET completed_at = now(), completion = 'MANUAL', completed_by = :by,
                               completion_reason = :reason, locked_by = NULL, locked_until = NULL, version = version + 1
                        WHERE id = :id AND completed_at IS NULL""".formatted(table))
                .param("by", by).param("reason", reason).param("id", id).update();
        Rows.one(rows, "manual completion of job " + id);
        return rows;
    }

    /** Whether this queue has a job with this id (open or completed): how the admin tools find a job's queue. */
    public boolean holds(UUID id) {
        return jdbc.sql("SELECT count(*) FROM %s WHERE id = ?".formatted(table)).param(id).query(Long.class).single() > 0;
    }

    /**
     * The admin listing of any queue, oldest first: open jobs only unless {@code includeCompleted}, only flagged
     * ones if {@code stuckOnly}, one counterparty's if given, and {@code extraWhere} (a fixed SQL condition of the
     * caller's with its {@code extraParams}) for a queue's own filter (wallet endpoint, banca kind).
     */
    public List<J> list(boolean stuckOnly, boolean includeCompleted, UUID counterparty, String extraWhere, List<Object> extraParams,
                        int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM " + table + " WHERE true");
        List<Object> params = new java.util.ArrayList<>();
        if (!includeCompleted) sql.append(" AND completed_at IS NULL");
        if (stuckOnly) sql.append(" AND needs_attention");
        if (counterparty != null) {
            sql.append(" AND ").append(counterpartyColumn).append(" = ?");
            params.add(counterparty);
        }
        if (extraWhere != null) {
            sql.append(" AND (").append(extraWhere).append(')');
            params.addAll(extraParams);
        }
        int n = limit <= 0 ? 100 : Math.min(limit, 1000);
        sql.append(" ORDER BY created_at, id LIMIT ").append(n);
        return jdbc.sql(sql.toString()).params(params).query(mapper).list();
    }

    private static boolean checked(int rows, UUID id) {
        return Rows.one(rows, "job " + id);
    }

    private static String clip(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
