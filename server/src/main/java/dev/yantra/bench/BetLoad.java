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
    private final List<Table> tables;
    private final long closedAtLeastMs;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean watching = true;
    /** Tables 0..activeTables-1 are watched; the others are disabled by the bench and not polled (a read is node CPU). */
    private volatile int activeTables = 1;

    /** One table's players and what its watcher knows: whether it is open for bets now, and for how long it was. */
    private final class Table {
        final int index;
        final List<String> tokens;
        final AtomicLong seq = new AtomicLong();
        final AtomicLong openNanosTotal = new AtomicLong();
        volatile boolean open;
        final Thread watcher;

        Table(int index, List<String> tokens) {
            this.index = index;
            this.tokens = List.copyOf(tokens);
            this.watcher = Thread.ofPlatform().daemon().name("bench-bets-watcher-" + index).start(this::watch);
        }

        /**
         * Reads GET /v1/play/state only when the answer can have changed: while the table is open its msLeft says
         * when betting closes, so the watcher sleeps until then; after a close it sleeps the part of the closed
         * time every round has (rolling + cooldown), then polls every 20 ms until the next round opens. Polling
         * all the time (50 reads/s per table) would bill the node for reads a player does not make.
         */
        private void watch() {
            while (watching) {
                if (index >= activeTables) {
                    LockSupport.parkNanos(50_000_000);
                    continue;
                }
                long msLeft = 0;
                boolean nowOpen;
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/play/state"))
                            .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + tokens.getFirst()).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode s = JSON.readTree(r.body());
                    msLeft = s.path("msLeft").asLong();
                    nowOpen = r.statusCode() == 200 && "BETTING_OPEN".equals(s.path("state").asString()) && msLeft > 20;
                } catch (Exception e) {
                    nowOpen = false;
                }
                if (!nowOpen) {
                    LockSupport.parkNanos(20_000_000);
                    continue;
                }
                long openedAt = System.nanoTime();
                long closesAt = openedAt + (msLeft - 20) * 1_000_000;   // stop sending 20 ms early: no bet lands after close
                open = true;
                while (watching && System.nanoTime() < closesAt) LockSupport.parkNanos(Math.min(closesAt - System.nanoTime(), 50_000_000));
                open = false;
                openNanosTotal.addAndGet(System.nanoTime() - openedAt);
                if (closedAtLeastMs > 0) LockSupport.parkNanos(closedAtLeastMs * 1_000_000);
            }
        }

        long openNanos() {
            return openNanosTotal.get();
        }
    }

    /**
     * @param tokensPerTable the session tokens of each table's players (table i's sessions are for table i)
     * @param closedAtLeastMs how long every round is closed for bets at least (rolling + cooldown), minus a margin
     */
    BetLoad(int port, List<List<String>> tokensPerTable, long closedAtLeastMs) {
        this.base = "http://127.0.0.1:" + port;
        this.closedAtLeastMs = closedAtLeastMs;
        List<Table> t = new ArrayList<>();
        for (int i = 0; i < tokensPerTable.size(); i++) t.add(new Table(i, tokensPerTable.get(i)));
        this.tables = List.copyOf(t);
    }

    int tableCount() {
        return tables.size();
    }

    /**
     * Watches tables 0..count-1 from now on and waits until each has opened for bets once (a table just enabled
     * starts within a few engine polls).
     */
    void awaitOpen(int count, Duration max) throws InterruptedException {
        if (count < 1 || count > tables.size()) throw new IllegalArgumentException("tables must be 1.." + tables.size());
        activeTables = count;
        long deadline = System.nanoTime() + max.toNanos();
        for (Table t : tables.subList(0, count)) {
            while (!t.open && t.openNanos() == 0) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("bench table " + t.index + " did not open for bets within " + max);
                Thread.sleep(20);
            }
        }
    }

    private long openNanos(int tableCount) {
        long sum = 0;
        for (int i = 0; i < tableCount; i++) sum += tables.get(i).openNanos();
        return sum;
    }

    /** Closed loop on table 0: {@code connections} senders for {@code length}; the maximum one table sustains. */
    Phase closedLoop(String name, int connections, Duration length) throws InterruptedException {
        activeTables = 1;
        Table table = tables.getFirst();
        Counters c = new Counters();
        long started = System.nanoTime();
        long startedAt = NodeClock.system().millis();
        long openBefore = table.openNanos();
        long end = started + length.toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            senders.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    if (!table.open) {
                        LockSupport.parkNanos(2_000_000);
                        continue;
                    }
                    send(table, c);
                }
            }));
        }
        for (Thread t : senders) t.join();
        return c.phase(name, table.openNanos() - openBefore, System.nanoTime() - started, startedAt, false);
    }

    /** {@link #openLoop(String, double, Duration, int, int)} on table 0 alone. */
    Phase openLoop(String name, double perOpenSecond, Duration length, int maxOutstanding) throws InterruptedException {
        return openLoop(name, perOpenSecond, length, maxOutstanding, 1);
    }

    /**
     * Open loop on the first {@code tableCount} tables, each paced on its own: a bet starts every 1/rate seconds
     * while that table is open (none are saved up while it is closed), each on its own thread, at most
     * {@code maxOutstanding} unanswered at once over all tables. The phase's open time is the sum over the tables,
     * so accepted per open second is per table.
     */
    Phase openLoop(String name, double perOpenSecond, Duration length, int maxOutstanding, int tableCount) throws InterruptedException {
        awaitOpen(tableCount, Duration.ofMinutes(2));
        Counters c = new Counters();
        Semaphore outstanding = new Semaphore(maxOutstanding);
        long interval = (long) (1e9 / Math.max(0.1, perOpenSecond));
        long started = System.nanoTime();
        long startedAt = NodeClock.system().millis();
        long openBefore = openNanos(tableCount);
        long end = started + length.toNanos();
        java.util.concurrent.atomic.AtomicBoolean saturated = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> pacers = new ArrayList<>();
        for (int i = 0; i < tableCount; i++) {
            Table table = tables.get(i);
            pacers.add(Thread.ofPlatform().name("bench-bets-pacer-" + i).start(() -> {
                long next = System.nanoTime();
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) break;
                    if (!table.open) {
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
                        saturated.set(true);
                        continue;
                    }
                    threads.submit(() -> {
                        try {
                            send(table, c);
                        } finally {
                            outstanding.release();
                        }
                    });
                }
            }));
        }
        for (Thread t : pacers) t.join();
        outstanding.acquire(maxOutstanding);  // every bet of the phase answered
        outstanding.release(maxOutstanding);
        return c.phase(name, openNanos(tableCount) - openBefore, System.nanoTime() - started, startedAt, saturated.get());
    }

    private void send(Table table, Counters c) {
        long i = table.seq.getAndIncrement();
        String token = table.tokens.get((int) ((i / 2) % table.tokens.size()));
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
            for (Table t : tables) t.watcher.join(2000);
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
