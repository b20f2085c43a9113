package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.testing.Yantra;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The money after the draw, end to end on a real node, real Postgres and the real demo banca: prize tax withheld
 * at settlement and returned by a correction, withdrawals requested by a player and decided by an admin over HTTP
 * and the CLI, and a banca's statement whose sums are those of the plays bought in the test.
 */
class PrizeTaxWithdrawalsAndStatementsEndToEndTest {
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

    /** A play bought in a test: who bought it, the stake and the bet. */
    record Bought(LotteryHubFixture.Player player, UUID playId, String amount) {
    }

    @Test
    void a_prize_is_credited_gross_with_its_tax_withheld_once_and_a_correction_returns_exactly_the_tax_taken() {
        HttpResponse<String> badRate = hub.call("PUT", "/v1/admin/lottery/lotteries/" + LotteryHubFixture.LOTTERY + "/prize-tax",
                LotteryHubFixture.ADMIN, "{\"rate\":100}", Map.of());
        assertThat(badRate.statusCode()).as(badRate.body()).isEqualTo(400);
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "prize", "tax", "--lottery", LotteryHubFixture.LOTTERY, "--rate", "12.345")
                .exit()).isEqualTo(64);
        HttpResponse<String> set = hub.call("PUT", "/v1/admin/lottery/lotteries/" + LotteryHubFixture.LOTTERY + "/prize-tax",
                LotteryHubFixture.ADMIN, "{\"rate\":\"10\",\"reason\":\"withholding on lottery prizes\"}", Map.of());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        try {
            assertThat(hub.jdbc().sql("SELECT old_value || ' -> ' || new_value FROM admin_audit_log WHERE action = 'lottery.prize.tax_rate'"
                    + " AND subject = ?").param("lottery:" + LotteryHubFixture.LOTTERY).query(String.class).list()).containsExactly("0.00 -> 10.00");
            UUID draw = hub.openDraw(Duration.ofMinutes(10));
            // result 12-34-56 / 123, corrected to 34-12-56 / 123
            Bought first = buy(draw, "quiniela", "[\"12\"]", "10");     // 600, tax 60; then 2nd: 80, tax 8
            Bought second = buy(draw, "quiniela", "[\"34\"]", "3");     // 24, tax 2.40; then 1st: 180, tax 18
            Bought third = buy(draw, "quiniela", "[\"56\"]", "1.37");   // 5.48, tax 0.548 -> 0.55 both times
            Bought loser = buy(draw, "quiniela", "[\"99\"]", "10");
            List<Bought> all = List.of(first, second, third, loser);
            confirmed(all);
            closeByScheduler(draw);
            HttpResponse<String> result = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result", LotteryHubFixture.ADMIN,
                    "{\"first\":\"12\",\"second\":\"34\",\"third\":\"56\",\"pick3\":\"123\"}", Map.of());
            assertThat(result.statusCode()).as(result.body()).isEqualTo(201);

            assertPrize(first, "600", "60", "540");
            assertPrize(second, "24", "2.40", "21.60");
            assertPrize(third, "5.48", "0.55", "4.93");
            assertPrize(loser, "0", "0", "0");
            assertThat(ledger(first, "prize:" + first.playId())).isEqualTo(micro("600"));
            assertThat(ledger(first, "tax:" + first.playId())).isEqualTo(micro("-60"));
            assertThat(kindSum(first, "tax_withholding")).isEqualTo(micro("-60"));
            assertThat(kindSum(loser, "tax_withholding")).isZero();
            assertThat(hub.balanceMicro(first.player())).isEqualTo(micro("1000") - micro("10") + micro("600") - micro("60"));
            assertThat(hub.balanceMicro(third.player())).isEqualTo(micro("1000") - micro("1.37") + micro("5.48") - micro("0.55"));

            long rows = rows(all);
            Yantra.Run again = Yantra.run(hub.databaseUrl, "lottery", "result", "settle", "--draw", draw.toString());
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(rows(all)).isEqualTo(rows);

            HttpResponse<String> corrected = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result/correct", LotteryHubFixture.ADMIN,
                    "{\"first\":\"34\",\"second\":\"12\",\"third\":\"56\",\"pick3\":\"123\",\"reason\":\"1st and 2nd swapped\"}", Map.of());
            assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
            assertPrize(first, "80", "8", "72");
            assertPrize(second, "180", "18", "162");
            assertPrize(third, "5.48", "0.55", "4.93");
            // the first credit and its tax stay; each is reversed by an adjustment, then the new prize and tax are written
            assertThat(ledger(first, "prize-correction:" + first.playId() + ":2")).isEqualTo(micro("-600"));
            assertThat(ledger(first, "tax-correction:" + first.playId() + ":2")).isEqualTo(micro("60"));
            assertThat(ledger(first, "prize:" + first.playId() + ":2")).isEqualTo(micro("80"));
            assertThat(ledger(first, "tax:" + first.playId() + ":2")).isEqualTo(micro("-8"));
            assertThat(hub.balanceMicro(first.player())).isEqualTo(micro("1000") - micro("10") + micro("80") - micro("8"));
            assertThat(hub.balanceMicro(second.player())).isEqualTo(micro("1000") - micro("3") + micro("180") - micro("18"));
            assertThat(hub.balanceMicro(third.player())).isEqualTo(micro("1000") - micro("1.37") + micro("5.48") - micro("0.55"));
            assertThat(ledger(third, "tax-correction:" + third.playId() + ":2")).isZero();
            assertThat(hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action = 'player.adjust' AND subject = ?")
                    .param("player:" + first.player().id()).query(Long.class).single()).isEqualTo(2);
            for (Bought b : all) {   // the wallet endpoint checks the cached balance against the ledger's sum
                assertThat(hub.call("GET", "/api/v1/users/" + b.player().id() + "/wallet", b.player().token(), null, Map.of()).statusCode())
                        .isEqualTo(200);
            }
        } finally {
            hub.jdbc().sql("UPDATE lotteries SET prize_tax_rate = 0 WHERE id = ?").param(LotteryHubFixture.LOTTERY).update();
        }
    }

    @Test
    void a_prize_waiting_for_approval_shows_its_tax_and_is_credited_net_of_it_when_approved() {
        hub.jdbc().sql("UPDATE lotteries SET prize_approval_threshold_micro = ? WHERE id = ?").params(micro("100"), LotteryHubFixture.LOTTERY).update();
        Yantra.Run rate = Yantra.run(hub.databaseUrl, "lottery", "prize", "tax", "--lottery", LotteryHubFixture.LOTTERY, "--rate", "12.5");
        assertThat(rate.exit()).as(rate.err()).isZero();
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "prize", "tax", "--lottery", LotteryHubFixture.LOTTERY).out()).contains("12.50 %");
        try {
            UUID draw = hub.openDraw(Duration.ofMinutes(10));
            Bought big = buy(draw, "quiniela", "[\"12\"]", "5");   // 300 > 100: waits; tax 37.50
            confirmed(List.of(big));
            closeByScheduler(draw);
            assertThat(hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result", LotteryHubFixture.ADMIN,
                    "{\"first\":\"12\",\"second\":\"34\",\"third\":\"56\",\"pick3\":\"123\"}", Map.of()).statusCode()).isEqualTo(201);
            JsonNode waiting = play(big);
            assertThat(waiting.get("prizeStatus").stringValue()).isEqualTo("awaiting_approval");
            assertThat(waiting.get("prizeTax").decimalValue()).isEqualByComparingTo("37.50");
            assertThat(hub.balanceMicro(big.player())).isEqualTo(micro("995"));
            HttpResponse<String> approved = hub.call("POST", "/v1/admin/lottery/plays/" + big.playId() + "/approve-prize",
                    LotteryHubFixture.ADMIN, null, Map.of());
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertPrize(big, "300", "37.50", "262.50");
            assertThat(ledger(big, "tax:" + big.playId())).isEqualTo(micro("-37.50"));
            assertThat(hub.balanceMicro(big.player())).isEqualTo(micro("995") + micro("300") - micro("37.50"));
        } finally {
            hub.jdbc().sql("UPDATE lotteries SET prize_tax_rate = 0, prize_approval_threshold_micro = NULL WHERE id = ?")
                    .param(LotteryHubFixture.LOTTERY).update();
        }
    }

    @Test
    void a_withdrawal_takes_the_money_at_request_returns_it_on_rejection_and_is_approved_and_recorded_as_paid() {
        LotteryHubFixture.Player p = hub.player(DEPOSIT_UNITS);
        LotteryHubFixture.Player other = hub.player(DEPOSIT_UNITS);
        String path = "/api/v1/users/" + p.id() + "/withdrawals";
        UUID requestId = UUID.randomUUID();
        String body = "{\"requestId\":\"%s\",\"amount\":\"300\",\"currency\":\"DOP\",\"destination\":\"Banreservas 960-123456-7\"}"
                .formatted(requestId);
        HttpResponse<String> requested = hub.call("POST", path, p.token(), body, Map.of());
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        UUID first = UUID.fromString(Json.parse(requested.body()).get("withdrawalId").stringValue());
        assertThat(Json.parse(requested.body()).get("status").stringValue()).isEqualTo("requested");
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("700"));

        // a retry changes nothing; the same requestId for something else, another player's account, too much: refused
        HttpResponse<String> retry = hub.call("POST", path, p.token(), body, Map.of());
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(Json.parse(retry.body()).get("withdrawalId").stringValue()).isEqualTo(first.toString());
        assertThat(hub.call("POST", path, p.token(), body.replace("\"300\"", "\"301\""), Map.of()).statusCode()).isEqualTo(409);
        assertThat(hub.call("POST", path, other.token(), body.replace(requestId.toString(), UUID.randomUUID().toString()), Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(hub.call("GET", "/api/v1/users/" + other.id() + "/withdrawals/" + first, other.token(), null, Map.of()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> tooMuch = hub.call("POST", path, p.token(), "{\"requestId\":\"%s\",\"amount\":800,\"currency\":\"DOP\",\"destination\":\"x\"}"
                .formatted(UUID.randomUUID()), Map.of());
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("insufficient_funds");
        assertThat(hub.call("POST", path, p.token(), "{\"requestId\":\"%s\",\"amount\":10,\"currency\":\"DOP\",\"destination\":\"  \"}"
                .formatted(UUID.randomUUID()), Map.of()).statusCode()).isEqualTo(400);
        // the pending 300 cannot be spent on a play: 700 is all there is
        HttpResponse<String> play = hub.buy(p, playBody(UUID.randomUUID(), p.id(), "quiniela", "[\"12\"]", "750"));
        assertThat(play.statusCode()).as(play.body()).isEqualTo(422);
        assertThat(play.body()).contains("insufficient_funds");
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("700"));
        assertThat(hub.jdbc().sql("SELECT count(*) FROM withdrawals WHERE user_id = ?").param(p.id()).query(Long.class).single()).isEqualTo(1);

        JsonNode queue = hub.admin("GET", "/v1/admin/withdrawals?status=requested", null);
        assertThat(ids(queue)).contains(first.toString());
        assertThat(hub.call("POST", "/v1/admin/withdrawals/" + first + "/paid", LotteryHubFixture.ADMIN, "{\"reference\":\"TX-1\"}", Map.of())
                .statusCode()).isEqualTo(409);   // not approved yet
        assertThat(hub.call("POST", "/v1/admin/withdrawals/" + first + "/reject", LotteryHubFixture.ADMIN, "{}", Map.of()).statusCode())
                .isEqualTo(400);                 // a rejection needs a reason
        JsonNode rejected = hub.admin("POST", "/v1/admin/withdrawals/" + first + "/reject", "{\"reason\":\"the account is not in the player's name\"}");
        assertThat(rejected.get("status").stringValue()).isEqualTo("rejected");
        assertThat(rejected.get("decidedBy").stringValue()).isNotBlank();
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("1000"));
        assertThat(hub.call("POST", "/v1/admin/withdrawals/" + first + "/reject", LotteryHubFixture.ADMIN, "{\"reason\":\"again\"}", Map.of())
                .statusCode()).isEqualTo(409);
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("1000"));
        JsonNode seen = Json.parse(hub.call("GET", "/api/v1/users/" + p.id() + "/withdrawals/" + first, p.token(), null, Map.of()).body());
        assertThat(seen.get("status").stringValue()).isEqualTo("rejected");
        assertThat(seen.get("reason").stringValue()).isEqualTo("the account is not in the player's name");

        // the second one through the CLI: approved, then paid outside and recorded
        HttpResponse<String> again = hub.call("POST", path, p.token(), "{\"requestId\":\"%s\",\"amount\":\"400.50\",\"currency\":\"DOP\",\"destination\":\"BHD 123\"}"
                .formatted(UUID.randomUUID()), Map.of("Accept-Language", "es"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        String second = Json.parse(again.body()).get("withdrawalId").stringValue();
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("599.50"));
        Yantra.Run listed = Yantra.run(hub.databaseUrl, "lottery", "withdrawal", "list");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(second).doesNotContain(first.toString());
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "withdrawal", "paid", second, "--reference", "TX-2").exit()).isEqualTo(1);
        Yantra.Run approve = Yantra.run(hub.databaseUrl, "lottery", "withdrawal", "approve", second);
        assertThat(approve.exit()).as(approve.err()).isZero();
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("599.50"));
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "withdrawal", "approve", second).exit()).isEqualTo(1);
        Yantra.Run paid = Yantra.run(hub.databaseUrl, "lottery", "withdrawal", "paid", second, "--reference", "BHD-TRX-889911");
        assertThat(paid.exit()).as(paid.err()).isZero();
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "withdrawal", "reject", second, "--reason", "too late").exit()).isEqualTo(1);
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "withdrawal", "approve", "not-a-uuid").exit()).isEqualTo(64);
        JsonNode done = hub.admin("GET", "/v1/admin/withdrawals/" + second, null);
        assertThat(done.get("status").stringValue()).isEqualTo("paid");
        assertThat(done.get("paymentReference").stringValue()).isEqualTo("BHD-TRX-889911");
        assertThat(done.get("paidBy").stringValue()).startsWith("cli:");
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("599.50"));

        // the ledger: one withdrawal debit each, one reversal for the rejected one; the balance is its sum
        assertThat(hub.jdbc().sql("SELECT kind || ' ' || amount_micro FROM player_ledger WHERE user_id = ? AND kind <> 'deposit' ORDER BY created_at, kind")
                .param(p.id()).query(String.class).list())
                .containsExactly("withdrawal " + micro("-300"), "withdrawal_reversal " + micro("300"), "withdrawal " + micro("-400.50"));
        assertThat(hub.call("GET", "/api/v1/users/" + p.id() + "/wallet", p.token(), null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(hub.jdbc().sql("SELECT action FROM admin_audit_log WHERE subject = ? ORDER BY id").param("withdrawal:" + first)
                .query(String.class).list()).containsExactly("lottery.withdrawal.request", "lottery.withdrawal.reject");
        assertThat(hub.jdbc().sql("SELECT action FROM admin_audit_log WHERE subject = ? ORDER BY id").param("withdrawal:" + second)
                .query(String.class).list()).containsExactly("lottery.withdrawal.request", "lottery.withdrawal.approve", "lottery.withdrawal.paid");
        JsonNode mine = Json.parse(hub.call("GET", path, p.token(), null, Map.of()).body());
        assertThat(ids(mine)).containsExactly(second, first.toString());
        assertThat(hub.call("GET", "/api/v1/users/" + p.id() + "/withdrawals", other.token(), null, Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void concurrent_withdrawals_cannot_both_take_the_same_money_and_a_blocked_account_cannot_withdraw() throws Exception {
        LotteryHubFixture.Player p = hub.player(DEPOSIT_UNITS);
        String path = "/api/v1/users/" + p.id() + "/withdrawals";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {   // four requests of 600 against 1,000: exactly one fits
                String body = "{\"requestId\":\"%s\",\"amount\":600,\"currency\":\"DOP\",\"destination\":\"BHD 1\"}".formatted(UUID.randomUUID());
                calls.add(pool.submit(() -> hub.call("POST", path, p.token(), body, Map.of())));
            }
            for (var c : calls) statuses.add(c.get().statusCode());
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 422, 422, 422);
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("400"));
        assertThat(hub.jdbc().sql("SELECT count(*) FROM withdrawals WHERE user_id = ?").param(p.id()).query(Long.class).single()).isEqualTo(1);

        // an audited adjustment takes the USD account below zero: the DOP money cannot be withdrawn until it is repaid
        dev.yantra.lottery.ledger.PlayerLedger ledger = hub.node.context().getBean(dev.yantra.lottery.ledger.PlayerLedger.class);
        dev.yantra.jobs.JobsConfiguration.transactions(hub.node.database()).executeWithoutResult(t ->
                ledger.adjust(p.id(), "USD", -micro("5"), "test-claw:" + p.id(), "prize clawed back in a test", "test-admin"));
        HttpResponse<String> blocked = hub.call("POST", path, p.token(),
                "{\"requestId\":\"%s\",\"amount\":10,\"currency\":\"DOP\",\"destination\":\"BHD 1\"}".formatted(UUID.randomUUID()), Map.of());
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(blocked.body()).contains("account_blocked");
        assertThat(hub.balanceMicro(p)).isEqualTo(micro("400"));
        assertThat(hub.jdbc().sql("SELECT count(*) FROM withdrawals WHERE user_id = ?").param(p.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_banca_statement_sums_the_confirmed_plays_per_day_of_the_lotterys_zone_with_the_commission() throws Exception {
        // a lottery whose zone puts its draws on another calendar day than UTC, so the day is visibly the lottery's
        Instant drawA = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Instant drawB = drawA.plus(Duration.ofDays(1));
        ZoneId zone = ZoneId.of(drawA.atZone(ZoneOffset.UTC).getHour() <= 10 ? "Pacific/Pago_Pago" : "Pacific/Kiritimati");
        LocalDate dayA = drawA.atZone(zone).toLocalDate();
        LocalDate dayB = drawB.atZone(zone).toLocalDate();
        assertThat(dayA).isNotEqualTo(drawA.atZone(ZoneOffset.UTC).toLocalDate());
        String lottery = "test-statement";
        hub.jdbc().sql("""
                        INSERT INTO lotteries (id, name, time_zone, schedule, close_minutes, bet_types, payout_table, has_pick3,
                                               default_banca_id, min_amount_micro, max_amount_micro, currencies, prize_tax_rate)
                        VALUES (?, 'Test Statement', ?, CAST(? AS jsonb), 1, ARRAY['quiniela','pale'], CAST(? AS jsonb), false, ?,
                                100000, 1000000000, ARRAY['DOP'], 10)""")
                .params(lottery, zone.getId(), LotteryHubFixture.farScheduleJson(), Json.write(PayoutTable.DEFAULTS.toMap()), hub.bancaId).update();
        UUID a = draw(lottery, drawA);
        UUID b = draw(lottery, drawB);
        hub.admin("PATCH", "/v1/admin/bancas/" + hub.bancaId, "{\"commission\":5}");

        List<Bought> onA = List.of(buy(lottery, a, "quiniela", "[\"12\"]", "10"),      // wins 600, tax 60
                buy(lottery, a, "pale", "[\"34\",\"12\"]", "2"),                          // 1st+2nd x1000: 2000, tax 200
                buy(lottery, a, "quiniela", "[\"50\"]", "5"));                            // loses
        List<Bought> onB = List.of(buy(lottery, b, "quiniela", "[\"07\"]", "20"), buy(lottery, b, "quiniela", "[\"08\"]", "4.25"));
        List<Bought> every = new ArrayList<>(onA);
        every.addAll(onB);
        confirmed(every);
        closeByScheduler(a);
        assertThat(hub.call("POST", "/v1/admin/lottery/draws/" + a + "/result", LotteryHubFixture.ADMIN,
                "{\"first\":\"12\",\"second\":\"34\",\"third\":\"56\"}", Map.of()).statusCode()).isEqualTo(201);
        // draw B has no result yet: its plays count as unsettled, with no prize so far

        HttpResponse<String> csv = hub.call("GET", "/v1/admin/bancas/" + hub.bancaId + "/statement?from=" + dayA + "&to=" + dayB,
                LotteryHubFixture.ADMIN, null, Map.of());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        List<String[]> lines = Arrays.stream(csv.body().split("\r\n")).map(l -> l.split(",", -1)).toList();
        assertThat(String.join(",", lines.get(0))).isEqualTo(
                "date,lottery,currency,plays,stakes,winning_plays,prizes,prize_tax,commission_rate,commission,net_to_banca,unsettled_plays");
        // stakes 17 -> commission 0.85; due to the banca 17 - 2600 - 0.85. Stakes 24.25 -> 1.2125 -> 1.21 (half-up to the cent)
        assertThat(String.join(",", line(lines, dayA.toString(), lottery)))
                .isEqualTo(dayA + "," + lottery + ",DOP,3,17.00,2,2600.00,260.00,5.00,0.85,-2583.85,0");
        assertThat(String.join(",", line(lines, dayB.toString(), lottery)))
                .isEqualTo(dayB + "," + lottery + ",DOP,2,24.25,0,0.00,0.00,5.00,1.21,23.04,2");
        // the period's total is the sum of the day lines (other lotteries of this banca included)
        String[] total = line(lines, "total", "all");
        long plays = 0, stakes = 0, prizes = 0, commission = 0;
        for (String[] l : lines.subList(1, lines.size())) {
            if (l[0].equals("total")) continue;
            plays += Long.parseLong(l[3]);
            stakes += micro(l[4]);
            prizes += micro(l[6]);
            commission += micro(l[9]);
        }
        assertThat(Long.parseLong(total[3])).isEqualTo(plays);
        assertThat(micro(total[4])).isEqualTo(stakes);
        assertThat(micro(total[6])).isEqualTo(prizes);
        assertThat(micro(total[9])).isEqualTo(commission);
        assertThat(micro(total[10])).isEqualTo(stakes - prizes - commission);
        // ... and those are the sums of the banca's confirmed plays on those days
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) || ' ' || sum(p.amount_micro) FROM plays p JOIN draws d ON d.id = p.draw_id JOIN lotteries l ON l.id = p.lottery_id
                         WHERE p.banca_id = ? AND p.status = 'CONFIRMED' AND (d.draw_time AT TIME ZONE l.time_zone)::date BETWEEN ? AND ?""")
                .params(hub.bancaId, dayA, dayB).query(String.class).single()).isEqualTo(plays + " " + stakes);

        Path out = Files.createTempFile("statement", ".csv");
        Yantra.Run cli = Yantra.run(hub.databaseUrl, "banca", "statement", "--banca", "Demo Banca", "--from", dayA.toString(),
                "--to", dayB.toString(), "--output", out.toString());
        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(csv.body());
        Yantra.Run oneDay = Yantra.run(hub.databaseUrl, "banca", "statement", "--banca", hub.bancaId.toString(), "--from", dayB.toString(),
                "--to", dayB.toString());
        assertThat(oneDay.out()).contains(dayB + "," + lottery + ",DOP,2,24.25").doesNotContain(dayA + "," + lottery);
        assertThat(Yantra.run(hub.databaseUrl, "banca", "statement", "--banca", "Demo Banca", "--from", "2026-13-01", "--to", dayB.toString())
                .exit()).isEqualTo(64);
        assertThat(Yantra.run(hub.databaseUrl, "banca", "statement", "--banca", "Demo Banca", "--from", dayB.toString(), "--to", dayA.toString())
                .exit()).isEqualTo(64);
        assertThat(Yantra.run(hub.databaseUrl, "banca", "statement", "--banca", "No Such Banca", "--from", dayA.toString(), "--to", dayB.toString())
                .exit()).isEqualTo(1);
        assertThat(hub.call("GET", "/v1/admin/bancas/" + hub.bancaId + "/statement?from=yesterday&to=" + dayB, LotteryHubFixture.ADMIN, null,
                Map.of()).statusCode()).isEqualTo(400);
        assertThat(hub.call("GET", "/v1/admin/bancas/" + UUID.randomUUID() + "/statement?from=" + dayA + "&to=" + dayB, LotteryHubFixture.ADMIN,
                null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(hub.call("GET", "/v1/admin/bancas/" + hub.bancaId + "/statement?from=" + dayA + "&to=" + dayB, null, null, Map.of())
                .statusCode()).isEqualTo(401);
    }

    private Bought buy(UUID draw, String betType, String numbers, String amount) {
        return buy(LotteryHubFixture.LOTTERY, draw, betType, numbers, amount);
    }

    private Bought buy(String lottery, UUID draw, String betType, String numbers, String amount) {
        LotteryHubFixture.Player p = hub.player(DEPOSIT_UNITS);
        String body = playBody(UUID.randomUUID(), p.id(), betType, numbers, "\"" + amount + "\"")
                .replace("\"lotteryId\":\"" + LotteryHubFixture.LOTTERY + "\"", "\"lotteryId\":\"" + lottery + "\"")
                .replace("\"payment\"", "\"drawId\":\"" + draw + "\",\"payment\"");
        HttpResponse<String> r = hub.buy(p, body);
        assertThat(r.statusCode()).as(betType + " " + numbers + " " + r.body()).isEqualTo(201);
        return new Bought(p, UUID.fromString(Json.parse(r.body()).get("playId").stringValue()), amount);
    }

    private static void confirmed(List<Bought> plays) {
        for (Bought b : plays) {
            await("play " + b.playId() + " confirmed", Duration.ofSeconds(30), () -> hub.status(b.playId()).equals("CONFIRMED"));
        }
    }

    private static UUID draw(String lottery, Instant at) {
        UUID id = UUID.randomUUID();
        hub.jdbc().sql("INSERT INTO draws (id, lottery_id, draw_time, closes_at, state) VALUES (?, ?, ?, ?, 'OPEN')")
                .params(id, lottery, java.sql.Timestamp.from(at), java.sql.Timestamp.from(at.minus(Duration.ofMinutes(1)))).update();
        return id;
    }

    /** Brings the cut-off forward; the node's own draw scheduler closes the draw. */
    private static void closeByScheduler(UUID draw) {
        hub.jdbc().sql("UPDATE draws SET closes_at = now() WHERE id = ?").param(draw).update();
        await("the draw closed by the scheduler", Duration.ofSeconds(15), () -> hub.jdbc().sql("SELECT state FROM draws WHERE id = ?")
                .param(draw).query(String.class).single().equals("CLOSED"));
    }

    private static JsonNode play(Bought b) {
        return Json.parse(hub.call("GET", "/api/v1/plays/" + b.playId(), b.player().token(), null, Map.of()).body());
    }

    private static void assertPrize(Bought b, String gross, String tax, String net) {
        JsonNode read = play(b);
        assertThat(read.get("prizeAmount").decimalValue()).as(b.toString()).isEqualByComparingTo(gross);
        assertThat(read.get("prizeTax").decimalValue()).as(b.toString()).isEqualByComparingTo(tax);
        assertThat(read.get("prizeNet").decimalValue()).as(b.toString()).isEqualByComparingTo(net);
    }

    private static long ledger(Bought b, String key) {
        return hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM player_ledger WHERE user_id = ? AND idempotency_key = ?")
                .params(b.player().id(), key).query(Long.class).single();
    }

    private static long kindSum(Bought b, String kind) {
        return hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM player_ledger WHERE user_id = ? AND kind = ?")
                .params(b.player().id(), kind).query(Long.class).single();
    }

    private static long rows(List<Bought> plays) {
        long n = 0;
        for (Bought b : plays) {
            n += hub.jdbc().sql("SELECT count(*) FROM player_ledger WHERE user_id = ?").param(b.player().id()).query(Long.class).single();
        }
        return n;
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(w -> out.add(w.get("withdrawalId").stringValue()));
        return out;
    }

    private static String[] line(List<String[]> lines, String date, String lottery) {
        return lines.stream().filter(l -> l[0].equals(date) && l[1].equals(lottery)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + date + "," + lottery + " in " + lines.stream().map(l -> String.join(",", l)).toList()));
    }

    private static long micro(String units) {
        return new BigDecimal(units).movePointRight(5).longValueExact();
    }
}
