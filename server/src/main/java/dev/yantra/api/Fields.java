package dev.yantra.api;

import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Typed, bounded reads of request-body fields: a missing field or a wrong type is a 400 naming the field. */
public final class Fields {
    private Fields() {
    }

    public static String requiredString(JsonNode body, String name, int maxChars) {
        return optionalString(body, name, maxChars)
                .orElseThrow(() -> new ApiException(400, "invalid_request", name + " is required"));
    }

    public static Optional<String> optionalString(JsonNode body, String name, int maxChars) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return Optional.empty();
        if (!v.isString()) throw new ApiException(400, "invalid_request", name + " must be a string");
        String s = v.stringValue();
        int chars = s.codePointCount(0, s.length());
        if (chars > maxChars) {
            throw new ApiException(400, "invalid_request", name + " must be at most " + maxChars + " characters, was " + chars);
        }
        return Optional.of(s);
    }

    public static UUID requiredUuid(JsonNode body, String name) {
        String s = requiredString(body, name, 64);
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", name + " must be a UUID");
        }
    }

    public static Optional<Integer> optionalInt(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return Optional.empty();
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ApiException(400, "invalid_request", name + " must be an integer");
        }
        return Optional.of(v.intValue());
    }
}
