package dev.yantra.reconcile;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Proves the core streams: writes an N-row transaction file (sorted) to a temp path, then diffs it against
 * N generated rows of ours (no database), printing rows/s and peak heap. Run with a small heap to see it:
 * <pre>java -Xmx64m -cp core/target/classes dev.yantra.reconcile.ReconcileBench 1000000</pre>
 * A few differences are planted (a row missing from theirs, a 1-micro change, a theirs-only row an
 * "open job" explains) so every path of the merge runs. The database-backed benchmark is separate.
 */
public final class ReconcileBench {
    private static final Instant BASE = Instant.parse("2025-01-31T00:00:00Z");
    private static final int MAX_ROWS = 100_000_000;

    private ReconcileBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 1 || args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.err.println("usage: ReconcileBench [rows]   (default 1000000, at most " + MAX_ROWS + ")");
            System.exit(64);
        }
        int rows = args.length == 1 ? Integer.parseInt(args[0]) : 1_000_000;
        if (rows < 10 || rows > MAX_ROWS) {
            System.err.println("rows must be in [10, " + MAX_ROWS + "], was " + rows);
            System.exit(64);
        }
        Path file = Files.createTempFile("yantra-settlement-", ".csv");
        try {
            run(rows, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void run(int rows, Path file) throws IOException, InterruptedException {
        Plan plan = new Plan(rows);
        long t0 = System.nanoTime();
        try (var w = SettlementCsvWriter.transactions(new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16))) {
            for (int i = 1; i <= rows; i++) {
                if (!plan.missingFromTheirs(i)) {
                    w.write(plan.theirs(i));
                }
            }
        }
        long writeNs = System.nanoTime() - t0;
        System.out.printf("wrote %,d rows (%,d bytes) to %s in %,d ms (%,.0f rows/s)%n", rows, Files.size(file), file,
                writeNs / 1_000_000, rows / (writeNs / 1e9));

        System.gc();
        resetPeaks();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long t1 = System.nanoTime();
        ReconciliationReport report;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            report = Reconciliation.sortedTransactions(in, plan.ours(), plan.explainer(), ReconcileLimits.DEFAULTS);
        }
        long diffNs = System.nanoTime() - t1;
        sampler.stop();
        System.out.printf("reconciled %,d rows against %,d in %,d ms (%,.0f rows/s)%n",
                report.transactions().theirsRows(), report.transactions().oursRows(), diffNs / 1_000_000,
                rows / (diffNs / 1e9));
        System.out.printf("heap: max %,d MB, peak used (sampled every 5 ms) %,d MB, sum of heap pool peaks %,d MB%n",
                Runtime.getRuntime().maxMemory() >> 20, sampler.peak >> 20, poolPeaks() >> 20);
        System.out.println();
        ReportRenderer.text(report, false, System.out);
    }

    /** What the two sides hold: ours row i always exists; theirs lacks some, changes one, adds one. */
    private static final class Plan {
        private final int rows;
        private final long stride;

        Plan(int rows) {
            this.rows = rows;
            this.stride = Long.divideUnsigned(-1L, rows + 2L);
        }

        /** Ascending in unsigned order because the high 64 bits grow with i. */
        UUID uuid(long i) {
            return new UUID(stride * i, mix(i));
        }

        boolean missingFromTheirs(int i) {
            return i % 250_000 == 7;
        }

        boolean oneMicroHigh(int i) {
            return i == rows / 3;
        }

        /** Row {@code rows} is booked by them only; an open job explains it. */
        boolean theirsOnly(int i) {
            return i == rows;
        }

        OursTransaction ours(int i) {
            long m = mix(i) >>> 1;
            Kind kind = m % 10 < 6 ? Kind.BET : m % 10 < 9 ? Kind.WIN : Kind.ROLLBACK;
            return new OursTransaction(uuid(i), kind, 100_000 + m % 10_000_000, "LKR", BASE.plusMillis(i * 50L),
                    "bet-" + i, "round-" + i / 40, "player-" + m % 5_000);
        }

        TransactionRow theirs(int i) {
            TransactionRow t = ours(i).asRow();
            return oneMicroHigh(i)
                    ? new TransactionRow(t.transactionUuid(), t.kind(), t.amountMicro() + 1, t.currency(), t.createdAt())
                    : t;
        }

        Iterator<OursTransaction> ours() {
            return new Iterator<>() {
                private int i = 1;

                @Override
                public boolean hasNext() {
                    if (i <= rows && theirsOnly(i)) {
                        i++;
                    }
                    return i <= rows;
                }

                @Override
                public OursTransaction next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return ours(i++);
                }
            };
        }

        Explainer explainer() {
            UUID pending = uuid(rows);
            return new Explainer() {
                @Override
                public Explanation theirsOnly(TransactionRow t) {
                    return t.transactionUuid().equals(pending) ? Explanation.openJob("bench-job-1") : Explanation.none();
                }

                @Override
                public Explanation oursOnly(OursTransaction o) {
                    return Explanation.none();
                }
            };
        }
    }

    /** SplitMix64: well-spread bits from a counter. */
    private static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Upper bound: pools peak at different moments, so their sum can exceed what was ever used at once. */
    private static long poolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static final class HeapSampler implements Runnable {
        private final Thread thread = new Thread(this, "heap-sampler");
        private volatile boolean running = true;
        private volatile long peak;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
