package dev.yantra.edge;

import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.api.StrictText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Refuses, before authentication and before any handler, a request whose text is not text: the query string's
 * names and values, the path's segments and a JSON body's keys and strings must be strict UTF-8 with no lone
 * surrogate and no control character (TAB, LF and CR only in the multi-line fields below). The answer is 400
 * {@code invalid_text} and nothing is stored — not even a signature rejection, since nothing was checked yet.
 * A body that is not JSON is left to its handler (which answers {@code invalid_json}) once it is valid UTF-8.
 *
 * <p>Runs after the request id and before inbound authentication, which is handed the body already read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class TextAtTheEdgeFilter extends OncePerRequestFilter {
    /** The largest request body any API endpoint reads; the inbound signature check holds the same bound. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /**
     * Routes whose bodies are checked elsewhere: a webhook's signature is verified over the raw bytes first and its
     * payload is stored as received, so its handler — not this filter — decides what of it is text.
     */
    static final List<String> EXEMPT_PREFIXES = List.of("/webhooks/");
    /** JSON fields whose value is a document, not a line: a settlement file keeps its line breaks. */
    static final Set<String> MULTILINE_FIELDS = Set.of("csv");

    static boolean exempt(String path) {
        return EXEMPT_PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (exempt(path)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            checkPath(path);
            checkQuery(request.getQueryString());
        } catch (ApiException e) {
            write(response, e);
            return;
        }
        if (!mayHaveBody(request) || request.getContentLengthLong() > MAX_BODY_BYTES) {
            // no body, or one the size limit refuses further on before anything reads it
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), MAX_BODY_BYTES, request.getContentLengthLong());
        if (body == null) {  // larger than announced, or chunked and too large
            drain(request.getInputStream());
            write(response, new ApiException(413, "payload_too_large",
                    "request body must be at most " + MAX_BODY_BYTES + " bytes"));
            return;
        }
        try {
            checkBody(body);
            // a form's fields are text like a query string's (the portal's forms); checked the same way
            if (CachedBodyRequest.isForm(request)) checkQuery(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (ApiException e) {
            write(response, e);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static boolean mayHaveBody(HttpServletRequest request) {
        String m = request.getMethod();
        return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS") || m.equals("TRACE"));
    }

    static void checkPath(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            check(StrictText.decode(PercentDecoding.decode(segment, false), "a path segment"), false, "a path segment");
        }
    }

    static void checkQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return;
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = StrictText.decode(PercentDecoding.decode(eq < 0 ? pair : pair.substring(0, eq), true), "a query parameter name");
            check(name, false, "a query parameter name");
            if (eq >= 0) {
                String what = "query parameter " + (StrictText.problem(name, false) == null ? name : "?");
                check(StrictText.decode(PercentDecoding.decode(pair.substring(eq + 1), true), what), false, what);
            }
        }
    }

    /** Strict UTF-8 always; when the body is JSON, every key and string in it (iteratively: depth is the parser's limit). */
    static void checkBody(byte[] body) {
        if (body.length == 0) return;
        String text = StrictText.decode(body, "the request body");
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return;  // not JSON: its handler says so
        }
        if (root == null) return;
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", root));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> e = todo.pop();
            JsonNode n = e.getValue();
            if (n.isObject()) {
                for (Map.Entry<String, JsonNode> p : n.properties()) {
                    check(p.getKey(), false, "a field name");
                    todo.push(Map.entry(p.getKey(), p.getValue()));
                }
            } else if (n.isArray()) {
                for (JsonNode item : n.values()) todo.push(Map.entry(e.getKey(), item));
            } else if (n.isString()) {
                check(n.stringValue(), MULTILINE_FIELDS.contains(e.getKey()), e.getKey().isEmpty() ? "the body" : e.getKey());
            }
        }
    }

    private static void check(String text, boolean multiline, String what) {
        String problem = StrictText.problem(text, multiline);
        if (problem != null) throw StrictText.invalid(what + " " + problem);
    }

    /**
     * Up to {@code max} bytes, or null (stream left unread past max+1) when there are more; an announced length
     * sizes the read exactly.
     */
    private static byte[] readAtMost(InputStream in, int max, long announced) throws IOException {
        if (announced >= 0 && announced <= max) {
            byte[] body = in.readNBytes((int) announced);
            return in.read() == -1 ? body : null;   // longer than announced: refused like any too-long body
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > max) return null;
        }
        return out.toByteArray();
    }

    /** Reads what is left (bounded) so the client gets our answer rather than a reset connection. */
    private static void drain(InputStream in) {
        byte[] buf = new byte[65536];
        long total = 0;
        try {
            int n;
            while (total < 64L * 1024 * 1024 && (n = in.read(buf)) > 0) total += n;
        } catch (IOException ignored) {
            // the client went away; nothing to answer
        }
    }

    private static void write(HttpServletResponse response, ApiException e) throws IOException {
        response.setStatus(e.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.error(e.error(), e.getMessage()));
    }
}
