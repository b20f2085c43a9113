package dev.yantra.round;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.breaker.BreakerSettings;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.Await;
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

/**
 * The real demo wallet (its ledger in the same fresh database), one or more real nodes with their job runners,
 * and the demo operator with a fast table. Tests hold jobs open with wallet faults, never by pausing the runner.
 */
final class TableFixture implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FAST = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":%d,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";
    static final long INITIAL_MICRO = 1_000_000_000L;

    final YantraEnv env;
    final DemoWallet wallet;
    final List<ServerLauncher.Running> nodes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final DemoProvisioner provisioner;

    TableFixture(int walletTimeoutMs, long bettingMs) throws Exception {
        this(walletTimeoutMs, bettingMs, url -> url);
    }

    /** As above, with every connection (nodes and demo wallet) made to {@code route}'s rewrite of the database URL. */
    TableFixture(int walletTimeoutMs, long bettingMs, java.util.function.UnaryOperator<String> route) throws Exception {
        this(walletTimeoutMs, FAST.formatted(bettingMs), route);
    }

    /** With the table's config JSON given whole (window lengths, weights). */
    TableFixture(int walletTimeoutMs, String tableConfigJson) throws Exception {
        this(walletTimeoutMs, tableConfigJson, url -> url);
    }

    private TableFixture(int walletTimeoutMs, String tableConfigJson, java.util.function.UnaryOperator<String> route) throws Exception {
        YantraEnv base = TestPostgres.freshEnv(TestServer.freePort());
        this.env = base.withDatabaseUrl(base.databaseUrl().map(route).orElse(null)).withWalletCallTimeoutMs(walletTimeoutMs);
        byte[] key = MasterKey.resolve(env);
        nodes.add(ServerLauncher.start(env, TableFixture::shortBreakerOpen));
        wallet = DemoWallet.start(nodes.getFirst().database().dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), java.time.Clock.systemUTC(), INITIAL_MICRO);
        provisioner = new DemoProvisioner(jdbc(), key);
        provisioner.provision(wallet.callbackUrl(), tableConfigJson);
    }

    ServerLauncher.Running startNode() {
        ServerLauncher.Running n = ServerLauncher.start(env.withPort(TestServer.freePort()), TableFixture::shortBreakerOpen);
        nodes.add(n);
        return n;
    }

    /** Default thresholds, but 2 s open instead of 30 s, so a test's wallet trouble clears quickly once it ends. */
    static void shortBreakerOpen(org.springframework.context.support.GenericApplicationContext gac) {
        BreakerSettings settings = new BreakerSettings(50f, 20, 5, Duration.ofSeconds(2), 1);
        gac.registerBean(BreakerSettings.class, () -> settings);
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
        // the tests' one wait: testing.Await
        Await.until(what, Duration.ofMillis(timeoutMs), condition);
    }

    int openBets() {
        return jdbc().sql("SELECT count(*) FROM bets WHERE state NOT IN ('REJECTED','LOST','WON','REFUNDED')")
                .query(Integer.class).single();
    }

    /** One entry of the demo wallet's ledger that moved money (or was refused as a rollback of nothing). */
    record LedgerEntry(UUID transactionUuid, String kind, String playerRef, long amountMicro, String resultStatus) {
    }

    List<LedgerEntry> ledgerEntries() {
        return jdbc().sql("SELECT transaction_uuid, kind, player_ref, amount_micro, result_status FROM demo_wallet_transactions")
                .query((rs, n) -> new LedgerEntry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5))).list();
    }

    /** The player's balance in the demo wallet: its starting balance until the wallet has seen the player. */
    long balance(String playerRef) {
        return jdbc().sql("SELECT balance_micro FROM demo_wallet_players WHERE player_ref = ?").param(playerRef)
                .query(Long.class).optional().orElse(INITIAL_MICRO);
    }

    void faults(Faults f) {
        wallet.setFaults(f);
    }

    int openJobs() {
        return jdbc().sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL").query(Integer.class).single();
    }

    /** Nothing breaks the always-on money rules ({@link MoneyInvariants}), in any round of the test. */
    void assertMoneyInvariantsHold() {
        ServerLauncher.Running live = nodes.stream().filter(n -> n.context().isActive()).findFirst()
                .orElseThrow(() -> new AssertionError("no node left running to check the money invariants with"));
        List<MoneyInvariants.Violation> broken = new MoneyInvariants(live.database().jdbc()).violations();
        if (!broken.isEmpty()) throw new AssertionError("bets breaking the money invariants: " + broken);
    }

    /** Stops everything; first, whatever the test did, the money invariants must hold (every test on it checks them). */
    @Override
    public void close() {
        try {
            assertMoneyInvariantsHold();
        } finally {
            closeAll();
        }
    }

    private void closeAll() {
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
