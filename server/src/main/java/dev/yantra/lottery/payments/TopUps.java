package dev.yantra.lottery.payments;

import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.lottery.money.InvalidAmountException;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.money.LotteryCurrency;
import dev.yantra.signing.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Wallet top-ups by card: the same flow as a card play with automatic capture. The payment row and its SYNC
 * job are written first, the PaymentIntent created after (idempotency key: the top-up id), and the ledger is
 * credited ({@code deposit}, key {@code topup:<id>}) only when the PaymentIntent has succeeded — whichever of
 * the webhook, the create answer or the queue's re-read reports it first. A repeated requestId with the same
 * body returns the same top-up.
 */
public final class TopUps {
    static final int MAX_BODY_BYTES = 4 * 1024;

    /** A top-up and whether this request created it. */
    public record Created(Payment topUp, boolean created) {
    }

    private final CardPayments cards;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PaymentStore payments;
    private final StripeGateway stripe;
    private final PaymentSync sync;
    private final long syncDelayMs;

    public TopUps(CardPayments cards, JdbcClient jdbc, TransactionTemplate tx, PaymentStore payments, StripeGateway stripe,
                  PaymentSync sync, long syncDelayMs) {
        this.cards = cards;
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.stripe = stripe;
        this.sync = sync;
        this.syncDelayMs = syncDelayMs;
    }

    public Created create(UUID userId, byte[] raw) {
        if (raw == null || raw.length == 0 || raw.length > MAX_BODY_BYTES) {
            throw new ApiException(400, "invalid_request", "a JSON body of at most " + MAX_BODY_BYTES + " bytes is required");
        }
        JsonNode b = Json.parseObject(raw);
        UUID requestId = uuid(b, "requestId");
        long amountMicro;
        try {
            amountMicro = LotteryAmount.parse(scalar(b.get("amount")));
        } catch (InvalidAmountException e) {
            throw new ApiException(400, InvalidAmountException.CODE, e.getMessage());
        }
        JsonNode c = b.get("currency");
        String currency = LotteryCurrency.fromWire(c == null || !c.isString() ? "" : c.stringValue()).map(LotteryCurrency::wire)
                .orElseThrow(() -> new ApiException(400, "invalid_currency", "currency must be DOP or USD"));
        JsonNode pm = b.get("paymentMethodId");
        String paymentMethodId = null;
        if (pm != null && !pm.isNull()) {
            if (!pm.isString() || !pm.stringValue().matches("pm_[A-Za-z0-9_]{1,250}")) {
                throw new ApiException(400, "invalid_payment", "paymentMethodId must be a Stripe PaymentMethod id (pm_...)");
            }
            paymentMethodId = pm.stringValue();
        }
        String hash = RequestSigner.sha256Hex(Json.canonical(b).getBytes(StandardCharsets.UTF_8));
        Created repeat = payments.findByRequestId(requestId).map(p -> sameOrConflict(userId, hash, p)).orElse(null);
        if (repeat != null) return repeat;
        cards.check(currency, amountMicro);
        UUID id = UUID.randomUUID();
        String method = paymentMethodId;
        Boolean inserted = tx.execute(s -> {
            if (!payments.insert(id, Payment.Kind.TOPUP, null, requestId, hash, userId, amountMicro, currency, "automatic", method)) return false;
            PaymentJobs.open(jdbc, id, null, PaymentJob.Kind.SYNC, syncDelayMs);
            return true;
        });
        if (!Boolean.TRUE.equals(inserted)) return sameOrConflict(userId, hash, payments.findByRequestId(requestId).orElseThrow());
        try {
            IntentCreation.createAndApply(stripe, sync, payments.find(id).orElseThrow(), StripeGateway.Context.of(id, null));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TopUps.class).warn("top-up {} not started now (the payment queue retries): {}", id, e.toString());
        }
        return new Created(payments.find(id).orElseThrow(), true);
    }

    public Payment find(UUID userId, UUID topUpId) {
        return payments.find(topUpId).filter(p -> p.kind() == Payment.Kind.TOPUP && p.userId().equals(userId))
                .orElseThrow(() -> new ApiException(404, "topup_not_found", "no top-up " + topUpId));
    }

    public List<Payment> list(UUID userId, int limit) {
        return jdbc.sql("SELECT * FROM payments WHERE user_id = ? AND kind = 'TOPUP' ORDER BY created_at DESC LIMIT ?")
                .params(userId, limit).query(Payment::map).list();
    }

    /** The player-facing form: {@code status} pending, succeeded (credited), failed or canceled. */
    public static Map<String, Object> toJson(Payment p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topupId", p.id().toString());
        m.put("requestId", p.requestId().toString());
        m.put("userId", p.userId().toString());
        m.put("amount", LotteryAmount.toDecimal(p.amountMicro()));
        m.put("currency", p.currency());
        m.put("status", p.credited() ? "succeeded" : "canceled".equals(p.status()) ? "canceled"
                : "create_refused".equals(p.status()) || (p.lastErrorCode() != null && "requires_payment_method".equals(p.status())) ? "failed"
                : "pending");
        m.put("credited", p.credited());
        m.put("payment", p.toJson());
        m.put("createdAt", p.createdAt().toString());
        m.put("updatedAt", p.updatedAt().toString());
        return m;
    }

    private static Created sameOrConflict(UUID userId, String hash, Payment existing) {
        if (existing.kind() != Payment.Kind.TOPUP || !existing.userId().equals(userId) || !hash.equals(existing.bodyHash())) {
            throw new ApiException(409, "idempotency_key_reused", "this requestId was already used for a different request");
        }
        return new Created(existing, false);
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isString()) return v.stringValue();
        if (v.isIntegralNumber()) return v.bigIntegerValue();
        if (v.isNumber()) return v.decimalValue();
        return v.toString();
    }

    private static UUID uuid(JsonNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || !v.isString()) throw new ApiException(400, "invalid_request", name + " (a UUID) is required");
        try {
            return UUID.fromString(v.stringValue());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", name + " must be a UUID");
        }
    }
}
