// Package dev.yantra.demo: what `yantra demo` needs besides a node: an operator wallet on loopback and the demo
// operator, table and player session. InterimDemoWallet stands in until the demo-wallet module's DemoWallet lands.
package dev.yantra.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.yantra.signing.RequestSigner;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator side of wire-protocol §4 on loopback, with an in-memory ledger (balance per player, transactions
 * idempotent by transactionUuid, rollbacks with DOES_NOT_EXIST / ALREADY_ROLLED_BACK), signature checks, and two
 * faults for tests: answer bets late (after debiting) and refuse bets with NOT_ENOUGH_MONEY.
 */
public final class InterimDemoWallet implements AutoCloseable {
    public static final String PATH = "/wallet";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY_BYTES = 64 * 1024;

    public enum BetFault { NONE, SLOW, NOT_ENOUGH_MONEY }

    /** One ledger entry; kind BET, WIN or ROLLBACK. */
    public record Entry(UUID transactionUuid, String kind, String playerRef, long amountMicro, UUID referenceTransactionUuid) {
    }

    private final HttpServer server;
    private final byte[] secret;
    private final long initialBalanceMicro;
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<UUID, Entry> entries = new LinkedHashMap<>();
    private final Map<UUID, UUID> rolledBack = new HashMap<>();  // bet tx -> rollback tx
    private volatile BetFault betFault = BetFault.NONE;
    private volatile long slowMs = 0;

    public InterimDemoWallet(int port, byte[] secret, long initialBalanceMicro) throws IOException {
        this.secret = secret.clone();
        this.initialBalanceMicro = initialBalanceMicro;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(PATH + "/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    public void betFault(BetFault fault, long slowMs) {
        this.slowMs = slowMs;
        this.betFault = fault;
    }

    public synchronized long balance(String playerRef) {
        return balances.getOrDefault(playerRef, initialBalanceMicro);
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public long initialBalanceMicro() {
        return initialBalanceMicro;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = readBounded(ex.getRequestBody());
            String path = ex.getRequestURI().getPath();
            String ts = ex.getRequestHeaders().getFirst(RequestSigner.TIMESTAMP_HEADER);
            String sig = ex.getRequestHeaders().getFirst(RequestSigner.SIGNATURE_HEADER);
            if (ts == null || !RequestSigner.verify(secret, "POST", path, ts, body, sig)) {
                reply(ex, 401, Map.of("status", "RS_ERROR_INVALID_SIGNATURE"));
                return;
            }
            JsonNode n = JSON.readTree(body);
            String endpoint = path.substring(path.lastIndexOf('/') + 1);
            if (endpoint.equals("bet") && betFault == BetFault.SLOW) sleep(slowMs);
            Map<String, Object> answer = switch (endpoint) {
                case "balance" -> answer("RS_OK", n, balance(text(n, "playerRef")));
                case "bet" -> bet(n);
                case "win" -> win(n);
                case "rollback" -> rollback(n);
                default -> Map.of("status", "RS_ERROR_WRONG_SYNTAX");
            };
            reply(ex, 200, answer);
        } catch (RuntimeException e) {
            reply(ex, 500, Map.of("status", "RS_ERROR_UNKNOWN", "message", String.valueOf(e.getMessage())));
        }
    }

    private synchronized Map<String, Object> bet(JsonNode n) {
        String player = text(n, "playerRef");
        UUID tx = UUID.fromString(text(n, "transactionUuid"));
        long amount = Long.parseLong(text(n, "amountMicro"));
        if (entries.containsKey(tx)) return answer("RS_ERROR_DUPLICATE_TRANSACTION", n, balance(player));
        if (rolledBack.containsKey(tx)) return answer("RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK", n, balance(player));
        if (betFault == BetFault.NOT_ENOUGH_MONEY || balance(player) < amount) {
            return answer("RS_ERROR_NOT_ENOUGH_MONEY", n, balance(player));
        }
        balances.put(player, balance(player) - amount);
        entries.put(tx, new Entry(tx, "BET", player, amount, null));
        return answer("RS_OK", n, balance(player));
    }

    private synchronized Map<String, Object> win(JsonNode n) {
        String player = text(n, "playerRef");
        UUID tx = UUID.fromString(text(n, "transactionUuid"));
        long amount = Long.parseLong(text(n, "amountMicro"));
        if (entries.containsKey(tx)) return answer("RS_ERROR_DUPLICATE_TRANSACTION", n, balance(player));
        balances.put(player, balance(player) + amount);
        entries.put(tx, new Entry(tx, "WIN", player, amount, UUID.fromString(text(n, "referenceTransactionUuid"))));
        return answer("RS_OK", n, balance(player));
    }

    private synchronized Map<String, Object> rollback(JsonNode n) {
        String player = text(n, "playerRef");
        UUID tx = UUID.fromString(text(n, "transactionUuid"));
        UUID ref = UUID.fromString(text(n, "referenceTransactionUuid"));
        if (entries.containsKey(tx)) return answer("RS_ERROR_DUPLICATE_TRANSACTION", n, balance(player));
        if (rolledBack.containsKey(ref)) return answer("RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK", n, balance(player));
        Entry bet = entries.get(ref);
        rolledBack.put(ref, tx);
        if (bet == null) return answer("RS_ERROR_TRANSACTION_DOES_NOT_EXIST", n, balance(player));
        balances.put(player, balance(player) + bet.amountMicro());
        entries.put(tx, new Entry(tx, "ROLLBACK", player, bet.amountMicro(), ref));
        return answer("RS_OK", n, balance(player));
    }

    private static Map<String, Object> answer(String status, JsonNode n, long balance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("requestUuid", text(n, "requestUuid"));
        m.put("balanceMicro", Long.toString(balance));
        m.put("currency", text(n, "currency"));
        return m;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException(field + " is required");
        return v.asString();
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
        if (b.length > MAX_BODY_BYTES) throw new IllegalArgumentException("body too large");
        return b;
    }

    private static void reply(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
