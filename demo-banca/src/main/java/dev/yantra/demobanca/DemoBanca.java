package dev.yantra.demobanca;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * A demo licensed lottery shop (banca): the peer Yantra forwards plays to, over a real ledger ({@link PlayLedger})
 * with signature checks (docs/banca-integration-guide.md) and fault injection ({@link Faults}). Two listeners on
 * loopback: the banca ({@code POST /v1/plays/register}, {@code GET /v1/plays/{playIdBanca}/status},
 * {@code GET /health}, and {@code /admin/*} while it is up) and an admin listener (port + 1 by default) serving
 * {@code /admin/*} — which still answers while the banca is "down" (its listener closed: connection refused).
 *
 * <pre>
 * try (DemoBanca banca = DemoBanca.start(DemoBanca.Config.of(dataSource)
 *         .withSecret("bk_1", "the secret Yantra issued").withYantraBaseUrl("http://127.0.0.1:8080"))) {
 *     // point the banca row's endpoint URL at banca.url()
 * }
 * </pre>
 */
public final class DemoBanca implements AutoCloseable {
    public static final int DEFAULT_PORT = 8092;
    public static final String DEFAULT_NAME = "demo-banca";
    /** {@link Config#adminPort()} value meaning "the banca port + 1, or any free port when that is 0". */
    public static final int ADMIN_PORT_NEXT = -1;

    /**
     * How to run one demo banca. Immutable; start from {@link #of(DataSource)} and use the withers.
     *
     * @param name           this banca's part of the shared ledger table (default {@value #DEFAULT_NAME})
     * @param port           the banca listener (0 = any free port)
     * @param adminPort      the admin listener, or {@link #ADMIN_PORT_NEXT}
     * @param secrets        id → HMAC key the banca accepts; webhooks are signed with the last one
     * @param yantraBaseUrl  where Yantra listens (webhooks go to {@code + /webhooks/plays/confirmation}); null: none sent
     * @param maxSkew        how far a request's X-Timestamp may be from the banca's clock
     */
    public record Config(DataSource dataSource, String name, int port, int adminPort, Map<String, byte[]> secrets, String yantraBaseUrl,
                         double syncRate, double confirmRate, long webhookDelayMs, Clock clock, Duration maxSkew,
                         InetAddress bind) {
        public Config {
            Objects.requireNonNull(dataSource, "dataSource");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(bind, "bind");
            if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                throw new IllegalArgumentException("name must be 1..63 of a-z, 0-9, _ and - (starting with a letter or digit), was " + name);
            }
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
            if (adminPort != ADMIN_PORT_NEXT && (adminPort < 0 || adminPort > 65535)) {
                throw new IllegalArgumentException("adminPort must be 0..65535 or ADMIN_PORT_NEXT, was " + adminPort);
            }
            if (maxSkew == null || maxSkew.isNegative() || maxSkew.isZero()) throw new IllegalArgumentException("maxSkew must be > 0, was " + maxSkew);
            Faults.none(syncRate, confirmRate, webhookDelayMs);   // validates the rates with named messages
            LinkedHashMap<String, byte[]> copy = new LinkedHashMap<>();
            secrets.forEach((id, key) -> copy.put(id, key.clone()));
            secrets = Collections.unmodifiableMap(copy);
        }

        /** Defaults: any free port, admin on the next, no secrets, no webhook target, 70 % sync, 95 % confirm, 5 s. */
        public static Config of(DataSource dataSource) {
            return new Config(dataSource, DEFAULT_NAME, 0, ADMIN_PORT_NEXT, Map.of(), null, Faults.DEFAULT_SYNC_RATE,
                    Faults.DEFAULT_CONFIRM_RATE, Faults.DEFAULT_WEBHOOK_DELAY_MS, Clock.systemUTC(),
                    dev.yantra.signing.BancaSignature.DEFAULT_MAX_SKEW, InetAddress.getLoopbackAddress());
        }

        /** Several demo bancas may share one database: each sees only the plays registered under its name. */
        public Config withName(String v) {
            return new Config(dataSource, v, port, adminPort, secrets, yantraBaseUrl, syncRate, confirmRate, webhookDelayMs, clock, maxSkew, bind);
        }

        public Config withPort(int v) {
            return new Config(dataSource, name, v, adminPort, secrets, yantraBaseUrl, syncRate, confirmRate, webhookDelayMs, clock, maxSkew, bind);
        }

        public Config withAdminPort(int v) {
            return new Config(dataSource, name, port, v, secrets, yantraBaseUrl, syncRate, confirmRate, webhookDelayMs, clock, maxSkew, bind);
        }

        /** Adds a secret; the HMAC key is the UTF-8 bytes of the text, exactly as Yantra shows it. */
        public Config withSecret(String id, String secret) {
            return withSecret(id, secret.getBytes(StandardCharsets.UTF_8));
        }

        public Config withSecret(String id, byte[] key) {
            LinkedHashMap<String, byte[]> m = new LinkedHashMap<>(secrets);
            m.remove(id);
            m.put(id, key);
            return new Config(dataSource, name, port, adminPort, m, yantraBaseUrl, syncRate, confirmRate, webhookDelayMs, clock, maxSkew, bind);
        }

        public Config withYantraBaseUrl(String v) {
            return new Config(dataSource, name, port, adminPort, secrets, v, syncRate, confirmRate, webhookDelayMs, clock, maxSkew, bind);
        }

        public Config withSyncRate(double v) {
            return new Config(dataSource, name, port, adminPort, secrets, yantraBaseUrl, v, confirmRate, webhookDelayMs, clock, maxSkew, bind);
        }

        public Config withConfirmRate(double v) {
            return new Config(dataSource, name, port, adminPort, secrets, yantraBaseUrl, syncRate, v, webhookDelayMs, clock, maxSkew, bind);
        }

        public Config withWebhookDelayMs(long v) {
            return new Config(dataSource, name, port, adminPort, secrets, yantraBaseUrl, syncRate, confirmRate, v, clock, maxSkew, bind);
        }

        public Config withClock(Clock v) {
            return new Config(dataSource, name, port, adminPort, secrets, yantraBaseUrl, syncRate, confirmRate, webhookDelayMs, v, maxSkew, bind);
        }

        public Config withMaxSkew(Duration v) {
            return new Config(dataSource, name, port, adminPort, secrets, yantraBaseUrl, syncRate, confirmRate, webhookDelayMs, clock, v, bind);
        }

        public Config withBind(InetAddress v) {
            return new Config(dataSource, name, port, adminPort, secrets, yantraBaseUrl, syncRate, confirmRate, webhookDelayMs, clock, maxSkew, v);
        }
    }

    private final Config config;
    private final PlayLedger ledger;
    private final BancaSecrets secrets;
    private final Faults cleared;
    private final WebhookSender webhooks;
    private final PlayEndpoints plays;
    private final AdminApi admin = new AdminApi(this);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Object listenerLock = new Object();
    private final Object faultsLock = new Object();
    private volatile Faults faults;
    private HttpServer bancaServer;
    private HttpServer adminServer;
    private int port;

    private DemoBanca(Config config) {
        this.config = config;
        this.ledger = new PlayLedger(config.dataSource(), config.name());
        this.secrets = new BancaSecrets(config.secrets());
        this.cleared = Faults.none(config.syncRate(), config.confirmRate(), config.webhookDelayMs());
        this.faults = cleared;
        this.webhooks = new WebhookSender(ledger, secrets, this::faults, config.clock(), config.yantraBaseUrl());
        this.plays = new PlayEndpoints(ledger, secrets, this::faults, webhooks, config.clock(), config.maxSkew());
        this.port = config.port();
    }

    /** Creates the ledger table if missing, opens both listeners, and re-schedules webhooks of undecided plays. */
    public static DemoBanca start(Config config) {
        DemoBanca b = new DemoBanca(config);
        b.ledger.createTables();
        int adminPort = config.adminPort() != ADMIN_PORT_NEXT ? config.adminPort() : config.port() == 0 ? 0 : config.port() + 1;
        try {
            b.openBanca();
            b.adminServer = HttpServer.create(new InetSocketAddress(config.bind(), adminPort), 64);
            b.adminServer.createContext("/admin/", b.admin::handle);
            b.adminServer.setExecutor(b.executor);
            b.adminServer.start();
        } catch (IOException e) {
            b.close();
            throw new IllegalStateException("demo banca cannot listen on " + config.port() + "/" + adminPort + ": " + e.getMessage(), e);
        }
        b.webhooks.resume();
        return b;
    }

    /** The banca's base URL: what a banca row's endpoint URL should hold. */
    public String url() {
        return "http://" + host() + ":" + port;
    }

    /** The admin API's base, e.g. {@code http://127.0.0.1:8093/admin}; reachable while the banca is down. */
    public String adminUrl() {
        return "http://" + host() + ":" + adminPort() + "/admin";
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminServer.getAddress().getPort();
    }

    public PlayLedger ledger() {
        return ledger;
    }

    public Faults faults() {
        return faults;
    }

    /** What {@code clear} returns to: no faults, the configured rates. */
    public Faults clearedFaults() {
        return cleared;
    }

    /** Applies a fault set; going down closes the banca listener, coming back re-opens it on the same port. */
    public void setFaults(Faults next) {
        Faults before;
        synchronized (listenerLock) {
            before = faults;
            faults = next;
            try {
                if (next.down() && bancaServer != null) {
                    bancaServer.stop(0);
                    bancaServer = null;
                } else if (!next.down() && bancaServer == null) {
                    openBanca();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot re-open the banca listener on " + port + ": " + e.getMessage(), e);
            }
        }
        webhooks.faultsChanged(before, next);
    }

    /**
     * Changes some faults, as {@code POST /admin/faults} does with the same JSON fields (e.g.
     * {@code Map.of("errorRate", 0.3)}, {@code Map.of("clear", true)}); returns the faults now in force.
     */
    public Faults changeFaults(Map<String, Object> changes) {
        synchronized (faultsLock) {
            Faults next = Faults.apply(faults, cleared, changes);
            setFaults(next);
            return next;
        }
    }

    /** Accepts requests signed with this secret from now on; webhooks are signed with the newest added. */
    public void addSecret(String id, byte[] key) {
        secrets.add(id, key);
    }

    public boolean removeSecret(String id) {
        return secrets.remove(id);
    }

    public List<String> secretIds() {
        return secrets.ids();
    }

    @Override
    public void close() {
        synchronized (listenerLock) {
            if (bancaServer != null) bancaServer.stop(0);
            bancaServer = null;
        }
        if (adminServer != null) adminServer.stop(0);
        webhooks.close();
        executor.shutdownNow();
    }

    private String host() {
        return config.bind().getHostAddress();
    }

    private void openBanca() throws IOException {
        synchronized (listenerLock) {
            HttpServer s = HttpServer.create(new InetSocketAddress(config.bind(), port), 512);
            s.createContext("/v1/plays/", plays::handle);
            s.createContext("/health", this::health);
            s.createContext("/admin/", admin::handle);
            s.setExecutor(executor);
            s.start();
            port = s.getAddress().getPort();
            bancaServer = s;
        }
    }

    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getRawPath().equals("/health")) Http.error(ex, 404, "not_found", null);
            else Http.send(ex, 200, Map.of("status", "ok"));
        }
    }
}
