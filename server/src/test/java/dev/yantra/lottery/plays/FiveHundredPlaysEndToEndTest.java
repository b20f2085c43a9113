package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The hub's first end-to-end volume check: 500 plays by 50 players over four draws of the fast test lottery (one
 * of them closing while the run goes on), bought through real HTTP by 8 concurrent clients, forwarded to the
 * real demo banca answering half of them at once and half by a later webhook (a few of those webhooks lost, so
 * the status check decides them). Afterwards every play is final, every player's ledger adds up play by play,
 * the banca's ledger holds each confirmed play once with our ticket code, and every banca call and webhook event
 * is explained by a play.
 */
class FiveHundredPlaysEndToEndTest {
    static final int PLAYERS = 50;
    static final int PLAYS = 500;
    static final int CLIENTS = 8;
    static final long DEPOSIT_UNITS = 1_000;
    static final long MICRO = 100_000L;   // micro-units per DOP unit, as the fixture deposits

    @Test
    void five_hundred_plays_by_fifty_players_over_four_draws_end_final_and_every_ledger_and_journal_adds_up() throws Exception {
        long started = System.nanoTime();
        try (LotteryHubFixture hub = new LotteryHubFixture()) {
            hub.banca.changeFaults(Map.of("syncRate", 0.5, "confirmRate", 0.9, "webhookDelayMs", 300, "lostWebhooks", 0.05));
            // the fixture's draw and two more stay open; the fourth closes during the run, so its late buyers are
            // refused draw_closed and its early plays must still end final (or failed and refunded by the fail-safe)
            List<UUID> longDraws = List.of(hub.drawId, hub.openDraw(Duration.ofHours(1)), hub.openDraw(Duration.ofHours(2)));
            List<LotteryHubFixture.Player> players = new ArrayList<>();
            for (int i = 0; i < PLAYERS; i++) players.add(hub.player(DEPOSIT_UNITS));
            UUID closing = hub.openDraw(Duration.ofSeconds(10));   // its 10 s start with the buying

            Random random = new Random(17);
            List<PlannedPlay> planned = new ArrayList<>();
            for (int i = 0; i < PLAYS; i++) {
                UUID draw = i < PLAYS / 2 && i % 5 == 0 ? closing : longDraws.get(i % longDraws.size());
                planned.add(new PlannedPlay(UUID.randomUUID(), players.get(i % PLAYERS), draw, numbersFor(i, random), 1 + random.nextInt(5)));
            }
            long buyingFrom = System.nanoTime();
            System.err.printf("[hube2e] node, banca and players ready in %d ms%n", (buyingFrom - started) / 1_000_000);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (PlannedPlay p : planned) answers.add(clients.submit(() -> hub.buy(p.player(), p.body())));
            List<UUID> bought = new ArrayList<>();
            int closedRefusals = 0;
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<String> r = answers.get(i).get();
                if (r.statusCode() == 201) {
                    bought.add(UUID.fromString(Json.parse(r.body()).get("playId").stringValue()));
                } else {
                    // the only refusal allowed: a play for the draw that closed meanwhile
                    assertThat(planned.get(i).drawId()).as("refused %s", r.body()).isEqualTo(closing);
                    assertThat(Json.parse(r.body()).get("error").stringValue()).isEqualTo("draw_closed");
                    closedRefusals++;
                }
            }
            clients.shutdown();
            long boughtAt = System.nanoTime();
            System.err.printf("[hube2e] %d plays bought in %d ms%n", bought.size(), (boughtAt - buyingFrom) / 1_000_000);
            assertThat(bought).hasSize(PLAYS - closedRefusals).hasSizeGreaterThan(PLAYS * 3 / 4);

            UUID[] ids = bought.toArray(new UUID[0]);
            await("every play final", Duration.ofSeconds(60), () -> hub.jdbc().sql("""
                    SELECT count(*) FROM plays WHERE id = ANY(?) AND status NOT IN ('CONFIRMED', 'REJECTED', 'FAILED')""")
                    .param(ids).query(Long.class).single() == 0);
            // the journal is written in batches after the answer: wait until every finished job's tries are in it
            await("every try journaled", Duration.ofSeconds(20), () -> hub.jdbc().sql("""
                    SELECT count(*) FROM pending_banca_jobs j WHERE j.play_id = ANY(?) AND j.result_status IN ('confirmed', 'rejected', 'accepted')
                       AND NOT EXISTS (SELECT 1 FROM banca_calls c WHERE c.job_id = j.id AND c.attempt = j.attempts)""")
                    .param(ids).query(Long.class).single() == 0);
            // webhooks still in flight (a duplicate of an already final play cannot exist here: none are duplicated)
            await("every webhook the banca sent recorded", Duration.ofSeconds(20), () -> hub.jdbc().sql("""
                    SELECT count(*) FROM demo_banca_plays b WHERE b.webhook_state IN ('scheduled', 'held')""")
                    .query(Long.class).single() == 0);

            long settledAt = System.nanoTime();
            assertEveryPlayFinalWithItsMoney(hub, players, ids);
            assertBancaLedgerMatches(hub, ids);
            assertEveryBancaCallAccountedFor(hub, ids);
            assertEveryWebhookEventAccountedFor(hub, ids);

            System.err.printf("[hube2e] 500 plays: %d bought (%d refused draw_closed) in %d ms, final %d ms later, %s; checks %d ms%n",
                    bought.size(), closedRefusals, (boughtAt - buyingFrom) / 1_000_000, (settledAt - boughtAt) / 1_000_000, hub.jdbc().sql("SELECT status || ' ' || count(*) FROM plays GROUP BY status ORDER BY 1")
                            .query(String.class).list(), (System.nanoTime() - settledAt) / 1_000_000);
        }
    }

    /**
     * The one contradiction this run can produce, at the close of the closing draw: a play whose registration was
     * in flight (or answered 202 and not yet decided) when the fail-safe failed it and refunded the stake; the
     * banca's decision then contradicts a final state and the play is flagged for attention (reconciliation's
     * work). A condition on a play {@code p}.
     */
    static final String CONTRADICTED_AT_CLOSE = """
            (p.status = 'FAILED' AND EXISTS (SELECT 1 FROM demo_banca_plays b WHERE b.request_id = p.request_id))""";

    record PlannedPlay(UUID requestId, LotteryHubFixture.Player player, UUID drawId, List<String> numbers, int units) {
        String betType() {
            return switch (numbers.size()) {
                case 1 -> "quiniela";
                case 2 -> "pale";
                default -> "tripleta";
            };
        }

        String body() {
            return playBody(requestId, player.id(), betType(), Json.write(numbers), Integer.toString(units))
                    .replace("\"betType\"", "\"drawId\":\"" + drawId + "\",\"betType\"");
        }
    }

    /** Mostly quinielas, some palés and tripletas; distinct two-digit numbers within a play, as the bet types require. */
    static List<String> numbersFor(int i, Random random) {
        int count = i % 10 < 6 ? 1 : i % 10 < 9 ? 2 : 3;
        java.util.LinkedHashSet<String> n = new java.util.LinkedHashSet<>();
        while (n.size() < count) n.add(String.format("%02d", random.nextInt(100)));
        return List.copyOf(n);
    }

    /**
     * Each play has one debit of its stake; a play that ended rejected or failed has one refund of it, a confirmed
     * one none; so each balance is the deposit minus the confirmed stakes (nothing is pending any more), and the
     * balance row equals the sum of the player's ledger.
     */
    static void assertEveryPlayFinalWithItsMoney(LotteryHubFixture hub, List<LotteryHubFixture.Player> players, UUID[] ids) {
        assertThat(hub.jdbc().sql("SELECT count(*) FROM plays WHERE id <> ALL(?)").param(ids).query(Long.class).single())
                .as("plays nobody bought").isZero();
        List<Map<String, Object>> wrongMoney = hub.jdbc().sql("""
                        SELECT p.id, p.status,
                               (SELECT count(*) FROM player_ledger l WHERE l.idempotency_key = 'play:' || p.id AND l.amount_micro = -p.amount_micro) AS debits,
                               (SELECT count(*) FROM player_ledger l WHERE l.idempotency_key = 'refund:' || p.id AND l.amount_micro = p.amount_micro) AS refunds
                          FROM plays p WHERE p.id = ANY(?)""").param(ids).query().listOfRows().stream()
                .filter(r -> (Long) r.get("debits") != 1L || (Long) r.get("refunds") != (r.get("status").equals("CONFIRMED") ? 0L : 1L))
                .toList();
        assertThat(wrongMoney).as("plays whose debit or refund is missing or doubled").isEmpty();
        for (LotteryHubFixture.Player p : players) {
            long confirmed = hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM plays WHERE user_id = ? AND status = 'CONFIRMED'")
                    .param(p.id()).query(Long.class).single();
            long ledgerSum = hub.jdbc().sql("SELECT sum(amount_micro) FROM player_ledger WHERE user_id = ? AND currency = 'DOP'")
                    .param(p.id()).query(Long.class).single();
            assertThat(hub.balanceMicro(p)).as("balance of %s", p.id()).isEqualTo(DEPOSIT_UNITS * MICRO - confirmed).isEqualTo(ledgerSum);
        }
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM plays p WHERE p.id = ANY(?) AND p.needs_attention AND NOT """ + CONTRADICTED_AT_CLOSE)
                .param(ids).query(Long.class).single()).as("plays flagged for attention").isZero();
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM plays p JOIN demo_banca_plays b ON b.request_id = p.request_id
                         WHERE p.id = ANY(?) AND p.status = 'FAILED' AND b.status = 'confirmed' AND NOT p.needs_attention""")
                .param(ids).query(Long.class).single()).as("refunded plays the banca confirmed, not flagged").isZero();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM pending_banca_jobs WHERE play_id = ANY(?) AND completed_at IS NULL")
                .param(ids).query(Long.class).single()).as("jobs left open").isZero();
        // the distribution proves the mix happened: both answers, both decisions
        assertThat(hub.jdbc().sql("SELECT DISTINCT answered FROM demo_banca_plays").query(String.class).list())
                .containsExactlyInAnyOrder("sync", "async");
        assertThat(hub.jdbc().sql("SELECT DISTINCT status FROM plays WHERE id = ANY(?)").param(ids).query(String.class).list())
                .contains("CONFIRMED", "REJECTED");
        assertThat(hub.jdbc().sql("SELECT count(DISTINCT draw_id) FROM plays WHERE id = ANY(?)").param(ids).query(Long.class).single())
                .isEqualTo(4L);
    }

    /** Every confirmed play once in the banca's ledger with our ticket code; every rejected one rejected there too. */
    static void assertBancaLedgerMatches(LotteryHubFixture hub, UUID[] ids) {
        List<Map<String, Object>> mismatched = hub.jdbc().sql("""
                        SELECT p.id, p.status, p.ticket_code, b.status AS banca_status, b.ticket_code AS banca_ticket,
                               (SELECT count(*) FROM demo_banca_plays x WHERE x.request_id = p.request_id) AS rows_at_banca
                          FROM plays p LEFT JOIN demo_banca_plays b ON b.request_id = p.request_id
                         WHERE p.id = ANY(?)""").param(ids).query().listOfRows().stream()
                .filter(r -> switch ((String) r.get("status")) {
                    case "CONFIRMED" -> (Long) r.get("rows_at_banca") != 1L || !"confirmed".equals(r.get("banca_status"))
                            || r.get("ticket_code") == null || !r.get("ticket_code").equals(r.get("banca_ticket"));
                    case "REJECTED" -> (Long) r.get("rows_at_banca") != 1L || !"rejected".equals(r.get("banca_status"));
                    // failed by the fail-safe: never registered, or not decided by the banca when polled at the close
                    default -> (Long) r.get("rows_at_banca") > 1L;
                })
                .toList();
        assertThat(mismatched).as("plays whose banca ledger row disagrees").isEmpty();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM demo_banca_plays b WHERE NOT EXISTS (SELECT 1 FROM plays p WHERE p.request_id = b.request_id)")
                .query(Long.class).single()).as("banca plays we do not know").isZero();
    }

    /**
     * Without faults on the banca's side, every register call got an answer: exactly one register call per play
     * the banca holds, its outcome the banca's answer; status calls only for plays the banca answered 202; every
     * call tied to a job of its play (or, with no job, to the fail-safe's one poll of a play whose draw closed).
     */
    static void assertEveryBancaCallAccountedFor(LotteryHubFixture hub, UUID[] ids) {
        assertThat(hub.jdbc().sql("SELECT count(*) FROM banca_calls WHERE play_id IS NULL OR play_id <> ALL(?)").param(ids)
                .query(Long.class).single()).as("calls about no play of ours").isZero();
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM banca_calls c WHERE c.job_id IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM pending_banca_jobs j WHERE j.id = c.job_id AND j.play_id = c.play_id
                                            AND (c.attempt BETWEEN 1 AND j.attempts
                                                 -- a try whose completion lost to the webhook or the fail-safe closing the job
                                                 OR (c.attempt = j.attempts + 1 AND j.completion IN ('WEBHOOK', 'FAILSAFE')))
                                            AND (j.kind = 'REGISTER') = (c.endpoint = 'register'))""")
                .query(Long.class).single()).as("calls not made by a try of their play's job").isZero();
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM banca_calls c JOIN plays p ON p.id = c.play_id JOIN draws d ON d.id = p.draw_id
                         WHERE c.job_id IS NULL AND NOT (c.endpoint = 'status' AND c.attempt = 0 AND d.closes_at <= c.created_at)""")
                .query(Long.class).single()).as("job-less calls other than the fail-safe's poll at close").isZero();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM (SELECT job_id, attempt FROM banca_calls WHERE job_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) x")
                .query(Long.class).single()).as("tries journaled twice").isZero();
        assertThat(hub.jdbc().sql("SELECT DISTINCT outcome FROM banca_calls").query(String.class).list())
                .as("no try failed: the banca had no faults").isSubsetOf("confirmed", "rejected", "accepted");
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM demo_banca_plays b JOIN plays p ON p.request_id = b.request_id
                         WHERE (SELECT count(*) FROM banca_calls c WHERE c.play_id = p.id AND c.endpoint = 'register') <> 1""")
                .query(Long.class).single()).as("plays at the banca without exactly one register call").isZero();
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM banca_calls c JOIN plays p ON p.id = c.play_id
                         WHERE c.endpoint = 'register' AND NOT EXISTS (SELECT 1 FROM demo_banca_plays b WHERE b.request_id = p.request_id)""")
                .query(Long.class).single()).as("answered register calls the banca has no row for").isZero();
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM banca_calls c JOIN plays p ON p.id = c.play_id JOIN demo_banca_plays b ON b.request_id = p.request_id
                         WHERE (c.endpoint = 'status' AND b.answered <> 'async')
                            OR (c.endpoint = 'register' AND c.outcome <> CASE WHEN b.answered = 'async' THEN 'accepted' ELSE b.status END)""")
                .query(Long.class).single()).as("calls whose outcome is not what the banca answered").isZero();
    }

    /**
     * Every webhook event is about one of our plays at our banca and was applied or a harmless duplicate; a play
     * has at most one applied event, which carries its final status; a play the banca answered at once has none,
     * one whose webhook the banca delivered has at least one, one whose webhook was lost has none (the status
     * check decided it). Nothing was refused: every webhook was correctly signed.
     */
    static void assertEveryWebhookEventAccountedFor(LotteryHubFixture hub, UUID[] ids) {
        assertThat(hub.jdbc().sql("SELECT count(*) FROM webhook_events WHERE play_id IS NULL OR play_id <> ALL(?) OR banca_id <> ?")
                .params(ids, hub.bancaId).query(Long.class).single()).as("events about no play of ours").isZero();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM webhook_events e JOIN plays p ON p.id = e.play_id WHERE e.outcome NOT IN ('applied', 'duplicate')"
                + " AND NOT (e.outcome = 'conflict' AND e.flagged AND " + CONTRADICTED_AT_CLOSE + ")").query(Long.class).single())
                .as("events neither applied, a duplicate, nor the flagged contradiction of a play failed at its draw's close").isZero();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM (SELECT play_id FROM webhook_events WHERE outcome = 'applied' GROUP BY 1 HAVING count(*) > 1) x")
                .query(Long.class).single()).as("plays moved by two webhooks").isZero();
        List<Map<String, Object>> unexplained = hub.jdbc().sql("""
                        SELECT p.id, p.status, b.answered, b.webhook_state, b.webhook_attempts,
                               (SELECT count(*) FROM webhook_events e WHERE e.play_id = p.id) AS events
                          FROM plays p JOIN demo_banca_plays b ON b.request_id = p.request_id WHERE p.id = ANY(?)""")
                .param(ids).query().listOfRows().stream()
                .filter(r -> {
                    long events = (Long) r.get("events");
                    return switch ((String) r.get("webhook_state")) {
                        case "sent" -> events < 1 || events > ((Number) r.get("webhook_attempts")).longValue();
                        case "none", "lost" -> events != 0;
                        // answered 409: the contradiction of a play failed at its draw's close, recorded once
                        case "refused" -> !r.get("status").equals("FAILED") || events != 1;
                        default -> true;
                    };
                })
                .toList();
        assertThat(unexplained).as("plays whose webhook events the banca's sends do not explain").isEmpty();
        assertThat(hub.jdbc().sql("""
                        SELECT count(*) FROM webhook_events e JOIN plays p ON p.id = e.play_id
                         WHERE e.outcome = 'applied' AND lower(p.status) <> (CAST(e.payload AS jsonb) ->> 'status')""")
                .query(Long.class).single()).as("applied events whose status the play does not have").isZero();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM webhook_refusals").query(Long.class).single()).as("refused webhooks").isZero();
    }
}
