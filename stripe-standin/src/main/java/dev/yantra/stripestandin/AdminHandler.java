package dev.yantra.stripestandin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The stand-in's control panel, unauthenticated (it listens on loopback; it is a test peer): what the customer
 * and the card network would do, faults, and what was sent.
 * <ul>
 *   <li>{@code GET|POST /admin/faults} — JSON {@link Faults} fields, {@code "clear": true}</li>
 *   <li>{@code POST /admin/payment_intents/{id}/authenticate} {@code {"succeed": true|false}} — the customer
 *       passes or fails 3-D Secure</li>
 *   <li>{@code POST /admin/payment_intents/{id}/expire} — the hold lapses uncaptured</li>
 *   <li>{@code POST /admin/refunds/{id}/fail} — the refund comes back</li>
 *   <li>{@code GET /admin/payment_intents} — every PaymentIntent, for money checks</li>
 *   <li>{@code GET /admin/deliveries} — every webhook attempt</li>
 *   <li>{@code GET|POST /admin/webhook} {@code {"url", "secrets": [..], "enabledEvents": [..]}} — the endpoint,
 *       its one or two signing secrets (rotation) and the event types it receives ({@code *} for all)</li>
 * </ul>
 * Errors are {@code {"error": {"type", "code"?, "message"}}} like the API's.
 */
final class AdminHandler {
    private final StripeStandin standin;

    AdminHandler(StripeStandin standin) {
        this.standin = standin;
    }

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                answer(ex);
            } catch (StripeError e) {
                Http.json(ex, e.status, e.body());
            } catch (IllegalArgumentException e) {
                Http.json(ex, 400, Map.of("error", Map.of("type", "invalid_request_error", "message", e.getMessage())));
            } catch (RuntimeException e) {
                Http.json(ex, 500, StripeError.api(500, "The stand-in failed: " + e).body());
            }
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath().replaceAll("/+$", "");
        byte[] raw = Http.body(ex);
        Map<String, Object> body = raw == null || raw.length == 0 ? Map.of() : Json.object(raw);
        if (body == null) throw new IllegalArgumentException("the body must be a JSON object");
        String[] p = path.split("/");   // "", "admin", ...
        if (path.equals("/admin/faults") && method.equals("GET")) {
            Http.json(ex, 200, standin.faults().toJson());
        } else if (path.equals("/admin/faults") && method.equals("POST")) {
            Http.json(ex, 200, standin.changeFaults(body).toJson());
        } else if (path.equals("/admin/payment_intents") && method.equals("GET")) {
            Http.json(ex, 200, Map.of("data", standin.payments().allIntents()));
        } else if (p.length == 5 && p[2].equals("payment_intents") && p[4].equals("authenticate") && method.equals("POST")) {
            if (!(body.get("succeed") instanceof Boolean succeed)) throw new IllegalArgumentException("the body must be {\"succeed\": true|false}");
            Http.json(ex, 200, standin.payments().authenticate(p[3], succeed));
        } else if (p.length == 5 && p[2].equals("payment_intents") && p[4].equals("expire") && method.equals("POST")) {
            Http.json(ex, 200, standin.payments().expire(p[3]));
        } else if (p.length == 5 && p[2].equals("refunds") && p[4].equals("fail") && method.equals("POST")) {
            Http.json(ex, 200, standin.payments().failRefund(p[3]));
        } else if (path.equals("/admin/deliveries") && method.equals("GET")) {
            Http.json(ex, 200, Map.of("data", standin.deliveries().stream().map(d -> Map.of("eventId", d.eventId(), "type", d.type(),
                    "attempt", d.attempt(), "status", d.status(), "error", String.valueOf(d.error()), "at", d.at().toString())).toList()));
        } else if (path.equals("/admin/webhook") && method.equals("GET")) {
            Http.json(ex, 200, webhookJson());
        } else if (path.equals("/admin/webhook") && method.equals("POST")) {
            standin.changeWebhook(body);
            Http.json(ex, 200, webhookJson());
        } else {
            throw StripeError.unrecognizedUrl(method, path);
        }
    }

    /** The endpoint without its secrets: only how many are in force. */
    private Map<String, Object> webhookJson() {
        WebhookSender.Endpoint e = standin.webhookEndpoint();
        return Map.of("url", String.valueOf(e.url()), "secrets", e.secrets().size(), "enabledEvents", List.copyOf(e.enabledEvents()));
    }
}
