package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.lottery.draw.DrawScheduler;
import dev.yantra.lottery.results.source.ResultsImport;
import dev.yantra.lottery.results.source.ResultsSourcePoller;
import dev.yantra.lottery.results.source.ResultsSourceReader;
import dev.yantra.lottery.results.source.SourceOutcome;
import dev.yantra.testing.Yantra;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results source end to end: a real node, plays bought over HTTP and confirmed by the demo banca, draws closed
 * by the node's scheduler, then a CSV file polled through the node's own ResultsImport (the poller's one pass) or
 * imported with {@code yantra lottery result import}; prizes read back from the player ledger.
 */
class ResultsSourceEndToEndTest {
    static LotteryHubFixture hub;
    @TempDir Path dir;

    @BeforeAll
    static void start() {
        hub = new LotteryHubFixture();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void a_good_line_settles_its_draw_once_a_malformed_line_is_counted_and_polling_the_same_file_again_changes_nothing() throws IOException {
        UUID draw = hub.openDraw(Duration.ofMinutes(10));
        LotteryHubFixture.Player winner = hub.player(1_000);
        UUID play = buyAndConfirm(winner, draw, "[\"12\"]", 10);   // quiniela on the 1st prize: 10 x 60
        UUID laterDraw = hub.openDraw(Duration.ofMinutes(10));
        closeByScheduler(draw);
        closeByScheduler(laterDraw);
        Path file = write("""
                lotteryId,drawTime,first,second,third,pick3
                test-fast,not-a-time,12,34,56,123
                %s,%s,12,34,56,123
                test-fast,%s,1,34,56,123
                %s,%s,07,08,09,456
                """.formatted(LotteryHubFixture.LOTTERY, drawTime(draw), drawTime(laterDraw), LotteryHubFixture.LOTTERY, drawTime(laterDraw)));
        double applied = count("applied");
        double invalid = count("invalid");

        ResultsImport.Report first = poller(file).poll();

        assertThat(first.lines()).extracting(ResultsImport.LineResult::lineNo, ResultsImport.LineResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, SourceOutcome.INVALID), org.assertj.core.groups.Tuple.tuple(3, SourceOutcome.APPLIED),
                org.assertj.core.groups.Tuple.tuple(4, SourceOutcome.INVALID), org.assertj.core.groups.Tuple.tuple(5, SourceOutcome.APPLIED));
        assertThat(first.lines().get(0).message()).contains("drawTime must be ISO-8601");
        assertThat(first.lines().get(2).message()).contains("two");
        assertThat(drawState(draw)).isEqualTo("SETTLED");
        assertThat(drawState(laterDraw)).isEqualTo("SETTLED");
        assertThat(prizeCredits(winner)).isEqualTo(600L * 100_000);
        assertThat(hub.balanceMicro(winner)).isEqualTo((1_000L - 10 + 600) * 100_000);
        assertThat(hub.jdbc().sql("SELECT source FROM draw_results WHERE draw_id = ?").param(draw).query(String.class).single())
                .isEqualTo(file.toString());
        assertThat(hub.jdbc().sql("SELECT changed_by FROM admin_audit_log WHERE action = 'lottery.result.set' AND subject = ?")
                .param("draw:" + draw).query(String.class).list()).containsExactly(ResultsImport.BY);
        assertThat(hub.jdbc().sql("SELECT prize_status FROM plays WHERE id = ?").param(play).query(String.class).single()).isEqualTo("credited");
        assertThat(count("applied") - applied).isEqualTo(2);
        assertThat(count("invalid") - invalid).isEqualTo(2);

        long ledgerRows = ledgerRows(winner);
        ResultsImport.Report again = poller(file).poll();
        assertThat(again.lines()).extracting(ResultsImport.LineResult::outcome).containsExactly(
                SourceOutcome.INVALID, SourceOutcome.UNCHANGED, SourceOutcome.INVALID, SourceOutcome.UNCHANGED);
        assertThat(ledgerRows(winner)).isEqualTo(ledgerRows);
        assertThat(prizeCredits(winner)).isEqualTo(600L * 100_000);
        assertThat(count("unchanged")).isGreaterThanOrEqualTo(2);
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "result", "import", "--file", write(
                "%s,%s,12,34,56,123%n".formatted(LotteryHubFixture.LOTTERY, drawTime(draw))).toString()).exit()).isZero();
    }

    @Test
    void a_line_that_disagrees_with_the_stored_result_is_never_applied_but_counted_and_kept_for_an_admin() throws IOException {
        UUID draw = hub.openDraw(Duration.ofMinutes(10));
        LotteryHubFixture.Player p = hub.player(1_000);
        buyAndConfirm(p, draw, "[\"12\"]", 10);
        closeByScheduler(draw);
        HttpResponse<String> set = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result", LotteryHubFixture.ADMIN,
                "{\"first\":\"01\",\"second\":\"02\",\"third\":\"03\",\"pick3\":\"000\"}", Map.of());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(201);
        long ledgerRows = ledgerRows(p);
        Path file = write("%s,%s,12,34,56,123%n".formatted(LotteryHubFixture.LOTTERY, drawTime(draw)));
        double conflicts = count("conflict");

        ResultsImport.Report report = poller(file).poll();
        poller(file).poll();

        assertThat(report.lines()).extracting(ResultsImport.LineResult::outcome).containsExactly(SourceOutcome.CONFLICT);
        assertThat(report.lines().get(0).message()).contains("12-34-56 / 123", "01-02-03 / 000");
        assertThat(hub.jdbc().sql("SELECT first || second || third FROM draw_results WHERE draw_id = ?").param(draw)
                .query(String.class).single()).isEqualTo("010203");
        assertThat(ledgerRows(p)).isEqualTo(ledgerRows);
        assertThat(prizeCredits(p)).isZero();
        assertThat(count("conflict") - conflicts).isEqualTo(2);
        List<Map<String, Object>> kept = hub.jdbc().sql("SELECT stored, offered, seen_count, line FROM results_source_conflicts WHERE draw_id = ?")
                .param(draw).query().listOfRows();
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0)).containsEntry("stored", "01-02-03 / 000").containsEntry("offered", "12-34-56 / 123")
                .containsEntry("seen_count", 2);

        Yantra.Run cli = Yantra.run(hub.databaseUrl, "lottery", "result", "import", "--file", file.toString());
        assertThat(cli.exit()).as(cli.err()).isEqualTo(1);
        assertThat(cli.out()).contains("line 1: conflict", "1 conflict");

        HttpResponse<String> api = hub.call("GET", "/v1/admin/lottery/results-source/conflicts", LotteryHubFixture.ADMIN, null, Map.of());
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(api.body()).contains(draw.toString(), "\"offered\":\"12-34-56 / 123\"", "\"stored\":\"01-02-03 / 000\"");
        assertThat(hub.call("GET", "/v1/admin/lottery/results-source/conflicts", null, null, Map.of()).statusCode()).isEqualTo(401);
        Yantra.Run listed = Yantra.run(hub.databaseUrl, "lottery", "result", "conflicts");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(draw.toString(), "\"seenCount\":3");
    }

    @Test
    void a_lottery_that_wants_four_eyes_keeps_the_sources_result_waiting_until_an_admin_confirms_it() throws IOException {
        String lottery = "test-four-eyes";
        hub.jdbc().sql("""
                        INSERT INTO lotteries (id, name, time_zone, schedule, close_minutes, bet_types, payout_table, has_pick3,
                                               max_amount_micro, enabled, results_four_eyes)
                        VALUES (?, 'Four Eyes', 'America/Santo_Domingo', CAST(? AS jsonb), 1, ARRAY['quiniela'], CAST(? AS jsonb), false,
                                1000000000, false, true)""")
                .params(lottery, LotteryHubFixture.farScheduleJson(),
                        Json.write(dev.yantra.lottery.bet.PayoutTable.DEFAULTS.toMap())).update();
        UUID draw = UUID.randomUUID();
        // a local time in the lottery's zone (no offset), on the minute like a scheduled draw
        LocalDateTime local = LocalDateTime.now(ZoneId.of("America/Santo_Domingo")).withSecond(0).withNano(0).minusMinutes(5);
        hub.jdbc().sql("INSERT INTO draws (id, lottery_id, draw_time, closes_at, state) VALUES (?, ?, ?, ?, 'CLOSED')")
                .params(draw, lottery, java.sql.Timestamp.from(local.atZone(ZoneId.of("America/Santo_Domingo")).toInstant()),
                        java.sql.Timestamp.from(local.atZone(ZoneId.of("America/Santo_Domingo")).toInstant().minusSeconds(60))).update();
        Path file = write("%s,%s,12,34,56%n".formatted(lottery, local));

        Yantra.Run dry = Yantra.run(hub.databaseUrl, "lottery", "result", "import", "--file", file.toString(), "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("line 1: applied", "would enter 12-34-56");
        assertThat(drawState(draw)).isEqualTo("CLOSED");

        Yantra.Run run = Yantra.run(hub.databaseUrl, "lottery", "result", "import", "--file", file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("waiting for an admin's confirmation");
        assertThat(drawState(draw)).isEqualTo("RESULTED");
        assertThat(hub.jdbc().sql("SELECT needs_confirmation AND confirmed_by IS NULL FROM draw_results WHERE draw_id = ?")
                .param(draw).query(Boolean.class).single()).isTrue();
        assertThat(poller(file).poll().lines()).extracting(ResultsImport.LineResult::outcome).containsExactly(SourceOutcome.UNCHANGED);

        HttpResponse<String> confirmed = hub.call("POST", "/v1/admin/lottery/draws/" + draw + "/result/confirm", LotteryHubFixture.ADMIN,
                null, Map.of());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(drawState(draw)).isEqualTo("SETTLED");
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "result", "import", "--file", dir.resolve("missing.csv").toString()).exit())
                .isEqualTo(64);
    }

    @Test
    void the_started_poller_applies_the_source_by_itself_on_the_draw_scheduler_leader() throws IOException, InterruptedException {
        UUID draw = hub.openDraw(Duration.ofMinutes(10));
        Path file = write("%s,%s,21,43,65,321%n".formatted(LotteryHubFixture.LOTTERY, drawTime(draw)));
        ResultsSourcePoller poller = new ResultsSourcePoller(file.toString(), Duration.ofMillis(200), new ResultsSourceReader(),
                hub.node.context().getBean(ResultsImport.class), hub.node.context().getBean(DrawScheduler.class));
        poller.start();
        try {
            Thread.sleep(500);   // a few polls while the draw is still OPEN: draw_not_closed, nothing entered
            assertThat(hub.jdbc().sql("SELECT count(*) FROM draw_results WHERE draw_id = ?").param(draw).query(Long.class).single()).isZero();
            // the cut-off brought forward: the scheduler closes the draw, the next poll results it
            hub.jdbc().sql("UPDATE draws SET closes_at = now() WHERE id = ?").param(draw).update();
            await("the draw resulted from the source", Duration.ofSeconds(15), () -> drawState(draw).equals("SETTLED"));
        } finally {
            poller.close();
        }
        assertThat(hub.jdbc().sql("SELECT first || second || third || pick3 FROM draw_results WHERE draw_id = ?").param(draw)
                .query(String.class).single()).isEqualTo("214365321");
    }

    @Test
    void an_unreadable_source_is_counted_and_changes_nothing() {
        double unreadable = count("unreadable");
        assertThat(poller(dir.resolve("nowhere.csv")).poll()).isNull();
        assertThat(count("unreadable") - unreadable).isEqualTo(1);
    }

    ResultsSourcePoller poller(Path file) {
        return new ResultsSourcePoller(file.toString(), Duration.ofSeconds(60), new ResultsSourceReader(),
                hub.node.context().getBean(ResultsImport.class), hub.node.context().getBean(DrawScheduler.class));
    }

    Path write(String text) throws IOException {
        Path f = Files.createTempFile(dir, "results", ".csv");
        Files.writeString(f, text);
        return f;
    }

    double count(String outcome) {
        return hub.node.context().getBean(PrometheusMeterRegistry.class).get(ResultsImport.METRIC).tag("outcome", outcome).counter().count();
    }

    UUID buyAndConfirm(LotteryHubFixture.Player p, UUID draw, String numbers, int amount) {
        String body = playBody(UUID.randomUUID(), p.id(), "quiniela", numbers, String.valueOf(amount))
                .replace("\"payment\"", "\"drawId\":\"" + draw + "\",\"payment\"");
        HttpResponse<String> r = hub.buy(p, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        UUID id = UUID.fromString(Json.parse(r.body()).get("playId").stringValue());
        await("play confirmed", Duration.ofSeconds(30), () -> hub.status(id).equals("CONFIRMED"));
        return id;
    }

    void closeByScheduler(UUID draw) {
        hub.jdbc().sql("UPDATE draws SET closes_at = now() WHERE id = ?").param(draw).update();
        await("the draw closed by the scheduler", Duration.ofSeconds(15), () -> drawState(draw).equals("CLOSED"));
    }

    String drawTime(UUID draw) {
        return hub.jdbc().sql("SELECT draw_time FROM draws WHERE id = ?").param(draw).query(java.sql.Timestamp.class).single()
                .toInstant().toString();
    }

    String drawState(UUID draw) {
        return hub.jdbc().sql("SELECT state FROM draws WHERE id = ?").param(draw).query(String.class).single();
    }

    long prizeCredits(LotteryHubFixture.Player p) {
        return hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM player_ledger WHERE user_id = ? AND kind = 'prize_credit'")
                .param(p.id()).query(Long.class).single();
    }

    long ledgerRows(LotteryHubFixture.Player p) {
        return hub.jdbc().sql("SELECT count(*) FROM player_ledger WHERE user_id = ?").param(p.id()).query(Long.class).single();
    }
}
