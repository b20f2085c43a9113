package dev.yantra.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The staged rotation from the shell, as an SRE runs it: the operator's own outbound secret imported from
 * stdin (never argv), staged, scheduled or activated, and the old kid kept for the overlap.
 */
class CredentialRotationCliTest {
    static YantraEnv env;
    static Database db;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        env = TestPostgres.freshEnv(1);
        db = Database.open(env, "yantra-test", 4, null);
        db.migrate();
        jdbc = db.jdbc();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static Map<String, String> shell() {
        return Map.of("DATABASE_URL", env.databaseUrl().orElseThrow(), "YANTRA_MASTER_KEY", env.masterKeyBase64().orElseThrow());
    }

    /** {@code yantra <args>} in this JVM with the SRE's environment and {@code stdin} (a JVM per command costs seconds). */
    static Yantra.Run yantra(String stdin, String... args) {
        return Yantra.inProcess(shell(), stdin, args);
    }

    /** The same as its own process, fed through a real pipe: the import from stdin, where the process boundary is the point. */
    static Yantra.Run yantraProcess(String stdin, String... args) {
        return Yantra.processWithStdin(shell(), stdin, args);
    }

    @Test
    void an_imported_outbound_secret_is_staged_from_stdin_then_activated_and_the_old_kid_overlaps() {
        assertThat(yantra(null, "operator", "create", "--name", "cli-rot", "--compliance-contact", "c@x.example", "--currencies", "LKR",
                "--wallet-url", "https://wallet.example/w").exit()).isZero();
        Yantra.Run first = yantra(null, "credential", "issue", "--operator", "cli-rot", "--kind", "outbound", "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        String oldKid = Json.parse(first.out()).get("kid").stringValue();

        Yantra.Run staged = yantraProcess("the-operators-wallet-secret-42\n", "credential", "issue", "--operator", "cli-rot", "--kind", "outbound",
                "--secret-stdin");
        assertThat(staged.exit()).as(staged.err()).isZero();
        assertThat(staged.out()).contains("state   ISSUED").doesNotContain("the-operators-wallet-secret-42").doesNotContain("secret  ");
        assertThat(staged.err()).contains("We keep signing with the current key", "yantra credential activate");
        String newKid = staged.out().lines().filter(l -> l.startsWith("kid ")).findFirst().orElseThrow().substring(4).trim();
        assertThat(jdbc.sql("SELECT imported FROM operator_credentials WHERE kid = ?").param(newKid).query(Boolean.class).single()).isTrue();

        Yantra.Run past = yantra(null, "credential", "activate", newKid, "--activate-at", "2020-01-01T00:00:00Z");
        assertThat(past.exit()).isEqualTo(64);
        assertThat(past.err()).contains("not in the future");
        assertThat(yantra(null, "credential", "activate", newKid, "--activate-at", "tomorrow").exit()).isEqualTo(64);
        assertThat(yantra(null, "credential", "activate", "ok_nope").exit()).isEqualTo(1);

        Yantra.Run activated = yantra(null, "credential", "activate", newKid, "--overlap", "2h", "--json");
        assertThat(activated.exit()).as(activated.err()).isZero();
        JsonNode a = Json.parse(activated.out());
        assertThat(a.get("state").stringValue()).isEqualTo("ACTIVE");
        assertThat(a.get("retiring").get(0).get("kid").stringValue()).isEqualTo(oldKid);
        assertThat(a.get("retiring").get(0).get("state").stringValue()).isEqualTo("RETIRING");

        Yantra.Run listed = yantra(null, "credential", "list", "--operator", "cli-rot");
        assertThat(listed.out()).contains("ACTIVATED").containsPattern(newKid + "\\s+OUTBOUND\\s+ACTIVE").containsPattern(oldKid + "\\s+OUTBOUND\\s+RETIRING");
        assertThat(jdbc.sql("SELECT action FROM admin_audit_log WHERE subject = ? ORDER BY id").param("credential:" + newKid)
                .query(String.class).list()).containsExactly("credential.import", "credential.activate");
    }

    @Test
    void an_empty_or_multi_line_stdin_is_refused_and_writes_nothing() {
        assertThat(yantra(null, "operator", "create", "--name", "cli-empty", "--compliance-contact", "c@x.example", "--currencies", "LKR",
                "--wallet-url", "https://wallet.example/w").exit()).isZero();
        long before = jdbc.sql("SELECT count(*) FROM operator_credentials").query(Long.class).single();
        assertThat(yantra("", "credential", "issue", "--operator", "cli-empty", "--kind", "outbound", "--secret-stdin").exit()).isEqualTo(64);
        assertThat(yantra("line-one-of-a-secret\nline-two-of-it\n", "credential", "issue", "--operator", "cli-empty", "--kind", "outbound",
                "--secret-stdin").exit()).isEqualTo(64);
        assertThat(jdbc.sql("SELECT count(*) FROM operator_credentials").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void a_bancas_own_secret_is_imported_from_stdin_through_the_same_staged_rotation() {
        java.util.UUID banca = java.util.UUID.randomUUID();
        jdbc.sql("INSERT INTO bancas (id, name, rnc, endpoint_url, contact, status) VALUES (?, 'cli-banca', '1', 'http://127.0.0.1:9', 'c', 'active')")
                .param(banca).update();
        Yantra.Run r = yantra("the-bancas-own-secret-77\n", "banca", "credential", "rotate", banca.toString(), "--secret-stdin", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode c = Json.parse(r.out());
        assertThat(c.get("state").stringValue()).isEqualTo("ISSUED");
        assertThat(c.get("imported").booleanValue()).isTrue();
        assertThat(c.has("secret")).as("an imported secret is not shown back").isFalse();
        assertThat(r.out()).doesNotContain("the-bancas-own-secret-77");
        assertThat(yantra("x-secret-from-stdin-000\n", "banca", "credential", "rotate", banca.toString(), "--secret-stdin",
                "--secret", "another-secret-on-argv").exit()).isEqualTo(64);
    }
}
