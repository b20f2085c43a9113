package dev.yantra.bench;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.control.ControlStore;
import dev.yantra.db.Database;
import dev.yantra.demo.DemoProvisioner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code yantra bench bets}, the run itself, as three processes beside this one: the node ({@code yantra serve} on
 * a free port), the demo wallet ({@code yantra bench wallet}, on a Postgres instance of its own) and the load
 * generator ({@code yantra bench bets-load}, driven over stdin/stdout). This process starts the node's Postgres
 * (embedded, or uses DATABASE_URL) and the wallet's, provisions N throw-away bench operators with one fast
 * ketapola-dice table each, and reads the CPU of every process and of both Postgres servers around each phase:
 * <ol>
 *   <li>warm-up (not measured): closed loop on table 0;</li>
 *   <li>max: closed loop on table 0 (JFR-profiled unless {@code --no-profile});</li>
 *   <li>80 % of max: open loop on table 0 (the latency goal);</li>
 *   <li>breaker open: operator 0's breaker forced open, same rate (refusal latency, no wallet call);</li>
 *   <li>with {@code --tables N > 1}: N tables, each offered 50 % of table 0's max (nothing global serializes tables);</li>
 * </ol>
 * then {@code pgbench -N} on the node's Postgres. The bench operators' tables are disabled at the end; the logs of
 * the three processes, the recording and the report stay in the out dir.
 */
public final class BetsBench {
    public static final double GOAL_P99_MS = 50;
    /** A bet refused because the operator's breaker is open answers without a wallet call in < 10 ms. */
    public static final double GOAL_BREAKER_REFUSAL_MS = 10;
    /** Goal: the node's own CPU per settled bet (docs/benchmarks.md). */
    public static final double GOAL_NODE_CPU_MS_PER_BET = 1.0;
    /** Goal: Postgres CPU per settled bet from the node's statements, in pgbench -N transactions. */
    public static final double GOAL_POSTGRES_PGBENCH_TRANSACTIONS_PER_BET = 5.0;
    /** Goal: N tables, each offered half the one-table maximum, settle at least this multiple of that maximum. */
    public static final double GOAL_TABLES_MULTIPLE = 4.0;
    public static final double TABLES_PHASE_SHARE_OF_MAX = 0.5;
    public static final int GOAL_TABLES = 8;
    /**
     * The tables goal asks N tables at half the one-table max each to settle 4 x it, which needs 4 x the CPU when one
     * table already keeps the machine's cores busy. The check beside it offers the one-table max shared over the N
     * tables and asks for at least this share of its settled/s: on any machine, a lock or queue global to the node
     * would show there as tables settling less than one did.
     */
    public static final double SHARED_TABLES_CHECK = 0.9;
    /** Below this many settled bets in max (a starved box) the one-table maximum is noise and the tables goal is not judged. */
    static final long MIN_SETTLED_FOR_TABLES_GOAL = 100;
    static final String OPERATOR_UNAVAILABLE = "operator_unavailable";
    static final long ROLLING_MS = 200;
    static final long COOLDOWN_MS = 200;

    static final String NODE = "node";
    static final String WALLET = "demo wallet";
    static final String LOAD = "load generator";
    static final String BENCH = "bench (this JVM)";
    static final String NODE_PG = "node's Postgres";
    /** Part of {@link #NODE}: its JIT compiler threads, which a node still warming up spends much of its CPU on. */
    static final String NODE_JIT = "  of it, JIT";
    static final String WALLET_PG = "wallet's Postgres";
    static final String NODE_COMMITS = "node's database commits";
    static final String NODE_STATEMENTS = "node's database statements";

    public record Options(int players, int connections, Duration phase, long bettingMs, int pgbenchSeconds, int tables,
                          boolean profile, Path outDir) {
    }

    /** The idle interval before max: CPU of every source while table 0 ran and nobody bet, and its length. */
    public record Idle(RunCpu.Sample cpu, double seconds) {
        public double cpuSecondsPerSecond(String source) {
            return seconds <= 0 ? Double.NaN : cpu.of(source) / seconds;
        }
    }

    /** One phase as printed: what the load generator saw, settled bets read from the database, the CPU it took. */
    public record PhaseResult(BetLoad.Phase load, double targetPerOpenSecond, int tables, long settled, double settledPerSecond,
                              double walletBetP50Ms, double walletBetP99Ms, RunCpu.Sample cpu) {
        public double cpuMsPerBet(String source) {
            return cpu == null ? Double.NaN : cpu.msPer(source, settled);
        }

        /** Transactions committed in the node's database per settled bet (pg_stat_database, flushed about every second). */
        public double commitsPerBet() {
            return cpu == null || settled == 0 ? Double.NaN : cpu.of(NODE_COMMITS) / settled;
        }

        /** Statements run in the node's database per settled bet (pg_stat_statements; NaN without it). */
        public double statementsPerBet() {
            return cpu == null || settled == 0 ? Double.NaN : cpu.of(NODE_STATEMENTS) / settled;
        }
    }

    public record Result(Options options, PhaseResult max, PhaseResult at80, BetLoad.Phase breakerOpen, long walletCallsWhileOpen,
                         PhaseResult sharedTablesPhase, PhaseResult tablesPhase, long unsettledAfterWait, Pgbench.Result pgbench, NodeProfile.Summary profile,
                         Idle idle, double loadAverageBefore, double loadAverageAfter, Path outDir) {
        /**
         * Derived: the node's CPU per settled bet above what it burns idle (table 0 running, nobody betting), i.e.
         * the marginal cost of a bet; on a starved box, where few bets settle, the gross figure is mostly idle work.
         */
        public double nodeCpuMsPerBetAboveIdle(PhaseResult p) {
            if (p.cpu() == null || p.settled() == 0) return Double.NaN;
            double wall = p.load().wallNanos() / 1e9;
            return (p.cpu().of(NODE) - idle.cpuSecondsPerSecond(NODE) * wall) * 1000 / p.settled();
        }

        public double breakerRefusalP99Ms() {
            return breakerOpen.refusalPercentileMs(OPERATOR_UNAVAILABLE, 99);
        }

        public boolean breakerRefusalGoalMet() {
            return breakerOpen.refused().getOrDefault(OPERATOR_UNAVAILABLE, 0L) > 0 && breakerRefusalP99Ms() < GOAL_BREAKER_REFUSAL_MS
                    && walletCallsWhileOpen == 0 && breakerOpen.accepted() == 0;
        }

        public Double pgbenchTps() {
            return pgbench == null ? null : pgbench.tps();
        }

        public boolean latencyGoalMet() {
            return at80.load().accepted() > 0 && at80.load().percentileMs(99) < GOAL_P99_MS;
        }

        public boolean nodeCpuGoalMet() {
            return max.cpuMsPerBet(NODE) <= GOAL_NODE_CPU_MS_PER_BET;
        }

        /** Postgres CPU of one settled bet (max phase, node's server) in pgbench -N transactions; NaN: unknown. */
        public double postgresPgbenchTransactionsPerBet() {
            return pgbench == null ? Double.NaN : max.cpuMsPerBet(NODE_PG) / pgbench.postgresCpuMsPerTransaction();
        }

        public boolean postgresCpuGoalMet() {
            return postgresPgbenchTransactionsPerBet() <= GOAL_POSTGRES_PGBENCH_TRANSACTIONS_PER_BET;
        }

        /** Settled bets/s of the tables phase over the one-table max's settled bets/s; NaN without the phase. */
        public double tablesMultiple() {
            return tablesPhase == null || max.settledPerSecond() == 0 ? Double.NaN : tablesPhase.settledPerSecond() / max.settledPerSecond();
        }

        /** The tables goal is judged only against a max phase that settled enough bets to be a maximum at all. */
        public boolean tablesGoalJudged() {
            return tablesPhase != null && tablesPhase.tables() >= GOAL_TABLES && max.settled() >= MIN_SETTLED_FOR_TABLES_GOAL;
        }

        /** The shared-load tables phase's settled/s over the one-table max's: near 1 when nothing global serializes tables. */
        public double sharedTablesMultiple() {
            return sharedTablesPhase == null || max.settledPerSecond() == 0 ? Double.NaN
                    : sharedTablesPhase.settledPerSecond() / max.settledPerSecond();
        }

        public boolean sharedTablesCheckMet() {
            return sharedTablesPhase != null && max.settled() >= MIN_SETTLED_FOR_TABLES_GOAL && sharedTablesMultiple() >= SHARED_TABLES_CHECK;
        }

        public boolean tablesGoalMet() {
            return tablesGoalJudged() && tablesMultiple() >= GOAL_TABLES_MULTIPLE;
        }
    }

    private BetsBench() {
    }

    public static Result run(YantraEnv env, Options o) throws Exception {
        double loadBefore = loadAverage();
        Path out = Files.createDirectories(o.outDir());
        byte[] key = MasterKey.resolve(env);
        List<UUID> operators = new ArrayList<>();
        for (int i = 0; i < o.tables(); i++) operators.add(UUID.randomUUID());
        int nodePort = freePort();
        try (Database nodeDb = Database.open(env, "yantra-bench", 4, null)) {
            nodeDb.migrate();
            // the wallet accepts every bench operator's key: the secret the node signs their calls with
            Map<String, byte[]> keys = new HashMap<>();
            for (UUID op : operators) keys.put(kid(op), DemoProvisioner.walletSecret(key));
            try (WalletPeer wallet = WalletPeer.start(env, out, keys)) {
                List<List<String>> tokens = provision(nodeDb, key, operators, wallet.callbackUrl(), o);
                Path tokenFile = out.resolve("sessions.txt");
                StringBuilder tokenLines = new StringBuilder();
                for (int t = 0; t < tokens.size(); t++) for (String tok : tokens.get(t)) tokenLines.append(t).append(' ').append(tok).append('\n');
                Files.writeString(tokenFile, tokenLines);
                try (BenchProcess node = BenchProcess.start("node", List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"), List.of("serve"),
                        nodeEnv(env, nodeDb, key, nodePort), out, false)) {
                    node.awaitHttp200("http://127.0.0.1:" + nodePort + "/readyz", Duration.ofMinutes(5));   // a busy box starts slowly
                    try (BenchProcess loadProcess = BenchProcess.start("load", List.of("-XX:+UseG1GC"), List.of("bench", "bets-load",
                            "--port", String.valueOf(nodePort), "--tokens", tokenFile.toString(),
                            "--closed-ms", String.valueOf(ROLLING_MS + COOLDOWN_MS - 50)), Map.of("LOG_FORMAT", "json"), out, true)) {
                        LoadChannel load = new LoadChannel(loadProcess);
                        load.awaitReady();
                        RunCpu cpu = new RunCpu().add(NODE, node::cpuSeconds)
                                .add(NODE_JIT, () -> CpuAccount.compilerCpuSeconds(node.pid())).add(WALLET, wallet::processCpuSeconds)
                                .add(LOAD, loadProcess::cpuSeconds).add(BENCH, () -> CpuAccount.processCpuSeconds(ProcessHandle.current().pid()));
                        Optional<CpuAccount> nodePg = CpuAccount.locate(nodeDb);
                        cpu.add(NODE_PG, () -> nodePg.map(a -> a.sample().postgresSeconds()).orElse(Double.NaN));
                        cpu.add(WALLET_PG, wallet::postgresCpuSeconds);
                        // not CPU but sampled with it: the node's database's commits, so a phase says commits per bet
                        cpu.add(NODE_COMMITS, () -> commits(nodeDb));
                        NodeStatements statements = NodeStatements.of(nodeDb);
                        cpu.add(NODE_STATEMENTS, statements::total);
                        JdbcClient jdbc = nodeDb.jdbc();

                        // a cold node (JIT, pools, caches) would make the first seconds of max a different machine
                        load.closed("warm-up", o.connections(), warmUp(o));
                        warmUntilCompiled(load, cpu, o);

                        // what every process burns with table 0 running and nobody betting: the node's marginal cost of a
                        // bet is its CPU above this rate
                        RunCpu.Sample idleBefore = cpu.sample();
                        long idleStarted = System.nanoTime();
                        Thread.sleep(warmUp(o).toMillis() / 2);
                        RunCpu.Sample idle = cpu.sample().minus(idleBefore);
                        double idleSeconds = (System.nanoTime() - idleStarted) / 1e9;

                        Path recording = out.resolve("node-max.jfr");
                        boolean profiling = o.profile() && NodeProfile.start(node.pid(), recording);
                        Map<String, Long> statementsBefore = statements.snapshot();
                        RunCpu.Sample before = cpu.sample();
                        BetLoad.Phase max = load.closed("max", o.connections(), o.phase());
                        RunCpu.Sample maxCpu = cpu.sample().minus(before);
                        List<NodeStatements.Statement> maxStatements = NodeStatements.between(statementsBefore, statements.snapshot());
                        if (profiling) profiling = NodeProfile.stop(node.pid());

                        double target = 0.8 * max.acceptedPerOpenSecond();
                        before = cpu.sample();
                        BetLoad.Phase at80 = load.open("80% of max", target, o.phase(), 1);
                        RunCpu.Sample at80Cpu = cpu.sample().minus(before);
                        long unsettled = awaitSettled(jdbc, operators, Duration.ofSeconds(60));
                        PhaseResult maxResult = settled(jdbc, operators, max, 0, 1, maxCpu);
                        PhaseResult at80Result = settled(jdbc, operators, at80, target, 1, at80Cpu);
                        if (statements.available()) {
                            Files.writeString(out.resolve("statements-max.txt"), NodeStatements.table("max", maxStatements, maxResult.settled()));
                        }

                        BreakerPhase breaker = breakerOpen(nodeDb, load, operators.getFirst(), o, target);

                        PhaseResult tablesResult = null;
                        PhaseResult sharedResult = null;
                        if (o.tables() > 1) {
                            double perTable = TABLES_PHASE_SHARE_OF_MAX * max.acceptedPerOpenSecond();
                            OffsetDateTime enabledAt = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
                            enable(jdbc, operators, true);
                            awaitRunning(jdbc, operators, enabledAt, Duration.ofMinutes(2));   // the wait is no part of the phase
                            double sharedPerTable = max.acceptedPerOpenSecond() / o.tables();
                            before = cpu.sample();
                            BetLoad.Phase sp = load.open(o.tables() + " share max", sharedPerTable, o.phase(), o.tables());
                            RunCpu.Sample sharedCpu = cpu.sample().minus(before);
                            unsettled += awaitSettled(jdbc, operators, Duration.ofSeconds(60));
                            sharedResult = settled(jdbc, operators, sp, sharedPerTable, o.tables(), sharedCpu);
                            before = cpu.sample();
                            BetLoad.Phase tp = load.open(o.tables() + " tables", perTable, o.phase(), o.tables());
                            RunCpu.Sample tablesCpu = cpu.sample().minus(before);
                            unsettled += awaitSettled(jdbc, operators, Duration.ofSeconds(60));
                            tablesResult = settled(jdbc, operators, tp, perTable, o.tables(), tablesCpu);
                        }
                        load.quit();
                        enable(jdbc, operators, false);
                        NodeProfile.Summary profile = profiling ? NodeProfile.summarize(recording, 20) : NodeProfile.Summary.unavailable(recording);
                        Pgbench.Result pg = o.pgbenchSeconds() > 0 ? Pgbench.run(nodeDb, env, o.pgbenchSeconds()) : null;
                        Result r = new Result(o, maxResult, at80Result, breaker.phase(), breaker.walletCalls(), sharedResult, tablesResult, unsettled, pg,
                                profile, new Idle(idle, idleSeconds), loadBefore, loadAverage(), out);
                        if (profiling) Files.writeString(out.resolve("node-profile.txt"), NodeProfile.table(profile));
                        Files.writeString(out.resolve("report.txt"), BetsReport.table(r));
                        return r;
                    }
                }
            }
        }
    }

    /**
     * More warm-up until the node's JIT has settled: a node a minute old still compiles (its C2 threads took a
     * third of its CPU in a max phase after a 10 s warm-up), which a node serving for hours does not. At most
     * {@link #MAX_EXTRA_WARMUPS} slices; the max phase's report shows whatever JIT share is left.
     */
    static void warmUntilCompiled(LoadChannel load, RunCpu cpu, Options o) throws Exception {
        Duration slice = warmUp(o).dividedBy(2);
        for (int i = 0; i < MAX_EXTRA_WARMUPS; i++) {
            RunCpu.Sample before = cpu.sample();
            load.closed("warm-up", o.connections(), slice);
            RunCpu.Sample used = cpu.sample().minus(before);
            if (!(used.of(NODE_JIT) > JIT_SETTLED_SHARE * used.of(NODE))) return;   // settled, or unreadable
        }
    }

    static final int MAX_EXTRA_WARMUPS = 12;
    static final double JIT_SETTLED_SHARE = 0.05;

    /** The unmeasured warm-up before max: as long as a phase, at most 10 s. */
    static Duration warmUp(Options o) {
        return o.phase().compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : o.phase();
    }

    /** Transactions committed in this database so far (pg_stat_database.xact_commit). */
    static double commits(Database db) {
        try {
            return db.jdbc().sql("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()").query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    static String kid(UUID operator) {
        return "bench-" + operator;
    }

    /** The bench operators, each with one table and {@code players} sessions; the session tokens per table. */
    private static List<List<String>> provision(Database db, byte[] key, List<UUID> operators, String walletUrl, Options o) {
        List<List<String>> tokens = new ArrayList<>();
        String config = ("{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,\"bettingMs\":%d,\"rollingMs\":%d,"
                + "\"cooldownMs\":%d,\"minBetMicro\":%d}").formatted(o.bettingMs(), ROLLING_MS, COOLDOWN_MS, BetLoad.AMOUNT_MICRO);
        for (UUID op : operators) {
            boolean first = op.equals(operators.getFirst());
            DemoProvisioner p = new DemoProvisioner(db.jdbc(), key, op, "bench-" + op, kid(op));
            List<String> t = new ArrayList<>();
            // one transaction per table: a commit per session would cost a flush each on a durable server
            db.tx().executeWithoutResult(s -> {
                p.provision(walletUrl, config);
                // only table 0 runs until the tables phase: an idle table's rounds would bill the node for no bet
                if (!first) enable(db.jdbc(), List.of(op), false);
                for (int i = 0; i < o.players(); i++) t.add(p.createSession("bench-" + i, "real", null, Duration.ofHours(2), dev.yantra.config.NodeClock.system().instant()));
            });
            tokens.add(t);
        }
        return tokens;
    }

    private static Map<String, String> nodeEnv(YantraEnv env, Database db, byte[] key, int port) throws SQLException {
        Map<String, String> e = new HashMap<>();
        e.put("PORT", String.valueOf(port));
        e.put("YANTRA_DATA_DIR", env.dataDir().toAbsolutePath().toString());
        e.put("DATABASE_URL", env.databaseUrl().orElse(jdbcUrlWithUser(db)));
        e.put("YANTRA_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        e.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        e.put("YANTRA_SURFACES", "rgs");   // the bench measures the RGS; the lottery surface would only add its own jobs
        e.put("LOG_FORMAT", "json");
        env.adminTokens().ifPresent(t -> e.put("YANTRA_ADMIN_TOKENS", t));
        env.jwtSecret().ifPresent(t -> e.put("JWT_SECRET", t));
        return e;
    }

    /** The JDBC URL of an open database, with its user, for a child process's DATABASE_URL (embedded: no password). */
    static String jdbcUrlWithUser(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            String url = c.getMetaData().getURL();
            if (url.contains("user=")) return url;
            return url + (url.contains("?") ? "&" : "?") + "user=" + c.getMetaData().getUserName();
        }
    }

    /** The load generator process: one JSON command per line to its stdin, one phase per line back. */
    static final class LoadChannel {
        private final BenchProcess process;
        private final PrintStream in;
        private final BufferedReader out;

        LoadChannel(BenchProcess process) {
            this.process = process;
            this.in = new PrintStream(process.process().getOutputStream(), true, StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.process().getInputStream(), StandardCharsets.UTF_8));
        }

        void awaitReady() throws IOException {
            JsonNode n = read();
            if (!n.path("ready").asBoolean()) throw new IllegalStateException("load generator: unexpected " + n + "; see " + process.log());
        }

        BetLoad.Phase closed(String name, int connections, Duration length) throws IOException {
            return phase(Map.of("cmd", "closed", "name", name, "connections", connections, "ms", length.toMillis()));
        }

        BetLoad.Phase open(String name, double perOpenSecond, Duration length, int tables) throws IOException {
            return phase(Map.of("cmd", "open", "name", name, "perOpenSecond", perOpenSecond, "ms", length.toMillis(),
                    "tables", tables, "maxOutstanding", 4096));
        }

        void quit() {
            in.println("{\"cmd\":\"quit\"}");
        }

        private BetLoad.Phase phase(Map<String, Object> command) throws IOException {
            in.println(BetLoadCommand.JSON.writeValueAsString(command));
            return BetLoadCommand.JSON.treeToValue(read(), BetLoad.Phase.class);
        }

        private JsonNode read() throws IOException {
            String line = out.readLine();
            if (line == null) throw new IllegalStateException("the load generator exited; see " + process.log());
            return BetLoadCommand.JSON.readTree(line);
        }
    }

    private record BreakerPhase(BetLoad.Phase phase, long walletCalls) {
    }

    /**
     * The operator's breaker open (forced open through breaker_overrides, the lever an SRE pulls and the same check
     * a breaker opened by failures answers from) while players keep betting at the 80 % phase's rate, open loop:
     * every bet must be refused with operator_unavailable, fast, and with no wallet call. The override is removed
     * afterwards.
     */
    private static BreakerPhase breakerOpen(Database db, LoadChannel load, UUID operator, Options o, double perOpenSecond)
            throws Exception {
        ControlStore control = new ControlStore(db.jdbc(), db.tx());
        control.overrideBreaker(operator, "FORCED_OPEN", "yantra bench bets: refusal latency with the breaker open", "yantra bench bets");
        try {
            Thread.sleep(1_500);   // every node re-reads the levers every 500 ms
            long callsBefore = walletCalls(db.jdbc(), operator);
            BetLoad.Phase phase = load.open("breaker open", perOpenSecond, o.phase(), 1);
            return new BreakerPhase(phase, walletCalls(db.jdbc(), operator) - callsBefore);
        } finally {
            control.overrideBreaker(operator, null, "yantra bench bets: measured", "yantra bench bets");
            Thread.sleep(1_500);
        }
    }

    private static long walletCalls(JdbcClient jdbc, UUID operator) {
        return jdbc.sql("SELECT count(*) FROM wallet_calls WHERE operator_id = ? AND endpoint = 'BET'").param(operator)
                .query(Long.class).single();
    }

    /** Bets that reached WON or LOST while the phase ran (bets.settled_at, the database's clock), per second. */
    private static PhaseResult settled(JdbcClient jdbc, List<UUID> operators, BetLoad.Phase p, double target, int tables, RunCpu.Sample cpu) {
        UUID[] ops = operators.toArray(UUID[]::new);
        long n = jdbc.sql("""
                        SELECT count(*) FROM bets WHERE operator_id = ANY(:ops) AND state IN ('WON', 'LOST')
                           AND settled_at >= :from AND settled_at < :to""")
                .param("ops", ops).param("from", ts(p.startedAtMillis())).param("to", ts(p.endedAtMillis()))
                .query(Long.class).single();
        double seconds = (p.endedAtMillis() - p.startedAtMillis()) / 1000.0;
        // where a bet's time goes: the BET wallet call (HTTP + the operator's ledger) as our journal timed it
        Map<String, Object> wallet = jdbc.sql("""
                        SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms), 'NaN') AS p50,
                               coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms), 'NaN') AS p99
                          FROM wallet_calls WHERE operator_id = ANY(:ops) AND endpoint = 'BET'
                           AND created_at >= :from AND created_at < :to""")
                .param("ops", ops).param("from", ts(p.startedAtMillis())).param("to", ts(p.endedAtMillis()))
                .query().singleRow();
        return new PhaseResult(p, target, tables, n, seconds <= 0 ? 0 : n / seconds, ((Number) wallet.get("p50")).doubleValue(),
                ((Number) wallet.get("p99")).doubleValue(), cpu);
    }

    private static OffsetDateTime ts(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /** Waits for every bet of the bench operators to be final (rounds close, winners paid); how many were not. */
    private static long awaitSettled(JdbcClient jdbc, List<UUID> operators, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        UUID[] ops = operators.toArray(UUID[]::new);
        while (true) {
            long open = jdbc.sql("SELECT count(*) FROM bets WHERE operator_id = ANY(:ops) AND state NOT IN ('WON','LOST','REJECTED','REFUNDED')")
                    .param("ops", ops).query(Long.class).single();
            if (open == 0 || System.nanoTime() > deadline) return open;
            Thread.sleep(200);
        }
    }

    /** Waits until every bench table has opened a round since {@code since} (tables just enabled start within a few polls). */
    private static void awaitRunning(JdbcClient jdbc, List<UUID> operators, OffsetDateTime since, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        UUID[] ops = operators.toArray(UUID[]::new);
        while (System.nanoTime() < deadline) {
            long running = jdbc.sql("""
                            SELECT count(DISTINCT g.id) FROM game_tables g JOIN rounds r ON r.table_id = g.id
                             WHERE g.operator_id = ANY(:ops) AND r.opened_at > :since""")
                    .param("ops", ops).param("since", since).query(Long.class).single();
            if (running >= ops.length) return;
            Thread.sleep(100);
        }
    }

    private static void enable(JdbcClient jdbc, List<UUID> operators, boolean enabled) {
        jdbc.sql("UPDATE operator_game_configs SET enabled = :on, updated_by = 'yantra bench bets' WHERE operator_id = ANY(:ops)")
                .param("on", enabled).param("ops", operators.toArray(UUID[]::new)).update();
    }

    /** The machine's 1-minute load average: the figures mean little on a box busy with other work, so we say. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
