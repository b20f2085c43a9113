package dev.yantra.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * On one real node with the real demo wallet, the real job runner and the real
 * breakers: the wallet goes down during play, the breaker opens, bets are refused without a call, owed money
 * waits in the queue; the wallet comes back, every job completes, every bet is final, and the demo ledger
 * matches wallet_calls to the micro.
 */
class WalletOutageEndToEndTest {
    static final long INITIAL = 1_000_000_000L;
    final HttpClient http = HttpClient.newHttpClient();
    int port;

    HttpResponse<String> bet(String token, String side, long amount) throws Exception {
        String body = TableFixture.JSON.writeValueAsString(Map.of("requestUuid", UUID.randomUUID().toString(),
                "amountMicro", Long.toString(amount), "selection", Map.of("side", side)));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/play/bets"))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void awaitBettingOpen(String token, long minMsLeft) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/play/state"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode s = TableFixture.JSON.readTree(r.body());
            if ("BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= minMsLeft) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no round opened for bets within 20 s");
    }

    void awaitBettingClosed(String token) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/play/state"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (!"BETTING_OPEN".equals(TableFixture.JSON.readTree(r.body()).path("state").asString())) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the round did not close for bets within 20 s");
    }

    @Test
    void a_wallet_outage_opens_the_breaker_parks_owed_money_and_everything_settles_exactly_when_it_returns() throws Exception {
        YantraEnv base = TestPostgres.freshEnv(TestServer.freePort());
        YantraEnv env = base.withWalletCallTimeoutMs(800).withJobRunner(8, 50);
        port = env.port();
        BreakerSettings breaker = new BreakerSettings(50f, 20, 5, Duration.ofSeconds(2), 1);
        ServerLauncher.Running node = ServerLauncher.start(env, gac -> gac.registerBean(BreakerSettings.class, () -> breaker));
        byte[] key = MasterKey.resolve(env);
        JdbcClient jdbc = node.database().jdbc();
        try (DemoWallet wallet = DemoWallet.start(node.database().dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), java.time.Clock.systemUTC(), INITIAL)) {
            DemoProvisioner provisioner = new DemoProvisioner(jdbc, key);
            // a window long enough for ten bets one after another on a loaded machine: a bet answered after the
            // round's close is refused (betting_closed), not accepted
            provisioner.provision(wallet.callbackUrl(), TableFixture.FAST.formatted(2500));
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tokens.add(provisioner.createSession("outage-" + i, "real", null, Duration.ofHours(1), Instant.now()));
            }
            CounterpartyBreakers breakers = node.context().getBean(CounterpartyBreakers.class);
            String op = DemoProvisioner.OPERATOR_ID.toString();

            // a round taken while the wallet is healthy, both sides covered so it surely has winners
            awaitBettingOpen(tokens.getFirst(), 2000);
            for (int i = 0; i < tokens.size(); i++) assertEquals(201, bet(tokens.get(i), i % 2 == 0 ? "LOW" : "HIGH", 20_000).statusCode());

            // the wallet goes down before that round settles: its winners must wait as WIN jobs; in the next
            // round a few bets find out the hard way, then the breaker refuses at once
            wallet.setFaults(Faults.NONE.withDown(true));
            awaitBettingClosed(tokens.getFirst());
            awaitBettingOpen(tokens.getFirst(), 1500);
            int refused = 0;
            for (String t : tokens) {
                HttpResponse<String> r = bet(t, "HIGH", 30_000);
                assertTrue(r.statusCode() == 422 || r.statusCode() == 503, r.body());
                if (r.statusCode() == 503) {
                    assertTrue(r.body().contains("operator_unavailable"), r.body());
                    refused++;
                }
            }
            assertTrue(refused > 0, "the breaker opened and refused some bets");
            assertEquals(CounterpartyBreakers.State.OPEN, breakers.state(op));
            long betCalls = jdbc.sql("SELECT count(*) FROM wallet_calls WHERE endpoint = 'BET'").query(Long.class).single();
            long started = System.nanoTime();
            HttpResponse<String> fast = bet(tokens.getLast(), "LOW", 10_000);
            long refusedMs = (System.nanoTime() - started) / 1_000_000;
            if (fast.statusCode() == 503) {
                assertEquals(betCalls, jdbc.sql("SELECT count(*) FROM wallet_calls WHERE endpoint = 'BET'").query(Long.class).single());
                System.err.println("bet refused by the open breaker in " + refusedMs + " ms");
            }
            Thread.sleep(2500);  // rounds settle while the wallet is down: winners wait as WIN jobs

            // the wallet comes back: the breaker half-opens, a probe closes it, the queue drains
            wallet.setFaults(Faults.NONE);
            TableFixture.await("every bet final and every job done", 60_000, () ->
                    jdbc.sql("SELECT count(*) FROM bets WHERE state NOT IN ('REJECTED','LOST','WON','REFUNDED')").query(Integer.class).single() == 0
                            && jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL").query(Integer.class).single() == 0);
            assertTrue(jdbc.sql("SELECT count(*) FROM pending_wallet_jobs").query(Integer.class).single() > 0, "the outage made jobs");

            // every player's balance is what the bets say, and the journal agrees with the ledger to the micro
            for (int i = 0; i < 10; i++) {
                String p = "outage-" + i;
                long stakes = jdbc.sql("SELECT coalesce(sum(amount_micro), 0) FROM bets WHERE player_ref = ? AND state IN ('LOST','WON')")
                        .param(p).query(Long.class).single();
                long wins = jdbc.sql("SELECT coalesce(sum(payout_micro), 0) FROM bets WHERE player_ref = ? AND state = 'WON'")
                        .param(p).query(Long.class).single();
                long balance = jdbc.sql("SELECT balance_micro FROM demo_wallet_players WHERE player_ref = ?").param(p).query(Long.class).single();
                assertEquals(INITIAL - stakes + wins, balance, "balance of " + p);
            }
            Map<String, Object> ours = jdbc.sql("""
                    SELECT coalesce(sum(amount_micro) FILTER (WHERE endpoint = 'BET'), 0) AS bets,
                           coalesce(sum(amount_micro) FILTER (WHERE endpoint = 'WIN'), 0) AS wins,
                           coalesce(sum(amount_micro) FILTER (WHERE endpoint = 'ROLLBACK'), 0) AS rollbacks
                    FROM (SELECT DISTINCT ON (transaction_uuid) transaction_uuid, endpoint, amount_micro
                          FROM wallet_calls WHERE succeeded AND endpoint <> 'BALANCE') t""").query().singleRow();
            Map<String, Object> theirs = jdbc.sql("""
                    SELECT coalesce(sum(amount_micro) FILTER (WHERE kind = 'BET'), 0) AS bets,
                           coalesce(sum(amount_micro) FILTER (WHERE kind = 'WIN'), 0) AS wins,
                           coalesce(sum(amount_micro) FILTER (WHERE kind = 'ROLLBACK'), 0) AS rollbacks
                    FROM demo_wallet_transactions""").query().singleRow();
            assertEquals(theirs.toString(), ours.toString(), "wallet_calls (each transaction once) vs the demo ledger");
            assertTrue(jdbc.sql("SELECT count(*) FROM breaker_transitions WHERE to_state = 'OPEN'").query(Integer.class).single() >= 1);
            assertEquals(CounterpartyBreakers.State.CLOSED, breakers.state(op));
            assertEquals(List.of(), new MoneyInvariants(jdbc).violations(), "bets breaking the money invariants");
        } finally {
            node.context().close();
            node.database().close(false);
        }
    }
}
