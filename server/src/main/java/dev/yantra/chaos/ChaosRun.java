package dev.yantra.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One chaos run, start to verdict: the rig up, the load on, the seed's faults played while a sampler records the
 * timeline and checks the sampled invariants every few seconds; then the faults stop, the load stops, the run waits
 * for recovery (every node ready, every job done, every bet final) and checks every invariant. The verdict is the
 * list of violations, each with its evidence rows; the report shows them with the seed.
 */
public final class ChaosRun {
    /**
     * The run's knobs, as the command took them. {@code stopOnViolation}: end the load and the faults at the first
     * sampled violation instead of running the full duration (a red run is red from that moment on; the end-of-run
     * rules are then not checked, since the run did not wait for recovery).
     */
    public record Options(Scenario scenario, int nodes, Duration duration, long seed, Path out, String databaseUrl,
                          String testBreak, int tables, int playersPerTable, int bettors, Duration recoveryLimit,
                          boolean stopOnViolation) {
    }

    /** Why a run stopped before its duration: its first violation, with --stop-on-violation. */
    static final String STOPPED_NOTE = "stopped at the first violation (--stop-on-violation): recovery not awaited, "
            + "the end-of-run rules not checked";

    /** A rule seen broken: when (seconds into the load), which rule, and its evidence rows. */
    public record Violation(String invariant, String family, double atSeconds, String phase, List<Map<String, Object>> evidence) {
    }

    /** One invariant's line in the table: how often it was checked and how often it failed. */
    public record Verdict(String invariant, String family, String description, int checks, int failures) {
    }

    /** What a fault cost: seconds from its end until bets flowed again and until the queue was back where it was. */
    public record Recovery(Fault fault, String note, Double betsFlowingAfterS, Double queueBackAfterS) {
    }

    public record Result(Options options, FaultSchedule schedule, Instant startedAt, double loadSeconds,
                         Timeline timeline, List<Recovery> recoveries, List<Violation> violations, List<Verdict> verdicts,
                         Map<String, Long> betStates, Map<String, Long> roundStates, Map<String, Long> playStates,
                         long jobsCreated, double recoverySeconds,
                         boolean recovered, String recoveryNote) {
        public boolean passed() {
            return violations.isEmpty() && recovered;
        }
    }

    private static final Pattern BREAKER = Pattern.compile("^circuit_breaker_state\\{([^}]*)} ([0-9.eE+-]+)", Pattern.MULTILINE);
    private static final Pattern OPERATOR = Pattern.compile("operator=\"([^\"]*)\"");

    private final Options o;
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, int[]> counts = new ConcurrentHashMap<>();   // invariant -> {checks, failures}
    private final Map<String, Object> params = Map.of("initial", ChaosRig.INITIAL_MICRO);
    private volatile List<Invariant> sampled = Invariants.SAMPLED;
    private final CountDownLatch firstViolation = new CountDownLatch(1);

    public ChaosRun(Options o) {
        this.o = o;
    }

    public Result run() throws Exception {
        FaultSchedule schedule = FaultSchedule.of(o.scenario(), o.seed(), o.duration().toMillis(), o.nodes());
        System.err.println("[chaos] " + o.scenario().wireName() + " seed " + o.seed() + ", " + schedule.faults().size() + " faults:");
        schedule.describe().forEach(l -> System.err.println("[chaos]   " + l));
        Instant startedAt = dev.yantra.config.NodeClock.system().instant();
        boolean lottery = o.scenario().lottery();
        try (ChaosRig rig = ChaosRig.start(o.out(), o.databaseUrl(), o.nodes(), o.tables(), o.playersPerTable(), o.testBreak(), lottery)) {
            System.err.println("[chaos] starting " + o.nodes() + " nodes; logs in " + rig.logDir);
            rig.startNodes(Duration.ofMinutes(5));   // a shared, loaded box has taken 3 min to start one node
            if (lottery) rig.lottery.after(rig, o.duration().toMillis(), Math.max(4, o.bettors()));
            List<Invariant> sampled = lottery ? concat(Invariants.SAMPLED, LotteryInvariants.SAMPLED) : Invariants.SAMPLED;
            List<Invariant> atEnd = lottery ? concat(Invariants.AT_END, LotteryInvariants.AT_END) : Invariants.AT_END;
            this.sampled = sampled;
            Timeline timeline = new Timeline(System.nanoTime());
            Thread sampler;
            List<FaultInjector.Applied> applied;
            long loadMs;
            boolean stopped;
            try (FaultInjector injector = new FaultInjector(rig, timeline);
                 ChaosBettors bettors = new ChaosBettors(rig.nodes, rig.players, timeline, o.bettors(), 40);
                 AutoCloseable buyers = lottery ? new ChaosBuyers(rig.nodes, rig.lottery, rig.jdbc(), timeline, Math.max(2, o.bettors() / 2))
                         : () -> { }) {
                sampler = Thread.ofPlatform().daemon().name("chaos-sampler").start(() -> sample(rig, timeline));
                injector.play(schedule);
                stopped = o.stopOnViolation() ? firstViolation.await(o.duration().toMillis(), TimeUnit.MILLISECONDS)
                        : sleepFor(o.duration());
                // stopped: the faults still running end now (closing the injector interrupts them into their end)
                if (!stopped) injector.awaitAll(schedule.faults().size(), Duration.ofSeconds(60));
                applied = injector.applied();
                bettors.close();
                buyers.close();
                loadMs = timeline.msNow();
            }
            sampler.interrupt();
            sampler.join(10_000);
            long recoveryFrom = System.nanoTime();
            String note = stopped ? STOPPED_NOTE : recover(rig);
            double recoverySeconds = stopped ? 0 : (System.nanoTime() - recoveryFrom) / 1e9;
            boolean recovered = note.isEmpty();
            check(rig.jdbc(), sampled, loadMs / 1000.0, "end");
            if (!stopped) check(rig.jdbc(), atEnd, loadMs / 1000.0, "end");
            List<Verdict> verdicts = new ArrayList<>();
            for (List<Invariant> list : List.of(sampled, atEnd)) {
                for (Invariant i : list) {
                    int[] c = counts.getOrDefault(i.name(), new int[2]);
                    verdicts.add(new Verdict(i.name(), i.family(), i.description(), c[0], c[1]));
                }
            }
            JdbcClient j = rig.jdbc();
            Result r = new Result(o, schedule, startedAt, loadMs / 1000.0, timeline, recoveries(applied, timeline),
                    List.copyOf(violations), verdicts, grouped(j, "SELECT state, count(*) FROM bets GROUP BY state ORDER BY state"),
                    grouped(j, "SELECT state, count(*) FROM rounds GROUP BY state ORDER BY state"),
                    grouped(j, "SELECT status || ' ' || payment_method, count(*) FROM plays GROUP BY 1 ORDER BY 1"),
                    j.sql("SELECT count(*) FROM pending_wallet_jobs").query(Long.class).single(), recoverySeconds, recovered,
                    recovered ? "" : note);
            return r;
        }
    }

    /** Every second: queue depth and breakers; every third second: the sampled invariants. */
    private void sample(ChaosRig rig, Timeline timeline) {
        int tick = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int second = timeline.secondNow();
            Timeline.Second s = timeline.at(second);
            s.liveNodes = (int) rig.nodes.stream().filter(ChaosNode::alive).count();
            try {
                Map<String, Integer> depth = new LinkedHashMap<>();
                rig.jdbc().sql("SELECT endpoint, count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL GROUP BY endpoint ORDER BY endpoint")
                        .query((rs, i) -> depth.put(rs.getString(1), rs.getInt(2))).list();
                s.queueDepth = depth;
                if (tick % 3 == 0) check(rig.jdbc(), sampled, timeline.msNow() / 1000.0, "sampled");
            } catch (RuntimeException dbDown) {
                // a database restart or squeeze: nothing to read this second, which the plot shows as a gap
            }
            s.breakers = breakers(rig);
            tick++;
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The worst state each operator's wallet breaker has on any live node (0 closed, 0.5 half-open, 1 open). */
    private static Map<String, Double> breakers(ChaosRig rig) {
        Map<String, Double> worst = new LinkedHashMap<>();
        for (ChaosNode n : rig.nodes) {
            if (!n.alive()) continue;
            Matcher m = BREAKER.matcher(n.metrics());
            while (m.find()) {
                Matcher op = OPERATOR.matcher(m.group(1));
                String name = op.find() ? rig.operatorNames.getOrDefault(op.group(1), op.group(1)) : m.group(1);
                worst.merge(name, Double.parseDouble(m.group(2)), Math::max);
            }
        }
        return worst;
    }

    private void check(JdbcClient jdbc, List<Invariant> list, double atSeconds, String phase) {
        for (Invariant i : list) {
            List<Map<String, Object>> rows;
            try {
                rows = i.check(jdbc, params);
            } catch (RuntimeException e) {
                // the database restarting or squeezed: this sample of this rule is lost, not passed (it is not counted)
                if (phase.equals("end")) throw e;
                System.err.println("[chaos] could not check " + i.name() + " at " + atSeconds + " s: " + e.getMessage());
                continue;
            }
            synchronized (this) {
                int[] c = counts.computeIfAbsent(i.name(), k -> new int[2]);
                c[0]++;
                if (!rows.isEmpty()) {
                    c[1]++;
                    // the first sighting and the end are the evidence; every sighting in between only counts
                    boolean first = violations.stream().noneMatch(v -> v.invariant().equals(i.name()));
                    if (first || phase.equals("end")) {
                        violations.add(new Violation(i.name(), i.family(), atSeconds, phase, rows));
                        System.err.println("[chaos] VIOLATION " + i.name() + " at " + atSeconds + " s (" + phase + "): " + rows);
                    }
                    firstViolation.countDown();
                }
            }
        }
    }

    /**
     * Faults off, every node running and ready, then waits until every job is done and every bet final. Returns ""
     * when recovered within the limit, else what was still wrong.
     */
    private String recover(ChaosRig rig) throws InterruptedException {
        rig.wallet.setFaults(dev.yantra.demowallet.Faults.NONE);
        if (rig.lottery != null) rig.lottery.clearFaults();
        if (rig.pg != null) {
            try {
                rig.pg.restart();
            } catch (java.io.IOException e) {
                return "postgres did not come back: " + e.getMessage();
            }
        }
        long deadline = System.nanoTime() + o.recoveryLimit().toNanos();
        for (ChaosNode n : rig.nodes) {
            if (!n.alive()) n.start();
        }
        for (ChaosNode n : rig.nodes) {
            try {
                n.awaitReady(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }
        String left = "";
        while (System.nanoTime() < deadline) {
            try {
                long open = rig.jdbc().sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL").query(Long.class).single();
                long notFinal = rig.jdbc().sql("SELECT count(*) FROM bets WHERE state NOT IN ('REJECTED','LOST','WON','REFUNDED')")
                        .query(Long.class).single();
                long lotteryOpen = rig.lottery == null ? 0 : rig.jdbc().sql("""
                        SELECT (SELECT count(*) FROM plays WHERE status IN ('AWAITING_PAYMENT', 'QUEUED', 'AWAITING_WEBHOOK'))
                             + (SELECT count(*) FROM pending_banca_jobs WHERE completed_at IS NULL)
                             + (SELECT count(*) FROM pending_payment_jobs WHERE completed_at IS NULL)""").query(Long.class).single();
                if (open == 0 && notFinal == 0 && lotteryOpen == 0) return "";
                left = open + " wallet jobs open, " + notFinal + " bets not final, " + lotteryOpen + " plays not final or lottery jobs open";
            } catch (RuntimeException e) {
                left = "database: " + e.getMessage();
            }
            Thread.sleep(500);
        }
        return "not recovered within " + o.recoveryLimit().toSeconds() + " s: " + left;
    }

    /** The load's full duration; false: the run was not stopped early. */
    private static boolean sleepFor(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
        return false;
    }

    private static List<Invariant> concat(List<Invariant> a, List<Invariant> b) {
        List<Invariant> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Per fault: seconds after its end until bets flowed at half the rate before it, and until the queue was back. */
    static List<Recovery> recoveries(List<FaultInjector.Applied> applied, Timeline timeline) {
        var all = timeline.all();
        List<Recovery> out = new ArrayList<>();
        for (FaultInjector.Applied a : applied) {
            int from = (int) (a.startedMs() / 1000);
            int end = (int) Math.ceil(a.endedMs() / 1000.0);
            double before = 0;
            int n = 0;
            // a lottery fault is judged by plays, every other by bets
            java.util.function.ToIntFunction<Timeline.Second> flow = a.fault().kind().onLottery()
                    ? sec -> sec.playsAccepted.get() : sec -> sec.accepted.get();
            for (int s = Math.max(0, from - 10); s < from; s++) {
                if (all.containsKey(s)) {
                    before += flow.applyAsInt(all.get(s));
                    n++;
                }
            }
            double baseline = n == 0 ? 0 : before / n;
            int queueBefore = all.containsKey(from) ? all.get(from).queueTotal() : 0;
            Double flowing = null;
            Double queue = null;
            for (int s = end; s <= all.lastKey() && (flowing == null || queue == null); s++) {
                Timeline.Second sec = all.get(s);
                if (flowing == null && flow.applyAsInt(sec) >= Math.max(1, baseline / 2)) flowing = (double) (s - end);
                if (queue == null && sec.queueTotal() >= 0 && sec.queueTotal() <= Math.max(0, queueBefore)) queue = (double) (s - end);
            }
            out.add(new Recovery(a.fault(), a.note(), flowing, queue));
        }
        return out;
    }

    private static Map<String, Long> grouped(JdbcClient j, String sql) {
        Map<String, Long> m = new LinkedHashMap<>();
        j.sql(sql).query((rs, i) -> m.put(rs.getString(1), rs.getLong(2))).list();
        return m;
    }

}
