package dev.yantra.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.signing.OperatorFixture;
import dev.yantra.signing.SpecClient;
import dev.yantra.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every protected route of the running application, spelled a dozen hostile ways, sent with no credential, with an
 * operator's valid inbound signature over the spelled path, and with a player's session token: none reaches a
 * handler. The routes come from the application's own handler mappings, so a route added later is attacked too.
 * Sent over a raw socket so that no client library normalizes the path first.
 */
class HostilePathsTest {
    static TestServer server;
    static OperatorFixture operator;
    static String playerToken;
    static JdbcClient jdbc;

    /** Refusal records: at most one row per reason, source and minute is allowed to appear. */
    static final Set<String> REFUSAL_TABLES = Set.of("signature_rejections", "bet_refusals", "inbound_observations");
    /**
     * Written by the table engine in the background, whatever the requests do: the fixture operator has enabled
     * games, so the node takes its tables, draws their seed chains and opens rounds while this test runs.
     */
    static final Set<String> TABLE_ENGINE_TABLES = Set.of("game_tables", "fairness_chains", "rounds");

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        jdbc = server.running.context().getBean(JdbcClient.class);
        operator = OperatorFixture.create(server, "hostile-paths");
        var created = operator.client().post("/v1/session", operator.sessionBody(UUID.randomUUID(), "hp-player"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        playerToken = Json.parse(created.body()).get("sessionToken").stringValue();
    }

    /** Each test starts with a clean failed-authentication budget for this source (the suite sends thousands). */
    @org.junit.jupiter.api.BeforeEach
    void freshBudget() {
        server.running.context().getBean(dev.yantra.edge.FailedAuthLimiter.class).forgetAll();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Route(String method, String path, Surface surface) {
    }

    static List<Route> protectedRoutes() {
        RequestMappingHandlerMapping mapping = server.running.context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            Surface surface = SurfaceGuard.surfaceOf(e.getValue()).orElseThrow();
            if (surface == Surface.PUBLIC) continue;
            Set<String> patterns = e.getKey().getPatternValues();
            var methods = e.getKey().getMethodsCondition().getMethods();
            String method = methods.isEmpty() ? "GET" : methods.iterator().next().name();
            for (String p : patterns) {
                routes.add(new Route(method, p.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()), surface));
            }
        }
        return routes;
    }

    /** The spellings: each turns a canonical path into one that a prefix match on the raw URI would misread. */
    static Map<String, UnaryOperator<String>> spellings() {
        Map<String, UnaryOperator<String>> s = new LinkedHashMap<>();
        s.put("percent-encoded letter", HostilePathsTest::encodeFirstLetterOfSecondSegment);
        s.put("percent-encoded digit in the first segment", p -> p.replaceFirst("^/v1", "/%761"));
        s.put("semicolon path parameter", p -> p.replaceFirst("^/v1", "/v1;x"));
        s.put("semicolon on the second segment", p -> p.replaceFirst("^(/v1/[^/]+)", "$1;x"));
        s.put("double slash", p -> p.replaceFirst("^/v1/", "/v1//"));
        s.put("dot segment", p -> p.replaceFirst("^/v1/", "/v1/./"));
        s.put("dot-dot segment", p -> p.replaceFirst("^/v1/", "/v1/x/../"));
        s.put("upper case", p -> p.toUpperCase());
        s.put("encoded slash", p -> p.replaceFirst("^/v1/", "/v1%2F"));
        s.put("encoded backslash", p -> p.replaceFirst("^/v1/", "/v1%5C"));
        s.put("overlong UTF-8 slash", p -> p.replaceFirst("^/v1/", "/v1%C0%AF"));
        s.put("trailing dot", p -> p + ".");
        s.put("second leading slash", p -> "/" + p);
        s.put("mixed", p -> p.replaceFirst("^/v1/([^/]*)", "/%761;a//$1").replace("admin", "adm%69n"));
        return s;
    }

    static String encodeFirstLetterOfSecondSegment(String p) {
        int at = p.indexOf('/', 1) + 1;
        if (at <= 0 || at >= p.length()) return p;
        return p.substring(0, at) + "%" + Integer.toHexString(p.charAt(at)).toUpperCase() + p.substring(at + 1);
    }

    @Test
    void every_protected_route_in_every_hostile_spelling_is_refused_with_any_credential_and_changes_no_table() throws Exception {
        Map<String, Long> before = rowCounts();
        List<Route> routes = protectedRoutes();
        assertThat(routes).as("the application's protected routes").hasSizeGreaterThan(20);
        List<String> reached = new ArrayList<>();
        int sent = 0;
        for (Route route : routes) {
            for (Map.Entry<String, UnaryOperator<String>> spelling : spellings().entrySet()) {
                String path = spelling.getValue().apply(route.path());
                if (path.equals(route.path())) continue;   // this spelling does not apply to this route
                for (String credential : List.of("none", "operator", "player")) {
                    int status = send(route.method(), path, credential);
                    sent++;
                    if (!Set.of(400, 401, 403, 404, 429).contains(status)) {
                        reached.add(status + " " + route.method() + " " + path + " (" + spelling.getKey() + ", " + credential + ")");
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(routes.size() * 10 * 3 / 2);
        assertThat(reached).as("requests answered as if a handler ran").isEmpty();
        Map<String, Long> after = rowCounts();
        for (Map.Entry<String, Long> e : before.entrySet()) {
            if (REFUSAL_TABLES.contains(e.getKey()) || TABLE_ENGINE_TABLES.contains(e.getKey())) continue;
            assertThat(after.get(e.getKey())).as("rows of " + e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE changed_by IS NULL OR changed_by = 'null'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void the_reported_bypasses_are_refused_before_any_handler() throws Exception {
        for (String credential : List.of("none", "operator")) {
            assertThat(send("GET", "/%761/admin/operators", credential)).isEqualTo(400);
            assertThat(send("POST", "/v1;x/admin/halts", credential)).isEqualTo(400);
            assertThat(send("GET", "/v1/adm%69n/operators", credential)).isEqualTo(400);
            assertThat(send("POST", "/v1/admin;x/halts", credential)).isEqualTo(400);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM kill_switches").query(Long.class).single()).isZero();
    }

    @Test
    void canonical_routes_still_work_and_an_admin_route_without_its_token_is_401() throws Exception {
        freshBudget();
        assertThat(send("GET", "/v1/admin/operators", "none")).isEqualTo(401);
        assertThat(send("GET", "/v1/admin/operators", "operator")).isEqualTo(401);
        assertThat(send("GET", "/v1/admin/operators", "admin")).isEqualTo(200);
        assertThat(send("GET", "/v1/rounds", "operator")).isEqualTo(200);
        assertThat(send("GET", "/v1/rounds", "none")).isEqualTo(401);
        assertThat(send("GET", "/healthz", "none")).isEqualTo(200);
    }

    @Test
    void an_address_that_keeps_guessing_admin_tokens_gets_429_with_retry_after() throws Exception {
        int status = 0;
        for (int i = 0; i < 200 && status != 429; i++) status = send("GET", "/v1/admin/operators", "none");
        assertThat(status).isEqualTo(429);
        assertThat(send("GET", "/v1/admin/operators", "admin")).as("a right token waits too: the address is throttled")
                .isEqualTo(429);
        freshBudget();
        assertThat(send("GET", "/v1/admin/operators", "admin")).isEqualTo(200);
    }

    @Test
    void every_route_of_the_application_declares_its_surface() {
        RequestMappingHandlerMapping mapping = server.running.context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<String> undeclared = mapping.getHandlerMethods().entrySet().stream()
                .filter(e -> SurfaceGuard.surfaceOf(e.getValue()).isEmpty())
                .map(e -> e.getKey() + " -> " + e.getValue().getShortLogMessage()).toList();
        assertThat(undeclared).isEmpty();
    }

    static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
                .query(String.class).list()) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM \"" + table + "\"").query(Long.class).single());
        }
        return counts;
    }

    /** One HTTP/1.1 request over a raw socket, the path bytes exactly as given; returns the status code. */
    static int send(String method, String path, String credential) throws Exception {
        byte[] body = method.equals("GET") ? new byte[0]
                : ("{\"requestUuid\":\"" + UUID.randomUUID() + "\",\"operatorId\":\"" + operator.operatorId() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
        switch (credential) {
            case "operator" -> {
                String ts = String.valueOf(System.currentTimeMillis() / 1000);
                String canonical = method + "\n" + path + "\n" + ts + "\n" + SpecClient.sha256Hex(body);
                head.append("x-yantra-key-id: ").append(operator.kid()).append("\r\nx-yantra-timestamp: ").append(ts)
                        .append("\r\nx-yantra-signature: ").append(hmac(operator.secret(), canonical)).append("\r\n");
            }
            case "player" -> head.append("Authorization: Bearer ").append(playerToken).append("\r\n");
            case "admin" -> head.append("Authorization: Bearer test-admin-token\r\n");
            default -> { }
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", server.env.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != -1 && b != '\n'; ) line.write(b);
            String status = line.toString(StandardCharsets.ISO_8859_1);
            assertThat(status).as(method + " " + path).startsWith("HTTP/1.1 ");
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    static String hmac(String secret, String canonical) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
