package dev.yantra.lottery.payments;

import dev.yantra.lottery.money.LotteryAmount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One row of payments: a card play's hold or a wallet top-up, with the PaymentIntent's state as last read. */
public record Payment(UUID id, Kind kind, UUID playId, UUID requestId, String bodyHash, UUID userId, long amountMicro,
                      long amountMinor, String currency, String captureMethod, String paymentMethodId, String paymentIntentId,
                      String clientSecret, String status, String nextAction, String redirectUrl, long amountCapturableMinor,
                      long capturedMinor, long refundedMinor, String refundId, String refundStatus, String lastErrorCode,
                      String lastErrorMessage, boolean credited, boolean needsAttention, String attentionReason,
                      Instant createdAt, Instant updatedAt) {
    public enum Kind { PLAY, TOPUP }

    /** Written before Stripe is called; the PaymentIntent's statuses follow. */
    public static final String CREATING = "creating";

    /**
     * The payment as its player sees it: the status, the PaymentIntent id, and — while the player still has to act
     * (confirm on the client, pass 3-D Secure) — the client secret and the next action.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("paymentIntentId", paymentIntentId);
        if (customerMustAct()) {
            m.put("clientSecret", clientSecret);
            if (nextAction != null) {
                Map<String, Object> na = new LinkedHashMap<>();
                na.put("type", nextAction);
                if (redirectUrl != null) na.put("redirectUrl", redirectUrl);
                m.put("nextAction", na);
            }
        }
        if (lastErrorCode != null) m.put("error", lastErrorCode);
        if (capturedMinor > 0) m.put("captured", LotteryAmount.toDecimal(capturedMinor * LotteryAmount.MICRO_PER_CENT));
        if (refundedMinor > 0) m.put("refunded", LotteryAmount.toDecimal(refundedMinor * LotteryAmount.MICRO_PER_CENT));
        return m;
    }

    /**
     * requires_payment_method / requires_confirmation / requires_action: the payment waits for the player. Not after
     * a decline: Stripe puts a declined PaymentIntent back to requires_payment_method, but its play has failed and is
     * never retried with another card, so handing out the client secret would only invite a payment nobody takes.
     */
    public boolean customerMustAct() {
        if (lastErrorCode != null) return false;
        return "requires_payment_method".equals(status) || "requires_confirmation".equals(status) || "requires_action".equals(status);
    }

    static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")), rs.getObject("play_id", UUID.class),
                rs.getObject("request_id", UUID.class), rs.getString("body_hash"), rs.getObject("user_id", UUID.class),
                rs.getLong("amount_micro"), rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("capture_method"),
                rs.getString("payment_method_id"), rs.getString("payment_intent_id"), rs.getString("client_secret"),
                rs.getString("status"), rs.getString("next_action"), rs.getString("redirect_url"),
                rs.getLong("amount_capturable_minor"), rs.getLong("captured_minor"), rs.getLong("refunded_minor"),
                rs.getString("refund_id"), rs.getString("refund_status"), rs.getString("last_error_code"),
                rs.getString("last_error_message"), rs.getBoolean("credited"), rs.getBoolean("needs_attention"),
                rs.getString("attention_reason"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
