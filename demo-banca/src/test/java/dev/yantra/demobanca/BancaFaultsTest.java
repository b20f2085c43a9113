package dev.yantra.demobanca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BancaFaultsTest {
    private static final byte[] SECRET = "faults-secret".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static DataSource db;
    private DemoBanca banca;
    private YantraStandIn receiver;
    private BancaCaller yantra;

    @BeforeAll
    static void database() {
        db = BancaTestDatabase.fresh();
    }

    @BeforeEach
    void start() throws IOException {
        receiver = new YantraStandIn(SECRET);
        banca = DemoBanca.start(DemoBanca.Config.of(db).withSecret("bk_1", SECRET).withSyncRate(1).withConfirmRate(1)
                .withWebhookDelayMs(50).withYantraBaseUrl(receiver.baseUrl()));
        yantra = new BancaCaller(banca.url(), "bk_1", SECRET);
    }

    @AfterEach
    void stop() {
        banca.close();
        receiver.close();
    }

    private BancaCaller.Answer faults(String json) throws Exception {
        return yantra.admin(banca.adminUrl(), "POST", "/faults", json);
    }

    @Test
    void down_refuses_connections_while_the_admin_listener_still_answers_and_up_serves_again_on_the_same_port() throws Exception {
        int port = banca.port();
        assertThat(faults("{\"down\":true}").get("down")).isEqualTo(true);
        assertThatThrownBy(() -> yantra.register(UUID.randomUUID())).isInstanceOf(ConnectException.class);
        assertThat(yantra.admin(banca.adminUrl(), "GET", "/faults", null).get("down")).isEqualTo(true);
        faults("{\"down\":false}");
        assertThat(banca.port()).isEqualTo(port);
        assertThat(yantra.register(UUID.randomUUID()).status()).isEqualTo(200);
    }

    @Test
    void the_admin_api_is_also_served_on_the_banca_port_while_it_is_up() throws Exception {
        BancaCaller.Answer a = yantra.admin(banca.url() + "/admin", "POST", "/faults", "{\"slowMs\":5}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(banca.faults().slowMs()).isEqualTo(5);
    }

    @Test
    void an_error_rate_of_one_answers_503_and_registers_nothing() throws Exception {
        faults("{\"errorRate\":1}");
        UUID id = UUID.randomUUID();
        assertThat(yantra.register(id).status()).isEqualTo(503);
        assertThat(banca.ledger().rowsFor(id)).isZero();
    }

    @Test
    void a_timed_out_call_is_registered_although_the_caller_never_hears_the_answer() throws Exception {
        faults("{\"timeoutRate\":1,\"timeoutSleepMs\":2000}");
        yantra.timeout = Duration.ofMillis(500);
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> yantra.register(id)).isInstanceOf(HttpTimeoutException.class);
        assertThat(Await.registered(banca, id, WAIT).status()).isEqualTo("confirmed");
        faults("{\"clear\":true}");
        yantra.timeout = Duration.ofSeconds(10);
        BancaCaller.Answer retry = yantra.register(id);
        assertThat(retry.get("ticketCode")).isEqualTo(banca.ledger().byRequestId(id).orElseThrow().ticketCode());
    }

    @Test
    void slow_delays_every_answer_by_at_least_the_configured_time() throws Exception {
        faults("{\"slowMs\":400}");
        long start = System.nanoTime();
        assertThat(yantra.register(UUID.randomUUID()).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void force_reject_rejects_every_play_sync_and_async() throws Exception {
        faults("{\"forceReject\":true}");
        BancaCaller.Answer sync = yantra.register(UUID.randomUUID());
        assertThat(sync.get("status")).isEqualTo("rejected");
        assertThat(sync.get("reason")).isEqualTo("forced_reject");
        faults("{\"syncRate\":0}");
        UUID id = UUID.randomUUID();
        assertThat(yantra.register(id).status()).isEqualTo(202);
        YantraStandIn.Delivery w = receiver.await(l -> l.size() == 1, WAIT).getFirst();
        assertThat(w.body()).containsEntry("status", "rejected").containsEntry("reason", "forced_reject");
    }

    @Test
    void a_lost_webhook_is_never_sent_but_the_play_is_decided_and_visible_through_status() throws Exception {
        faults("{\"syncRate\":0,\"lostWebhooks\":1}");
        UUID id = UUID.randomUUID();
        String playId = (String) yantra.register(id).get("playIdBanca");
        Play p = Await.webhookState(banca, id, "lost", WAIT);
        assertThat(p.status()).isEqualTo("confirmed");
        Thread.sleep(200);
        assertThat(receiver.deliveries()).isEmpty();
        assertThat(yantra.status(playId).get("status")).isEqualTo("confirmed");
    }

    @Test
    void a_duplicated_webhook_arrives_twice_with_the_same_body_and_event_id() throws Exception {
        faults("{\"syncRate\":0,\"duplicateWebhooks\":1}");
        UUID id = UUID.randomUUID();
        yantra.register(id);
        List<YantraStandIn.Delivery> d = receiver.await(l -> l.size() == 2, WAIT);
        assertThat(d.get(0).body()).isEqualTo(d.get(1).body());
        assertThat(d.get(0).eventId()).isEqualTo(d.get(1).eventId());
        assertThat(d).allSatisfy(x -> assertThat(x.signatureValid()).isTrue());
        Thread.sleep(200);
        assertThat(receiver.deliveries()).hasSize(2);
    }

    @Test
    void reordered_webhooks_are_held_and_arrive_in_reverse_order_of_decision() throws Exception {
        faults("{\"syncRate\":0,\"reorderWebhooks\":true}");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        yantra.register(first);
        Await.webhookState(banca, first, "held", WAIT);
        yantra.register(second);
        List<YantraStandIn.Delivery> d = receiver.await(l -> l.size() == 2, WAIT);
        assertThat(d).extracting(YantraStandIn.Delivery::requestId).containsExactly(second.toString(), first.toString());
    }

    @Test
    void switching_reordering_off_sends_what_is_still_held() throws Exception {
        faults("{\"syncRate\":0,\"reorderWebhooks\":true}");
        UUID id = UUID.randomUUID();
        yantra.register(id);
        Await.webhookState(banca, id, "held", WAIT);
        Thread.sleep(100);
        assertThat(receiver.deliveries()).isEmpty();
        faults("{\"reorderWebhooks\":false}");
        assertThat(receiver.await(l -> l.size() == 1, WAIT).getFirst().requestId()).isEqualTo(id.toString());
    }

    @Test
    void a_webhook_signed_with_a_wrong_secret_fails_verification_at_yantra_and_is_not_retried() throws Exception {
        faults("{\"syncRate\":0,\"wrongSecretWebhooks\":1}");
        UUID id = UUID.randomUUID();
        yantra.register(id);
        YantraStandIn.Delivery w = receiver.await(l -> l.size() == 1, WAIT).getFirst();
        assertThat(w.signatureValid()).isFalse();
        assertThat(w.answered()).isEqualTo(401);
        Play p = Await.webhookState(banca, id, "refused", WAIT);
        assertThat(p.webhookLastHttp()).isEqualTo(401);
    }

    @Test
    void bad_fault_values_are_refused_with_a_message_naming_them_and_change_nothing() throws Exception {
        Faults before = banca.faults();
        BancaCaller.Answer rate = faults("{\"errorRate\":1.5}");
        BancaCaller.Answer typo = faults("{\"errorRat\":0.5}");
        BancaCaller.Answer type = faults("{\"down\":\"yes\"}");
        assertThat(rate.status()).isEqualTo(400);
        assertThat(rate.get("message").toString()).contains("errorRate");
        assertThat(typo.get("message").toString()).contains("errorRat");
        assertThat(type.get("message").toString()).contains("down");
        assertThat(banca.faults()).isEqualTo(before);
    }

    @Test
    void clear_removes_every_fault_and_returns_to_the_configured_rates() throws Exception {
        faults("{\"errorRate\":0.3,\"timeoutRate\":0.2,\"lostWebhooks\":1,\"forceReject\":true,\"syncRate\":0.1,\"webhookDelayMs\":9000}");
        BancaCaller.Answer cleared = faults("{\"clear\":true}");
        assertThat(cleared.body()).containsEntry("errorRate", 0.0).containsEntry("forceReject", false)
                .containsEntry("syncRate", 1.0).containsEntry("confirmRate", 1.0).containsEntry("webhookDelayMs", 50);
        assertThat(banca.faults()).isEqualTo(banca.clearedFaults());
        assertThat(banca.changeFaults(Map.of("clear", true, "down", false))).isEqualTo(banca.clearedFaults());
    }

    @Test
    void the_ledger_is_listed_and_each_play_is_readable_by_request_id_through_the_admin_api() throws Exception {
        UUID id = UUID.randomUUID();
        yantra.register(id);
        BancaCaller.Answer all = yantra.admin(banca.adminUrl(), "GET", "/plays", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.raw()).contains(id.toString());
        BancaCaller.Answer one = yantra.admin(banca.adminUrl(), "GET", "/plays/" + id, null);
        assertThat(one.get("status")).isEqualTo("confirmed");
        assertThat(one.get("answered")).isEqualTo("sync");
        assertThat(yantra.admin(banca.adminUrl(), "GET", "/plays/" + UUID.randomUUID(), null).status()).isEqualTo(404);
        assertThat(yantra.admin(banca.adminUrl(), "GET", "/plays/nope", null).status()).isEqualTo(400);
    }
}
