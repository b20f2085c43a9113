package dev.yantra.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Puts a request id on every log line of a request (MDC "requestId") and echoes it as x-request-id. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {
    /** System.nanoTime() when the first filter saw the request: latency SLOs include signature checks and parsing. */
    public static final String RECEIVED_NANOS = "yantra.receivedNanos";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(RECEIVED_NANOS, System.nanoTime());
        String offered = request.getHeader("x-request-id");
        String id = offered != null && SAFE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        MDC.put("requestId", id);
        response.setHeader("x-request-id", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** When the request arrived (the filter's stamp), or now when no filter ran (a direct call in a test). */
    public static long receivedNanos(HttpServletRequest request) {
        return request.getAttribute(RECEIVED_NANOS) instanceof Long t ? t : System.nanoTime();
    }
}
