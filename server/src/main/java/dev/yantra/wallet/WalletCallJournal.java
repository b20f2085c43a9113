package dev.yantra.wallet;

import dev.yantra.counterparty.CallJournal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * wallet_calls through the shared {@link CallJournal}: one row per call and per retry, never updated. This class
 * only says which columns the wallet's table has and where each value comes from.
 */
final class WalletCallJournal {
    static final int MAX_BODY_CHARS = CallJournal.MAX_BODY_CHARS;

    /** One journaled wallet call: the classified answer and the bodies as sent and received. */
    record Row(WalletResponse response, String requestBody, String responseBody) {
    }

    private static final List<String> COLUMNS = List.of("id", "operator_id", "endpoint", "request_uuid", "transaction_uuid",
            "reference_transaction_uuid", "amount_micro", "currency", "player_ref", "bet_id", "round_id", "job_id",
            "request_body", "response_body", "status", "response_status", "latency_ms", "attempt", "succeeded", "kid");
    private static final int[] TYPES = {Types.OTHER, Types.OTHER, Types.VARCHAR, Types.OTHER, Types.OTHER, Types.OTHER,
            Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.BOOLEAN, Types.VARCHAR};

    private final CallJournal<Row> journal;

    WalletCallJournal(JdbcClient jdbc) {
        this.journal = new CallJournal<>(jdbc, new CallJournal.Columns<>("wallet_calls", COLUMNS, TYPES, WalletCallJournal::values));
    }

    /** Writes the row (with any that queued up meanwhile); throws when this row could not be written. */
    void record(WalletResponse r, String requestBody, String responseBody) {
        journal.record(new Row(r, requestBody, responseBody));
    }

    /** The row as an INSERT the caller runs inside a statement of its own (CallJournal.Insert). */
    CallJournal.Insert insertOf(WalletResponse r, String requestBody, String responseBody) {
        return journal.insertOf(new Row(r, requestBody, responseBody));
    }

    private static List<Object> values(Row row) {
        WalletResponse r = row.response();
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
        v.add(CallJournal.clip(row.requestBody()));
        v.add(CallJournal.clip(row.responseBody()));
        v.add(r.status());
        v.add(r.httpStatus());
        v.add((int) Math.min(Integer.MAX_VALUE, r.latencyMs()));
        v.add(q.attempt());
        v.add(r.succeeded());
        v.add(r.kid());
        return v;
    }
}
