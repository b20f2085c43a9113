package dev.yantra.stripestandin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of answer the stand-in gives — objects, lists, events (the webhook payloads are the same objects) and
 * errors — against the schemas of Stripe's published OpenAPI description for the pinned API version.
 */
class OpenApiShapeTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> violations = new ArrayList<>();
    private final List<String> checkedSchemas = new ArrayList<>();
    private OpenApiShape shape;
    private StripeStandin stripe;

    @BeforeEach
    void start() throws Exception {
        shape = new OpenApiShape();
        stripe = StripeStandin.start(StripeStandin.Config.defaults());
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void theExtractNamesItsSourceAndTheApiVersionTheStandInServes() {
        assertThat(shape.source.path("repository").asString()).isEqualTo("https://github.com/stripe/openapi");
        assertThat(shape.source.path("commit").asString()).matches("[0-9a-f]{40}");
        assertThat(shape.source.path("apiVersion").asString()).isEqualTo(StripeStandin.API_VERSION);
    }

    @Test
    void aMissingRequiredPropertyOrAWrongTypeIsCaught() throws Exception {
        JsonNode pi = post("/v1/payment_intents", "amount=5000&currency=dop", 200);
        Map<String, Object> broken = JSON.convertValue(pi, Map.class);
        broken.remove("status");
        broken.put("amount", "5000");
        broken.put("livemode", null);
        broken.put("surprise", 1);
        assertThat(shape.violations("payment_intent", JSON.valueToTree(broken)))
                .anySatisfy(v -> assertThat(v).contains("status: required"))
                .anySatisfy(v -> assertThat(v).contains("amount: expected integer"))
                .anySatisfy(v -> assertThat(v).contains("livemode: null but not nullable"))
                .anySatisfy(v -> assertThat(v).contains("surprise: not a property"));
    }

    @Test
    void everyAnswerHasTheRequiredPropertiesWithStripesTypes() throws Exception {
        JsonNode held = post("/v1/payment_intents", "amount=5000&currency=dop&capture_method=manual&payment_method=pm_card_visa&confirm=true&metadata[playId]=p1", 200);
        String pi = held.get("id").asString();
        get("/v1/payment_intents/" + pi + "?expand[0]=latest_charge", 200);
        post("/v1/payment_intents/" + pi + "/capture", "amount_to_capture=4000", 200);
        get("/v1/charges/" + held.get("latest_charge").asString(), 200);
        JsonNode refund = post("/v1/refunds", "payment_intent=" + pi + "&amount=1000&reason=requested_by_customer", 200);
        get("/v1/refunds/" + refund.get("id").asString() + "?expand[0]=charge&expand[1]=payment_intent", 200);
        admin("/admin/refunds/" + refund.get("id").asString() + "/fail");
        get("/v1/refunds/" + refund.get("id").asString(), 200);

        post("/v1/payment_intents", "amount=5000&currency=dop&capture_method=manual&payment_method=pm_card_chargeDeclinedInsufficientFunds&confirm=true", 402);
        post("/v1/payment_intents", "amount=5000&currency=dop&capture_method=manual&payment_method=pm_card_chargeDeclinedExpiredCard&confirm=true", 402);
        JsonNode secure = post("/v1/payment_intents", "amount=5000&currency=dop&capture_method=manual&payment_method=pm_card_threeDSecure2Required&confirm=true", 200);
        post("/v1/payment_intents", "amount=5000&currency=dop&capture_method=manual&payment_method=pm_card_authenticationRequired&confirm=true&return_url=https://example.test/back", 200);
        admin("/admin/payment_intents/" + secure.get("id").asString() + "/authenticate", "{\"succeed\":false}");
        get("/v1/payment_intents/" + secure.get("id").asString(), 200);

        JsonNode toCancel = post("/v1/payment_intents", "amount=2500&currency=usd&capture_method=manual&payment_method=pm_card_visa&confirm=true", 200);
        post("/v1/payment_intents/" + toCancel.get("id").asString() + "/cancel", "cancellation_reason=requested_by_customer", 200);
        post("/v1/payment_intents/" + toCancel.get("id").asString() + "/capture", "", 400);
        JsonNode toExpire = post("/v1/payment_intents", "amount=2500&currency=usd&capture_method=manual&payment_method=pm_card_visa&confirm=true", 200);
        admin("/admin/payment_intents/" + toExpire.get("id").asString() + "/expire");
        post("/v1/payment_intents", "amount=9000&currency=usd&payment_method=pm_card_visa&confirm=true", 200);
        JsonNode open = post("/v1/payment_intents", "amount=100&currency=usd", 200);
        post("/v1/payment_intents/" + open.get("id").asString(), "metadata[k]=v&description=d", 200);
        post("/v1/payment_intents/" + open.get("id").asString() + "/confirm", "payment_method=pm_card_visa", 200);

        send(HttpRequest.newBuilder(URI.create(stripe.url() + "/v1/payment_intents")).header("Idempotency-Key", "k1")
                .header("Authorization", "Bearer " + stripe.secretKey()).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("amount=100&currency=usd")), 200);
        send(HttpRequest.newBuilder(URI.create(stripe.url() + "/v1/payment_intents")).header("Idempotency-Key", "k1")
                .header("Authorization", "Bearer " + stripe.secretKey()).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("amount=200&currency=usd")), 400);
        send(HttpRequest.newBuilder(URI.create(stripe.url() + "/v1/payment_intents/" + pi)).header("Authorization", "Bearer sk_test_wrong").GET(), 401);
        get("/v1/payment_intents/pi_nope", 404);
        get("/v1/nothing_here", 404);
        post("/v1/payment_intents", "currency=usd", 400);
        post("/v1/payment_intents", "amount=100&currency=usd&colour=blue", 400);

        JsonNode list = get("/v1/events?limit=100", 200);
        assertThat(list.get("data").size()).isGreaterThan(20);
        get("/v1/events/" + list.get("data").get(0).get("id").asString(), 200);

        assertThat(checkedSchemas).contains("payment_intent", "charge", "refund", "event", "error");
        assertThat(violations).isEmpty();
    }

    private JsonNode post(String path, String form, int status) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stripe.url() + path)).header("Authorization", "Bearer " + stripe.secretKey())
                .header("content-type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), status);
    }

    private JsonNode get(String path, int status) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stripe.url() + path)).header("Authorization", "Bearer " + stripe.secretKey()).GET(), status);
    }

    private void admin(String path) throws Exception {
        admin(path, "{}");
    }

    private void admin(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stripe.url() + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        check(JSON.readTree(r.body()), path);
    }

    private JsonNode send(HttpRequest.Builder req, int status) throws Exception {
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(req.build().uri() + " " + r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        check(body, req.build().method() + " " + req.build().uri().getPath());
        return body;
    }

    /** Checks one answer by what it is: an error, a list, or a Stripe object named by its {@code object} field. */
    private void check(JsonNode body, String where) {
        if (body.has("error")) {
            record("error", body, where);
        } else if ("list".equals(body.path("object").asString())) {
            if (!body.path("data").isArray() || !body.path("has_more").isBoolean() || !body.path("url").isString()) {
                violations.add(where + ": a list needs data[], has_more and url");
            }
            for (JsonNode item : body.get("data")) check(item, where + " data[]");
        } else {
            String type = body.path("object").asString();
            if (!shape.has(type)) {
                violations.add(where + ": an answer of object '" + type + "' has no schema in the extract");
                return;
            }
            record(type, body, where);
            if (type.equals("event")) check(body.path("data").path("object"), where + " data.object");
        }
    }

    private void record(String schema, JsonNode body, String where) {
        checkedSchemas.add(schema);
        shape.violations(schema, body).forEach(v -> violations.add(where + " -> " + v));
    }
}
