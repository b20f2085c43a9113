package dev.yantra.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.db.Database;
import dev.yantra.lottery.ledger.LedgerKind;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** yantra evidence export|verify against a real database: the window, no secrets, and a manifest that catches tampering. */
class EvidenceExportTest {
    static final String CIPHERTEXT = "SEALED-SECRET-MUST-NOT-LEAVE";

    Database db;
    String url;
    @TempDir Path tmp;
    UUID bancaId = UUID.randomUUID();
    UUID playerId = UUID.randomUUID();

    @BeforeEach
    void seed() {
        url = TestPostgres.freshDatabaseUrl();
        db = Database.open(dev.yantra.config.YantraEnv.from(Map.of("DATABASE_URL", url,
                "YANTRA_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")), "evidence-test", 2, null);
        var jdbc = db.jdbc();
        jdbc.sql("INSERT INTO admin_audit_log (changed_by, action, subject, reason, created_at) VALUES ('cli:old', 'old.thing', 'x', 'before', now() - interval '3 days')")
                .update();
        new AdminAudit(jdbc).record("cli:ops", "banca.suspend", "banca:" + bancaId, "active", "suspended", "leaked secret, \"urgent\"");
        jdbc.sql("INSERT INTO bancas (id, name, rnc, endpoint_url, contact) VALUES (?, 'Banca Uno', '131246796', 'https://b.example', 'ops@b.example')")
                .param(bancaId).update();
        jdbc.sql("INSERT INTO banca_credentials (id, banca_id, key_id, secret_ciphertext, created_by) VALUES (?, ?, 'bk-1', ?, 'cli:ops')")
                .params(UUID.randomUUID(), bancaId, CIPHERTEXT).update();
        jdbc.sql("INSERT INTO webhook_refusals (source, reason, source_ip, headers, body_prefix) VALUES ('banca', 'bad_signature', '203.0.113.9', 'x-signature: ab', '{\"a\":1}')")
                .update();
        jdbc.sql("INSERT INTO players (id, phone, name, date_of_birth, password_hash) VALUES (?, '+18095551234', 'P', DATE '1990-01-01', 'HASH-NOT-EXPORTED')")
                .param(playerId).update();
        PlayerLedger ledger = new PlayerLedger(jdbc, new AdminAudit(jdbc), Clock.systemUTC());
        db.tx().executeWithoutResult(s -> ledger.credit(playerId, "DOP", 5_000_000, LedgerKind.DEPOSIT, "deposit:" + playerId, "test", "test"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Yantra.Run export(Path dir, String since, String until) {
        return Yantra.run(url, "evidence", "export", "--since", since, "--until", until, "--output-dir", dir.toString());
    }

    /** {@code yantra evidence verify} needs no database: run without --database-url. */
    private static Yantra.Run verify(Path dir) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            var cmd = dev.yantra.app.YantraCommand.commandLine();
            cmd.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = cmd.execute("evidence", "verify", "--dir", dir.toString());
            return new Yantra.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private static String day(int offset) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(offset, ChronoUnit.DAYS).toString();
    }

    @Test
    void an_export_holds_the_windows_rows_in_csv_with_a_manifest_and_never_a_secret() throws Exception {
        Path dir = tmp.resolve("case-17");
        Yantra.Run r = export(dir, day(-1), day(1));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("manifest MANIFEST.sha256 sha256 ");

        List<String> expected = EvidenceSources.ALL.stream().map(EvidenceSources.Source::file).toList();
        for (String f : expected) assertThat(dir.resolve(f)).as(f).exists();
        assertThat(dir.resolve(EvidenceExport.MANIFEST)).exists();

        JsonNode manifest = Json.parse(Files.readString(dir.resolve(EvidenceExport.MANIFEST_JSON)));
        Map<String, Long> rows = new HashMap<>();
        for (JsonNode f : manifest.get("files")) rows.put(f.get("file").stringValue(), f.get("rows").asLong());
        assertThat(rows).containsEntry("bancas.csv", 1L).containsEntry("banca_credential_events.csv", 1L)
                .containsEntry("webhook_refusals.csv", 1L).containsEntry("player_ledger.csv", 1L);
        assertThat(rows.get("admin_audit_log.csv")).isGreaterThanOrEqualTo(1L);

        String audit = Files.readString(dir.resolve("admin_audit_log.csv"));
        assertThat(audit.lines().findFirst().orElseThrow()).startsWith("id,changed_by,action,subject");
        assertThat(audit).contains("banca.suspend", "\"leaked secret, \"\"urgent\"\"\"").doesNotContain("old.thing");
        assertThat(Files.readString(dir.resolve("plays.csv")).lines().findFirst().orElseThrow()).contains("request_id", "status");

        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                assertThat(text).as(p.getFileName().toString()).doesNotContain(CIPHERTEXT).doesNotContain("HASH-NOT-EXPORTED");
            }
        }
        Yantra.Run verified = verify(dir);
        assertThat(verified.exit()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("intact");
    }

    @Test
    void verify_names_a_changed_a_missing_and_an_added_file_and_exits_1() throws Exception {
        Path dir = tmp.resolve("case-18");
        assertThat(export(dir, day(-1), day(1)).exit()).isZero();
        Files.writeString(dir.resolve("player_ledger.csv"), "\r\nforged,row", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(dir.resolve("bancas.csv"));
        Files.writeString(dir.resolve("extra.csv"), "planted");
        Yantra.Run r = verify(dir);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("CHANGED player_ledger.csv: SHA-256", "CHANGED bancas.csv: missing", "CHANGED extra.csv: not in the manifest");
    }

    @Test
    void bad_windows_and_a_used_directory_are_refused_with_exit_64_and_write_nothing() throws Exception {
        assertThat(export(tmp.resolve("a"), day(1), day(-1)).exit()).isEqualTo(64);
        assertThat(export(tmp.resolve("b"), "yesterday", day(1)).exit()).isEqualTo(64);
        assertThat(tmp.resolve("a")).doesNotExist();
        Path used = tmp.resolve("used");
        Files.createDirectories(used);
        Files.writeString(used.resolve("notes.txt"), "mine");
        Yantra.Run r = export(used, day(-1), day(1));
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("not empty");
        try (var files = Files.list(used)) {
            assertThat(files.toList()).hasSize(1);
        }
        assertThat(verify(tmp.resolve("nothing")).exit()).isEqualTo(64);
    }
}
