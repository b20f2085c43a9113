package dev.yantra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every ```sql block of the lottery runbook runs unchanged against a migrated database (only its angle-bracket
 * placeholders filled in), and the diagnostic ones find what an on-call engineer is looking for in a database
 * with one sick banca: a play queued for two hours behind a job out of retries, a 503 from the banca, a refused
 * webhook, a fresh secret and an admin action. The blocks are read from the markdown, so an edit that breaks a
 * query fails here.
 */
class LotteryRunbookSqlTest {
    static final Path RUNBOOK = Path.of("..", "docs", "playbooks", "lottery-incident-runbook.md");
    static final UUID BANCA = UUID.randomUUID();
    static final UUID PLAY = UUID.randomUUID();
    static final UUID JOB = UUID.randomUUID();
    static Database db;

    @BeforeAll
    static void oneSickBanca() {
        db = TestPostgres.freshDatabase();
        JdbcClient j = db.jdbc();
        j.sql("""
                INSERT INTO lotteries (id, name, time_zone, schedule, bet_types, payout_table, max_amount_micro)
                VALUES ('runbook-lotto', 'Runbook', 'America/Santo_Domingo', '{}'::jsonb, ARRAY['quiniela'], '{}'::jsonb, 100000000)""").update();
        j.sql("""
                INSERT INTO draws (id, lottery_id, draw_time, closes_at, state)
                VALUES (gen_random_uuid(), 'runbook-lotto', now() + interval '1 day', now() + interval '23 hours', 'OPEN')""").update();
        j.sql("INSERT INTO players (id, phone, name, date_of_birth, password_hash) VALUES (gen_random_uuid(), '+18095550199', 'P', '1990-01-01', 'x')")
                .update();
        j.sql("INSERT INTO bancas (id, name, rnc, endpoint_url, contact, status) VALUES (?, 'sick', '101', 'http://127.0.0.1:1', 'ops@banca.example', 'active')")
                .param(BANCA).update();
        j.sql("INSERT INTO banca_credentials (id, banca_id, key_id, secret_ciphertext, activated_at, created_by) VALUES (gen_random_uuid(), ?, 'bk-runbook', 'v1:x', now(), 'test')")
                .param(BANCA).update();
        j.sql("""
                INSERT INTO plays (id, request_id, body_hash, user_id, lottery_id, draw_id, banca_id, bet_type, numbers, limit_key,
                                   amount_micro, currency, payment_method, payout_frozen, liability_micro, status, created_at)
                SELECT ?, gen_random_uuid(), 'h', (SELECT id FROM players LIMIT 1), 'runbook-lotto', (SELECT id FROM draws LIMIT 1), ?,
                       'quiniela', ARRAY['07'], '07', 1000000, 'DOP', 'wallet', '{}'::jsonb, 60000000, 'QUEUED', now() - interval '2 hours'""")
                .params(PLAY, BANCA).update();
        j.sql("""
                INSERT INTO pending_banca_jobs (id, banca_id, play_id, kind, attempts, last_error, needs_attention, created_at)
                VALUES (?, ?, ?, 'REGISTER', 12, 'http 503', true, now() - interval '2 hours')""").params(JOB, BANCA, PLAY).update();
        j.sql("""
                INSERT INTO banca_calls (id, banca_id, play_id, job_id, endpoint, response_status, outcome, latency_ms, attempt, key_id)
                VALUES (gen_random_uuid(), ?, ?, ?, 'register', 503, 'retry', 40, 12, 'bk-runbook')""").params(BANCA, PLAY, JOB).update();
        j.sql("INSERT INTO webhook_refusals (source, reason, source_ip, body_prefix) VALUES ('banca', 'invalid_signature', '198.51.100.7', '{')").update();
        j.sql("INSERT INTO webhook_events (id, source, banca_id, dedup_key, payload, outcome) VALUES (gen_random_uuid(), 'banca', ?, 'k1', '{}', 'unknown_play')")
                .param(BANCA).update();
        j.sql("INSERT INTO admin_audit_log (changed_by, action, subject, reason) VALUES ('cli:oncall', 'banca.suspend', ?, 'banca down')")
                .param("banca:" + BANCA).update();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static List<String> statements() throws IOException {
        return PlaybookSqlTest.sqlBlocks(RUNBOOK);
    }

    /** The runbook's placeholders with values of the seeded database; pid 0 is no backend, so cancelling it is a no-op. */
    static String fill(String sql) {
        return sql.replace("<banca_id>", BANCA.toString()).replace("<pid>", "0");
    }

    static List<Map<String, Object>> run(String sql) {
        return db.jdbc().sql(fill(sql)).query().listOfRows();
    }

    /** The one statement of the runbook that contains {@code fragment}. */
    static String statementWith(String fragment) throws IOException {
        List<String> found = statements().stream().filter(s -> s.contains(fragment)).toList();
        assertThat(found).as("runbook statements containing %s", fragment).hasSize(1);
        return found.getFirst();
    }

    @Test
    void every_sql_block_of_the_runbook_runs_unchanged_on_our_schema() throws IOException {
        List<String> statements = statements();
        // initial response 1, outage 3, database 9, payments 3, banca 4, webhooks 1, security 2 — a block dropped
        // or added by an edit must be counted here on purpose
        assertThat(statements).hasSize(23);
        for (String sql : statements) {
            String filled = fill(sql);
            assertThat(filled).as("unfilled placeholder in %s", sql).doesNotContainPattern("<[A-Za-z_]+>");
            // VACUUM is not a query; everything else returns rows. Either throws, failing the test, when the schema does not fit
            if (filled.startsWith("VACUUM")) db.jdbc().sql(filled).update(); else db.jdbc().sql(filled).query().listOfRows();
        }
    }

    @Test
    void the_stuck_play_queries_find_the_play_queued_for_two_hours_and_its_exhausted_job() throws IOException {
        assertThat(run(statementWith("created_at <= now() - interval '1 hour'"))).singleElement().satisfies(row -> {
            assertThat(row.get("banca_id")).isEqualTo(BANCA);
            assertThat(row.get("status")).isEqualTo("QUEUED");
            assertThat(((Number) row.get("count")).longValue()).isEqualTo(1);
        });
        assertThat(run(statementWith("FROM plays p JOIN draws d"))).singleElement().satisfies(row -> {
            assertThat(row.get("id")).isEqualTo(PLAY);
            assertThat(row.get("draw_state")).isEqualTo("OPEN");
        });
        assertThat(run(statementWith("FROM pending_banca_jobs"))).singleElement().satisfies(row -> {
            assertThat(((Number) row.get("needs_attention")).longValue()).isEqualTo(1);
            assertThat(((Number) row.get("max_attempts")).intValue()).isEqualTo(12);
        });
    }

    @Test
    void the_banca_queries_show_its_failed_call_its_signing_key_and_the_refused_webhook() throws IOException {
        assertThat(run(statementWith("FROM banca_calls c JOIN bancas b"))).singleElement().satisfies(row -> {
            assertThat(row.get("name")).isEqualTo("sick");
            assertThat(row.get("response_status")).isEqualTo(503);
            assertThat(row.get("outcome")).isEqualTo("retry");
        });
        assertThat(run(statementWith("FROM banca_credentials WHERE banca_id")))
                .singleElement().satisfies(row -> assertThat(row.get("key_id")).isEqualTo("bk-runbook"));
        assertThat(run(statementWith("FROM webhook_refusals WHERE received_at > now() - interval '1 hour'")))
                .singleElement().satisfies(row -> assertThat(row.get("reason")).isEqualTo("invalid_signature"));
        assertThat(run(statementWith("FROM webhook_refusals WHERE received_at > now() - interval '24 hours'")))
                .singleElement().satisfies(row -> assertThat(row.get("source_ip")).isEqualTo("198.51.100.7"));
        assertThat(run(statementWith("FROM webhook_events")))
                .singleElement().satisfies(row -> assertThat(row.get("outcome")).isEqualTo("unknown_play"));
    }

    @Test
    void the_security_and_first_response_queries_show_who_did_what_in_the_last_day() throws IOException {
        assertThat(run(statementWith("FROM banca_credentials c JOIN bancas b")))
                .singleElement().satisfies(row -> assertThat(row.get("created_by")).isEqualTo("test"));
        assertThat(run(statementWith("FROM admin_audit_log"))).singleElement().satisfies(row -> {
            assertThat(row.get("changed_by")).isEqualTo("cli:oncall");
            assertThat(row.get("action")).isEqualTo("banca.suspend");
        });
    }
}
