package dev.yantra.lottery.reconcile;

import dev.yantra.lottery.money.LotteryAmount;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Card payments as the payments room keeps them: one {@code payments} row per PaymentIntent, with the status
 * last read from Stripe and the captured and refunded amounts in cents. The hold's state from the status:
 * {@code requires_capture} held, {@code succeeded} captured, {@code canceled} released — or lapsed, when the
 * payments room flagged the row with "hold lapsed" (a hold found expired at capture); a payment-method error
 * with nothing held is failed; everything before capture is still authorizing.
 */
final class PaymentsTable implements CardPaymentSource {
    private final JdbcClient jdbc;

    PaymentsTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(UUID playId, String status, long capturedMinor, long refundedMinor, String lastErrorCode, String attentionReason) {
    }

    @Override
    public Map<UUID, CardPayment> forPlays(Collection<UUID> cardPlayIds) {
        Map<UUID, CardPayment> out = new HashMap<>();
        if (cardPlayIds.isEmpty()) return out;
        for (Row r : jdbc.sql("""
                        SELECT play_id, status, captured_minor, refunded_minor, last_error_code, attention_reason FROM payments
                         WHERE kind = 'PLAY' AND play_id = ANY (CAST(string_to_array(?, ',') AS uuid[]))""")
                .param(PlayFactsQuery.join(cardPlayIds)).query(Row.class).list()) {
            out.put(r.playId(), new CardPayment(hold(r.status(), r.capturedMinor(), r.lastErrorCode(), r.attentionReason()),
                    Math.multiplyExact(r.capturedMinor(), LotteryAmount.MICRO_PER_CENT),
                    Math.multiplyExact(r.refundedMinor(), LotteryAmount.MICRO_PER_CENT)));
        }
        return out;
    }

    static CardPayment.Hold hold(String status, long capturedMinor, String lastErrorCode, String attentionReason) {
        return switch (status) {
            case "requires_capture" -> CardPayment.Hold.HELD;
            case "succeeded" -> CardPayment.Hold.CAPTURED;
            case "canceled" -> capturedMinor == 0 && attentionReason != null && attentionReason.contains("lapsed")
                    ? CardPayment.Hold.EXPIRED_UNCAPTURED : CardPayment.Hold.CANCELLED;
            case "requires_payment_method" -> lastErrorCode != null ? CardPayment.Hold.FAILED : CardPayment.Hold.AUTHORIZING;
            default -> CardPayment.Hold.AUTHORIZING;   // creating, requires_confirmation, requires_action, processing
        };
    }
}
