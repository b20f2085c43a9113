package dev.yantra.chaos;

import dev.yantra.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lottery players buying plays on whichever node answers: every third play by card (the Stripe stand-in's
 * {@code pm_card_visa}, 50-52 DOP), the others from the wallet (1-3 DOP), on a draw still on sale. A request
 * without an answer (its node died) is sent again, same body and so same requestId, to the next node, as a client
 * retrying through a load balancer would; the play must exist once whichever node took it. Numbers, amounts and
 * methods follow a counter. What each request was answered is kept ({@link #accepted}, {@link #refusedClosed}), so a
 * test can hold the database to it: one play per accepted requestId, none per refused one.
 */
final class ChaosBuyers implements AutoCloseable {
    private final List<ChaosNode> nodes;
    private final ChaosLottery lottery;
    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Thread> threads;
    private volatile boolean running = true;
    private final Map<UUID, UUID> accepted = new ConcurrentHashMap<>();   // requestId -> the playId answered
    private final Set<UUID> refusedClosed = ConcurrentHashMap.newKeySet();

    ChaosBuyers(List<ChaosNode> nodes, ChaosLottery lottery, JdbcClient jdbc, Timeline timeline, int workers) {
        this.nodes = nodes;
        this.lottery = lottery;
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.threads = java.util.stream.IntStream.range(0, workers)
                .mapToObj(w -> Thread.ofVirtual().name("chaos-buyer-" + w).start(() -> run(w, workers))).toList();
    }

    private void run(int worker, int workers) {
        for (long i = worker; running; i += workers) {
            try {
                buyOne(i);
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database restarting while we looked for a draw on sale: try again shortly
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void buyOne(long i) throws InterruptedException {
        ChaosLottery.Buyer buyer = lottery.buyers.get((int) (i % lottery.buyers.size()));
        List<UUID> onSale = jdbc.sql("SELECT id FROM draws WHERE id = ANY(?) AND state = 'OPEN' AND closes_at > now() + interval '5 seconds' ORDER BY closes_at")
                .param(lottery.draws.toArray(new UUID[0])).query(UUID.class).list();
        if (onSale.isEmpty()) return;
        UUID draw = onSale.get((int) (i % onSale.size()));
        UUID requestId = UUID.randomUUID();
        boolean card = i % 3 == 0;
        boolean pale = i % 4 == 1;
        String numbers = pale ? "[\"%02d\",\"%02d\"]".formatted(i % 50, 50 + i % 50) : "[\"%02d\"]".formatted(i % 100);
        String payment = card ? "{\"method\":\"card\",\"paymentMethodId\":\"pm_card_visa\"}" : "{\"method\":\"wallet\"}";
        String body = """
                {"requestId":"%s","userId":"%s","lotteryId":"%s","drawId":"%s","betType":"%s","numbers":%s,"amount":"%d",
                 "currency":"DOP","payment":%s}""".formatted(requestId, buyer.id(), ChaosLottery.LOTTERY, draw,
                pale ? "pale" : "quiniela", numbers, card ? 50 + i % 3 : 1 + i % 3, payment);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (long k = i; running || System.nanoTime() < deadline; k++) {
            if (System.nanoTime() > deadline) break;
            ChaosNode n = nodes.get((int) (k % nodes.size()));
            if (!n.alive()) {
                Thread.sleep(50);
                continue;
            }
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + n.port() + "/api/v1/plays"))
                        .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                        .header("Authorization", "Bearer " + buyer.token()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                answer = null;
            }
            int status = answer == null ? -1 : answer.statusCode();
            if (status >= 0 && status < 500) {
                timeline.play(status);
                if (status == 200 || status == 201) accepted.put(requestId, UUID.fromString(Json.parse(answer.body()).get("playId").asString()));
                else if (status == 422 && answer.body().contains("draw_closed")) refusedClosed.add(requestId);
                return;
            }
            Thread.sleep(100);   // no answer or a node starting/stopping: the same body to the next node
        }
        timeline.play(-1);
    }

    /** Each requestId answered with a play, and that play's id. */
    Map<UUID, UUID> accepted() {
        return Map.copyOf(accepted);
    }

    /** The requestIds refused because their draw closed between the first try and the one a node answered. */
    Set<UUID> refusedClosed() {
        return Set.copyOf(refusedClosed);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(70_000);
    }
}
