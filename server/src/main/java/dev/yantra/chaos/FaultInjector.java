package dev.yantra.chaos;

import dev.yantra.demowallet.Faults;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a {@link FaultSchedule} against a rig: each fault starts and ends at its planned offset from the start of
 * the load (on the run's own timeline), and what actually happened is recorded ({@link Applied}). A fault that
 * cannot act here (a database restart against DATABASE_URL) is recorded as skipped, never silently dropped.
 */
final class FaultInjector implements AutoCloseable {
    /** A fault as played: when it started and ended on the run's timeline, and what the harness noted. */
    record Applied(Fault fault, long startedMs, long endedMs, String note) {
    }

    private final ChaosRig rig;
    private final Timeline timeline;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "chaos-faults");
        t.setDaemon(true);
        return t;
    });
    private final List<Applied> applied = Collections.synchronizedList(new ArrayList<>());
    private final List<Connection> squeeze = new ArrayList<>();

    FaultInjector(ChaosRig rig, Timeline timeline) {
        this.rig = rig;
        this.timeline = timeline;
    }

    void play(FaultSchedule schedule) {
        long now = timeline.msNow();
        for (Fault f : schedule.faults()) {
            executor.schedule(() -> run(f), Math.max(0, f.startMs() - now), TimeUnit.MILLISECONDS);
        }
    }

    private void run(Fault f) {
        long started = timeline.msNow();
        String note;
        try {
            note = begin(f);
        } catch (Exception e) {
            note = "could not start: " + e;
        }
        sleepUntil(f.endMs());
        String endNote;
        try {
            endNote = end(f);
        } catch (Exception e) {
            endNote = "could not end: " + e;
        }
        String all = String.join("; ", java.util.stream.Stream.of(note, endNote).filter(s -> !s.isEmpty()).toList());
        applied.add(new Applied(f, started, timeline.msNow(), all));
        System.err.println("[chaos] " + f.describe() + (all.isEmpty() ? "" : " (" + all + ")"));
    }

    private String begin(Fault f) throws Exception {
        ChaosNode node = f.node() >= 0 ? rig.nodes.get(f.node()) : null;
        return switch (f.kind()) {
            case KILL9 -> {
                String lead = leads(node);
                node.kill9();
                yield "pid " + node.pid() + lead;
            }
            case SIGTERM -> {
                String lead = leads(node);
                node.sigterm(Duration.ofSeconds(30));
                yield "pid " + node.pid() + lead;
            }
            case PAUSE -> {
                String lead = leads(node);
                node.signal("STOP");
                yield "pid " + node.pid() + " frozen" + lead;
            }
            case CLOCK_SKEW -> {
                node.sigterm(Duration.ofSeconds(30));
                node.start(Map.of("YANTRA_CLOCK_OFFSET_MS", Long.toString(f.param())));
                yield "restarted with YANTRA_CLOCK_OFFSET_MS=" + f.param();
            }
            case WALLET_DOWN -> wallet(Faults.NONE.withDown(true));
            case WALLET_SLOW -> wallet(Faults.NONE.withSlowMs(f.param()));
            case WALLET_ERRORS -> wallet(Faults.NONE.withErrorRate(f.param() / 1000.0));
            case WALLET_TIMEOUT_AFTER_APPLY -> wallet(Faults.NONE.withTimeoutRate(f.param() / 1000.0).withTimeoutSleepMs(1_200));
            case WALLET_GARBAGE -> wallet(Faults.NONE.withBreach(Faults.Breach.GARBAGE_ANSWER, true));
            case DB_RESTART -> {
                if (rig.pg == null) yield "skipped: DATABASE_URL is not ours to stop";
                rig.pg.stop();
                yield "postgres stopped";
            }
            case POOL_SQUEEZE -> squeeze();
            case BANCA_DOWN, BANCA_SLOW, BANCA_LOST_WEBHOOKS, BANCA_DUPLICATE_WEBHOOKS, STRIPE_WEBHOOK_DELAY, STRIPE_WEBHOOK_REORDER ->
                    rig.lottery == null ? "skipped: no lottery in this run" : rig.lottery.begin(f);
        };
    }

    private String end(Fault f) throws Exception {
        ChaosNode node = f.node() >= 0 ? rig.nodes.get(f.node()) : null;
        return switch (f.kind()) {
            case KILL9, SIGTERM -> {
                node.start();
                yield "restarted";
            }
            case PAUSE -> {
                node.signal("CONT");
                yield "thawed";
            }
            case CLOCK_SKEW -> {
                node.sigterm(Duration.ofSeconds(30));
                node.start();
                yield "restarted without offset";
            }
            case WALLET_DOWN, WALLET_SLOW, WALLET_ERRORS, WALLET_TIMEOUT_AFTER_APPLY, WALLET_GARBAGE -> wallet(Faults.NONE);
            case DB_RESTART -> {
                if (rig.pg == null) yield "";
                rig.pg.restart();
                yield "postgres started";
            }
            case POOL_SQUEEZE -> release();
            case BANCA_DOWN, BANCA_SLOW, BANCA_LOST_WEBHOOKS, BANCA_DUPLICATE_WEBHOOKS, STRIPE_WEBHOOK_DELAY, STRIPE_WEBHOOK_REORDER ->
                    rig.lottery == null ? "" : rig.lottery.end(f);
        };
    }

    private String wallet(Faults faults) {
        rig.wallet.setFaults(faults);
        return "";
    }

    /** Which tables the node led when the fault hit it (the interesting kills are a leader's). */
    private String leads(ChaosNode node) {
        try {
            int n = rig.jdbc().sql("SELECT count(*) FROM game_tables WHERE lease_owner LIKE ? AND lease_expires_at > now()")
                    .param("%" + node.ownerFragment() + "%").query(Integer.class).single();
            return n == 0 ? "" : ", leader of " + n + (n == 1 ? " table" : " tables");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Takes every free connection slot but two (as the superuser: its reserved slots too). */
    private synchronized String squeeze() {
        String url = rig.nodeEnv.get("DATABASE_URL");
        for (int i = 0; i < 400; i++) {
            try {
                squeeze.add(DriverManager.getConnection(url));
            } catch (SQLException full) {
                break;
            }
        }
        for (int i = 0; i < 2 && !squeeze.isEmpty(); i++) closeQuietly(squeeze.removeLast());
        return "held " + squeeze.size() + " connections";
    }

    private synchronized String release() {
        int n = squeeze.size();
        squeeze.forEach(FaultInjector::closeQuietly);
        squeeze.clear();
        return "released " + n;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // it is going away either way
        }
    }

    private void sleepUntil(long ms) {
        long left = ms - timeline.msNow();
        if (left <= 0) return;
        try {
            Thread.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Applied> applied() {
        synchronized (applied) {
            return applied.stream().sorted(java.util.Comparator.comparingLong(a -> a.fault().startMs())).toList();
        }
    }

    /** Waits for every scheduled fault to have ended (the schedule ends before the quiet tail). */
    void awaitAll(int expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (applied.size() < expected && System.nanoTime() < deadline) Thread.sleep(200);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        release();
        rig.wallet.setFaults(Faults.NONE);
        if (rig.lottery != null) rig.lottery.clearFaults();
    }
}
