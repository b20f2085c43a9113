package dev.yantra.stripestandin;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A tiny webhook endpoint for the tests: it verifies every delivery with stripe-java's own
 * {@code Webhook.constructEvent(payload, Stripe-Signature, secret, 300)}, as Yantra's endpoint does, keeps what
 * arrived in order, and can be told to answer 500 a number of times first.
 */
final class WebhookReceiver implements AutoCloseable {
    record Received(String payload, String signature, Event event, String verificationError) {
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/webhooks/stripe", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/stripe";
    }

    /** The next {@code n} deliveries are answered 500 (and still recorded). */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The verified events, in arrival order. */
    synchronized List<Event> events() {
        return received.stream().filter(r -> r.event() != null).map(Received::event).toList();
    }

    /** Waits until the verified events satisfy {@code done}; fails the test after {@code timeout}. */
    List<Event> await(Duration timeout, Predicate<List<Event>> done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<Event> e = events();
            if (done.test(e)) return e;
            Thread.sleep(20);
        }
        throw new AssertionError("webhooks did not arrive in " + timeout + "; got " + received().stream()
                .map(r -> r.event() == null ? "unverified: " + r.verificationError() : r.event().getType()).toList());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String payload = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = ex.getRequestHeaders().getFirst("Stripe-Signature");
            Event event = null;
            String error = null;
            try {
                event = Webhook.constructEvent(payload, signature, secret, 300);
            } catch (SignatureVerificationException e) {
                error = e.getMessage();
            }
            boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            synchronized (this) {
                received.add(new Received(payload, signature, fail ? null : event, fail ? "answered 500 on purpose" : error));
            }
            ex.sendResponseHeaders(fail ? 500 : error != null ? 400 : 200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
