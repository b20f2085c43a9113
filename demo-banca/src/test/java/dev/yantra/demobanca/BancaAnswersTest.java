package dev.yantra.demobanca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BancaAnswersTest {
    private static final byte[] SECRET = "answers-secret".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(10);
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
                .withConfirmRate(confirmRate).withWebhookDelayMs(50).withYantraBaseUrl(receiver.baseUrl()));
        return new BancaCaller(banca.url(), "bk_1", SECRET);
    }

    @Test
    void a_sync_confirmation_answers_200_with_the_banca_play_id_and_a_ticket_code_and_sends_no_webhook() throws Exception {
        BancaCaller yantra = start(1, 1);
        UUID id = UUID.randomUUID();
        BancaCaller.Answer a = yantra.register(id);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.get("status")).isEqualTo("confirmed");
        assertThat((String) a.get("playIdBanca")).startsWith("DB-");
        assertThat((String) a.get("ticketCode")).matches("T[0-9A-Z]{12}");
        Play p = banca.ledger().byRequestId(id).orElseThrow();
        assertThat(p.answered()).isEqualTo("sync");
        assertThat(p.webhookState()).isEqualTo("none");
        Thread.sleep(200);
        assertThat(receiver.deliveries()).isEmpty();
    }

    @Test
    void a_sync_rejection_answers_200_rejected_with_a_reason_and_no_ticket() throws Exception {
        BancaCaller yantra = start(1, 0);
        BancaCaller.Answer a = yantra.register(UUID.randomUUID());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.get("status")).isEqualTo("rejected");
        assertThat(a.body()).containsKey("ticketCode");
        assertThat(a.get("ticketCode")).isNull();
        assertThat(a.get("reason")).isEqualTo("number_sold_out");
    }

    @Test
    void an_async_play_answers_202_then_sends_a_signed_confirmation_webhook_that_the_receiver_verifies() throws Exception {
        BancaCaller yantra = start(0, 1);
        UUID id = UUID.randomUUID();
        BancaCaller.Answer a = yantra.register(id);
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.get("status")).isEqualTo("accepted");
        assertThat(a.body()).doesNotContainKey("ticketCode");
        List<YantraStandIn.Delivery> d = receiver.await(l -> l.size() == 1, WAIT);
        YantraStandIn.Delivery w = d.getFirst();
        assertThat(w.signatureValid()).isTrue();
        assertThat(w.fresh()).isTrue();
        assertThat(w.keyId()).isEqualTo("bk_1");
        assertThat(w.body()).containsEntry("requestId", id.toString()).containsEntry("status", "confirmed")
                .containsEntry("playIdBanca", a.get("playIdBanca")).doesNotContainKey("reason");
        assertThat((String) w.body().get("ticketCode")).matches("T[0-9A-Z]{12}");
        awaitWebhookState(id, "sent");
        assertThat(banca.ledger().byRequestId(id).orElseThrow().webhookAttempts()).isEqualTo(1);
    }

    @Test
    void an_async_rejection_webhook_carries_a_null_ticket_code_and_a_reason() throws Exception {
        BancaCaller yantra = start(0, 0);
        UUID id = UUID.randomUUID();
        assertThat(yantra.register(id).status()).isEqualTo(202);
        YantraStandIn.Delivery w = receiver.await(l -> l.size() == 1, WAIT).getFirst();
        assertThat(w.body()).containsEntry("status", "rejected").containsEntry("ticketCode", null)
                .containsEntry("reason", "number_sold_out");
    }

    @Test
    void the_status_endpoint_shows_accepted_then_the_decision() throws Exception {
        BancaCaller yantra = start(0, 1);
        banca.changeFaults(java.util.Map.of("webhookDelayMs", 800));
        UUID id = UUID.randomUUID();
        String playId = (String) yantra.register(id).get("playIdBanca");
        BancaCaller.Answer before = yantra.status(playId);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.get("status")).isEqualTo("accepted");
        assertThat(before.get("ticketCode")).isNull();
        receiver.await(l -> l.size() == 1, WAIT);
        BancaCaller.Answer after = yantra.status(playId);
        assertThat(after.get("status")).isEqualTo("confirmed");
        assertThat(after.get("requestId")).isEqualTo(id.toString());
        assertThat(after.get("playIdBanca")).isEqualTo(playId);
        assertThat(after.get("ticketCode")).isEqualTo(receiver.deliveries().getFirst().body().get("ticketCode"));
        assertThat(yantra.status("DB-99999999").status()).isEqualTo(404);
    }

    @Test
    void a_webhook_answered_5xx_is_retried_until_yantra_takes_it() throws Exception {
        BancaCaller yantra = start(0, 1);
        receiver.answerNext(503, 500);
        UUID id = UUID.randomUUID();
        yantra.register(id);
        List<YantraStandIn.Delivery> d = receiver.await(l -> l.size() == 3, WAIT);
        assertThat(d).extracting(YantraStandIn.Delivery::answered).containsExactly(503, 500, 200);
        assertThat(d.stream().map(YantraStandIn.Delivery::eventId).distinct()).hasSize(1);
        Play p = awaitWebhookState(id, "sent");
        assertThat(p.webhookAttempts()).isEqualTo(3);
        assertThat(p.webhookLastHttp()).isEqualTo(200);
    }

    @Test
    void a_webhook_answered_4xx_is_not_retried() throws Exception {
        BancaCaller yantra = start(0, 1);
        receiver.answerNext(409);
        UUID id = UUID.randomUUID();
        yantra.register(id);
        receiver.await(l -> l.size() == 1, WAIT);
        Play p = awaitWebhookState(id, "refused");
        Thread.sleep(WebhookSender.RETRY_BASE_MS * 3);
        assertThat(receiver.deliveries()).hasSize(1);
        assertThat(p.webhookLastHttp()).isEqualTo(409);
    }

    @Test
    void a_webhook_yantra_never_answers_is_retried_a_bounded_number_of_times_then_marked_failed() throws Exception {
        BancaCaller yantra = start(0, 1);
        receiver.answerNext(503, 503, 503, 503, 503, 503);
        UUID id = UUID.randomUUID();
        yantra.register(id);
        Play p = awaitWebhookState(id, "failed");
        assertThat(p.webhookAttempts()).isEqualTo(WebhookSender.MAX_ATTEMPTS);
        assertThat(receiver.deliveries()).hasSize(WebhookSender.MAX_ATTEMPTS);
    }

    @Test
    void health_answers_ok() throws Exception {
        BancaCaller yantra = start(1, 1);
        BancaCaller.Answer a = yantra.admin(banca.url(), "GET", "/health", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.get("status")).isEqualTo("ok");
    }

    private Play awaitWebhookState(UUID id, String state) throws InterruptedException {
        return Await.webhookState(banca, id, state, WAIT);
    }
}
