package dev.yantra.bench;

import dev.yantra.config.MasterKey;
import dev.yantra.config.NodeClock;
import dev.yantra.control.ControlStore;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.server.ServerLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code yantra bench bets}, the run itself: a node started in-process on a free port (embedded Postgres or
 * DATABASE_URL), a demo wallet on loopback with its own connection pool (as an operator's wallet would have), a
 * throw-away bench operator with one fast ketapola-dice table and P player sessions; then {@link BetLoad} finds
 * the maximum (closed loop), runs at 80 % of it (open loop), waits for every bet to settle, and runs
 * {@code pgbench -N} on the same server. The bench operator's table is disabled at the end (its rows stay: use
 * a scratch data dir to leave nothing behind).
 */
public final class BetsBench {
    public static final double GOAL_RATIO_OF_PGBENCH = 0.25;
    public static final double GOAL_P99_MS = 50;
    /** A bet refused because the operator's breaker is open answers without a wallet call in < 10 ms. */
    public static final double GOAL_BREAKER_REFUSAL_MS = 10;
    static final String OPERATOR_UNAVAILABLE = "operator_unavailable";

    public record Options(int players, int connections, Duration phase, long bettingMs, int pgbenchSeconds) {
    }

    /** One phase as printed: client-side figures plus settled/s read from the database. */
    public record PhaseResult(BetLoad.Phase load, double targetPerOpenSecond, long settled, double settledPerSecond,
                              double walletBetP50Ms, double walletBetP99Ms, CpuAccount.Sample cpu) {
        /** CPU milliseconds per settled bet (Postgres, or this JVM: node, demo wallet and load generator); NaN: unknown. */
        public double postgresCpuMsPerBet() {
            return cpu == null || settled == 0 ? Double.NaN : cpu.postgresSeconds() * 1000 / settled;
        }

        public double jvmCpuMsPerBet() {
            return cpu == null || settled == 0 ? Double.NaN : cpu.jvmSeconds() * 1000 / settled;
        }
    }

    public record Result(Options options, PhaseResult max, PhaseResult at80, BetLoad.Phase breakerOpen, long walletCallsWhileOpen,
                         long unsettledAfterWait, Pgbench.Result pgbench, double loadAverageBefore, double loadAverageAfter) {
        /** p99 of the bets refused with operator_unavailable while the breaker was open, under the max phase's load. */
        public double breakerRefusalP99Ms() {
            return breakerOpen.refusalPercentileMs(OPERATOR_UNAVAILABLE, 99);
        }

        public boolean breakerRefusalGoalMet() {
            return breakerOpen.refused().getOrDefault(OPERATOR_UNAVAILABLE, 0L) > 0 && breakerRefusalP99Ms() < GOAL_BREAKER_REFUSAL_MS
                    && walletCallsWhileOpen == 0;
        }

        public Double pgbenchTps() {
            return pgbench == null ? null : pgbench.tps();
        }

        /** Derived: settled bets/s this Postgres would allow if its CPU were the limit, as a multiple of pgbench tps. */
        public double postgresBoundRatio() {
            return pgbench == null ? Double.NaN : pgbench.postgresCpuMsPerTransaction() / max.postgresCpuMsPerBet();
        }

        public boolean throughputGoalMet() {
            return pgbench != null && max.settledPerSecond() >= GOAL_RATIO_OF_PGBENCH * pgbench.tps();
        }

        public boolean latencyGoalMet() {
            return at80.load().accepted() > 0 && at80.load().percentileMs(99) < GOAL_P99_MS;
        }
    }

    private BetsBench() {
    }

    public static Result run(YantraEnv baseEnv, Options o) throws Exception {
        YantraEnv env = baseEnv.withPort(freePort());
        double loadBefore = loadAverage();
        byte[] key = MasterKey.resolve(env);
        ServerLauncher.Running node = ServerLauncher.start(env, null);
        UUID operator = UUID.randomUUID();
        String kid = "bench-" + operator;
        try (Database walletDb = Database.open(env, "yantra-bench-wallet", 16, null);
             DemoWallet wallet = DemoWallet.start(walletDb.dataSource(), 0, 0, Map.of(kid, DemoProvisioner.walletSecret(key)),
                     NodeClock.system(), Long.MAX_VALUE / 4)) {
            JdbcClient jdbc = node.database().jdbc();
            DemoProvisioner provisioner = new DemoProvisioner(jdbc, key, operator, "bench-" + operator, kid);
            provisioner.provision(wallet.callbackUrl(), ("{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
                    + "\"bettingMs\":%d,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":%d}").formatted(o.bettingMs(), BetLoad.AMOUNT_MICRO));
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < o.players(); i++) {
                tokens.add(provisioner.createSession("bench-" + i, "real", null, Duration.ofHours(2), NodeClock.system().instant()));
            }
            try (BetLoad load = new BetLoad(env.port(), tokens)) {
                load.awaitOpen(Duration.ofSeconds(30));
                Optional<CpuAccount> cpu = CpuAccount.locate(node.database());
                CpuAccount.Sample before = cpu.map(CpuAccount::sample).orElse(null);
                BetLoad.Phase max = load.closedLoop("max", o.connections(), o.phase());
                CpuAccount.Sample maxCpu = cpu.map(a -> a.sample().minus(before)).orElse(null);
                double target = 0.8 * max.acceptedPerOpenSecond();
                CpuAccount.Sample before80 = cpu.map(CpuAccount::sample).orElse(null);
                BetLoad.Phase at80 = load.openLoop("80% of max", target, o.phase(), 4096);
                CpuAccount.Sample at80Cpu = cpu.map(a -> a.sample().minus(before80)).orElse(null);
                long unsettled = awaitSettled(jdbc, operator, Duration.ofSeconds(60));
                PhaseResult maxResult = settled(jdbc, operator, max, 0, maxCpu);
                PhaseResult at80Result = settled(jdbc, operator, at80, target, at80Cpu);
                BreakerPhase breaker = breakerOpen(node, load, operator, o, target);
                disable(jdbc, operator);
                Pgbench.Result pg = o.pgbenchSeconds() > 0 ? Pgbench.run(node.database(), env, o.pgbenchSeconds()) : null;
                return new Result(o, maxResult, at80Result, breaker.phase(), breaker.walletCalls(), unsettled, pg, loadBefore, loadAverage());
            }
        } finally {
            node.stop();
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
    private static BreakerPhase breakerOpen(ServerLauncher.Running node, BetLoad load, UUID operator, Options o, double perOpenSecond)
            throws Exception {
        JdbcClient jdbc = node.database().jdbc();
        ControlStore control = new ControlStore(jdbc, node.database().tx());
        control.overrideBreaker(operator, "FORCED_OPEN", "yantra bench bets: refusal latency with the breaker open", "yantra bench bets");
        try {
            Thread.sleep(1_500);   // every node re-reads the levers every 500 ms
            long callsBefore = walletCalls(jdbc, operator);
            BetLoad.Phase phase = load.openLoop("breaker open", perOpenSecond, o.phase(), 4096);
            return new BreakerPhase(phase, walletCalls(jdbc, operator) - callsBefore);
        } finally {
            control.overrideBreaker(operator, null, "yantra bench bets: measured", "yantra bench bets");
        }
    }

    private static long walletCalls(JdbcClient jdbc, UUID operator) {
        return jdbc.sql("SELECT count(*) FROM wallet_calls WHERE operator_id = ? AND endpoint = 'BET'").param(operator)
                .query(Long.class).single();
    }

    /** Bets that reached WON or LOST while the phase ran (bets.settled_at, the database's clock), per second. */
    private static PhaseResult settled(JdbcClient jdbc, UUID operator, BetLoad.Phase p, double target, CpuAccount.Sample cpu) {
        long n = jdbc.sql("""
                        SELECT count(*) FROM bets WHERE operator_id = :op AND state IN ('WON', 'LOST')
                           AND settled_at >= :from AND settled_at < :to""")
                .param("op", operator).param("from", ts(p.startedAtMillis())).param("to", ts(p.endedAtMillis()))
                .query(Long.class).single();
        double seconds = (p.endedAtMillis() - p.startedAtMillis()) / 1000.0;
        // where a bet's time goes: the BET wallet call (HTTP + the operator's ledger) as our journal timed it
        Map<String, Object> wallet = jdbc.sql("""
                        SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms), 'NaN') AS p50,
                               coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms), 'NaN') AS p99
                          FROM wallet_calls WHERE operator_id = :op AND endpoint = 'BET'
                           AND created_at >= :from AND created_at < :to""")
                .param("op", operator).param("from", ts(p.startedAtMillis())).param("to", ts(p.endedAtMillis()))
                .query().singleRow();
        return new PhaseResult(p, target, n, seconds <= 0 ? 0 : n / seconds, ((Number) wallet.get("p50")).doubleValue(),
                ((Number) wallet.get("p99")).doubleValue(), cpu);
    }

    private static OffsetDateTime ts(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /** Waits for every bet of the bench operator to be final (rounds close, winners paid); how many were not. */
    private static long awaitSettled(JdbcClient jdbc, UUID operator, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long open = jdbc.sql("SELECT count(*) FROM bets WHERE operator_id = ? AND state NOT IN ('WON','LOST','REJECTED','REFUNDED')")
                    .param(operator).query(Long.class).single();
            if (open == 0 || System.nanoTime() > deadline) return open;
            Thread.sleep(100);
        }
    }

    private static void disable(JdbcClient jdbc, UUID operator) {
        jdbc.sql("UPDATE operator_game_configs SET enabled = false, updated_by = 'yantra bench bets' WHERE operator_id = ?")
                .param(operator).update();
    }

    /** The machine's 1-minute load average: the figures mean little on a box busy with other work, so we say. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ---- the report ----

    public static String table(Result r) {
        StringBuilder out = new StringBuilder();
        Options o = r.options();
        out.append(String.format(Locale.ROOT, "yantra bench bets: in-process node + demo wallet on loopback, one ketapola-dice table "
                + "(betting %d ms, rolling 200 ms, cooldown 200 ms), %d players, %.0f s per phase%n", o.bettingMs(), o.players(),
                o.phase().toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "%-12s %14s %8s %9s %8s %9s %11s %10s %8s %8s %12s%n", "phase", "load", "sent", "accepted",
                "refused", "open s", "accepted/s", "settled/s", "p50 ms", "p99 ms", "wallet p50/99"));
        for (PhaseResult p : List.of(r.max(), r.at80())) {
            BetLoad.Phase l = p.load();
            String loadText = p.targetPerOpenSecond() == 0 ? o.connections() + " conns"
                    : String.format(Locale.ROOT, "%.0f/s open", p.targetPerOpenSecond());
            out.append(String.format(Locale.ROOT, "%-12s %14s %8d %9d %8d %9.1f %11.0f %10.0f %8.1f %8.1f %12s%n", l.name(), loadText,
                    l.sent(), l.accepted(), l.sent() - l.accepted(), l.openNanos() / 1e9, l.acceptedPerOpenSecond(),
                    p.settledPerSecond(), l.percentileMs(50), l.percentileMs(99),
                    String.format(Locale.ROOT, "%.0f/%.0f", p.walletBetP50Ms(), p.walletBetP99Ms())));
        }
        for (PhaseResult p : List.of(r.max(), r.at80())) {
            if (!p.load().refused().isEmpty()) out.append("  refused in ").append(p.load().name()).append(": ").append(p.load().refused()).append('\n');
            if (p.load().generatorSaturated()) out.append("  note: the load generator hit its outstanding cap in ").append(p.load().name()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "  machine load average (1 min): %.1f before, %.1f after (%d cores)%n", r.loadAverageBefore(),
                r.loadAverageAfter(), Runtime.getRuntime().availableProcessors()));
        if (r.unsettledAfterWait() > 0) out.append("  note: ").append(r.unsettledAfterWait()).append(" bet(s) still open 60 s after the load stopped\n");
        for (PhaseResult p : List.of(r.max(), r.at80())) {
            out.append(String.format(Locale.ROOT, "  CPU per settled bet in %s: Postgres %s, this JVM (node, demo wallet, load generator) %s%n",
                    p.load().name(), Figures.ms(p.postgresCpuMsPerBet()), Figures.ms(p.jvmCpuMsPerBet())));
        }
        out.append(r.pgbenchTps() == null ? "pgbench -N: not available\n"
                : String.format(Locale.ROOT, "pgbench -N (8 clients, %d s, same server, same run): %.0f tps; CPU per transaction: Postgres %s%n",
                        o.pgbenchSeconds(), r.pgbenchTps(), Figures.ms(r.pgbench().postgresCpuMsPerTransaction())));
        if (r.pgbenchTps() != null) {
            double need = GOAL_RATIO_OF_PGBENCH * r.pgbenchTps();
            out.append(String.format(Locale.ROOT, "goal settled bets/s >= %.2f x pgbench tps (%.0f): %.0f (%.3f x) -> %s%n",
                    GOAL_RATIO_OF_PGBENCH, need, r.max().settledPerSecond(), r.max().settledPerSecond() / r.pgbenchTps(),
                    r.throughputGoalMet() ? "MET" : "NOT MET"));
            out.append(String.format(Locale.ROOT, "Postgres-bound (derived): %s x pgbench tps%n",
                    Double.isFinite(r.postgresBoundRatio()) ? String.format(Locale.ROOT, "%.2f", r.postgresBoundRatio()) : "n/a"));
        } else {
            out.append("goal settled bets/s >= 0.25 x pgbench tps: not judged (no pgbench figure)\n");
        }
        out.append(String.format(Locale.ROOT, "goal p99 accept latency < %.0f ms at 80 %% of max: %.1f ms -> %s%n", GOAL_P99_MS,
                r.at80().load().percentileMs(99), r.latencyGoalMet() ? "MET" : "NOT MET"));
        BetLoad.Phase b = r.breakerOpen();
        out.append(String.format(Locale.ROOT, "breaker open (%.0f/s open, %.0f s): %d sent, %d refused operator_unavailable, %d accepted, "
                        + "%d BET wallet calls; refusal p50 %.1f ms, p99 %.1f ms%n", r.at80().targetPerOpenSecond(), b.wallNanos() / 1e9, b.sent(),
                b.refused().getOrDefault(OPERATOR_UNAVAILABLE, 0L), b.accepted(), r.walletCallsWhileOpen(),
                b.refusalPercentileMs(OPERATOR_UNAVAILABLE, 50), r.breakerRefusalP99Ms()));
        out.append(String.format(Locale.ROOT, "goal breaker-open refusal p99 < %.0f ms, no wallet call: %.1f ms -> %s%n", GOAL_BREAKER_REFUSAL_MS,
                r.breakerRefusalP99Ms(), r.breakerRefusalGoalMet() ? "MET" : "NOT MET"));
        out.append("""
                measured: sent, accepted, refused (HTTP answers), p50/p99 (client clock, POST sent to 201 read), open s (time
                  GET /v1/play/state said BETTING_OPEN), settled (bets turning WON/LOST during the phase, bets.settled_at),
                  wallet p50/99 (latency_ms of the BET calls in wallet_calls: HTTP + the demo wallet's ledger), pgbench
                  tps. derived: accepted/s = accepted / open s; settled/s = settled / phase wall time; the 80 %
                  load = 0.8 x max accepted/s, offered open-loop while betting is open; the goal ratios. CPU: seconds of
                  the Postgres server (all its processes) and of this JVM over each phase and over pgbench's run, per
                  settled bet or pgbench transaction. Postgres-bound = (Postgres CPU per pgbench transaction) / (Postgres
                  CPU per settled bet at max): the multiple of pgbench tps reached when Postgres's CPU is the limit, i.e.
                  when the HTTP stacks, the wallet and the load generator do not share its cores as they do here.
                """);
        return out.toString();
    }

    public static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("players", r.options().players());
        m.put("bettingMs", r.options().bettingMs());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PhaseResult p : List.of(r.max(), r.at80())) {
            Map<String, Object> ph = new LinkedHashMap<>();
            BetLoad.Phase l = p.load();
            ph.put("phase", l.name());
            ph.put("targetPerOpenSecond", Math.round(p.targetPerOpenSecond()));
            ph.put("sent", l.sent());
            ph.put("accepted", l.accepted());
            ph.put("refused", l.refused());
            ph.put("openSeconds", l.openNanos() / 1e9);
            ph.put("acceptedPerOpenSecond", Math.round(l.acceptedPerOpenSecond()));
            ph.put("settled", p.settled());
            ph.put("settledPerSecond", Math.round(p.settledPerSecond()));
            ph.put("p50Ms", l.percentileMs(50));
            ph.put("p99Ms", l.percentileMs(99));
            ph.put("walletBetP50Ms", p.walletBetP50Ms());
            ph.put("walletBetP99Ms", p.walletBetP99Ms());
            ph.put("postgresCpuMsPerBet", Figures.rounded(p.postgresCpuMsPerBet()));
            ph.put("jvmCpuMsPerBet", Figures.rounded(p.jvmCpuMsPerBet()));
            phases.add(ph);
        }
        m.put("phases", phases);
        m.put("unsettledAfterWait", r.unsettledAfterWait());
        m.put("pgbenchNTps", r.pgbenchTps() == null ? null : Math.round(r.pgbenchTps()));
        m.put("pgbenchPostgresCpuMsPerTransaction", r.pgbench() == null ? null : Figures.rounded(r.pgbench().postgresCpuMsPerTransaction()));
        m.put("postgresBoundRatioOfPgbenchTps", Figures.rounded(r.postgresBoundRatio()));
        m.put("loadAverageBefore", r.loadAverageBefore());
        m.put("loadAverageAfter", r.loadAverageAfter());
        m.put("throughputGoalMet", r.throughputGoalMet());
        m.put("breakerOpenRefused", r.breakerOpen().refused().getOrDefault(OPERATOR_UNAVAILABLE, 0L));
        m.put("breakerOpenAccepted", r.breakerOpen().accepted());
        m.put("breakerOpenWalletCalls", r.walletCallsWhileOpen());
        m.put("breakerRefusalP50Ms", Figures.rounded(r.breakerOpen().refusalPercentileMs(OPERATOR_UNAVAILABLE, 50)));
        m.put("breakerRefusalP99Ms", Figures.rounded(r.breakerRefusalP99Ms()));
        m.put("breakerRefusalGoalMet", r.breakerRefusalGoalMet());
        m.put("latencyGoalMet", r.latencyGoalMet());
        return m;
    }
}
