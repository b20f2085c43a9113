package dev.yantra.stripestandin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in's money: PaymentIntents, their charges and refunds, and the state machine Stripe applies to them,
 * raising the events Stripe raises. One lock guards everything (every operation is a few map updates), so an
 * operation and the events it raises are atomic and in order.
 */
final class Payments {
    static final Set<String> CANCELABLE = Set.of("requires_payment_method", "requires_confirmation", "requires_action", "requires_capture", "processing");
    private static final Set<String> CANCELLATION_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned");
    private static final Set<String> REFUND_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");
    private static final long MAX_AMOUNT = 99_999_999;

    private final Map<String, PaymentIntent> intents = new LinkedHashMap<>();
    private final Map<String, Charge> charges = new LinkedHashMap<>();
    private final Map<String, Refund> refunds = new LinkedHashMap<>();
    private final Events events;
    private final Clock clock;
    private final String authenticateBase;

    /** @param authenticateBase where the customer "authenticates" a 3-D Secure payment (the admin API) */
    Payments(Events events, Clock clock, String authenticateBase) {
        this.events = events;
        this.clock = clock;
        this.authenticateBase = authenticateBase;
    }

    synchronized Map<String, Object> create(Form f, Events.Cause cause) {
        f.required("amount");
        long amount = positiveAmount(f.integer("amount"), "amount");
        String currency = currency(f.required("currency"));
        String captureMethod = f.string("capture_method") == null ? "automatic_async" : f.string("capture_method");
        if (!Set.of("automatic", "automatic_async", "manual").contains(captureMethod)) {
            throw StripeError.invalidParam("capture_method", "parameter_invalid_string", "Invalid capture_method: must be one of automatic, automatic_async, or manual");
        }
        boolean confirm = f.bool("confirm");
        String pm = f.string("payment_method");
        if (pm != null) TestPaymentMethods.lookup(pm);
        PaymentIntent pi = new PaymentIntent(Ids.next("pi"), amount, currency, captureMethod, now());
        applyMetadata(pi.metadata, metadata(f));
        pi.description = f.string("description");
        pi.paymentMethod = pm;
        pi.status = pm == null ? "requires_payment_method" : "requires_confirmation";
        intents.put(pi.id, pi);
        events.raise("payment_intent.created", pi.toJson(), null, cause, now());
        if (confirm) confirm(pi, pm, f.string("return_url"), cause);
        return pi.toJson();
    }

    synchronized Map<String, Object> update(String id, Form f) {
        PaymentIntent pi = intent(id);
        applyMetadata(pi.metadata, metadata(f));
        if (f.has("description")) pi.description = f.string("description");
        return pi.toJson();
    }

    synchronized Map<String, Object> retrieve(String id) {
        return intent(id).toJson();
    }

    synchronized Map<String, Object> confirm(String id, Form f, Events.Cause cause) {
        PaymentIntent pi = intent(id);
        confirm(pi, f.string("payment_method"), f.string("return_url"), cause);
        return pi.toJson();
    }

    /** The customer's answer to a 3-D Secure challenge ({@code POST /admin/payment_intents/{id}/authenticate}). */
    synchronized Map<String, Object> authenticate(String id, boolean succeed) {
        PaymentIntent pi = intent(id);
        if (!pi.status.equals("requires_action")) {
            throw StripeError.unexpectedState("payment_intent_unexpected_state",
                    "PaymentIntent " + id + " has status " + pi.status + "; only one in requires_action can be authenticated.", null);
        }
        pi.nextAction = null;
        if (succeed) {
            authorize(pi, pi.paymentMethod, TestPaymentMethods.lookup(pi.paymentMethod), Events.Cause.AUTOMATIC);
        } else {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("type", "invalid_request_error");
            err.put("code", "payment_intent_authentication_failure");
            err.put("doc_url", "https://stripe.com/docs/error-codes/payment-intent-authentication-failure");
            err.put("message", "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.");
            err.put("payment_method", TestPaymentMethods.object(pi.paymentMethod, TestPaymentMethods.lookup(pi.paymentMethod), now()));
            pi.lastPaymentError = err;
            pi.paymentMethod = null;
            pi.status = "requires_payment_method";
            events.raise("payment_intent.payment_failed", pi.toJson(), null, Events.Cause.AUTOMATIC, now());
        }
        return pi.toJson();
    }

    synchronized Map<String, Object> capture(String id, Form f, Events.Cause cause) {
        PaymentIntent pi = intent(id);
        if (!pi.status.equals("requires_capture")) {
            throw StripeError.unexpectedState("payment_intent_unexpected_state", "This PaymentIntent could not be captured because it has a status of "
                    + pi.status + ". Only a PaymentIntent with one of the following statuses may be captured: requires_capture.", pi.toJson());
        }
        Long requested = f.integer("amount_to_capture");
        long amount = requested == null ? pi.amountCapturable : positiveAmount(requested, "amount_to_capture");
        if (amount > pi.amountCapturable) {
            throw StripeError.invalidParam("amount_to_capture", "amount_too_large",
                    "The amount_to_capture (" + amount + ") must be less than or equal to the amount_capturable (" + pi.amountCapturable + ").");
        }
        applyMetadata(pi.metadata, metadata(f));
        Charge ch = charges.get(pi.latestCharge);
        ch.captured = true;
        ch.amountCaptured = amount;
        ch.amountRefunded = ch.amount - amount;   // Stripe releases what a partial capture leaves
        pi.amountReceived = amount;
        pi.amountCapturable = 0;
        pi.heldAt = null;
        pi.status = "succeeded";
        events.raise("charge.captured", ch.toJson(), null, cause, now());
        events.raise("payment_intent.succeeded", pi.toJson(), null, cause, now());
        return pi.toJson();
    }

    synchronized Map<String, Object> cancel(String id, Form f, Events.Cause cause) {
        PaymentIntent pi = intent(id);
        String reason = f.string("cancellation_reason");
        if (reason != null && !CANCELLATION_REASONS.contains(reason)) {
            throw StripeError.invalidParam("cancellation_reason", "parameter_invalid_string", "Invalid cancellation_reason: must be one of " + CANCELLATION_REASONS);
        }
        if (!CANCELABLE.contains(pi.status)) {
            throw StripeError.unexpectedState("payment_intent_unexpected_state", "You cannot cancel this PaymentIntent because it has a status of "
                    + pi.status + ". Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.", pi.toJson());
        }
        release(pi, reason, cause);
        return pi.toJson();
    }

    /** An uncaptured hold lapses, as a card authorization does after about seven days: canceled, reason {@code automatic}. */
    synchronized Map<String, Object> expire(String id) {
        PaymentIntent pi = intent(id);
        if (!pi.status.equals("requires_capture")) {
            throw StripeError.unexpectedState("payment_intent_unexpected_state",
                    "PaymentIntent " + id + " has status " + pi.status + "; only a hold (requires_capture) can expire.", null);
        }
        Charge ch = charges.get(pi.latestCharge);
        release(pi, "automatic", Events.Cause.AUTOMATIC);
        events.raise("charge.expired", ch.toJson(), null, Events.Cause.AUTOMATIC, now());
        return pi.toJson();
    }

    /** Expires every hold placed at least {@code lifetime} ago; returns how many. */
    synchronized int expireHolds(Duration lifetime) {
        long cutoff = now() - lifetime.toSeconds();
        List<String> due = new ArrayList<>();
        intents.values().forEach(pi -> {
            if (pi.status.equals("requires_capture") && pi.heldAt != null && pi.heldAt <= cutoff) due.add(pi.id);
        });
        due.forEach(this::expire);
        return due.size();
    }

    synchronized Map<String, Object> refund(Form f, Events.Cause cause) {
        String chargeId = f.string("charge");
        String piId = f.string("payment_intent");
        if (chargeId == null && piId == null) throw StripeError.missingParam("payment_intent");
        Charge ch;
        if (chargeId != null) {
            ch = charges.get(chargeId);
            if (ch == null) throw StripeError.noSuch("charge", "charge", chargeId);
        } else {
            PaymentIntent pi = intents.get(piId);
            if (pi == null) throw StripeError.noSuch("payment_intent", "payment_intent", piId);
            ch = pi.latestCharge == null ? null : charges.get(pi.latestCharge);
            if (ch == null || !ch.captured) {
                throw StripeError.unexpectedState("payment_intent_unexpected_state", "This PaymentIntent (" + piId
                        + ") does not have a successful charge to refund. A hold that was not captured is released by canceling the PaymentIntent.", pi.toJson());
            }
        }
        if (!ch.captured) {
            throw StripeError.unexpectedState("charge_not_captured", "Charge " + ch.id + " has not been captured; cancel its PaymentIntent to release the hold.", null);
        }
        long refundable = ch.amount - ch.amountRefunded;
        if (refundable <= 0) throw StripeError.unexpectedState("charge_already_refunded", "Charge " + ch.id + " has already been refunded.", null);
        Long requested = f.integer("amount");
        long amount = requested == null ? refundable : positiveAmount(requested, "amount");
        if (amount > refundable) {
            throw StripeError.invalidParam("amount", "amount_too_large",
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + refundable + ")");
        }
        String reason = f.string("reason");
        if (reason != null && !REFUND_REASONS.contains(reason)) {
            throw StripeError.invalidParam("reason", "parameter_invalid_string", "Invalid reason: must be one of " + REFUND_REASONS);
        }
        Refund r = new Refund(Ids.next("re"), amount, ch, reason, now());
        r.metadata.putAll(metadata(f));
        refunds.put(r.id, r);
        ch.amountRefunded += amount;
        events.raise("refund.created", r.toJson(), null, cause, now());
        events.raise("charge.refunded", ch.toJson(), null, cause, now());
        return r.toJson();
    }

    /** A refund the card network sends back ({@code POST /admin/refunds/{id}/fail}): the money is the merchant's again. */
    synchronized Map<String, Object> failRefund(String id) {
        Refund r = refunds.get(id);
        if (r == null) throw StripeError.noSuch("refund", "id", id);
        if (!r.status.equals("succeeded")) {
            throw StripeError.unexpectedState("refund_unexpected_state", "Refund " + id + " has status " + r.status + "; only a succeeded one can fail.", null);
        }
        r.status = "failed";
        r.failureReason = "expired_or_canceled_card";
        charges.get(r.charge).amountRefunded -= r.amount;
        events.raise("refund.updated", r.toJson(), Map.of("status", "succeeded"), Events.Cause.AUTOMATIC, now());
        events.raise("refund.failed", r.toJson(), null, Events.Cause.AUTOMATIC, now());
        return r.toJson();
    }

    synchronized Map<String, Object> refundJson(String id) {
        Refund r = refunds.get(id);
        if (r == null) throw StripeError.noSuch("refund", "id", id);
        return r.toJson();
    }

    synchronized Map<String, Object> chargeJson(String id) {
        Charge c = charges.get(id);
        if (c == null) throw StripeError.noSuch("charge", "id", id);
        return c.toJson();
    }

    synchronized List<Map<String, Object>> allIntents() {
        return intents.values().stream().map(PaymentIntent::toJson).toList();
    }

    private void confirm(PaymentIntent pi, String pmParam, String returnUrl, Events.Cause cause) {
        if (!pi.status.equals("requires_payment_method") && !pi.status.equals("requires_confirmation")) {
            throw StripeError.unexpectedState("payment_intent_unexpected_state", "This PaymentIntent's status is " + pi.status
                    + ". It can only be confirmed in requires_payment_method or requires_confirmation.", pi.toJson());
        }
        String pm = pmParam != null ? pmParam : pi.paymentMethod;
        if (pm == null) {
            throw StripeError.unexpectedState("payment_intent_unexpected_state",
                    "You cannot confirm this PaymentIntent because it's missing a payment method. Update it with a payment_method, or confirm with one.", pi.toJson());
        }
        TestPaymentMethods.Outcome card = TestPaymentMethods.lookup(pm);
        pi.paymentMethod = pm;
        switch (card.kind()) {
            case SUCCEEDS -> authorize(pi, pm, card, cause);
            case DECLINED -> decline(pi, pm, card, cause);
            case REQUIRES_AUTHENTICATION -> {
                pi.status = "requires_action";
                pi.lastPaymentError = null;
                pi.nextAction = nextAction(pi, returnUrl);
                events.raise("payment_intent.requires_action", pi.toJson(), null, cause, now());
            }
        }
    }

    private void authorize(PaymentIntent pi, String pm, TestPaymentMethods.Outcome card, Events.Cause cause) {
        Charge ch = new Charge(Ids.next("ch"), pi, pm, card, now(), "succeeded", null, null);
        charges.put(ch.id, ch);
        pi.latestCharge = ch.id;
        pi.lastPaymentError = null;
        pi.nextAction = null;
        if (pi.manualCapture()) {
            pi.status = "requires_capture";
            pi.amountCapturable = pi.amount;
            pi.heldAt = now();
            events.raise("charge.succeeded", ch.toJson(), null, cause, now());
            events.raise("payment_intent.amount_capturable_updated", pi.toJson(), null, cause, now());
        } else {
            ch.captured = true;
            ch.amountCaptured = pi.amount;
            pi.status = "succeeded";
            pi.amountReceived = pi.amount;
            events.raise("charge.succeeded", ch.toJson(), null, cause, now());
            events.raise("payment_intent.succeeded", pi.toJson(), null, cause, now());
        }
    }

    /** Records the failed attempt as Stripe does (a failed charge, the PaymentIntent back to requires_payment_method), then answers 402. */
    private void decline(PaymentIntent pi, String pm, TestPaymentMethods.Outcome card, Events.Cause cause) {
        Charge ch = new Charge(Ids.next("ch"), pi, pm, card, now(), "failed", card.code(), card.message());
        charges.put(ch.id, ch);
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("type", "card_error");
        err.put("code", card.code());
        if (card.declineCode() != null) err.put("decline_code", card.declineCode());
        err.put("doc_url", "https://stripe.com/docs/error-codes/" + card.code().replace('_', '-'));
        err.put("message", card.message());
        err.put("charge", ch.id);
        err.put("payment_method", TestPaymentMethods.object(pm, card, now()));
        pi.lastPaymentError = err;
        pi.latestCharge = ch.id;
        pi.paymentMethod = null;
        pi.status = "requires_payment_method";
        events.raise("charge.failed", ch.toJson(), null, cause, now());
        events.raise("payment_intent.payment_failed", pi.toJson(), null, cause, now());
        throw StripeError.card(card.code(), card.declineCode(), card.message(), ch.id, pi.toJson());
    }

    private void release(PaymentIntent pi, String reason, Events.Cause cause) {
        if (pi.status.equals("requires_capture")) {
            Charge ch = charges.get(pi.latestCharge);
            ch.amountRefunded = ch.amount;   // the released hold shows on the charge as refunded, as on Stripe
        }
        pi.status = "canceled";
        pi.cancellationReason = reason;
        pi.canceledAt = now();
        pi.amountCapturable = 0;
        pi.heldAt = null;
        pi.nextAction = null;
        events.raise("payment_intent.canceled", pi.toJson(), null, cause, now());
    }

    private Map<String, Object> nextAction(PaymentIntent pi, String returnUrl) {
        String url = authenticateBase + "/payment_intents/" + pi.id + "/authenticate";
        Map<String, Object> m = new LinkedHashMap<>();
        if (returnUrl != null) {
            m.put("type", "redirect_to_url");
            m.put("redirect_to_url", Map.of("url", url, "return_url", returnUrl));
        } else {
            m.put("type", "use_stripe_sdk");
            m.put("use_stripe_sdk", Map.of("type", "three_d_secure_redirect", "stripe_js", url, "source", Ids.next("src")));
        }
        return m;
    }

    private PaymentIntent intent(String id) {
        PaymentIntent pi = intents.get(id);
        if (pi == null) throw StripeError.noSuch("payment_intent", "intent", id);
        return pi;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static long positiveAmount(Long v, String param) {
        if (v == null || v < 1) throw StripeError.invalidParam(param, "amount_too_small", "This value must be greater than or equal to 1.");
        if (v > MAX_AMOUNT) throw StripeError.invalidParam(param, "amount_too_large", "Amount must be no more than " + MAX_AMOUNT);
        return v;
    }

    private static String currency(String v) {
        String c = v.toLowerCase(Locale.ROOT);
        try {
            Currency.getInstance(c.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw StripeError.invalidParam("currency", "parameter_invalid_string", "Invalid currency: " + v + ".");
        }
        return c;
    }

    private static Map<String, String> metadata(Form f) {
        Map<String, String> m = f.map("metadata");
        if (m.size() > 50) throw StripeError.invalidParam("metadata", "parameter_invalid_string", "metadata may have at most 50 keys");
        m.forEach((k, v) -> {
            if (k.length() > 40 || v.length() > 500) {
                throw StripeError.invalidParam("metadata[" + k + "]", "parameter_invalid_string", "metadata keys are at most 40 characters, values at most 500");
            }
        });
        return m;
    }

    private static void applyMetadata(Map<String, String> target, Map<String, String> changes) {
        changes.forEach((k, v) -> {
            if (v.isEmpty()) target.remove(k);
            else target.put(k, v);
        });
    }
}
