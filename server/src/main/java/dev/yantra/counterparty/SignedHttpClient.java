package dev.yantra.counterparty;

import dev.yantra.breaker.CounterpartyBreakers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Signed HTTP calls to one kind of counterparty: signs with a {@link SignatureScheme}, bounds the whole exchange
 * by the timeout (headers and a body that trickles in alike) and the response size, and gates every call on
 * the counterparty's circuit breaker. It never throws for anything the counterparty or the network does: no
 * answer is an {@link Exchange} with a failure. What an answer means (and whether it counts against the
 * breaker) is the caller's classification; it hands that back through {@link #settle}.
 *
 * <p>Protocol of one call: {@link #acquire} (false: the breaker refuses, make no call); then either
 * {@link #release} (nothing was sent, e.g. no credential) or {@link #send} followed by {@link #settle}.
 */
public final class SignedHttpClient {
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

    private final HttpClient http;
    private final SignatureScheme scheme;
    private final CounterpartyBreakers breakers;
    private final Clock clock;
    private final Duration timeout;
    private final int maxResponseBytes;

    /** What came back: an HTTP status and body, or why nothing usable did. {@code timedOut} also when the body was late. */
    public record Exchange(Integer httpStatus, byte[] body, String failure, boolean timedOut, long latencyMs) {
        public String responseText() {
            if (body != null) return new String(body, StandardCharsets.UTF_8);
            return failure == null ? null : "<no response: " + failure + ">";
        }
    }

    /** One request to sign and send; {@code body} null for a GET. {@code extraHeaders} go out unsigned beside the signature. */
    public record Call(String method, URI url, byte[] body, SigningKey key, Map<String, String> extraHeaders) {
    }

    public SignedHttpClient(HttpClient http, SignatureScheme scheme, CounterpartyBreakers breakers, Clock clock,
                            Duration timeout, int maxResponseBytes) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        if (maxResponseBytes < 1) throw new IllegalArgumentException("maxResponseBytes must be >= 1, was " + maxResponseBytes);
        this.http = http;
        this.scheme = scheme;
        this.breakers = breakers;
        this.clock = clock;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** HTTP/1.1, no redirects followed (a redirect from a counterparty is an answer to classify, not to chase). */
    public static HttpClient defaultHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    public CounterpartyBreakers breakers() {
        return breakers;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Takes the breaker's permission for one call; false means the breaker is open: do not call. */
    public boolean acquire(String breakerId) {
        return breakers.tryAcquire(breakerId);
    }

    /** Hands back a permission taken by {@link #acquire} when no call was made after all. */
    public void release(String breakerId) {
        breakers.release(breakerId);
    }

    /** Feeds the breaker with the caller's classification of a call made under {@link #acquire}. */
    public void settle(String breakerId, boolean counterpartyFailure, long latencyMs) {
        breakers.record(breakerId, counterpartyFailure, latencyMs);
    }

    /** Signs (path = the URL's raw path, as the receiver sees it) and sends; latency measured around the exchange. */
    public Exchange send(Call call) {
        return send(call, timeout);
    }

    /**
     * As {@link #send(Call)}, waiting at most {@code within} (capped at this client's timeout) for the whole answer:
     * for a caller with a tighter budget than the counterparty's contract, e.g. settlement's inline WIN try.
     */
    public Exchange send(Call call, Duration within) {
        Duration bound = bounded(within);
        byte[] body = call.body() == null ? new byte[0] : call.body();
        HttpRequest.Builder b = HttpRequest.newBuilder(call.url()).timeout(bound);
        call.extraHeaders().forEach(b::header);
        scheme.headers(call.key(), call.method(), call.url().getRawPath(), clock.instant(), body).forEach(b::header);
        if (call.body() == null) {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("content-type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return exchange(b.build(), bound);
    }

    private Duration bounded(Duration within) {
        if (within.isNegative() || within.isZero()) throw new IllegalArgumentException("a call's time must be > 0, was " + within);
        return within.compareTo(timeout) < 0 ? within : timeout;
    }

    /** The exchange itself, for a request the caller built (and signed) itself. */
    public Exchange exchange(HttpRequest request) {
        return exchange(request, timeout);
    }

    private Exchange exchange(HttpRequest request, Duration timeout) {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        Exchange ex;
        try {
            // The request timeout covers the headers; this bound also covers a body that trickles in.
            HttpResponse<byte[]> r = f.get(timeout.toMillis() + 50, TimeUnit.MILLISECONDS);
            byte[] b = r.body();
            ex = b != null && b.length > maxResponseBytes
                    ? new Exchange(r.statusCode(), null, "response body over " + maxResponseBytes + " bytes", false, 0)
                    : new Exchange(r.statusCode(), b, null, false, 0);
        } catch (TimeoutException e) {
            f.cancel(true);
            ex = new Exchange(null, null, "timeout after " + timeout.toMillis() + " ms", true, 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            boolean timedOut = cause instanceof java.net.http.HttpTimeoutException;
            ex = new Exchange(null, null, (timedOut ? "timeout: " : "") + describe(cause, request.uri()), timedOut, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            ex = new Exchange(null, null, "interrupted", false, 0);
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        return new Exchange(ex.httpStatus(), ex.body(), ex.failure(), ex.timedOut(), latencyMs);
    }

    /**
     * The exception's type with the first message found along its cause chain, for a call's journal row and a
     * job's last error. The JDK's HTTP client often has none at all (a refused connection is a ConnectException
     * caused by a ClosedChannelException, neither with a message): then it says what could not be reached.
     */
    public static String describe(Throwable t, java.net.URI target) {
        String message = null;
        StringBuilder causes = new StringBuilder();
        Throwable c = t;
        for (int depth = 0; c != null && depth < 16; depth++, c = c.getCause()) {
            if (message == null) message = c.getMessage();
            if (c != t) causes.append(causes.isEmpty() ? "" : " <- ").append(c.getClass().getSimpleName());
        }
        if (message == null) {
            message = (t instanceof java.net.ConnectException ? "cannot connect to " + target.getHost() + ":" + port(target) : "no message")
                    + (causes.isEmpty() ? "" : " (" + causes + ")");
        }
        return t.getClass().getSimpleName() + ": " + message;
    }

    private static int port(java.net.URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
