package dev.yantra.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owns JSON for the operator surface: one mapper, strict parsing of request bodies into trees (so wrong types
 * become 400s we phrase, not 500s), and the canonical form idempotency compares (parsed, keys
 * sorted, no whitespace).
 */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Parses a request body; anything that is not one JSON object is a 400 {@code invalid_json}. */
    public static JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ApiException(400, "invalid_json", "request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(StrictText.decode(body, "the request body"));
        } catch (JacksonException e) {
            throw new ApiException(400, "invalid_json", "request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "invalid_json", "request body must be a JSON object");
        }
        return node;
    }

    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    /** Keys sorted at every level, no whitespace; scalars written by Jackson so numbers keep their text. */
    public static String canonical(JsonNode node) {
        // one generator for the whole tree: a writeValueAsString per key and scalar built a generator each time
        // (in bench bets a tenth of the node's allocation); the text is the same, JsonCanonicalTest pins it
        java.io.StringWriter out = new java.io.StringWriter(64);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            writeCanonical(node, g);
        }
        return out.toString();
    }

    private static void writeCanonical(JsonNode node, JsonGenerator g) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.propertyNames());
            keys.sort(null);
            g.writeStartObject();
            for (String key : keys) {
                g.writeName(key);
                writeCanonical(node.get(key), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node.values()) writeCanonical(item, g);
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }

    /** The one error body of the API (docs/integration-guide.md, section 5): {"error": reason, "message": text}. */
    public static String error(String reason, String message) {
        return write(Map.of("error", reason, "message", message == null ? reason : message));
    }
}
