package dev.yantra.portal;

import dev.yantra.api.Json;
import dev.yantra.config.MasterKey;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A real node, its database and the demo operator ({@code demo-casino}) with its demo wallet and a fast table, for
 * the portal's tests: players place real bets through /v1/play, so bets, rounds, wallet calls and jobs are the
 * rows the engine itself writes. Portal users are made through the same stores the CLI uses.
 */
public final class PortalWorld implements AutoCloseable {
    public static final String PASSWORD = "portal test password";
    static final String CONFIG = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":1500,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";
    public final TestServer server;
    public final DemoWallet wallet;
    public final JdbcClient jdbc;
    public final DemoProvisioner demo;
    public final PortalUsers users;
    public final SecondFactor factor;

    public PortalWorld() {
        server = TestServer.start();
        jdbc = server.running.database().jdbc();
        byte[] key = MasterKey.resolve(server.env);
        wallet = DemoWallet.start(server.running.database().dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), Clock.systemUTC(), 1_000_000_000L);
        demo = new DemoProvisioner(jdbc, key);
        demo.provision(wallet.callbackUrl(), CONFIG);
        users = server.running.context().getBean(PortalUsers.class);
        factor = server.running.context().getBean(SecondFactor.class);
    }

    /** A user with its second factor enrolled; returns its TOTP secret. */
    public String user(String username, PortalRole role, UUID operator) {
        PortalUser u = users.create(username, PASSWORD, role, operator, "test");
        return factor.enrolNow(u.id(), u.username(), "test").secret();
    }

    public String session(String player) {
        return demo.createSession(player, "real", null, Duration.ofHours(1), Instant.now());
    }

    /** Places one bet in the next open round; returns the bet's JSON answer. */
    public JsonNode bet(String token, String side) throws Exception {
        await("a round open for bets", 30_000, () -> {
            JsonNode s = state(token);
            return "BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= 400;
        });
        String body = Json.MAPPER.writeValueAsString(Map.of("requestUuid", UUID.randomUUID().toString(),
                "amountMicro", "100000", "selection", Map.of("side", side)));
        HttpResponse<String> r = server.http.send(request("/v1/play/bets", token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.parse(r.body());
    }

    public JsonNode state(String token) {
        try {
            return Json.parse(server.http.send(request("/v1/play/state", token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bet settled in a round that is settled too (its proof published). */
    public UUID settledBet(String player) throws Exception {
        String token = session(player);
        JsonNode bet = bet(token, "LOW");
        // under load the round may close between the state read and the bet (409 betting_closed): try the next one
        for (int i = 0; i < 5 && !bet.has("betId"); i++) bet = bet(token, "LOW");
        if (!bet.has("betId")) throw new AssertionError("no bet was accepted: " + bet);
        UUID id = UUID.fromString(bet.path("betId").asString());
        await("bet " + id + " settled", 30_000, () -> jdbc.sql("""
                SELECT count(*) FROM bets b JOIN rounds r ON r.id = b.round_id
                WHERE b.id = ? AND b.state IN ('LOST', 'WON') AND r.state = 'SETTLED'""").param(id).query(Long.class).single() == 1);
        return id;
    }

    /** A bet the wallet answered in doubt, whose ROLLBACK job keeps failing: a stuck job, as in the playbook. */
    public UUID stuckRollbackJob(String player) throws Exception {
        wallet.setFaults(Faults.NONE.withForced("BET", "RS_ERROR_UNKNOWN").withForced("ROLLBACK", "RS_ERROR_UNKNOWN"));
        String token = session(player);
        bet(token, "HIGH");
        UUID[] job = new UUID[1];
        await("a ROLLBACK job for " + player, 30_000, () -> {
            job[0] = jdbc.sql("SELECT id FROM pending_wallet_jobs WHERE player_ref = ? AND endpoint = 'ROLLBACK' AND completed_at IS NULL")
                    .param(player).query(UUID.class).optional().orElse(null);
            return job[0] != null;
        });
        return job[0];
    }

    public static void await(String what, long ms, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        wallet.close();
        server.close();
    }
}
