package dev.yantra.chaos;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a run stands on: one PostgreSQL (its own embedded one, or DATABASE_URL), migrated once; the demo wallet in
 * this JVM on the same database (its ledger beside our tables, its faults switched by the harness); T operators,
 * each with one fast ketapola-dice table and P players with sessions; and N node processes sharing the database.
 * Secrets are generated per run and handed to the nodes through their environment.
 */
final class ChaosRig implements AutoCloseable {
    /** Every demo player starts with this much (1,000 LKR), far more than a run can stake. */
    static final long INITIAL_MICRO = 1_000_000_000L;
    static final String TABLE_CONFIG = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":1500,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";

    final ChaosPostgres pg;   // null with DATABASE_URL
    final Database db;
    final DemoWallet wallet;
    final List<ChaosNode> nodes = new ArrayList<>();
    final List<Player> players = new ArrayList<>();
    /** Operator id (as the metrics label it) to its name, for the report. */
    final Map<String, String> operatorNames = new java.util.concurrent.ConcurrentHashMap<>();
    final Path logDir;
    final Map<String, String> nodeEnv = new HashMap<>();
    /** The lottery half, or null for a run without plays. */
    ChaosLottery lottery;

    /** A player of one table's operator and its session token. */
    record Player(UUID operatorId, String ref, String token) {
    }

    private ChaosRig(ChaosPostgres pg, Database db, DemoWallet wallet, Path logDir) {
        this.pg = pg;
        this.db = db;
        this.wallet = wallet;
        this.logDir = logDir;
    }

    /**
     * @param databaseUrl an existing server's database (empty: embedded in {@code out/pg}); it must be empty or a
     *                    previous chaos run's, as the run reads every row of it
     * @param testBreak   YANTRA_TEST_BREAK for the nodes (a deliberately broken build), or null
     */
    static ChaosRig start(Path out, String databaseUrl, int nodeCount, int tables, int playersPerTable, String testBreak)
            throws IOException {
        return start(out, databaseUrl, nodeCount, tables, playersPerTable, testBreak, false);
    }

    /** @param lottery also the lottery's peers (the Stripe stand-in and a webhook relay; the banca once nodes run) */
    static ChaosRig start(Path out, String databaseUrl, int nodeCount, int tables, int playersPerTable, String testBreak,
                          boolean lottery) throws IOException {
        ChaosPostgres pg = null;
        String url = databaseUrl;
        if (url == null || url.isBlank()) {
            pg = ChaosPostgres.start(out.resolve("pg"));
            createDatabase(pg.url("postgres"), "yantra");
            url = pg.url("yantra");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String adminToken = "chaos:" + UUID.randomUUID();
        Map<String, String> vars = new HashMap<>();
        vars.put("DATABASE_URL", url);
        vars.put("YANTRA_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        vars.put("JWT_SECRET", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        vars.put("YANTRA_ADMIN_TOKENS", adminToken);
        YantraEnv env = YantraEnv.from(vars);
        Database db = Database.open(env, "yantra-chaos", 6, null);
        db.migrate();
        Observers.install(db.jdbc());
        byte[] master = MasterKey.resolve(env);
        DemoWallet wallet = DemoWallet.start(db.dataSource(), 0, 0, Map.of(), dev.yantra.config.NodeClock.system(), INITIAL_MICRO);
        Path logDir = out.resolve("logs");
        java.nio.file.Files.createDirectories(logDir);
        ChaosRig rig = new ChaosRig(pg, db, wallet, logDir);
        rig.nodeEnv.putAll(vars);
        rig.nodeEnv.put("WALLET_CALL_TIMEOUT_MS", "800");
        rig.nodeEnv.put("PENDING_JOB_CONCURRENCY", "8");
        rig.nodeEnv.put("SHUTDOWN_GRACE_SECONDS", "10");
        rig.nodeEnv.put("BREAKER_OPEN_SECONDS", "1");
        if (testBreak != null && !testBreak.isBlank()) rig.nodeEnv.put(dev.yantra.config.TestBreaks.ENV, testBreak);
        if (lottery) rig.lottery = ChaosLottery.before(rig.nodes, rig.nodeEnv);
        for (int t = 0; t < tables; t++) rig.addTable(master, t, playersPerTable);
        for (int i = 0; i < nodeCount; i++) rig.nodes.add(new ChaosNode(i, rig.nodeEnv, logDir));
        return rig;
    }

    /** Operator chaos-casino-T with one table, its outbound key known to the wallet, and P players with sessions. */
    private void addTable(byte[] master, int t, int playersPerTable) {
        String name = "chaos-casino-" + t;
        UUID id = UUID.nameUUIDFromBytes(("yantra:chaos:" + name).getBytes(StandardCharsets.UTF_8));
        String kid = name + "-outbound";
        DemoProvisioner p = new DemoProvisioner(db.jdbc(), master, id, name, kid);
        p.provision(wallet.callbackUrl(), TABLE_CONFIG);
        operatorNames.put(id.toString(), name);
        wallet.addSecret(kid, DemoProvisioner.walletSecret(master));
        for (int i = 0; i < playersPerTable; i++) {
            String ref = name + "-player-" + i;
            players.add(new Player(id, ref, p.createSession(ref, "real", null, Duration.ofHours(48), dev.yantra.config.NodeClock.system().instant())));
        }
    }

    JdbcClient jdbc() {
        return db.jdbc();
    }

    /**
     * Node 0 first, until ready (it takes every table), then the others together: a run starts with a known leader,
     * so a schedule whose first fault hits node 0 hits the leader of every table.
     */
    void startNodes(Duration readyWithin) throws InterruptedException {
        nodes.getFirst().start().awaitReady(readyWithin);
        for (ChaosNode n : nodes.subList(1, nodes.size())) n.start();
        for (ChaosNode n : nodes) n.awaitReady(readyWithin);
    }

    private static void createDatabase(String adminUrl, String name) throws IOException {
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            boolean exists;
            try (var rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                exists = rs.next();
            }
            if (!exists) c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IOException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // every node drains at once: one after the other, a run's teardown took a drain per node
        List<Thread> closing = nodes.stream().map(n -> Thread.ofVirtual().name("chaos-close-" + n.name()).start(n::close)).toList();
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (lottery != null) lottery.close();
        wallet.close();
        db.close();
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("[chaos] stopping postgres: " + e.getMessage());
            }
        }
    }
}
