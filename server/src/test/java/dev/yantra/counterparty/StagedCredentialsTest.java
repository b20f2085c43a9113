package dev.yantra.counterparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.MasterKey;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.operator.CredentialStore;
import dev.yantra.operator.CredentialStore.Kind;
import dev.yantra.signing.SecretBox;
import dev.yantra.testing.Await;
import dev.yantra.testing.TestPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one staged rotation, on the two tables that use it (operator credentials, banca credentials), on a real
 * database whose clock decides every state.
 */
class StagedCredentialsTest {
    static Database db;
    static JdbcClient jdbc;
    static CredentialStore operators;
    static BancaCredentials bancas;

    @BeforeAll
    static void start() {
        YantraEnv env = TestPostgres.freshEnv(1);
        db = Database.open(env, "yantra-test", 4, null);
        db.migrate();
        jdbc = db.jdbc();
        SecretBox box = new SecretBox(MasterKey.resolve(env));
        AdminAudit audit = new AdminAudit(jdbc);
        operators = new CredentialStore(db, box, audit);
        bancas = new BancaCredentials(db, box, audit);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static UUID operator() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, ?, 'c@example.com')").params(id, "op-" + id).update();
        return id;
    }

    static UUID banca() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO bancas (id, name, rnc, endpoint_url, contact, status) VALUES (?, ?, '1', 'http://127.0.0.1:9', 'c', 'active')")
                .params(id, "b-" + id).update();
        return id;
    }

    static Instant dbNowPlus(Duration d) {
        return jdbc.sql("SELECT now() + make_interval(secs => ?)").param((double) d.toMillis() / 1000).query(Timestamp.class).single().toInstant();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        // the tests' one wait: testing.Await
        Await.until(what, Duration.ofSeconds(15), condition);
    }

    @Test
    void a_second_outbound_key_is_staged_and_we_keep_signing_with_the_first_until_it_is_activated() {
        UUID op = operator();
        CredentialStore.Issued first = operators.issue(op, Kind.OUTBOUND, null, "test");
        assertThat(first.credential().state()).as("an operator's first key signs at once").isEqualTo("ACTIVE");
        CredentialStore.Issued second = operators.issue(op, Kind.OUTBOUND, null, "test");
        assertThat(second.credential().state()).isEqualTo("ISSUED");
        assertThat(operators.currentOutbound(op).kid()).isEqualTo(first.credential().kid());

        CredentialStore.Activated a = operators.activate(second.credential().kid(), null, Duration.ofHours(2), "test");
        assertThat(operators.currentOutbound(op).kid()).isEqualTo(second.credential().kid());
        CredentialStore.Credential old = operators.get(first.credential().kid());
        assertThat(old.state()).isEqualTo("RETIRING");
        assertThat(Duration.between(a.credential().activatedAt(), old.notAfter())).isEqualTo(Duration.ofHours(2));
        assertThat(operators.activate(second.credential().kid(), null, null, "test").changed())
                .as("activating the active key changes nothing").isFalse();
        assertThat(jdbc.sql("SELECT action FROM admin_audit_log WHERE subject = ? ORDER BY id").param("credential:" + second.credential().kid())
                .query(String.class).list()).containsExactly("credential.issue", "credential.activate");
    }

    @Test
    void a_scheduled_activation_signs_from_its_time_and_the_old_key_retires_an_overlap_after_it() throws Exception {
        UUID op = operator();
        String first = operators.issue(op, Kind.OUTBOUND, null, "test").credential().kid();
        String second = operators.issue(op, Kind.OUTBOUND, null, "test").credential().kid();
        Instant at = dbNowPlus(Duration.ofSeconds(2));
        operators.activate(second, at, Duration.ofSeconds(1), "test");
        assertThat(operators.get(second).state()).isEqualTo("SCHEDULED");
        assertThat(operators.currentOutbound(op).kid()).as("before its time the old key signs").isEqualTo(first);
        assertThat(operators.get(first).notAfter()).isEqualTo(at.plusSeconds(1));

        await("the scheduled key to sign", () -> operators.currentOutbound(op).kid().equals(second));
        assertThat(operators.get(second).state()).isEqualTo("ACTIVE");
        await("the old key to expire", () -> operators.get(first).state().equals("EXPIRED"));
    }

    @Test
    void a_retiring_key_can_be_activated_again_which_is_the_way_back_from_a_premature_rotation() {
        UUID op = operator();
        String first = operators.issue(op, Kind.OUTBOUND, null, "test").credential().kid();
        String second = operators.issue(op, Kind.OUTBOUND, null, "test").credential().kid();
        operators.activate(second, null, Duration.ofHours(1), "test");
        operators.activate(first, null, Duration.ofHours(1), "test");
        assertThat(operators.currentOutbound(op).kid()).isEqualTo(first);
        assertThat(operators.get(first).state()).isEqualTo("ACTIVE");
        assertThat(operators.get(second).state()).isEqualTo("RETIRING");
    }

    @Test
    void bad_activations_are_refused_with_a_reason_and_change_nothing() {
        UUID op = operator();
        String first = operators.issue(op, Kind.OUTBOUND, null, "test").credential().kid();
        String second = operators.issue(op, Kind.OUTBOUND, null, "test").credential().kid();
        assertThatThrownBy(() -> operators.activate(second, dbNowPlus(Duration.ofSeconds(-5)), null, "test"))
                .isInstanceOf(UsageException.class).hasMessageContaining("not in the future");
        assertThatThrownBy(() -> operators.activate(second, null, Duration.ofHours(25), "test"))
                .isInstanceOf(UsageException.class).hasMessageContaining("overlap must be between 0 and 24h");
        operators.revoke(second, "test", "drill");
        assertThatThrownBy(() -> operators.activate(second, null, null, "test"))
                .isInstanceOf(UsageException.class).hasMessageContaining("is REVOKED");
        assertThat(operators.currentOutbound(op).kid()).isEqualTo(first);
        assertThat(operators.get(first).notAfter()).isNull();
    }

    @Test
    void an_imported_secret_is_kept_sealed_never_shown_back_and_a_malformed_one_is_refused() {
        UUID op = operator();
        operators.issue(op, Kind.OUTBOUND, null, "test");
        CredentialStore.Issued imported = operators.issue(op, Kind.OUTBOUND, null, "operator-chosen-secret-42", "test");
        assertThat(imported.secret()).isNull();
        assertThat(imported.credential().imported()).isTrue();
        assertThat(imported.toJson()).doesNotContainKey("secret");
        operators.activate(imported.credential().kid(), null, null, "test");
        assertThat(new String(operators.currentOutbound(op).secret(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("operator-chosen-secret-42");
        assertThat(jdbc.sql("SELECT secret_ciphertext FROM operator_credentials WHERE kid = ?").param(imported.credential().kid())
                .query(String.class).single()).doesNotContain("operator-chosen-secret-42");
        long before = jdbc.sql("SELECT count(*) FROM operator_credentials WHERE operator_id = ?").param(op).query(Long.class).single();
        assertThatThrownBy(() -> operators.issue(op, Kind.OUTBOUND, null, "short", "test")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> operators.issue(op, Kind.OUTBOUND, null, " padded-secret-0123456789 ", "test")).isInstanceOf(UsageException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM operator_credentials WHERE operator_id = ?").param(op).query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void a_new_inbound_key_verifies_at_once_and_activating_it_ends_the_old_one_after_the_overlap() throws Exception {
        UUID op = operator();
        String first = operators.issue(op, Kind.INBOUND, null, "test").credential().kid();
        String second = operators.issue(op, Kind.INBOUND, null, "test").credential().kid();
        assertThat(operators.get(second).state()).isEqualTo("ISSUED");
        assertThat(operators.inboundSecret(second)).as("an issued inbound key verifies from its not_before").isPresent();
        assertThat(operators.inboundSecret(first)).isPresent();
        operators.activate(second, null, Duration.ofSeconds(1), "test");
        assertThat(operators.inboundSecret(first)).as("inside the overlap").isPresent();
        await("the old inbound key to stop verifying", () -> operators.inboundSecret(first).isEmpty());
        assertThat(operators.lookupInbound(first).orElseThrow().expired()).isTrue();
        assertThat(operators.inboundSecret(second)).isPresent();
    }

    @Test
    void inbound_and_outbound_keys_of_one_operator_rotate_independently() {
        UUID op = operator();
        String in = operators.issue(op, Kind.INBOUND, null, "test").credential().kid();
        String out1 = operators.issue(op, Kind.OUTBOUND, null, "test").credential().kid();
        String out2 = operators.issue(op, Kind.OUTBOUND, null, "test").credential().kid();
        operators.activate(out2, null, Duration.ofMinutes(5), "test");
        assertThat(operators.get(in).state()).isEqualTo("ACTIVE");
        assertThat(operators.get(in).notAfter()).isNull();
        assertThat(operators.get(out1).state()).isEqualTo("RETIRING");
    }

    @Test
    void a_banca_secret_goes_through_the_same_stages_verifying_before_it_signs() throws Exception {
        UUID b = banca();
        BancaCredentials.Issued first = bancas.issue(b, null, "test");
        assertThat(first.credential().state()).as("a banca's secret waits for its approval's activation").isEqualTo("ISSUED");
        bancas.activate(first.credential().keyId(), Duration.ofHours(24), "test");
        BancaCredentials.Issued second = bancas.issue(b, "the-bancas-own-secret-1234", "test");
        assertThat(bancas.inboundSecrets()).extracting(BancaCredentials.InboundSecret::keyId)
                .contains(first.credential().keyId(), second.credential().keyId());
        assertThat(bancas.signingKey(b).orElseThrow().keyId()).isEqualTo(first.credential().keyId());

        bancas.activate(second.credential().keyId(), dbNowPlus(Duration.ofSeconds(1)), Duration.ofSeconds(1), "test");
        assertThat(bancas.get(second.credential().keyId()).state()).isEqualTo("SCHEDULED");
        await("the banca's new secret to sign", () -> bancas.signingKey(b).orElseThrow().keyId().equals(second.credential().keyId()));
        await("the old banca secret to stop verifying", () -> bancas.inboundSecrets().stream()
                .noneMatch(s -> s.keyId().equals(first.credential().keyId())));
        assertThat(bancas.get(first.credential().keyId()).state()).isEqualTo("EXPIRED");
        assertThat(jdbc.sql("SELECT action FROM admin_audit_log WHERE subject = ? ORDER BY id").param("banca:" + b).query(String.class).list())
                .containsExactly("banca.credential.issue", "banca.credential.activate", "banca.credential.import", "banca.credential.activate");
    }
}
