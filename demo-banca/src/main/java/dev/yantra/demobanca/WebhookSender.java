package dev.yantra.demobanca;

import dev.yantra.signing.BancaSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Decides the plays answered 202 after the webhook delay and tells Yantra: a signed
 * {@code POST {yantraBaseUrl}/webhooks/plays/confirmation}. A non-2xx other than a 4xx (and a network error) is
 * retried a few times with backoff; a 4xx is Yantra's final word and is not. The webhook faults act here: lost,
 * duplicated, reordered (held and sent in reverse, a batch at a time) and signed with a wrong secret.
 */
final class WebhookSender implements AutoCloseable {
    static final String WEBHOOK_PATH = "/webhooks/plays/confirmation";
    static final int MAX_ATTEMPTS = 4;
    static final long RETRY_BASE_MS = 250;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final PlayLedger ledger;
    private final BancaSecrets secrets;
    private final Supplier<Faults> faults;
    private final Clock clock;
    private final URI webhookUri;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-banca-webhook-timer");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<Play> held = new ArrayList<>();
    private volatile boolean closed;

    /** @param yantraBaseUrl where Yantra listens, e.g. {@code http://127.0.0.1:8080}; null: webhooks are unsendable */
    WebhookSender(PlayLedger ledger, BancaSecrets secrets, Supplier<Faults> faults, Clock clock, String yantraBaseUrl) {
        this.ledger = ledger;
        this.secrets = secrets;
        this.faults = faults;
        this.clock = clock;
        this.webhookUri = yantraBaseUrl == null ? null : URI.create(stripSlash(yantraBaseUrl) + WEBHOOK_PATH);
    }

    /** Decides the play after {@code delayMs} and sends its webhook. */
    void schedule(Play play, long delayMs) {
        UUID id = play.requestId();
        try {
            timer.schedule(() -> run(() -> decideAndSend(id)), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the play stays accepted and a restart (resume) or Yantra's status check finds it
        }
    }

    /** After a restart: every play still undecided gets its webhook again, after the current delay. */
    void resume() {
        long delay = faults.get().webhookDelayMs();
        ledger.undecided().forEach(p -> schedule(p, delay));
    }

    /** Switching reordering off sends whatever is still held, reversed. */
    void faultsChanged(Faults before, Faults after) {
        if (before.reorderWebhooks() && !after.reorderWebhooks()) {
            List<Play> batch = drainHeld();
            run(() -> batch.forEach(p -> send(p, after)));
        }
    }

    private void decideAndSend(UUID requestId) {
        Faults f = faults.get();
        Optional<Play> decided = ledger.decide(requestId, f.rollConfirm(), PlayEndpoints.rejectionReason(f), clock.instant());
        if (decided.isEmpty()) return;   // another decider (a second instance sharing the table) got there first
        Play play = decided.get();
        if (f.rollLost()) {
            ledger.webhook(requestId, "lost", 0, null);
            return;
        }
        if (f.reorderWebhooks()) {
            List<Play> batch;
            synchronized (held) {
                held.add(play);
                ledger.webhook(requestId, "held", 0, null);
                if (held.size() < Faults.REORDER_BATCH) return;
                batch = drainHeld();
            }
            batch.forEach(p -> send(p, f));
            return;
        }
        send(play, f);
    }

    private List<Play> drainHeld() {
        synchronized (held) {
            List<Play> batch = new ArrayList<>(held.reversed());
            held.clear();
            return batch;
        }
    }

    /** One webhook event (plus its duplicate under that fault); the event id stays the same across both. */
    private void send(Play play, Faults f) {
        boolean wrongSecret = f.rollWrongSecret();
        String eventId = UUID.randomUUID().toString();
        int copies = f.rollDuplicate() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            Outcome o = post(play, eventId, wrongSecret);
            ledger.webhook(play.requestId(), o.state, o.attempts, o.http);
        }
    }

    private record Outcome(String state, int attempts, Integer http) {
    }

    private Outcome post(Play play, String eventId, boolean wrongSecret) {
        Optional<BancaSecrets.Secret> secret = secrets.newest();
        if (webhookUri == null || secret.isEmpty()) return new Outcome("unsendable", 0, null);
        byte[] key = wrongSecret ? randomKey() : secret.get().key();
        byte[] body = Http.JSON.writeValueAsBytes(play.webhookBody());
        Integer last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) Http.sleep(RETRY_BASE_MS << (attempt - 2));
            String ts = BancaSignature.formatTimestamp(clock.instant());
            HttpRequest req = HttpRequest.newBuilder(webhookUri).timeout(CALL_TIMEOUT)
                    .header("content-type", "application/json")
                    .header(BancaSignature.TIMESTAMP_HEADER, ts)
                    .header(BancaSignature.SIGNATURE_HEADER, BancaSignature.sign(key, "POST", webhookUri.getRawPath(), ts, body))
                    .header(BancaSignature.KEY_ID_HEADER, secret.get().id())
                    .header(BancaSignature.REQUEST_ID_HEADER, eventId)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            try {
                int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                last = status;
                if (status >= 200 && status < 300) return new Outcome("sent", attempt, status);
                if (status >= 400 && status < 500) return new Outcome("refused", attempt, status);
            } catch (IOException e) {
                // Yantra unreachable or slow: retried like a 5xx
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome("failed", attempt, last);
            }
        }
        return new Outcome("failed", MAX_ATTEMPTS, last);
    }

    private void run(Runnable task) {
        try {
            senders.submit(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // on close the tasks are interrupted mid-query: that is the banca stopping, not a failure
                    if (!closed) System.err.println("demo banca: webhook task failed: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        senders.shutdownNow();
        http.close();
    }
}
