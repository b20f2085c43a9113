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
import java.util.concurrent.Executors;

/**
 * What a load balancer in front of several nodes does for the banca's webhooks: one stable address that hands
 * each request, bytes and signature headers unchanged, to a node that answers (node ports change on every
 * restart). A request no node answers within 10 s gets 503, which the banca retries.
 */
final class WebhookRelay implements AutoCloseable {
    private static final List<String> PASSED = List.of("content-type", "x-timestamp", "x-signature", "x-key-id", "x-request-id");

    private final List<NodeProcess> nodes;
    private final HttpClient http;
    private final HttpServer server;

    WebhookRelay(List<NodeProcess> nodes, HttpClient http) throws IOException {
        this.nodes = List.copyOf(nodes);
        this.http = http;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
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
                List<NodeProcess> order = new ArrayList<>(nodes.stream().filter(NodeProcess::alive).toList());
                Collections.shuffle(order);
                for (NodeProcess n : order) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + n.port() + ex.getRequestURI()))
                            .timeout(Duration.ofSeconds(5)).method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                    ex.getRequestHeaders().forEach((k, v) -> {
                        if (PASSED.contains(k.toLowerCase(Locale.ROOT))) v.forEach(value -> b.header(k, value));
                    });
                    try {
                        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() < 500) {
                            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                            if (r.body().length > 0) ex.getResponseBody().write(r.body());
                            return;
                        }
                    } catch (IOException e) {
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
