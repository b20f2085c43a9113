package dev.yantra.cli;

import dev.yantra.api.Json;
import dev.yantra.config.UnavailableException;
import dev.yantra.config.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * The exchange behind every test double's {@code faults} command ({@code yantra demo-wallet|demo-banca|stripe-standin
 * faults}): each double's admin API takes {@code POST <base>/faults} with the fields to change and answers the faults
 * now in force ({@code GET} with no change only shows them). A refused value is a usage error naming it (exit 64),
 * an unreachable or failing admin API is exit 69. Each command keeps only its own options and their field names.
 */
public final class FaultsAdmin {
    private FaultsAdmin() {
    }

    /**
     * Sends {@code changes} (none: just asks) and prints the faults in force: the double's JSON as it answered, or
     * one aligned "name  value" line each under "{@code who} faults:".
     *
     * @param who what the double is called in messages, e.g. "demo banca"
     */
    public static void exchange(String who, String base, Map<String, Object> changes, boolean json, PrintWriter out) {
        HttpResponse<String> resp = send(who, base, changes);
        if (resp.statusCode() == 400) throw new UsageException(who + " refused the faults: " + resp.body());
        if (resp.statusCode() != 200) throw new UnavailableException(who + " answered HTTP " + resp.statusCode() + ": " + resp.body(), null);
        if (json) {
            out.println(resp.body());
        } else {
            Map<String, Object> faults;
            try {
                faults = Json.MAPPER.readValue(resp.body(), Json.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
            } catch (JacksonException e) {
                throw new UnavailableException(who + " answered something that is not JSON: " + resp.body(), e);
            }
            out.println(who + " faults:");
            int width = faults.keySet().stream().mapToInt(String::length).max().orElse(0);
            faults.forEach((k, v) -> out.println("  " + k + " ".repeat(width - k.length() + 2) + v));
        }
        out.flush();
    }

    private static HttpResponse<String> send(String who, String base, Map<String, Object> changes) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/faults")).timeout(Duration.ofSeconds(10));
        req = changes.isEmpty() ? req.GET() : req.header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(changes)));
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnavailableException(who + " admin API unreachable at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        }
    }
}
