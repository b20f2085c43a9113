package dev.yantra.demobanca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BancaLedgerSharingTest {
    private static final byte[] SECRET = "sharing-secret".getBytes(StandardCharsets.UTF_8);
    private static DataSource db;

    @BeforeAll
    static void database() {
        db = BancaTestDatabase.fresh();
    }

    private static DemoBanca.Config config(String name) {
        return DemoBanca.Config.of(db).withName(name).withSecret("bk_1", SECRET).withSyncRate(1).withConfirmRate(1);
    }

    @Test
    void two_bancas_sharing_a_database_keep_separate_ledgers() throws Exception {
        try (DemoBanca north = DemoBanca.start(config("north")); DemoBanca south = DemoBanca.start(config("south"))) {
            UUID id = UUID.randomUUID();
            BancaCaller.Answer n = new BancaCaller(north.url(), "bk_1", SECRET).register(id);
            BancaCaller.Answer s = new BancaCaller(south.url(), "bk_1", SECRET).register(id);
            assertThat(n.get("playIdBanca")).isNotEqualTo(s.get("playIdBanca"));
            assertThat(north.ledger().rowsFor(id)).isEqualTo(1);
            assertThat(south.ledger().rowsFor(id)).isEqualTo(1);
            assertThat(new BancaCaller(south.url(), "bk_1", SECRET).status((String) n.get("playIdBanca")).status()).isEqualTo(404);
            assertThat(north.ledger().recent(100)).extracting(Play::playIdBanca).contains((String) n.get("playIdBanca"))
                    .doesNotContain((String) s.get("playIdBanca"));
        }
    }

    @Test
    void a_restarted_banca_sends_the_webhooks_of_plays_it_accepted_but_had_not_decided() throws Exception {
        UUID id = UUID.randomUUID();
        try (YantraStandIn receiver = new YantraStandIn(SECRET)) {
            try (DemoBanca before = DemoBanca.start(config("restart").withSyncRate(0).withWebhookDelayMs(600_000)
                    .withYantraBaseUrl(receiver.baseUrl()))) {
                assertThat(new BancaCaller(before.url(), "bk_1", SECRET).register(id).status()).isEqualTo(202);
            }
            try (DemoBanca other = DemoBanca.start(config("bystander").withWebhookDelayMs(10).withYantraBaseUrl(receiver.baseUrl()));
                 DemoBanca after = DemoBanca.start(config("restart").withWebhookDelayMs(50).withYantraBaseUrl(receiver.baseUrl()))) {
                YantraStandIn.Delivery d = receiver.await(l -> l.size() == 1, Duration.ofSeconds(10)).getFirst();
                assertThat(d.requestId()).isEqualTo(id.toString());
                assertThat(Await.webhookState(after, id, "sent", Duration.ofSeconds(10)).status()).isEqualTo("confirmed");
                Thread.sleep(200);
                assertThat(receiver.deliveries()).hasSize(1);
                assertThat(other.ledger().byRequestId(id)).isEmpty();
            }
        }
    }

    @Test
    void a_name_that_could_not_be_a_ledger_key_is_refused_at_configuration() {
        assertThatThrownBy(() -> config("Bad Name")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }
}
