package dev.yantra.ops.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code yantra triage payments} on real Postgres: a database with a hold left open past its closed draw, a
 * failing capture, a refund that failed and an unhandled Stripe webhook, and a healthy one with a captured play.
 * The first is reported with its mitigations and exits 1; the second has no findings and exits 0.
 */
class PaymentsTriageTest {
    static YantraEnv sickEnv;
    static YantraEnv healthyEnv;
    static Database sick;
    static Database healthy;
    static final UUID HELD_PLAY = UUID.randomUUID();
    static final UUID CONFIRMED_PLAY = UUID.randomUUID();

    @BeforeAll
    static void scenarios() {
        sickEnv = TestPostgres.freshEnv(1);
        healthyEnv = TestPostgres.freshEnv(1);
        sick = LotteryTriageTest.open(sickEnv);
        healthy = LotteryTriageTest.open(healthyEnv);
        for (Database db : new Database[] {sick, healthy}) LotteryTriageTest.catalog(db.jdbc());
        JdbcClient s = sick.jdbc();
        UUID closedDraw = UUID.randomUUID();
        s.sql("INSERT INTO draws (id, lottery_id, draw_time, closes_at, state) VALUES (?, 'triage-lotto', now() - interval '1 hour', now() - interval '65 minutes', 'CLOSED')")
                .param(closedDraw).update();
        play(s, HELD_PLAY, closedDraw, "REJECTED");
        payment(s, HELD_PLAY, "requires_capture", 5_000, 0, false, null);
        s.sql("INSERT INTO pending_payment_jobs (id, payment_id, play_id, kind, attempts, last_error) VALUES (gen_random_uuid(), ?, ?, 'RELEASE', 4, 'stripe answered 503')")
                .params(HELD_PLAY, HELD_PLAY).update();
        play(s, CONFIRMED_PLAY, null, "CONFIRMED");
        payment(s, CONFIRMED_PLAY, "requires_capture", 5_000, 0, true, "capture failing after the banca confirmed: ApiConnectionException");
        s.sql("""
                INSERT INTO pending_payment_jobs (id, payment_id, play_id, kind, attempts, last_error, needs_attention)
                VALUES (gen_random_uuid(), ?, ?, 'CAPTURE', 3, 'ApiConnectionException: connect timed out', true)""")
                .params(CONFIRMED_PLAY, CONFIRMED_PLAY).update();
        s.sql("INSERT INTO stripe_events (event_id, type, payment_intent_id, payload, outcome, error) VALUES ('evt_1', 'payment_intent.succeeded', 'pi_1', '{}', 'failed', 'stripe down')")
                .update();
        for (int i = 0; i < 3; i++) {
            s.sql("INSERT INTO payment_calls (id, payment_id, operation, outcome, latency_ms, attempt) VALUES (gen_random_uuid(), ?, 'capture', 'retry', 5000, ?)")
                    .params(CONFIRMED_PLAY, i + 1).update();
        }
        JdbcClient h = healthy.jdbc();
        play(h, CONFIRMED_PLAY, null, "CONFIRMED");
        payment(h, CONFIRMED_PLAY, "succeeded", 0, 5_000, false, null);
        h.sql("INSERT INTO stripe_events (event_id, type, payment_intent_id, payload, outcome) VALUES ('evt_2', 'payment_intent.succeeded', 'pi_2', '{}', 'applied')")
                .update();
        h.sql("INSERT INTO payment_calls (id, payment_id, operation, outcome, latency_ms, attempt) VALUES (gen_random_uuid(), ?, 'capture', 'ok', 80, 1)")
                .param(CONFIRMED_PLAY).update();
    }

    static void play(JdbcClient j, UUID id, UUID drawId, String status) {
        j.sql("""
                INSERT INTO plays (id, request_id, body_hash, user_id, lottery_id, draw_id, banca_id, bet_type, numbers, limit_key,
                                   amount_micro, currency, payment_method, payout_frozen, liability_micro, status)
                SELECT ?, gen_random_uuid(), 'h', (SELECT id FROM players LIMIT 1), 'triage-lotto', coalesce(?, (SELECT id FROM draws WHERE state = 'OPEN' LIMIT 1)),
                       ?, 'quiniela', ARRAY['07'], '07', 5000000, 'DOP', 'card', '{}'::jsonb, 300000000, ?""")
                .params(id, drawId, LotteryTriageTest.GOOD_BANCA, status).update();
    }

    static void payment(JdbcClient j, UUID playId, String status, long capturable, long captured, boolean attention, String reason) {
        j.sql("""
                INSERT INTO payments (id, kind, play_id, request_id, user_id, amount_micro, amount_minor, currency, capture_method,
                                      payment_intent_id, status, amount_capturable_minor, captured_minor, needs_attention, attention_reason)
                SELECT ?, 'PLAY', ?, gen_random_uuid(), (SELECT id FROM players LIMIT 1), 5000000, 5000, 'DOP', 'manual', ?, ?, ?, ?, ?, ?""")
                .params(playId, playId, "pi_" + playId.toString().substring(0, 8), status, capturable, captured, attention, reason).update();
    }

    @AfterAll
    static void close() {
        sick.close();
        healthy.close();
    }

    @Test
    void a_hold_past_its_draw_a_failing_capture_and_an_unhandled_webhook_are_reported_with_what_to_run() {
        TriageReport r = PaymentsTriage.report(sick.jdbc());
        assertThat(r.sections().get(1).rows()).singleElement().satisfies(row -> assertThat(row.get("play_id")).isEqualTo(HELD_PLAY));
        assertThat(r.findings())
                .anyMatch(f -> f.startsWith("1 card holds still open 10 min after their draw closed"))
                .anyMatch(f -> f.startsWith("1 captures of confirmed card plays are failing (last error: ApiConnectionException"))
                .anyMatch(f -> f.contains("payment " + CONFIRMED_PLAY) && f.contains("capture failing after the banca confirmed"))
                .anyMatch(f -> f.startsWith("1 Stripe webhooks of the last hour were not handled"))
                .anyMatch(f -> f.startsWith("3 of 3 Stripe calls in the last hour got no usable answer"));
        assertThat(r.mitigations()).anyMatch(m -> m.contains("UPDATE pending_payment_jobs SET next_attempt_at = now() WHERE kind = 'CAPTURE'"))
                .anyMatch(m -> m.contains("payment_id = '" + HELD_PLAY + "'"))
                .anyMatch(m -> m.contains("stripe_events WHERE outcome = 'failed'"));
    }

    @Test
    void a_healthy_payments_room_has_no_findings() {
        TriageReport r = PaymentsTriage.report(healthy.jdbc());
        assertThat(r.findings()).isEmpty();
        assertThat(r.mitigations()).singleElement().asString().startsWith("nothing to do");
    }

    @Test
    void the_command_exits_1_on_a_problem_and_0_when_healthy() {
        assertThat(LotteryTriageTest.exit(sickEnv, "triage", "payments")).isEqualTo(1);
        assertThat(LotteryTriageTest.exit(sickEnv, "triage", "payments", "--json")).isEqualTo(1);
        assertThat(LotteryTriageTest.exit(healthyEnv, "triage", "payments")).isZero();
    }
}
