package dev.yantra.stripestandin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every event the stand-in has raised, oldest first, as {@code GET /v1/events} lists them (newest first) — each
 * carrying the pinned {@code api_version} — and handed to the webhook sender as it is raised.
 */
final class Events {
    /** Who caused an event: an API request (its id and idempotency key), or nobody (an automatic expiry). */
    record Cause(String requestId, String idempotencyKey) {
        static final Cause AUTOMATIC = new Cause(null, null);
    }

    private final String apiVersion;
    private final Consumer<Map<String, Object>> sink;
    private final Predicate<String> delivered;
    private final List<Map<String, Object>> all = new ArrayList<>();
    private final Map<String, Map<String, Object>> byId = new LinkedHashMap<>();

    /** @param delivered whether events of a type go to the webhook endpoint (for {@code pending_webhooks}) */
    Events(String apiVersion, Consumer<Map<String, Object>> sink, Predicate<String> delivered) {
        this.apiVersion = apiVersion;
        this.sink = sink;
        this.delivered = delivered;
    }

    void raise(String type, Map<String, Object> object, Map<String, Object> previousAttributes, Cause cause, long created) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("object", object);
        if (previousAttributes != null) data.put("previous_attributes", previousAttributes);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", cause.requestId());
        request.put("idempotency_key", cause.idempotencyKey());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", Ids.next("evt"));
        e.put("object", "event");
        e.put("api_version", apiVersion);
        e.put("created", created);
        e.put("data", data);
        e.put("livemode", false);
        e.put("pending_webhooks", delivered.test(type) ? 1 : 0);
        e.put("request", request);
        e.put("type", type);
        synchronized (this) {
            all.add(e);
            byId.put((String) e.get("id"), e);
        }
        sink.accept(e);
    }

    synchronized Map<String, Object> get(String id) {
        Map<String, Object> e = byId.get(id);
        if (e == null) throw StripeError.noSuch("event", "id", id);
        return e;
    }

    /** {@code GET /v1/events}: newest first, {@code limit} 1..100 (10), cursors, {@code type} (a trailing {@code *} matches a prefix), {@code types[]}. */
    synchronized Map<String, Object> list(Form f) {
        f.allow(Set.of("limit", "starting_after", "ending_before", "type", "types", "created", "delivery_success", "expand"));
        Long limit = f.integer("limit");
        int n = limit == null ? 10 : (int) Math.max(1, Math.min(100, limit));
        String type = f.string("type");
        List<String> types = f.list("types");
        List<Map<String, Object>> newestFirst = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Map<String, Object> e = all.get(i);
            String t = (String) e.get("type");
            if (type != null && !(type.endsWith("*") ? t.startsWith(type.substring(0, type.length() - 1)) : t.equals(type))) continue;
            if (!types.isEmpty() && !types.contains(t)) continue;
            newestFirst.add(e);
        }
        int from = 0;
        int to = newestFirst.size();
        if (f.string("starting_after") != null) from = indexOf(newestFirst, f.string("starting_after")) + 1;
        if (f.string("ending_before") != null) to = indexOf(newestFirst, f.string("ending_before"));
        List<Map<String, Object>> page = f.string("ending_before") != null
                ? newestFirst.subList(Math.max(from, to - n), to) : newestFirst.subList(from, Math.min(to, from + n));
        boolean hasMore = f.string("ending_before") != null ? to - n > from : from + n < to;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "list");
        m.put("data", List.copyOf(page));
        m.put("has_more", hasMore);
        m.put("url", "/v1/events");
        return m;
    }

    synchronized List<Map<String, Object>> all() {
        return List.copyOf(all);
    }

    private int indexOf(List<Map<String, Object>> list, String id) {
        for (int i = 0; i < list.size(); i++) if (list.get(i).get("id").equals(id)) return i;
        throw StripeError.noSuch("event", "starting_after", id);
    }
}
