package dev.yantra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.demo.DemoProvisioner;
import dev.yantra.gameconfig.GameConfigStore;
import dev.yantra.games.GameRegistry;
import dev.yantra.security.Surface;
import dev.yantra.security.SurfaceGuard;
import dev.yantra.signing.OperatorFixture;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Scope and roles over every portal route, enumerated from the running application's route table (a new page is
 * covered without touching this test): an operator user given another operator's ids, a read-only user posting
 * every form, a user without a second factor, a forged form without its CSRF token.
 */
class PortalScopeTest {
    static PortalWorld world;
    static OperatorFixture a;
    static UUID bBet;
    static UUID bRound;
    static UUID bJob;
    static long bConfigEntry;
    static List<String> bMarkers;
    static PortalHttp aAdmin;
    static PortalHttp aReadOnly;
    static PortalHttp platform;

    record Route(String method, String pattern) {
    }

    @BeforeAll
    static void start() throws Exception {
        world = new PortalWorld();
        a = OperatorFixture.create(world.server, "scope-a-casino");
        UUID b = DemoProvisioner.OPERATOR_ID;
        bBet = world.settledBet("b-player-visible-only-to-b");
        bRound = world.jdbc.sql("SELECT round_id FROM bets WHERE id = ?").param(bBet).query(UUID.class).single();
        GameConfigStore configs = new GameConfigStore(world.jdbc, world.server.running.context().getBean(TransactionTemplate.class), GameRegistry.standard());
        configs.set(b, DemoProvisioner.GAME_CODE, DemoProvisioner.CURRENCY, Map.of("commissionMicro", "3500"), true, "test", "scope fixture");
        bConfigEntry = configs.history(b, null, 1).getFirst().id();
        world.user("b-admin", PortalRole.OPERATOR_ADMIN, b);
        bJob = world.stuckRollbackJob("b-player-with-a-stuck-job");
        bMarkers = List.of(b.toString(), DemoProvisioner.OPERATOR_NAME, bBet.toString(), bRound.toString(), bJob.toString(),
                DemoProvisioner.OUTBOUND_KID, "b-player-visible-only-to-b", "b-player-with-a-stuck-job", "b-admin");
        aAdmin = PortalHttp.login(world.server, "a-admin", PortalWorld.PASSWORD, world.user("a-admin", PortalRole.OPERATOR_ADMIN, a.operatorId()));
        aReadOnly = PortalHttp.login(world.server, "a-reader", PortalWorld.PASSWORD, world.user("a-reader", PortalRole.OPERATOR_READ_ONLY, a.operatorId()));
        platform = PortalHttp.login(world.server, "root", PortalWorld.PASSWORD, world.user("root", PortalRole.PLATFORM_ADMIN, null));
    }

    @AfterAll
    static void stop() {
        if (world != null) world.close();
    }

    /** Every route of the portal surface, from the application's own handler mapping. */
    static List<Route> portalRoutes() {
        RequestMappingHandlerMapping mapping = world.server.running.context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            if (SurfaceGuard.surfaceOf(e.getValue()).orElseThrow() != Surface.PORTAL) continue;
            var methods = e.getKey().getMethodsCondition().getMethods();
            String method = methods.isEmpty() ? "GET" : methods.iterator().next().name();
            for (String p : e.getKey().getPatternValues()) routes.add(new Route(method, p));
        }
        assertThat(routes).as("portal routes").hasSizeGreaterThan(20);
        return routes;
    }

    /** The path with each variable filled by operator B's thing of that kind. */
    static String withBIds(String pattern) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/portal/bets/{id}", bBet.toString());
        ids.put("/portal/rounds/{id}", bRound.toString());
        ids.put("/portal/jobs/{id}", bJob.toString());
        String path = pattern;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            if (pattern.startsWith(e.getKey())) path = path.replace("{id}", e.getValue());
        }
        return path.replace("{kid}", DemoProvisioner.OUTBOUND_KID).replace("{username}", "b-admin")
                .replace("{entry}", Long.toString(bConfigEntry)).replace("{id}", bBet.toString()).replace("{action}", "approve");
    }

    /** The fields every form of the portal may take, aimed at operator B, with the confirmation already given. */
    static Map<String, String> formAimedAtB() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("operator", DemoProvisioner.OPERATOR_ID.toString());
        f.put("game", DemoProvisioner.GAME_CODE);
        f.put("currency", DemoProvisioner.CURRENCY);
        f.put("changes", "commissionMicro=9000");
        f.put("reason", "scope test");
        f.put("message", "posted by operator A");
        f.put("action", "halt");
        f.put("scope", "BETS");
        f.put("mode", "force-open");
        f.put("kind", "INBOUND");
        f.put("key", "db.logSql");
        f.put("value", "1");
        f.put("username", "made-by-a");
        f.put("role", "operator-support");
        f.put("nothingMoved", "true");
        f.put("confirm", "yes");
        return f;
    }

    static HttpResponse<String> send(PortalHttp who, Route r, String path, Map<String, String> form) {
        if (r.method().equals("GET")) {
            who.get("/portal");   // a fresh page: a current CSRF token for the next form
            return who.get(path + (path.contains("?") ? "&" : "?") + "operator=" + form.get("operator"));
        }
        who.get("/portal");
        return who.post(path, form);
    }

    @Test
    void an_operator_admin_of_a_given_operator_b_ids_on_every_portal_route_gets_403_or_404_and_none_of_b() {
        Map<String, Object> before = bState();
        List<String> leaks = new ArrayList<>();
        int refused = 0;
        for (Route r : portalRoutes()) {
            String path = withBIds(r.pattern());
            HttpResponse<String> res = send(aAdmin, r, path, formAimedAtB());
            boolean namesB = !path.equals(r.pattern());
            if (res.statusCode() == 403 || res.statusCode() == 404) {
                refused++;
            } else if (namesB || res.statusCode() != 200) {
                leaks.add(res.statusCode() + " " + r.method() + " " + path);
            }
            for (String marker : bMarkers) {
                if (res.body().contains(marker)) leaks.add(r.method() + " " + path + " shows " + marker);
            }
        }
        assertThat(leaks).as("answers that reached or showed operator B").isEmpty();
        assertThat(refused).as("routes refused").isGreaterThan(15);
        assertThat(bState()).as("operator B's rows after the attempts").isEqualTo(before);
        assertThat(world.jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:a-admin' AND "
                + "concat_ws(' ', subject, old_value, new_value) LIKE '%' || ? || '%'").param(DemoProvisioner.OPERATOR_ID.toString())
                .query(Long.class).single()).isZero();
    }

    @Test
    void only_portal_requests_pass_the_session_filter() {
        assertThat(world.server.running.context().getBean("sessionRepositoryFilterRegistration",
                org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean.class).getUrlPatterns())
                .containsExactlyInAnyOrder("/portal", "/portal/*");
    }

    @Test
    void a_platform_admin_reaches_the_same_pages_of_b_so_the_refusals_above_are_about_scope() {
        for (Route r : portalRoutes()) {
            if (!r.method().equals("GET") || !r.pattern().contains("{")) continue;
            String path = withBIds(r.pattern());
            HttpResponse<String> res = platform.get(path);
            assertThat(res.statusCode()).as(path).isEqualTo(200);
            assertThat(res.body()).as(path).contains(path.substring(path.lastIndexOf('/') + 1));
        }
        assertThat(platform.get("/portal").body()).contains(DemoProvisioner.OPERATOR_NAME).contains("scope-a-casino");
    }

    @Test
    void a_read_only_user_is_refused_every_action_and_its_pages_offer_no_action_form() {
        Map<String, String> own = formAimedAtB();
        own.put("operator", a.operatorId().toString());
        List<String> done = new ArrayList<>();
        for (Route r : portalRoutes()) {
            // ending one's own other sessions is self-service, not an action on anyone's data
            if (r.pattern().equals("/portal/account/end-other-sessions")) continue;
            String path = r.pattern().replace("{kid}", a.kid()).replace("{username}", "a-admin")
                    .replace("{entry}", "1").replace("{id}", UUID.randomUUID().toString()).replace("{action}", "approve");
            if (r.method().equals("GET")) {
                HttpResponse<String> page = send(aReadOnly, r, path, own);
                if (page.statusCode() == 200) {
                    assertThat(postForms(page.body())).as("action forms on " + path).allMatch(a -> a.equals("/portal/logout")
                            || a.equals("/portal/account/end-other-sessions"));
                }
                continue;
            }
            HttpResponse<String> res = send(aReadOnly, r, path, own);
            if (res.statusCode() != 403 && res.statusCode() != 404) done.add(res.statusCode() + " POST " + path);
        }
        assertThat(done).as("actions a read-only user performed").isEmpty();
        assertThat(world.jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:a-reader'").query(Long.class).single()).isZero();
        assertThat(world.jdbc.sql("SELECT count(*) FROM kill_switches WHERE created_by = 'portal:a-reader'").query(Long.class).single()).isZero();
    }

    @Test
    void a_user_without_a_second_factor_reaches_only_enrolment() {
        world.users.create("a-new", PortalWorld.PASSWORD, PortalRole.OPERATOR_ADMIN, a.operatorId(), "test");
        PortalHttp fresh = new PortalHttp(world.server);
        fresh.get("/portal/login");
        HttpResponse<String> login = fresh.post("/portal/login", Map.of("username", "a-new", "password", PortalWorld.PASSWORD, "code", ""));
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/enrol"));
        assertThat(fresh.get("/portal/enrol").statusCode()).isEqualTo(200);
        Map<String, String> own = formAimedAtB();
        own.put("operator", a.operatorId().toString());
        for (Route r : portalRoutes()) {
            String path = r.pattern().replace("{kid}", a.kid()).replace("{username}", "a-new").replace("{entry}", "1")
                    .replace("{id}", UUID.randomUUID().toString()).replace("{action}", "approve");
            fresh.get("/portal/enrol");
            HttpResponse<String> res = r.method().equals("GET") ? fresh.get(path) : fresh.post(path, own);
            assertThat(res.statusCode()).as(r.method() + " " + path).isEqualTo(403);
        }
    }

    @Test
    void a_form_posted_without_its_csrf_token_is_refused_and_changes_nothing() {
        platform.get("/portal/banners");
        HttpResponse<String> forged = platform.postWithoutCsrf("/portal/banners/post",
                Map.of("operator", a.operatorId().toString(), "message", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(world.jdbc.sql("SELECT count(*) FROM incident_banners WHERE message = 'forged'").query(Long.class).single()).isZero();
        HttpResponse<String> real = platform.post("/portal/banners/post", Map.of("operator", a.operatorId().toString(), "message", "real one"));
        assertThat(real.statusCode()).isEqualTo(200);
        assertThat(world.jdbc.sql("SELECT posted_by FROM incident_banners WHERE message = 'real one'").query(String.class).single()).isEqualTo("portal:root");
    }

    @Test
    void the_lottery_desk_approves_and_suspends_a_banca_for_platform_admins_only() {
        var bancas = world.server.running.context().getBean(dev.yantra.lottery.bancas.Bancas.class);
        UUID id = bancas.create(new dev.yantra.lottery.bancas.Bancas.NewBanca("Banca Portal", "131246797", "http://localhost:1/banca",
                "ops@banca-portal.example", null, null), "test").id();
        assertThat(aAdmin.get("/portal/lottery").statusCode()).as("the lottery is the platform's").isEqualTo(404);
        HttpResponse<String> desk = platform.get("/portal/lottery");
        assertThat(desk.statusCode()).isEqualTo(200);
        assertThat(desk.body()).contains("Banca Portal").contains("pending");
        HttpResponse<String> ask = platform.post("/portal/lottery/bancas/" + id + "/approve", Map.of());
        assertThat(ask.body()).as("a confirmation first").contains("first signing secret");
        assertThat(world.jdbc.sql("SELECT status FROM bancas WHERE id = ?").param(id).query(String.class).single()).isEqualTo("pending");
        HttpResponse<String> approved = platform.post("/portal/lottery/bancas/" + id + "/approve", Map.of("confirm", "yes"));
        assertThat(approved.body()).contains("banca-secret");
        platform.get("/portal/lottery");
        platform.post("/portal/lottery/bancas/" + id + "/suspend", Map.of("reason", "audit pending", "confirm", "yes"));
        assertThat(world.jdbc.sql("SELECT status FROM bancas WHERE id = ?").param(id).query(String.class).single()).isEqualTo("suspended");
        assertThat(world.jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:root' AND action IN ('banca.approve', 'banca.suspend')")
                .query(Long.class).single()).isEqualTo(2);
        assertThat(platform.get("/portal/lottery/plays?q=TICKET-NONE").body()).contains("Nothing found");
    }

    /** What of operator B a portal action could change. */
    static Map<String, Object> bState() {
        UUID b = DemoProvisioner.OPERATOR_ID;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("halts", world.jdbc.sql("SELECT count(*) FROM kill_switches WHERE operator_id = ? OR operator_id IS NULL").param(b).query(Long.class).single());
        s.put("banners", world.jdbc.sql("SELECT count(*) FROM incident_banners WHERE operator_id = ?").param(b).query(Long.class).single());
        s.put("breaker", world.jdbc.sql("SELECT count(*) FROM breaker_overrides WHERE operator_id = ?").param(b).query(Long.class).single());
        s.put("credentials", world.jdbc.sql("SELECT string_agg(kid || ':' || coalesce(revoked_at::text, '-'), ',' ORDER BY kid) FROM operator_credentials WHERE operator_id = ?")
                .param(b).query(String.class).single());
        s.put("configs", world.jdbc.sql("SELECT string_agg(config::text, ',') FROM operator_game_configs WHERE operator_id = ?").param(b).query(String.class).single());
        s.put("job", world.jdbc.sql("SELECT completed_at IS NULL FROM pending_wallet_jobs WHERE id = ?").param(bJob).query(Boolean.class).single());
        s.put("users", world.jdbc.sql("SELECT string_agg(username || ':' || (disabled_at IS NULL) || ':' || (totp_sealed IS NOT NULL), ',') FROM portal_users WHERE operator_id = ?")
                .param(b).query(String.class).single());
        s.put("settings", world.jdbc.sql("SELECT count(*) FROM runtime_settings").query(Long.class).single());
        return s;
    }

    static List<String> postForms(String html) {
        List<String> actions = new ArrayList<>();
        Matcher m = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\"|<form[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"").matcher(html);
        while (m.find()) actions.add(m.group(1) != null ? m.group(1) : m.group(2));
        return actions;
    }
}
