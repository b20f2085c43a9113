package dev.yantra.bench;

import dev.yantra.config.NodeClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The players' side of {@code yantra bench bets}: real HTTP {@code POST /v1/play/bets} with session tokens, in
 * two shapes — closed loop (N connections, each sends its next bet when the last answered: finds the maximum)
 * and open loop (bets start at a fixed rate whatever the answers do, so a slow server shows up as latency
 * rather than as fewer requests). Bets are only sent while the table is BETTING_OPEN, which a watcher reads
 * from {@code GET /v1/play/state} every 20 ms; the time the table spent open is what rates are quoted against.
 *
 * <p>Bet i goes to player (i / 2) mod P on side i mod 2, so one player never bets one side twice in a round as
 * long as a round takes fewer than 2P bets (a duplicate would be answered 409 duplicate_bet and is counted).
 */
final class BetLoad implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final long AMOUNT_MICRO = 10_000;

    /** What one phase saw, all measured on the client: counts, accept latencies, and the time betting was open. */
    record Phase(String name, long sent, long accepted, Map<String, Long> refused, long openNanos, long wallNanos,
                 long[] acceptNanosSorted, Map<String, long[]> refusalNanosSorted, long startedAtMillis, long endedAtMillis,
                 boolean generatorSaturated) {
        double percentileMs(double p) {
            return percentile(acceptNanosSorted, p);
        }

        /** Latency percentile of the answers refused with {@code reason} (e.g. operator_unavailable); NaN if none. */
        double refusalPercentileMs(String reason, double p) {
            return percentile(refusalNanosSorted.getOrDefault(reason, new long[0]), p);
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) return Double.NaN;
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
        }

        /** Derived: accepted bets per second of time the table was open for bets. */
        double acceptedPerOpenSecond() {
            return openNanos == 0 ? 0 : accepted / (openNanos / 1e9);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<String> tokens;
    private final AtomicLong seq = new AtomicLong();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean open;
    private volatile boolean watching = true;
    private final AtomicLong openNanosTotal = new AtomicLong();
    private final Thread watcher;

    BetLoad(int port, List<String> tokens) {
        this.base = "http://127.0.0.1:" + port;
        this.tokens = List.copyOf(tokens);
        this.watcher = Thread.ofPlatform().daemon().name("bench-bets-watcher").start(this::watch);
    }

    /** Waits until the table first opens for bets (a new table starts within a few engine polls). */
    void awaitOpen(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!open) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the bench table did not open for bets within " + max);
            Thread.sleep(20);
        }
    }

    private void watch() {
        long last = System.nanoTime();
        while (watching) {
            boolean nowOpen;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/play/state"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + tokens.getFirst()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode s = JSON.readTree(r.body());
                nowOpen = r.statusCode() == 200 && "BETTING_OPEN".equals(s.path("state").asString())
                        && s.path("msLeft").asLong() > 20;
            } catch (Exception e) {
                nowOpen = false;
            }
            long now = System.nanoTime();
            if (open) openNanosTotal.addAndGet(now - last);
            last = now;
            open = nowOpen;
            LockSupport.parkNanos(20_000_000);
        }
    }

    /** Closed loop: {@code connections} senders for {@code length}; the maximum the node sustains. */
    Phase closedLoop(String name, int connections, Duration length) throws InterruptedException {
        Counters c = new Counters();
        long started = System.nanoTime();
        long startedAt = NodeClock.system().millis();
        long openBefore = openNanosTotal.get();
        long end = started + length.toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            senders.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    if (!open) {
                        LockSupport.parkNanos(2_000_000);
                        continue;
                    }
                    send(c);
                }
            }));
        }
        for (Thread t : senders) t.join();
        return c.phase(name, openNanosTotal.get() - openBefore, System.nanoTime() - started, startedAt, false);
    }

    /**
     * Open loop: a bet starts every 1/rate seconds while the table is open (none are saved up while it is
     * closed), each on its own thread, at most {@code maxOutstanding} unanswered at once.
     */
    Phase openLoop(String name, double perOpenSecond, Duration length, int maxOutstanding) throws InterruptedException {
        Counters c = new Counters();
        Semaphore outstanding = new Semaphore(maxOutstanding);
        long interval = (long) (1e9 / Math.max(0.1, perOpenSecond));
        long started = System.nanoTime();
        long startedAt = NodeClock.system().millis();
        long openBefore = openNanosTotal.get();
        long end = started + length.toNanos();
        long next = started;
        boolean saturated = false;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) break;
            if (!open) {
                LockSupport.parkNanos(2_000_000);
                next = System.nanoTime();
                continue;
            }
            if (now < next) {
                LockSupport.parkNanos(Math.min(next - now, 2_000_000));
                continue;
            }
            next += interval;
            if (!outstanding.tryAcquire()) {
                saturated = true;
                continue;
            }
            threads.submit(() -> {
                try {
                    send(c);
                } finally {
                    outstanding.release();
                }
            });
        }
        outstanding.acquire(maxOutstanding);  // every bet of the phase answered
        outstanding.release(maxOutstanding);
        return c.phase(name, openNanosTotal.get() - openBefore, System.nanoTime() - started, startedAt, saturated);
    }

    private void send(Counters c) {
        long i = seq.getAndIncrement();
        String token = tokens.get((int) ((i / 2) % tokens.size()));
        String side = i % 2 == 0 ? "LOW" : "HIGH";
        String body = "{\"requestUuid\":\"" + UUID.randomUUID() + "\",\"amountMicro\":\"" + AMOUNT_MICRO
                + "\",\"selection\":{\"side\":\"" + side + "\"}}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/play/bets")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        c.sent.increment();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t0;
            if (r.statusCode() == 201) {
                c.accepted.increment();
                c.latencies.add(took);
            } else {
                String reason;
                try {
                    reason = JSON.readTree(r.body()).path("error").asString("http_" + r.statusCode());
                } catch (RuntimeException e) {
                    reason = "http_" + r.statusCode();
                }
                c.refused.computeIfAbsent(reason, k -> new LongAdder()).increment();
                c.refusalLatencies.computeIfAbsent(reason, k -> new ConcurrentLinkedQueue<>()).add(took);
            }
        } catch (Exception e) {
            c.refused.computeIfAbsent("io_error", k -> new LongAdder()).increment();
        }
    }

    private static final class Counters {
        final LongAdder sent = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final Map<String, ConcurrentLinkedQueue<Long>> refusalLatencies = new ConcurrentHashMap<>();

        Phase phase(String name, long openNanos, long wallNanos, long startedAt, boolean saturated) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Long> r = new java.util.TreeMap<>();
            refused.forEach((k, v) -> r.put(k, v.sum()));
            Map<String, long[]> refusals = new java.util.TreeMap<>();
            refusalLatencies.forEach((k, v) -> refusals.put(k, v.stream().mapToLong(Long::longValue).sorted().toArray()));
            return new Phase(name, sent.sum(), accepted.sum(), r, openNanos, wallNanos, sorted, refusals, startedAt,
                    NodeClock.system().millis(), saturated);
        }
    }

    @Override
    public void close() {
        watching = false;
        try {
            watcher.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
