package dev.yantra.stripestandin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer in Stripe's error shape, {@code {"error": {type, code, message, param?, decline_code?, payment_intent?,
 * charge?}}}, thrown from deep inside an operation and turned into the HTTP reply by the API handler.
 * The types are Stripe's: {@code invalid_request_error} (400/404), {@code card_error} (402), {@code
 * idempotency_error} (400), {@code api_error} (500/503); an unauthenticated call is a 401 without a code, as Stripe
 * answers it.
 */
final class StripeError extends RuntimeException {
    final int status;
    final Map<String, Object> error = new LinkedHashMap<>();
    /** Whether a repeat with the same idempotency key replays this answer (false: validation failed before work). */
    final boolean replayable;

    private StripeError(int status, String type, String code, String message, boolean replayable) {
        super(message);
        this.status = status;
        this.replayable = replayable;
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", message);
    }

    static StripeError invalidParam(String param, String code, String message) {
        StripeError e = new StripeError(400, "invalid_request_error", code, message, false);
        if (param != null) e.error.put("param", param);
        return e;
    }

    static StripeError missingParam(String param) {
        return invalidParam(param, "parameter_missing", "Missing required param: " + param + ".");
    }

    static StripeError unknownParam(String param) {
        return invalidParam(param, "parameter_unknown", "Received unknown parameter: " + param);
    }

    static StripeError noSuch(String kind, String param, String id) {
        StripeError e = new StripeError(404, "invalid_request_error", "resource_missing", "No such " + kind + ": '" + id + "'", true);
        if (param != null) e.error.put("param", param);
        return e;
    }

    /** An operation the object's state does not allow (capture a canceled PaymentIntent, refund twice, ...). */
    static StripeError unexpectedState(String code, String message, Map<String, Object> paymentIntent) {
        StripeError e = new StripeError(400, "invalid_request_error", code, message, true);
        if (paymentIntent != null) e.error.put("payment_intent", paymentIntent);
        return e;
    }

    static StripeError card(String code, String declineCode, String message, String chargeId, Map<String, Object> paymentIntent) {
        StripeError e = new StripeError(402, "card_error", code, message, true);
        if (declineCode != null) e.error.put("decline_code", declineCode);
        if (chargeId != null) e.error.put("charge", chargeId);
        e.error.put("payment_intent", paymentIntent);
        return e;
    }

    static StripeError idempotency(String message) {
        return new StripeError(400, "idempotency_error", null, message, false);
    }

    static StripeError unauthorized(String message) {
        return new StripeError(401, "invalid_request_error", null, message, false);
    }

    static StripeError unrecognizedUrl(String method, String path) {
        return new StripeError(404, "invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path + ").", false);
    }

    static StripeError api(int status, String message) {
        return new StripeError(status, "api_error", null, message, false);
    }

    Map<String, Object> body() {
        return Map.of("error", error);
    }
}
