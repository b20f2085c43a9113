package dev.yantra.wallet;

import java.sql.Types;
import dev.yantra.db.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one place that writes wallet_calls: one row per call and per retry, never updated.
 *
 * <p>Group commit: {@link #record} returns only once its row is written, but rows recorded by concurrent
 * callers while a write is under way go out together in the next multi-row INSERT (the caller that finds no
 * write under way becomes the writer for everything queued). One caller alone pays one statement, as before;
 * 64 concurrent callers pay a handful. The row count of every INSERT is checked; a failed batch is retried row
 * by row, so one bad row cannot lose the others' journal.
 */
final class WalletCallJournal {
    private static final Logger log = LoggerFactory.getLogger(WalletCallJournal.class);
    static final int MAX_BODY_CHARS = 16_000;
    static final int MAX_BATCH = 200;
    private static final String COLUMNS = """
            INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid,
                   reference_transaction_uuid, amount_micro, currency, player_ref, bet_id, round_id, job_id,
                   request_body, response_body, status, response_status, latency_ms, attempt, succeeded, kid)
            VALUES """;
    private static final String ONE_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A row waiting to be written; the writer sets {@code failure} when this row could not be. */
    private static final class Pending {
        final List<Object> values;
        RuntimeException failure;

        Pending(List<Object> values) {
            this.values = values;
        }
    }

    private final JdbcClient jdbc;
    private final GroupCommit<Pending> writes = new GroupCommit<>(MAX_BATCH, this::write);

    WalletCallJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the row (with any that queued up meanwhile); throws when this row could not be written. */
    void record(WalletResponse r, String requestBody, String responseBody) {
        Pending me = new Pending(values(r, requestBody, responseBody));
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // a caller inside a transaction writes its own row on its own connection, as before; it must neither
            // wait on another thread nor carry other callers' rows into a transaction that might roll back
            insert(List.of(me));
            return;
        }
        writes.submit(me);
        if (me.failure != null) throw me.failure;
    }

    private void write(List<Pending> batch) {
        try {
            insert(batch);
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().failure = e;
                return;
            }
            log.warn("wallet_calls batch of {} failed ({}); writing row by row", batch.size(), e.getMessage());
        }
        for (Pending p : batch) {
            try {
                insert(List.of(p));
            } catch (RuntimeException e) {
                p.failure = e;
            }
        }
    }

    private void insert(List<Pending> batch) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        List<Object> params = new ArrayList<>(batch.size() * 20);
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? ONE_ROW : ", " + ONE_ROW);
            params.addAll(batch.get(i).values);
        }
        int rows = jdbc.sql(sql.toString()).params(params).update();
        if (rows != batch.size()) throw new IllegalStateException("wallet_calls insert of " + batch.size() + " rows wrote " + rows);
    }

    /** SQL types of the 20 columns, so a null binds without the driver asking the server for the parameter type. */
    private static final int[] TYPES = {Types.OTHER, Types.OTHER, Types.VARCHAR, Types.OTHER, Types.OTHER, Types.OTHER,
            Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.BOOLEAN, Types.VARCHAR};

    private static List<Object> values(WalletResponse r, String requestBody, String responseBody) {
        List<Object> raw = rawValues(r, requestBody, responseBody);
        List<Object> v = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) v.add(raw.get(i) == null ? new SqlParameterValue(TYPES[i], null) : raw.get(i));
        return v;
    }

    private static List<Object> rawValues(WalletResponse r, String requestBody, String responseBody) {
        WalletRequest q = r.request();
        List<Object> v = new ArrayList<>(20);
        v.add(UUID.randomUUID());
        v.add(q.operatorId());
        v.add(q.endpoint().name());
        v.add(q.requestUuid());
        v.add(q.transactionUuid());
        v.add(q.referenceTransactionUuid());
        v.add(q.amountMicro());
        v.add(q.currency());
        v.add(q.playerRef());
        v.add(q.betId());
        v.add(q.roundId());
        v.add(q.jobId());
        v.add(clip(requestBody));
        v.add(clip(responseBody));
        v.add(r.status());
        v.add(r.httpStatus());
        v.add((int) Math.min(Integer.MAX_VALUE, r.latencyMs()));
        v.add(q.attempt());
        v.add(r.succeeded());
        v.add(r.kid());
        return v;
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_BODY_CHARS ? s : s.substring(0, MAX_BODY_CHARS) + "...[clipped]";
    }
}
