package dev.yantra.wallet.conformance;

import dev.yantra.api.Json;
import dev.yantra.wallet.WalletResponse;
import dev.yantra.wallet.protocol.WalletEndpoint;
import dev.yantra.wallet.protocol.WalletStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One call the kit made and what came back, kept whole for the report of a failing case.
 *
 * @param signedWith   "the configured secret", or why not (the signature case signs with a wrong one)
 * @param purpose      why the kit made it: the case's own request, a balance check, or cleaning up after the wallet
 */
public record Call(WalletEndpoint endpoint, URI url, String kid, String signedWith, String purpose, String requestBody,
                   WalletResponse response, String responseText) {

    public static final String CONFIGURED_SECRET = "the configured secret";

    public String status() {
        return response.status();
    }

    public WalletStatus knownStatus() {
        return response.classification().status();
    }

    public Integer httpStatus() {
        return response.httpStatus();
    }

    public Long balanceMicro() {
        return response.balanceMicro();
    }

    public long latencyMs() {
        return response.latencyMs();
    }

    public boolean timedOut() {
        return response.classification().status() == WalletStatus.RS_ERROR_TIMEOUT;
    }

    /** The answer's top-level text field, when the answer was a JSON object that had it. */
    public String answerField(String name) {
        JsonNode n = answerJson();
        JsonNode v = n == null ? null : n.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** "RS_OK (HTTP 200)", or what went wrong on the way. */
    public String describe() {
        String http = httpStatus() == null ? "no HTTP answer" : "HTTP " + httpStatus();
        if (status() == null) return http + (response.failure() != null ? ": " + response.failure() : "");
        return status() + " (" + http + ")";
    }

    private JsonNode answerJson() {
        if (responseText == null || responseText.isEmpty()) return null;
        try {
            JsonNode n = Json.MAPPER.readTree(responseText);
            return n != null && n.isObject() ? n : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** For --json: the request and answer as JSON where they are JSON, as text where not. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("purpose", purpose);
        m.put("endpoint", endpoint.name());
        m.put("url", url.toString());
        m.put("kid", kid);
        m.put("signedWith", signedWith);
        m.put("request", jsonOrText(requestBody));
        m.put("httpStatus", httpStatus());
        m.put("answer", jsonOrText(responseText));
        m.put("latencyMs", latencyMs());
        return m;
    }

    private static Object jsonOrText(String text) {
        if (text == null) return null;
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            return n != null ? n : text;
        } catch (JacksonException e) {
            return text;
        }
    }
}
