package dev.yantra.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report of {@code yantra bench bets}: the table it prints (and writes to report.txt) and its JSON form. */
final class BetsReport {
    /** The first throughput goal (settled bets/s against pgbench), still printed beside the per-bet CPU goals. */
    static final double GOAL_RATIO_OF_PGBENCH = 0.25;
    static final List<String> SOURCES = List.of(BetsBench.NODE, BetsBench.NODE_JIT, BetsBench.NODE_PG, BetsBench.WALLET, BetsBench.WALLET_PG,
            BetsBench.LOAD, BetsBench.BENCH);

    private BetsReport() {
    }

    /**
     * Cores the measured processes kept busy over a phase (their CPU seconds per wall second): a one-table max near
     * the machine's core count is bound by CPU, not by the table's cycle, and more tables cannot multiply it.
     */
    static double coresBusy(BetsBench.PhaseResult p) {
        if (p.cpu() == null || p.load().wallNanos() <= 0) return Double.NaN;
        double seconds = 0;
        for (String s : SOURCES) if (!s.equals(BetsBench.NODE_JIT)) seconds += p.cpu().of(s);
        return seconds / (p.load().wallNanos() / 1e9);
    }

    static List<BetsBench.PhaseResult> phases(BetsBench.Result r) {
        List<BetsBench.PhaseResult> out = new ArrayList<>(List.of(r.max(), r.at80()));
        if (r.sharedTablesPhase() != null) out.add(r.sharedTablesPhase());
        if (r.tablesPhase() != null) out.add(r.tablesPhase());
        return out;
    }

    static String table(BetsBench.Result r) {
        StringBuilder out = new StringBuilder();
        BetsBench.Options o = r.options();
        out.append(String.format(Locale.ROOT, "yantra bench bets: node, demo wallet and load generator as separate processes, the wallet "
                        + "on a Postgres of its own; %d ketapola-dice table(s) (betting %d ms, rolling %d ms, cooldown %d ms), %d players per "
                        + "table, %.0f s per phase; out dir %s%n", o.tables(), o.bettingMs(), BetsBench.ROLLING_MS, BetsBench.COOLDOWN_MS,
                o.players(), o.phase().toMillis() / 1000.0, r.outDir()));
        out.append(String.format(Locale.ROOT, "%-12s %16s %8s %9s %8s %9s %11s %10s %8s %8s %12s%n", "phase", "load", "sent", "accepted",
                "refused", "open s", "accepted/s", "settled/s", "p50 ms", "p99 ms", "wallet p50/99"));
        for (BetsBench.PhaseResult p : phases(r)) {
            BetLoad.Phase l = p.load();
            String loadText = p.targetPerOpenSecond() == 0 ? o.connections() + " conns"
                    : String.format(Locale.ROOT, "%.0f/s open%s", p.targetPerOpenSecond(), p.tables() > 1 ? " x" + p.tables() : "");
            out.append(String.format(Locale.ROOT, "%-12s %16s %8d %9d %8d %9.1f %11.0f %10.0f %8.1f %8.1f %12s%n", l.name(), loadText,
                    l.sent(), l.accepted(), l.sent() - l.accepted(), l.openNanos() / 1e9, l.acceptedPerOpenSecond(),
                    p.settledPerSecond(), l.percentileMs(50), l.percentileMs(99),
                    String.format(Locale.ROOT, "%.0f/%.0f", p.walletBetP50Ms(), p.walletBetP99Ms())));
        }
        for (BetsBench.PhaseResult p : phases(r)) {
            if (!p.load().refused().isEmpty()) out.append("  refused in ").append(p.load().name()).append(": ").append(p.load().refused()).append('\n');
            if (p.load().generatorSaturated()) out.append("  note: the load generator hit its outstanding cap in ").append(p.load().name()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "  machine load average (1 min): %.1f before, %.1f after (%d cores)%n", r.loadAverageBefore(),
                r.loadAverageAfter(), Runtime.getRuntime().availableProcessors()));
        if (r.unsettledAfterWait() > 0) out.append("  note: ").append(r.unsettledAfterWait()).append(" bet(s) still open 60 s after the load stopped\n");
        out.append("CPU per settled bet (ms):\n");
        out.append(String.format(Locale.ROOT, "  %-20s", "process"));
        for (BetsBench.PhaseResult p : phases(r)) out.append(String.format(Locale.ROOT, " %12s", p.load().name()));
        out.append('\n');
        for (String source : SOURCES) {
            out.append(String.format(Locale.ROOT, "  %-20s", source));
            for (BetsBench.PhaseResult p : phases(r)) out.append(String.format(Locale.ROOT, " %12s", num(p.cpuMsPerBet(source))));
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "  %-20s", "node above idle"));
        for (BetsBench.PhaseResult p : phases(r)) out.append(String.format(Locale.ROOT, " %12s", num(r.nodeCpuMsPerBetAboveIdle(p))));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  %-20s", "cores busy (all)"));
        for (BetsBench.PhaseResult p : phases(r)) out.append(String.format(Locale.ROOT, " %12s", num(coresBusy(p))));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  %-20s", "commits/bet, node DB"));
        for (BetsBench.PhaseResult p : phases(r)) out.append(String.format(Locale.ROOT, " %12s", num(p.commitsPerBet())));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  %-20s", "stmts/bet, node DB"));
        for (BetsBench.PhaseResult p : phases(r)) out.append(String.format(Locale.ROOT, " %12s", num(p.statementsPerBet())));
        out.append('\n');
        if (r.profile().allocatedBytes() > 0 && r.max().settled() > 0) {
            out.append(String.format(Locale.ROOT, "  node allocation per settled bet at max (JFR jdk.ObjectAllocationSample weights): %.0f kB%n",
                    r.profile().allocatedBytes() / 1024.0 / r.max().settled()));
        }
        out.append(String.format(Locale.ROOT, "  idle (table 0 running, no bets, %.1f s): node %.0f ms CPU/s, node's Postgres %.0f ms CPU/s%n",
                r.idle().seconds(), 1000 * r.idle().cpuSecondsPerSecond(BetsBench.NODE), 1000 * r.idle().cpuSecondsPerSecond(BetsBench.NODE_PG)));
        out.append(r.pgbenchTps() == null ? "pgbench -N: not available\n"
                : String.format(Locale.ROOT, "pgbench -N (8 clients, %d s, node's Postgres, same run): %.0f tps; CPU per transaction: Postgres %s%n",
                        o.pgbenchSeconds(), r.pgbenchTps(), Figures.ms(r.pgbench().postgresCpuMsPerTransaction())));
        out.append(String.format(Locale.ROOT, "goal node CPU per settled bet <= %.1f ms (max phase): %s -> %s%n", BetsBench.GOAL_NODE_CPU_MS_PER_BET,
                Figures.ms(r.max().cpuMsPerBet(BetsBench.NODE)), r.nodeCpuGoalMet() ? "MET" : "NOT MET"));
        if (r.pgbench() != null && Double.isFinite(r.postgresPgbenchTransactionsPerBet())) {
            out.append(String.format(Locale.ROOT, "goal node's Postgres CPU per settled bet <= %.0f x a pgbench -N transaction (%s): %s = %.1f x -> %s%n",
                    BetsBench.GOAL_POSTGRES_PGBENCH_TRANSACTIONS_PER_BET, Figures.ms(r.pgbench().postgresCpuMsPerTransaction()),
                    Figures.ms(r.max().cpuMsPerBet(BetsBench.NODE_PG)), r.postgresPgbenchTransactionsPerBet(),
                    r.postgresCpuGoalMet() ? "MET" : "NOT MET"));
        } else {
            out.append("goal node's Postgres CPU per settled bet <= 5 x a pgbench -N transaction: not judged (no pgbench CPU figure)\n");
        }
        if (r.tablesPhase() != null) {
            out.append(String.format(Locale.ROOT, "goal %d tables at %.0f %% of the one-table max each settle >= %.0f x its settled/s (%.0f): %.0f (%.2f x)%s -> %s%n",
                    r.tablesPhase().tables(), 100 * BetsBench.TABLES_PHASE_SHARE_OF_MAX, BetsBench.GOAL_TABLES_MULTIPLE, r.max().settledPerSecond(),
                    r.tablesPhase().settledPerSecond(), r.tablesMultiple(),
                    r.tablesPhase().tables() < BetsBench.GOAL_TABLES ? " (the goal is for --tables " + BetsBench.GOAL_TABLES + ")" : "",
                    r.tablesGoalJudged() ? (r.tablesGoalMet() ? "MET" : "NOT MET")
                            : r.tablesPhase().tables() < BetsBench.GOAL_TABLES ? "NOT MET"
                            : "not judged (max settled only " + r.max().settled() + " bets, fewer than " + BetsBench.MIN_SETTLED_FOR_TABLES_GOAL + ")"));
        } else {
            out.append("goal --tables 8 at 50 % of the one-table max each settle >= 4 x it: not judged (run with --tables 8)\n");
        }
        if (r.sharedTablesPhase() != null) {
            out.append(String.format(Locale.ROOT, "check %d tables offered the one-table max between them settle >= %.1f x its settled/s "
                            + "(nothing global serializes tables, within this machine's cores): %.0f (%.2f x) -> %s%n",
                    r.sharedTablesPhase().tables(), BetsBench.SHARED_TABLES_CHECK, r.sharedTablesPhase().settledPerSecond(),
                    r.sharedTablesMultiple(), r.max().settled() < BetsBench.MIN_SETTLED_FOR_TABLES_GOAL ? "not judged (max settled only "
                            + r.max().settled() + " bets)" : r.sharedTablesCheckMet() ? "MET" : "NOT MET"));
        }
        out.append(String.format(Locale.ROOT, "goal p99 accept latency < %.0f ms at 80 %% of max: %.1f ms -> %s%n", BetsBench.GOAL_P99_MS,
                r.at80().load().percentileMs(99), r.latencyGoalMet() ? "MET" : "NOT MET"));
        BetLoad.Phase b = r.breakerOpen();
        out.append(String.format(Locale.ROOT, "breaker open (%.0f/s open, %.0f s): %d sent, %d refused operator_unavailable, %d accepted, "
                        + "%d BET wallet calls; refusal p50 %.1f ms, p99 %.1f ms%n", r.at80().targetPerOpenSecond(), b.wallNanos() / 1e9, b.sent(),
                b.refused().getOrDefault(BetsBench.OPERATOR_UNAVAILABLE, 0L), b.accepted(), r.walletCallsWhileOpen(),
                b.refusalPercentileMs(BetsBench.OPERATOR_UNAVAILABLE, 50), r.breakerRefusalP99Ms()));
        out.append(String.format(Locale.ROOT, "goal breaker-open refusal p99 < %.0f ms, no wallet call: %.1f ms -> %s%n", BetsBench.GOAL_BREAKER_REFUSAL_MS,
                r.breakerRefusalP99Ms(), r.breakerRefusalGoalMet() ? "MET" : "NOT MET"));
        if (r.pgbenchTps() != null) {
            out.append(String.format(Locale.ROOT, "goal settled bets/s >= %.2f x pgbench tps (%.0f): %.0f (%.3f x) -> %s%n", GOAL_RATIO_OF_PGBENCH,
                    GOAL_RATIO_OF_PGBENCH * r.pgbenchTps(), r.max().settledPerSecond(), r.max().settledPerSecond() / r.pgbenchTps(),
                    throughputGoalMet(r) ? "MET" : "NOT MET"));
        }
        out.append(NodeProfile.table(r.profile()));
        out.append("""
                measured: sent, accepted, refused (HTTP answers), p50/p99 (the load generator's clock, POST sent to 201 read),
                  open s (time GET /v1/play/state said BETTING_OPEN, summed over the phase's tables), settled (bets turning
                  WON/LOST during the phase, bets.settled_at), wallet p50/99 (latency_ms of the BET calls in wallet_calls),
                  pgbench tps; CPU: user + system seconds of each process (/proc/<pid>/stat) and of each Postgres server (all
                  its processes, exited backends included) over the phase. derived: accepted/s = accepted / open s (per
                  table); settled/s = settled / phase wall time; the 80 % load = 0.8 x max accepted/s, the tables phase
                  0.5 x it per table, offered open-loop while betting is open; CPU per settled bet = CPU / settled;
                  node above idle = (node CPU - its idle CPU/s x phase wall time) / settled, the marginal cost of a bet;
                  of it, JIT = the node's compiler threads (warm-up lasts until they use < 5 % of it, at most 60 s more);
                  cores busy = CPU of all the processes above / phase wall time (near the core count: bound by CPU);
                  N share max = the N tables offered max's accepted/s between them (1/N each), before N tables at 50 % each.
                  The max phase runs with a JFR recording in the node (a few % of its CPU).
                """);
        return out.toString();
    }

    static boolean throughputGoalMet(BetsBench.Result r) {
        return r.pgbench() != null && r.max().settledPerSecond() >= GOAL_RATIO_OF_PGBENCH * r.pgbench().tps();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    static Map<String, Object> json(BetsBench.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("players", r.options().players());
        m.put("tables", r.options().tables());
        m.put("bettingMs", r.options().bettingMs());
        m.put("outDir", r.outDir().toString());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (BetsBench.PhaseResult p : phases(r)) {
            Map<String, Object> ph = new LinkedHashMap<>();
            BetLoad.Phase l = p.load();
            ph.put("phase", l.name());
            ph.put("tables", p.tables());
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
            Map<String, Object> cpu = new LinkedHashMap<>();
            for (String s : SOURCES) cpu.put(s, Figures.rounded(p.cpuMsPerBet(s)));
            ph.put("cpuMsPerSettledBet", cpu);
            ph.put("nodeCommitsPerSettledBet", Figures.rounded(p.commitsPerBet()));
            ph.put("nodeStatementsPerSettledBet", Figures.rounded(p.statementsPerBet()));
            ph.put("nodeCpuMsPerBetAboveIdle", Figures.rounded(r.nodeCpuMsPerBetAboveIdle(p)));
            phases.add(ph);
        }
        m.put("phases", phases);
        m.put("unsettledAfterWait", r.unsettledAfterWait());
        m.put("pgbenchNTps", r.pgbenchTps() == null ? null : Math.round(r.pgbenchTps()));
        m.put("pgbenchPostgresCpuMsPerTransaction", r.pgbench() == null ? null : Figures.rounded(r.pgbench().postgresCpuMsPerTransaction()));
        m.put("loadAverageBefore", r.loadAverageBefore());
        m.put("loadAverageAfter", r.loadAverageAfter());
        m.put("nodeCpuGoalMet", r.nodeCpuGoalMet());
        m.put("postgresPgbenchTransactionsPerBet", Figures.rounded(r.postgresPgbenchTransactionsPerBet()));
        m.put("postgresCpuGoalMet", r.postgresCpuGoalMet());
        m.put("tablesMultiple", Figures.rounded(r.tablesMultiple()));
        m.put("tablesGoalMet", r.tablesGoalMet());
        m.put("sharedTablesMultiple", Figures.rounded(r.sharedTablesMultiple()));
        m.put("sharedTablesCheckMet", r.sharedTablesCheckMet());
        m.put("latencyGoalMet", r.latencyGoalMet());
        m.put("breakerOpenRefused", r.breakerOpen().refused().getOrDefault(BetsBench.OPERATOR_UNAVAILABLE, 0L));
        m.put("breakerOpenAccepted", r.breakerOpen().accepted());
        m.put("breakerOpenWalletCalls", r.walletCallsWhileOpen());
        m.put("breakerRefusalP50Ms", Figures.rounded(r.breakerOpen().refusalPercentileMs(BetsBench.OPERATOR_UNAVAILABLE, 50)));
        m.put("breakerRefusalP99Ms", Figures.rounded(r.breakerRefusalP99Ms()));
        m.put("breakerRefusalGoalMet", r.breakerRefusalGoalMet());
        m.put("throughputGoalMet", throughputGoalMet(r));
        List<Map<String, Object>> profile = new ArrayList<>();
        for (NodeProfile.Share s : r.profile().chargedTo()) profile.add(Map.of("package", s.packageName(), "percent", Figures.rounded(s.percent())));
        m.put("nodeProfileChargedTo", profile);
        return m;
    }
}
