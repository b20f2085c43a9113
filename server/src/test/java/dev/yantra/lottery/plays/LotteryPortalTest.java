package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.lottery.results.Results;
import dev.yantra.portal.PortalHttp;
import dev.yantra.portal.PortalRole;
import dev.yantra.portal.PortalUser;
import dev.yantra.portal.PortalUsers;
import dev.yantra.portal.PortalWorld;
import dev.yantra.portal.SecondFactor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The portal's lottery desk over HTTP on a real node with the real demo banca: a result entered by one platform
 * admin and confirmed by another (four eyes) and its prize approved, a stuck play force-checked, withdrawals decided,
 * each checked in the database and the audit log. The force-check stops the node's forwarding, so it runs after the
 * results test, which needs the banca to confirm its play (the withdrawals test needs no forwarding).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LotteryPortalTest {
    static LotteryHubFixture hub;

    @BeforeAll
    static void start() {
        hub = new LotteryHubFixture();
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    static PortalHttp platformAdmin(String name) {
        PortalUser u = hub.node.context().getBean(PortalUsers.class).create(name, PortalWorld.PASSWORD, PortalRole.PLATFORM_ADMIN, null, "test");
        String secret = hub.node.context().getBean(SecondFactor.class).enrolNow(u.id(), u.username(), "test").secret();
        return PortalHttp.login(hub::url, name, PortalWorld.PASSWORD, secret);
    }

    String drawState(UUID draw) {
        return hub.jdbc().sql("SELECT state FROM draws WHERE id = ?").param(draw).query(String.class).single();
    }

    Map<String, Object> storedResult(UUID draw) {
        return hub.jdbc().sql("SELECT entered_by, confirmed_by, first, second, third, pick3 FROM draw_results WHERE draw_id = ?")
                .param(draw).query().singleRow();
    }

    long audited(String by, String action, String subject) {
        return hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = ? AND action = ? AND subject = ?")
                .params(by, action, subject).query(Long.class).single();
    }

    UUID buy(LotteryHubFixture.Player p, UUID draw, String numbers) {
        String body = playBody(UUID.randomUUID(), p.id(), "quiniela", numbers, "10").replace("\"payment\"", "\"drawId\":\"" + draw + "\",\"payment\"");
        HttpResponse<String> r = hub.buy(p, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(Json.parse(r.body()).get("playId").stringValue());
    }

    @Test
    @Order(1)
    void a_result_entered_in_the_portal_is_settled_only_once_a_different_platform_admin_confirms_it() {
        Results results = hub.node.context().getBean(Results.class);
        results.setFourEyes(LotteryHubFixture.LOTTERY, true, "test");
        // every prize waits for an approval, so the approvals page has one to release
        hub.jdbc().sql("UPDATE lotteries SET prize_approval_threshold_micro = 1 WHERE id = ?").param(LotteryHubFixture.LOTTERY).update();
        try {
            UUID draw = hub.openDraw(Duration.ofMinutes(10));
            LotteryHubFixture.Player player = hub.player(100);
            UUID play = buy(player, draw, "[\"12\"]");
            await("the play confirmed by the banca", Duration.ofSeconds(30), () -> hub.status(play).equals("CONFIRMED"));
            hub.jdbc().sql("UPDATE draws SET closes_at = now() WHERE id = ?").param(draw).update();
            await("the draw closed by the scheduler", Duration.ofSeconds(15), () -> drawState(draw).equals("CLOSED"));

            PortalHttp ana = platformAdmin("ana-results");
            PortalHttp ben = platformAdmin("ben-results");
            HttpResponse<String> page = ana.get("/portal/lottery/draws");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(draw.toString(), "Enter result");

            String path = "/portal/lottery/draws/" + draw + "/result";
            HttpResponse<String> malformed = ana.post(path, Map.of("numbers", "12,34", "pick3", "123", "confirm", "yes"));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("three two-digit numbers");
            HttpResponse<String> ask = ana.post(path, Map.of("numbers", "12,34,56", "pick3", "123"));
            assertThat(ask.statusCode()).isEqualTo(200);
            assertThat(ask.body()).contains("waits for a different platform user", "numbers 12-34-56 / 123");
            assertThat(hub.jdbc().sql("SELECT count(*) FROM draw_results WHERE draw_id = ?").param(draw).query(Long.class).single())
                    .as("nothing stored before the confirmation step").isZero();

            HttpResponse<String> entered = ana.post(path, Map.of("numbers", "12,34,56", "pick3", "123", "confirm", "yes"));
            assertThat(entered.statusCode()).as(entered.body()).isEqualTo(200);
            assertThat(entered.body()).contains("waiting for a different platform user");
            assertThat(drawState(draw)).isEqualTo("RESULTED");
            assertThat(storedResult(draw)).containsEntry("entered_by", "portal:ana-results").containsEntry("confirmed_by", null)
                    .containsEntry("first", "12").containsEntry("pick3", "123");
            assertThat(hub.jdbc().sql("SELECT result FROM plays WHERE id = ?").param(play).query(String.class).optional())
                    .as("not settled before the second pair of eyes").isEmpty();

            HttpResponse<String> self = ana.post("/portal/lottery/draws/" + draw + "/confirm", Map.of("confirm", "yes"));
            assertThat(self.statusCode()).isEqualTo(409);
            assertThat(self.body()).contains("a different admin must confirm it");
            assertThat(storedResult(draw)).containsEntry("confirmed_by", null);

            assertThat(ben.get("/portal/lottery/draws").body()).contains("waiting for a second user", "Confirm result");
            HttpResponse<String> preview = ben.post("/portal/lottery/draws/" + draw + "/confirm", Map.of());
            assertThat(preview.body()).contains("entered by portal:ana-results", "numbers 12-34-56 / 123");
            HttpResponse<String> confirmed = ben.post("/portal/lottery/draws/" + draw + "/confirm", Map.of("confirm", "yes"));
            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
            assertThat(confirmed.body()).contains("draw SETTLED");
            assertThat(drawState(draw)).isEqualTo("SETTLED");
            assertThat(storedResult(draw)).containsEntry("confirmed_by", "portal:ben-results");
            assertThat(hub.jdbc().sql("SELECT result FROM plays WHERE id = ?").param(play).query(String.class).single()).isEqualTo("won");

            assertThat(audited("portal:ana-results", "lottery.result.set", "draw:" + draw)).isEqualTo(1);
            assertThat(audited("portal:ben-results", "lottery.result.confirm", "draw:" + draw)).isEqualTo(1);
            assertThat(audited("portal:ana-results", "lottery.result.confirm", "draw:" + draw)).isZero();

            assertThat(prizeStatus(play)).isEqualTo("awaiting_approval");
            long balance = hub.balanceMicro(player);
            assertThat(ben.get("/portal/lottery/approvals").body()).contains(play.toString());
            HttpResponse<String> askPrize = ben.post("/portal/lottery/prizes/" + play + "/approve", Map.of());
            assertThat(askPrize.body()).contains("credited to the player", "awaiting_approval");
            assertThat(prizeStatus(play)).isEqualTo("awaiting_approval");
            HttpResponse<String> approved = ben.post("/portal/lottery/prizes/" + play + "/approve", Map.of("confirm", "yes"));
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(prizeStatus(play)).isEqualTo("credited");
            assertThat(hub.balanceMicro(player)).isGreaterThan(balance);
            assertThat(audited("portal:ben-results", "lottery.prize.approve", "play:" + play)).isEqualTo(1);
            assertThat(ben.post("/portal/lottery/prizes/" + play + "/approve", Map.of("confirm", "yes")).statusCode())
                    .as("a prize is credited once").isEqualTo(409);
        } finally {
            hub.jdbc().sql("UPDATE lotteries SET prize_approval_threshold_micro = NULL WHERE id = ?").param(LotteryHubFixture.LOTTERY).update();
            results.setFourEyes(LotteryHubFixture.LOTTERY, false, "test");
        }
    }

    @Test
    @Order(2)
    void a_stuck_play_force_checked_in_the_portal_is_settled_with_the_bancas_answer_and_audited() {
        hub.banca.changeFaults(Map.of("down", true));
        LotteryHubFixture.Player player = hub.player(100);
        UUID play = buy(player, hub.drawId, "[\"44\"]");
        await("a failed register try", Duration.ofSeconds(20), () ->
                hub.jdbc().sql("SELECT count(*) FROM banca_calls WHERE play_id = ?").param(play).query(Long.class).single() > 0);
        hub.forwarding().stop();
        assertThat(hub.status(play)).isEqualTo("QUEUED");
        hub.banca.setFaults(hub.banca.clearedFaults());
        // the page lists plays with no change for over ten minutes
        hub.jdbc().sql("UPDATE plays SET updated_at = now() - interval '11 minutes' WHERE id = ?").param(play).update();

        PortalHttp carla = platformAdmin("carla-desk");
        HttpResponse<String> page = carla.get("/portal/lottery/stuck");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(play.toString(), "Force-check");

        String path = "/portal/lottery/stuck/" + play + "/force-check";
        HttpResponse<String> ask = carla.post(path, Map.of());
        assertThat(ask.statusCode()).as(ask.body()).isEqualTo(200);
        assertThat(ask.body()).contains("dry run: would_re_register");
        assertThat(hub.status(play)).as("the dry run changes nothing").isEqualTo("QUEUED");

        HttpResponse<String> done = carla.post(path, Map.of("confirm", "yes"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("play " + play + ": confirmed");
        assertThat(hub.status(play)).isEqualTo("CONFIRMED");
        assertThat(hub.jdbc().sql("SELECT new_value FROM admin_audit_log WHERE changed_by = 'portal:carla-desk' AND action = "
                + "'lottery.play.force_check' AND subject = ?").param("play:" + play).query(String.class).single()).startsWith("CONFIRMED (confirmed");
        assertThat(hub.jdbc().sql("SELECT count(*) FROM lottery_reconciliation_runs WHERE run_by = 'portal:carla-desk' AND force_check")
                .query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> again = carla.post(path, Map.of("confirm", "yes"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("only a play still pending at its banca is force-checked");
        assertThat(audited("portal:carla-desk", "lottery.play.force_check", "play:" + play)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void withdrawals_are_approved_paid_and_rejected_from_the_portal_after_a_confirmation_each() {
        var withdrawals = hub.node.context().getBean(dev.yantra.lottery.withdrawals.Withdrawals.class);
        LotteryHubFixture.Player player = hub.player(100);
        long before = hub.balanceMicro(player);
        UUID paid = withdrawals.request(player.id(), UUID.randomUUID(), "DOP", 20 * 100_000L, "bank account 1234").withdrawal().id();
        UUID refused = withdrawals.request(player.id(), UUID.randomUUID(), "DOP", 30 * 100_000L, "bank account 1234").withdrawal().id();
        assertThat(hub.balanceMicro(player)).isEqualTo(before - 50 * 100_000L);

        PortalHttp dora = platformAdmin("dora-desk");
        assertThat(dora.get("/portal/lottery/approvals").body()).contains(paid.toString(), refused.toString());
        HttpResponse<String> ask = dora.post("/portal/lottery/withdrawals/" + refused + "/reject", Map.of("reason", "name does not match"));
        assertThat(ask.body()).contains("goes back to the player", "bank account 1234");
        assertThat(status(refused)).as("nothing before the confirmation").isEqualTo("requested");
        assertThat(dora.post("/portal/lottery/withdrawals/" + refused + "/reject", Map.of("reason", "name does not match", "confirm", "yes"))
                .statusCode()).isEqualTo(200);
        assertThat(dora.post("/portal/lottery/withdrawals/" + paid + "/approve", Map.of("confirm", "yes")).statusCode()).isEqualTo(200);
        HttpResponse<String> noReference = dora.post("/portal/lottery/withdrawals/" + paid + "/paid", Map.of("reference", " ", "confirm", "yes"));
        assertThat(noReference.statusCode()).isEqualTo(400);
        assertThat(dora.post("/portal/lottery/withdrawals/" + paid + "/paid", Map.of("reference", "TRF-778", "confirm", "yes"))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> twice = dora.post("/portal/lottery/withdrawals/" + refused + "/approve", Map.of("confirm", "yes"));
        assertThat(twice.statusCode()).isEqualTo(409);

        assertThat(status(refused)).isEqualTo("rejected");
        assertThat(status(paid)).isEqualTo("paid");
        assertThat(hub.balanceMicro(player)).as("the rejected amount is back").isEqualTo(before - 20 * 100_000L);
        assertThat(audited("portal:dora-desk", "lottery.withdrawal.reject", "withdrawal:" + refused)).isEqualTo(1);
        assertThat(audited("portal:dora-desk", "lottery.withdrawal.approve", "withdrawal:" + paid)).isEqualTo(1);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'portal:dora-desk'").query(Long.class).single())
                .isEqualTo(3);
    }

    String prizeStatus(UUID play) {
        return hub.jdbc().sql("SELECT prize_status FROM plays WHERE id = ?").param(play).query(String.class).single();
    }

    String status(UUID withdrawal) {
        return hub.jdbc().sql("SELECT status FROM withdrawals WHERE id = ?").param(withdrawal).query(String.class).single();
    }
}
