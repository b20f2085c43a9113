package dev.yantra.demobanca;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out of the JDK HTTP server, with a bound on every body. */
final class Http {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A body over the bound: answered 413 by the caller, nothing processed. */
    static final class BodyTooLarge extends Exception {
        BodyTooLarge() {
            super("body over " + MAX_BODY_BYTES + " bytes", null, false, false);
        }
    }

    private Http() {
    }

    static byte[] readBody(HttpExchange ex) throws IOException, BodyTooLarge {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) throw new BodyTooLarge();
            return body;
        }
    }

    /** The body as a JSON object, or null when it is empty, not JSON, or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            Object v = JSON.readValue(body, Object.class);
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        send(ex, status, message == null ? Map.of("error", code) : Map.of("error", code, "message", message));
    }

    static void sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
