package dev.yantra.lottery.forwarding;

import dev.yantra.jobs.QueuedJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A whole row of pending_banca_jobs, for the admin tools (the runner needs only {@link BancaJob}). */
record BancaJobRow(UUID id, UUID bancaId, UUID playId, String kind, int attempts, String lastError, boolean needsAttention,
                   Instant nextAttemptAt, String lockedBy, Instant lockedUntil, long version, Instant createdAt,
                   Instant completedAt, String completion, String completedBy, String completionReason, String resultStatus)
        implements QueuedJob {

    @Override
    public String counterpartyId() {
        return bancaId.toString();
    }

    static BancaJobRow map(ResultSet rs, int n) throws SQLException {
        return new BancaJobRow(rs.getObject("id", UUID.class), rs.getObject("banca_id", UUID.class), rs.getObject("play_id", UUID.class),
                rs.getString("kind"), rs.getInt("attempts"), rs.getString("last_error"), rs.getBoolean("needs_attention"),
                instant(rs.getTimestamp("next_attempt_at")), rs.getString("locked_by"), instant(rs.getTimestamp("locked_until")),
                rs.getLong("version"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("completed_at")),
                rs.getString("completion"), rs.getString("completed_by"), rs.getString("completion_reason"), rs.getString("result_status"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("queue", "banca");
        m.put("bancaId", bancaId.toString());
        m.put("playId", playId.toString());
        m.put("kind", kind);
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
