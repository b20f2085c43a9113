package dev.yantra.stripestandin;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out; the stand-in's objects are plain ordered maps, so what is sent is what the map holds. */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    static String text(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** The body as a JSON object, or null when it is empty, not JSON, or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            return MAPPER.readValue(body, Object.class) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
