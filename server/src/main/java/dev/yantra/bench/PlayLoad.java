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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The players' side of {@code yantra bench plays}: real HTTP {@code POST /api/v1/plays} with player tokens, a
 * quiniela on a random number of the bench draw, paid from the wallet (one unit) or by card (the card minimum,
 * through the Stripe stand-in). Two shapes, as {@link BetLoad}:
 * closed loop (N connections, each sends its next play when the last was answered: finds the maximum) and open
 * loop (plays start at a fixed rate whatever the answers do, so a slow server shows as latency). A lottery draw is
 * on sale the whole time, so rates are per second of wall time.
 */
final class PlayLoad implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A wallet play stakes one unit; a card play the card minimum (DOP 50), below which a card is refused. */
    static final String WALLET_AMOUNT = "1";
    static final String CARD_AMOUNT = "50";

    /** What one phase saw, on the client: counts, create latencies of the 201s, refusals by error code. */
    record Phase(String name, long sent, long accepted, Map<String, Long> refused, long wallNanos, long[] acceptNanosSorted,
                 long startedAtMillis, long endedAtMillis, boolean generatorSaturated) {
        double percentileMs(double p) {
            if (acceptNanosSorted.length == 0) return Double.NaN;
            int i = (int) Math.ceil(p / 100.0 * acceptNanosSorted.length) - 1;
            return acceptNanosSorted[Math.max(0, Math.min(i, acceptNanosSorted.length - 1))] / 1e6;
        }

        /** Derived: plays accepted (201) per second of the phase. */
        double acceptedPerSecond() {
            return wallNanos == 0 ? 0 : accepted / (wallNanos / 1e9);
        }
    }

    /** A bench player: its id and a bearer token for it. */
    record Player(UUID id, String token) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<Player> players;
    private final String lotteryId;
    private final UUID drawId;
    private final boolean card;
    private final AtomicLong seq = new AtomicLong();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    PlayLoad(int port, List<Player> players, String lotteryId, UUID drawId, boolean card) {
        this.base = "http://127.0.0.1:" + port;
        this.players = List.copyOf(players);
        this.lotteryId = lotteryId;
        this.drawId = drawId;
        this.card = card;
    }

    /** Closed loop: {@code connections} senders for {@code length}; the maximum the node sustains. */
    Phase closedLoop(String name, int connections, Duration length) throws InterruptedException {
        Counters c = new Counters();
        long started = System.nanoTime();
        long startedAt = NodeClock.system().millis();
        long end = started + length.toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            senders.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) send(c);
            }));
        }
        for (Thread t : senders) t.join();
        return c.phase(name, System.nanoTime() - started, startedAt, false);
    }

    /** Open loop: a play starts every 1/rate seconds, each on its own thread, at most {@code maxOutstanding} unanswered. */
    Phase openLoop(String name, double perSecond, Duration length, int maxOutstanding) throws InterruptedException {
        Counters c = new Counters();
        Semaphore outstanding = new Semaphore(maxOutstanding);
        long interval = (long) (1e9 / Math.max(0.1, perSecond));
        long started = System.nanoTime();
        long startedAt = NodeClock.system().millis();
        long end = started + length.toNanos();
        long next = started;
        boolean saturated = false;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) break;
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
        outstanding.acquire(maxOutstanding);   // every play of the phase answered
        outstanding.release(maxOutstanding);
        return c.phase(name, System.nanoTime() - started, startedAt, saturated);
    }

    private void send(Counters c) {
        long i = seq.getAndIncrement();
        Player p = players.get((int) (i % players.size()));
        String body = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + p.id() + "\",\"lotteryId\":\"" + lotteryId
                + "\",\"drawId\":\"" + drawId + "\",\"betType\":\"quiniela\",\"numbers\":[\""
                + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + "\"],\"amount\":\"" + (card ? CARD_AMOUNT : WALLET_AMOUNT)
                + "\",\"currency\":\"DOP\",\"payment\":" + (card
                        // the stand-in's always-approving test card: the server confirms, Stripe holds the stake
                        ? "{\"method\":\"card\",\"paymentMethodId\":\"pm_card_visa\"}}" : "{\"method\":\"wallet\"}}");
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/plays")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + p.token()).header("content-type", "application/json")
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

        Phase phase(String name, long wallNanos, long startedAt, boolean saturated) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Long> r = new java.util.TreeMap<>();
            refused.forEach((k, v) -> r.put(k, v.sum()));
            return new Phase(name, sent.sum(), accepted.sum(), r, wallNanos, sorted, startedAt, NodeClock.system().millis(), saturated);
        }
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
