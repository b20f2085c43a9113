package dev.yantra.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Players betting without pause on whichever node answers, as behind a load balancer: a bet goes to the next node
 * in turn that is running, and to the next one when it gets no answer. Players, sides and amounts follow a counter
 * (the fault schedule is the run's only randomness). Each answer and its latency go to the {@link Timeline}.
 */
final class ChaosBettors implements AutoCloseable {
    private final List<ChaosNode> nodes;
    private final List<ChaosRig.Player> players;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Thread> threads;
    private volatile boolean running = true;

    ChaosBettors(List<ChaosNode> nodes, List<ChaosRig.Player> players, Timeline timeline, int workers, long pauseMs) {
        this.nodes = nodes;
        this.players = players;
        this.timeline = timeline;
        this.threads = java.util.stream.IntStream.range(0, workers)
                .mapToObj(w -> Thread.ofVirtual().name("chaos-bets-" + w).start(() -> run(w, workers, pauseMs))).toList();
    }

    private void run(int worker, int workers, long pauseMs) {
        for (long i = worker; running; i += workers) {
            ChaosRig.Player p = players.get((int) (i % players.size()));
            String side = (i / players.size()) % 2 == 0 ? "LOW" : "HIGH";
            long amount = 10_000L + (i % 7) * 5_000L;
            long started = System.nanoTime();
            int status = -1;
            for (int k = 0; k < nodes.size() && status == -1; k++) {
                ChaosNode n = nodes.get((int) ((i + k) % nodes.size()));
                if (!n.alive()) continue;
                started = System.nanoTime();
                status = bet(n, p.token(), side, amount);
            }
            timeline.bet(status, (System.nanoTime() - started) / 1_000);
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int bet(ChaosNode node, String token, String side, long amountMicro) {
        return place(http, node, token, side, amountMicro).status();
    }

    /** A node's answer to a bet: its HTTP status and body, or -1 and "" when the node did not answer. */
    record Answer(int status, String body) {
    }

    /** POST /v1/play/bets on {@code node} with a new requestUuid, as a player's client sends it. */
    static Answer place(HttpClient http, ChaosNode node, String token, String side, long amountMicro) {
        String body = "{\"requestUuid\":\"" + UUID.randomUUID() + "\",\"amountMicro\":\"" + amountMicro
                + "\",\"selection\":{\"side\":\"" + side + "\"}}";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/v1/play/bets"))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token)
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "");
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(15_000);
    }
}
