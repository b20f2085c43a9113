package dev.yantra.portal;

import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A portal session over plain HTTP, for tests that send many requests (every route, every form): keeps the
 * portal's cookies itself (the JDK's CookieManager will not send a Secure cookie over http, the browser does on
 * localhost) and fills each form's CSRF field from the last page, as a browser would.
 */
public final class PortalHttp {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final java.util.function.UnaryOperator<String> url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public PortalHttp(TestServer server) {
        this(server::url);
    }

    /** A session with a node reached by {@code url} (path to full URL), for tests that start the node themselves. */
    public PortalHttp(java.util.function.UnaryOperator<String> url) {
        this.url = url;
    }

    /** Logs in with both factors; throws unless the portal answered with its dashboard redirect. */
    public static PortalHttp login(TestServer server, String username, String password, String totpSecret) {
        return login((java.util.function.UnaryOperator<String>) server::url, username, password, totpSecret);
    }

    /** {@link #login(TestServer, String, String, String)} on a node reached by {@code url}. */
    public static PortalHttp login(java.util.function.UnaryOperator<String> url, String username, String password, String totpSecret) {
        PortalHttp p = new PortalHttp(url);
        p.get("/portal/login");
        String code = totpSecret == null ? "" : Totp.code(totpSecret, Totp.step(Instant.now()));
        HttpResponse<String> r = p.post("/portal/login", Map.of("username", username, "password", password, "code", code));
        String to = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || to.contains("failed")) throw new AssertionError("login of " + username + " failed: " + r.statusCode() + " " + to);
        return p;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url.apply(path))).GET());
    }

    /** A form POST carrying the CSRF token of the last page read (fetch one first), as the portal's forms do. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) all.putIfAbsent("_csrf", csrf);
        StringJoiner body = new StringJoiner("&");
        all.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        return send(HttpRequest.newBuilder(URI.create(url.apply(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** A POST without any CSRF token: what a forged cross-site form would send. */
    public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> fields) {
        String saved = csrf;
        csrf = null;
        try {
            return post(path, fields);
        } finally {
            csrf = saved;
        }
    }

    public String csrf() {
        return csrf;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        if (!cookies.isEmpty()) {
            StringJoiner c = new StringJoiner("; ");
            cookies.forEach((k, v) -> c.add(k + "=" + v));
            b.header("Cookie", c.toString());
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) cookies.remove(pair.substring(0, eq));
                else cookies.put(pair.substring(0, eq), value);
            }
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) csrf = m.group(1);
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
