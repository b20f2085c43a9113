package dev.yantra.chaos;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.testing.Await;
import dev.yantra.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several `yantra serve` processes on one fresh PostgreSQL database (DATABASE_URL, nothing embedded per node), the
 * demo wallet running in the test JVM on the same database (its ledger tables beside ours, faults switchable from
 * the test), and the demo operator provisioned with a fast table.
 */
final class Cluster implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long INITIAL_MICRO = 1_000_000_000L;
    /** How long a node may take to become ready: seconds on a quiet machine, minutes on a loaded, shared one. */
    static final Duration NODE_START = Duration.ofMinutes(5);
    static final String FAST = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":%d,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";

    final YantraEnv env;
    final Database db;
    final DemoWallet wallet;
    final DemoProvisioner provisioner;
    final Path logDir;
    final List<ChaosNode> nodes = new ArrayList<>();
    private final Map<String, String> nodeEnv = new HashMap<>();
    private final Map<UUID, DemoProvisioner> operators = new java.util.concurrent.ConcurrentHashMap<>();
    private final String config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** @param extraEnv node environment on top of the database, key and fast defaults (round windows come from bettingMs) */
    Cluster(String test, long bettingMs, Map<String, String> extraEnv) {
        env = TestPostgres.freshEnv(1);
        db = Database.open(env, "yantra-chaos-test", 8, null);
        byte[] key = MasterKey.resolve(env);
        wallet = DemoWallet.start(db.dataSource(), 0, 0, Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)),
                Clock.systemUTC(), INITIAL_MICRO);
        Observers.install(db.jdbc());   // job-completed-once reads what its trigger records
        provisioner = new DemoProvisioner(db.jdbc(), key);
        config = FAST.formatted(bettingMs);
        provisioner.provision(wallet.callbackUrl(), config);
        try {
            logDir = java.nio.file.Files.createTempDirectory("yantra-chaos-" + test);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        nodeEnv.put("DATABASE_URL", env.databaseUrl().orElseThrow());
        nodeEnv.put("YANTRA_MASTER_KEY", env.masterKeyBase64().orElseThrow());
        nodeEnv.put("JWT_SECRET", env.jwtSecret().orElseThrow());
        nodeEnv.put("YANTRA_ADMIN_TOKENS", env.adminTokens().orElseThrow());
        nodeEnv.put("WALLET_CALL_TIMEOUT_MS", "800");
        nodeEnv.put("PENDING_JOB_CONCURRENCY", "8");
        nodeEnv.put("SHUTDOWN_GRACE_SECONDS", "10");
        nodeEnv.put("BREAKER_OPEN_SECONDS", "1");
        nodeEnv.putAll(extraEnv);
        System.err.println("[chaos] " + test + ": node logs in " + logDir);
    }

    JdbcClient jdbc() {
        return db.jdbc();
    }

    /** A new node process (node-0, node-1, ... in the order added), started. */
    ChaosNode addNode() {
        ChaosNode n = new ChaosNode(nodes.size(), nodeEnv, logDir).start();
        nodes.add(n);
        return n;
    }

    String session(String player) {
        return provisioner.createSession(player, "real", null, Duration.ofHours(2), Instant.now());
    }

    /**
     * A second operator beside demo-casino, provisioned as the demo one is: its own outbound key (known to the demo
     * wallet), the same fast ketapola-dice table in LKR, so each operator has its own table and rounds.
     */
    UUID addOperator(String name) {
        UUID id = UUID.nameUUIDFromBytes(("yantra:test:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] key = MasterKey.resolve(env);
        DemoProvisioner p = new DemoProvisioner(jdbc(), key, id, name, name + "-outbound");
        p.provision(wallet.callbackUrl(), config);
        wallet.addSecret(name + "-outbound", DemoProvisioner.walletSecret(key));
        operators.put(id, p);
        return id;
    }

    /** A real-money session of {@code operatorId}'s player (an operator added with {@link #addOperator}); its token. */
    String session(UUID operatorId, String player) {
        return operators.get(operatorId).createSession(player, "real", null, Duration.ofHours(2), Instant.now());
    }

    /** Runs a `yantra` command in this JVM through the real picocli entry point, against this cluster's database. */
    CliResult cli(String... args) {
        picocli.CommandLine cmd = dev.yantra.app.YantraCommand.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintStream sysOut = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url");
        all.add(env.databaseUrl().orElseThrow());
        int code;
        synchronized (Cluster.class) {   // commands print with System.out
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                code = cmd.execute(all.toArray(String[]::new));
            } finally {
                System.setOut(sysOut);
            }
        }
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8) + out;
        System.err.println("[chaos] yantra " + String.join(" ", args) + " -> " + code + ": " + text.strip());
        return new CliResult(code, text);
    }

    record CliResult(int code, String out) {
    }

    /** POST /v1/play/bets; status and body ("" when the node did not answer). */
    BetAnswer betAnswer(ChaosNode node, String token, String side, long amountMicro) {
        ChaosBettors.Answer a = ChaosBettors.place(http, node, token, side, amountMicro);
        return new BetAnswer(a.status(), a.body());
    }

    record BetAnswer(int status, String body) {
        boolean paused() {
            return status == 409 && body.contains("table_paused");
        }
    }

    /** POST /v1/play/bets on one node; the HTTP status, or -1 when the node did not answer. */
    int bet(ChaosNode node, String token, String side, long amountMicro) {
        return ChaosBettors.place(http, node, token, side, amountMicro).status();
    }

    /** GET /v1/play/state on one node, or null when it did not answer. */
    JsonNode state(ChaosNode node, String token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/v1/play/state"))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits for a round open for bets with at least minMsLeft to go; returns its id. */
    String awaitBettingOpen(ChaosNode node, String token, long minMsLeft, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = state(node, token);
            if (s != null && "BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= minMsLeft) {
                return s.get("roundId").asString();
            }
            Thread.sleep(30);
        }
        throw new AssertionError("no round open for bets within " + within);
    }

    /**
     * A bet placed as a round opens, placed again in the next round when it was refused betting_closed: on a loaded
     * machine the wallet's answer can come after the round's close, and a stake taken after the close is owed back,
     * not accepted. Returns the last HTTP status.
     */
    int betInWindow(ChaosNode node, String token, String side, long amountMicro) throws InterruptedException {
        BetAnswer a = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            String round = awaitBettingOpen(node, token, 1_000, Duration.ofSeconds(30));
            a = betAnswer(node, token, side, amountMicro);
            if (a.status() != 409 || !a.body().contains("betting_closed")) return a.status();
            System.err.println("[chaos] a bet answered after its round's close, placed again: " + a.body());
            Await.until("the round after " + round, Duration.ofSeconds(30), () -> {
                JsonNode s = state(node, token);
                return s != null && !round.equals(s.path("roundId").asString());
            });
        }
        return a.status();
    }

    String leaseOwner() {
        return jdbc().sql("SELECT coalesce(lease_owner, '') FROM game_tables").query(String.class).single();
    }

    /** No wallet job open and every bet final: the queue drained. */
    boolean drained() {
        return jdbc().sql("""
                SELECT (SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL)
                     + (SELECT count(*) FROM bets WHERE state NOT IN ('REJECTED','LOST','WON','REFUNDED'))""").query(Long.class).single() == 0;
    }

    /** Fails, with each broken rule's evidence, unless every rule of the harness holds ({@link Invariants}; the queue drained). */
    void assertEveryRuleHolds() {
        assertRulesHold(java.util.stream.Stream.concat(Invariants.SAMPLED.stream(), Invariants.AT_END.stream()).toList());
    }

    void assertRulesHold(List<Invariant> rules) {
        org.assertj.core.api.Assertions.assertThat(Invariants.broken(jdbc(), rules)).as("the harness's money rules broken").isEmpty();
    }

    /**
     * Stops everything; first, whatever the test did, the rules that hold at any instant and the product's own
     * money rules must hold (every chaos test checks them).
     */
    @Override
    public void close() {
        try {
            List<Invariant> always = new ArrayList<>(Invariants.SAMPLED);
            always.add(Invariants.MONEY_PATH_RULES);
            assertRulesHold(always);
        } finally {
            for (ChaosNode n : nodes) n.close();
            wallet.close();
            db.close();
        }
    }
}
