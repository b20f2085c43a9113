package dev.yantra.wallet;

import dev.yantra.api.Json;
import dev.yantra.signing.RequestSigner;
import dev.yantra.wallet.protocol.Classification;
import dev.yantra.wallet.protocol.WalletEndpoint;
import dev.yantra.wallet.protocol.WalletStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One signed HTTP exchange with a wallet endpoint and its classified reading: what {@link WalletClient} sends for
 * every call, and what {@code yantra wallet conformance} sends to a wallet under test — so the kit checks the
 * very bytes, headers and reading rules the server uses. No breaker, no journal, no metrics: those are the
 * client's.
 *
 * <p>Reading an answer: HTTP 200, or a 4xx whose body is JSON with a {@code status} → classified by its RS code
 * (a code we do not know reads as unknown). A timeout → RS_ERROR_TIMEOUT. Anything else (5xx, 4xx without an
 * RS body, network error, unparseable body) → unknown.
 */
public final class WalletWire {
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    /** The answer, and both bodies as text for the journal (the response text says why when there was none). */
    public record Sent(WalletResponse response, String requestBody, String responseText) {
    }

    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    public WalletWire(HttpClient http, Clock clock, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Signs {@code req}'s body for {@code url}'s path with (kid, secret), posts it, reads the answer; never throws for the wallet. */
    public Sent send(URI url, String kid, byte[] secret, WalletRequest req) {
        byte[] body = Json.MAPPER.writeValueAsBytes(req.body());
        String ts = String.valueOf(clock.instant().getEpochSecond());
        String signature = RequestSigner.sign(secret, "POST", url.getRawPath(), ts, body);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header(RequestSigner.KEY_ID_HEADER, kid)
                .header(RequestSigner.TIMESTAMP_HEADER, ts)
                .header(RequestSigner.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        Exchange ex = exchange(request);
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        return new Sent(read(req, ex, latencyMs, kid), new String(body, StandardCharsets.UTF_8), ex.responseText());
    }

    private record Exchange(Integer httpStatus, byte[] body, String failure, boolean timedOut) {
        String responseText() {
            if (body != null) return new String(body, StandardCharsets.UTF_8);
            return failure == null ? null : "<no response: " + failure + ">";
        }
    }

    private Exchange exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // The request timeout covers the headers; this bound also covers a body that trickles in.
            HttpResponse<byte[]> r = f.get(timeout.toMillis() + 50, TimeUnit.MILLISECONDS);
            byte[] b = r.body();
            if (b != null && b.length > MAX_RESPONSE_BYTES) {
                return new Exchange(r.statusCode(), null, "response body over " + MAX_RESPONSE_BYTES + " bytes", false);
            }
            return new Exchange(r.statusCode(), b, null, false);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Exchange(null, null, "timeout after " + timeout.toMillis() + " ms", true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            boolean timedOut = cause instanceof java.net.http.HttpTimeoutException;
            return new Exchange(null, null, (timedOut ? "timeout: " : "") + describe(cause), timedOut);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return new Exchange(null, null, "interrupted", false);
        }
    }

    /** "ConnectException: Connection refused": the JDK client often leaves the outer message null and the reason in a cause. */
    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) return t.getClass().getSimpleName() + ": " + c.getMessage();
        }
        if (t instanceof java.net.ConnectException) return "ConnectException: could not connect (refused, or no route to the host)";
        return t.getClass().getSimpleName() + " (no detail given)";
    }

    private WalletResponse read(WalletRequest req, Exchange ex, long latencyMs, String kid) {
        WalletEndpoint ep = req.endpoint();
        if (ex.timedOut()) {
            return new WalletResponse(req, true, Classification.of(ep, WalletStatus.RS_ERROR_TIMEOUT),
                    WalletStatus.RS_ERROR_TIMEOUT.name(), null, null, null, latencyMs, kid, ex.failure());
        }
        if (ex.httpStatus() == null) {
            return new WalletResponse(req, true, Classification.unknown(ep), null, null, null, null, latencyMs, kid, ex.failure());
        }
        int code = ex.httpStatus();
        JsonNode json = (code == 200 || (code >= 400 && code < 500)) ? parse(ex.body()) : null;
        JsonNode status = json == null ? null : json.get("status");
        if (status == null || !status.isString()) {
            String why = code >= 500 ? "HTTP " + code : "HTTP " + code + " without an RS body";
            return new WalletResponse(req, true, Classification.unknown(ep), null, code, null, null, latencyMs, kid, why);
        }
        String wire = status.asString();
        Classification.Classified c = Classification.ofWire(ep, wire);
        String keptStatus = wire.length() <= 64 ? wire : wire.substring(0, 64);
        return new WalletResponse(req, true, c, keptStatus, code, decimal(json.get("balanceMicro")), text(json.get("message")),
                latencyMs, kid, c.status() == null ? "unknown status code" : null);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Long decimal(JsonNode n) {
        if (n == null || n.isNull()) return null;
        try {
            return n.isString() ? Long.valueOf(n.asString()) : n.isIntegralNumber() ? n.asLong() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }
}
