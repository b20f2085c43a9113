package dev.yantra.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.signing.OperatorFixture;
import dev.yantra.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class SessionApiTest {
    static TestServer server;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbc = server.running.database().jdbc();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    int sessions(UUID operatorId) {
        return jdbc.sql("SELECT count(*) FROM game_sessions WHERE operator_id = ?").param(operatorId).query(Integer.class).single();
    }

    @Test
    void a_spec_client_creates_a_session_and_a_replay_returns_the_identical_body_and_creates_nothing() {
        OperatorFixture op = OperatorFixture.create(server, "replay-op");
        UUID requestUuid = UUID.randomUUID();
        HttpResponse<String> first = op.client().post("/v1/session", op.sessionBody(requestUuid, "පාලිත-😀"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode json = Json.parse(first.body());
        assertThat(json.get("sessionToken").stringValue()).isNotBlank();
        assertThat(json.get("launchUrl").stringValue()).endsWith("/play?session=" + json.get("sessionToken").stringValue());
        assertThat(json.has("serverSeedHash")).isTrue();
        // the same request with different formatting and key order is the same request
        String reformatted = "{ \"operatorId\" : \"" + op.operatorId() + "\", " + op.sessionBody(requestUuid, "පාලිත-😀").substring(1).replace("\"operatorId\":\"" + op.operatorId() + "\",", "");
        HttpResponse<String> replay = op.client().post("/v1/session", reformatted);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(sessions(op.operatorId())).isEqualTo(1);

        SessionStore store = server.running.context().getBean(SessionStore.class);
        SessionStore.PlayerSession s = store.authenticate("Bearer " + json.get("sessionToken").stringValue()).orElseThrow();
        assertThat(s.playerRef()).isEqualTo("පාලිත-😀");
        assertThat(jdbc.sql("SELECT count(*) FROM game_sessions WHERE token_hash = ?").param(json.get("sessionToken").stringValue())
                .query(Integer.class).single()).isZero();

        HttpResponse<String> read = op.client().get("/v1/session/" + json.get("sessionId").stringValue());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Json.parse(read.body()).get("status").stringValue()).isEqualTo("ACTIVE");
    }

    @Test
    void the_same_request_uuid_with_a_different_body_is_a_409() {
        OperatorFixture op = OperatorFixture.create(server, "reuse-op");
        UUID requestUuid = UUID.randomUUID();
        assertThat(op.client().post("/v1/session", op.sessionBody(requestUuid, "p1")).statusCode()).isEqualTo(201);
        HttpResponse<String> other = op.client().post("/v1/session", op.sessionBody(requestUuid, "p2"));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(Json.parse(other.body()).get("error").stringValue()).isEqualTo("idempotency_key_reused");
        assertThat(sessions(op.operatorId())).isEqualTo(1);
    }

    @Test
    void fifty_concurrent_duplicates_create_exactly_one_session() throws Exception {
        OperatorFixture op = OperatorFixture.create(server, "race-op");
        String body = op.sessionBody(UUID.randomUUID(), "racer");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) futures.add(pool.submit(() -> op.client().post("/v1/session", body)));
        List<String> bodies = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            bodies.add(r.body());
        }
        pool.shutdown();
        assertThat(bodies).containsOnly(bodies.get(0));
        assertThat(sessions(op.operatorId())).isEqualTo(1);
    }

    @Test
    void terminating_a_session_is_idempotent_and_ends_the_bearer_token() {
        OperatorFixture op = OperatorFixture.create(server, "term-op");
        JsonNode created = Json.parse(op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "t")).body());
        String id = created.get("sessionId").stringValue();
        String body = "{\"requestUuid\":\"" + UUID.randomUUID() + "\",\"reason\":\"player left\"}";
        HttpResponse<String> first = op.client().post("/v1/session/" + id + "/terminate", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(op.client().post("/v1/session/" + id + "/terminate", body).body()).isEqualTo(first.body());
        assertThat(server.running.context().getBean(SessionStore.class).authenticate(created.get("sessionToken").stringValue())).isEmpty();
    }

    @Test
    void hostile_input_gets_a_4xx_json_error_and_writes_nothing() {
        OperatorFixture op = OperatorFixture.create(server, "hostile-op");
        List<String> bodies = List.of("{not json", "[]", "\"x\"", "",
                "{\"requestUuid\":123,\"operatorId\":\"" + op.operatorId() + "\"}",
                op.sessionBody(UUID.randomUUID(), "p").replace("\"LKR\"", "42"),
                op.sessionBody(UUID.randomUUID(), "p").replace("\"LKR\"", "\"EUR\""),
                op.sessionBody(UUID.randomUUID(), "p").replace("ketapola-dice", "roulette"),
                op.sessionBody(UUID.randomUUID(), "").replace("\"mode\":\"real\"", "\"mode\":\"real\""),
                op.sessionBody(UUID.randomUUID(), "x".repeat(129)),
                op.sessionBody(UUID.randomUUID(), "p").replace("\"real\"", "\"fake\""),
                op.sessionBody(UUID.randomUUID(), "p").replace("\"requestUuid\":\"", "\"requestUuid\":\"zz"));
        for (String b : bodies) {
            HttpResponse<String> r = op.client().post("/v1/session", b);
            assertThat(r.statusCode()).as(b + " -> " + r.body()).isBetween(400, 499);
            assertThat(Json.parse(r.body()).get("error").stringValue()).isNotBlank();
        }
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        HttpResponse<String> big = op.client().send("POST", "/v1/session", huge, null);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(Json.parse(big.body()).get("error").stringValue()).isEqualTo("payload_too_large");
        HttpResponse<String> noHeaders = server.get("/v1/session/" + UUID.randomUUID());
        assertThat(noHeaders.statusCode()).isEqualTo(401);
        assertThat(Json.parse(noHeaders.body()).get("error").stringValue()).isEqualTo("missing_signature_headers");
        assertThat(op.client().get("/v1/session/not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(sessions(op.operatorId())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_idempotency WHERE operator_id = ?").param(op.operatorId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void a_session_for_a_game_without_an_enabled_table_is_422_game_not_available_and_writes_nothing() {
        OperatorFixture op = OperatorFixture.create(server, "no-table-op");
        jdbc.sql("UPDATE operator_game_configs SET enabled = false WHERE operator_id = ? AND currency = 'USD'").param(op.operatorId()).update();
        jdbc.sql("DELETE FROM operator_game_configs WHERE operator_id = ? AND currency = 'LKR'").param(op.operatorId()).update();
        for (String currency : List.of("LKR", "USD")) {
            HttpResponse<String> r = op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "p").replace("\"LKR\"", "\"" + currency + "\""));
            assertThat(r.statusCode()).as(currency + " -> " + r.body()).isEqualTo(422);
            assertThat(Json.parse(r.body()).get("error").stringValue()).isEqualTo("game_not_available");
            assertThat(Json.parse(r.body()).get("message").stringValue()).contains("ketapola-dice", currency, "enabled=true");
        }
        assertThat(sessions(op.operatorId())).isZero();
        // enabled again: the same request body now gets its session
        jdbc.sql("UPDATE operator_game_configs SET enabled = true WHERE operator_id = ?").param(op.operatorId()).update();
        HttpResponse<String> ok = op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "p").replace("\"LKR\"", "\"USD\""));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }
}
