package dev.yantra.stripestandin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The edges of the API: authentication, versions, faults, bad input, paging, and many callers at once. */
class ApiEdgesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private StripeStandin stripe;
    private StripeClient client;

    @BeforeEach
    void start() {
        stripe = StripeStandin.start(StripeStandin.Config.defaults());
        client = StripeClient.builder().setApiKey(stripe.secretKey()).setApiBase(stripe.url()).build();
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stripe.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMissingKeyIs401AndBasicAuthWithTheKeyAsUserNameIsAccepted() throws Exception {
        HttpResponse<String> none = call("GET", "/v1/events", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"type\":\"invalid_request_error\"").contains("You did not provide an API key");
        String basic = Base64.getEncoder().encodeToString((stripe.secretKey() + ":").getBytes(StandardCharsets.UTF_8));
        assertThat(call("GET", "/v1/events", null, "Authorization", "Basic " + basic).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestForAnotherApiVersionIsRefusedAndEveryAnswerNamesThePinnedOne() throws Exception {
        HttpResponse<String> other = call("GET", "/v1/events", null, "Authorization", "Bearer " + stripe.secretKey(), "Stripe-Version", "2020-08-27");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains(StripeStandin.API_VERSION);
        HttpResponse<String> ok = call("GET", "/v1/events", null, "Authorization", "Bearer " + stripe.secretKey());
        assertThat(ok.headers().firstValue("Stripe-Version")).contains(StripeStandin.API_VERSION);
        assertThat(ok.headers().firstValue("Request-Id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
    }

    @Test
    void anUnknownParameterIsRefusedByNameAndCreatesNothing() {
        assertThatThrownBy(() -> client.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(100L).setCurrency("usd")
                .putExtraParam("colour", "blue").build()))
                .hasMessageContaining("Received unknown parameter: colour");
        assertThat(stripe.paymentIntents()).isEmpty();
    }

    @Test
    void downAnswers503UntilItIsBackAndApiErrorRateOneAnswers500WithoutDoingAnything() throws Exception {
        stripe.changeFaults(Map.of("down", true));
        assertThatThrownBy(() -> client.v1().events().list()).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(503));
        stripe.changeFaults(Map.of("down", false, "apiErrorRate", 1.0));
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("retry-me").build();
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder().setAmount(100L).setCurrency("usd").build();
        assertThatThrownBy(() -> client.v1().paymentIntents().create(params, key)).isInstanceOf(ApiException.class);
        assertThat(stripe.paymentIntents()).isEmpty();
        stripe.changeFaults(Map.of("clear", true));
        assertThat(client.v1().paymentIntents().create(params, key).getStatus()).isEqualTo("requires_payment_method");
    }

    @Test
    void aFaultWithAnUnknownFieldOrABadValueIsRefusedAndChangesNothing() throws Exception {
        stripe.changeFaults(Map.of("duplicateRate", 0.5));
        HttpResponse<String> unknown = call("POST", "/admin/faults", "{\"dropRate\":0.5,\"explode\":true}", "content-type", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("explode");
        HttpResponse<String> bad = call("POST", "/admin/faults", "{\"dropRate\":1.5}", "content-type", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(stripe.faults()).isEqualTo(new Faults(0, 0.5, false, 0, false, 0));
        assertThat(call("GET", "/admin/faults", null).body()).contains("\"duplicateRate\":0.5");
    }

    @Test
    void eventsArePagedNewestFirstWithCursors() throws Exception {
        for (int i = 0; i < 3; i++) {
            client.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(100L + i).setCurrency("usd").build());
        }
        List<Event> first = client.v1().events().list(EventListParams.builder().setLimit(2L).build()).getData();
        assertThat(first).hasSize(2);
        var next = client.v1().events().list(EventListParams.builder().setLimit(2L).setStartingAfter(first.get(1).getId()).build());
        assertThat(next.getData()).hasSize(1);
        assertThat(next.getHasMore()).isFalse();
        assertThat(((PaymentIntent) next.getData().get(0).getDataObjectDeserializer().getObject().orElseThrow()).getAmount()).isEqualTo(100L);
    }

    @Test
    void manyCallersAtOnceWithTheSameKeyGetOnePaymentIntentAndWithDistinctKeysOneEach() throws Exception {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder().setAmount(5_000L).setCurrency("dop")
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).setPaymentMethod("pm_card_visa").setConfirm(true).build();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<String>> same = new ArrayList<>();
            List<Future<String>> distinct = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                same.add(pool.submit(() -> client.v1().paymentIntents().create(params, RequestOptions.builder().setIdempotencyKey("one-play").build()).getId()));
                String k = "play-" + i;
                distinct.add(pool.submit(() -> client.v1().paymentIntents().create(params, RequestOptions.builder().setIdempotencyKey(k).build()).getId()));
            }
            Set<String> sameIds = new HashSet<>();
            for (Future<String> f : same) sameIds.add(f.get());
            Set<String> distinctIds = new HashSet<>();
            for (Future<String> f : distinct) distinctIds.add(f.get());
            assertThat(sameIds).hasSize(1);
            assertThat(distinctIds).hasSize(40).doesNotContainAnyElementsOf(sameIds);
        }
        assertThat(stripe.paymentIntents()).hasSize(41).allSatisfy(pi -> assertThat(pi.get("status")).isEqualTo("requires_capture"));
    }
}
