package dev.yantra.play;

import dev.yantra.api.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A player's /v1/play/stream read beside the page, recording every round_state with the instant it arrived, so a
 * test can say which event first carried a lever and what came before it.
 */
final class TableStream implements AutoCloseable {
    record Event(long nanos, JsonNode json) {
        @Override
        public String toString() {
            return json.path("state").asString() + " halts=" + json.path("halts") + " betsRefused=" + json.path("betsRefused").asString("");
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private TableStream(int port, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/play/stream?session="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))).header("accept", "text/event-stream").GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            String[] event = {null};
            r.body().forEach(line -> {
                if (line.startsWith("event:")) event[0] = line.substring(6).trim();
                else if (line.startsWith("data:") && "round_state".equals(event[0])) {
                    events.add(new Event(System.nanoTime(), Json.parse(line.substring(5).trim())));
                }
            });
        });
    }

    static TableStream open(int port, String token) throws Exception {
        TableStream s = new TableStream(port, token);
        PlayClientBrowserTest.await("the stream's first round_state", 10_000, () -> s.size() > 0);
        return s;
    }

    int size() {
        return events.size();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    int indexOf(Event e) {
        return events.indexOf(e);
    }

    /** The first event at index {@code from} or later that matches. */
    Optional<Event> firstAfter(int from, Predicate<Event> matching) {
        List<Event> all = events();
        return all.subList(Math.min(from, all.size()), all.size()).stream().filter(matching).findFirst();
    }

    /** The events from index {@code from} up to (not including) {@code end}. */
    List<Event> between(int from, Event end) {
        List<Event> all = events();
        int to = all.indexOf(end);
        return to < from ? List.of() : all.subList(from, to);
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
