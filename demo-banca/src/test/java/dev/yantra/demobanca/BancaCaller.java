package dev.yantra.demobanca;

import dev.yantra.signing.BancaSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Calls a banca the way Yantra does: signed, with Idempotency-Key, X-Request-Id and X-Key-Id. */
final class BancaCaller {
    record Answer(int status, Map<String, Object> body, String raw) {
        Object get(String field) {
            return body == null ? null : body.get(field);
        }
    }

    /** One player for every play: a repeat of a call must send the same body. */
    static final UUID PLAYER = UUID.fromString("0b9f3c57-55a8-4f0e-9d7c-2d2f1a6f4e01");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String bancaUrl;
    private final String keyId;
    private final byte[] secret;
    Duration timeout = Duration.ofSeconds(10);

    BancaCaller(String bancaUrl, String keyId, byte[] secret) {
        this.bancaUrl = bancaUrl;
        this.keyId = keyId;
        this.secret = secret;
    }

    static String playBody(UUID requestId) {
        return playBody(requestId, "quiniela", "[\"05\"]", "100");
    }

    static String playBody(UUID requestId, String betType, String numbersJson, String amount) {
        return """
                {"requestId":"%s","play":{"lotteryId":"leidsa","numbers":%s,"betType":"%s","amount":%s},\
                "payment":{"method":"wallet","transactionId":"tx-1"},"user":{"userId":"%s"}}"""
                .formatted(requestId, numbersJson, betType, amount, PLAYER);
    }

    Answer register(UUID requestId) throws IOException, InterruptedException {
        return register(requestId.toString(), playBody(requestId), Instant.now(), secret);
    }

    Answer register(String idempotencyKey, String body, Instant timestamp, byte[] signWith) throws IOException, InterruptedException {
        return send("POST", PlayEndpoints.REGISTER_PATH, body, BancaSignature.formatTimestamp(timestamp), signWith, idempotencyKey);
    }

    Answer status(String playIdBanca) throws IOException, InterruptedException {
        return send("GET", "/v1/plays/" + playIdBanca + "/status", "", BancaSignature.formatTimestamp(Instant.now()), secret, null);
    }

    /** A signed call; signWith null sends no X-Signature, timestamp null no X-Timestamp. */
    Answer send(String method, String path, String body, String timestamp, byte[] signWith, String idempotencyKey)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bancaUrl + path)).timeout(timeout)
                .header("content-type", "application/json")
                .header(BancaSignature.REQUEST_ID_HEADER, UUID.randomUUID().toString())
                .header(BancaSignature.KEY_ID_HEADER, keyId);
        if (timestamp != null) b.header(BancaSignature.TIMESTAMP_HEADER, timestamp);
        if (signWith != null) b.header(BancaSignature.SIGNATURE_HEADER, BancaSignature.sign(signWith, method, path, timestamp == null ? "" : timestamp, bytes));
        if (idempotencyKey != null) b.header(BancaSignature.IDEMPOTENCY_KEY_HEADER, idempotencyKey);
        b.method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Http.parseObject(r.body().getBytes(StandardCharsets.UTF_8)), r.body());
    }

    /** An unsigned admin call (GET when body is null). */
    Answer admin(String adminUrl, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(timeout)
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Http.parseObject(r.body().getBytes(StandardCharsets.UTF_8)), r.body());
    }
}
