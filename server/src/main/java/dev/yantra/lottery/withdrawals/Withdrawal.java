package dev.yantra.lottery.withdrawals;

import dev.yantra.lottery.money.LotteryAmount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One row of withdrawals; {@link #toJson} is the wire form (camelCase, amounts as decimals like plays). */
public record Withdrawal(UUID id, UUID requestId, UUID userId, String currency, long amountMicro, String destination,
                         WithdrawalState state, String decidedBy, Instant decidedAt, String reason, String paidBy,
                         Instant paidAt, String paymentReference, Instant createdAt, Instant updatedAt) {

    /** The player's view: what they asked for and where it stands (no admin names). */
    public Map<String, Object> toPlayerJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("withdrawalId", id.toString());
        m.put("requestId", requestId.toString());
        m.put("userId", userId.toString());
        m.put("amount", LotteryAmount.toDecimal(amountMicro));
        m.put("currency", currency);
        m.put("destination", destination);
        m.put("status", state.wire());
        if (reason != null) m.put("reason", reason);
        if (paidAt != null) m.put("paidAt", paidAt.toString());
        m.put("createdAt", createdAt.toString());
        m.put("updatedAt", updatedAt.toString());
        return m;
    }

    /** The admin's view: the player's plus who decided and paid, and the transfer's reference. */
    public Map<String, Object> toAdminJson() {
        Map<String, Object> m = toPlayerJson();
        m.put("decidedBy", decidedBy);
        m.put("decidedAt", decidedAt == null ? null : decidedAt.toString());
        m.put("paidBy", paidBy);
        m.put("paymentReference", paymentReference);
        return m;
    }

    static Withdrawal map(ResultSet rs, int row) throws SQLException {
        return new Withdrawal(rs.getObject("id", UUID.class), rs.getObject("request_id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getString("currency"), rs.getLong("amount_micro"),
                rs.getString("destination"), WithdrawalState.fromWire(rs.getString("status")).orElseThrow(),
                rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")), rs.getString("reason"),
                rs.getString("paid_by"), instant(rs.getTimestamp("paid_at")), rs.getString("payment_reference"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
