package dev.yantra.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestServer;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * /v1/openapi.json against the routes the running application really serves, read from its own handler mappings
 * (not a list kept by hand): every route is documented and every documented route exists. Two kinds of mapping are
 * left out, by rule rather than by path: pages (handlers that produce only text/html, for a browser, e.g. /play and
 * /verify, and the handlers of server-rendered {@code @Controller} classes that are not {@code @RestController}: the
 * portal's pages, forms and downloads, which people use behind the portal's own login) and mappings that restrict no HTTP method (the servlet container's error dispatch to /error, which no
 * client calls). The wallet callbacks, which Yantra calls rather than serves, must be the document's webhooks.
 */
class OpenApiCoverageTest {
    static TestServer server;
    static JsonNode document;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        HttpResponse<String> r = server.get("/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        document = Json.parse(r.body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** "METHOD /path/{param}" of every API route of the running node. */
    static Set<String> servedRoutes() {
        RequestMappingHandlerMapping mapping = server.running.context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            if (isPage(info) || rendersPages(e.getValue()) || info.getMethodsCondition().getMethods().isEmpty()) continue;
            for (var method : info.getMethodsCondition().getMethods()) {
                for (String path : info.getPatternValues()) routes.add(method.name() + " " + path);
            }
        }
        return routes;
    }

    private static boolean rendersPages(HandlerMethod handler) {
        Class<?> type = handler.getBeanType();
        return type.isAnnotationPresent(org.springframework.stereotype.Controller.class)
                && !type.isAnnotationPresent(org.springframework.web.bind.annotation.RestController.class);
    }

    private static boolean isPage(RequestMappingInfo info) {
        Set<MediaType> produces = info.getProducesCondition().getProducibleMediaTypes();
        return !produces.isEmpty() && produces.stream().allMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
    }

    static Set<String> documentedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (Set.of("parameters", "summary", "description", "servers").contains(op.getKey())) continue;
                routes.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        return routes;
    }

    @Test
    void every_route_the_application_serves_is_documented_and_every_documented_route_is_served() {
        Set<String> served = servedRoutes();
        Set<String> documented = documentedRoutes();
        assertThat(served).as("the handler mappings were read").hasSizeGreaterThan(50);
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertThat(undocumented).as("served but missing from /v1/openapi.json").isEmpty();
        assertThat(notServed).as("in /v1/openapi.json but served by no handler").isEmpty();
    }

    @Test
    void every_wallet_call_yantra_makes_is_a_webhook_of_the_document_with_its_request_and_answer() {
        JsonNode webhooks = document.get("webhooks");
        assertThat(webhooks).as("webhooks").isNotNull();
        for (WalletEndpoint e : WalletEndpoint.values()) {
            String name = "wallet-" + e.path().replace("/", "");
            JsonNode post = webhooks.path(name).path("post");
            assertThat(post.isMissingNode()).as(name).isFalse();
            assertThat(post.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asString())
                    .isEqualTo("#/components/schemas/WalletRequest");
            assertThat(post.path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asString())
                    .isEqualTo("#/components/schemas/WalletAnswer");
        }
        assertThat(webhooks.size()).isEqualTo(WalletEndpoint.values().length);
    }

    @Test
    void every_operation_names_who_may_call_it_and_has_a_unique_id() {
        Set<String> ids = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String where = op.getKey() + " " + path.getKey();
                assertThat(op.getValue().has("security")).as("security of " + where).isTrue();
                assertThat(ids.add(op.getValue().path("operationId").asString())).as("operationId of " + where + " is unique").isTrue();
            }
        }
    }
}
