package dev.yantra.round;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demo.InterimDemoWallet;
import dev.yantra.round.port.WalletPort;
import dev.yantra.round.port.WalletReply;
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
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A demo wallet, one or more real nodes over one fresh database, and the demo operator with a fast table. */
final class TableFixture implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FAST = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":%d,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";
    static final long INITIAL_MICRO = 1_000_000_000L;

    final YantraEnv env;
    final InterimDemoWallet wallet;
    final List<ServerLauncher.Running> nodes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final DemoProvisioner provisioner;

    TableFixture(int walletTimeoutMs, long bettingMs) throws Exception {
        YantraEnv base = TestPostgres.freshEnv(TestServer.freePort());
        this.env = new YantraEnv(base.port(), base.dataDir(), base.databaseUrl(), base.masterKeyBase64(),
                base.adminTokens(), base.signatureWindowSeconds(), walletTimeoutMs, base.pendingJobConcurrency(),
                base.pendingJobMaxAttempts(), base.shutdownGraceSeconds(), base.demoWalletPort());
        byte[] key = MasterKey.resolve(env);
        wallet = new InterimDemoWallet(0, DemoProvisioner.walletSecret(key), INITIAL_MICRO);
        nodes.add(pauseJobRunner(ServerLauncher.start(env, null)));
        provisioner = new DemoProvisioner(jdbc(), key);
        provisioner.provision(wallet.url(), FAST.formatted(bettingMs));
    }

    ServerLauncher.Running startNode() {
        ServerLauncher.Running n = pauseJobRunner(ServerLauncher.start(env.withPort(TestServer.freePort()), null));
        nodes.add(n);
        return n;
    }

    /**
     * These tests look at jobs while they are still open and drive them with {@link #runJobsOnce}; the wallet
     * feature's runner (tested on its own in dev.yantra.jobs) would complete them first.
     */
    static ServerLauncher.Running pauseJobRunner(ServerLauncher.Running n) {
        n.context().getBean(dev.yantra.jobs.JobsConfiguration.WalletJobsLifecycle.class).runner().stop(java.time.Duration.ofSeconds(1));
        return n;
    }

    JdbcClient jdbc() {
        return nodes.getFirst().database().jdbc();
    }

    String session(String player, String mode, Long demoBalance) {
        return provisioner.createSession(player, mode, demoBalance, Duration.ofHours(1), Instant.now());
    }

    int port(ServerLauncher.Running node) {
        return node.node().env().port();
    }

    HttpResponse<String> post(String token, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(nodes.getFirst()) + path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(nodes.getFirst()) + path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    HttpResponse<String> bet(String token, String side, long amountMicro) throws Exception {
        return post(token, "/v1/play/bets", JSON.writeValueAsString(Map.of("requestUuid", UUID.randomUUID().toString(),
                "amountMicro", Long.toString(amountMicro), "selection", Map.of("side", side))));
    }

    /** Waits until the table's current round is open for bets with at least minMsLeft to go; returns its id. */
    String awaitBettingOpen(String token, long minMsLeft) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode s = get(token, "/v1/play/state");
            if ("BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= minMsLeft) {
                return s.get("roundId").asString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no round opened for bets within 20 s");
    }

    static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    int openBets() {
        return jdbc().sql("SELECT count(*) FROM bets WHERE state NOT IN ('REJECTED','LOST','WON','REFUNDED')")
                .query(Integer.class).single();
    }

    /**
     * Stand-in for the wallet feature's job runner: completes every open job once through the wallet client and
     * moves its bet as conventions.md says.
     */
    void runJobsOnce(WalletPort walletPort) {
        JdbcClient j = jdbc();
        List<Map<String, Object>> jobs = j.sql("""
                SELECT id, endpoint, bet_id, round_id, operator_id, player_ref, currency, amount_micro, request_uuid,
                       transaction_uuid, reference_transaction_uuid FROM pending_wallet_jobs WHERE completed_at IS NULL""")
                .query().listOfRows();
        for (Map<String, Object> job : jobs) {
            WalletPort.Call call = new WalletPort.Call((UUID) job.get("operator_id"), (String) job.get("player_ref"),
                    (String) job.get("currency"), DemoProvisioner.GAME_CODE, (UUID) job.get("round_id"),
                    (UUID) job.get("bet_id"), (UUID) job.get("request_uuid"), (UUID) job.get("transaction_uuid"),
                    (UUID) job.get("reference_transaction_uuid"), (Long) job.get("amount_micro"));
            boolean win = "WIN".equals(job.get("endpoint"));
            WalletReply reply = win ? walletPort.win(call) : walletPort.rollback(call);
            if (reply.outcome() == WalletReply.Outcome.UNKNOWN) continue;
            j.sql("UPDATE pending_wallet_jobs SET completed_at = now(), completion = 'WALLET', result_status = :s WHERE id = :id")
                    .param("s", reply.status()).param("id", job.get("id")).update();
            String to = win ? "WON" : reply.done() ? "REFUNDED" : "REJECTED";
            j.sql("""
                    UPDATE bets SET state = CASE WHEN state = 'REFUND_OWED' THEN 'REFUNDED' ELSE :to END, updated_at = now()
                     WHERE id = :b AND state IN ('WIN_OWED', 'UNCERTAIN', 'REFUND_OWED')""")
                    .param("to", to).param("b", job.get("bet_id")).update();
        }
    }

    @Override
    public void close() {
        for (ServerLauncher.Running n : nodes) {
            try {
                n.context().close();
                n.database().close(false);
            } catch (RuntimeException ignored) {
                // already stopped by the test
            }
        }
        wallet.close();
    }
}
