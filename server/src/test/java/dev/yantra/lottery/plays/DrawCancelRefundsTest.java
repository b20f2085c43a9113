package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An admin cancels a draw: every play that still holds money is cancelled and refunded, once, with its jobs closed. */
class DrawCancelRefundsTest {
    static LotteryHubFixture hub;

    @BeforeAll
    static void start() {
        hub = new LotteryHubFixture();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @AfterEach
    void clearFaults() {
        hub.banca.setFaults(hub.banca.clearedFaults());
    }

    private UUID buy(LotteryHubFixture.Player p, UUID draw, String number) {
        String body = playBody(UUID.randomUUID(), p.id(), "quiniela", "[\"" + number + "\"]", "10")
                .replace("\"betType\"", "\"drawId\":\"" + draw + "\",\"betType\"");
        HttpResponse<String> r = hub.buy(p, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(Json.parse(r.body()).get("playId").stringValue());
    }

    private long refunds(UUID playId) {
        return hub.jdbc().sql("SELECT count(*) FROM player_ledger WHERE idempotency_key = ?").param("refund:" + playId)
                .query(Long.class).single();
    }

    @Test
    void cancelling_a_draw_refunds_confirmed_awaiting_and_queued_plays_in_one_go_and_closes_their_jobs() {
        UUID draw = hub.openDraw(Duration.ofHours(2));
        LotteryHubFixture.Player a = hub.player(100);
        long before = hub.balanceMicro(a);

        UUID confirmed = buy(a, draw, "01");
        await("the first play confirmed", Duration.ofSeconds(20), () -> hub.status(confirmed).equals("CONFIRMED"));

        hub.banca.changeFaults(Map.of("syncRate", 0.0, "lostWebhooks", 1.0));
        UUID awaiting = buy(a, draw, "02");
        await("the second play accepted (202)", Duration.ofSeconds(20), () -> hub.status(awaiting).equals("AWAITING_WEBHOOK"));
        hub.banca.changeFaults(Map.of("down", true));   // its status check and the next register now fail and retry
        UUID queued = buy(a, draw, "03");
        await("the third play tried at least once", Duration.ofSeconds(20), () -> hub.jdbc()
                .sql("SELECT count(*) FROM banca_calls WHERE play_id = ?").param(queued).query(Long.class).single() > 0);
        assertThat(hub.status(queued)).isEqualTo("QUEUED");
        assertThat(hub.balanceMicro(a)).isEqualTo(before - 3 * 10 * 100_000L);

        JsonNode cancelled = hub.admin("POST", "/v1/admin/lottery/draws/" + draw + "/cancel", "{\"reason\":\"studio power cut\"}");
        assertThat(cancelled.get("playsCancelled").asInt()).isEqualTo(3);
        assertThat(cancelled.get("confirmedRefunded").asInt()).isEqualTo(1);
        assertThat(cancelled.get("jobsClosed").asInt()).isGreaterThanOrEqualTo(1);

        for (UUID p : List.of(confirmed, awaiting, queued)) {
            assertThat(hub.status(p)).as("play " + p).isEqualTo("CANCELLED");
            assertThat(refunds(p)).as("refunds of " + p).isEqualTo(1);
        }
        assertThat(hub.balanceMicro(a)).isEqualTo(before);
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM pending_banca_jobs j JOIN plays p ON p.id = j.play_id
                        WHERE p.draw_id = ? AND j.completed_at IS NULL""").param(draw).query(Long.class).single()).isZero();
        assertThat(hub.jdbc().sql("SELECT sum(liability_micro) FROM play_liability WHERE draw_id = ?").param(draw)
                .query(Long.class).single()).isZero();
        assertThat(hub.jdbc().sql("SELECT new_value FROM admin_audit_log WHERE action = 'lottery.draw.cancel' AND subject = ?")
                .param("draw:" + draw).query(String.class).single()).contains("\"playsCancelled\":3");
        HttpResponse<String> read = hub.call("GET", "/api/v1/plays/" + confirmed, a.token(), null, Map.of());
        assertThat(Json.parse(read.body()).get("status").stringValue()).isEqualTo("cancelled");

        // idempotent: a second cancel is refused and moves no money
        HttpResponse<String> again = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/cancel", LotteryHubFixture.ADMIN,
                "{\"reason\":\"again\"}", Map.of());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(hub.balanceMicro(a)).isEqualTo(before);
        hub.banca.changeFaults(Map.of("down", false));
        hub.forwarding().sweepNow();
        assertThat(hub.balanceMicro(a)).isEqualTo(before);
        assertThat(hub.status(confirmed)).isEqualTo("CANCELLED");
    }

    @Test
    void a_rejected_play_of_a_cancelled_draw_is_not_refunded_a_second_time() {
        UUID draw = hub.openDraw(Duration.ofHours(2));
        LotteryHubFixture.Player a = hub.player(100);
        long before = hub.balanceMicro(a);
        hub.banca.changeFaults(Map.of("forceReject", true));
        UUID rejected = buy(a, draw, "44");
        await("the play rejected", Duration.ofSeconds(20), () -> hub.status(rejected).equals("REJECTED"));
        JsonNode cancelled = hub.admin("POST", "/v1/admin/lottery/draws/" + draw + "/cancel", "{\"reason\":\"duplicate draw\"}");
        assertThat(cancelled.get("playsCancelled").asInt()).isZero();
        assertThat(hub.status(rejected)).isEqualTo("REJECTED");
        assertThat(refunds(rejected)).isEqualTo(1);
        assertThat(hub.balanceMicro(a)).isEqualTo(before);
    }

    @Test
    void the_cancel_api_wants_a_reason_and_a_known_draw() {
        UUID draw = hub.openDraw(Duration.ofHours(2));
        assertThat(hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/cancel", LotteryHubFixture.ADMIN, "{}", Map.of()).statusCode())
                .isEqualTo(400);
        assertThat(hub.call("POST", "/v1/admin/lottery/draws/" + UUID.randomUUID() + "/cancel", LotteryHubFixture.ADMIN,
                "{\"reason\":\"x\"}", Map.of()).statusCode()).isEqualTo(404);
        assertThat(hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/cancel", null, "{\"reason\":\"x\"}", Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(hub.jdbc().sql("SELECT state FROM draws WHERE id = ?").param(draw).query(String.class).single()).isEqualTo("OPEN");
    }
}
