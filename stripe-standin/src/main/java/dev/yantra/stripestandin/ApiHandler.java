package dev.yantra.stripestandin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stripe's {@code /v1} endpoints that stripe-java calls for Yantra: PaymentIntents (create, retrieve, update,
 * confirm, capture, cancel), refunds (create, retrieve), charges (retrieve) and events (retrieve, list). Every
 * call is authenticated ({@code Authorization: Bearer sk_test_...}; the publishable key may only retrieve or
 * confirm a PaymentIntent with its {@code client_secret}), carries {@code Request-Id} and {@code Stripe-Version},
 * and answers errors in Stripe's shape.
 */
final class ApiHandler {
    private static final Set<String> CREATE = Set.of("amount", "currency", "capture_method", "payment_method", "confirm", "metadata",
            "description", "payment_method_types", "automatic_payment_methods", "expand", "return_url", "receipt_email",
            "statement_descriptor", "statement_descriptor_suffix", "customer", "setup_future_usage", "off_session",
            "error_on_requires_action", "confirmation_method", "use_stripe_sdk", "payment_method_options");
    private static final Set<String> UPDATE = Set.of("metadata", "description", "expand");
    private static final Set<String> CONFIRM = Set.of("payment_method", "return_url", "expand", "off_session", "error_on_requires_action",
            "use_stripe_sdk", "payment_method_options", "client_secret", "receipt_email", "setup_future_usage");
    private static final Set<String> CAPTURE = Set.of("amount_to_capture", "expand", "metadata", "final_capture", "statement_descriptor", "statement_descriptor_suffix");
    private static final Set<String> CANCEL = Set.of("cancellation_reason", "expand");
    private static final Set<String> REFUND = Set.of("payment_intent", "charge", "amount", "reason", "metadata", "expand");
    private static final Set<String> RETRIEVE = Set.of("expand", "client_secret");

    private final Payments payments;
    private final Events events;
    private final Idempotency idempotency = new Idempotency();
    private final Supplier<Faults> faults;
    private final String apiVersion;
    private final String secretKey;
    private final String publishableKey;

    ApiHandler(Payments payments, Events events, Supplier<Faults> faults, String apiVersion, String secretKey, String publishableKey) {
        this.payments = payments;
        this.events = events;
        this.faults = faults;
        this.apiVersion = apiVersion;
        this.secretKey = secretKey;
        this.publishableKey = publishableKey;
    }

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String requestId = Ids.next("req");
            ex.getResponseHeaders().set("request-id", requestId);
            ex.getResponseHeaders().set("stripe-version", apiVersion);
            try {
                answer(ex, requestId);
            } catch (StripeError e) {
                Http.json(ex, e.status, e.body());
            } catch (RuntimeException e) {
                Http.json(ex, 500, StripeError.api(500, "The stand-in failed: " + e).body());
            }
        }
    }

    private void answer(HttpExchange ex, String requestId) throws IOException {
        Faults f = faults.get();
        if (f.down()) throw StripeError.api(503, "The Stripe stand-in is down (fault 'down').");
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        byte[] raw = Http.body(ex);
        if (raw == null) throw StripeError.invalidParam(null, "parameter_invalid_string", "The request body is larger than " + Http.MAX_BODY_BYTES + " bytes.");
        Form form = Form.parse(method.equals("GET") ? ex.getRequestURI().getRawQuery() : new String(raw, StandardCharsets.UTF_8));
        boolean publishable = authenticate(ex.getRequestHeaders().getFirst("authorization"));
        String version = ex.getRequestHeaders().getFirst("stripe-version");
        if (version != null && !version.equals(apiVersion)) {
            throw StripeError.invalidParam(null, "api_version_invalid", "This Stripe stand-in answers only with API version " + apiVersion
                    + " (the version stripe-java pins); the request asked for " + version + ".");
        }
        if (f.rollApiError()) throw StripeError.api(500, "An unknown error occurred (fault 'apiErrorRate').");
        String key = method.equals("POST") ? ex.getRequestHeaders().getFirst("idempotency-key") : null;
        Events.Cause cause = new Events.Cause(requestId, key);
        synchronized (payments) {
            if (key != null) {
                Idempotency.Saved s = idempotency.replay(key, method, path, form.canonical());
                if (s != null) {
                    ex.getResponseHeaders().set("idempotent-replayed", "true");
                    Http.send(ex, s.status(), s.body());
                    return;
                }
            }
            int status = 200;
            byte[] body;
            try {
                body = Json.bytes(route(method, path, form, cause, publishable));
            } catch (StripeError e) {
                if (key != null && e.replayable) idempotency.keep(key, new Idempotency.Saved(method, path, form.canonical(), e.status, Json.bytes(e.body())));
                throw e;
            }
            if (key != null) idempotency.keep(key, new Idempotency.Saved(method, path, form.canonical(), status, body));
            Http.send(ex, status, body);
        }
    }

    private Map<String, Object> route(String method, String path, Form f, Events.Cause cause, boolean publishable) {
        List<String> p = List.of(path.replaceAll("/+$", "").split("/"));   // "", "v1", resource, id, action
        if (p.size() < 3 || !p.get(1).equals("v1")) throw notFound(method, path);
        String resource = p.get(2);
        String id = p.size() > 3 ? p.get(3) : null;
        String action = p.size() > 4 ? p.get(4) : null;
        if (p.size() > 5) throw notFound(method, path);
        if (publishable) return clientSide(method, resource, id, action, f, cause, path);
        switch (resource) {
            case "payment_intents" -> {
                if (id == null && method.equals("POST")) return expand(payments.create(f.allow(CREATE), cause), f);
                if (id != null && action == null && method.equals("GET")) return expand(payments.retrieve(id), f.allow(RETRIEVE));
                if (id != null && action == null && method.equals("POST")) return expand(payments.update(id, f.allow(UPDATE)), f);
                if (id != null && method.equals("POST") && "confirm".equals(action)) return expand(payments.confirm(id, f.allow(CONFIRM), cause), f);
                if (id != null && method.equals("POST") && "capture".equals(action)) return expand(payments.capture(id, f.allow(CAPTURE), cause), f);
                if (id != null && method.equals("POST") && "cancel".equals(action)) return expand(payments.cancel(id, f.allow(CANCEL), cause), f);
            }
            case "refunds" -> {
                if (id == null && method.equals("POST")) return expand(payments.refund(f.allow(REFUND), cause), f);
                if (id != null && action == null && method.equals("GET")) return expand(payments.refundJson(id), f.allow(Set.of("expand")));
            }
            case "charges" -> {
                if (id != null && action == null && method.equals("GET")) return expand(payments.chargeJson(id), f.allow(Set.of("expand")));
            }
            case "events" -> {
                if (id == null && method.equals("GET")) return events.list(f);
                if (id != null && action == null && method.equals("GET")) return events.get(id);
            }
            default -> {
            }
        }
        throw notFound(method, path);
    }

    /** What a browser may do with the publishable key: read or confirm the PaymentIntent whose client secret it holds. */
    private Map<String, Object> clientSide(String method, String resource, String id, String action, Form f, Events.Cause cause, String path) {
        if (!resource.equals("payment_intents") || id == null || !(method.equals("GET") && action == null || method.equals("POST") && "confirm".equals(action))) {
            throw StripeError.unauthorized("This API call cannot be made with a publishable API key. Please use a secret API key.");
        }
        String secret = f.required("client_secret");
        if (!secret.equals(payments.retrieve(id).get("client_secret"))) {
            throw StripeError.invalidParam("client_secret", "resource_missing", "The client_secret provided does not match any associated PaymentIntent on this account.");
        }
        return method.equals("GET") ? payments.retrieve(id) : payments.confirm(id, f.allow(CONFIRM), cause);
    }

    /** Replaces the ids named by {@code expand[]} with the objects, as Stripe does. */
    private Map<String, Object> expand(Map<String, Object> object, Form f) {
        List<String> paths = f.list("expand");
        if (paths.isEmpty()) return object;
        Map<String, Object> m = new LinkedHashMap<>(object);
        for (String field : paths) {
            Object id = m.get(field);
            if (!(id instanceof String s) || !Set.of("latest_charge", "charge", "payment_intent").contains(field)) {
                if (id == null && m.containsKey(field)) continue;
                throw StripeError.invalidParam("expand", "parameter_invalid_string", "This property cannot be expanded (" + field + ").");
            }
            m.put(field, field.equals("payment_intent") ? payments.retrieve(s) : payments.chargeJson(s));
        }
        return m;
    }

    /** True for the publishable key, false for the secret key; anything else is 401. */
    private boolean authenticate(String header) {
        String key = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = header.substring(7).trim();
        } else if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            key = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
        }
        if (key == null || key.isEmpty()) {
            throw StripeError.unauthorized("You did not provide an API key. You need to provide your API key in the Authorization header, "
                    + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        if (key.equals(secretKey)) return false;
        if (publishableKey != null && key.equals(publishableKey)) return true;
        throw StripeError.unauthorized("Invalid API Key provided: " + redact(key));
    }

    /** As Stripe shows a wrong key: its prefix, stars, and its last four characters. */
    private static String redact(String key) {
        String prefix = key.startsWith("sk_test_") || key.startsWith("pk_test_") ? key.substring(0, 8) : "";
        return prefix + "****" + key.substring(Math.max(prefix.length(), key.length() - 4));
    }

    private static StripeError notFound(String method, String path) {
        return StripeError.unrecognizedUrl(method, path);
    }
}
