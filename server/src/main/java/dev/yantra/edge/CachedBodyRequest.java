package dev.yantra.edge;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Hands a body already read (and checked) to the rest of the chain, which reads it as if from the socket. A form
 * body (application/x-www-form-urlencoded, the portal's forms) can no longer be parsed by the container once read,
 * so its fields are parsed here and served as request parameters after the query string's, as the container would.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;
    private java.util.Map<String, String[]> parameters;

    public CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    public java.util.Map<String, String[]> getParameterMap() {
        if (!isForm((HttpServletRequest) getRequest())) return super.getParameterMap();
        if (parameters == null) {
            java.util.Map<String, java.util.List<String>> all = new java.util.LinkedHashMap<>();
            super.getParameterMap().forEach((k, v) -> all.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(java.util.List.of(v)));
            String text = new String(body, StandardCharsets.UTF_8);
            for (String pair : text.isEmpty() ? new String[0] : text.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                all.computeIfAbsent(name, x -> new java.util.ArrayList<>()).add(value);
            }
            java.util.Map<String, String[]> out = new java.util.LinkedHashMap<>();
            all.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
            parameters = java.util.Collections.unmodifiableMap(out);
        }
        return parameters;
    }

    @Override
    public String getParameter(String name) {
        String[] v = getParameterMap().get(name);
        return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] v = getParameterMap().get(name);
        return v == null ? null : v.clone();
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
        return java.util.Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("synchronous only");
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
