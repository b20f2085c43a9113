package dev.yantra.demobanca;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.yantra.signing.BancaSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A tiny real HTTP receiver standing in for Yantra's webhook endpoint: it verifies each webhook's signature with
 * {@link BancaSignature} (401 when it fails, as Yantra answers), records every delivery, and answers the statuses
 * it is told to (a queue, then 200).
 */
final class YantraStandIn implements AutoCloseable {
    record Delivery(Map<String, Object> body, boolean signatureValid, boolean fresh, String keyId, String eventId,
                    int answered, Instant at) {
        String requestId() {
            return (String) body.get("requestId");
        }
    }

    private final HttpServer server;
    private final byte[] secret;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> scripted = new ConcurrentLinkedQueue<>();

    YantraStandIn(byte[] secret) throws IOException {
        this.secret = secret.clone();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext(WebhookSender.WEBHOOK_PATH, this::receive);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers, in order, to deliveries with a valid signature; after them 200. */
    void answerNext(Integer... statuses) {
        scripted.addAll(List.of(statuses));
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    List<Delivery> deliveriesFor(String requestId) {
        return deliveries.stream().filter(d -> Objects.equals(d.requestId(), requestId)).toList();
    }

    /** Waits until the deliveries satisfy the condition, or fails after the timeout. */
    List<Delivery> await(Predicate<List<Delivery>> condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<Delivery> now = deliveries();
            if (condition.test(now)) return now;
            Thread.sleep(20);
        }
        throw new AssertionError("webhook deliveries did not reach the expected state within " + timeout + ": " + deliveries());
    }

    private void receive(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String ts = ex.getRequestHeaders().getFirst(BancaSignature.TIMESTAMP_HEADER);
            String sig = ex.getRequestHeaders().getFirst(BancaSignature.SIGNATURE_HEADER);
            boolean valid = ts != null && BancaSignature.verify(secret, ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ts, body, sig);
            boolean fresh = BancaSignature.isFresh(ts, Instant.now(), BancaSignature.DEFAULT_MAX_SKEW);
            Integer next = valid ? scripted.poll() : null;
            int status = !valid ? 401 : next == null ? 200 : next;
            Map<String, Object> parsed = Http.parseObject(body);
            deliveries.add(new Delivery(parsed == null ? Map.of() : parsed, valid, fresh,
                    ex.getRequestHeaders().getFirst(BancaSignature.KEY_ID_HEADER),
                    ex.getRequestHeaders().getFirst(BancaSignature.REQUEST_ID_HEADER), status, Instant.now()));
            byte[] answer = "{}".getBytes();
            ex.sendResponseHeaders(status, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
