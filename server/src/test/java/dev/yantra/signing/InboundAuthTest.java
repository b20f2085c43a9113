package dev.yantra.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.inbound.InboundObservations;
import dev.yantra.operator.CredentialStore;
import dev.yantra.operator.Operators;
import dev.yantra.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class InboundAuthTest {
    static TestServer server;
    static JdbcClient jdbc;
    static Operators operators;
    static CredentialStore credentials;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbc = server.running.database().jdbc();
        operators = server.running.context().getBean(Operators.class);
        credentials = server.running.context().getBean(CredentialStore.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String error(HttpResponse<String> r) {
        return Json.parse(r.body()).get("error").stringValue();
    }

    static HttpResponse<String> createSession(OperatorFixture op) {
        return op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "player"));
    }

    static double metric(String line) {
        String text = server.get("/metrics").body();
        return text.lines().filter(l -> l.startsWith(line)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void timestamps_31_seconds_off_either_way_are_rejected_as_clock_skew_and_recorded() {
        OperatorFixture op = OperatorFixture.create(server, "skew-op");
        for (long skew : new long[] {31, -31}) {
            op.client().skewSeconds = skew;
            HttpResponse<String> r = createSession(op);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(error(r)).isEqualTo("clock_skew_outside_window");
        }
        op.client().skewSeconds = 25;
        assertThat(createSession(op).statusCode()).isEqualTo(201);
        assertThat(metric("signature_rejections_total{operator=\"" + op.operatorId() + "\",signature_rejection_reason=\"clock_skew_outside_window\"}"))
                .isEqualTo(2);
        assertThat(metric("clock_skew_seconds{operator=\"" + op.operatorId() + "\"}")).isBetween(23.0, 27.0);
        server.running.context().getBean(InboundObservations.class).flush();  // rows are written in batches, off the request path
        assertThat(jdbc.sql("SELECT count(*) FROM signature_rejections WHERE kid = ? AND reason = 'clock_skew_outside_window' AND abs(drift_seconds) BETWEEN 30 AND 33 AND source_ip IS NOT NULL")
                .param(op.kid()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void a_tampered_body_an_unknown_kid_and_missing_headers_are_401_with_their_reasons() {
        OperatorFixture op = OperatorFixture.create(server, "tamper-op");
        byte[] body = op.sessionBody(UUID.randomUUID(), "p").getBytes(StandardCharsets.UTF_8);
        byte[] tampered = op.sessionBody(UUID.randomUUID(), "q").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = op.client().send("POST", "/v1/session", body, tampered);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r)).isEqualTo("invalid_signature");
        SpecClient stranger = new SpecClient(server.url(""), "ik_doesnotexist", "whatever");
        HttpResponse<String> unknown = stranger.get("/v1/rounds");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(error(unknown)).isEqualTo("unknown_or_revoked_kid");
        assertThat(metric("signature_rejections_total{operator=\"unknown\",signature_rejection_reason=\"unknown_or_revoked_kid\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric("signature_rejections_total{operator=\"" + op.operatorId() + "\",signature_rejection_reason=\"invalid_signature\"}")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM game_sessions WHERE operator_id = ?").param(op.operatorId()).query(Integer.class).single()).isZero();
    }

    @Test
    void a_kid_revoked_by_sql_stops_within_one_second_and_leaves_an_audit_row() throws Exception {
        OperatorFixture op = OperatorFixture.create(server, "sqlrevoke-op");
        assertThat(op.client().get("/v1/rounds").statusCode()).isEqualTo(200);
        jdbc.sql("UPDATE operator_credentials SET revoked_at = now() WHERE kid = ?").param(op.kid()).update();
        long revokedAt = System.nanoTime();
        HttpResponse<String> r;
        do {
            r = op.client().get("/v1/rounds");
        } while (r.statusCode() == 200 && System.nanoTime() - revokedAt < 2_000_000_000L);
        assertThat(System.nanoTime() - revokedAt).isLessThan(1_000_000_000L);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r)).isEqualTo("unknown_or_revoked_kid");
        assertThat(jdbc.sql("SELECT changed_by FROM admin_audit_log WHERE subject = ? AND action = 'credential.sql_update'")
                .param("credential:" + op.kid()).query(String.class).list()).containsExactly("postgres");
    }

    @Test
    void a_kid_revoked_through_the_store_is_rejected_and_audited_once_by_the_application() {
        OperatorFixture op = OperatorFixture.create(server, "revoke-op");
        assertThat(credentials.revoke(op.kid(), "test-admin", "leak")).isTrue();
        assertThat(error(op.client().get("/v1/rounds"))).isEqualTo("unknown_or_revoked_kid");
        assertThat(jdbc.sql("SELECT action FROM admin_audit_log WHERE subject = ? ORDER BY id").param("credential:" + op.kid())
                .query(String.class).list()).containsExactly("credential.issue", "credential.revoke");
    }

    @Test
    void expired_and_not_yet_valid_credentials_and_terminated_operators_are_401() {
        OperatorFixture op = OperatorFixture.create(server, "validity-op");
        jdbc.sql("UPDATE operator_credentials SET not_after = now() - interval '1 second' WHERE kid = ?").param(op.kid()).update();
        assertThat(error(op.client().get("/v1/rounds"))).isEqualTo("credential_expired");
        jdbc.sql("UPDATE operator_credentials SET not_after = NULL, not_before = now() + interval '1 hour' WHERE kid = ?").param(op.kid()).update();
        assertThat(error(op.client().get("/v1/rounds"))).isEqualTo("credential_not_yet_valid");
        jdbc.sql("UPDATE operator_credentials SET not_before = now() - interval '1 hour' WHERE kid = ?").param(op.kid()).update();
        assertThat(op.client().get("/v1/rounds").statusCode()).isEqualTo(200);
        operators.update(op.operatorId().toString(), new Operators.OperatorChanges("TERMINATED", null, null, null, null, null), "test");
        HttpResponse<String> r = op.client().get("/v1/rounds");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r)).isEqualTo("operator_terminated");
    }

    @Test
    void another_operators_id_a_foreign_source_address_and_a_paused_operator_creating_a_session_are_403() {
        OperatorFixture op = OperatorFixture.create(server, "authz-op");
        OperatorFixture other = OperatorFixture.create(server, "authz-other");
        HttpResponse<String> mismatch = op.client().post("/v1/session", other.sessionBody(UUID.randomUUID(), "p"));
        assertThat(mismatch.statusCode()).isEqualTo(403);
        assertThat(error(mismatch)).isEqualTo("operator_mismatch");

        String sessionId = Json.parse(createSession(op).body()).get("sessionId").stringValue();
        operators.update(op.kid().isEmpty() ? "" : op.operatorId().toString(),
                new Operators.OperatorChanges("PAUSED", null, null, null, null, null), "test");
        HttpResponse<String> paused = createSession(op);
        assertThat(paused.statusCode()).isEqualTo(403);
        assertThat(error(paused)).isEqualTo("operator_paused");
        assertThat(op.client().get("/v1/session/" + sessionId).statusCode()).isEqualTo(200);
        assertThat(op.client().get("/v1/rounds").statusCode()).isEqualTo(200);

        operators.update(op.operatorId().toString(), new Operators.OperatorChanges("ACTIVE", null, List.of("10.0.0.0/8"), null, null, null), "test");
        HttpResponse<String> ip = op.client().get("/v1/rounds");
        assertThat(ip.statusCode()).isEqualTo(403);
        assertThat(error(ip)).isEqualTo("ip_not_allowed");
        operators.update(op.operatorId().toString(), new Operators.OperatorChanges(null, null, List.of("10.0.0.0/8", "127.0.0.1"), null, null, null), "test");
        assertThat(op.client().get("/v1/rounds").statusCode()).isEqualTo(200);
    }

    @Test
    void requests_over_the_rate_limit_get_429() {
        OperatorFixture op = OperatorFixture.create(server, "rate-op");
        operators.update(op.operatorId().toString(), new Operators.OperatorChanges(null, null, null, 3, null, null), "test");
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = op.client().get("/v1/rounds");
            if (r.statusCode() == 429) {
                limited++;
                assertThat(error(r)).isEqualTo("rate_limited");
            }
        }
        assertThat(limited).isGreaterThan(0);
    }

    @Test
    void accepted_requests_and_new_source_addresses_are_counted() {
        OperatorFixture op = OperatorFixture.create(server, "count-op");
        for (int i = 0; i < 3; i++) assertThat(op.client().get("/v1/rounds").statusCode()).isEqualTo(200);
        assertThat(metric("inbound_requests_total{kid=\"" + op.kid() + "\",operator=\"" + op.operatorId() + "\"}")).isEqualTo(3);
        assertThat(metric("inbound_new_source_ip_total{operator=\"" + op.operatorId() + "\"}")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT request_count FROM inbound_source_ips WHERE operator_id = ?").param(op.operatorId())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void a_rotated_credential_works_through_the_overlap_then_only_the_new_kid_does() throws Exception {
        OperatorFixture op = OperatorFixture.create(server, "rotate-op");
        CredentialStore.Issued fresh = credentials.rotate(op.kid(), Duration.ofSeconds(2), "test");
        SpecClient newClient = new SpecClient(server.url(""), fresh.credential().kid(), fresh.secret());
        assertThat(op.client().get("/v1/rounds").statusCode()).isEqualTo(200);
        assertThat(newClient.get("/v1/rounds").statusCode()).isEqualTo(200);
        // the overlap is 2 s by the database's clock: wait for the old kid to be refused, never for a fixed time
        HttpResponse<String> old = dev.yantra.testing.Await.value("the old kid refused after the overlap",
                java.time.Duration.ofSeconds(15), () -> op.client().get("/v1/rounds"), r -> r.statusCode() != 200);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(error(old)).isEqualTo("credential_expired");
        assertThat(newClient.get("/v1/rounds").statusCode()).isEqualTo(200);
    }
}
