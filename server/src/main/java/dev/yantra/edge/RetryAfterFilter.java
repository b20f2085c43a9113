package dev.yantra.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every 429 of the node carries {@code Retry-After}: a limiter that knows when a token comes back sets it; any other
 * 429 (a handler's, the container's) gets 1 s, so no client is left to guess and hammer. One header, never two.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RetryAfterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setStatus(int sc) {
                super.setStatus(sc);
                if (sc == 429) ensureRetryAfter(this);
            }

            @Override
            public void sendError(int sc) throws IOException {
                if (sc == 429) ensureRetryAfter(this);
                super.sendError(sc);
            }

            @Override
            public void sendError(int sc, String msg) throws IOException {
                if (sc == 429) ensureRetryAfter(this);
                super.sendError(sc, msg);
            }

            @Override
            public void addHeader(String name, String value) {
                // a framework adding the header after the status was set replaces our default instead of doubling it
                if (TooManyRequests.RETRY_AFTER.equalsIgnoreCase(name)) super.setHeader(name, value);
                else super.addHeader(name, value);
            }
        });
    }

    private static void ensureRetryAfter(HttpServletResponse response) {
        if (!response.containsHeader(TooManyRequests.RETRY_AFTER)) response.setHeader(TooManyRequests.RETRY_AFTER, "1");
    }
}
