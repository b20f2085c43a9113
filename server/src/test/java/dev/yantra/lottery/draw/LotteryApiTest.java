package dev.yantra.lottery.draw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.lottery.catalog.LotterySeed;
import dev.yantra.testing.TestServer;
import dev.yantra.testing.Yantra;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The public catalog and draws through real HTTP on a real node, whose own scheduler makes the draws. */
class LotteryApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start();
        new LotterySeed(server.running.database().jdbc()).seedDemo();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && openDraws(LotterySeed.RAPIDA) == 0) Thread.sleep(100);
    }

    private static int openDraws(String lottery) {
        return server.running.database().jdbc().sql("SELECT count(*) FROM draws WHERE lottery_id = :l AND state = 'OPEN'")
                .param("l", lottery).query(Integer.class).single();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    @Test
    void the_catalog_lists_every_seeded_lottery_in_camel_case_with_its_next_draws_and_no_token() {
        HttpResponse<String> r = server.get("/api/v1/lotteries");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.isArray()).isTrue();
        List<String> ids = new ArrayList<>();
        body.forEach(l -> ids.add(l.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("la-primera", "leidsa", "loteka", "nacional", "real", LotterySeed.RAPIDA);
        JsonNode rapida = null;
        for (JsonNode l : body) if (l.get("id").asText().equals(LotterySeed.RAPIDA)) rapida = l;
        assertThat(rapida.get("timeZone").asText()).isEqualTo("America/Santo_Domingo");
        assertThat(rapida.get("closeMinutes").asInt()).isEqualTo(1);
        assertThat(rapida.get("hasPick3").asBoolean()).isTrue();
        assertThat(rapida.get("betTypes").toString()).contains("\"quiniela\"", "\"pega3\"");
        assertThat(rapida.get("payoutTable").get("quiniela").get("first").asInt()).isEqualTo(60);
        assertThat(rapida.get("minAmount").toString()).isEqualTo("1");
        JsonNode next = rapida.get("nextDraws");
        assertThat(next.size()).isEqualTo(LotteryApiController.NEXT_DRAWS);
        JsonNode first = next.get(0);
        assertThat(first.get("state").asText()).isEqualTo("open");
        Instant drawTime = Instant.parse(first.get("drawTime").asText());
        Instant closesAt = Instant.parse(first.get("closesAt").asText());
        assertThat(Duration.between(closesAt, drawTime)).isEqualTo(Duration.ofMinutes(1));
        assertThat(drawTime).isAfter(Instant.now());
        assertThat(first.has("result")).as("no result is published before results exist").isFalse();
        assertThat(first.has("draw_time")).isFalse();
    }

    @Test
    void a_lotterys_draws_in_a_window_come_back_oldest_first() {
        Instant from = Instant.now();
        Instant to = from.plus(Duration.ofMinutes(30));
        HttpResponse<String> r = server.get("/api/v1/lotteries/" + LotterySeed.RAPIDA + "/draws?from=" + from + "&to=" + to);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode draws = json(r);
        assertThat(draws.size()).isBetween(9, 10);
        Instant previous = Instant.MIN;
        for (JsonNode d : draws) {
            Instant t = Instant.parse(d.get("drawTime").asText());
            assertThat(t).isAfterOrEqualTo(from).isBefore(to).isAfter(previous);
            previous = t;
            assertThat(UUID.fromString(d.get("id").asText())).isNotNull();
            assertThat(d.get("lotteryId").asText()).isEqualTo(LotterySeed.RAPIDA);
        }
        HttpResponse<String> leidsa = server.get("/api/v1/lotteries/leidsa/draws");
        assertThat(leidsa.statusCode()).isEqualTo(200);
        assertThat(json(leidsa).size()).isBetween(1, 3);
    }

    @Test
    void an_unknown_lottery_is_404_and_a_bad_window_is_400_with_a_reason() {
        HttpResponse<String> unknown = server.get("/api/v1/lotteries/no-such/draws");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("lottery_not_found");
        HttpResponse<String> bad = server.get("/api/v1/lotteries/leidsa/draws?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).isEqualTo("invalid_request");
        assertThat(json(bad).get("message").asText()).contains("from");
        HttpResponse<String> wide = server.get("/api/v1/lotteries/leidsa/draws?from=2026-01-01&to=2026-03-01");
        assertThat(wide.statusCode()).isEqualTo(400);
        HttpResponse<String> backwards = server.get("/api/v1/lotteries/leidsa/draws?from=2026-01-02&to=2026-01-01");
        assertThat(backwards.statusCode()).isEqualTo(400);
    }

    @Test
    void health_reports_the_draw_scheduler_and_the_node_is_ready() {
        HttpResponse<String> health = server.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("checks").get("database").asText()).isEqualTo("ok");
        assertThat(json(health).get("checks").get("drawScheduler").asText()).isEqualTo("ok");
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        JsonNode detail = json(server.get("/readyz")).get("detail").get("drawScheduler");
        assertThat(detail.get("role").asText()).isEqualTo("leader");
    }

    @Test
    void the_cli_lists_the_catalog_and_a_lotterys_draws_and_cancels_a_draw() {
        String url = server.env.databaseUrl().orElseThrow();
        Yantra.Run list = Yantra.run(url, "lottery", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("leidsa", "demo-rapida", "America/Santo_Domingo", "6 lotteries");

        Yantra.Run draws = Yantra.run(url, "lottery", "draws", "--lottery", LotterySeed.RAPIDA, "--json");
        assertThat(draws.exit()).isZero();
        JsonNode first = Json.parse(draws.out()).get(0);
        String drawId = first.get("id").asText();

        Yantra.Run cancel = Yantra.run(url, "lottery", "draw", "cancel", "--draw", drawId, "--reason", "test of the CLI");
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("cancelled");
        Yantra.Run again = Yantra.run(url, "lottery", "draw", "cancel", "--draw", drawId, "--reason", "again");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("CANCELLED");
        assertThat(Yantra.run(url, "lottery", "draw", "cancel", "--draw", "nope", "--reason", "x").exit()).isEqualTo(64);
        assertThat(Yantra.run(url, "lottery", "draws", "--lottery", "no-such").exit()).isEqualTo(1);
        assertThat(Yantra.run(url, "lottery", "draw", "cancel", "--draw", drawId).exit()).isEqualTo(64);
    }
}
