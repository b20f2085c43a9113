package dev.yantra.lottery.plays;

import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.play.PlayState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One row of plays as stored; {@link #toJson} is the player-facing (camelCase) form. */
public record PlayRow(UUID id, UUID requestId, String bodyHash, UUID userId, String lotteryId, UUID drawId, UUID bancaId,
                      String betType, List<String> numbers, String limitKey, long amountMicro, String currency,
                      String paymentMethod, long liabilityMicro, PlayState state, String statusReason, String playIdBanca,
                      String ticketCode, Instant forwardedAt, boolean needsAttention, Instant createdAt, Instant updatedAt,
                      String result, Long prizeAmountMicro, String prizeStatus, Long prizeTaxMicro) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("playId", id.toString());
        m.put("requestId", requestId.toString());
        m.put("status", state.wireStatus());
        m.put("ticketCode", ticketCode);
        m.put("playIdBanca", playIdBanca);
        m.put("userId", userId.toString());
        m.put("lotteryId", lotteryId);
        m.put("drawId", drawId.toString());
        m.put("bancaId", bancaId.toString());
        m.put("betType", betType);
        m.put("numbers", numbers);
        m.put("amount", LotteryAmount.toDecimal(amountMicro));
        m.put("currency", currency);
        m.put("payment", Map.of("method", paymentMethod));
        if (statusReason != null && !state.openToBanca()) m.put("reason", statusReason);
        if (result != null) {    // settled against the draw's result (see docs/lottery-hub.md, Results and prizes)
            m.put("result", result);
            m.put("prizeAmount", LotteryAmount.toDecimal(prizeAmountMicro == null ? 0 : prizeAmountMicro));
            m.put("prizeStatus", prizeStatus);
            // prizeAmount stays the gross prize (what the payout table gives); the tax withheld and what reaches the wallet
            long tax = prizeTaxMicro == null ? 0 : prizeTaxMicro;
            m.put("prizeTax", LotteryAmount.toDecimal(tax));
            m.put("prizeNet", LotteryAmount.toDecimal((prizeAmountMicro == null ? 0 : prizeAmountMicro) - tax));
        }
        m.put("createdAt", createdAt.toString());
        m.put("updatedAt", updatedAt.toString());
        return m;
    }

    static PlayRow map(ResultSet rs, int row) throws SQLException {
        java.sql.Timestamp forwarded = rs.getTimestamp("forwarded_at");
        return new PlayRow(rs.getObject("id", UUID.class), rs.getObject("request_id", UUID.class), rs.getString("body_hash"),
                rs.getObject("user_id", UUID.class), rs.getString("lottery_id"), rs.getObject("draw_id", UUID.class),
                rs.getObject("banca_id", UUID.class), rs.getString("bet_type"),
                List.copyOf(Arrays.asList((String[]) rs.getArray("numbers").getArray())), rs.getString("limit_key"),
                rs.getLong("amount_micro"), rs.getString("currency"), rs.getString("payment_method"), rs.getLong("liability_micro"),
                PlayState.fromDb(rs.getString("status")).orElseThrow(), rs.getString("status_reason"),
                rs.getString("play_id_banca"), rs.getString("ticket_code"), forwarded == null ? null : forwarded.toInstant(),
                rs.getBoolean("needs_attention"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("result"), rs.getObject("prize_amount_micro", Long.class), rs.getString("prize_status"),
                rs.getObject("prize_tax_micro", Long.class));
    }
}
