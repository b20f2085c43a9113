package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.config.YantraEnv;
import dev.yantra.demobanca.Play;
import dev.yantra.lottery.reconcile.LotteryReconciliationGauges;
import dev.yantra.testing.Yantra;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yantra lottery reconcile} against a real node and the real demo banca whose webhooks are lost: the
 * node's own status checks are set 10 minutes out, so the plays the banca decided stay pending at us until
 * the force-check asks. The command runs with the master key as an operator runs it: the first force-check in its own
 * JVM, the others in this one (a JVM start costs seconds on a loaded machine).
 */
class LotteryReconcileEndToEndTest {
    static LotteryHubFixture hub;

    @TempDir
    Path reports;

    @BeforeAll
    static void start() {
        hub = new LotteryHubFixture(600_000);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    Map<String, String> shell() {
        return Map.of("DATABASE_URL", hub.databaseUrl,
                "YANTRA_MASTER_KEY", hub.node.context().getBean(YantraEnv.class).masterKeyBase64().orElseThrow());
    }

    /** How long a play must be pending to be force-checked here: the stuck plays are older, the young one is not. */
    static final String OLDER_THAN = "10s";

    Yantra.Run reconcile(String... flags) {
        return Yantra.inProcess(shell(), null, reconcileArgs(flags));
    }

    Yantra.Run reconcileProcess(String... flags) {
        return Yantra.process(shell(), reconcileArgs(flags));
    }

    static String[] reconcileArgs(String... flags) {
        List<String> args = new ArrayList<>(List.of("lottery", "reconcile", "--date", today().toString()));
        args.addAll(List.of(flags));
        return args.toArray(String[]::new);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("America/Santo_Domingo"));
    }

    UUID buy(LotteryHubFixture.Player p, UUID requestId, String number) {
        HttpResponse<String> r = hub.buy(p, playBody(requestId, p.id(), "quiniela", "[\"" + number + "\"]", "10"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(Json.parse(r.body()).get("playId").stringValue());
    }

    /** Bought, answered 202 by the banca and decided there (the webhook that would tell us is lost). */
    void awaitDecidedAtTheBanca(UUID playId, UUID requestId) {
        await("202 for " + playId, Duration.ofSeconds(20), () -> hub.status(playId).equals("AWAITING_WEBHOOK"));
        await("the banca's decision on " + requestId, Duration.ofSeconds(20),
                () -> hub.banca.ledger().byRequestId(requestId).map(Play::decided).orElse(false));
    }

    String snapshot() {
        return hub.jdbc().sql("""
                        SELECT string_agg(id || ':' || status || ':' || coalesce(ticket_code, '-'), ',' ORDER BY id) FROM plays""")
                .query(String.class).single()
                + "|" + hub.jdbc().sql("SELECT count(*) FROM player_ledger").query(Long.class).single()
                + "|" + hub.jdbc().sql("SELECT count(*) FROM pending_banca_jobs WHERE completed_at IS NULL").query(Long.class).single()
                + "|" + hub.jdbc().sql("SELECT count(*) FROM lottery_reconciliation_runs").query(Long.class).single();
    }

    @Test
    void with_the_bancas_webhooks_lost_a_force_check_settles_every_stuck_play_to_the_bancas_truth_once() throws Exception {
        hub.banca.setFaults(hub.banca.clearedFaults());
        hub.banca.changeFaults(Map.of("syncRate", 0.0, "lostWebhooks", 1.0));
        LotteryHubFixture.Player player = hub.player(1000);
        List<UUID> confirmedAtBanca = new ArrayList<>();
        List<UUID> rejectedAtBanca = new ArrayList<>();
        Map<UUID, UUID> requestOf = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            UUID requestId = UUID.randomUUID();
            UUID playId = buy(player, requestId, "1" + i);
            awaitDecidedAtTheBanca(playId, requestId);
            confirmedAtBanca.add(playId);
            requestOf.put(playId, requestId);
        }
        hub.banca.changeFaults(Map.of("forceReject", true));
        for (int i = 0; i < 2; i++) {
            UUID requestId = UUID.randomUUID();
            UUID playId = buy(player, requestId, "2" + i);
            awaitDecidedAtTheBanca(playId, requestId);
            rejectedAtBanca.add(playId);
            requestOf.put(playId, requestId);
        }
        long balanceBefore = hub.balanceMicro(player);
        assertThat(balanceBefore).isEqualTo((1000 - 50) * 100_000L);
        await("the stuck plays to be " + OLDER_THAN + " old", Duration.ofSeconds(45), () -> hub.jdbc().sql(
                "SELECT count(*) FROM plays WHERE created_at > now() - CAST(? AS interval)").param(OLDER_THAN).query(Long.class).single() == 0);
        // one more play the banca has taken but not decided: young, and still undecided at the banca later
        hub.banca.changeFaults(Map.of("forceReject", false, "webhookDelayMs", 600_000));
        UUID youngRequest = UUID.randomUUID();
        UUID young = buy(player, youngRequest, "33");
        await("202 for the young play", Duration.ofSeconds(20), () -> hub.status(young).equals("AWAITING_WEBHOOK"));

        String before = snapshot();
        Yantra.Run dry = reconcile("--force-check", "--older-than", OLDER_THAN, "--dry-run");
        assertThat(dry.exit()).as(dry.out() + dry.err()).isEqualTo(1);
        assertThat(dry.out()).contains("dry run", "3 would_confirm", "2 would_reject")
                .containsPattern("[56] play\\(s\\) pending for more than 10 s asked");
        assertThat(snapshot()).as("a dry run changes nothing").isEqualTo(before);

        Yantra.Run first = reconcileProcess("--force-check", "--older-than", OLDER_THAN, "--output-dir", reports.toString());
        // the young play is still pending in an open draw: a minor difference, exit 1
        assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(first.out()).contains("3 confirmed", "2 rejected", "STILL_PENDING play " + young);
        for (UUID playId : confirmedAtBanca) {
            Play atBanca = hub.banca.ledger().byRequestId(requestOf.get(playId)).orElseThrow();
            assertThat(atBanca.status()).isEqualTo("confirmed");
            assertThat(hub.jdbc().sql("SELECT status || ':' || ticket_code FROM plays WHERE id = ?").param(playId).query(String.class).single())
                    .isEqualTo("CONFIRMED:" + atBanca.ticketCode());
            assertThat(hub.banca.ledger().rowsFor(requestOf.get(playId))).as("registered once at the banca").isEqualTo(1);
        }
        for (UUID playId : rejectedAtBanca) {
            assertThat(hub.status(playId)).isEqualTo("REJECTED");
            assertThat(hub.jdbc().sql("SELECT amount_micro FROM player_ledger WHERE idempotency_key = ?").param("refund:" + playId)
                    .query(Long.class).single()).isEqualTo(1_000_000L);
        }
        // the young play's 10 went out after balanceBefore; the two rejected plays' 10 each came back
        assertThat(hub.balanceMicro(player)).isEqualTo(balanceBefore - 1_000_000L + 2 * 1_000_000L);
        assertThat(hub.status(young)).isEqualTo("AWAITING_WEBHOOK");
        assertThat(hub.jdbc().sql("""
                        SELECT DISTINCT completion FROM pending_banca_jobs WHERE kind = 'STATUS' AND play_id IN (?, ?, ?, ?, ?)""")
                .params(confirmedAtBanca.get(0), confirmedAtBanca.get(1), confirmedAtBanca.get(2), rejectedAtBanca.get(0), rejectedAtBanca.get(1))
                .query(String.class).list()).containsExactly("RECONCILE");
        assertThat(hub.jdbc().sql("SELECT count(*) FROM banca_calls WHERE endpoint = 'status' AND play_id = ?").param(confirmedAtBanca.get(0))
                .query(Long.class).single()).as("the dry run and the real run each asked the status endpoint once").isEqualTo(2);
        // the young play may have passed 10 s by now on a slow machine: then it was asked too, and is still accepted
        assertThat(hub.jdbc().sql("SELECT status || ':' || plays_resolved FROM lottery_reconciliation_runs WHERE request_ids IS NULL")
                .query(String.class).list()).containsExactly("MINOR:5");
        assertThat(hub.jdbc().sql("SELECT plays_asked FROM lottery_reconciliation_runs WHERE request_ids IS NULL").query(Integer.class).single())
                .isBetween(5, 6);

        try (var files = Files.list(reports)) {
            List<Path> written = files.sorted().toList();
            assertThat(written).hasSize(2);
            String csv = Files.readString(written.stream().filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow());
            String md = Files.readString(written.stream().filter(f -> f.toString().endsWith(".md")).findFirst().orElseThrow());
            assertThat(csv).startsWith("record,bancaId,playId,requestId,kind,severity,")
                    .contains("force_check," + hub.bancaId + "," + confirmedAtBanca.get(0) + "," + requestOf.get(confirmedAtBanca.get(0))
                            + ",CONFIRMED,,AWAITING_WEBHOOK,CONFIRMED,status,")
                    .contains("difference," + hub.bancaId + "," + young + "," + youngRequest + ",STILL_PENDING,MINOR,");
            assertThat(md).contains("# Lottery reconciliation " + today(), "Result: **MINOR** (exit 1)", "## Force-check",
                    "## Banca " + hub.bancaId + ": MINOR");
        }

        String afterFirst = snapshot().replaceAll("\\|\\d+$", "");
        Yantra.Run second = reconcile("--force-check", "--older-than", OLDER_THAN);
        assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(1);
        assertThat(snapshot().replaceAll("\\|\\d+$", "")).as("a second run changes nothing").isEqualTo(afterFirst);
        assertThat(hub.jdbc().sql("SELECT plays_resolved FROM lottery_reconciliation_runs WHERE request_ids IS NULL ORDER BY finished_at DESC LIMIT 1")
                .query(Integer.class).single()).isZero();

        // the banca now contradicts itself: a confirmation for a play it rejected and we refunded
        UUID contradicted = rejectedAtBanca.get(0);
        String body = """
                {"requestId":"%s","playIdBanca":"LATE-1","ticketCode":"LATE-TICKET","status":"confirmed"}""".formatted(requestOf.get(contradicted));
        assertThat(hub.webhook(body, hub.bancaSecret, hub.now()).statusCode()).isEqualTo(409);
        Yantra.Run major = Yantra.run(hub.databaseUrl, "lottery", "reconcile", "--date", today().toString(), "-v");
        assertThat(major.exit()).as(major.out() + major.err()).isEqualTo(2);
        assertThat(major.out()).contains("MAJOR BANCA_CONFIRMED_WE_RELEASED play " + contradicted, "LATE-TICKET");

        LotteryReconciliationGauges gauges = hub.node.context().getBean(LotteryReconciliationGauges.class);
        gauges.refresh();
        String metrics = hub.call("GET", "/metrics", null, null, Map.of()).body();
        String banca = "banca=\"" + hub.bancaId + "\"";
        assertThat(metrics).contains("lottery_reconciliation_last_result{" + banca + "} 2.0",
                "lottery_reconciliation_differences{" + banca + ",severity=\"major\"} 1.0",
                "lottery_reconciliation_differences{" + banca + ",severity=\"minor\"} 1.0");
    }

    String payment(UUID playId) {
        return hub.jdbc().sql("SELECT status || ':' || captured_minor || ':' || refunded_minor FROM payments WHERE play_id = ?")
                .param(playId).query(String.class).single();
    }

    @Test
    void a_force_checked_card_play_is_captured_when_the_banca_confirmed_it_and_released_when_it_rejected_it() {
        hub.banca.setFaults(hub.banca.clearedFaults());
        hub.banca.changeFaults(Map.of("syncRate", 0.0, "lostWebhooks", 1.0, "confirmRate", 1.0, "webhookDelayMs", 300));
        LotteryHubFixture.Player player = hub.player(0);
        UUID confirmedRequest = UUID.randomUUID();
        UUID confirmed = buyCard(player, confirmedRequest, "71");
        awaitDecidedAtTheBanca(confirmed, confirmedRequest);
        hub.banca.changeFaults(Map.of("forceReject", true));
        UUID rejectedRequest = UUID.randomUUID();
        UUID rejected = buyCard(player, rejectedRequest, "72");
        awaitDecidedAtTheBanca(rejected, rejectedRequest);
        hub.banca.changeFaults(Map.of("forceReject", false));
        assertThat(payment(confirmed)).isEqualTo("requires_capture:0:0");
        assertThat(payment(rejected)).isEqualTo("requires_capture:0:0");

        String named = confirmedRequest + "," + rejectedRequest;
        Yantra.Run forced = Yantra.inProcess(shell(), null, "lottery", "reconcile", "--force-check", "--older-than", "0s", "--request-ids", named, "-v");
        // the node's payment runner may or may not have captured / released by the time the comparison reads
        assertThat(forced.exit()).as(forced.out() + forced.err()).isIn(0, 1);
        assertThat(forced.out()).contains("1 confirmed", "1 rejected").doesNotContain("MAJOR ", "UNREADABLE ", "STILL_PENDING", "unchecked");
        String ticket = hub.banca.ledger().byRequestId(confirmedRequest).orElseThrow().ticketCode();
        assertThat(hub.jdbc().sql("SELECT status || ':' || ticket_code FROM plays WHERE id = ?").param(confirmed).query(String.class).single())
                .isEqualTo("CONFIRMED:" + ticket);
        assertThat(hub.status(rejected)).isEqualTo("REJECTED");
        await("the capture and the release", Duration.ofSeconds(30),
                () -> payment(confirmed).startsWith("succeeded:7550") && payment(rejected).startsWith("canceled:0"));

        Yantra.Run after = Yantra.run(hub.databaseUrl, "lottery", "reconcile", "--request-ids", named);
        assertThat(after.exit()).as(after.out() + after.err()).isZero();
        assertThat(after.out()).contains("MATCH (exit 0), 2 play(s) compared").doesNotContain("unchecked");
        assertThat(hub.jdbc().sql("SELECT count(*) FROM payment_calls WHERE play_id = ? AND operation = 'capture' AND outcome = 'ok'")
                .param(confirmed).query(Long.class).single()).isEqualTo(1);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM payment_calls WHERE play_id = ? AND operation = 'capture'")
                .param(rejected).query(Long.class).single()).as("a rejected card play is never captured").isZero();
        assertThat(hub.balanceMicro(player)).as("card plays do not touch the wallet").isZero();
    }

    UUID buyCard(LotteryHubFixture.Player p, UUID requestId, String number) {
        HttpResponse<String> r = hub.buy(p, CardPlaysEndToEndTest.cardPlay(requestId, p.id(), "[\"" + number + "\"]", "\"75.50\"", "pm_card_visa"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(Json.parse(r.body()).get("playId").stringValue());
    }
}
