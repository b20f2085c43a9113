package dev.yantra.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.config.MasterKey;
import dev.yantra.control.ControlPlane;
import dev.yantra.control.KillSwitch;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.operator.CredentialStore;
import dev.yantra.signing.SpecClient;
import dev.yantra.testing.Await;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SLO series the recording rules read, emitted by real traffic: bets through HTTP against the demo wallet
 * (accepted, refused by us, refused by the wallet, in doubt), winners whose WIN call fails and is confirmed later
 * by the job runner, and sessions created through the signed operator API. The counts on /metrics must equal
 * what the test did and what the database says.
 */
class SloMetricsEndToEndTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FAST = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":2500,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";
    static final String OP = DemoProvisioner.OPERATOR_ID.toString();

    TestServer server;

    MetricsScrape scrape() {
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return MetricsScrape.parse(r.body());
    }

    HttpResponse<String> bet(String token, String side, long amount) throws Exception {
        String body = JSON.writeValueAsString(Map.of("requestUuid", UUID.randomUUID().toString(),
                "amountMicro", Long.toString(amount), "selection", Map.of("side", side)));
        return server.http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/play/bets"))).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void awaitBettingOpen(String token) throws Exception {
        await("a round open for bets", 20_000, () -> {
            try {
                HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/play/state")))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode s = JSON.readTree(r.body());
                return "BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= 2000;  // six bets in a row on a loaded machine, each answered before the close
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        // the tests' one wait: testing.Await
        Await.until(what, Duration.ofMillis(timeoutMs), condition);
    }

    @Test
    void bets_settlements_and_session_creates_show_up_on_metrics_with_the_counts_of_what_happened() throws Exception {
        TestServer started = TestServer.start();
        server = started;
        byte[] key = MasterKey.resolve(server.env);
        JdbcClient jdbc = server.running.database().jdbc();
        try (started; DemoWallet wallet = DemoWallet.start(server.running.database().dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), Clock.systemUTC(), 1_000_000_000L)) {
            DemoProvisioner provisioner = new DemoProvisioner(jdbc, key);
            provisioner.provision(wallet.callbackUrl(), FAST);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 9; i++) tokens.add(provisioner.createSession("slo-" + i, "real", null, Duration.ofHours(1), Instant.now()));

            // before any traffic: the operator created after start-up gets every series at 0 at the next refresh
            await("pre-registered SLO series", 15_000, () -> scrape().value("bets_total", "operator", OP, "outcome", "error") != null);
            MetricsScrape before = scrape();
            for (String outcome : SloMeters.OUTCOMES) {
                assertThat(before.value("bets_total", "operator", OP, "outcome", outcome)).as(outcome).isEqualTo(0.0);
            }
            // the thresholds the rules select with le=~"300(\\.0)?" and friends, rendered as Micrometer does
            assertThat(before.value("bet_accept_latency_ms_bucket", "operator", OP, "le", "300.0")).isEqualTo(0.0);
            assertThat(before.value("bet_accept_latency_ms_bucket", "operator", OP, "le", "800.0")).isEqualTo(0.0);
            assertThat(before.value("bet_to_settlement_ms_bucket", "operator", OP, "le", "1500.0")).isEqualTo(0.0);
            assertThat(before.value("session_create_latency_ms_bucket", "operator", OP, "le", "150.0")).isEqualTo(0.0);

            // rejected by us (below the minimum), rejected by the wallet (no funds), in doubt (RS_ERROR_UNKNOWN: error)
            awaitBettingOpen(tokens.getFirst());
            assertThat(bet(tokens.get(6), "LOW", 1).statusCode()).isEqualTo(422);
            wallet.setFaults(Faults.NONE.withForced("BET", "RS_ERROR_NOT_ENOUGH_MONEY"));
            assertThat(bet(tokens.get(7), "LOW", 20_000).statusCode()).isEqualTo(422);
            wallet.setFaults(Faults.NONE.withForced("BET", "RS_ERROR_UNKNOWN"));
            assertThat(bet(tokens.get(8), "LOW", 20_000).statusCode()).isEqualTo(422);
            wallet.setFaults(Faults.NONE);

            // accepted: three players on each side, while settlements are halted (winners parked as WIN jobs),
            // for as many rounds as it takes to have a winner; then resume: the job runner confirms those wins late
            ControlPlane control = server.running.context().getBean(ControlPlane.class);
            control.store().halt(KillSwitch.Scope.SETTLEMENTS, DemoProvisioner.OPERATOR_ID, null, "slo test", "cli:test");
            control.refresh();
            int accepted = 0;
            for (int round = 0; round < 5 && winJobs(jdbc) == 0; round++) {
                awaitBettingOpen(tokens.getFirst());
                for (int i = 0; i < 6; i++) {
                    assertThat(bet(tokens.get(i), i < 3 ? "LOW" : "HIGH", 20_000).statusCode()).isEqualTo(201);
                    accepted++;
                }
                await("the round decided", 10_000, () -> jdbc.sql("SELECT count(*) FROM bets WHERE state = 'ACCEPTED'").query(Integer.class).single() == 0);
                // payWinners parks the halted operator's winners as jobs, just after the round decided them
                await("the round's winners parked as WIN jobs", 10_000, () -> jdbc.sql("""
                        SELECT count(*) FROM bets b WHERE b.state = 'WIN_OWED'
                           AND NOT EXISTS (SELECT 1 FROM pending_wallet_jobs j WHERE j.bet_id = b.id AND j.endpoint = 'WIN')""")
                        .query(Integer.class).single() == 0);
            }
            assertThat(winJobs(jdbc)).as("a winner's WIN went through the job queue").isPositive();
            await("the parked wins waited past the 1.5 s threshold", 10_000, () -> jdbc.sql("""
                    SELECT count(*) FROM pending_wallet_jobs
                     WHERE endpoint = 'WIN' AND completed_at IS NULL AND created_at > now() - interval '1600 milliseconds'""")
                    .query(Integer.class).single() == 0);
            control.store().resume(KillSwitch.Scope.SETTLEMENTS, DemoProvisioner.OPERATOR_ID, null, "slo test", "cli:test");
            control.refresh();

            // two sessions through the signed operator API
            CredentialStore credentials = server.running.context().getBean(CredentialStore.class);
            CredentialStore.Issued inbound = credentials.issue(DemoProvisioner.OPERATOR_ID, CredentialStore.Kind.INBOUND, null, "test");
            SpecClient api = new SpecClient(server.url(""), inbound.credential().kid(), inbound.secret());
            for (int i = 0; i < 2; i++) {
                String body = """
                        {"requestUuid":"%s","operatorId":"%s","playerRef":"api-%d","gameCode":"ketapola-dice","currency":"LKR"}"""
                        .formatted(UUID.randomUUID(), OP, i);
                assertThat(api.post("/v1/session", body).statusCode()).isEqualTo(201);
            }

            await("every bet final and every job done", 60_000, () ->
                    jdbc.sql("SELECT count(*) FROM bets WHERE state NOT IN ('REJECTED','LOST','WON','REFUNDED')").query(Integer.class).single() == 0
                            && jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL").query(Integer.class).single() == 0);

            MetricsScrape after = scrape();
            assertThat(after.value("bets_total", "operator", OP, "outcome", "accepted")).isEqualTo((double) accepted);
            assertThat(after.value("bets_total", "operator", OP, "outcome", "rejected")).isEqualTo(2.0);
            assertThat(after.value("bets_total", "operator", OP, "outcome", "error")).isEqualTo(1.0);
            assertThat(after.value("bet_accept_latency_ms_count", "operator", OP)).isEqualTo(accepted + 3.0);
            assertThat(after.value("bet_accept_latency_ms_bucket", "operator", OP, "le", "+Inf")).isEqualTo(accepted + 3.0);
            assertThat(after.value("bet_accept_latency_ms_sum", "operator", OP)).isPositive();

            // one settlement per real bet a RESULT made final: losers at once, winners now or through their job
            long settled = jdbc.sql("SELECT count(*) FROM bets WHERE state IN ('LOST','WON') AND mode = 'real'").query(Long.class).single();
            assertThat(settled).isEqualTo(accepted);
            assertThat(after.value("bet_to_settlement_ms_count", "operator", OP)).isEqualTo((double) settled);
            // the parked winners were confirmed after the 1.5 s threshold: outside the le="1500.0" bucket
            long late = jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE endpoint = 'WIN' AND completed_at IS NOT NULL").query(Long.class).single();
            assertThat(late).isEqualTo(winJobs(jdbc));
            assertThat(after.value("bet_to_settlement_ms_bucket", "operator", OP, "le", "1500.0")).isLessThanOrEqualTo((double) (settled - late));
            assertThat(after.value("bet_to_settlement_ms_max", "operator", OP)).isGreaterThan(1500.0);

            assertThat(after.value("session_create_latency_ms_count", "operator", OP)).isEqualTo(2.0);
            assertThat(after.value("session_create_latency_ms_bucket", "operator", OP, "le", "+Inf")).isEqualTo(2.0);
            assertThat(new dev.yantra.round.MoneyInvariants(jdbc).violations()).as("bets breaking the money invariants").isEmpty();
        }
    }

    static int winJobs(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE endpoint = 'WIN'").query(Integer.class).single();
    }
}
