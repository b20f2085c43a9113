package dev.yantra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers every response carries, set before the handler runs so that error answers carry them too: no MIME
 * sniffing, no referrer leaving our origin, and a Content-Security-Policy that allows scripts and styles only
 * from our own files (no inline script anywhere) and no framing. /play is the one page an operator embeds in its
 * lobby: its handler replaces the framing rule with the operator's own origins ({@link #playPolicy}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class PageHeaders extends OncePerRequestFilter {
    static final String BASE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

    public static final String CSP = "Content-Security-Policy";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        // The path is canonical here (CanonicalPathFilter ran first), so an exact comparison cannot be dodged.
        if (!"/play".equals(request.getRequestURI())) {
            response.setHeader(CSP, BASE_POLICY + "; frame-ancestors 'none'");
            response.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }

    /**
     * The policy of /play: framed by our own origin and by the operator's listed sites only. X-Frame-Options cannot
     * name several origins, so it is sent only when no operator site is listed; browsers that know CSP follow
     * frame-ancestors either way.
     */
    public static void playPolicy(HttpServletResponse response, List<String> embedOrigins) {
        String ancestors = embedOrigins.isEmpty() ? "'self'" : "'self' " + String.join(" ", embedOrigins);
        response.setHeader(CSP, BASE_POLICY + "; frame-ancestors " + ancestors);
        if (embedOrigins.isEmpty()) response.setHeader("X-Frame-Options", "SAMEORIGIN");
    }
}
