package dev.yantra.lottery.payments;

import dev.yantra.db.Rows;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads and writes of payments; the writes that settle money run in the caller's transaction. */
public final class PaymentStore {
    private static final Logger log = LoggerFactory.getLogger(PaymentStore.class);
    private static final int MAX_TEXT = 500;
    private final JdbcClient jdbc;

    public PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Payment> find(UUID id) {
        return jdbc.sql("SELECT * FROM payments WHERE id = ?").param(id).query(Payment::map).optional();
    }

    public Optional<Payment> findByPlay(UUID playId) {
        return jdbc.sql("SELECT * FROM payments WHERE play_id = ?").param(playId).query(Payment::map).optional();
    }

    public Optional<Payment> findByRequestId(UUID requestId) {
        return jdbc.sql("SELECT * FROM payments WHERE request_id = ?").param(requestId).query(Payment::map).optional();
    }

    public Optional<Payment> findByIntent(String paymentIntentId) {
        return jdbc.sql("SELECT * FROM payments WHERE payment_intent_id = ?").param(paymentIntentId).query(Payment::map).optional();
    }

    /**
     * Inside a transaction: the row, locked until it ends (webhook, queue and create path serialize on it). NO KEY
     * UPDATE, so a concurrent insert of a job that references the payment (a foreign key check) does not wait on it.
     */
    Optional<Payment> lock(UUID id) {
        return jdbc.sql("SELECT * FROM payments WHERE id = ? FOR NO KEY UPDATE").param(id).query(Payment::map).optional();
    }

    /** A new payment, status creating; false when its request id is already taken (a concurrent repeat). */
    boolean insert(UUID id, Payment.Kind kind, UUID playId, UUID requestId, String bodyHash, UUID userId, long amountMicro,
                   String currency, String captureMethod, String paymentMethodId) {
        return jdbc.sql("""
                        INSERT INTO payments (id, kind, play_id, request_id, body_hash, user_id, amount_micro, amount_minor, currency,
                                              capture_method, payment_method_id, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (request_id) DO NOTHING""")
                .params(id, kind.name(), playId, requestId, bodyHash, userId, amountMicro,
                        dev.yantra.lottery.money.LotteryAmount.toMinorUnits(amountMicro), currency, captureMethod, paymentMethodId,
                        Payment.CREATING)
                .update() == 1;
    }

    /** What the PaymentIntent says now; the client secret is kept once known. */
    void recordIntent(UUID id, IntentState s) {
        Rows.exactlyOne(jdbc.sql("""
                        UPDATE payments SET payment_intent_id = coalesce(payment_intent_id, ?), client_secret = coalesce(?, client_secret),
                               status = ?, next_action = ?, redirect_url = ?, amount_capturable_minor = ?,
                               captured_minor = greatest(captured_minor, ?),
                               last_error_code = coalesce(?, last_error_code), last_error_message = coalesce(?, last_error_message),
                               updated_at = now()
                        WHERE id = ?""")
                .params(s.id(), s.clientSecret(), s.status(), s.nextAction(), s.redirectUrl(), s.amountCapturableMinor(),
                        s.amountReceivedMinor(), s.errorCode(), clip(s.errorMessage()), id)
                .update(), "intent state of payment " + id);
    }

    void recordRefund(UUID id, String refundId, String refundStatus, long refundedMinor) {
        Rows.exactlyOne(jdbc.sql("""
                        UPDATE payments SET refund_id = coalesce(?, refund_id), refund_status = coalesce(?, refund_status),
                               refunded_minor = greatest(refunded_minor, ?), updated_at = now() WHERE id = ?""")
                .params(refundId, refundStatus, refundedMinor, id).update(), "refund state of payment " + id);
    }

    void markCredited(UUID id) {
        Rows.exactlyOne(jdbc.sql("UPDATE payments SET credited = true, updated_at = now() WHERE id = ?").param(id).update(), "credit mark of payment " + id);
    }

    /** A person should look at this payment (a capture failing after the banca confirmed, a lost hold, a failed refund). */
    void flag(UUID id, String why) {
        Rows.exactlyOne(jdbc.sql("UPDATE payments SET needs_attention = true, attention_reason = ?, updated_at = now() WHERE id = ?")
                .params(clip(why), id).update(), "attention flag of payment " + id);
        log.atError().addKeyValue("paymentId", id.toString()).log("payment_flagged {}: {}", id, why);
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
