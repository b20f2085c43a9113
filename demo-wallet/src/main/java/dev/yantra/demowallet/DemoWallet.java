package dev.yantra.demowallet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.yantra.signing.RequestSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A demo operator wallet: the operator side of docs/wallet-api.md over a real ledger ({@link DemoLedger}), with
 * signature checks and fault injection. Two listeners on loopback: the wallet ({@code POST /wallet/bet} etc.)
 * and an admin listener (port + 1 by default) serving {@code /admin/*} — the admin API stays reachable while
 * the wallet is "down" (its listener closed: connection refused). {@code /admin/*} is also served on the wallet
 * port while it is up.
 *
 * <p>Admin API: {@code GET|POST /admin/faults} (JSON: down, hang, slowMs, errorRate, timeoutRate, timeoutSleepMs,
 * force {ENDPOINT: RS_CODE}, the contract breaches duplicateWinCreditedTwice, rollbackUnknownMovesMoney and
 * signatureNotChecked (booleans, see {@link Faults.Breach}), clear), {@code GET /admin/players/{playerRef}?currency=}, {@code GET /admin/ledger},
 * {@code GET /admin/transactions/{uuid}}.
 */
public final class DemoWallet implements AutoCloseable {
    public static final String BASE_PATH = "/wallet";
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    private final DemoLedger ledger;
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int signatureWindowSeconds;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final InetAddress bind;
    private final Object listenerLock = new Object();
    private volatile Faults faults = Faults.NONE;
    private volatile HttpServer walletServer;
    private HttpServer adminServer;
    private int walletPort;

    private DemoWallet(DemoLedger ledger, Map<String, byte[]> secrets, Clock clock, int signatureWindowSeconds, InetAddress bind) {
        this.ledger = ledger;
        this.secrets.putAll(secrets);
        this.clock = clock;
        this.signatureWindowSeconds = signatureWindowSeconds;
        this.bind = bind;
    }

    /** Starts on loopback: the wallet on {@code port} (0 = any free port), admin on port + 1 (or any free port). */
    public static DemoWallet start(DataSource ds, int port, Map<String, byte[]> secretsByKid) {
        return start(ds, port, port == 0 ? 0 : port + 1, secretsByKid, Clock.systemUTC(),
                DemoLedger.DEFAULT_STARTING_BALANCE_MICRO);
    }

    public static DemoWallet start(DataSource ds, int port, int adminPort, Map<String, byte[]> secretsByKid, Clock clock,
                                   long startingBalanceMicro) {
        DemoLedger ledger = new DemoLedger(ds, startingBalanceMicro);
        ledger.createTables();
        DemoWallet w = new DemoWallet(ledger, secretsByKid, clock, 30, InetAddress.getLoopbackAddress());
        w.walletPort = port;
        try {
            w.openWallet();
            w.adminServer = HttpServer.create(new InetSocketAddress(w.bind, adminPort), 128);
            w.adminServer.createContext("/admin/", w::admin);
            w.adminServer.setExecutor(w.executor);
            w.adminServer.start();
        } catch (IOException e) {
            w.close();
            throw new IllegalStateException("demo wallet cannot listen on " + port + "/" + adminPort + ": " + e.getMessage(), e);
        }
        return w;
    }

    public int port() {
        return walletPort;
    }

    public int adminPort() {
        return adminServer.getAddress().getPort();
    }

    /** What an operator row's wallet_callback_url should hold. */
    public String callbackUrl() {
        return "http://" + bind.getHostAddress() + ":" + walletPort + BASE_PATH;
    }

    public String adminUrl() {
        return "http://" + bind.getHostAddress() + ":" + adminPort() + "/admin";
    }

    public DemoLedger ledger() {
        return ledger;
    }

    public void addSecret(String kid, byte[] secret) {
        secrets.put(kid, secret.clone());
    }

    /** The operator's side of a rotation's last step: the old key no longer verifies here. */
    public void removeSecret(String kid) {
        secrets.remove(kid);
    }

    public Faults faults() {
        return faults;
    }

    /** Applies a fault set; going down closes the wallet listener, coming back re-opens it on the same port. */
    public void setFaults(Faults next) {
        synchronized (listenerLock) {
            this.faults = next;
            try {
                if (next.down() && walletServer != null) {
                    walletServer.stop(0);
                    walletServer = null;
                } else if (!next.down() && walletServer == null) {
                    openWallet();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot re-open the wallet listener on " + walletPort + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (listenerLock) {
            if (walletServer != null) walletServer.stop(0);
            walletServer = null;
        }
        if (adminServer != null) adminServer.stop(0);
        executor.shutdownNow();
    }

    private void openWallet() throws IOException {
        synchronized (listenerLock) {
            HttpServer s = HttpServer.create(new InetSocketAddress(bind, walletPort), 512);
            s.createContext(BASE_PATH + "/", this::wallet);
            s.createContext("/admin/", this::admin);
            s.setExecutor(executor);
            s.start();
            walletPort = s.getAddress().getPort();
            walletServer = s;
        }
    }

    // ---- the wallet ----

    private void wallet(HttpExchange ex) throws IOException {
        try (ex) {
            Faults f = faults;
            String path = ex.getRequestURI().getRawPath();
            String op = path.substring(BASE_PATH.length() + 1);
            Faults.Endpoint endpoint;
            try {
                endpoint = Faults.Endpoint.valueOf(op.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                send(ex, 404, Map.of("error", "not_found"));
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 405, Map.of("error", "method_not_allowed"));
                return;
            }
            byte[] body = readBody(ex);
            if (f.hang()) f = holdWhileHung();
            if (f.slowMs() > 0) sleep(f.slowMs());
            if (f.rollError()) {
                sendText(ex, 503, "injected fault: service unavailable");
                return;
            }
            boolean timeout = f.rollTimeout();
            Map<String, Object> answer;
            int http = 200;
            Map<String, Object> req = parse(body);
            String requestUuid = req == null ? null : str(req, "requestUuid");
            if (!f.breaches(Faults.Breach.SIGNATURE_NOT_CHECKED) && !signatureValid(ex, path, body)) {
                answer = rs("RS_ERROR_INVALID_SIGNATURE", requestUuid, null, null);
                http = 401;
            } else if (f.forced().containsKey(endpoint)) {
                answer = rs(f.forced().get(endpoint), requestUuid, null, null);
            } else {
                answer = process(endpoint, req, ex.getRequestHeaders().getFirst(RequestSigner.KEY_ID_HEADER), f);
            }
            if (timeout) sleep(f.timeoutSleepMs());   // processed, but the caller gave up long ago
            if (f.breaches(Faults.Breach.GARBAGE_ANSWER)) {
                sendText(ex, 200, "<html>upstream proxy says hello</html>");
                return;
            }
            send(ex, http, answer);
        } catch (RuntimeException e) {
            sendText(ex, 500, "internal error: " + e.getMessage());
        }
    }

    /** Holds a call while the wallet is hung (at most {@link Faults#MAX_SLEEP_MS}); the faults in force after. */
    private Faults holdWhileHung() {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Faults.MAX_SLEEP_MS);
        while (faults.hang() && System.nanoTime() < until && !Thread.currentThread().isInterrupted()) sleep(10);
        return faults;
    }

    private boolean signatureValid(HttpExchange ex, String path, byte[] body) {
        String kid = ex.getRequestHeaders().getFirst(RequestSigner.KEY_ID_HEADER);
        String ts = ex.getRequestHeaders().getFirst(RequestSigner.TIMESTAMP_HEADER);
        String sig = ex.getRequestHeaders().getFirst(RequestSigner.SIGNATURE_HEADER);
        if (kid == null || ts == null || sig == null) return false;
        byte[] secret = secrets.get(kid);
        if (secret == null) return false;
        Long drift = RequestSigner.driftSeconds(ts, clock.instant().getEpochSecond());
        if (drift == null || Math.abs(drift) > signatureWindowSeconds) return false;
        return RequestSigner.verify(secret, "POST", path, ts, body, sig);
    }

    private Map<String, Object> process(Faults.Endpoint endpoint, Map<String, Object> req, String kid, Faults f) {
        if (req == null) return rs("RS_ERROR_WRONG_SYNTAX", null, null, null);
        String requestUuid = str(req, "requestUuid");
        String playerRef = str(req, "playerRef");
        String currency = str(req, "currency");
        if (requestUuid == null || playerRef == null || currency == null || playerRef.isEmpty() || playerRef.length() > 128) {
            return rs("RS_ERROR_WRONG_SYNTAX", requestUuid, null, null);
        }
        if (!heldCurrency(currency)) return rs("RS_ERROR_WRONG_CURRENCY", requestUuid, null, null);
        if (endpoint == Faults.Endpoint.BALANCE) {
            DemoLedger.Answer a = ledger.balance(playerRef, currency);
            return rs(a.status(), requestUuid, a.balanceMicro(), currency);
        }
        DemoLedger.Tx tx;
        try {
            UUID txUuid = uuid(req, "transactionUuid", true);
            UUID ref = uuid(req, "referenceTransactionUuid", endpoint == Faults.Endpoint.ROLLBACK);
            long amount = endpoint == Faults.Endpoint.ROLLBACK ? 0 : amount(req);
            tx = new DemoLedger.Tx(txUuid, ref, playerRef, currency, amount, uuid(req, "roundId", false),
                    uuid(req, "requestUuid", true), str(req, "operatorId"), kid);
        } catch (IllegalArgumentException e) {
            return rs("RS_ERROR_WRONG_TYPES", requestUuid, null, null);
        }
        DemoLedger.Answer a = switch (endpoint) {
            case BET -> ledger.bet(tx);
            case WIN -> ledger.win(tx, f.breaches(Faults.Breach.DUPLICATE_WIN_CREDITED_TWICE));
            case ROLLBACK -> ledger.rollback(tx, f.breaches(Faults.Breach.ROLLBACK_UNKNOWN_MOVES_MONEY)
                    ? Faults.UNKNOWN_ROLLBACK_CREDIT_MICRO : 0);
            case BALANCE -> throw new IllegalStateException("handled above");
        };
        return rs(a.status(), requestUuid, a.balanceMicro(), currency);
    }

    /** The codes ISO 4217 reserves for testing (XTS) and for "no currency" (XXX), which no player's account is in. */
    private static final java.util.Set<String> NOT_HELD = java.util.Set.of("XTS", "XXX");

    /**
     * A demo player holds an account in every ISO 4217 currency (opened on first sight) except the two codes no
     * account is ever in; anything else is RS_ERROR_WRONG_CURRENCY, as a real wallet answers for a currency the
     * player does not hold.
     */
    static boolean heldCurrency(String code) {
        if (NOT_HELD.contains(code)) return false;
        try {
            return java.util.Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long amount(Map<String, Object> req) {
        Object v = req.get("amountMicro");
        if (!(v instanceof String s) || !DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException("amountMicro must be a JSON string of a decimal integer");
        }
        long amount = Long.parseLong(s);
        if (amount <= 0) throw new IllegalArgumentException("amountMicro must be > 0");
        return amount;
    }

    private static UUID uuid(Map<String, Object> req, String field, boolean required) {
        Object v = req.get(field);
        if (v == null) {
            if (required) throw new IllegalArgumentException(field + " is required");
            return null;
        }
        if (!(v instanceof String s)) throw new IllegalArgumentException(field + " must be a string");
        return UUID.fromString(s);
    }

    private static String str(Map<String, Object> req, String field) {
        return req.get(field) instanceof String s ? s : null;
    }

    private static Map<String, Object> rs(String status, String requestUuid, Long balanceMicro, String currency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("requestUuid", requestUuid);
        if (balanceMicro != null) m.put("balanceMicro", String.valueOf(balanceMicro));
        if (currency != null) m.put("currency", currency);
        return m;
    }

    // ---- admin ----

    private void admin(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.equals("/admin/faults")) {
                if (method.equals("POST")) {
                    Map<String, Object> req = parse(readBody(ex));
                    if (req == null) {
                        send(ex, 400, Map.of("error", "invalid_json"));
                        return;
                    }
                    try {
                        setFaults(applyFaults(faults, req));
                    } catch (IllegalArgumentException | ClassCastException e) {
                        send(ex, 400, Map.of("error", "invalid_faults", "message", String.valueOf(e.getMessage())));
                        return;
                    }
                }
                send(ex, 200, faults.toJson());
            } else if (path.equals("/admin/ledger")) {
                send(ex, 200, Map.of("players", ledger.ledger()));
            } else if (path.startsWith("/admin/players/")) {
                String player = URLDecoder.decode(path.substring("/admin/players/".length()), StandardCharsets.UTF_8);
                String currency = query(ex, "currency").orElse("LKR");
                Optional<Map<String, Object>> p = ledger.player(player, currency);
                if (p.isPresent()) send(ex, 200, p.get());
                else send(ex, 404, Map.of("error", "unknown_player"));
            } else if (path.startsWith("/admin/transactions/")) {
                UUID id;
                try {
                    id = UUID.fromString(path.substring("/admin/transactions/".length()));
                } catch (IllegalArgumentException e) {
                    send(ex, 400, Map.of("error", "invalid_uuid"));
                    return;
                }
                Optional<Map<String, Object>> t = ledger.transaction(id);
                if (t.isPresent()) send(ex, 200, t.get());
                else send(ex, 404, Map.of("error", "unknown_transaction"));
            } else {
                send(ex, 404, Map.of("error", "not_found"));
            }
        } catch (RuntimeException e) {
            sendText(ex, 500, "internal error: " + e.getMessage());
        }
    }

    /** The JSON of POST /admin/faults onto the current faults; "clear": true starts from none. */
    static Faults applyFaults(Faults current, Map<String, Object> req) {
        Faults f = Boolean.TRUE.equals(req.get("clear")) ? Faults.NONE : current;
        if (req.get("down") instanceof Boolean b) f = f.withDown(b);
        if (req.get("hang") instanceof Boolean b) f = f.withHang(b);
        if (req.get("slowMs") instanceof Number n) f = f.withSlowMs(n.longValue());
        if (req.get("errorRate") instanceof Number n) f = f.withErrorRate(n.doubleValue());
        if (req.get("timeoutRate") instanceof Number n) f = f.withTimeoutRate(n.doubleValue());
        if (req.get("timeoutSleepMs") instanceof Number n) f = f.withTimeoutSleepMs(n.longValue());
        for (Faults.Breach b : Faults.Breach.values()) {
            if (req.get(b.wireName()) instanceof Boolean on) f = f.withBreach(b, on);
        }
        if (req.get("force") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                f = f.withForced(String.valueOf(e.getKey()), e.getValue() == null ? null : String.valueOf(e.getValue()));
            }
        }
        return f;
    }

    // ---- plumbing ----

    private static Optional<String> query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) return Optional.empty();
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) throw new IllegalArgumentException("body over " + MAX_BODY_BYTES + " bytes");
            return body;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            Object v = JSON.readValue(body, Object.class);
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
