package dev.yantra.wallet;

import dev.yantra.api.Json;
import dev.yantra.counterparty.SignedHttpClient;
import dev.yantra.counterparty.SigningKey;
import dev.yantra.wallet.protocol.Classification;
import dev.yantra.wallet.protocol.WalletEndpoint;
import dev.yantra.wallet.protocol.WalletStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One signed wallet call and the reading of its answer: what {@link WalletClient} sends for every call, and what
 * {@code yantra wallet conformance} sends to a wallet under test — so the kit checks the very bytes, headers and
 * reading rules the server uses. No breaker, no journal, no metrics: those are the client's.
 *
 * <p>Reading an answer: HTTP 200, or a 4xx whose body is JSON with a {@code status} → classified by its RS code
 * (a code we do not know reads as unknown). A timeout → RS_ERROR_TIMEOUT. Anything else (5xx, 4xx without an
 * RS body, network error, unparseable body) → unknown.
 */
public final class WalletWire {

    /** The answer, and both bodies as text for the journal (the response text says why when there was none). */
    public record Sent(WalletResponse response, String requestBody, String responseText) {
    }

    private final SignedHttpClient client;

    /** {@code client} signs with the operator scheme; only its send is used here (its breaker is the caller's business). */
    public WalletWire(SignedHttpClient client) {
        this.client = client;
    }

    public Duration timeout() {
        return client.timeout();
    }

    /** Signs {@code req}'s body for {@code url}'s path with (kid, secret), posts it, reads the answer; never throws for the wallet. */
    public Sent send(URI url, String kid, byte[] secret, WalletRequest req) {
        return send(url, kid, secret, req, client.timeout());
    }

    /** As above, waiting at most {@code within} (never longer than the wallet timeout) for the answer. */
    public Sent send(URI url, String kid, byte[] secret, WalletRequest req, Duration within) {
        byte[] body = Json.MAPPER.writeValueAsBytes(req.body());
        SignedHttpClient.Exchange ex = client.send(new SignedHttpClient.Call("POST", url, body, new SigningKey(kid, secret), Map.of()), within);
        return new Sent(read(req, ex, ex.latencyMs(), kid), new String(body, StandardCharsets.UTF_8), ex.responseText());
    }

    private static WalletResponse read(WalletRequest req, SignedHttpClient.Exchange ex, long latencyMs, String kid) {
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
