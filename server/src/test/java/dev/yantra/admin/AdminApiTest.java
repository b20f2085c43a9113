package dev.yantra.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.signing.SpecClient;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void an_admin_creates_an_operator_and_a_credential_and_every_change_is_audited_under_the_token_name() {
        HttpResponse<String> created = call("POST", "/v1/admin/operators", "test-admin-token", """
                {"name":"admin-made","complianceContact":"c@x.example","currencies":["LKR"],"walletUrl":"http://localhost:1/w","rateLimitPerSecond":50}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Json.parse(created.body()).get("id").stringValue();
        HttpResponse<String> issued = call("POST", "/v1/admin/operators/admin-made/credentials", "test-admin-token", "{\"kind\":\"inbound\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode cred = Json.parse(issued.body());
        assertThat(cred.get("secret").stringValue()).hasSize(43);
        HttpResponse<String> paused = call("PATCH", "/v1/admin/operators/" + id, "test-admin-token", "{\"status\":\"PAUSED\"}");
        assertThat(Json.parse(paused.body()).get("status").stringValue()).isEqualTo("PAUSED");
        HttpResponse<String> shown = call("GET", "/v1/admin/operators/admin-made", "test-admin-token", null);
        assertThat(shown.body()).doesNotContain(cred.get("secret").stringValue());
        assertThat(server.running.database().jdbc().sql("SELECT changed_by || ' ' || action FROM admin_audit_log ORDER BY id")
                .query(String.class).list())
                .containsExactly("test-admin operator.create", "test-admin credential.issue", "test-admin operator.update");
        // an operator credential never opens the admin API
        SpecClient operator = new SpecClient(server.url(""), cred.get("kid").stringValue(), cred.get("secret").stringValue());
        assertThat(operator.get("/v1/admin/operators").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/v1/admin/operators", cred.get("secret").stringValue(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void the_admin_api_refuses_missing_tokens_and_bad_input_with_json_errors() {
        HttpResponse<String> none = call("GET", "/v1/admin/operators", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Json.parse(none.body()).get("error").stringValue()).isEqualTo("invalid_admin_token");
        for (String body : new String[] {"{", "[]", "{\"name\":5}", "{\"name\":\"x\",\"complianceContact\":\"\",\"currencies\":[\"LKR\"],\"walletUrl\":\"http://a\"}",
                "{\"name\":\"y\",\"complianceContact\":\"c\",\"currencies\":\"LKR\",\"walletUrl\":\"http://a\"}"}) {
            HttpResponse<String> r = call("POST", "/v1/admin/operators", "test-admin-token", body);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        }
        assertThat(call("GET", "/v1/admin/operators/nobody", "test-admin-token", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/v1/admin/credentials/ik_nope/revoke", "test-admin-token", null).statusCode()).isEqualTo(404);
    }

    @Test
    void the_openapi_document_is_public_and_lists_every_operator_endpoint() {
        HttpResponse<String> r = server.get("/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode paths = Json.parse(r.body()).get("paths");
        for (String p : new String[] {"/v1/session", "/v1/session/{id}", "/v1/session/{id}/terminate", "/v1/rounds", "/v1/rounds/{id}",
                "/v1/rounds/{id}/proof", "/v1/reports/daily", "/v1/admin/operators"}) {
            assertThat(paths.has(p)).as(p).isTrue();
        }
    }
}
