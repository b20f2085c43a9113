package dev.yantra.edge;

import dev.yantra.api.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The one 429 answer of the node: the reason, a message, and {@code Retry-After} in whole seconds. */
public final class TooManyRequests {
    public static final String RETRY_AFTER = "Retry-After";

    private TooManyRequests() {
    }

    public static void write(HttpServletResponse response, String reason, String message, long retryAfterSeconds) throws IOException {
        response.setStatus(429);
        response.setHeader(RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.error(reason, message));
    }
}
