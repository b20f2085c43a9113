package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.testing.Yantra;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Results and prizes end to end: plays bought over HTTP and confirmed by the real demo banca, the draw closed by
 * the node's scheduler, the result entered over the admin API or the CLI, the prizes read back from the plays API
 * and from the player ledger.
 */
class ResultsAndPrizesEndToEndTest {
    static final long DEPOSIT_UNITS = 1_000;
    static LotteryHubFixture hub;

    @BeforeAll
    static void start() {
        hub = new LotteryHubFixture();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** One scripted play: its own player, and the prize (in units) it must win before and after the correction. */
    record Case(String betType, String numbers, int amount, long prize, long prizeAfterCorrection,
                LotteryHubFixture.Player player, UUID playId) {
        Case bought(LotteryHubFixture.Player p, UUID id) {
            return new Case(betType, numbers, amount, prize, prizeAfterCorrection, p, id);
        }
    }

    static Case c(String betType, String numbers, int amount, long prize, long prizeAfterCorrection) {
        return new Case(betType, numbers, amount, prize, prizeAfterCorrection, null, null);
    }

    @Test
    void every_bet_type_is_paid_the_tables_amount_once_and_a_correction_reverses_and_recredits_with_an_audit_trail() {
        UUID draw = hub.openDraw(Duration.ofMinutes(10));
        // result 12-34-56 / 123, corrected later to 34-12-56 / 123 (multipliers: the default table)
        List<Case> cases = List.of(
                c("quiniela", "[\"12\"]", 10, 600, 80),        // 1st x60, then 2nd x8
                c("quiniela", "[\"34\"]", 10, 80, 600),        // 2nd, then 1st
                c("quiniela", "[\"56\"]", 10, 40, 40),         // 3rd x4 both times
                c("quiniela", "[\"99\"]", 10, 0, 0),
                c("pale", "[\"12\",\"34\"]", 1, 1000, 1000),   // 1st+2nd x1000
                c("pale", "[\"34\",\"12\"]", 1, 1000, 1000),   // any order
                c("pale", "[\"12\",\"56\"]", 1, 1000, 100),    // 1st+3rd x1000, then 2nd+3rd x100
                c("pale", "[\"56\",\"34\"]", 1, 100, 1000),    // 2nd+3rd, then 1st+3rd
                c("pale", "[\"12\",\"99\"]", 1, 0, 0),
                c("tripleta", "[\"12\",\"34\",\"56\"]", 2, 40000, 40000),  // all three x20000
                c("tripleta", "[\"56\",\"12\",\"77\"]", 2, 200, 200),      // two of three x100
                c("tripleta", "[\"12\",\"77\",\"88\"]", 2, 0, 0),
                c("pega3", "[\"1\",\"2\",\"3\"]", 10, 5000, 5000),         // exact x500
                c("pega3", "[\"3\",\"2\",\"1\"]", 10, 0, 0),
                c("straight", "[\"1\",\"2\",\"3\"]", 10, 5000, 5000),
                c("toca3", "[\"3\",\"1\",\"2\"]", 10, 800, 800),           // six-way box x80
                c("box", "[\"3\",\"2\",\"1\"]", 10, 800, 800));
        List<Case> plays = buyAndConfirm(draw, cases);
        closeByScheduler(draw);

        HttpResponse<String> set = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result", LotteryHubFixture.ADMIN,
                "{\"first\":\"12\",\"second\":\"34\",\"third\":\"56\",\"pick3\":\"123\"}", Map.of());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(201);
        assertThat(Json.parse(set.body()).get("settlement").get("evaluated").asInt()).isEqualTo(cases.size());
        assertThat(drawState(draw)).isEqualTo("SETTLED");

        for (Case p : plays) {
            JsonNode read = Json.parse(hub.call("GET", "/api/v1/plays/" + p.playId(), p.player().token(), null, Map.of()).body());
            assertThat(read.get("status").stringValue()).isEqualTo("confirmed");
            assertThat(read.get("result").stringValue()).as(p.toString()).isEqualTo(p.prize() > 0 ? "won" : "lost");
            assertThat(read.get("prizeAmount").decimalValue()).as(p.toString()).isEqualByComparingTo(BigDecimal.valueOf(p.prize()));
            assertThat(read.get("prizeStatus").stringValue()).isEqualTo(p.prize() > 0 ? "credited" : "none");
            assertThat(prizeCredits(p)).as(p.toString()).isEqualTo(p.prize() * 100_000);
            assertThat(hub.balanceMicro(p.player())).as(p.toString())
                    .isEqualTo((DEPOSIT_UNITS - p.amount() + p.prize()) * 100_000);
        }
        JsonNode listed = Json.parse(hub.call("GET", "/api/v1/plays/user/" + plays.get(0).player().id(), plays.get(0).player().token(),
                null, Map.of()).body());
        assertThat(listed.get(0).get("prizeStatus").stringValue()).isEqualTo("credited");
        JsonNode publicDraw = publicDraw(draw);
        assertThat(publicDraw.get("state").stringValue()).isEqualTo("settled");
        assertThat(publicDraw.get("result").toString()).isEqualTo("{\"first\":\"12\",\"second\":\"34\",\"third\":\"56\",\"pick3\":\"123\"}");

        // a second settlement run and a second entry change nothing
        long ledgerRows = ledgerRows(plays);
        Yantra.Run again = Yantra.run(hub.databaseUrl, "lottery", "result", "settle", "--draw", draw.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("settled 0 play(s)");
        assertThat(hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result", LotteryHubFixture.ADMIN,
                "{\"first\":\"01\",\"second\":\"02\",\"third\":\"03\",\"pick3\":\"123\"}", Map.of()).statusCode()).isEqualTo(409);
        assertThat(ledgerRows(plays)).isEqualTo(ledgerRows);

        // the correction: reversing entries and new credits for the changed prizes only, never a rewrite
        Yantra.Run corrected = Yantra.run(hub.databaseUrl, "lottery", "result", "correct", "--draw", draw.toString(),
                "--numbers", "34,12,56", "--pick3", "123", "--reason", "1st and 2nd were swapped on entry");
        assertThat(corrected.exit()).as(corrected.err()).isZero();
        int changed = 0;
        for (Case p : plays) {
            assertThat(hub.balanceMicro(p.player())).as(p.toString())
                    .isEqualTo((DEPOSIT_UNITS - p.amount() + p.prizeAfterCorrection()) * 100_000);
            JsonNode read = Json.parse(hub.call("GET", "/api/v1/plays/" + p.playId(), p.player().token(), null, Map.of()).body());
            assertThat(read.get("prizeAmount").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(p.prizeAfterCorrection()));
            long reversals = ledgerSum(p, "prize-correction:" + p.playId() + ":2");
            if (p.prize() != p.prizeAfterCorrection()) {
                changed++;
                assertThat(reversals).as(p.toString()).isEqualTo(-p.prize() * 100_000);
                assertThat(ledgerSum(p, "prize:" + p.playId())).isEqualTo(p.prize() * 100_000);   // the old credit stays
                assertThat(ledgerSum(p, "prize:" + p.playId() + ":2")).isEqualTo(p.prizeAfterCorrection() * 100_000);
            } else {
                assertThat(reversals).as(p.toString()).isZero();
            }
        }
        assertThat(changed).isEqualTo(4);
        assertThat(hub.jdbc().sql("SELECT reason FROM admin_audit_log WHERE action = 'lottery.result.correct' AND subject = ?")
                .param("draw:" + draw).query(String.class).list()).containsExactly("1st and 2nd were swapped on entry");
        assertThat(hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action = 'player.adjust' AND subject = ANY(CAST(? AS text[]))")
                .param("{" + String.join(",", plays.stream().map(p -> "player:" + p.player().id()).toList()) + "}")
                .query(Long.class).single()).isEqualTo(4);
        assertThat(publicDraw(draw).get("result").get("first").stringValue()).isEqualTo("34");
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "result", "correct", "--draw", draw.toString(), "--numbers", "34,12,56",
                "--pick3", "123", "--reason", "again").exit()).isEqualTo(1);
        long afterCorrection = ledgerRows(plays);
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "result", "settle", "--draw", draw.toString()).exit()).isZero();
        assertThat(ledgerRows(plays)).isEqualTo(afterCorrection);
    }

    @Test
    void with_four_eyes_a_second_admin_confirms_and_a_prize_above_the_threshold_waits_for_approval() {
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "result", "four-eyes", "--lottery", LotteryHubFixture.LOTTERY,
                "--required", "true").exit()).isZero();
        hub.jdbc().sql("UPDATE lotteries SET prize_approval_threshold_micro = ? WHERE id = ?")
                .params(1_000 * 100_000L, LotteryHubFixture.LOTTERY).update();
        try {
            UUID draw = hub.openDraw(Duration.ofMinutes(10));
            // result 12-34-56 / 112: the three-way boxes win
            List<Case> plays = buyAndConfirm(draw, List.of(
                    c("toca3", "[\"1\",\"2\",\"1\"]", 10, 1600, 1600),   // three-way x160, above the threshold of 1,000
                    c("box", "[\"2\",\"1\",\"1\"]", 5, 800, 800)));       // three-way x160, under it
            Case big = plays.get(0);
            Case small = plays.get(1);
            closeByScheduler(draw);

            HttpResponse<String> set = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result", LotteryHubFixture.ADMIN,
                    "{\"first\":\"12\",\"second\":\"34\",\"third\":\"56\",\"pick3\":\"112\"}", Map.of());
            assertThat(set.statusCode()).as(set.body()).isEqualTo(201);
            assertThat(Json.parse(set.body()).get("released").asBoolean()).isFalse();
            assertThat(drawState(draw)).isEqualTo("RESULTED");
            assertThat(publicDraw(draw).has("result")).isFalse();
            assertThat(prizeCredits(small)).isZero();
            HttpResponse<String> sameAdmin = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result/confirm",
                    LotteryHubFixture.ADMIN, null, Map.of());
            assertThat(sameAdmin.statusCode()).isEqualTo(409);
            assertThat(sameAdmin.body()).contains("four_eyes");

            // a correction before the confirmation does not release the result
            HttpResponse<String> fixed = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result/correct", LotteryHubFixture.ADMIN,
                    "{\"first\":\"12\",\"second\":\"34\",\"third\":\"65\",\"pick3\":\"112\",\"reason\":\"3rd misread\"}", Map.of());
            assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
            assertThat(Json.parse(fixed.body()).get("released").asBoolean()).isFalse();
            assertThat(prizeCredits(small)).isZero();
            Yantra.Run confirmed = Yantra.run(hub.databaseUrl, "lottery", "result", "confirm", "--draw", draw.toString());
            assertThat(confirmed.exit()).as(confirmed.err()).isZero();
            assertThat(drawState(draw)).isEqualTo("SETTLED");
            assertThat(prizeCredits(small)).isEqualTo(800 * 100_000L);
            JsonNode waiting = Json.parse(hub.call("GET", "/api/v1/plays/" + big.playId(), big.player().token(), null, Map.of()).body());
            assertThat(waiting.get("result").stringValue()).isEqualTo("won");
            assertThat(waiting.get("prizeStatus").stringValue()).isEqualTo("awaiting_approval");
            assertThat(prizeCredits(big)).isZero();

            Yantra.Run approved = Yantra.run(hub.databaseUrl, "lottery", "prize", "approve", "--play", big.playId().toString());
            assertThat(approved.exit()).as(approved.err()).isZero();
            assertThat(prizeCredits(big)).isEqualTo(1600 * 100_000L);
            assertThat(hub.balanceMicro(big.player())).isEqualTo((DEPOSIT_UNITS - 10 + 1600) * 100_000);
            HttpResponse<String> twice = hub.call("POST", "/v1/admin/lottery/plays/" + big.playId() + "/approve-prize",
                    LotteryHubFixture.ADMIN, null, Map.of());
            assertThat(twice.statusCode()).isEqualTo(409);
            assertThat(prizeCredits(big)).isEqualTo(1600 * 100_000L);
            assertThat(Json.parse(hub.call("GET", "/api/v1/plays/" + big.playId(), big.player().token(), null, Map.of()).body())
                    .get("prizeStatus").stringValue()).isEqualTo("credited");
            assertThat(hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action = 'lottery.prize.approve' AND subject = ?")
                    .param("play:" + big.playId()).query(Long.class).single()).isEqualTo(1);
            JsonNode shown = Json.parse(hub.call("GET", "/v1/admin/lottery/draws/" + draw + "/result", LotteryHubFixture.ADMIN, null,
                    Map.of()).body());
            assertThat(shown.get("confirmedBy").stringValue()).isEqualTo("cli:" + System.getProperty("user.name"));
            assertThat(shown.get("enteredBy").stringValue()).isNotEqualTo(shown.get("confirmedBy").stringValue());
            HttpResponse<String> off = hub.call("PUT", "/v1/admin/lottery/lotteries/" + LotteryHubFixture.LOTTERY + "/four-eyes",
                    LotteryHubFixture.ADMIN, "{\"required\":false}", Map.of());
            assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
            assertThat(hub.jdbc().sql("SELECT results_four_eyes FROM lotteries WHERE id = ?").param(LotteryHubFixture.LOTTERY)
                    .query(Boolean.class).single()).isFalse();
            assertThat(hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action = 'lottery.results.four_eyes'")
                    .query(Long.class).single()).isEqualTo(2);
        } finally {
            hub.jdbc().sql("UPDATE lotteries SET results_four_eyes = false, prize_approval_threshold_micro = NULL WHERE id = ?")
                    .param(LotteryHubFixture.LOTTERY).update();
        }
    }

    @Test
    void a_draw_left_resulted_by_an_interrupted_settlement_is_settled_by_the_leaders_sweep() {
        UUID draw = hub.openDraw(Duration.ofMinutes(10));
        List<Case> plays = buyAndConfirm(draw, List.of(c("quiniela", "[\"12\"]", 10, 600, 600), c("pale", "[\"56\",\"12\"]", 1, 1000, 1000)));
        closeByScheduler(draw);
        // the entry committed, then the node died before settling: the result is there, the draw RESULTED
        hub.jdbc().sql("INSERT INTO draw_results (draw_id, first, second, third, pick3, entered_by) VALUES (?, '12', '34', '56', '123', 'test')")
                .param(draw).update();
        hub.jdbc().sql("UPDATE draws SET state = 'RESULTED' WHERE id = ? AND state = 'CLOSED'").param(draw).update();

        await("the draw settled by the sweep", Duration.ofSeconds(30), () -> drawState(draw).equals("SETTLED"));
        for (Case p : plays) {
            assertThat(prizeCredits(p)).as(p.toString()).isEqualTo(p.prize() * 100_000);
        }
        assertThat(hub.jdbc().sql("SELECT moved_by FROM draw_transitions WHERE draw_id = ? AND to_state = 'SETTLED'").param(draw)
                .query(String.class).list()).containsExactly("settlement-sweep");
    }

    @Test
    void concurrent_settlement_runs_from_the_api_and_the_sweep_pay_each_prize_once() throws Exception {
        UUID draw = hub.openDraw(Duration.ofMinutes(10));
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6; i++) cases.add(c("quiniela", "[\"12\"]", 1 + i, 60L * (1 + i), 0));
        List<Case> plays = buyAndConfirm(draw, cases);
        closeByScheduler(draw);
        hub.jdbc().sql("INSERT INTO draw_results (draw_id, first, second, third, pick3, entered_by) VALUES (?, '12', '34', '56', '123', 'test')")
                .param(draw).update();
        hub.jdbc().sql("UPDATE draws SET state = 'RESULTED' WHERE id = ? AND state = 'CLOSED'").param(draw).update();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/settle", LotteryHubFixture.ADMIN, null, Map.of())));
            }
            int evaluated = 0;
            for (var f : runs) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                evaluated += Json.parse(r.body()).get("evaluated").asInt();
            }
            assertThat(evaluated).isLessThanOrEqualTo(plays.size());
        } finally {
            pool.shutdownNow();
        }
        await("the draw settled", Duration.ofSeconds(30), () -> drawState(draw).equals("SETTLED"));
        for (Case p : plays) {
            assertThat(prizeCredits(p)).as(p.toString()).isEqualTo(p.prize() * 100_000);
            assertThat(hub.jdbc().sql("SELECT count(*) FROM player_ledger WHERE user_id = ? AND kind = 'prize_credit'")
                    .param(p.player().id()).query(Long.class).single()).isEqualTo(1);
        }
    }

    @Test
    void a_malformed_result_is_refused_with_a_clear_error_and_changes_nothing() {
        UUID draw = hub.openDraw(Duration.ofMinutes(10));
        closeByScheduler(draw);
        HttpResponse<String> bad = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result", LotteryHubFixture.ADMIN,
                "{\"first\":\"1\",\"second\":\"34\",\"third\":\"56\",\"pick3\":\"123\"}", Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid_result", "two digits");
        Yantra.Run noPick3 = Yantra.run(hub.databaseUrl, "lottery", "result", "set", "--draw", draw.toString(), "--numbers", "12,34,56");
        assertThat(noPick3.exit()).isEqualTo(64);
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "result", "set", "--draw", draw.toString(), "--numbers", "12,34").exit())
                .isEqualTo(64);
        assertThat(drawState(draw)).isEqualTo("CLOSED");
        Yantra.Run ok = Yantra.run(hub.databaseUrl, "lottery", "result", "set", "--draw", draw.toString(), "--numbers", "07,07,99",
                "--pick3", "000");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(drawState(draw)).isEqualTo("SETTLED");   // no plays: settled at once; repeats are allowed
    }

    List<Case> buyAndConfirm(UUID draw, List<Case> cases) {
        List<Case> bought = new ArrayList<>();
        for (Case c : cases) {
            LotteryHubFixture.Player p = hub.player(DEPOSIT_UNITS);
            String body = playBody(UUID.randomUUID(), p.id(), c.betType(), c.numbers(), String.valueOf(c.amount()))
                    .replace("\"payment\"", "\"drawId\":\"" + draw + "\",\"payment\"");
            HttpResponse<String> r = hub.buy(p, body);
            assertThat(r.statusCode()).as(c + " " + r.body()).isEqualTo(201);
            bought.add(c.bought(p, UUID.fromString(Json.parse(r.body()).get("playId").stringValue())));
        }
        for (Case c : bought) {
            await("play " + c + " confirmed", Duration.ofSeconds(30), () -> hub.status(c.playId()).equals("CONFIRMED"));
        }
        return bought;
    }

    /** Brings the cut-off forward; the node's own draw scheduler closes the draw. */
    void closeByScheduler(UUID draw) {
        hub.jdbc().sql("UPDATE draws SET closes_at = now() WHERE id = ?").param(draw).update();
        await("the draw closed by the scheduler", Duration.ofSeconds(15), () -> drawState(draw).equals("CLOSED"));
    }

    String drawState(UUID draw) {
        return hub.jdbc().sql("SELECT state FROM draws WHERE id = ?").param(draw).query(String.class).single();
    }

    JsonNode publicDraw(UUID draw) {
        JsonNode list = Json.parse(hub.call("GET", "/api/v1/lotteries/" + LotteryHubFixture.LOTTERY + "/draws?from="
                + java.time.Instant.now().minus(Duration.ofHours(1)) + "&to=" + java.time.Instant.now().plus(Duration.ofHours(2)),
                null, null, Map.of()).body());
        for (JsonNode d : list) {
            if (d.get("id").stringValue().equals(draw.toString())) return d;
        }
        throw new AssertionError("draw " + draw + " not in the public list " + list);
    }

    long prizeCredits(Case p) {
        return hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM player_ledger WHERE user_id = ? AND kind = 'prize_credit'")
                .param(p.player().id()).query(Long.class).single();
    }

    long ledgerSum(Case p, String key) {
        return hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM player_ledger WHERE user_id = ? AND idempotency_key = ?")
                .params(p.player().id(), key).query(Long.class).single();
    }

    long ledgerRows(List<Case> plays) {
        long n = 0;
        for (Case p : plays) {
            n += hub.jdbc().sql("SELECT count(*) FROM player_ledger WHERE user_id = ?").param(p.player().id()).query(Long.class).single();
        }
        return n;
    }
}
