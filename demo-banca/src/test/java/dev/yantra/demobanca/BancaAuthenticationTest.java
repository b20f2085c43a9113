package dev.yantra.demobanca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BancaAuthenticationTest {
    private static final byte[] SECRET = "first-secret".getBytes(StandardCharsets.UTF_8);
    private static DataSource db;
    private DemoBanca banca;
    private BancaCaller yantra;

    @BeforeAll
    static void database() {
        db = BancaTestDatabase.fresh();
    }

    @BeforeEach
    void start() {
        banca = DemoBanca.start(DemoBanca.Config.of(db).withSecret("bk_1", SECRET).withSyncRate(1).withConfirmRate(1));
        yantra = new BancaCaller(banca.url(), "bk_1", SECRET);
    }

    @AfterEach
    void stop() {
        banca.close();
    }

    @Test
    void a_correctly_signed_register_call_is_accepted_and_records_which_secret_verified_it() throws Exception {
        UUID id = UUID.randomUUID();
        BancaCaller.Answer a = yantra.register(id);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.get("status")).isEqualTo("confirmed");
        assertThat(banca.ledger().byRequestId(id)).get().extracting(Play::keyId).isEqualTo("bk_1");
    }

    @Test
    void a_signature_under_a_secret_the_banca_does_not_hold_is_refused_and_registers_nothing() throws Exception {
        UUID id = UUID.randomUUID();
        BancaCaller.Answer a = yantra.register(id.toString(), BancaCaller.playBody(id), Instant.now(), "guess".getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.get("error")).isEqualTo("signature_invalid");
        assertThat(banca.ledger().rowsFor(id)).isZero();
    }

    @Test
    void a_body_changed_after_signing_is_refused() throws Exception {
        UUID id = UUID.randomUUID();
        String body = BancaCaller.playBody(id);
        String ts = dev.yantra.signing.BancaSignature.formatTimestamp(Instant.now());
        String sig = dev.yantra.signing.BancaSignature.sign(SECRET, "POST", PlayEndpoints.REGISTER_PATH, ts, body.getBytes(StandardCharsets.UTF_8));
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(banca.url() + PlayEndpoints.REGISTER_PATH))
                .header("X-Timestamp", ts).header("X-Signature", sig).header("Idempotency-Key", id.toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.replace("\"100\"", "\"900\"").replace(":100", ":900"))).build();
        int status = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(401);
        assertThat(banca.ledger().rowsFor(id)).isZero();
    }

    @Test
    void a_missing_signature_or_timestamp_is_refused_with_a_reason() throws Exception {
        UUID id = UUID.randomUUID();
        String body = BancaCaller.playBody(id);
        BancaCaller.Answer noSig = yantra.send("POST", PlayEndpoints.REGISTER_PATH, body, "2026-01-15T12:00:00Z", null, id.toString());
        BancaCaller.Answer noTs = yantra.send("POST", PlayEndpoints.REGISTER_PATH, body, null, SECRET, id.toString());
        BancaCaller.Answer junkTs = yantra.send("POST", PlayEndpoints.REGISTER_PATH, body, "yesterday", SECRET, id.toString());
        assertThat(noSig.status()).isEqualTo(401);
        assertThat(noSig.get("error")).isEqualTo("signature_missing");
        assertThat(noTs.status()).isEqualTo(401);
        assertThat(noTs.get("error")).isEqualTo("timestamp_invalid");
        assertThat(junkTs.get("error")).isEqualTo("timestamp_invalid");
        assertThat(banca.ledger().rowsFor(id)).isZero();
    }

    @Test
    void a_timestamp_more_than_120_seconds_off_is_refused_either_way_and_one_within_is_accepted() throws Exception {
        UUID old = UUID.randomUUID();
        UUID future = UUID.randomUUID();
        UUID edge = UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(yantra.register(old.toString(), BancaCaller.playBody(old), now.minusSeconds(125), SECRET).get("error")).isEqualTo("timestamp_skewed");
        assertThat(yantra.register(future.toString(), BancaCaller.playBody(future), now.plusSeconds(125), SECRET).status()).isEqualTo(401);
        assertThat(yantra.register(edge.toString(), BancaCaller.playBody(edge), now.minusSeconds(100), SECRET).status()).isEqualTo(200);
        assertThat(banca.ledger().rowsFor(old) + banca.ledger().rowsFor(future)).isZero();
    }

    @Test
    void an_epoch_seconds_timestamp_as_older_bancas_systems_send_it_verifies_too() throws Exception {
        UUID id = UUID.randomUUID();
        String ts = String.valueOf(Instant.now().getEpochSecond());
        BancaCaller.Answer a = yantra.send("POST", PlayEndpoints.REGISTER_PATH, BancaCaller.playBody(id), ts, SECRET, id.toString());
        assertThat(a.status()).isEqualTo(200);
    }

    @Test
    void during_a_rotation_both_secrets_verify_and_after_the_old_one_is_deleted_only_the_new_one_does() throws Exception {
        byte[] next = "second-secret".getBytes(StandardCharsets.UTF_8);
        BancaCaller admin = yantra;
        assertThat(admin.admin(banca.adminUrl(), "POST", "/secrets", "{\"id\":\"bk_2\",\"secret\":\"second-secret\"}").status()).isEqualTo(200);
        BancaCaller withNew = new BancaCaller(banca.url(), "bk_2", next);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(yantra.register(a).status()).isEqualTo(200);
        assertThat(withNew.register(b).status()).isEqualTo(200);
        assertThat(banca.ledger().byRequestId(b)).get().extracting(Play::keyId).isEqualTo("bk_2");

        BancaCaller.Answer deleted = admin.admin(banca.adminUrl(), "DELETE", "/secrets/bk_1", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.raw()).contains("bk_2").doesNotContain("bk_1").doesNotContain("second-secret");
        assertThat(yantra.register(UUID.randomUUID()).status()).isEqualTo(401);
        assertThat(withNew.register(UUID.randomUUID()).status()).isEqualTo(200);
        assertThat(admin.admin(banca.adminUrl(), "DELETE", "/secrets/bk_1", null).status()).isEqualTo(404);
    }

    @Test
    void a_secret_post_without_id_or_secret_is_a_clear_400() throws Exception {
        BancaCaller.Answer a = yantra.admin(banca.adminUrl(), "POST", "/secrets", "{\"id\":\"bk_3\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.get("error")).isEqualTo("invalid_secret");
        assertThat(banca.secretIds()).containsExactly("bk_1");
    }

    @Test
    void the_status_endpoint_is_signed_like_register_and_refuses_an_unsigned_call() throws Exception {
        UUID id = UUID.randomUUID();
        String playId = (String) yantra.register(id).get("playIdBanca");
        BancaCaller.Answer unsigned = yantra.send("GET", "/v1/plays/" + playId + "/status", "", "2026-01-15T12:00:00Z", null, null);
        assertThat(unsigned.status()).isEqualTo(401);
        BancaCaller.Answer signed = yantra.status(playId);
        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.get("requestId")).isEqualTo(id.toString());
    }
}
