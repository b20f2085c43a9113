package dev.yantra.stripestandin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Stripe stand-in on loopback: the {@code /v1} endpoints stripe-java calls ({@link ApiHandler}), signed webhooks
 * ({@link WebhookSender}), and an admin API ({@link AdminHandler}) on the same port. Point stripe-java at
 * {@link #url()}:
 *
 * <pre>
 * try (StripeStandin stripe = StripeStandin.start(StripeStandin.Config.defaults()
 *         .withWebhook("http://127.0.0.1:8080/webhooks/stripe", "whsec_test_secret"))) {
 *     StripeClient client = StripeClient.builder().setApiKey(stripe.secretKey()).setApiBase(stripe.url()).build();
 *     client.v1().paymentIntents().create(...);
 * }
 * </pre>
 */
public final class StripeStandin implements AutoCloseable {
    /** The API version the stand-in answers with and stamps on every event: the one stripe-java 33.3.0 pins. */
    public static final String API_VERSION = "2026-07-29.dahlia";
    public static final int DEFAULT_PORT = 8094;
    public static final String DEFAULT_SECRET_KEY = "sk_test_yantra_standin";
    public static final String DEFAULT_PUBLISHABLE_KEY = "pk_test_yantra_standin";
    /** The event types a webhook endpoint receives unless told otherwise: those Yantra handles. */
    public static final Set<String> DEFAULT_ENABLED_EVENTS = Set.of("payment_intent.amount_capturable_updated", "payment_intent.succeeded",
            "payment_intent.payment_failed", "payment_intent.canceled", "payment_intent.requires_action", "charge.refunded", "refund.updated");

    /**
     * How to run the stand-in. Immutable; start from {@link #defaults()} and use the withers.
     *
     * @param port               0 = any free port
     * @param secretKey          the one secret key accepted ({@code Authorization: Bearer ...}); any other is 401
     * @param publishableKey     the key a browser may use to confirm with a client secret; null: none
     * @param webhookUrl         where webhooks go; null: none are sent (events are still listed)
     * @param webhookSecrets     one signing secret, or two while rotating (every delivery carries a v1 for each)
     * @param enabledEvents      event types sent to the endpoint ({@code *} for all)
     * @param holdLifetime       how long an uncaptured hold lasts before it expires by itself (Stripe: 7 days)
     * @param webhookMaxAttempts attempts per delivery answered non-2xx (or unreachable)
     * @param webhookRetryBaseMs the pause before the second attempt; it doubles after each
     */
    public record Config(int port, InetAddress bind, String secretKey, String publishableKey, String webhookUrl,
                         List<String> webhookSecrets, Set<String> enabledEvents, Duration holdLifetime,
                         int webhookMaxAttempts, long webhookRetryBaseMs, Clock clock) {
        public Config {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(clock, "clock");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
            if (secretKey == null || !secretKey.startsWith("sk_test_")) throw new IllegalArgumentException("the secret key must start with sk_test_ (this is a test stand-in), was " + secretKey);
            if (publishableKey != null && !publishableKey.startsWith("pk_test_")) throw new IllegalArgumentException("the publishable key must start with pk_test_, was " + publishableKey);
            if (holdLifetime == null || holdLifetime.isNegative() || holdLifetime.isZero()) throw new IllegalArgumentException("holdLifetime must be > 0, was " + holdLifetime);
            if (webhookMaxAttempts < 1 || webhookMaxAttempts > 20) throw new IllegalArgumentException("webhookMaxAttempts must be 1..20, was " + webhookMaxAttempts);
            if (webhookRetryBaseMs < 0 || webhookRetryBaseMs > 60_000) throw new IllegalArgumentException("webhookRetryBaseMs must be 0..60000, was " + webhookRetryBaseMs);
            webhookSecrets = List.copyOf(webhookSecrets);
            enabledEvents = Set.copyOf(enabledEvents);
            new WebhookSender.Endpoint(webhookUrl, webhookSecrets, enabledEvents);   // validates url + secrets together
        }

        /** Any free port on loopback, the default keys, no webhook endpoint, holds of 7 days, 4 attempts from 200 ms. */
        public static Config defaults() {
            return new Config(0, InetAddress.getLoopbackAddress(), DEFAULT_SECRET_KEY, DEFAULT_PUBLISHABLE_KEY, null, List.of(),
                    DEFAULT_ENABLED_EVENTS, Duration.ofDays(7), 4, 200, Clock.systemUTC());
        }

        public Config withPort(int v) {
            return new Config(v, bind, secretKey, publishableKey, webhookUrl, webhookSecrets, enabledEvents, holdLifetime, webhookMaxAttempts, webhookRetryBaseMs, clock);
        }

        public Config withBind(InetAddress v) {
            return new Config(port, v, secretKey, publishableKey, webhookUrl, webhookSecrets, enabledEvents, holdLifetime, webhookMaxAttempts, webhookRetryBaseMs, clock);
        }

        public Config withSecretKey(String v) {
            return new Config(port, bind, v, publishableKey, webhookUrl, webhookSecrets, enabledEvents, holdLifetime, webhookMaxAttempts, webhookRetryBaseMs, clock);
        }

        public Config withPublishableKey(String v) {
            return new Config(port, bind, secretKey, v, webhookUrl, webhookSecrets, enabledEvents, holdLifetime, webhookMaxAttempts, webhookRetryBaseMs, clock);
        }

        /** The endpoint and its signing secrets (one, or two while rotating). */
        public Config withWebhook(String url, String... secrets) {
            return new Config(port, bind, secretKey, publishableKey, url, List.of(secrets), enabledEvents, holdLifetime, webhookMaxAttempts, webhookRetryBaseMs, clock);
        }

        public Config withEnabledEvents(Set<String> v) {
            return new Config(port, bind, secretKey, publishableKey, webhookUrl, webhookSecrets, v, holdLifetime, webhookMaxAttempts, webhookRetryBaseMs, clock);
        }

        public Config withHoldLifetime(Duration v) {
            return new Config(port, bind, secretKey, publishableKey, webhookUrl, webhookSecrets, enabledEvents, v, webhookMaxAttempts, webhookRetryBaseMs, clock);
        }

        public Config withWebhookRetries(int maxAttempts, long retryBaseMs) {
            return new Config(port, bind, secretKey, publishableKey, webhookUrl, webhookSecrets, enabledEvents, holdLifetime, maxAttempts, retryBaseMs, clock);
        }

        public Config withClock(Clock v) {
            return new Config(port, bind, secretKey, publishableKey, webhookUrl, webhookSecrets, enabledEvents, holdLifetime, webhookMaxAttempts, webhookRetryBaseMs, v);
        }
    }

    private final Config config;
    private final Object faultsLock = new Object();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stripe-standin-hold-expiry");
        t.setDaemon(true);
        return t;
    });
    private volatile Faults faults = Faults.NONE;
    private WebhookSender webhooks;
    private Payments payments;
    private HttpServer server;

    private StripeStandin(Config config) {
        this.config = config;
    }

    /** Opens the listener; holds are checked for expiry every second. */
    public static StripeStandin start(Config config) {
        StripeStandin s = new StripeStandin(config);
        try {
            s.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 512);
        } catch (IOException e) {
            throw new IllegalStateException("the Stripe stand-in cannot listen on " + config.bind().getHostAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        s.webhooks = new WebhookSender(new WebhookSender.Endpoint(config.webhookUrl(), config.webhookSecrets(), config.enabledEvents()),
                s::faults, config.clock(), config.webhookMaxAttempts(), config.webhookRetryBaseMs());
        Events events = new Events(API_VERSION, s.webhooks::accept, s.webhooks::wants);
        s.payments = new Payments(events, config.clock(), s.url() + "/admin");
        ApiHandler api = new ApiHandler(s.payments, events, s::faults, API_VERSION, config.secretKey(), config.publishableKey());
        s.server.createContext("/v1/", api::handle);
        s.server.createContext("/admin/", new AdminHandler(s)::handle);
        s.server.createContext("/health", s::health);
        s.server.setExecutor(s.executor);
        s.server.start();
        s.sweeper.scheduleWithFixedDelay(() -> s.payments.expireHolds(config.holdLifetime()), 1, 1, TimeUnit.SECONDS);
        return s;
    }

    /** The API base for stripe-java ({@code StripeClient.builder().setApiBase(url())}), e.g. {@code http://127.0.0.1:8094}. */
    public String url() {
        return "http://" + config.bind().getHostAddress() + ":" + port();
    }

    /** The admin API's base, {@code url() + "/admin"}. */
    public String adminUrl() {
        return url() + "/admin";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String secretKey() {
        return config.secretKey();
    }

    public String publishableKey() {
        return config.publishableKey();
    }

    public Faults faults() {
        return faults;
    }

    /** Changes some faults, as {@code POST /admin/faults} does with the same fields; returns those now in force. */
    public Faults changeFaults(Map<String, Object> changes) {
        synchronized (faultsLock) {
            Faults next = Faults.apply(faults, changes);
            faults = next;
            webhooks.faultsChanged(next);
            return next;
        }
    }

    /** The customer passes (or fails) the 3-D Secure challenge of a PaymentIntent in {@code requires_action}. */
    public Map<String, Object> authenticate(String paymentIntentId, boolean succeed) {
        return payments.authenticate(paymentIntentId, succeed);
    }

    /** The hold of a PaymentIntent in {@code requires_capture} lapses: canceled, {@code cancellation_reason: automatic}. */
    public Map<String, Object> expireHold(String paymentIntentId) {
        return payments.expire(paymentIntentId);
    }

    /** Every webhook attempt so far (at most the last {@value WebhookSender#MAX_LOG}). */
    public List<WebhookDelivery> deliveries() {
        return webhooks.deliveries();
    }

    /** Every PaymentIntent as the API would show it. */
    public List<Map<String, Object>> paymentIntents() {
        return payments.allIntents();
    }

    /** Points webhooks elsewhere or rotates secrets: fields {@code url}, {@code secrets}, {@code enabledEvents}, as {@code POST /admin/webhook}. */
    @SuppressWarnings("unchecked")
    public void changeWebhook(Map<String, Object> changes) {
        for (String k : changes.keySet()) {
            if (!Set.of("url", "secrets", "enabledEvents").contains(k)) throw new IllegalArgumentException("unknown webhook field '" + k + "'; known: url, secrets, enabledEvents");
        }
        WebhookSender.Endpoint e = webhooks.endpoint();
        String url = changes.containsKey("url") ? (String) changes.get("url") : e.url();
        List<String> secrets = changes.containsKey("secrets") ? strings(changes.get("secrets"), "secrets") : e.secrets();
        Set<String> enabled = changes.containsKey("enabledEvents") ? Set.copyOf(strings(changes.get("enabledEvents"), "enabledEvents")) : e.enabledEvents();
        webhooks.endpoint(new WebhookSender.Endpoint(url, secrets, enabled));
    }

    /** Rotates the webhook signing secrets (one, or two while both are in force). */
    public void webhookSecrets(String... secrets) {
        changeWebhook(Map.of("secrets", List.of(secrets)));
    }

    WebhookSender.Endpoint webhookEndpoint() {
        return webhooks.endpoint();
    }

    Payments payments() {
        return payments;
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        sweeper.shutdownNow();
        if (webhooks != null) webhooks.close();
        executor.shutdownNow();
    }

    private static List<String> strings(Object v, String field) {
        if (!(v instanceof List<?> list)) throw new IllegalArgumentException(field + " must be a list of strings");
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isEmpty()) throw new IllegalArgumentException(field + " must be a list of non-empty strings");
            out.add(s);
        }
        return out;
    }

    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            Http.json(ex, 200, Map.of("status", "ok", "apiVersion", API_VERSION));
        }
    }
}
