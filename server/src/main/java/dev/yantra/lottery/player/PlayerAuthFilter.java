package dev.yantra.lottery.player;

import dev.yantra.api.Json;
import dev.yantra.config.YantraEnv;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Owns authentication of the player API: every /api/v1/** request needs {@code Authorization: Bearer <JWT>},
 * except the auth endpoints (how a player gets a token) and GET on the public catalog /api/v1/lotteries/**.
 * A missing, malformed, wrongly signed or expired token is 401 {"error":"invalid_token"}; a valid one becomes
 * the {@link PlayerPrincipal#ATTRIBUTE} request attribute.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class PlayerAuthFilter extends OncePerRequestFilter {
    private final PlayerTokens tokens;
    private final boolean lotteryServed;

    public PlayerAuthFilter(PlayerTokens tokens, YantraEnv env) {
        this.tokens = tokens;
        this.lotteryServed = env.surfaces().lottery();
    }

    private static boolean playerApi(String path) {
        return path.equals("/api/v1") || path.startsWith("/api/v1/");
    }

    /** True when {@code method path} needs a player token. */
    public static boolean protects(String method, String path) {
        if (!playerApi(path)) return false;
        if (path.equals("/api/v1/auth") || path.startsWith("/api/v1/auth/")) return false;
        boolean catalog = path.equals("/api/v1/lotteries") || path.startsWith("/api/v1/lotteries/");
        return !(catalog && ("GET".equals(method) || "HEAD".equals(method)));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return lotteryServed ? !protects(request.getMethod(), path) : !playerApi(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!lotteryServed) {
            // YANTRA_SURFACES=rgs: the whole player API is absent here, token or not
            write(response, 404, "surface_not_served", "this node does not serve the lottery (YANTRA_SURFACES=rgs)");
            return;
        }
        request.removeAttribute(PlayerPrincipal.ATTRIBUTE);
        String header = request.getHeader("Authorization");
        Optional<PlayerPrincipal> principal = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.verify(header.substring(7).trim())
                : Optional.empty();
        if (principal.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(response, 401, "invalid_token", PlayerMessages.text("invalid_token", request));
            return;
        }
        request.setAttribute(PlayerPrincipal.ATTRIBUTE, principal.get());
        chain.doFilter(request, response);
    }

    /** The decoded, normalized path Spring maps (not the raw URI, where "auth/../users" could hide a route). */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    private static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.error(error, message));
    }
}
