package dev.yantra.ops.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.app.YantraCommand;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lottery triage topics on real Postgres: a database where one banca is failing (old plays, a job out of
 * retries, 503s and a 401, refused webhooks) and one where everything is confirmed; each topic finds the problem
 * in the first, names the mitigation with the banca's id, exits 1 there and 0 on the healthy one.
 */
class LotteryTriageTest {
    static YantraEnv sickEnv;
    static YantraEnv healthyEnv;
    static Database sick;
    static Database healthy;
    static final UUID SICK_BANCA = UUID.randomUUID();
    static final UUID GOOD_BANCA = UUID.randomUUID();
    static final UUID OLD_PLAY = UUID.randomUUID();
    static final UUID STUCK_JOB = UUID.randomUUID();

    @BeforeAll
    static void scenarios() {
        sickEnv = TestPostgres.freshEnv(1);
        healthyEnv = TestPostgres.freshEnv(1);
        sick = open(sickEnv);
        healthy = open(healthyEnv);
        for (Database db : new Database[] {sick, healthy}) catalog(db.jdbc());
        JdbcClient s = sick.jdbc();
        s.sql("""
                INSERT INTO plays (id, request_id, body_hash, user_id, lottery_id, draw_id, banca_id, bet_type, numbers, limit_key,
                                   amount_micro, currency, payment_method, payout_frozen, liability_micro, status, created_at)
                SELECT ?, gen_random_uuid(), 'h', (SELECT id FROM players LIMIT 1), 'triage-lotto', (SELECT id FROM draws LIMIT 1), ?,
                       'quiniela', ARRAY['07'], '07', 1000000, 'DOP', 'wallet', '{}'::jsonb, 60000000, 'QUEUED', now() - interval '2 hours'""")
                .params(OLD_PLAY, SICK_BANCA).update();
        s.sql("""
                INSERT INTO pending_banca_jobs (id, banca_id, play_id, kind, attempts, last_error, needs_attention, created_at)
                VALUES (?, ?, ?, 'REGISTER', 12, 'http 503', true, now() - interval '2 hours')""").params(STUCK_JOB, SICK_BANCA, OLD_PLAY).update();
        for (int i = 0; i < 6; i++) {
            s.sql("""
                    INSERT INTO banca_calls (id, banca_id, play_id, job_id, endpoint, response_status, outcome, latency_ms, attempt, key_id, created_at)
                    VALUES (gen_random_uuid(), ?, ?, ?, 'register', ?, 'retry', 40, ?, 'bk-1', now() - make_interval(mins => ?))""")
                    .params(SICK_BANCA, OLD_PLAY, STUCK_JOB, i == 0 ? 401 : 503, i + 1, 10 - i).update();
        }
        s.sql("INSERT INTO webhook_refusals (source, reason, source_ip, body_prefix) VALUES ('banca', 'invalid_signature', '198.51.100.7', '{\"requestId\"')")
                .update();
        s.sql("INSERT INTO webhook_events (id, source, banca_id, dedup_key, payload, outcome) VALUES (gen_random_uuid(), 'banca', ?, 'k1', '{}', 'applied')")
                .param(SICK_BANCA).update();
        healthy.jdbc().sql("""
                INSERT INTO banca_calls (id, banca_id, endpoint, response_status, outcome, latency_ms, attempt, key_id)
                VALUES (gen_random_uuid(), ?, 'register', 200, 'confirmed', 30, 1, 'gk-1')""").param(GOOD_BANCA).update();
        healthy.jdbc().sql("INSERT INTO webhook_events (id, source, banca_id, dedup_key, payload, outcome) VALUES (gen_random_uuid(), 'banca', ?, 'k1', '{}', 'applied')")
                .param(GOOD_BANCA).update();
    }

    static Database open(YantraEnv env) {
        Database db = Database.open(env, "lottery-triage-test", 2, null);
        db.migrate();
        return db;
    }

    /** Both databases: a lottery, a draw still open, a player, and both bancas, each with its signing secret. */
    static void catalog(JdbcClient j) {
        j.sql("""
                INSERT INTO lotteries (id, name, time_zone, schedule, bet_types, payout_table, max_amount_micro)
                VALUES ('triage-lotto', 'Triage', 'America/Santo_Domingo', '{}'::jsonb, ARRAY['quiniela'], '{}'::jsonb, 100000000)""").update();
        j.sql("INSERT INTO draws (id, lottery_id, draw_time, closes_at, state) VALUES (gen_random_uuid(), 'triage-lotto', now() + interval '1 day', now() + interval '23 hours', 'OPEN')")
                .update();
        j.sql("INSERT INTO players (id, phone, name, date_of_birth, password_hash) VALUES (gen_random_uuid(), '+18095550101', 'P', '1990-01-01', 'x')").update();
        for (Object[] b : new Object[][] {{SICK_BANCA, "sick", "bk-1"}, {GOOD_BANCA, "good", "gk-1"}}) {
            j.sql("INSERT INTO bancas (id, name, rnc, endpoint_url, contact, status) VALUES (?, ?, '101', 'http://127.0.0.1:1', 'ops@banca.example', 'active')")
                    .params(b[0], b[1]).update();
            j.sql("INSERT INTO banca_credentials (id, banca_id, key_id, secret_ciphertext, activated_at, created_by) VALUES (gen_random_uuid(), ?, ?, 'v1:x', now(), 'test')")
                    .params(b[0], b[2]).update();
        }
    }

    @AfterAll
    static void close() {
        sick.close();
        healthy.close();
    }

    static int exit(YantraEnv env, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--database-url";
        all[args.length + 1] = env.databaseUrl().orElseThrow();
        return YantraCommand.commandLine().execute(all);
    }

    @Test
    void plays_stuck_counts_the_old_play_and_its_job_error_and_points_at_its_banca() {
        TriageReport r = new LotteryTriage(sick.jdbc()).playsStuck();
        assertThat(r.sections().getFirst().rows()).singleElement().satisfies(row -> {
            assertThat(row.get("banca_id")).isEqualTo(SICK_BANCA);
            assertThat(((Number) row.get(">1h")).longValue()).isEqualTo(1);
        });
        assertThat(r.sections().get(1).rows()).singleElement().satisfies(row -> {
            assertThat(row.get("open_job")).isEqualTo(STUCK_JOB);
            assertThat(row.get("last_error")).isEqualTo("http 503");
        });
        assertThat(r.findings()).contains("1 plays unconfirmed for more than 1 h (alert YantraPlaysPendingOver1h at > 10)")
                .anyMatch(f -> f.contains("banca " + SICK_BANCA + ": 1 open forwarding jobs need a person"));
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra triage banca --banca " + SICK_BANCA));
    }

    @Test
    void webhooks_show_the_refused_signature_and_its_source_address() {
        TriageReport r = new LotteryTriage(sick.jdbc()).webhooks();
        assertThat(r.sections().get(1).rows()).singleElement().satisfies(row -> {
            assertThat(row.get("reason")).isEqualTo("invalid_signature");
            assertThat(row.get("source_ip")).isEqualTo("198.51.100.7");
        });
        assertThat(r.findings()).anyMatch(f -> f.startsWith("50.0 % of the webhooks kept in the last hour were applied (1 of 2"))
                .anyMatch(f -> f.startsWith("1 webhooks refused in the last hour"));
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra banca credential rotate " + SICK_BANCA + "    # sick verifies with bk-1"))
                .anyMatch(m -> m.startsWith("yantra banca credential rotate " + GOOD_BANCA + "    # good verifies with gk-1"))
                .anyMatch(m -> m.startsWith("yantra banca credential revoke <key id> --now"));
    }

    @Test
    void banca_shows_its_failing_calls_its_signing_key_and_proposes_suspending_it_by_id() {
        TriageReport r = new LotteryTriage(sick.jdbc()).banca(new LotteryTriage(sick.jdbc()).resolveBanca("sick"));
        assertThat(r.sections().get(1).rows()).singleElement().satisfies(c -> {
            assertThat(c.get("key_id")).isEqualTo("bk-1");
            assertThat(c.get("signing")).isEqualTo(true);
        });
        assertThat(r.sections().get(2).rows()).extracting(row -> ((Number) row.get("response_status")).intValue()).containsExactlyInAnyOrder(503, 401);
        assertThat(((Number) r.sections().get(3).rows().getFirst().get("failed_in_a_row")).longValue()).isEqualTo(6);
        assertThat(r.findings()).contains("6 of 6 calls in the last hour got no verdict (retry, error, timeout)")
                .anyMatch(f -> f.startsWith("6 failed calls in a row since"))
                .contains("the banca answers 401/403: it refuses our signature (we sign with key bk-1)");
        assertThat(r.mitigations()).contains("yantra banca suspend " + SICK_BANCA + " --reason \"banca down: calls failing\"    # stop routing new plays to it")
                .anyMatch(m -> m.startsWith("yantra banca credential rotate " + SICK_BANCA));
    }

    @Test
    void a_healthy_hub_has_no_findings_in_any_topic() {
        LotteryTriage t = new LotteryTriage(healthy.jdbc());
        assertThat(t.playsStuck().findings()).isEmpty();
        assertThat(t.webhooks().findings()).isEmpty();
        TriageReport banca = t.banca(GOOD_BANCA);
        assertThat(banca.findings()).isEmpty();
        assertThat(banca.mitigations()).containsExactly("yantra banca show " + GOOD_BANCA);
    }

    @Test
    void the_commands_exit_1_on_a_problem_and_0_when_healthy() {
        assertThat(exit(sickEnv, "triage", "plays-stuck")).isEqualTo(1);
        assertThat(exit(sickEnv, "triage", "webhooks", "--json")).isEqualTo(1);
        assertThat(exit(sickEnv, "triage", "banca", "--banca", SICK_BANCA.toString())).isEqualTo(1);
        assertThat(exit(healthyEnv, "triage", "plays-stuck")).isZero();
        assertThat(exit(healthyEnv, "triage", "webhooks")).isZero();
        assertThat(exit(healthyEnv, "triage", "banca", "--banca", "good")).isZero();
    }

    @Test
    void an_unknown_banca_is_a_usage_error() {
        assertThat(exit(healthyEnv, "triage", "banca", "--banca", "nobody")).isEqualTo(64);
    }
}
