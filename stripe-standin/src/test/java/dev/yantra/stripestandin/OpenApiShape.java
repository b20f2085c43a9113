package dev.yantra.stripestandin;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a JSON value against a schema of the committed extract of Stripe's published OpenAPI description
 * ({@code stripe-openapi-subset.json}, its source named in its {@code x-source}): every {@code required}
 * property present, every property present declared by the schema, each of the declared JSON type (an
 * {@code integer} a whole number, {@code null} only where {@code nullable}), enums respected, {@code anyOf}
 * satisfied by one alternative, and {@code $ref}s to copied schemas followed (others must be objects).
 */
final class OpenApiShape {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JsonNode schemas;
    final JsonNode source;

    OpenApiShape() throws IOException {
        try (InputStream in = OpenApiShape.class.getResourceAsStream("/stripe-openapi-subset.json")) {
            JsonNode doc = JSON.readTree(in);
            schemas = doc.path("components").path("schemas");
            source = doc.path("x-source");
        }
    }

    boolean has(String schema) {
        return schemas.has(schema);
    }

    /** Every way {@code value} departs from the schema, as "path: what"; empty when it conforms. */
    List<String> violations(String schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        checkSchema(schemas.required(schema), value, schema, out);
        return out;
    }

    private void checkSchema(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (!value.isObject()) {
            out.add(path + ": expected an object, was " + value.getNodeType());
            return;
        }
        JsonNode props = schema.path("properties");
        for (JsonNode r : schema.path("required")) {
            if (!value.has(r.asString())) out.add(path + "." + r.asString() + ": required but missing");
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode prop = props.get(field.getKey());
            if (prop == null) {
                out.add(path + "." + field.getKey() + ": not a property of this schema");
                continue;
            }
            checkValue(prop, field.getValue(), path + "." + field.getKey(), out);
        }
    }

    private void checkValue(JsonNode prop, JsonNode value, String path, List<String> out) {
        if (value.isNull()) {
            if (!prop.path("nullable").asBoolean(false)) out.add(path + ": null but not nullable");
            return;
        }
        if (prop.has("$ref")) {
            checkRef(prop.get("$ref").asString(), value, path, out);
            return;
        }
        if (prop.has("anyOf")) {
            List<List<String>> tries = new ArrayList<>();
            for (JsonNode alt : prop.get("anyOf")) {
                List<String> v = new ArrayList<>();
                checkValue(alt, value, path, v);
                if (v.isEmpty()) return;
                tries.add(v);
            }
            out.add(path + ": matches none of anyOf " + tries);
            return;
        }
        String type = prop.path("type").asString("");
        boolean ok = switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
        if (!ok) {
            out.add(path + ": expected " + type + ", was " + value.getNodeType());
            return;
        }
        if (prop.has("enum")) {
            boolean listed = false;
            for (JsonNode e : prop.get("enum")) listed |= e.equals(value);
            if (!listed) out.add(path + ": " + value + " is not one of " + prop.get("enum"));
        }
        if (type.equals("array") && prop.has("items")) {
            int i = 0;
            for (JsonNode item : value) checkValue(prop.get("items"), item, path + "[" + i++ + "]", out);
        }
        if (type.equals("object") && prop.has("additionalProperties") && prop.get("additionalProperties").isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) checkValue(prop.get("additionalProperties"), e.getValue(), path + "." + e.getKey(), out);
        }
    }

    private void checkRef(String ref, JsonNode value, String path, List<String> out) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        if (schemas.has(name)) checkSchema(schemas.get(name), value, path, out);
        else if (!value.isObject()) out.add(path + ": expected an object (" + name + "), was " + value.getNodeType());
    }
}
