package dev.yantra.stripestandin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Bodies in and out of the JDK HTTP server, with a bound on what is read. */
final class Http {
    static final int MAX_BODY_BYTES = 256 * 1024;

    private Http() {
    }

    /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    static byte[] body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
            return b.length > MAX_BODY_BYTES ? null : b;
        }
    }

    static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, Json.bytes(body));
    }

    static void send(HttpExchange ex, int status, byte[] json) throws IOException {
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(status, json.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(json);
        }
    }
}
