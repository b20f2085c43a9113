package dev.yantra.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The levers over the admin API: audited under the admin token's name, refused without a token. */
class ControlAdminApiTest {
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(TestServer s, String method, String path, String body, boolean withToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path))).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (withToken) b.header("Authorization", "Bearer test-admin-token");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void halts_settings_configs_and_banners_work_over_the_admin_api_and_are_audited() throws Exception {
        try (TestServer s = TestServer.start()) {
            UUID op = UUID.randomUUID();
            var jdbc = s.running.database().jdbc();
            jdbc.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'admin-op', 'c')").param(op).update();

            assertThat(send(s, "POST", "/v1/admin/halts", "{\"scope\":\"BETS\",\"operatorId\":\"" + op + "\"}", false).statusCode()).isEqualTo(401);
            HttpResponse<String> halt = send(s, "POST", "/v1/admin/halts", "{\"scope\":\"BETS\",\"operatorId\":\"" + op + "\",\"reason\":\"drift\"}", true);
            assertThat(halt.statusCode()).as(halt.body()).isEqualTo(200);
            assertThat(send(s, "GET", "/readyz", null, false).body()).contains("bets halted for operator " + op);
            assertThat(send(s, "POST", "/v1/admin/halts/resume", "{\"scope\":\"BETS\",\"operatorId\":\"" + op + "\"}", true).body()).contains("\"resumed\":1");
            assertThat(send(s, "POST", "/v1/admin/halts", "{\"scope\":\"EVERYTHING\"}", true).statusCode()).isEqualTo(400);

            assertThat(send(s, "PUT", "/v1/admin/settings/jobs.concurrency", "{\"value\":\"32\"}", true).body()).contains("\"jobs.concurrency\":32");
            assertThat(send(s, "PUT", "/v1/admin/settings/jobs.concurrency", "{\"value\":\"0\"}", true).statusCode()).isEqualTo(400);

            HttpResponse<String> created = send(s, "PUT", "/v1/admin/operators/" + op + "/game-configs/ketapola-dice/LKR",
                    "{\"changes\":{\"commissionMicro\":\"3000\"}}", true);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            HttpResponse<String> unconfirmed = send(s, "PUT", "/v1/admin/operators/" + op + "/game-configs/ketapola-dice/LKR",
                    "{\"changes\":{\"commissionMicro\":\"5000\"}}", true);
            assertThat(unconfirmed.statusCode()).isEqualTo(409);
            assertThat(unconfirmed.body()).contains("rtp_change_needs_confirmation");
            assertThat(send(s, "PUT", "/v1/admin/operators/" + op + "/game-configs/ketapola-dice/LKR",
                    "{\"changes\":{\"commissionMicro\":\"5000\"},\"confirm\":true}", true).statusCode()).isEqualTo(200);
            assertThat(jdbc.sql("SELECT changed_by FROM operator_config_audit_log WHERE field_name = 'commissionMicro' ORDER BY id DESC LIMIT 1")
                    .query(String.class).single()).isEqualTo("test-admin");

            assertThat(send(s, "POST", "/v1/admin/operators/" + op + "/incident", "{\"message\":\"wallet maintenance\"}", true).statusCode()).isEqualTo(200);
            assertThat(send(s, "GET", "/v1/public/operators/" + op + "/incident", null, false).body()).contains("wallet maintenance");
            assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'test-admin'").query(Integer.class).single())
                    .isGreaterThanOrEqualTo(4);
        }
    }
}
