package dev.yantra.lottery.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.Webhook;
import dev.yantra.api.Json;
import dev.yantra.db.Rows;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /webhooks/stripe}. The signature is checked over the raw body with stripe-java's {@link Webhook}
 * ({@code Stripe-Signature}, 300 s tolerance; any of the header's {@code v1} values under any configured secret),
 * then the event is stored once by its id: a repeat of a handled event changes nothing, one whose handling
 * failed is handled again. Handling never trusts the event's copy of the object: the PaymentIntent (or the
 * charge, or the refund) is re-read from Stripe and applied by {@link PaymentSync}, so duplicates and any
 * order of arrival end in the same state. Answers: 200 handled or not ours, 400 bad signature or body, 500
 * when Stripe could not be re-read (Stripe delivers again).
 */
public final class StripeWebhook {
    private static final Logger log = LoggerFactory.getLogger(StripeWebhook.class);
    public static final String PATH = "/webhooks/stripe";
    public static final String SIGNATURE_HEADER = "Stripe-Signature";
    public static final long TOLERANCE_SECONDS = 300;
    static final Set<String> HANDLED = Set.of("payment_intent.amount_capturable_updated", "payment_intent.succeeded",
            "payment_intent.payment_failed", "payment_intent.canceled", "payment_intent.requires_action", "payment_intent.processing",
            "charge.refunded", "refund.created", "refund.updated", "refund.failed", "charge.refund.updated");
    static final List<String> OUTCOMES = List.of("applied", "duplicate", "ignored", "unknown_payment", "rejected_signature",
            "invalid", "failed", "not_configured");

    public record Reply(int status, String body) {
    }

    private final List<String> secrets;
    private final JdbcClient jdbc;
    private final PaymentStore payments;
    private final StripeGateway stripe;
    private final PaymentSync sync;
    private final MeterRegistry meters;

    public StripeWebhook(List<String> secrets, JdbcClient jdbc, PaymentStore payments, StripeGateway stripe, PaymentSync sync,
                         MeterRegistry meters) {
        this.secrets = List.copyOf(secrets);
        this.jdbc = jdbc;
        this.payments = payments;
        this.stripe = stripe;
        this.sync = sync;
        this.meters = meters;
        for (String o : OUTCOMES) meters.counter("stripe_webhook_requests", "outcome", o);
    }

    public Reply handle(String signature, byte[] raw) {
        if (secrets.isEmpty() || stripe == null) return answer("not_configured", 404, "not_found", "Stripe webhooks are not configured on this server");
        if (signature == null || signature.isBlank()) return answer("rejected_signature", 400, "missing_signature", "Stripe-Signature is required");
        String payload = new String(raw, StandardCharsets.UTF_8);
        if (!verified(payload, signature)) return answer("rejected_signature", 400, "invalid_signature", "the Stripe-Signature does not verify");
        JsonNode event;
        try {
            event = Json.parseObject(raw);
        } catch (RuntimeException e) {
            return answer("invalid", 400, "invalid_request", "the body is not a Stripe event");
        }
        String eventId = text(event, "id");
        String type = text(event, "type");
        JsonNode object = event.path("data").path("object");
        if (eventId == null || type == null || !object.isObject()) return answer("invalid", 400, "invalid_request", "the body is not a Stripe event");
        String objectType = text(object, "object");
        String intentId = "payment_intent".equals(objectType) ? text(object, "id") : text(object, "payment_intent");
        if (!store(eventId, type, text(event, "api_version"), intentId, payload)) return answer("duplicate", 200, null, null);
        if (!HANDLED.contains(type) || intentId == null) return finish(eventId, "ignored", null, 200);
        try {
            Optional<UUID> paymentId = paymentOf(intentId, object);
            if (paymentId.isEmpty()) return finish(eventId, "unknown_payment", null, 200);
            String failure = switch (objectType) {
                case "payment_intent" -> reread(paymentId.get(), intentId);
                case "charge" -> rereadCharge(paymentId.get(), intentId, text(object, "id"));
                case "refund" -> rereadRefund(paymentId.get(), intentId, text(object, "id"));
                default -> null;
            };
            if (failure != null) return finish(eventId, "failed", failure, 500);
            return finish(eventId, "applied", null, 200);
        } catch (RuntimeException e) {
            log.warn("stripe event {} ({}) not handled: {}", eventId, type, e.toString());
            return finish(eventId, "failed", e.toString(), 500);
        }
    }

    private boolean verified(String payload, String signature) {
        for (String secret : secrets) {
            try {
                Webhook.constructEvent(payload, signature, secret, TOLERANCE_SECONDS);
                return true;
            } catch (SignatureVerificationException e) {
                // try the other secret while one is being rolled
            } catch (RuntimeException e) {
                return false;   // verified, but not an event stripe-java can read: refused like a bad body
            }
        }
        return false;
    }

    /** Stores the event once; false when it was already handled (a repeat). A failed earlier try is handled again. */
    private boolean store(String eventId, String type, String apiVersion, String intentId, String payload) {
        int inserted = jdbc.sql("""
                        INSERT INTO stripe_events (event_id, type, api_version, payment_intent_id, payload, outcome)
                        VALUES (?, ?, ?, ?, ?, 'received') ON CONFLICT (event_id) DO NOTHING""")
                .params(eventId, type, apiVersion, intentId, payload).update();
        if (inserted == 1) return true;
        return jdbc.sql("""
                        UPDATE stripe_events SET attempts = attempts + 1, outcome = 'received'
                        WHERE event_id = ? AND outcome IN ('failed', 'received')""").param(eventId).update() == 1;
    }

    /** Ours when the PaymentIntent is recorded, or names one of our payments in its metadata (it may beat our own answer). */
    private Optional<UUID> paymentOf(String intentId, JsonNode object) {
        Optional<Payment> byIntent = payments.findByIntent(intentId);
        if (byIntent.isPresent()) return Optional.of(byIntent.get().id());
        String meta = text(object.path("metadata"), "paymentId");
        if (meta == null) return Optional.empty();
        try {
            return payments.find(UUID.fromString(meta)).map(Payment::id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String reread(UUID paymentId, String intentId) {
        StripeGateway.Result<PaymentIntent> r = stripe.retrieve(StripeGateway.Context.of(paymentId, null), intentId);
        if (!(r instanceof StripeGateway.Result.Ok<PaymentIntent> ok)) return "re-reading " + intentId + ": " + r;
        sync.apply(paymentId, IntentState.of(ok.value()));
        return null;
    }

    private String rereadCharge(UUID paymentId, String intentId, String chargeId) {
        if (chargeId == null) return null;
        StripeGateway.Result<Charge> r = stripe.retrieveCharge(StripeGateway.Context.of(paymentId, null), intentId, chargeId);
        if (!(r instanceof StripeGateway.Result.Ok<Charge> ok)) return "re-reading " + chargeId + ": " + r;
        long refunded = ok.value().getAmountRefunded() == null ? 0 : ok.value().getAmountRefunded();
        if (ok.value().getCaptured() != null && ok.value().getCaptured()) payments.recordRefund(paymentId, null, null, refunded);
        return null;
    }

    private String rereadRefund(UUID paymentId, String intentId, String refundId) {
        if (refundId == null) return null;
        StripeGateway.Result<Refund> r = stripe.retrieveRefund(StripeGateway.Context.of(paymentId, null), intentId, refundId);
        if (!(r instanceof StripeGateway.Result.Ok<Refund> ok)) return "re-reading " + refundId + ": " + r;
        Refund rf = ok.value();
        long amount = "succeeded".equals(rf.getStatus()) && rf.getAmount() != null ? rf.getAmount() : 0;
        payments.recordRefund(paymentId, rf.getId(), rf.getStatus(), amount);
        if ("failed".equals(rf.getStatus()) || "canceled".equals(rf.getStatus())) {
            payments.flag(paymentId, "refund " + rf.getId() + " " + rf.getStatus() + ": " + rf.getFailureReason());
        }
        return null;
    }

    private Reply finish(String eventId, String outcome, String error, int status) {
        Rows.exactlyOne(jdbc.sql("UPDATE stripe_events SET outcome = ?, error = ?, processed_at = now() WHERE event_id = ?")
                .params(outcome, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error, eventId).update(), "outcome of Stripe event " + eventId);
        return status == 200 ? answer(outcome, 200, null, null) : answer(outcome, status, "not_handled", "the event could not be handled now; deliver it again");
    }

    private Reply answer(String outcome, int status, String code, String message) {
        meters.counter("stripe_webhook_requests", "outcome", outcome).increment();
        String body = code == null ? Json.write(java.util.Map.of("received", true, "outcome", outcome)) : Json.error(code, message);
        return new Reply(status, body);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isString() ? null : v.stringValue();
    }
}
