package dev.yantra.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The faults of a run, derived only from (scenario, seed, duration, nodes): the same four give the same schedule,
 * fault for fault, which is what makes a failed run reproducible. Nothing here looks at the clock or at what the
 * run observes. Faults start after a warm-up and end before a quiet tail, so every run ends with a healthy phase
 * in which recovery is measured; faults of one family never overlap each other (one wallet fault at a time, one
 * node fault at a time) so each has its own recovery time.
 */
public final class FaultSchedule {
    /** Load runs this long before the first fault. */
    static final long WARMUP_MS = 8_000;
    /** And this long after the last one ends, before the load stops. */
    static final long QUIET_TAIL_MS = 8_000;

    private final Scenario scenario;
    private final long seed;
    private final List<Fault> faults;

    private FaultSchedule(Scenario scenario, long seed, List<Fault> faults) {
        this.scenario = scenario;
        this.seed = seed;
        this.faults = List.copyOf(faults);
    }

    public static FaultSchedule of(Scenario scenario, long seed, long durationMs, int nodes) {
        if (nodes < 1) throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
        if (durationMs < WARMUP_MS + QUIET_TAIL_MS + 5_000) {
            throw new IllegalArgumentException("duration must be at least " + (WARMUP_MS + QUIET_TAIL_MS + 5_000) / 1000 + " s, was " + durationMs + " ms");
        }
        // one stream per family, split in a fixed order, so adding a family to a scenario leaves the others alone
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom nodeRandom = root.split();
        SplittableRandom walletRandom = root.split();
        SplittableRandom dbRandom = root.split();
        SplittableRandom lotteryRandom = root.split();
        long from = WARMUP_MS;
        long to = durationMs - QUIET_TAIL_MS;
        List<Fault> out = new ArrayList<>();
        switch (scenario) {
            case KILL_STORM -> nodeFaults(out, nodeRandom, from, to, nodes, 20_000, 40_000, false);
            case WALLET_OUTAGE -> {
                long span = to - from;
                out.add(new Fault(from + span / 10, to - span / 10, FaultKind.WALLET_DOWN, -1, 0));
            }
            case WALLET_FLAP -> walletFlaps(out, walletRandom, from, to);
            case DB_RESTART -> dbRestarts(out, dbRandom, from, to, false);
            case LOTTERY_STORM -> {
                nodeFaults(out, nodeRandom, from, to, nodes, 25_000, 45_000, false);
                lotteryFaults(out, lotteryRandom, from, to);
            }
            case EVERYTHING -> {
                nodeFaults(out, nodeRandom, from, to, nodes, 15_000, 30_000, true);
                walletFlaps(out, walletRandom, from, to);
                dbRestarts(out, dbRandom, from, to, true);
                lotteryFaults(out, lotteryRandom, from, to);
            }
        }
        out.sort(Comparator.comparingLong(Fault::startMs).thenComparing(f -> f.kind().name()).thenComparingInt(Fault::node));
        return new FaultSchedule(scenario, seed, out);
    }

    /** Kills (mostly), SIGTERMs and freezes, one node at a time, gaps drawn in [minGap, maxGap). */
    private static void nodeFaults(List<Fault> out, SplittableRandom r, long from, long to, int nodes, long minGap, long maxGap,
                                   boolean withSkew) {
        long t = from + r.nextLong(minGap / 4, minGap);
        while (t < to) {
            int node = r.nextInt(nodes);
            int pick = r.nextInt(100);
            Fault f;
            if (pick < 70) f = new Fault(t, t + r.nextLong(1_000, 4_000), FaultKind.KILL9, node, 0);
            else if (pick < 85) f = new Fault(t, t + r.nextLong(1_000, 3_000), FaultKind.SIGTERM, node, 0);
            else if (!withSkew || pick < 93) f = new Fault(t, t + r.nextLong(6_000, 9_000), FaultKind.PAUSE, node, 0);
            else f = new Fault(t, t + r.nextLong(10_000, 20_000), FaultKind.CLOCK_SKEW, node, r.nextBoolean() ? 2_000 : -2_000);
            if (f.endMs() > to) break;
            out.add(f);
            t = f.endMs() + r.nextLong(minGap, maxGap);
        }
    }

    private static final FaultKind[] FLAPS = {FaultKind.WALLET_DOWN, FaultKind.WALLET_ERRORS, FaultKind.WALLET_SLOW,
            FaultKind.WALLET_TIMEOUT_AFTER_APPLY, FaultKind.WALLET_GARBAGE};

    private static void walletFlaps(List<Fault> out, SplittableRandom r, long from, long to) {
        long t = from + r.nextLong(0, 3_000);
        while (t < to) {
            FaultKind kind = FLAPS[r.nextInt(FLAPS.length)];
            long param = switch (kind) {
                case WALLET_SLOW -> r.nextLong(200, 1_200);
                case WALLET_ERRORS -> r.nextLong(300, 800);
                case WALLET_TIMEOUT_AFTER_APPLY -> r.nextLong(200, 500);
                case WALLET_GARBAGE -> 1_000;
                default -> 0;
            };
            long end = t + r.nextLong(2_000, 8_000);
            if (end > to) break;
            out.add(new Fault(t, end, kind, -1, param));
            t = end + r.nextLong(2_000, 8_000);
        }
    }

    private static final FaultKind[] LOTTERY = {FaultKind.BANCA_DOWN, FaultKind.BANCA_SLOW, FaultKind.BANCA_LOST_WEBHOOKS,
            FaultKind.BANCA_DUPLICATE_WEBHOOKS, FaultKind.STRIPE_WEBHOOK_DELAY, FaultKind.STRIPE_WEBHOOK_REORDER};

    /** One lottery counterparty fault at a time, 3-10 s each, 3-10 s apart. */
    private static void lotteryFaults(List<Fault> out, SplittableRandom r, long from, long to) {
        long t = from + r.nextLong(0, 4_000);
        while (t < to) {
            FaultKind kind = LOTTERY[r.nextInt(LOTTERY.length)];
            long param = switch (kind) {
                case BANCA_SLOW -> r.nextLong(300, 2_500);
                case BANCA_LOST_WEBHOOKS -> r.nextLong(300, 1_000);
                case BANCA_DUPLICATE_WEBHOOKS -> r.nextLong(300, 1_000);
                case STRIPE_WEBHOOK_DELAY -> r.nextLong(1_000, 5_000);
                default -> 0;
            };
            long end = t + r.nextLong(3_000, 10_000);
            if (end > to) break;
            out.add(new Fault(t, end, kind, -1, param));
            t = end + r.nextLong(3_000, 10_000);
        }
    }

    private static void dbRestarts(List<Fault> out, SplittableRandom r, long from, long to, boolean withSqueeze) {
        long t = from + r.nextLong(5_000, 20_000);
        while (t < to) {
            boolean squeeze = withSqueeze && r.nextInt(3) == 0;
            long end = t + (squeeze ? r.nextLong(5_000, 10_000) : r.nextLong(1_000, 5_000));
            if (end > to) break;
            out.add(new Fault(t, end, squeeze ? FaultKind.POOL_SQUEEZE : FaultKind.DB_RESTART, -1, 0));
            t = end + r.nextLong(30_000, 60_000);
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public long seed() {
        return seed;
    }

    public List<Fault> faults() {
        return faults;
    }

    /** The schedule as the report prints it, one fault a line. */
    public List<String> describe() {
        return faults.stream().map(Fault::describe).toList();
    }
}
