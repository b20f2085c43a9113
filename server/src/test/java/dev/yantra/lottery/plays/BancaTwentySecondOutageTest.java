package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.breaker.CounterpartyBreakers.State;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The banca down (connection refused) for twenty seconds while players keep buying, then back. Buying never
 * notices: every play is accepted and waits QUEUED, none is rejected for the outage. The banca's breaker opens
 * (its gauge reads open, its transitions are seen) and, once the banca answers again, closes. Plays of a draw
 * that closed during the outage end failed and refunded; every other play is registered once after recovery
 * (the idempotency key makes the retries one play) and confirmed, and every balance adds up.
 *
 * <p>Twenty seconds proves what a two-minute outage would in production: the fixture holds the breaker open for
 * 1 s (30 s in production) and caps the retry backoff at 1 s, so the outage still spans many open periods,
 * half-open probes and retries of every play, and a draw still closes in the middle of it.
 */
class BancaTwentySecondOutageTest {
    static final Duration OUTAGE = Duration.ofSeconds(20);
    /** The closing draw stops being bought this long before it closes, so no buy races the close (a 4xx, not a 201). */
    static final Duration SALE_MARGIN = Duration.ofSeconds(3);
    /** The pace of buying during the outage: about 70 plays in twenty seconds. */
    static final Duration BETWEEN_PLAYS = Duration.ofMillis(250);
    static final long DEPOSIT_UNITS = 1_000;
    static final long MICRO = 100_000L;

    record Transition(State from, State to) {
    }

    @Test
    void twenty_seconds_of_banca_outage_reject_no_play_open_and_close_the_breaker_and_fail_only_the_closed_draws_plays()
            throws Exception {
        try (LotteryHubFixture hub = new LotteryHubFixture()) {
            String banca = hub.bancaId.toString();
            List<Transition> transitions = new CopyOnWriteArrayList<>();
            hub.forwarding().breakers().onTransition((id, from, to) -> {
                if (id.equals(banca)) transitions.add(new Transition(from, to));
            });
            List<LotteryHubFixture.Player> players = new ArrayList<>();
            for (int i = 0; i < 8; i++) players.add(hub.player(DEPOSIT_UNITS));

            // before: the banca answers, a play is confirmed
            UUID before = playId(hub.buy(players.getFirst(), playBody(UUID.randomUUID(), players.getFirst().id(), "quiniela", "[\"01\"]", "5")));
            await("a play confirmed before the outage", Duration.ofSeconds(20), () -> hub.status(before).equals("CONFIRMED"));

            // a draw that closes a third of the way into the outage: its plays can never reach the banca
            UUID closing = hub.openDraw(OUTAGE.dividedBy(3));
            hub.banca.changeFaults(Map.of("down", true));
            long downAt = System.nanoTime();
            long upAt = downAt + OUTAGE.toNanos();
            List<UUID> onClosingDraw = new ArrayList<>();
            List<UUID> onOpenDraw = new ArrayList<>();
            boolean gaugeReadOpen = false;
            for (int i = 0; System.nanoTime() < upAt; i++) {
                LotteryHubFixture.Player p = players.get(i % players.size());
                String numbers = "[\"" + String.format("%02d", i % 100) + "\"]";
                boolean closingStillOnSale = System.nanoTime() < downAt + OUTAGE.dividedBy(3).minus(SALE_MARGIN).toNanos();
                if (i % 2 == 0 && closingStillOnSale) {
                    String body = playBody(UUID.randomUUID(), p.id(), "quiniela", numbers, "3")
                            .replace("\"betType\"", "\"drawId\":\"" + closing + "\",\"betType\"");
                    onClosingDraw.add(playId(hub.buy(p, body)));
                } else {
                    // the fixture's draw by id: without one a play lands on the soonest-closing draw, the closing one
                    String body = playBody(UUID.randomUUID(), p.id(), "quiniela", numbers, "2")
                            .replace("\"betType\"", "\"drawId\":\"" + hub.drawId + "\",\"betType\"");
                    onOpenDraw.add(playId(hub.buy(p, body)));
                }
                if (!gaugeReadOpen) gaugeReadOpen = breakerGauge(hub).equals("1.0");
                Thread.sleep(BETWEEN_PLAYS.toMillis());   // the pace of buying, not a wait for a condition
            }
            // still down: nothing the banca was sent has been decided, nothing was rejected
            assertThat(hub.jdbc().sql("SELECT count(*) FROM plays WHERE status = 'REJECTED'").query(Long.class).single())
                    .as("plays rejected during the outage").isZero();
            assertThat(onOpenDraw).allSatisfy(id -> assertThat(hub.status(id)).as("play %s during the outage", id).isEqualTo("QUEUED"));
            assertThat(gaugeReadOpen).as("banca_circuit_breaker_state read 1 (open) during the outage").isTrue();
            assertThat(transitions).as("the breaker opened").contains(new Transition(State.CLOSED, State.OPEN));
            // the closed draw's plays: failed by the fail-safe and refunded, while the banca was still down
            await("the closed draw's plays failed", Duration.ofSeconds(10), () -> onClosingDraw.stream().allMatch(id -> hub.status(id).equals("FAILED")));
            assertThat(hub.jdbc().sql("SELECT count(*) FROM banca_calls WHERE response_status IS NOT NULL AND created_at > now() - ? * interval '1 second'")
                    .param(OUTAGE.toSeconds() - 1).query(Long.class).single()).as("answers from a banca that was down").isZero();

            hub.banca.changeFaults(Map.of("down", false));
            long recoveredAt = System.nanoTime();
            await("every play of the open draw confirmed after the outage", Duration.ofSeconds(90),
                    () -> onOpenDraw.stream().allMatch(id -> hub.status(id).equals("CONFIRMED")));
            long drainedMs = (System.nanoTime() - recoveredAt) / 1_000_000;
            await("the breaker closed again", Duration.ofSeconds(20), () -> hub.forwarding().breakers().state(banca) == State.CLOSED);
            assertThat(transitions.getLast().to()).isEqualTo(State.CLOSED);
            assertThat(transitions).as("probed while down").contains(new Transition(State.OPEN, State.HALF_OPEN));
            await("the gauge reads closed", Duration.ofSeconds(15), () -> breakerGauge(hub).equals("0.0"));

            for (UUID id : onOpenDraw) {
                UUID requestId = hub.jdbc().sql("SELECT request_id FROM plays WHERE id = ?").param(id).query(UUID.class).single();
                assertThat(hub.banca.ledger().rowsFor(requestId)).as("banca rows of play %s", id).isEqualTo(1);
                assertThat(hub.banca.ledger().byRequestId(requestId).orElseThrow().ticketCode())
                        .isEqualTo(hub.jdbc().sql("SELECT ticket_code FROM plays WHERE id = ?").param(id).query(String.class).single());
            }
            for (UUID id : onClosingDraw) {
                UUID requestId = hub.jdbc().sql("SELECT request_id FROM plays WHERE id = ?").param(id).query(UUID.class).single();
                assertThat(hub.banca.ledger().rowsFor(requestId)).as("a failed play never reached the banca").isZero();
                assertThat(hub.jdbc().sql("SELECT count(*) FROM player_ledger WHERE idempotency_key = ?").param("refund:" + id)
                        .query(Long.class).single()).as("refunds of failed play %s", id).isEqualTo(1L);
            }
            for (LotteryHubFixture.Player p : players) {
                long held = hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM plays WHERE user_id = ? AND status = 'CONFIRMED'")
                        .param(p.id()).query(Long.class).single();
                assertThat(hub.balanceMicro(p)).as("balance of %s", p.id()).isEqualTo(DEPOSIT_UNITS * MICRO - held);
            }
            // the outage's tries are journaled as retries without an answer; each open-draw play has one answered try
            assertThat(hub.jdbc().sql("SELECT count(*) FROM banca_calls WHERE response_status IS NULL AND outcome = 'retry'")
                    .query(Long.class).single()).as("failed tries journaled").isPositive();
            assertThat(hub.jdbc().sql("""
                            SELECT count(*) FROM plays p WHERE p.id = ANY(?)
                               AND (SELECT count(*) FROM banca_calls c WHERE c.play_id = p.id AND c.response_status IS NOT NULL) <> 1""")
                    .param(onOpenDraw.toArray(new UUID[0])).query(Long.class).single()).as("plays with other than one answered try").isZero();
            System.err.printf("[hube2e] outage: %d plays on the open draw, %d on the closing draw, %d breaker transitions, "
                    + "drained %d ms after the banca came back%n", onOpenDraw.size(), onClosingDraw.size(), transitions.size(), drainedMs);
        }
    }

    static UUID playId(HttpResponse<String> r) {
        assertThat(r.statusCode()).as("a play bought during the outage: %s", r.body()).isEqualTo(201);
        return UUID.fromString(Json.parse(r.body()).get("playId").stringValue());
    }

    /** The value of banca_circuit_breaker_state for the fixture's banca on /metrics, as printed ("" if absent). */
    static String breakerGauge(LotteryHubFixture hub) {
        String prefix = "banca_circuit_breaker_state{banca=\"" + hub.bancaId + "\"} ";
        return hub.call("GET", "/metrics", null, null, Map.of()).body().lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip()).findFirst().orElse("");
    }
}
