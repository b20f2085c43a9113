package dev.yantra.stripestandin;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refund of (part of) a captured charge: {@code succeeded} at once, {@code failed} if the admin API says so. */
final class Refund {
    final String id;
    final long amount;
    final String charge;
    final String paymentIntent;
    final String currency;
    final String reason;
    final long created;
    final Map<String, String> metadata = new LinkedHashMap<>();
    String status = "succeeded";
    String failureReason;

    Refund(String id, long amount, Charge charge, String reason, long created) {
        this.id = id;
        this.amount = amount;
        this.charge = charge.id;
        this.paymentIntent = charge.paymentIntent;
        this.currency = charge.currency;
        this.reason = reason;
        this.created = created;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "refund");
        m.put("amount", amount);
        m.put("balance_transaction", null);
        m.put("charge", charge);
        m.put("created", created);
        m.put("currency", currency);
        m.put("destination_details", Map.of("type", "card", "card", Map.of("type", "refund")));
        if (failureReason != null) m.put("failure_reason", failureReason);
        m.put("metadata", new LinkedHashMap<>(metadata));
        m.put("payment_intent", paymentIntent);
        m.put("reason", reason);
        m.put("receipt_number", null);
        m.put("source_transfer_reversal", null);
        m.put("status", status);
        m.put("transfer_reversal", null);
        return m;
    }
}
