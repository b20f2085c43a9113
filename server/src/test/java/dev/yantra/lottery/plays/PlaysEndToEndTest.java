package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Plays through real HTTP, forwarded to the real demo banca, answered by its real webhooks. */
class PlaysEndToEndTest {
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

    static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    UUID playId(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return UUID.fromString(json(r).get("playId").stringValue());
    }

    @Test
    void the_original_systems_scenarios_hold_with_a_real_token() {
        LotteryHubFixture.Player a = hub.player(1_000);
        UUID requestId = UUID.randomUUID();
        String body = playBody(requestId, a.id(), "quiniela", "[\"05\"]", "\"12.50\"");
        HttpResponse<String> created = hub.buy(a, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("status").stringValue()).isEqualTo("pending");
        UUID playId = playId(created);

        // same requestId (differently formatted, same canonical body) -> same play
        HttpResponse<String> again = hub.buy(a, body.replace(",", ", "));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(playId(again)).isEqualTo(playId);

        HttpResponse<String> mismatched = hub.call("POST", "/api/v1/plays", a.token(),
                playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"05\"]", "10"), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(mismatched.statusCode()).isEqualTo(400);
        assertThat(hub.buy(null, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"05\"]", "10")).statusCode()).isEqualTo(401);
        assertThat(hub.call("GET", "/api/v1/plays/" + UUID.randomUUID(), a.token(), null, Map.of()).statusCode()).isEqualTo(404);
        HttpResponse<String> list = hub.call("GET", "/api/v1/plays/user/" + a.id(), a.token(), null, Map.of());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).isArray()).isTrue();
        assertThat(json(list).get(0).get("playId").stringValue()).isEqualTo(playId.toString());

        await("the play confirmed by the banca", Duration.ofSeconds(20), () -> hub.status(playId).equals("CONFIRMED"));
        JsonNode read = json(hub.call("GET", "/api/v1/plays/" + playId, a.token(), null, Map.of()));
        assertThat(read.get("status").stringValue()).isEqualTo("confirmed");
        assertThat(read.get("ticketCode").stringValue()).isEqualTo(hub.banca.ledger().byRequestId(requestId).orElseThrow().ticketCode());
        assertThat(hub.balanceMicro(a)).isEqualTo(98_750_000L);
    }

    @Test
    void bad_plays_are_refused_with_their_codes_and_leave_nothing_behind() {
        LotteryHubFixture.Player a = hub.player(100);
        assertThat(hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"5\"]", "10")).statusCode()).isEqualTo(400);
        assertThat(json(hub.buy(a, playBody(UUID.randomUUID(), a.id(), "pale", "[\"05\",\"05\"]", "10"))).get("error").stringValue())
                .isEqualTo("invalid_numbers");
        assertThat(hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"05\"]", "\"1.234\"")).statusCode()).isEqualTo(400);
        assertThat(hub.buy(a, playBody(UUID.randomUUID(), UUID.randomUUID(), "quiniela", "[\"05\"]", "10")).statusCode()).isEqualTo(403);
        HttpResponse<String> poor = hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"05\"]", "500"));
        assertThat(poor.statusCode()).isEqualTo(422);
        assertThat(json(poor).get("error").stringValue()).isEqualTo("insufficient_funds");
        HttpResponse<String> card = hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"05\"]", "10").replace("\"wallet\"", "\"card\""));
        // the fixture has the Stripe stand-in: a card play below the card minimum (DOP 50) is refused before anything is written
        assertThat(json(card).get("error").stringValue()).isEqualTo("amount_below_card_minimum");
        assertThat(hub.balanceMicro(a)).isEqualTo(100 * 100_000L);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM plays WHERE user_id = ?").param(a.id()).query(Long.class).single()).isZero();
    }

    @Test
    void players_are_isolated_from_each_others_plays() {
        LotteryHubFixture.Player a = hub.player(100);
        LotteryHubFixture.Player b = hub.player(100);
        UUID requestId = UUID.randomUUID();
        UUID playId = playId(hub.buy(a, playBody(requestId, a.id(), "quiniela", "[\"07\"]", "10")));
        assertThat(hub.call("GET", "/api/v1/plays/user/" + a.id(), b.token(), null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(hub.call("GET", "/api/v1/plays/" + playId, b.token(), null, Map.of()).statusCode()).isEqualTo(404);
        HttpResponse<String> reused = hub.buy(b, playBody(requestId, b.id(), "quiniela", "[\"07\"]", "10"));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(json(reused).get("error").stringValue()).isEqualTo("idempotency_key_reused");
        assertThat(reused.body()).doesNotContain(playId.toString());
    }

    @Test
    void twenty_concurrent_identical_requests_make_one_play_and_one_debit() throws Exception {
        LotteryHubFixture.Player a = hub.player(100);
        String body = playBody(UUID.randomUUID(), a.id(), "pale", "[\"12\",\"34\"]", "5");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) all.add(pool.submit((Callable<HttpResponse<String>>) () -> hub.buy(a, body)));
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Future<HttpResponse<String>> f : all) ids.add(playId(f.get()).toString());
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(hub.balanceMicro(a)).isEqualTo(95 * 100_000L);
    }

    @Test
    void webhooks_are_checked_in_order_deduplicated_and_a_contradiction_is_409() {
        LotteryHubFixture.Player a = hub.player(100);
        // the banca answers 202 and never sends its own webhook: we play the banca's part
        hub.banca.changeFaults(Map.of("syncRate", 0.0, "lostWebhooks", 1.0));
        UUID requestId = UUID.randomUUID();
        UUID playId = playId(hub.buy(a, playBody(requestId, a.id(), "quiniela", "[\"33\"]", "10")));
        await("the 202", Duration.ofSeconds(20), () -> hub.status(playId).equals("AWAITING_WEBHOOK"));

        String rejection = "{\"requestId\":\"" + requestId + "\",\"playIdBanca\":null,\"ticketCode\":null,\"status\":\"rejected\",\"reason\":\"sold out\"}";
        // quick, before the node's own status check (1.5 s after the 202 in this fixture) can answer first
        assertThat(hub.webhook(rejection, "not-the-secret-of-anyone", hub.now()).statusCode()).isEqualTo(401);
        assertThat(hub.status(playId)).as("a forged webhook moves nothing").isEqualTo("AWAITING_WEBHOOK");
        HttpResponse<String> applied = hub.webhook(rejection, hub.bancaSecret, hub.now());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(hub.status(playId)).isEqualTo("REJECTED");
        assertThat(hub.balanceMicro(a)).isEqualTo(100 * 100_000L);     // refunded

        assertThat(hub.webhook(rejection, null, hub.now()).statusCode()).isEqualTo(401);                       // no signature
        assertThat(hub.webhook(rejection, hub.bancaSecret, null).statusCode()).isEqualTo(400);                 // no timestamp
        assertThat(hub.webhook(rejection, "not-the-secret-of-anyone", hub.now()).statusCode()).isEqualTo(401);
        String old = dev.yantra.signing.BancaSignature.formatTimestamp(Instant.now().minusSeconds(600));
        String ahead = dev.yantra.signing.BancaSignature.formatTimestamp(Instant.now().plusSeconds(600));
        assertThat(hub.webhook(rejection, hub.bancaSecret, old).statusCode()).isEqualTo(400);
        assertThat(hub.webhook(rejection, hub.bancaSecret, ahead).statusCode()).isEqualTo(400);
        assertThat(hub.webhook("{\"requestId\":\"" + UUID.randomUUID() + "\",\"status\":\"rejected\",\"ticketCode\":null}",
                hub.bancaSecret, hub.now()).statusCode()).isEqualTo(404);
        assertThat(hub.webhook("{\"requestId\":42}", hub.bancaSecret, hub.now()).statusCode()).isEqualTo(400);
        HttpResponse<String> huge = hub.webhook("{\"pad\":\"" + "x".repeat(70_000) + "\"}", hub.bancaSecret, hub.now());
        assertThat(huge.statusCode()).as("above 64 KiB, refused before its signature is looked at").isEqualTo(413);
        assertThat(huge.body()).contains("body_too_large");
        assertThat(hub.status(playId)).as("no refused webhook moved the play").isEqualTo("REJECTED");

        // another banca's valid webhook about this banca's play is 404
        JsonNode other = hub.admin("POST", "/v1/admin/bancas",
                "{\"name\":\"Other Banca " + UUID.randomUUID().toString().substring(0, 8) + "\",\"rnc\":\"101000001\",\"endpointUrl\":\"http://localhost:9\",\"contact\":\"o@x.example\"}");
        String otherSecret = hub.admin("POST", "/v1/admin/bancas/" + other.get("id").stringValue() + "/approve", null)
                .get("credential").get("secret").stringValue();
        assertThat(hub.webhook(rejection, otherSecret, hub.now()).statusCode()).isEqualTo(404);

        assertThat(hub.webhook(rejection, hub.bancaSecret, hub.now()).statusCode()).isEqualTo(200);   // duplicate
        String confirmation = "{\"requestId\":\"" + requestId + "\",\"playIdBanca\":\"B-1\",\"ticketCode\":\"T-1\",\"status\":\"confirmed\"}";
        assertThat(hub.webhook(confirmation, hub.bancaSecret, hub.now()).statusCode()).isEqualTo(409);
        assertThat(hub.status(playId)).isEqualTo("REJECTED");
        assertThat(hub.balanceMicro(a)).isEqualTo(100 * 100_000L);
        assertThat(hub.jdbc().sql("SELECT outcome FROM webhook_events WHERE play_id = ? ORDER BY received_at").param(playId)
                .query(String.class).list()).containsExactly("applied", "duplicate", "conflict");
        assertThat(hub.jdbc().sql("SELECT needs_attention FROM plays WHERE id = ?").param(playId).query(Boolean.class).single()).isTrue();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM webhook_refusals").query(Long.class).single()).isPositive();
    }

    @Test
    void a_banca_outage_rejects_no_play_and_after_it_each_play_is_registered_once() {
        LotteryHubFixture.Player a = hub.player(100);
        hub.banca.changeFaults(Map.of("down", true));
        UUID requestId = UUID.randomUUID();
        UUID playId = playId(hub.buy(a, playBody(requestId, a.id(), "quiniela", "[\"44\"]", "10")));
        await("failed tries against the down banca", Duration.ofSeconds(20), () -> hub.jdbc()
                .sql("SELECT count(*) FROM banca_calls WHERE play_id = ?").param(playId).query(Long.class).single() >= 2);
        String breaker = hub.bancaId.toString();
        await("the banca's breaker open", Duration.ofSeconds(20),
                () -> hub.forwarding().breakers().state(breaker) == dev.yantra.breaker.CounterpartyBreakers.State.OPEN);
        assertThat(hub.status(playId)).isEqualTo("QUEUED");
        hub.banca.changeFaults(Map.of("down", false));
        await("the play confirmed after the outage", Duration.ofSeconds(60), () -> hub.status(playId).equals("CONFIRMED"));
        await("the breaker closed again", Duration.ofSeconds(10),
                () -> hub.forwarding().breakers().state(breaker) == dev.yantra.breaker.CounterpartyBreakers.State.CLOSED);
        assertThat(hub.banca.ledger().rowsFor(requestId)).isEqualTo(1);
        assertThat(hub.balanceMicro(a)).isEqualTo(90 * 100_000L);
    }

    @Test
    void a_play_not_confirmed_when_its_draw_closes_fails_and_is_refunded() {
        LotteryHubFixture.Player a = hub.player(100);
        UUID draw = hub.openDraw(Duration.ofSeconds(3));
        hub.banca.changeFaults(Map.of("down", true));
        String body = playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"55\"]", "10").replace("\"betType\"", "\"drawId\":\"" + draw + "\",\"betType\"");
        UUID playId = playId(hub.buy(a, body));
        assertThat(hub.balanceMicro(a)).isEqualTo(90 * 100_000L);
        await("the fail-safe", Duration.ofSeconds(20), () -> hub.status(playId).equals("FAILED"));
        assertThat(hub.balanceMicro(a)).isEqualTo(100 * 100_000L);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM pending_banca_jobs WHERE play_id = ? AND completed_at IS NULL")
                .param(playId).query(Long.class).single()).isZero();
        HttpResponse<String> late = hub.buy(a, body.replace(body.substring(14, 50), UUID.randomUUID().toString()));
        assertThat(json(late).get("error").stringValue()).isEqualTo("draw_closed");
    }

    @Test
    void a_player_cancels_a_play_before_it_is_forwarded_and_gets_the_money_back() {
        LotteryHubFixture.Player a = hub.player(100);
        hub.forwarding().breakers().force(hub.bancaId.toString(), dev.yantra.breaker.CounterpartyBreakers.Mode.FORCE_OPEN);
        try {
            UUID playId = playId(hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"66\"]", "10")));
            HttpResponse<String> cancelled = hub.call("POST", "/api/v1/plays/" + playId + "/cancel", a.token(), null, Map.of());
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            assertThat(json(cancelled).get("status").stringValue()).isEqualTo("cancelled");
            assertThat(hub.balanceMicro(a)).isEqualTo(100 * 100_000L);
        } finally {
            hub.forwarding().breakers().force(hub.bancaId.toString(), dev.yantra.breaker.CounterpartyBreakers.Mode.AUTO);
        }
    }

    @Test
    void a_number_liability_cap_lets_exactly_one_of_two_concurrent_plays_through() throws Exception {
        UUID draw = hub.openDraw(Duration.ofHours(1));
        // quiniela's liability basis is 60 + 8 + 4 = 72 per unit: one play of 5 is 360, two are 720
        hub.admin("PATCH", "/v1/admin/bancas/" + hub.bancaId, "{\"numberLiabilityCap\":\"700\"}");
        try {
            List<LotteryHubFixture.Player> players = List.of(hub.player(100), hub.player(100));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (LotteryHubFixture.Player p : players) {
                String body = playBody(UUID.randomUUID(), p.id(), "quiniela", "[\"77\"]", "5")
                        .replace("\"betType\"", "\"drawId\":\"" + draw + "\",\"betType\"");
                answers.add(pool.submit((Callable<HttpResponse<String>>) () -> hub.buy(p, body)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : answers) statuses.add(f.get().statusCode());
            pool.shutdown();
            assertThat(statuses).containsExactlyInAnyOrder(201, 422);
            assertThat(players.stream().mapToLong(hub::balanceMicro).sum()).isEqualTo(195 * 100_000L);
        } finally {
            hub.admin("PATCH", "/v1/admin/bancas/" + hub.bancaId, "{\"numberLiabilityCap\":\"1000000\"}");
        }
    }

    @Test
    void the_money_adds_up_after_many_plays_with_duplicated_reordered_and_wrongly_signed_webhooks() {
        hub.banca.changeFaults(Map.of("syncRate", 0.5, "confirmRate", 0.8, "duplicateWebhooks", 0.5, "reorderWebhooks", true,
                "wrongSecretWebhooks", 0.2));
        List<LotteryHubFixture.Player> players = new ArrayList<>();
        for (int i = 0; i < 5; i++) players.add(hub.player(500));
        List<UUID> plays = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            LotteryHubFixture.Player p = players.get(i % players.size());
            plays.add(playId(hub.buy(p, playBody(UUID.randomUUID(), p.id(), "quiniela", "[\"" + String.format("%02d", i) + "\"]", "3"))));
        }
        hub.banca.changeFaults(Map.of("reorderWebhooks", false));   // sends what it still holds
        await("every play final", Duration.ofSeconds(90), () -> plays.stream().map(hub::status)
                .allMatch(s -> s.equals("CONFIRMED") || s.equals("REJECTED")));
        for (LotteryHubFixture.Player p : players) {
            long held = hub.jdbc().sql("""
                            SELECT coalesce(sum(amount_micro), 0) FROM plays
                            WHERE user_id = ? AND status IN ('QUEUED', 'AWAITING_WEBHOOK', 'CONFIRMED')""")
                    .param(p.id()).query(Long.class).single();
            assertThat(hub.balanceMicro(p)).as("ledger of " + p.id()).isEqualTo(500 * 100_000L - held);
        }
        List<Map<String, Object>> confirmed = hub.jdbc().sql("SELECT request_id, ticket_code FROM plays WHERE id = ANY(?) AND status = 'CONFIRMED'")
                .param(plays.toArray(new UUID[0])).query().listOfRows();
        assertThat(confirmed).isNotEmpty();
        for (Map<String, Object> row : confirmed) {
            UUID requestId = (UUID) row.get("request_id");
            assertThat(hub.banca.ledger().rowsFor(requestId)).isEqualTo(1);
            assertThat(hub.banca.ledger().byRequestId(requestId).orElseThrow().ticketCode()).isEqualTo(row.get("ticket_code"));
        }
        // the banca really did send duplicates (half of its webhooks, over about 15 asynchronous plays); a duplicate
        // may arrive after the play it repeats is already final, so wait for one rather than sample once
        await("a duplicated webhook recorded", Duration.ofSeconds(30), () -> hub.jdbc()
                .sql("SELECT count(*) FROM webhook_events WHERE outcome = 'duplicate' AND play_id = ANY(?)")
                .param(plays.toArray(new UUID[0])).query(Long.class).single() > 0);
        // no play was moved twice: at most one applied webhook per play, and nothing contradicted
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM (SELECT play_id FROM webhook_events WHERE outcome = 'applied' AND play_id = ANY(?)
                                              GROUP BY play_id HAVING count(*) > 1) x""")
                .param(plays.toArray(new UUID[0])).query(Long.class).single()).isZero();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM plays WHERE id = ANY(?) AND needs_attention").param(plays.toArray(new UUID[0]))
                .query(Long.class).single()).isZero();
    }

    @Test
    void the_lottery_metrics_exist_per_banca_and_health_reports_the_banca_queue() {
        LotteryHubFixture.Player a = hub.player(100);
        UUID playId = playId(hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"88\"]", "2")));
        await("confirmed", Duration.ofSeconds(20), () -> hub.status(playId).equals("CONFIRMED"));
        String banca = "banca=\"" + hub.bancaId + "\"";
        await("the gauges' next refresh", Duration.ofSeconds(15), () -> hub.call("GET", "/metrics", null, null, Map.of()).body()
                .contains("pending_banca_jobs{" + banca));
        String metrics = hub.call("GET", "/metrics", null, null, Map.of()).body();
        assertThat(metrics).contains("plays_status_total{status=\"confirmed\"}", "plays_pending{age=\"<5m\"," + banca,
                "pending_banca_jobs_oldest_age_seconds{" + banca, "banca_call_latency_ms_count{" + banca + ",outcome=\"confirmed\"}",
                "webhook_requests_total{outcome=\"applied\",source=\"banca\"}", "webhook_signature_failures_total{banca=\"unknown\"}",
                "banca_circuit_breaker_state{" + banca + "} 0.0");
        JsonNode health = json(hub.call("GET", "/health", null, null, Map.of()));
        assertThat(health.get("checks").get("bancaQueue").stringValue()).isEqualTo("ok");
        assertThat(health.get("checks").get("database").stringValue()).isEqualTo("ok");
    }

    @Test
    void a_players_daily_limit_and_self_exclusion_stop_plays_and_leave_the_money_alone() {
        LotteryHubFixture.Player a = hub.player(100);
        dev.yantra.lottery.player.PlayerLimits limits = hub.node.context().getBean(dev.yantra.lottery.player.PlayerLimits.class);
        limits.setDailyLimit(a.id(), "DOP", 15 * 100_000L);
        assertThat(hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"21\"]", "10")).statusCode()).isEqualTo(201);
        HttpResponse<String> over = hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"22\"]", "10"));
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(json(over).get("error").stringValue()).isEqualTo("player_limit_reached");
        assertThat(hub.balanceMicro(a)).isEqualTo(90 * 100_000L);
        limits.setSelfExclusion(a.id(), Instant.now().plus(Duration.ofDays(30)));
        HttpResponse<String> excluded = hub.buy(a, playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"23\"]", "1"));
        assertThat(excluded.statusCode()).isEqualTo(403);
        assertThat(json(excluded).get("error").stringValue()).isEqualTo("player_excluded");
    }
    @Test
    void an_accepted_play_whose_webhook_never_comes_is_settled_by_the_status_check() {
        LotteryHubFixture.Player a = hub.player(100);
        hub.banca.changeFaults(Map.of("syncRate", 0.0, "lostWebhooks", 1.0));
        UUID requestId = UUID.randomUUID();
        UUID playId = playId(hub.buy(a, playBody(requestId, a.id(), "quiniela", "[\"31\"]", "10")));
        await("the status check's confirmation", Duration.ofSeconds(30), () -> hub.status(playId).equals("CONFIRMED"));
        // the 202 carried the banca's play id, so the check asked the status endpoint
        assertThat(hub.jdbc().sql("SELECT kind || ':' || completion FROM pending_banca_jobs WHERE play_id = ? ORDER BY created_at")
                .param(playId).query(String.class).list()).containsExactly("REGISTER:BANCA", "STATUS:BANCA");
        assertThat(hub.jdbc().sql("SELECT endpoint FROM banca_calls WHERE play_id = ? ORDER BY created_at").param(playId)
                .query(String.class).list()).containsExactly("register", "status");
        assertThat(hub.banca.ledger().rowsFor(requestId)).isEqualTo(1);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM webhook_events WHERE play_id = ?").param(playId).query(Long.class).single()).isZero();
    }
}
