package dev.yantra.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Players buying lottery plays on several `yantra serve` processes while some die: {@code threads} buyers, each
 * sending a play every 250 ms to a random live node, for a draw still on sale (closing more than 5 s later). A
 * request that gets no answer (its node died) is sent again, same body and so same requestId, to another node
 * until one answers: the play exists once whichever node took it. Records each requestId's play, or that it was
 * refused draw_closed (the draw closed between the first try and the retry).
 */
final class LotteryPlayLoad implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Buyer(UUID id, String token) {
    }

    private final List<ChaosNode> nodes;
    private final List<Buyer> buyers;
    private final List<UUID> draws;
    private final JdbcClient jdbc;
    private final HttpClient http;
    private final Map<UUID, UUID> plays = new ConcurrentHashMap<>();
    private final Set<UUID> refused = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    LotteryPlayLoad(List<ChaosNode> nodes, List<Buyer> buyers, List<UUID> draws, JdbcClient jdbc, HttpClient http, int threads) {
        this.nodes = List.copyOf(nodes);
        this.buyers = List.copyOf(buyers);
        this.draws = List.copyOf(draws);
        this.jdbc = jdbc;
        this.http = http;
        for (int i = 0; i < threads; i++) {
            this.threads.add(Thread.ofPlatform().daemon().name("lottery-buyer-" + i).start(this::buy));
        }
    }

    private void buy() {
        try {
            while (running) {
                buyOne();
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private void buyOne() throws InterruptedException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Buyer buyer = buyers.get(r.nextInt(buyers.size()));
        List<UUID> onSale = jdbc.sql("SELECT id FROM draws WHERE id = ANY(?) AND state = 'OPEN' AND closes_at > now() + interval '5 seconds'")
                .param(draws.toArray(new UUID[0])).query(UUID.class).list();
        if (onSale.isEmpty()) return;
        UUID draw = onSale.get(r.nextInt(onSale.size()));
        UUID requestId = UUID.randomUUID();
        boolean pale = r.nextInt(4) == 0;
        String numbers = pale ? "[\"%02d\",\"%02d\"]".formatted(r.nextInt(50), 50 + r.nextInt(50)) : "[\"%02d\"]".formatted(r.nextInt(100));
        String body = """
                {"requestId":"%s","userId":"%s","lotteryId":"test-kill9","drawId":"%s","betType":"%s","numbers":%s,"amount":"%d",
                 "currency":"DOP","payment":{"method":"wallet"}}""".formatted(requestId, buyer.id(), draw, pale ? "pale" : "quiniela",
                numbers, 1 + r.nextInt(3));
        sent.incrementAndGet();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (int attempt = 0; ; attempt++) {
            if (System.nanoTime() > deadline) throw new AssertionError("no node answered play " + requestId + " within 120 s");
            List<ChaosNode> alive = nodes.stream().filter(ChaosNode::alive).toList();
            if (alive.isEmpty()) {
                Thread.sleep(100);
                continue;
            }
            ChaosNode node = alive.get(r.nextInt(alive.size()));
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/api/v1/plays"))
                        .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                        .header("Authorization", "Bearer " + buyer.token()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null || answer.statusCode() >= 500) {
                // the node died (or is starting or stopping): the same body again, to whichever node is up
                if (attempt == 0) retried.incrementAndGet();
                Thread.sleep(100);
                continue;
            }
            if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                UUID playId = UUID.fromString(JSON.readTree(answer.body()).get("playId").asString());
                UUID before = plays.putIfAbsent(requestId, playId);
                if (before != null && !before.equals(playId)) throw new AssertionError("request " + requestId + " got two plays");
                return;
            }
            if (answer.statusCode() == 422 && answer.body().contains("draw_closed")) {
                refused.add(requestId);
                return;
            }
            throw new AssertionError("play " + requestId + " refused " + answer.statusCode() + " " + answer.body());
        }
    }

    Map<UUID, UUID> plays() {
        return Map.copyOf(plays);
    }

    Set<UUID> refused() {
        return Set.copyOf(refused);
    }

    long sent() {
        return sent.get();
    }

    long retried() {
        return retried.get();
    }

    long refusedClosed() {
        return refused.size();
    }

    /** Stops buying, waits for every buyer's last play to be answered, and fails if any buyer failed. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(Duration.ofSeconds(150));
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("a buyer failed: " + failures.getFirst(), failures.getFirst());
            throw e;
        }
    }
}
