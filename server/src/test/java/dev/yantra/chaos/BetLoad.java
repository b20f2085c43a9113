package dev.yantra.chaos;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Players betting without pause on whichever node answers (a node being killed or restarting is skipped, as a load
 * balancer would). Amounts and sides follow a counter, not a random source; only statuses are counted.
 */
final class BetLoad implements AutoCloseable {
    private final Cluster cluster;
    private final List<NodeProcess> nodes;
    private final List<String> tokens;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<Thread> threads;
    private volatile boolean running = true;

    BetLoad(Cluster cluster, List<NodeProcess> nodes, List<String> tokens, int workers, long pauseMs) {
        this.cluster = cluster;
        this.nodes = nodes;
        this.tokens = tokens;
        this.threads = java.util.stream.IntStream.range(0, workers)
                .mapToObj(w -> Thread.ofVirtual().name("bets-" + w).start(() -> run(w, workers, pauseMs))).toList();
    }

    private void run(int worker, int workers, long pauseMs) {
        for (long i = worker; running; i += workers) {
            String token = tokens.get((int) (i % tokens.size()));
            String side = (i / tokens.size()) % 2 == 0 ? "LOW" : "HIGH";
            long amount = 10_000L + (i % 7) * 5_000L;
            int status = -1;
            for (int k = 0; k < nodes.size() && status == -1; k++) {
                status = cluster.bet(nodes.get((int) ((i + k) % nodes.size())), token, side, amount);
            }
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    Map<Integer, AtomicInteger> statuses() {
        return statuses;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(15_000);
    }
}
