package dev.yantra.stripestandin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The charge behind a PaymentIntent's attempt: {@code succeeded} (a hold while {@code captured} is false) or
 * {@code failed} (a decline). Mutable under {@link Payments}' lock.
 */
final class Charge {
    final String id;
    final String paymentIntent;
    final String paymentMethod;
    final TestPaymentMethods.Outcome card;
    final long amount;
    final String currency;
    final long created;
    final String status;
    final String failureCode;
    final String failureMessage;
    final Map<String, String> metadata = new LinkedHashMap<>();
    boolean captured;
    long amountCaptured;
    long amountRefunded;

    Charge(String id, PaymentIntent pi, String paymentMethod, TestPaymentMethods.Outcome card, long created,
           String status, String failureCode, String failureMessage) {
        this.id = id;
        this.paymentIntent = pi.id;
        this.paymentMethod = paymentMethod;
        this.card = card;
        this.amount = pi.amount;
        this.currency = pi.currency;
        this.created = created;
        this.status = status;
        this.failureCode = failureCode;
        this.failureMessage = failureMessage;
        this.metadata.putAll(pi.metadata);
    }

    Map<String, Object> toJson() {
        boolean failed = status.equals("failed");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "charge");
        m.put("amount", amount);
        m.put("amount_captured", amountCaptured);
        m.put("amount_refunded", amountRefunded);
        m.put("application", null);
        m.put("application_fee", null);
        m.put("application_fee_amount", null);
        m.put("balance_transaction", null);
        m.put("billing_details", billingDetails());
        m.put("calculated_statement_descriptor", "YANTRA DEMO");
        m.put("captured", captured);
        m.put("created", created);
        m.put("currency", currency);
        m.put("customer", null);
        m.put("description", null);
        m.put("disputed", false);
        m.put("failure_balance_transaction", null);
        m.put("failure_code", failureCode);
        m.put("failure_message", failureMessage);
        m.put("fraud_details", Map.of());
        m.put("livemode", false);
        m.put("metadata", new LinkedHashMap<>(metadata));
        m.put("on_behalf_of", null);
        m.put("outcome", outcome(failed));
        m.put("paid", !failed);
        m.put("payment_intent", paymentIntent);
        m.put("payment_method", paymentMethod);
        m.put("payment_method_details", Map.of("type", "card", "card", Map.of("brand", card.brand(), "last4", card.last4(),
                "exp_month", 12, "exp_year", 2034, "funding", "credit", "country", "US")));
        m.put("receipt_email", null);
        m.put("receipt_number", null);
        m.put("receipt_url", null);
        m.put("refunded", amountRefunded > 0 && amountRefunded == amount);
        m.put("review", null);
        m.put("shipping", null);
        m.put("source_transfer", null);
        m.put("statement_descriptor", null);
        m.put("statement_descriptor_suffix", null);
        m.put("status", status);
        m.put("transfer_data", null);
        m.put("transfer_group", null);
        return m;
    }

    private static Map<String, Object> billingDetails() {
        Map<String, Object> address = new LinkedHashMap<>();
        for (String k : new String[] {"city", "country", "line1", "line2", "postal_code", "state"}) address.put(k, null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", address);
        m.put("email", null);
        m.put("name", null);
        m.put("phone", null);
        m.put("tax_id", null);
        return m;
    }

    private Map<String, Object> outcome(boolean failed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network_status", failed ? "declined_by_network" : "approved_by_network");
        m.put("reason", failed ? card.declineCode() : null);
        m.put("risk_level", "normal");
        m.put("seller_message", failed ? "The bank did not return any further details with this decline." : "Payment complete.");
        m.put("type", failed ? "issuer_declined" : "authorized");
        return m;
    }
}
