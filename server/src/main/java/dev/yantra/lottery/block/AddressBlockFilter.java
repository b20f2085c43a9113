package dev.yantra.lottery.block;

import dev.yantra.api.Json;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every player API request (/api/v1/**, the auth endpoints and the public catalog included) from a blocked
 * address with 403 {@code {"error":"address_blocked"}}, before authentication, so a blocked source cannot even try
 * passwords. The address is the request's remote address as the servlet container reports it (behind a proxy,
 * configure the container's trusted forwarded-header handling so it is the client's). Counted in
 * {@code player_api_blocked_requests_total}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
public final class AddressBlockFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AddressBlockFilter.class);

    private final AddressBlockList blocks;
    private final io.micrometer.core.instrument.Counter blocked;

    public AddressBlockFilter(AddressBlockList blocks, MeterRegistry meters) {
        this.blocks = blocks;
        this.blocked = meters.counter("player_api_blocked_requests");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = (request.getServletPath() == null ? "" : request.getServletPath())
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !(path.equals("/api/v1") || path.startsWith("/api/v1/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> range = blocks.blocking(request.getRemoteAddr());
        if (range.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        blocked.increment();
        log.atInfo().addKeyValue("remoteAddr", request.getRemoteAddr()).addKeyValue("cidr", range.get())
                .log("player_api_address_blocked {} in {}", request.getRemoteAddr(), range.get());
        response.setStatus(403);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.error("address_blocked", "requests from this address are blocked; contact support"));
    }
}
