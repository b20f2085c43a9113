package dev.yantra.lottery.player;

import dev.yantra.api.Json;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Test client of the player API over real HTTP, with helpers that register players. */
public final class PlayerApi {
    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 1_000_000);
    public final TestServer server;

    public PlayerApi(TestServer server) {
        this.server = server;
    }

    public record Session(UUID userId, String phone, String accessToken, String refreshToken) {
    }

    /** A valid, unused Dominican number in local format (809 + 7 digits). */
    public static String newLocalPhone() {
        return "809" + String.format("%07d", 2_000_000 + PHONES.incrementAndGet() % 7_000_000);
    }

    public HttpResponse<String> send(String method, String path, String body, String bearer, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        headers.forEach(b::header);
        try {
            return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, Object body) {
        return send("POST", path, Json.write(body), null, Map.of());
    }

    public HttpResponse<String> get(String path, String bearer) {
        return send("GET", path, null, bearer, Map.of());
    }

    public static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    public HttpResponse<String> register(String phone, String password, String dateOfBirth) {
        return post("/api/v1/auth/register", Map.of("phone", phone, "email", "p" + phone.replaceAll("\\D", "") + "@example.com",
                "name", "Player " + phone, "dateOfBirth", dateOfBirth, "password", password));
    }

    public Session registered() {
        String phone = newLocalPhone();
        HttpResponse<String> r = register(phone, "correct horse battery", "1990-04-01");
        if (r.statusCode() != 201) throw new IllegalStateException("register: " + r.statusCode() + " " + r.body());
        return session(json(r));
    }

    public static Session session(JsonNode body) {
        JsonNode user = body.get("user");
        return new Session(UUID.fromString(user.get("id").stringValue()), user.get("phone").stringValue(),
                body.get("accessToken").stringValue(), body.get("refreshToken").stringValue());
    }
}
