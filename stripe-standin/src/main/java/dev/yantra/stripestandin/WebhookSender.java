package dev.yantra.stripestandin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Sends each event to the webhook endpoint, signed ({@link WebhookSignature}), after the configured delay, with
 * the faults in force (drops, duplicates, pairs in reverse order, held while Stripe is "down"), in order per
 * payment unless reordering is asked for, and retries a delivery the receiver did not answer 2xx, with a doubling
 * pause, up to the configured attempts — a shorter version of Stripe's days of retries. Every attempt is logged
 * ({@link #deliveries()}).
 */
final class WebhookSender implements AutoCloseable {
    /** Where webhooks go; {@code enabledEvents} holds event types, or {@code *} for all. */
    record Endpoint(String url, List<String> secrets, Set<String> enabledEvents) {
        Endpoint {
            secrets = List.copyOf(secrets);
            enabledEvents = Set.copyOf(enabledEvents);
            if (url != null && secrets.isEmpty()) throw new IllegalArgumentException("a webhook endpoint needs at least one signing secret");
            if (secrets.size() > 2) throw new IllegalArgumentException("at most two webhook secrets are in force at once (the old and the new)");
        }

        boolean wants(String type) {
            return url != null && (enabledEvents.contains("*") || enabledEvents.contains(type));
        }
    }

    static final int MAX_LOG = 10_000;

    private final Supplier<Faults> faults;
    private final Clock clock;
    private final int maxAttempts;
    private final long retryBaseMs;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).executor(executor).build();
    private final Deque<WebhookDelivery> log = new ArrayDeque<>();
    private final List<Map<String, Object>> held = new ArrayList<>();
    private final Map<String, CompletableFuture<Void>> chains = new HashMap<>();
    private volatile Endpoint endpoint;
    private volatile boolean closed;

    WebhookSender(Endpoint endpoint, Supplier<Faults> faults, Clock clock, int maxAttempts, long retryBaseMs) {
        this.endpoint = endpoint;
        this.faults = faults;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.retryBaseMs = retryBaseMs;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    void endpoint(Endpoint next) {
        endpoint = next;
    }

    boolean wants(String type) {
        return endpoint.wants(type);
    }

    /** Called as an event is raised (under the payments lock): decides its fate, never blocks. */
    void accept(Map<String, Object> event) {
        String type = (String) event.get("type");
        if (closed || !endpoint.wants(type)) return;
        Faults f = faults.get();
        if (f.rollDrop()) {
            record(new WebhookDelivery((String) event.get("id"), type, 0, -1, "dropped by the dropRate fault", clock.instant()));
            return;
        }
        int copies = f.rollDuplicate() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            if (f.reorder()) hold(event);
            else schedule(event, f.webhookDelayMs());
        }
    }

    /** When reordering is switched off, what is still held goes out (reversed, as it would have). */
    void faultsChanged(Faults next) {
        if (!next.reorder()) flushHeld();
    }

    synchronized List<WebhookDelivery> deliveries() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
        executor.shutdownNow();
    }

    private void hold(Map<String, Object> event) {
        boolean pair;
        synchronized (held) {
            held.add(event);
            pair = held.size() >= 2;
        }
        if (pair) {
            flushHeld();
        } else {
            executor.execute(() -> {
                sleep(Faults.REORDER_WINDOW_MS);
                flushHeld();
            });
        }
    }

    private void flushHeld() {
        List<Map<String, Object>> batch;
        synchronized (held) {
            batch = new ArrayList<>(held);
            held.clear();
        }
        long delay = faults.get().webhookDelayMs();
        // the later event is sent first; the earlier one a moment after, so the receiver sees them in reverse order
        for (int i = batch.size() - 1, n = 0; i >= 0; i--, n++) schedule(batch.get(i), delay + 50L * n);
    }

    /**
     * Queues the first attempt behind the earlier deliveries about the same PaymentIntent, so that without the
     * reorder fault one payment's webhooks arrive in the order they were raised (deliveries about different
     * payments go in parallel). Retries are not queued: a failing delivery does not hold the next one back.
     */
    private void schedule(Map<String, Object> event, long delayMs) {
        if (closed) return;
        String payload = Json.text(event);
        String id = (String) event.get("id");
        String type = (String) event.get("type");
        long due = System.nanoTime() + delayMs * 1_000_000;
        String key = orderingKey(event);
        synchronized (chains) {
            CompletableFuture<Void> next = chains.getOrDefault(key, CompletableFuture.completedFuture(null))
                    .thenRunAsync(() -> {
                        sleep((due - System.nanoTime()) / 1_000_000);
                        if (!attempt(id, type, payload, 1)) executor.execute(() -> retry(id, type, payload));
                    }, executor);
            chains.put(key, next);
            next.whenComplete((r, e) -> {
                synchronized (chains) {
                    chains.remove(key, next);
                }
            });
        }
    }

    /** The PaymentIntent an event is about (a charge and a refund name theirs), else the object itself. */
    @SuppressWarnings("unchecked")
    private static String orderingKey(Map<String, Object> event) {
        Map<String, Object> object = (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("object");
        return object.get("payment_intent") instanceof String pi ? pi : String.valueOf(object.get("id"));
    }

    private void retry(String eventId, String type, String payload) {
        for (int attempt = 2; attempt <= maxAttempts && !closed; attempt++) {
            sleep(retryBaseMs << (attempt - 2));
            if (attempt(eventId, type, payload, attempt)) return;
        }
    }

    /** One attempt, waiting first while Stripe is "down"; true when the receiver answered 2xx (or there is no endpoint). */
    private boolean attempt(String eventId, String type, String payload, int attempt) {
        while (faults.get().down() && !closed) sleep(100);
        Endpoint ep = endpoint;
        if (ep.url() == null || closed) return true;
        int status = 0;
        String error = null;
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(ep.url())).timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json; charset=utf-8")
                    .header("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("stripe-signature", WebhookSignature.header(clock.instant().getEpochSecond(), payload, ep.secrets()))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        WebhookDelivery d = new WebhookDelivery(eventId, type, attempt, status, error, clock.instant());
        record(d);
        return d.ok();
    }

    private synchronized void record(WebhookDelivery d) {
        log.addLast(d);
        while (log.size() > MAX_LOG) log.removeFirst();
    }

    private static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
