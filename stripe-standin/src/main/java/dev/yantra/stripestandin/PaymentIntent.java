package dev.yantra.stripestandin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PaymentIntent's state. Mutable, and touched only under {@link Payments}' lock; {@link #toJson} takes the
 * snapshot that is answered or put in an event. Statuses are Stripe's: {@code requires_payment_method},
 * {@code requires_confirmation}, {@code requires_action}, {@code requires_capture}, {@code succeeded},
 * {@code canceled}.
 */
final class PaymentIntent {
    final String id;
    final long amount;
    final String currency;
    /** {@code manual}, {@code automatic} or {@code automatic_async} (Stripe's default; both capture at once). */
    final String captureMethod;
    final String clientSecret;
    final long created;
    final Map<String, String> metadata = new LinkedHashMap<>();
    String description;
    String paymentMethod;
    String status;
    long amountCapturable;
    long amountReceived;
    String latestCharge;
    Map<String, Object> lastPaymentError;
    Map<String, Object> nextAction;
    String cancellationReason;
    Long canceledAt;
    /** When the hold was placed (epoch seconds), for its expiry; null while there is no hold. */
    Long heldAt;

    PaymentIntent(String id, long amount, String currency, String captureMethod, long created) {
        this.id = id;
        this.amount = amount;
        this.currency = currency;
        this.captureMethod = captureMethod;
        this.clientSecret = id + "_secret_" + Ids.random(24);
        this.created = created;
    }

    boolean manualCapture() {
        return captureMethod.equals("manual");
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "payment_intent");
        m.put("amount", amount);
        m.put("amount_capturable", amountCapturable);
        m.put("amount_details", Map.of("tip", Map.of()));
        m.put("amount_received", amountReceived);
        m.put("application", null);
        m.put("application_fee_amount", null);
        m.put("automatic_payment_methods", null);
        m.put("canceled_at", canceledAt);
        m.put("cancellation_reason", cancellationReason);
        m.put("capture_method", captureMethod);
        m.put("client_secret", clientSecret);
        m.put("confirmation_method", "automatic");
        m.put("created", created);
        m.put("currency", currency);
        m.put("customer", null);
        m.put("description", description);
        m.put("excluded_payment_method_types", null);
        m.put("last_payment_error", lastPaymentError);
        m.put("latest_charge", latestCharge);
        m.put("livemode", false);
        m.put("metadata", new LinkedHashMap<>(metadata));
        m.put("next_action", nextAction);
        m.put("on_behalf_of", null);
        m.put("payment_method", paymentMethod);
        m.put("payment_method_configuration_details", null);
        m.put("payment_method_options", Map.of("card", cardOptions()));
        m.put("payment_method_types", List.of("card"));
        m.put("processing", null);
        m.put("receipt_email", null);
        m.put("review", null);
        m.put("setup_future_usage", null);
        m.put("shipping", null);
        m.put("statement_descriptor", null);
        m.put("statement_descriptor_suffix", null);
        m.put("status", status);
        m.put("transfer_data", null);
        m.put("transfer_group", null);
        return m;
    }

    private Map<String, Object> cardOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("installments", null);
        m.put("mandate_options", null);
        m.put("network", null);
        m.put("request_three_d_secure", "automatic");
        return m;
    }
}
