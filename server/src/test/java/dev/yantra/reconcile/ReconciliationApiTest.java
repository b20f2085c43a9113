package dev.yantra.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.signing.OperatorFixture;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The operator API and the daily run over the same database comparison. */
class ReconciliationApiTest {
    static final UUID OPERATOR = UUID.fromString("0b6f1d7e-8d1c-4f55-9b3e-2a7c1f0e9d02");
    static final LocalDate DAY = LocalDate.parse("2025-03-10");

    @TempDir
    Path dir;

    static void seed(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'api-op', 'c@example.com')")
                .param(OPERATOR).update();
        jdbc.sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro,
                                          currency, latency_ms, succeeded, created_at)
                VALUES (gen_random_uuid(), ?, 'BET', gen_random_uuid(), gen_random_uuid(), 5000000, 'LKR', 3, true,
                        '2025-03-10T08:00:00Z')""").param(OPERATOR).update();
    }

    static String body(String csv) {
        return "{\"requestUuid\":\"" + UUID.randomUUID() + "\",\"csv\":\"" + csv.replace("\r", "\\r").replace("\n", "\\n") + "\"}";
    }

    @Test
    void an_operator_reconciles_itself_over_the_api_and_only_itself() throws Exception {
        try (TestServer server = TestServer.start()) {
            OperatorFixture op = OperatorFixture.create(server, "recon-op");
            JdbcClient jdbc = server.running.database().jdbc();
            jdbc.sql("""
                    INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro,
                                              currency, latency_ms, succeeded, created_at)
                    VALUES (gen_random_uuid(), ?, 'BET', gen_random_uuid(), gen_random_uuid(), 5000000, 'LKR', 3, true,
                            '2025-03-10T08:00:00Z')""").param(op.operatorId()).update();
            StringWriter ours = new StringWriter();
            new ReconcileService(server.running.database().dataSource(), Clock.systemUTC(), ReconcileLimits.DEFAULTS)
                    .exportSummary(op.operatorId().toString(), DAY, ours);

            HttpResponse<String> ok = op.client().post("/v1/reports/reconciliation", body(ours.toString()));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ok.body()).contains("MATCH");

            String other = ours.toString() + UUID.randomUUID() + ",2025-03-10,LKR,1,0,0\n";
            HttpResponse<String> mismatch = op.client().post("/v1/reports/reconciliation", body(other));
            assertThat(mismatch.statusCode()).isEqualTo(403);
            assertThat(mismatch.body()).contains("operator_mismatch");

            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.url("/v1/reports/reconciliation"))).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(ours.toString()))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void the_daily_run_records_the_status_the_gauge_reads_and_logs_a_missing_file() throws Exception {
        String url = TestPostgres.freshDatabaseUrl();
        DriverManagerDataSource ds = new DriverManagerDataSource(url);
        seed(JdbcClient.create(ds));
        ReconcileService service = new ReconcileService(ds, Clock.systemUTC(), ReconcileLimits.DEFAULTS);
        DailyReconciliation daily = new DailyReconciliation(service, JdbcClient.create(ds),
                new DailyReconciliation.Settings(LocalTime.of(0, 30), Optional.of(dir)));
        assertThat(daily.runFor(DAY)).isZero();

        Files.writeString(dir.resolve(OPERATOR + "_" + DAY + ".csv"),
                "operatorId,date,currency,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro\n"
                        + OPERATOR + "," + DAY + ",LKR,6000000,0,0\n");
        assertThat(daily.runFor(DAY)).isEqualTo(1);
        assertThat(JdbcClient.create(ds).sql("SELECT status FROM reconciliation_results WHERE operator_id = ? AND currency = 'LKR'")
                .param(OPERATOR.toString()).query(String.class).single()).isEqualTo("MAJOR_DRIFT");
    }
}
