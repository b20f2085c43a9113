package dev.yantra.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * What a load balancer in front of the nodes does for the webhooks the banca and the Stripe stand-in send: one
 * stable address that hands each request, bytes and signature headers unchanged, to a running node (node ports
 * change on every restart). A request no node answers within 10 s gets 503, which both senders retry.
 */
final class ChaosRelay implements AutoCloseable {
    /** Headers the JDK client sets itself (or refuses): everything else is passed through. */
    private static final Set<String> NOT_PASSED = Set.of("host", "content-length", "connection", "transfer-encoding", "expect",
            "upgrade", "keep-alive");

    private final List<ChaosNode> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final HttpServer server;

    /** @param nodes read on every request (the rig fills and restarts them) */
    ChaosRelay(List<ChaosNode> nodes) throws IOException {
        this.nodes = nodes;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::relay);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void relay(HttpExchange ex) throws IOException {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                List<ChaosNode> order = new ArrayList<>(nodes.stream().filter(ChaosNode::alive).toList());
                Collections.shuffle(order);
                for (ChaosNode n : order) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + n.port() + ex.getRequestURI()))
                            .timeout(Duration.ofSeconds(5)).method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                    ex.getRequestHeaders().forEach((k, v) -> {
                        if (!NOT_PASSED.contains(k.toLowerCase(Locale.ROOT))) v.forEach(value -> b.header(k, value));
                    });
                    try {
                        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() < 500) {
                            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                            if (r.body().length > 0) ex.getResponseBody().write(r.body());
                            return;
                        }
                    } catch (IOException | IllegalArgumentException e) {
                        // that node is gone or not listening yet: the next one
                    }
                }
                Thread.sleep(200);
            }
            ex.sendResponseHeaders(503, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(503, -1);
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
