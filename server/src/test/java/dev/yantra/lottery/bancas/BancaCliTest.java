package dev.yantra.lottery.bancas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code yantra banca ...} on the database directly, audited as cli:&lt;user&gt;, with the documented exit codes. */
class BancaCliTest {
    @Test
    void a_banca_is_created_approved_and_its_secret_rotated_from_the_command_line() {
        dev.yantra.config.YantraEnv env = TestPostgres.freshEnv(1);
        String url = env.databaseUrl().orElseThrow();
        dev.yantra.db.Database db = dev.yantra.db.Database.open(env, "banca-cli-test", 2, null);
        db.migrate();
        JdbcClient jdbc = db.jdbc();
        Map<String, String> shell = Map.of("DATABASE_URL", url, "YANTRA_MASTER_KEY", env.masterKeyBase64().orElseThrow());
        try {
            Yantra.Run created = Yantra.run(url, "banca", "create", "--name", "Banca CLI", "--rnc", "101222333",
                    "--endpoint-url", "http://localhost:9", "--contact", "ops@cli.example", "--commission", "4.5", "--json");
            assertThat(created.exit()).as(created.err()).isZero();
            String id = Json.parse(created.out()).get("id").stringValue();
            assertThat(Json.parse(Yantra.run(url, "banca", "list", "--pending", "--json").out()).toString()).contains(id);

            Yantra.Run approved = Yantra.process(shell, "banca", "approve", "Banca CLI", "--json");
            assertThat(approved.exit()).as(approved.err()).isZero();
            JsonNode credential = Json.parse(approved.out()).get("credential");
            assertThat(credential.get("secret").stringValue()).hasSize(43);

            // the approval above as the launcher's own process; the rest in this JVM with the same shell (seconds each saved)
            Yantra.Run rotated = Yantra.inProcess(shell, null, "banca", "credential", "rotate", id, "--json");
            assertThat(rotated.exit()).as(rotated.err()).isZero();
            String newKey = Json.parse(rotated.out()).get("keyId").stringValue();
            assertThat(Yantra.inProcess(shell, null, "banca", "credential", "activate", newKey, "--overlap", "1h").exit()).isZero();
            Yantra.Run revoked = Yantra.run(url, "banca", "credential", "revoke", credential.get("keyId").stringValue(), "--now", "--reason", "leak");
            assertThat(revoked.exit()).as(revoked.err()).isZero();
            assertThat(Json.parse(Yantra.run(url, "banca", "show", id, "--json").out()).get("credentials").toString())
                    .contains("\"REVOKED\"", "\"ACTIVE\"");
            assertThat(Yantra.run(url, "banca", "suspend", id, "--reason", "audit").exit()).isZero();

            assertThat(jdbc.sql("SELECT DISTINCT changed_by FROM admin_audit_log WHERE subject = ?").param("banca:" + id)
                    .query(String.class).list()).containsExactly("cli:" + System.getProperty("user.name"));
            assertThat(Yantra.run(url, "banca", "show", "nobody").exit()).isEqualTo(1);
            assertThat(Yantra.run(url, "banca", "create", "--name", "x").exit()).isEqualTo(64);
            assertThat(Yantra.run(url, "banca", "activate", "Banca CLI", "--reason", "x").exit()).isZero();
            assertThat(Yantra.run(url, "banca", "approve", "Banca CLI").exit()).isEqualTo(64);
        } finally {
            db.close();
        }
    }
}
