package dev.yantra.walletjobs;

import dev.yantra.jobs.QueuedJob;

import dev.yantra.api.Json;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of pending_wallet_jobs: a WIN or ROLLBACK owed to an operator's wallet. */
public record PendingWalletJob(UUID id, UUID operatorId, WalletEndpoint endpoint, UUID betId, UUID roundId,
                               String playerRef, String currency, Long amountMicro, UUID requestUuid,
                               UUID transactionUuid, UUID referenceTransactionUuid, String gameCode, int attempts,
                               String lastError, boolean needsAttention, Instant nextAttemptAt, String lockedBy,
                               Instant lockedUntil, long version, Instant createdAt, Instant completedAt,
                               String completion, String completedBy, String completionReason, String resultStatus)
        implements QueuedJob {

    @Override
    public String counterpartyId() {
        return operatorId.toString();
    }

    public static PendingWalletJob map(ResultSet rs, int n) throws SQLException {
        String payload = rs.getString("payload");
        String gameCode = null;
        if (payload != null) {
            JsonNode p = Json.parse(payload);
            if (p != null && p.get("gameCode") != null && p.get("gameCode").isString()) gameCode = p.get("gameCode").asString();
        }
        long amount = rs.getLong("amount_micro");
        return new PendingWalletJob(rs.getObject("id", UUID.class), rs.getObject("operator_id", UUID.class),
                WalletEndpoint.valueOf(rs.getString("endpoint")), rs.getObject("bet_id", UUID.class),
                rs.getObject("round_id", UUID.class), rs.getString("player_ref"), rs.getString("currency"),
                rs.wasNull() ? null : amount, rs.getObject("request_uuid", UUID.class),
                rs.getObject("transaction_uuid", UUID.class), rs.getObject("reference_transaction_uuid", UUID.class),
                gameCode, rs.getInt("attempts"), rs.getString("last_error"), rs.getBoolean("needs_attention"),
                instant(rs, "next_attempt_at"), rs.getString("locked_by"), instant(rs, "locked_until"),
                rs.getLong("version"), instant(rs, "created_at"), instant(rs, "completed_at"), rs.getString("completion"),
                rs.getString("completed_by"), rs.getString("completion_reason"), rs.getString("result_status"));
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("operatorId", operatorId.toString());
        m.put("endpoint", endpoint.name());
        m.put("betId", betId == null ? null : betId.toString());
        m.put("roundId", roundId == null ? null : roundId.toString());
        m.put("playerRef", playerRef);
        m.put("currency", currency);
        m.put("amountMicro", amountMicro == null ? null : String.valueOf(amountMicro));
        m.put("requestUuid", requestUuid.toString());
        m.put("transactionUuid", transactionUuid.toString());
        m.put("referenceTransactionUuid", referenceTransactionUuid == null ? null : referenceTransactionUuid.toString());
        m.put("attempts", attempts);
        m.put("lastError", lastError);
        m.put("needsAttention", needsAttention);
        m.put("nextAttemptAt", str(nextAttemptAt));
        m.put("lockedBy", lockedBy);
        m.put("lockedUntil", str(lockedUntil));
        m.put("createdAt", str(createdAt));
        m.put("completedAt", str(completedAt));
        m.put("completion", completion);
        m.put("completedBy", completedBy);
        m.put("completionReason", completionReason);
        m.put("resultStatus", resultStatus);
        return m;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
