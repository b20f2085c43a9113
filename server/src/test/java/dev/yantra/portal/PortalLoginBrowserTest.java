package dev.yantra.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.yantra.testing.Chromium;
import dev.yantra.testing.TestServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Logging in to /portal in a real headless Chromium on a real node and database: both factors, enrolment, lockout. */
class PortalLoginBrowserTest {
    static final String PASSWORD = "correct horse battery";
    static TestServer server;
    static Chromium chromium;
    static PortalBrowser browser;
    static PortalUsers users;
    static SecondFactor factor;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> binary = Chromium.find();
        assumeTrue(binary.isPresent(), "SKIPPED: chromium is not installed (scripts/test installs it)");
        server = TestServer.start();
        chromium = Chromium.launch(binary.get());
        browser = new PortalBrowser(chromium, server);
        users = server.running.context().getBean(PortalUsers.class);
        factor = server.running.context().getBean(SecondFactor.class);
        jdbc = server.running.context().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (server != null) server.close();
    }

    @BeforeEach
    void signedOut() throws Exception {
        browser.logout();
    }

    static String adminWithTotp(String name) {
        PortalUser u = users.create(name, PASSWORD, PortalRole.PLATFORM_ADMIN, null, "test");
        return factor.enrolNow(u.id(), u.username(), "test").secret();
    }

    @Test
    void a_platform_admin_logs_in_with_password_and_totp_and_sees_the_dashboard() throws Exception {
        String secret = adminWithTotp("alice");
        browser.open("/portal");
        assertThat(browser.bodyText()).contains("not logged in");
        browser.login("alice", PASSWORD, secret);
        assertThat(browser.path()).isEqualTo("/portal");
        assertThat(browser.text("h1")).isEqualTo("Dashboard");
        assertThat(browser.text("header .who")).contains("alice").contains("platform-admin");
        browser.screenshot("dashboard");
        assertThat(jdbc.sql("SELECT count(*) FROM portal_sessions WHERE principal_name = 'alice'").query(Long.class).single()).isEqualTo(1);
        browser.logout();
        assertThat(jdbc.sql("SELECT count(*) FROM portal_sessions WHERE principal_name = 'alice'").query(Long.class).single())
                .as("logout ends the session row").isZero();
    }

    @Test
    void the_same_totp_code_does_not_log_in_twice_and_a_wrong_one_fails() throws Exception {
        String secret = adminWithTotp("bob");
        browser.login("bob", PASSWORD, secret);
        assertThat(browser.path()).isEqualTo("/portal");
        browser.logout();
        browser.open("/portal/login");
        browser.fill("username", "bob");
        browser.fill("password", PASSWORD);
        browser.fill("code", "000000".equals(Totp.code(secret, Totp.step(java.time.Instant.now()))) ? "111111" : "000000");
        browser.submit("login");
        assertThat(browser.path()).isEqualTo("/portal/login?failed");
        browser.open("/portal");
        assertThat(browser.bodyText()).contains("not logged in");
    }

    @Test
    void a_user_without_totp_reaches_only_enrolment_then_enrols_and_gets_recovery_codes() throws Exception {
        users.create("carol", PASSWORD, PortalRole.PLATFORM_SUPPORT, null, "test");
        browser.login("carol", PASSWORD, null);
        assertThat(browser.path()).isEqualTo("/portal/enrol");
        browser.screenshot("enrol");
        String secret = browser.text("#secret");
        for (String path : new String[] {"/portal", "/portal/users", "/portal/audit"}) {
            browser.open(path);
            assertThat(browser.text("h1")).as(path).isEqualTo("Not allowed");
        }
        browser.open("/portal/enrol");
        assertThat(browser.text("#secret")).as("a reload shows the same pending secret").isEqualTo(secret);
        browser.fill("code", Totp.code(secret, Totp.step(java.time.Instant.now())));
        browser.submit("enrol");
        assertThat(browser.chromium.eval("document.querySelectorAll('#codes li').length").asInt()).isEqualTo(SecondFactor.RECOVERY_CODES);
        String recovery = browser.text("#codes li");
        browser.open("/portal");
        assertThat(browser.text("h1")).isEqualTo("Dashboard");
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:carol' AND action = 'portal.user.enrol-mfa'")
                .query(Long.class).single()).isEqualTo(1);

        browser.logout();
        browser.open("/portal/login");
        browser.fill("username", "carol");
        browser.fill("password", PASSWORD);
        browser.fill("code", recovery);
        browser.submit("login");
        assertThat(browser.path()).as("a recovery code stands in for the app once").isEqualTo("/portal");
        browser.logout();
        browser.open("/portal/login");
        browser.fill("username", "carol");
        browser.fill("password", PASSWORD);
        browser.fill("code", recovery);
        browser.submit("login");
        assertThat(browser.path()).isEqualTo("/portal/login?failed");
    }

    @Test
    void five_failed_logins_lock_the_user_even_against_the_right_password_and_code() throws Exception {
        String secret = adminWithTotp("dave");
        for (int i = 0; i < PortalUsers.MAX_FAILED_LOGINS; i++) {
            browser.login("dave", "wrong password " + i, secret);
            assertThat(browser.path()).isEqualTo("/portal/login?failed");
        }
        browser.screenshot("login-failed");
        browser.login("dave", PASSWORD, secret);
        assertThat(browser.path()).as("locked").isEqualTo("/portal/login?failed");
        assertThat(users.require("dave").lockedUntil()).isNotNull();
    }

    @Test
    void a_disabled_user_cannot_log_in_and_its_open_session_ends() throws Exception {
        String secret = adminWithTotp("erin");
        browser.login("erin", PASSWORD, secret);
        assertThat(browser.path()).isEqualTo("/portal");
        users.disable("erin", "test");
        browser.open("/portal");
        assertThat(browser.bodyText()).contains("not logged in");
        browser.login("erin", PASSWORD, secret);
        assertThat(browser.path()).isEqualTo("/portal/login?failed");
    }
}
