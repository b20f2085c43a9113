package dev.yantra.wallet;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one place that writes wallet_calls: one row per call and per retry, never updated. */
final class WalletCallJournal {
    static final int MAX_BODY_CHARS = 16_000;
    private final JdbcClient jdbc;

    WalletCallJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(WalletResponse r, String requestBody, String responseBody) {
        WalletRequest q = r.request();
        int rows = jdbc.sql("""
                        INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid,
                               reference_transaction_uuid, amount_micro, currency, player_ref, bet_id, round_id, job_id,
                               request_body, response_body, status, response_status, latency_ms, attempt, succeeded, kid)
                        VALUES (:id, :op, :ep, :req, :tx, :ref, :amt, :cur, :player, :bet, :round, :job,
                                :reqBody, :respBody, :status, :http, :latency, :attempt, :ok, :kid)""")
                .param("id", UUID.randomUUID())
                .param("op", q.operatorId())
                .param("ep", q.endpoint().name())
                .param("req", q.requestUuid())
                .param("tx", q.transactionUuid())
                .param("ref", q.referenceTransactionUuid())
                .param("amt", q.amountMicro())
                .param("cur", q.currency())
                .param("player", q.playerRef())
                .param("bet", q.betId())
                .param("round", q.roundId())
                .param("job", q.jobId())
                .param("reqBody", clip(requestBody))
                .param("respBody", clip(responseBody))
                .param("status", r.status())
                .param("http", r.httpStatus())
                .param("latency", (int) Math.min(Integer.MAX_VALUE, r.latencyMs()))
                .param("attempt", q.attempt())
                .param("ok", r.succeeded())
                .param("kid", r.kid())
                .update();
        if (rows != 1) throw new IllegalStateException("wallet_calls insert wrote " + rows + " rows");
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_BODY_CHARS ? s : s.substring(0, MAX_BODY_CHARS) + "...[clipped]";
    }
}
