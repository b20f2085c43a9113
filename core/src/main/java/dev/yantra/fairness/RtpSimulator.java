package dev.yantra.fairness;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Monte-Carlo RTP check of the ketapola-rng-v1 outcome mapping. Each round stakes one unit on LOW and one on HIGH.
 * Rounds run in blocks of nonces 0..blockSize-1, each block under a fresh SecureRandom server seed (the simulator
 * tests the mapping, not the chain). Per round: one HMAC on preallocated buffers, no allocation.
 *
 * <p>The check fails when a side's RTP or a face frequency is more than {@value #Z_LIMIT} standard deviations
 * from theory; theory uses the exact discrete probabilities of the mapping (see {@link Payouts}).
 */
public final class RtpSimulator {

    public static final double Z_LIMIT = 4.0;
    public static final int DEFAULT_BLOCK_SIZE = 65_536;
    public static final long MAX_ROUNDS = 100_000_000_000L;
    public static final int MAX_THREADS = 1024;
    static final String CLIENT_SEED = "yantra-rtp-simulator";
    static final long UNIT_STAKE_MICRO = 100_000;
    static final int[] FACES = {3, 6, 9, 12, 15, 18};

    public record Params(long rounds, int threads, int lowWeight, int highWeight, int commissionMicro, int blockSize) {
        public Params {
            if (rounds < 1 || rounds > MAX_ROUNDS) {
                throw new IllegalArgumentException("rounds must be in 1.." + MAX_ROUNDS + ", was " + rounds);
            }
            if (threads < 1 || threads > MAX_THREADS) {
                throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", was " + threads);
            }
            KetapolaRng.validateWeights(lowWeight, highWeight);
            Payouts.validateCommission(commissionMicro);
            if (blockSize < 1 || blockSize > 1 << 24) {
                throw new IllegalArgumentException("blockSize must be in 1..16777216, was " + blockSize);
            }
        }

        public Params(long rounds, int threads, int lowWeight, int highWeight, int commissionMicro) {
            this(rounds, threads, lowWeight, highWeight, commissionMicro, DEFAULT_BLOCK_SIZE);
        }
    }

    /** Result for one side: hits, hit rate, simulated and theoretical RTP, σ of the RTP estimate, z. */
    public record SideStats(Side side, long hits, double hitRate, double rtp, double theoreticalRtp, double sigma,
                            double z) {}

    /** Result for one dice sum: count, observed and expected frequency, z. */
    public record FaceStats(int sum, long count, double frequency, double expectedFrequency, double z) {}

    public record Report(Params params, long elapsedNanos, List<SideStats> sides, List<FaceStats> faces) {
        public Report {
            sides = List.copyOf(sides);
            faces = List.copyOf(faces);
        }

        public boolean passed() {
            return failures().isEmpty();
        }

        /** One readable line per statistic outside ±{@value #Z_LIMIT}σ. */
        public List<String> failures() {
            List<String> out = new ArrayList<>();
            for (SideStats s : sides) {
                if (!(Math.abs(s.z()) <= Z_LIMIT)) {
                    out.add(String.format("%s RTP %.6f vs theory %.6f: z = %.2f", s.side(), s.rtp(), s.theoreticalRtp(), s.z()));
                }
            }
            for (FaceStats f : faces) {
                if (!(Math.abs(f.z()) <= Z_LIMIT)) {
                    out.add(String.format("sum %d frequency %.6f vs %.6f: z = %.2f", f.sum(), f.frequency(), f.expectedFrequency(), f.z()));
                }
            }
            return out;
        }

        public double roundsPerSecond() {
            return params.rounds() / (elapsedNanos / 1e9);
        }
    }

    private RtpSimulator() {}

    public static Report run(Params params) {
        return run(params, f -> { });
    }

    /** Runs the simulation; {@code progress} is called on the calling thread with the fraction done (0..1). */
    public static Report run(Params params, DoubleConsumer progress) {
        Objects.requireNonNull(progress, "progress");
        long start = System.nanoTime();
        long blocks = Math.ceilDiv(params.rounds(), params.blockSize());
        AtomicLong nextBlock = new AtomicLong();
        AtomicLong roundsDone = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[][] counts = new long[params.threads()][];
        CountDownLatch finished = new CountDownLatch(params.threads());
        for (int t = 0; t < params.threads(); t++) {
            Worker worker = new Worker(params, nextBlock, blocks, roundsDone);
            counts[t] = worker.faceCounts;
            Thread thread = new Thread(() -> {
                try {
                    worker.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    nextBlock.set(Long.MAX_VALUE / 2); // stop the others early
                } finally {
                    finished.countDown();
                }
            }, "rtp-sim-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        awaitWithProgress(finished, roundsDone, params.rounds(), progress);
        if (failure.get() != null) {
            throw new IllegalStateException("RTP simulation failed: " + failure.get(), failure.get());
        }
        long[] faceCounts = new long[6];
        for (long[] c : counts) {
            for (int i = 0; i < 6; i++) {
                faceCounts[i] += c[i];
            }
        }
        return report(params, System.nanoTime() - start, faceCounts);
    }

    private static void awaitWithProgress(CountDownLatch finished, AtomicLong done, long total, DoubleConsumer progress) {
        try {
            while (!finished.await(100, TimeUnit.MILLISECONDS)) {
                progress.accept((double) done.get() / total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        }
        progress.accept(1.0);
    }

    static Report report(Params p, long elapsedNanos, long[] faceCounts) {
        long n = p.rounds();
        double pLow = Payouts.exactLowProbability(p.lowWeight(), p.highWeight());
        double payoutRatio = (double) Payouts.evenMoneyWinMicro(UNIT_STAKE_MICRO, p.commissionMicro()) / UNIT_STAKE_MICRO;
        List<SideStats> sides = new ArrayList<>();
        for (Side side : Side.values()) {
            int first = side == Side.LOW ? 0 : 3;
            long hits = faceCounts[first] + faceCounts[first + 1] + faceCounts[first + 2];
            double prob = side == Side.LOW ? pLow : 1 - pLow;
            double rtp = hits * payoutRatio / n;
            double theory = prob * payoutRatio;
            double sigma = payoutRatio * Math.sqrt(prob * (1 - prob) / n);
            sides.add(new SideStats(side, hits, (double) hits / n, rtp, theory, sigma, zScore(rtp - theory, sigma)));
        }
        List<FaceStats> faces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double prob = (i < 3 ? pLow : 1 - pLow) * Payouts.faceIndexProbability(i % 3);
            double freq = (double) faceCounts[i] / n;
            double sigma = Math.sqrt(prob * (1 - prob) / n);
            faces.add(new FaceStats(FACES[i], faceCounts[i], freq, prob, zScore(freq - prob, sigma)));
        }
        return new Report(p, elapsedNanos, sides, faces);
    }

    /** A side that can never win (σ = 0) is fine exactly when the deviation is 0 too. */
    private static double zScore(double deviation, double sigma) {
        if (sigma == 0) {
            return deviation == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return deviation / sigma;
    }

    /** One thread's loop. Buffers are allocated once; the hot loop does one HMAC and two array reads per round. */
    static final class Worker {
        final long[] faceCounts = new long[6];
        private final Params params;
        private final AtomicLong nextBlock;
        private final long blocks;
        private final AtomicLong roundsDone;
        private final PrecomputedHmac mac = new PrecomputedHmac();
        private final SecureRandom random = new SecureRandom();
        private final byte[] message;
        private final int prefixLength;
        private final byte[] h = new byte[32];

        Worker(Params params, AtomicLong nextBlock, long blocks, AtomicLong roundsDone) {
            this.params = params;
            this.nextBlock = nextBlock;
            this.blocks = blocks;
            this.roundsDone = roundsDone;
            byte[] client = (CLIENT_SEED + ":").getBytes(StandardCharsets.US_ASCII);
            this.message = new byte[client.length + 20];
            System.arraycopy(client, 0, message, 0, client.length);
            this.prefixLength = client.length;
        }

        void run() throws GeneralSecurityException {
            for (long b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
                int length = (int) Math.min(params.blockSize(), params.rounds() - b * params.blockSize());
                runBlock(length);
                roundsDone.addAndGet(length);
            }
        }

        private void runBlock(int length) throws InvalidKeyException, ShortBufferException {
            startBlock(Seeds.randomSeed(random));
            long[] counts = faceCounts;
            for (int nonce = 0; nonce < length; nonce++) {
                counts[faceIndex(nonce)]++;
            }
        }

        void startBlock(String seedText) {
            mac.init(seedText.getBytes(StandardCharsets.US_ASCII));
        }

        /** 0..2 = LOW sums 3/6/9, 3..5 = HIGH sums 12/15/18, for this block's seed and the given nonce. */
        int faceIndex(int nonce) throws ShortBufferException {
            int messageLength = prefixLength + writeDecimal(nonce, message, prefixLength);
            mac.hmac(message, messageLength, h);
            boolean low = KetapolaRng.isLow(KetapolaRng.uint32(h, 0), params.lowWeight(), params.highWeight());
            return (low ? 0 : 3) + (int) (KetapolaRng.uint32(h, 4) % 3);
        }
    }

    /** Writes the decimal digits of a non-negative int at {@code offset}; returns the number of digits. */
    static int writeDecimal(int value, byte[] buffer, int offset) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        int v = value;
        for (int i = offset + digits - 1; i >= offset; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return digits;
    }
}
