package dev.yantra.admin;

import dev.yantra.api.Json;
import dev.yantra.config.YantraEnv;
import dev.yantra.edge.FailedAuthLimiter;
import dev.yantra.edge.TooManyRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Owns authentication of the admin API (/v1/admin/**): {@code Authorization: Bearer <token>} checked in constant
 * time against YANTRA_ADMIN_TOKENS ({@code name:token} pairs). Operator credentials are never accepted here;
 * the token's name becomes the request attribute {@link #ADMIN_NAME_ATTRIBUTE} and the audit's changed_by.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class AdminAuthFilter extends OncePerRequestFilter {
    public static final String ADMIN_NAME_ATTRIBUTE = "yantra.adminName";
    private final Map<String, byte[]> tokens = new LinkedHashMap<>();

    private final FailedAuthLimiter failedAuth;

    public AdminAuthFilter(YantraEnv env, FailedAuthLimiter failedAuth) {
        this.failedAuth = failedAuth;
        env.adminTokens().ifPresent(all -> {
            for (String pair : all.split(",")) {
                int colon = pair.indexOf(':');
                if (colon <= 0 || colon == pair.length() - 1) {
                    throw new IllegalArgumentException("YANTRA_ADMIN_TOKENS must be comma-separated name:token pairs");
                }
                tokens.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals("/v1/admin") || path.startsWith("/v1/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String ip = request.getRemoteAddr();
        long wait = failedAuth.retryAfterSeconds(ip);
        if (wait > 0) {  // this address keeps guessing: answered before any token comparison
            TooManyRequests.write(response, FailedAuthLimiter.REASON, "too many failed authentications from this address; retry later", wait);
            return;
        }
        String header = request.getHeader("Authorization");
        String name = header != null && header.startsWith("Bearer ") ? match(header.substring(7).trim()) : null;
        if (name == null) {
            failedAuth.failed(ip);
            response.setStatus(401);
            response.setContentType("application/json");
            response.setHeader("WWW-Authenticate", "Bearer");
            response.getWriter().write(Json.error(tokens.isEmpty() ? "admin_api_disabled" : "invalid_admin_token",
                    tokens.isEmpty() ? "YANTRA_ADMIN_TOKENS is not set" : "a valid admin bearer token is required"));
            return;
        }
        request.setAttribute(ADMIN_NAME_ATTRIBUTE, name);
        chain.doFilter(request, response);
    }

    /** Compares against every token so timing does not tell which names exist. */
    private String match(String offered) {
        byte[] o = offered.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, byte[]> e : tokens.entrySet()) {
            if (MessageDigest.isEqual(e.getValue(), o)) found = e.getKey();
        }
        return found;
    }
}
