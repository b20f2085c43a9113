package dev.yantra.signing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An operator's client written from docs/integration-guide.md, section 2, alone — its own canonical string and HMAC with
 * javax.crypto, deliberately not the server's RequestSigner — so the tests check the contract, not ourselves.
 */
public final class SpecClient {
    private final String baseUrl;
    private final String kid;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public long skewSeconds = 0;

    public SpecClient(String baseUrl, String kid, String secret) {
        this.baseUrl = baseUrl;
        this.kid = kid;
        this.secret = secret;
    }

    public HttpResponse<String> post(String path, String body) {
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8), null);
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send("GET", pathAndQuery, new byte[0], null);
    }

    /** tamperedBody: sign {@code body} but send these bytes instead. */
    public HttpResponse<String> send(String method, String pathAndQuery, byte[] body, byte[] tamperedBody) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String ts = String.valueOf(System.currentTimeMillis() / 1000 + skewSeconds);
        String canonical = method + "\n" + path + "\n" + ts + "\n" + sha256Hex(body);
        String signature = hmac(secret, canonical);
        byte[] sent = tamperedBody != null ? tamperedBody : body;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("x-yantra-key-id", kid).header("x-yantra-timestamp", ts).header("x-yantra-signature", signature)
                .header("content-type", "application/json");
        b = method.equals("GET") ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofByteArray(sent));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
