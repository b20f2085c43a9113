package dev.yantra.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.yantra.demo.DemoProvisioner;
import dev.yantra.gameconfig.GameConfigStore;
import dev.yantra.games.GameRegistry;
import dev.yantra.operator.CredentialStore;
import dev.yantra.testing.Chromium;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The playbooks' mitigations done through the portal in a real headless Chromium, by a platform admin who logged
 * in with password and TOTP — revert a config, revoke a credential, post a banner (then seen by /play's state),
 * halt and resume bets, force a breaker and set it back, complete a stuck job by hand — each checked in the
 * database and the audit log; and a 1280x800 screenshot of every page (target/portal-screenshots/).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalMitigationsBrowserTest {
    static final UUID OP = DemoProvisioner.OPERATOR_ID;
    static PortalWorld world;
    static Chromium chromium;
    static PortalBrowser browser;
    static UUID bet;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> binary = Chromium.find();
        assumeTrue(binary.isPresent(), "SKIPPED: chromium is not installed (scripts/test installs it)");
        world = new PortalWorld();
        chromium = Chromium.launch(binary.get());
        browser = new PortalBrowser(chromium, world.server);
        String secret = world.user("ops", PortalRole.PLATFORM_ADMIN, null);
        bet = world.settledBet("mitigation-player");
        browser.login("ops", PortalWorld.PASSWORD, secret);
        assertThat(browser.path()).isEqualTo("/portal");
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (world != null) world.close();
    }

    static long count(String sql, Object... params) {
        return world.jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Presses the confirmation page's button after checking it says what will happen. */
    static void confirm(String expectedText) throws Exception {
        assertThat(browser.text("#consequence")).contains(expectedText);
        browser.submit("confirm-form");
    }

    @Test
    @Order(1)
    void every_page_renders_for_a_platform_admin_and_is_photographed() throws Exception {
        UUID round = world.jdbc.sql("SELECT round_id FROM bets WHERE id = ?").param(bet).query(UUID.class).single();
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("dashboard", "/portal");
        pages.put("players", "/portal/players?player=mitigation-player");
        pages.put("bet", "/portal/bets/" + bet);
        pages.put("round", "/portal/rounds/" + round);
        pages.put("transactions", "/portal/transactions?player=mitigation-player");
        pages.put("reports", "/portal/reports");
        pages.put("configs", "/portal/configs");
        pages.put("credentials", "/portal/credentials");
        pages.put("jobs", "/portal/jobs");
        pages.put("levers", "/portal/levers");
        pages.put("banners", "/portal/banners");
        pages.put("audit", "/portal/audit");
        pages.put("users", "/portal/users");
        pages.put("account", "/portal/account");
        pages.put("lottery", "/portal/lottery");
        pages.put("lottery-plays", "/portal/lottery/plays?q=nobody");
        pages.put("lottery-draws", "/portal/lottery/draws");
        pages.put("lottery-stuck", "/portal/lottery/stuck");
        pages.put("lottery-limits", "/portal/lottery/limits");
        pages.put("lottery-payments", "/portal/lottery/payments");
        pages.put("lottery-approvals", "/portal/lottery/approvals");
        for (Map.Entry<String, String> p : pages.entrySet()) {
            browser.open(p.getValue());
            assertThat(browser.text("h1")).as(p.getValue()).isNotBlank().isNotIn("Not found", "Not allowed", "Not done", "Please log in");
            browser.screenshot(p.getKey());
        }
        assertThat(chromium.pageErrors()).as("script errors or CSP violations").isEmpty();
        browser.open("/portal/players?player=mitigation-player");
        assertThat(browser.bodyText()).contains(bet.toString());
        browser.open("/portal/bets/" + bet);
        assertThat(browser.bodyText()).as("the bet's wallet calls").contains("BET").contains("RS_OK");
    }

    @Test
    @Order(2)
    void a_config_change_is_reverted_with_one_click_and_a_confirmation() throws Exception {
        GameConfigStore configs = new GameConfigStore(world.jdbc, world.server.running.context().getBean(TransactionTemplate.class), GameRegistry.standard());
        configs.set(OP, DemoProvisioner.GAME_CODE, DemoProvisioner.CURRENCY, Map.of("commissionMicro", "4000"), true, "cli:someone", "a bad change");
        browser.open("/portal/configs");
        browser.submitBy("#history tbody tr:first-child form");
        browser.screenshot("confirm");
        confirm("back to 3000");
        assertThat(browser.text("#notice")).contains("reverted");
        assertThat(configs.get(OP, DemoProvisioner.GAME_CODE, DemoProvisioner.CURRENCY).config()).containsEntry("commissionMicro", "3000");
        assertThat(count("SELECT count(*) FROM operator_config_audit_log WHERE changed_by = 'portal:ops' AND field_name = 'commissionMicro' "
                + "AND old_value = '4000' AND new_value = '3000'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void a_leaked_credential_is_revoked() throws Exception {
        CredentialStore credentials = world.server.running.context().getBean(CredentialStore.class);
        String kid = credentials.issue(OP, CredentialStore.Kind.INBOUND, null, "test").credential().kid();
        browser.open("/portal/credentials");
        browser.fillBy("tr[data-kid='" + kid + "'] input.reason", "leaked in a ticket");
        browser.submitBy("tr[data-kid='" + kid + "'] button.revoke");
        confirm("refused");
        assertThat(browser.text("#notice")).isEqualTo(kid + " revoked");
        assertThat(credentials.get(kid).revokedAt()).isNotNull();
        assertThat(count("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:ops' AND subject LIKE '%' || ? || '%' AND action LIKE '%revoke%'", kid))
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void a_banner_posted_in_the_portal_is_what_play_shows() throws Exception {
        String token = world.session("banner-reader");
        browser.open("/portal/banners");
        browser.fill("banner-operator", OP.toString());
        browser.fill("banner-message", "Withdrawals are delayed; your balance is safe.");
        browser.submit("post-banner");
        assertThat(browser.text("#notice")).contains("is shown on /play");
        assertThat(world.state(token).path("incident").asString()).isEqualTo("Withdrawals are delayed; your balance is safe.");
        assertThat(count("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:ops' AND action = 'incident.post'")).isEqualTo(1);
        browser.submit("clear-banner");
        confirm("stop seeing");
        assertThat(world.state(token).path("incident").isNull() || world.state(token).path("incident").isMissingNode()).isTrue();
        assertThat(count("SELECT count(*) FROM incident_banners WHERE cleared_by = 'portal:ops'")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void bets_are_halted_and_resumed() throws Exception {
        browser.open("/portal/levers");
        browser.fill("halt-action", "halt");
        browser.fill("halt-scope", "BETS");
        browser.fill("halt-operator", OP.toString());
        browser.fill("halt-reason", "wallet incident");
        browser.submit("halt");
        confirm("stops taking bets");
        assertThat(browser.text("#notice")).contains("halt #");
        assertThat(count("SELECT count(*) FROM kill_switches WHERE operator_id = ? AND scope = 'BETS' AND cleared_at IS NULL AND created_by = 'portal:ops'", OP))
                .isEqualTo(1);
        String token = world.session("halted-player");
        PortalWorld.await("the halt reaches the bet path", 10_000, () -> {
            try {
                return !world.bet(token, "LOW").has("betId");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        browser.open("/portal/levers");
        browser.fill("halt-action", "resume");
        browser.fill("halt-scope", "BETS");
        browser.fill("halt-operator", OP.toString());
        browser.submit("halt");
        confirm("again");
        assertThat(count("SELECT count(*) FROM kill_switches WHERE operator_id = ? AND cleared_at IS NULL", OP)).isZero();
        assertThat(count("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:ops' AND action IN ('halt.bets', 'resume.bets')")).isEqualTo(2);
    }

    @Test
    @Order(6)
    void a_breaker_is_forced_open_and_given_back_to_automatic() throws Exception {
        for (String mode : List.of("force-open", "auto")) {
            browser.open("/portal/levers");
            browser.fill("breaker-operator", OP.toString());
            browser.fill("breaker-mode", mode);
            browser.submit("breaker");
            confirm("breaker of operator");
            if (mode.equals("force-open")) {
                assertThat(world.jdbc.sql("SELECT mode FROM breaker_overrides WHERE operator_id = ? AND set_by = 'portal:ops'").param(OP)
                        .query(String.class).single()).isEqualTo("FORCED_OPEN");
            }
        }
        assertThat(count("SELECT count(*) FROM breaker_overrides WHERE operator_id = ?", OP)).isZero();
        assertThat(count("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:ops' AND action = 'breaker.override'")).isEqualTo(2);
    }

    @Test
    @Order(7)
    void a_stuck_job_is_completed_by_hand_with_a_reason() throws Exception {
        UUID job = world.stuckRollbackJob("stuck-player");
        browser.open("/portal/jobs/" + job);
        browser.screenshot("job");
        browser.fill("complete-reason", "RS_ERROR_TRANSACTION_DOES_NOT_EXIST at the operator: the stake never left");
        browser.fillBy("#complete select[name=nothingMoved]", "true");
        browser.submit("complete");
        confirm("recorded as done by you");
        Map<String, Object> row = world.jdbc.sql("SELECT completion, completed_by, completion_reason FROM pending_wallet_jobs WHERE id = ?")
                .param(job).query().singleRow();
        assertThat(row.get("completion")).isEqualTo("MANUAL");
        assertThat(row.get("completed_by")).isEqualTo("portal:ops");
        assertThat(count("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:ops' AND action = 'job.complete' AND subject LIKE '%' || ? || '%'",
                job.toString())).isEqualTo(1);
        assertThat(world.jdbc.sql("SELECT b.state FROM bets b JOIN pending_wallet_jobs j ON j.bet_id = b.id WHERE j.id = ?").param(job)
                .query(String.class).single()).isIn("REJECTED", "REFUNDED");
    }
}
