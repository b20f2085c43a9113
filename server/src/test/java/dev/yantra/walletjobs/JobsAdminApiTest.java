package dev.yantra.walletjobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The admin API on a real node: the wallet and jobs features are wired into Spring and answer. */
class JobsAdminApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_admin_api_needs_a_token_lists_jobs_completes_one_and_shows_breakers() throws Exception {
        assertThat(send("GET", "/v1/admin/jobs", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/v1/admin/jobs", null, "wrong").statusCode()).isEqualTo(401);
        JdbcClient jdbc = server.running.database().jdbc();
        UUID op = UUID.randomUUID();
        jdbc.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'api-op', 'c@example.com')").param(op).update();
        UUID job = UUID.randomUUID();
        // no callback URL: the runner cannot call, so the job stays open for the API to act on
        jdbc.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, player_ref, currency, amount_micro, request_uuid,
                       transaction_uuid, reference_transaction_uuid, next_attempt_at)
                VALUES (?, ?, 'ROLLBACK', 'p', 'LKR', 100, ?, ?, ?, now() + interval '1 hour')""")
                .params(job, op, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()).update();
        HttpResponse<String> list = send("GET", "/v1/admin/jobs?endpoint=ROLLBACK", null, "test-admin-token");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(job.toString()).contains("\"waitingFor\":\"backoff until ");
        HttpResponse<String> done = send("POST", "/v1/admin/jobs/" + job + "/complete", "{\"reason\":\"settled by phone\"}", "test-admin-token");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("\"result\":\"DONE\"");
        assertThat(jdbc.sql("SELECT changed_by FROM admin_audit_log WHERE action = 'job.complete'").query(String.class).single())
                .isEqualTo("test-admin");
        HttpResponse<String> again = send("POST", "/v1/admin/jobs/" + job + "/complete", "{\"reason\":\"again\"}", "test-admin-token");
        assertThat(again.body()).contains("ALREADY_COMPLETED");
        assertThat(send("POST", "/v1/admin/jobs/" + UUID.randomUUID() + "/retry", null, "test-admin-token").statusCode()).isEqualTo(404);
        HttpResponse<String> forced = send("POST", "/v1/admin/circuit-breakers/" + op, "{\"mode\":\"force-open\"}", "test-admin-token");
        assertThat(forced.body()).contains("FORCED_OPEN");
        HttpResponse<String> breakers = send("GET", "/v1/admin/circuit-breakers", null, "test-admin-token");
        assertThat(breakers.body()).contains(op.toString()).contains("FORCED_OPEN");
        assertThat(server.get("/metrics").body()).contains("circuit_breaker_state{operator=\"" + op + "\"} 1.0");
    }
}
