package dev.yantra.fairness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Benchmark: raw HMAC-SHA256 throughput against simulator throughput, same JVM, same thread count, same message
 * shape and the same re-key every {@value RtpSimulator#DEFAULT_BLOCK_SIZE} messages. The ratio shows what the
 * simulator costs beyond the HMAC itself (goal ≥ 0.7). Run: {@code java -cp core.jar dev.yantra.fairness.RtpBench
 * [--rounds N] [--threads T]}.
 */
public final class RtpBench {

    /**
     * hmacPerSecond: javax.crypto.Mac; kernelHmacPerSecond: the simulator's own HMAC kernel ({@link PrecomputedHmac})
     * alone. ratio() compares with the JCE baseline (the goal's definition); kernelRatio() isolates the simulator's
     * own overhead (message formatting, mapping, tallies).
     */
    public record Result(long rounds, int threads, double hmacPerSecond, double kernelHmacPerSecond,
                         double roundsPerSecond, long simulationNanos, boolean simulationPassed) {
        public double ratio() {
            return roundsPerSecond / hmacPerSecond;
        }

        public double kernelRatio() {
            return roundsPerSecond / kernelHmacPerSecond;
        }

        public String table() {
            return String.format("""
                    %-30s %,15d
                    %-30s %15d
                    %-30s %,15.0f
                    %-30s %,15.0f
                    %-30s %,15.0f
                    %-30s %15.3f   (goal >= 0.7)
                    %-30s %15.3f
                    %-30s %15.3f s
                    %-30s %15s
                    """,
                    "rounds", rounds, "threads", threads, "raw HMAC-SHA256 / s (JCE Mac)", hmacPerSecond,
                    "HMAC / s (simulator kernel)", kernelHmacPerSecond,
                    "simulator rounds / s", roundsPerSecond, "ratio rounds / JCE HMAC", ratio(),
                    "ratio rounds / kernel HMAC", kernelRatio(),
                    "simulation wall time", simulationNanos / 1e9,
                    "simulation check", simulationPassed ? "passed" : "FAILED");
        }
    }

    private RtpBench() {}

    public static void main(String[] args) {
        long rounds = 10_000_000;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Long.parseLong(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.print(measure(rounds, threads).table());
    }

    /** Warms both paths up, then measures each once over {@code rounds} operations on {@code threads} threads. */
    public static Result measure(long rounds, int threads) {
        RtpSimulator.Params params = new RtpSimulator.Params(rounds, threads, 48, 48, 3000);
        long warmup = Math.min(rounds, 2_000_000);
        rawHmacNanos(warmup, threads, false);
        rawHmacNanos(warmup, threads, true);
        RtpSimulator.run(new RtpSimulator.Params(warmup, threads, 48, 48, 3000));
        long hmacNanos = rawHmacNanos(rounds, threads, false);
        long kernelNanos = rawHmacNanos(rounds, threads, true);
        RtpSimulator.Report report = RtpSimulator.run(params);
        return new Result(rounds, threads, rounds / (hmacNanos / 1e9), rounds / (kernelNanos / 1e9),
                report.roundsPerSecond(), report.elapsedNanos(), report.passed());
    }

    /** {@code total} HMACs of "yantra-rtp-simulator:" + a fixed 5-digit nonce, re-keyed per block, on T threads. */
    static long rawHmacNanos(long total, int threads, boolean kernel) {
        AtomicLong sink = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long share = total / threads + (t < total % threads ? 1 : 0);
            Thread thread = new Thread(() -> sink.addAndGet(kernel ? kernelLoop(share) : hmacLoop(share)), "rtp-bench-" + t);
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long elapsed = System.nanoTime() - start;
        if (sink.get() == 42) {
            System.out.print(""); // keeps the results observable so the JIT cannot drop the loop
        }
        return elapsed;
    }

    private static long hmacLoop(long count) {
        try {
            Mac mac = KetapolaRng.newMac();
            SecureRandom random = new SecureRandom();
            byte[] message = (RtpSimulator.CLIENT_SEED + ":12345").getBytes(StandardCharsets.US_ASCII);
            byte[] h = new byte[32];
            long acc = 0;
            for (long done = 0; done < count; done += RtpSimulator.DEFAULT_BLOCK_SIZE) {
                int length = (int) Math.min(RtpSimulator.DEFAULT_BLOCK_SIZE, count - done);
                byte[] key = Seeds.randomSeed(random).getBytes(StandardCharsets.US_ASCII);
                mac.init(new SecretKeySpec(key, KetapolaRng.HMAC_ALGORITHM));
                acc += hmacBlock(mac, message, h, length);
            }
            return acc;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long kernelLoop(long count) {
        PrecomputedHmac mac = new PrecomputedHmac();
        SecureRandom random = new SecureRandom();
        byte[] message = (RtpSimulator.CLIENT_SEED + ":12345").getBytes(StandardCharsets.US_ASCII);
        byte[] h = new byte[32];
        long acc = 0;
        for (long done = 0; done < count; done += RtpSimulator.DEFAULT_BLOCK_SIZE) {
            int length = (int) Math.min(RtpSimulator.DEFAULT_BLOCK_SIZE, count - done);
            mac.init(Seeds.randomSeed(random).getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < length; i++) {
                mac.hmac(message, message.length, h);
                acc += h[0];
            }
        }
        return acc;
    }

    private static long hmacBlock(Mac mac, byte[] message, byte[] h, int length) throws ShortBufferException {
        long acc = 0;
        for (int i = 0; i < length; i++) {
            mac.update(message, 0, message.length);
            mac.doFinal(h, 0);
            acc += h[0];
        }
        return acc;
    }
}
