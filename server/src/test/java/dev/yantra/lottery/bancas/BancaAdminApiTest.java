package dev.yantra.lottery.bancas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BancaAdminApiTest {
    static TestServer server;
    static final String TOKEN = "test-admin-token";

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

    static JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.parse(r.body());
    }

    BancaCredentials credentials() {
        return server.running.context().getBean(BancaCredentials.class);
    }

    @Test
    void a_banca_is_created_pending_approved_with_a_secret_shown_once_and_every_change_is_audited_under_the_admin_name() {
        JsonNode created = ok(call("POST", "/v1/admin/bancas", TOKEN, """
                {"name":"Banca Uno","rnc":"101-12345-6","endpointUrl":"http://localhost:9/banca/","contact":"ops@uno.example",
                 "commission":"5.5","sucursales":[{"code":"S1","name":"Centro"}],"unknownField":true}"""), 201);
        String id = created.get("id").stringValue();
        assertThat(created.get("status").stringValue()).isEqualTo("pending");
        assertThat(created.get("endpointUrl").stringValue()).isEqualTo("http://localhost:9/banca");
        assertThat(ok(call("GET", "/v1/admin/bancas/pending", TOKEN, null), 200).toString()).contains(id);

        JsonNode approved = ok(call("POST", "/v1/admin/bancas/" + id + "/approve", TOKEN, null), 200);
        assertThat(approved.get("status").stringValue()).isEqualTo("active");
        String secret = approved.get("credential").get("secret").stringValue();
        assertThat(secret).hasSize(43);
        assertThat(approved.get("credential").get("state").stringValue()).isEqualTo("ACTIVE");
        JsonNode shown = ok(call("GET", "/v1/admin/bancas/" + id, TOKEN, null), 200);
        assertThat(shown.toString()).doesNotContain(secret);
        assertThat(ok(call("GET", "/v1/admin/bancas/pending", TOKEN, null), 200).toString()).doesNotContain(id);

        assertThat(ok(call("POST", "/v1/admin/bancas/" + id + "/suspend", TOKEN, "{\"reason\":\"late payments\"}"), 200)
                .get("status").stringValue()).isEqualTo("suspended");
        assertThat(ok(call("POST", "/v1/admin/bancas/" + id + "/activate", TOKEN, null), 200).get("status").stringValue()).isEqualTo("active");
        assertThat(ok(call("PATCH", "/v1/admin/bancas/" + id, TOKEN, "{\"contact\":\"new@uno.example\"}"), 200)
                .get("contact").stringValue()).isEqualTo("new@uno.example");

        assertThat(server.running.database().jdbc().sql(
                        "SELECT changed_by || ' ' || action FROM admin_audit_log WHERE subject = ? ORDER BY id")
                .param("banca:" + id).query(String.class).list())
                .containsExactly("test-admin banca.create", "test-admin banca.approve", "test-admin banca.credential.issue",
                        "test-admin banca.credential.activate", "test-admin banca.suspend", "test-admin banca.activate",
                        "test-admin banca.update");
        // the secret is stored sealed, never in clear
        assertThat(server.running.database().jdbc().sql("SELECT secret_ciphertext FROM banca_credentials WHERE banca_id = ?::uuid")
                .param(id).query(String.class).single()).doesNotContain(secret);
    }

    @Test
    void a_rotated_secret_verifies_from_issue_signs_only_once_activated_and_the_old_one_keeps_an_overlap_until_revoked() {
        String id = ok(call("POST", "/v1/admin/bancas", TOKEN, """
                {"name":"Banca Rota","rnc":"101987654","endpointUrl":"http://localhost:9","contact":"c@rota.example"}"""), 201)
                .get("id").stringValue();
        String firstKey = ok(call("POST", "/v1/admin/bancas/" + id + "/approve", TOKEN, null), 200).get("credential").get("keyId").stringValue();
        java.util.UUID bancaId = java.util.UUID.fromString(id);

        JsonNode fresh = ok(call("POST", "/v1/admin/bancas/" + id + "/credentials", TOKEN, null), 201);
        String newKey = fresh.get("keyId").stringValue();
        assertThat(fresh.get("state").stringValue()).isEqualTo("ISSUED");
        assertThat(credentials().signingKey(bancaId).orElseThrow().keyId()).isEqualTo(firstKey);
        assertThat(credentials().inboundSecrets().stream().filter(s -> s.bancaId().equals(bancaId)).map(BancaCredentials.InboundSecret::keyId))
                .containsExactlyInAnyOrder(firstKey, newKey);

        ok(call("POST", "/v1/admin/bancas/" + id + "/credentials/" + newKey + "/activate", TOKEN, null), 200);
        assertThat(credentials().signingKey(bancaId).orElseThrow().keyId()).isEqualTo(newKey);
        BancaCredentials.Credential old = credentials().get(firstKey);
        assertThat(old.state()).isEqualTo("RETIRING");
        assertThat(Duration.between(Instant.now(), old.notAfter())).isBetween(Duration.ofHours(23), Duration.ofHours(25));

        ok(call("POST", "/v1/admin/bancas/" + id + "/credentials/" + firstKey + "/revoke", TOKEN, "{\"reason\":\"leaked\"}"), 200);
        assertThat(credentials().inboundSecrets().stream().filter(s -> s.bancaId().equals(bancaId)).map(BancaCredentials.InboundSecret::keyId))
                .containsExactly(newKey);
        // an imported secret is accepted and never echoed back
        JsonNode imported = ok(call("POST", "/v1/admin/bancas/" + id + "/credentials", TOKEN, "{\"secret\":\"a-secret-the-banca-chose\"}"), 201);
        assertThat(imported.has("secret")).isFalse();
        assertThat(imported.get("imported").booleanValue()).isTrue();
    }

    @Test
    void the_banca_api_refuses_missing_tokens_bad_input_and_moves_the_lifecycle_does_not_allow() {
        assertThat(call("GET", "/v1/admin/bancas", null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/v1/admin/bancas", "wrong", "{}").statusCode()).isEqualTo(401);
        for (String body : new String[] {"{", "[]", "{\"name\":\"x\"}",
                "{\"name\":\"B\",\"rnc\":\"abc\",\"endpointUrl\":\"http://a\",\"contact\":\"c\"}",
                "{\"name\":\"B\",\"rnc\":\"101987654\",\"endpointUrl\":\"ftp://a\",\"contact\":\"c\"}",
                "{\"name\":\"B\",\"rnc\":\"101987654\",\"endpointUrl\":\"http://a\",\"contact\":\"c\",\"commission\":\"101\"}"}) {
            assertThat(call("POST", "/v1/admin/bancas", TOKEN, body).statusCode()).as(body).isEqualTo(400);
        }
        String id = ok(call("POST", "/v1/admin/bancas", TOKEN, """
                {"name":"Banca Tres","rnc":"101111111","endpointUrl":"http://localhost:9","contact":"c@tres.example"}"""), 201)
                .get("id").stringValue();
        assertThat(call("POST", "/v1/admin/bancas/" + id + "/suspend", TOKEN, null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/v1/admin/bancas/" + id + "/reject", TOKEN, "{\"reason\":\"no licence\"}").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/v1/admin/bancas/" + id + "/approve", TOKEN, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/v1/admin/bancas/" + java.util.UUID.randomUUID(), TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/v1/admin/bancas/not-a-uuid", TOKEN, null).statusCode()).isEqualTo(404);
    }
}
