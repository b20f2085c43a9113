package dev.yantra.demobanca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BancaIdempotencyTest {
    private static final byte[] SECRET = "idem-secret".getBytes(StandardCharsets.UTF_8);
    private static DataSource db;
    private DemoBanca banca;
    private YantraStandIn receiver;

    @BeforeAll
    static void database() {
        db = BancaTestDatabase.fresh();
    }

    @AfterEach
    void stop() {
        if (banca != null) banca.close();
        if (receiver != null) receiver.close();
    }

    private BancaCaller start(double syncRate, double confirmRate) throws Exception {
        receiver = new YantraStandIn(SECRET);
        banca = DemoBanca.start(DemoBanca.Config.of(db).withSecret("bk_1", SECRET).withSyncRate(syncRate)
                .withConfirmRate(confirmRate).withWebhookDelayMs(100).withYantraBaseUrl(receiver.baseUrl()));
        return new BancaCaller(banca.url(), "bk_1", SECRET);
    }

    @Test
    void the_same_key_twice_registers_once_and_answers_the_same() throws Exception {
        BancaCaller yantra = start(1, 1);
        UUID id = UUID.randomUUID();
        String body = BancaCaller.playBody(id);
        BancaCaller.Answer first = yantra.register(id.toString(), body, Instant.now(), SECRET);
        BancaCaller.Answer again = yantra.register(id.toString(), body, Instant.now(), SECRET);
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(first.get("ticketCode")).isNotNull();
        assertThat(banca.ledger().rowsFor(id)).isEqualTo(1);
    }

    @Test
    void twenty_concurrent_calls_with_one_key_leave_one_row_and_all_get_the_same_play() throws Exception {
        BancaCaller yantra = start(0.5, 0.5);
        UUID id = UUID.randomUUID();
        String body = BancaCaller.playBody(id);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<BancaCaller.Answer>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return yantra.register(id.toString(), body, Instant.now(), SECRET);
                }));
            }
            go.countDown();
            List<BancaCaller.Answer> answers = new ArrayList<>();
            for (Future<BancaCaller.Answer> f : calls) answers.add(f.get());
            assertThat(answers).hasSize(20).allSatisfy(a -> assertThat(a.get("playIdBanca")).isNotNull());
            assertThat(answers.stream().map(a -> a.get("playIdBanca")).distinct()).hasSize(1);
            // a repeat answers the play as it stands: accepted (202) until the webhook delay decides it, then the
            // decision (200) — the same decision, with the same ticket, for every call that sees it
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo("accepted".equals(a.get("status")) ? 202 : 200));
            assertThat(answers.stream().filter(a -> a.status() == 200).map(a -> a.get("status") + " " + a.get("ticketCode")).distinct())
                    .hasSizeLessThanOrEqualTo(1);
        }
        assertThat(banca.ledger().rowsFor(id)).isEqualTo(1);
        Play play = banca.ledger().byRequestId(id).orElseThrow();
        if (!play.answered().equals("sync")) {
            // an async play is decided once, so exactly one webhook goes out however many calls raced
            receiver.await(d -> !d.isEmpty(), Duration.ofSeconds(10));
            Thread.sleep(300);
            assertThat(receiver.deliveriesFor(id.toString())).hasSize(1);
        }
    }

    @Test
    void an_accepted_play_repeats_202_until_decided_then_answers_its_decision_without_a_second_webhook() throws Exception {
        BancaCaller yantra = start(0, 1);
        banca.changeFaults(Map.of("webhookDelayMs", 1_000));
        UUID id = UUID.randomUUID();
        BancaCaller.Answer first = yantra.register(id);
        BancaCaller.Answer again = yantra.register(id);
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.get("playIdBanca")).isEqualTo(first.get("playIdBanca"));
        receiver.await(d -> d.size() == 1, Duration.ofSeconds(10));
        BancaCaller.Answer later = yantra.register(id);
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.get("status")).isEqualTo("confirmed");
        assertThat(later.get("ticketCode")).isEqualTo(receiver.deliveries().getFirst().body().get("ticketCode"));
        Thread.sleep(300);
        assertThat(receiver.deliveries()).hasSize(1);
    }

    @Test
    void the_key_must_be_sent_and_must_equal_the_request_id() throws Exception {
        BancaCaller yantra = start(1, 1);
        UUID id = UUID.randomUUID();
        String body = BancaCaller.playBody(id);
        BancaCaller.Answer missing = yantra.register(null, body, Instant.now(), SECRET);
        BancaCaller.Answer other = yantra.register(UUID.randomUUID().toString(), body, Instant.now(), SECRET);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.get("error")).isEqualTo("idempotency_key_required");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.get("error")).isEqualTo("idempotency_key_mismatch");
        assertThat(banca.ledger().rowsFor(id)).isZero();
    }

    @Test
    void the_same_key_with_a_different_play_is_409_and_the_first_play_stands() throws Exception {
        BancaCaller yantra = start(1, 1);
        UUID id = UUID.randomUUID();
        BancaCaller.Answer first = yantra.register(id.toString(), BancaCaller.playBody(id, "quiniela", "[\"05\"]", "100"), Instant.now(), SECRET);
        BancaCaller.Answer changed = yantra.register(id.toString(), BancaCaller.playBody(id, "quiniela", "[\"06\"]", "100"), Instant.now(), SECRET);
        assertThat(first.status()).isEqualTo(200);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.get("error")).isEqualTo("idempotency_key_reused");
        assertThat(banca.ledger().rowsFor(id)).isEqualTo(1);
    }

    @Test
    void a_play_without_what_a_banca_needs_is_rejected_with_422_and_not_registered() throws Exception {
        BancaCaller yantra = start(1, 1);
        UUID id = UUID.randomUUID();
        String body = "{\"requestId\":\"" + id + "\",\"play\":{\"lotteryId\":\"leidsa\",\"betType\":\"quiniela\",\"amount\":100}}";
        BancaCaller.Answer a = yantra.register(id.toString(), body, Instant.now(), SECRET);
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.get("status")).isEqualTo("rejected");
        assertThat(a.get("message").toString()).contains("numbers");
        assertThat(banca.ledger().rowsFor(id)).isZero();
        BancaCaller.Answer notJson = yantra.register(id.toString(), "not json", Instant.now(), SECRET);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.get("error")).isEqualTo("invalid_json");
        String nul = BancaCaller.playBody(id).replace("\"leidsa\"", "\"lei\\u0000dsa\"");
        BancaCaller.Answer unstorable = yantra.register(id.toString(), nul, Instant.now(), SECRET);
        assertThat(unstorable.status()).isEqualTo(400);
        assertThat(unstorable.get("error")).isEqualTo("invalid_json");
        assertThat(banca.ledger().rowsFor(id)).isZero();
    }
}
