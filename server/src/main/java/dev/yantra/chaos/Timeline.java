package dev.yantra.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the run saw, second by second from the start of the load: bets accepted, refused (any HTTP answer but 201)
 * and unanswered, accept latencies, and the sampled queue depth per endpoint, breaker state per counterparty and
 * live nodes. Thread-safe: the bettors and the sampler write concurrently.
 */
final class Timeline {
    private final long startNanos;
    private final Map<Integer, Second> seconds = new ConcurrentHashMap<>();

    Timeline(long startNanos) {
        this.startNanos = startNanos;
    }

    static final class Second {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger unanswered = new AtomicInteger();
        final AtomicInteger playsAccepted = new AtomicInteger();
        final AtomicInteger playsRefused = new AtomicInteger();
        final AtomicInteger playsUnanswered = new AtomicInteger();
        private final List<Integer> latenciesMicros = new ArrayList<>();
        /** Null until sampled (a second the sampler skipped, or the database was down). */
        volatile Map<String, Integer> queueDepth;
        volatile Map<String, Double> breakers;
        volatile int liveNodes = -1;

        synchronized void latency(long micros) {
            latenciesMicros.add((int) Math.min(Integer.MAX_VALUE, micros));
        }

        /** The p-th percentile of this second's accepted bets in ms, or -1 without any. */
        synchronized double percentileMs(double p) {
            if (latenciesMicros.isEmpty()) return -1;
            int[] sorted = latenciesMicros.stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
        }

        /** Open jobs this second, or -1 when not sampled. */
        int queueTotal() {
            Map<String, Integer> q = queueDepth;
            return q == null ? -1 : q.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    int secondNow() {
        return (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
    }

    long msNow() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    Second at(int second) {
        return seconds.computeIfAbsent(second, s -> new Second());
    }

    void bet(int status, long latencyMicros) {
        Second s = at(secondNow());
        if (status == 201) {
            s.accepted.incrementAndGet();
            s.latency(latencyMicros);
        } else if (status < 0) {
            s.unanswered.incrementAndGet();
        } else {
            s.refused.incrementAndGet();
        }
    }

    /** A lottery play's answer: 200/201 accepted, -1 none within the buyer's patience, anything else refused. */
    void play(int status) {
        Second s = at(secondNow());
        if (status == 200 || status == 201) s.playsAccepted.incrementAndGet();
        else if (status < 0) s.playsUnanswered.incrementAndGet();
        else s.playsRefused.incrementAndGet();
    }

    /** Every second from 0 to the last one recorded, with empty seconds filled in. */
    TreeMap<Integer, Second> all() {
        TreeMap<Integer, Second> out = new TreeMap<>();
        int last = seconds.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (int i = 0; i <= last; i++) out.put(i, at(i));
        return out;
    }

    long total(java.util.function.Function<Second, AtomicInteger> which) {
        return seconds.values().stream().mapToLong(s -> which.apply(s).get()).sum();
    }
}
