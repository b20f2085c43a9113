package dev.yantra.ops.incident;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A player's side of /v1/play and the public proof, for scripts that drive a real node. */
final class PlayClient {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    PlayClient(int port) {
        this.port = port;
    }

    HttpResponse<String> bet(String token, String side, long amountMicro) throws Exception {
        String body = JSON.writeValueAsString(Map.of("requestUuid", UUID.randomUUID().toString(),
                "amountMicro", Long.toString(amountMicro), "selection", Map.of("side", side)));
        return http.send(request("/v1/play/bets", token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The table as the player's page sees it; for a real session it asks the wallet for the balance. */
    JsonNode state(String token) {
        try {
            return JSON.readTree(http.send(request("/v1/play/state", token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a round open for bets with at least minMsLeft to go; returns its id. */
    String awaitBettingOpen(String token, long minMsLeft) throws InterruptedException {
        String[] round = new String[1];
        await("a round open for bets", () -> {
            JsonNode s = state(token);
            round[0] = s.path("roundId").asString();
            return "BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= minMsLeft;
        });
        return round[0];
    }

    /** Waits for the round's public proof (published once it is settled) and returns the winning side. */
    String awaitOutcome(String roundId) throws InterruptedException {
        String[] side = new String[1];
        await("round " + roundId + " settled", () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/public/rounds/" + roundId + "/proof"))
                        .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) return false;
                side[0] = JSON.readTree(r.body()).path("outcome").path("side").asString();
                return true;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return side[0];
    }

    /** The error reason of a refused bet, as its player got it. */
    static String error(HttpResponse<String> r) {
        return JSON.readTree(r.body()).path("error").asString();
    }

    /** Polls every 200 ms, as a player's page would; gives up after 60 s. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(200);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
