package dev.yantra.security;

import dev.yantra.api.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request: a path that is not canonical is answered 400 before any other filter or
 * handler runs. The filters after this one match paths by prefix and Spring MVC routes on the decoded path; they
 * agree only when the raw path and the decoded one are the same string, which is what this filter guarantees.
 *
 * <p>StrictHttpFirewall already refuses {@code ;} parameters, {@code //}, {@code .}/{@code ..} segments, encoded
 * {@code /}, {@code \}, {@code .} and {@code %}, NUL, CR/LF and non-printable characters. Its defaults still let
 * {@code %76} (an encoded letter) through, so every {@code %} in the raw path is refused too: no route of ours needs
 * one. Query parameters are checked lazily by the firewalled request; a refusal there is mapped to 400 as well.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CanonicalPathFilter extends OncePerRequestFilter {
    private final StrictHttpFirewall firewall = firewall();

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall f = new StrictHttpFirewall();
        f.getEncodedUrlBlocklist().add("%");
        return f;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest checked;
        try {
            checked = firewall.getFirewalledRequest(request);
            if (!isPrintableAscii(request.getRequestURI())) throw new RequestRejectedException("non-ASCII path");
        } catch (RequestRejectedException e) {
            refuse(response, "non_canonical_path", "the request path is not in canonical form (no %-escapes, ';', '//', "
                    + "'.' or '..' segments, backslashes or control characters)");
            return;
        }
        try {
            chain.doFilter(checked, response);
        } catch (RequestRejectedException e) {
            if (!response.isCommitted()) refuse(response, "invalid_text", "a query parameter holds characters that are not allowed");
        }
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) return false;
        }
        return true;
    }

    private static void refuse(HttpServletResponse response, String error, String message) throws IOException {
        response.resetBuffer();
        response.setStatus(400);
        response.setContentType("application/json");
        response.getWriter().write(Json.error(error, message));
    }
}
