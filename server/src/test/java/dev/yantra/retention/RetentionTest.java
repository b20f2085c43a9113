package dev.yantra.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.admin.AdminAudit;
import dev.yantra.audit.AuditChain;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class RetentionTest {
    @TempDir Path tmp;
    Database db;
    JdbcClient j;

    @BeforeEach
    void seed() {
        db = TestPostgres.freshDatabase();
        j = db.jdbc();
        UUID op = UUID.randomUUID();
        for (int age : List.of(60, 1)) {
            j.sql("INSERT INTO inbound_idempotency (operator_id, request_uuid, endpoint, body_hash, expires_at) VALUES (?, ?, 'POST /v1/sessions', 'h', now() - make_interval(days => ?))")
                    .params(op, UUID.randomUUID(), age).update();
            j.sql("INSERT INTO bet_refusals (operator_id, player_ref, game_code, reason, refused_at) VALUES (?, 'p', 'ketapola-dice', 'bets_halted', now() - make_interval(days => ?))")
                    .params(op, age).update();
            j.sql("INSERT INTO webhook_events (id, source, dedup_key, payload, outcome, received_at) VALUES (?, 'banca', ?, '{\"secret\":1}', 'applied', now() - make_interval(days => ?))")
                    .params(UUID.randomUUID(), "d" + age, age).update();
        }
        // five audit rows past the jurisdiction period, then two young ones; and two journals either side of it
        for (int i = 0; i < 5; i++) {
            j.sql("INSERT INTO admin_audit_log (changed_by, action, subject, created_at) VALUES ('cli:ops', 'old.change', ?, now() - interval '400 days')")
                    .param("thing:" + i).update();
        }
        new AdminAudit(j).record("cli:ops", "new.change", "thing:5", null, null, null);
        new AdminAudit(j).record("cli:ops", "new.change", "thing:6", null, null, null);
        for (int age : List.of(400, 10)) {
            j.sql("INSERT INTO banca_calls (id, banca_id, endpoint, outcome, latency_ms, attempt, created_at) VALUES (?, ?, 'register', 'confirmed', 5, 1, now() - make_interval(days => ?))")
                    .params(UUID.randomUUID(), UUID.randomUUID(), age).update();
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    RetentionSettings settings(Path archive) {
        return new RetentionSettings(Duration.ofDays(30), Duration.ofDays(365), archive, Duration.ofMinutes(60), 2);
    }

    long count(String sql) {
        return j.sql(sql).query(Long.class).single();
    }

    @Test
    void a_dry_run_counts_what_would_go_and_changes_nothing() {
        Retention.Report r = new Retention(j, db.tx(), settings(tmp.resolve("archive"))).run(true, "test");
        Map<String, Long> by = r.outcomes().stream().collect(java.util.stream.Collectors.toMap(Retention.Outcome::policy, Retention.Outcome::rows));
        assertThat(by).containsEntry("idempotency-keys", 1L).containsEntry("bet-refusals", 1L).containsEntry("webhook-payloads", 1L)
                .containsEntry("admin-audit", 5L).containsEntry("banca-calls", 1L).containsEntry("bets", 0L);
        assertThat(count("SELECT count(*) FROM inbound_idempotency")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM admin_audit_log")).isEqualTo(7);
        assertThat(r.archiveRun()).isNull();
        assertThat(tmp.resolve("archive")).doesNotExist();
    }

    @Test
    void short_lived_rows_are_purged_and_money_and_audit_rows_are_archived_with_a_manifest_before_deletion() throws Exception {
        Retention.Report r = new Retention(j, db.tx(), settings(tmp.resolve("archive"))).run(false, "test");
        assertThat(count("SELECT count(*) FROM inbound_idempotency")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM bet_refusals")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM webhook_events")).as("the event stays, its payload goes").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM webhook_events WHERE payload IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM banca_calls")).isEqualTo(1);

        Path run = r.archiveRun();
        List<String> audit = Files.readAllLines(run.resolve("admin_audit_log.jsonl"), StandardCharsets.UTF_8);
        assertThat(audit).hasSize(5).allMatch(l -> l.contains("old.change"));
        assertThat(Files.readAllLines(run.resolve("banca_calls.jsonl"))).hasSize(1);
        // the archive run's own audit row joined the two young ones
        assertThat(j.sql("SELECT action FROM admin_audit_log ORDER BY chain_seq").query(String.class).list())
                .containsExactly("new.change", "new.change", "retention.archive");
        for (String line : Files.readAllLines(run.resolve("MANIFEST.sha256"))) {
            String[] parts = line.split("  ");
            assertThat(Retention.sha256(Files.readAllBytes(run.resolve(parts[1])))).as(parts[1]).isEqualTo(parts[0]);
        }
        assertThat(Files.readString(run.resolve("manifest.json"))).contains("\"admin_audit_log.jsonl\"", "\"rows\" : 5");

        AuditChain.Result chain = new AuditChain(j).verify("admin_audit_log");
        assertThat(chain.problem()).as("what is kept still verifies from the moved base").isEmpty();
        assertThat(chain.rows()).isEqualTo(3);
        new AdminAudit(j).record("cli:ops", "after.archive", "x", null, null, null);
        assertThat(new AuditChain(j).verify("admin_audit_log").intact()).isTrue();
        // deleting the oldest kept row is still caught: it is not the base the archive recorded
        j.sql("DELETE FROM admin_audit_log WHERE chain_seq = (SELECT min(chain_seq) FROM admin_audit_log)").update();
        assertThat(new AuditChain(j).verify("admin_audit_log").problem()).isPresent();
    }

    @Test
    void an_archive_that_cannot_be_written_deletes_nothing() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> new Retention(j, db.tx(), settings(notADir.resolve("archive"))).run(false, "test"))
                .hasMessageContaining("nothing was deleted");
        assertThat(count("SELECT count(*) FROM admin_audit_log")).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM banca_calls")).isEqualTo(2);
    }

    @Test
    void a_broken_audit_chain_is_not_archived_away() {
        j.sql("UPDATE admin_audit_log SET subject = 'rewritten' WHERE chain_seq = 2").update();
        assertThatThrownBy(() -> new Retention(j, db.tx(), settings(tmp.resolve("archive"))).run(false, "test"))
                .hasMessageContaining("admin_audit_log is not archived: its hash chain is broken");
        assertThat(count("SELECT count(*) FROM admin_audit_log")).isEqualTo(7);
    }

    @Test
    void settings_have_named_defaults_and_refuse_a_jurisdiction_period_under_a_year() {
        RetentionSettings d = RetentionSettings.fromEnv(Map.of(), Path.of("/data"));
        assertThat(d.shortLived()).isEqualTo(Duration.ofDays(30));
        assertThat(d.money()).isEqualTo(Duration.ofDays(2557));
        assertThat(d.archiveDir()).isEqualTo(Path.of("/data/archive"));
        assertThat(d.purgeEvery()).isEqualTo(Duration.ofMinutes(60));
        assertThatThrownBy(() -> RetentionSettings.fromEnv(Map.of("RETENTION_MONEY_DAYS", "30"), Path.of("/data")))
                .isInstanceOf(UsageException.class).hasMessageContaining("365..36500").hasMessageContaining("was 30");
        assertThatThrownBy(() -> RetentionSettings.fromEnv(Map.of("RETENTION_SHORT_LIVED_DAYS", "soon"), Path.of("/data")))
                .isInstanceOf(UsageException.class).hasMessageContaining("'soon'");
    }
}
