package dev.yantra.ops.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each triage topic, run against a scenario built for it, finds the rows and names the right next command. */
class TriageTest {
    static Database db;
    static Triage triage;
    static final UUID OP = UUID.randomUUID();
    static final UUID STUCK_JOB = UUID.randomUUID();
    static final UUID STUCK_TX = UUID.randomUUID();

    @BeforeAll
    static void scenario() {
        db = TestPostgres.freshDatabase();
        triage = new Triage(db.jdbc());
        db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'casino', 'compliance@casino.example')").param(OP).update();
        db.jdbc().sql("INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext) VALUES (gen_random_uuid(), ?, 'leaky', 'INBOUND', 'v1:x')")
                .param(OP).update();
        // a rollback the wallet says it never saw, retried for 10 minutes
        db.jdbc().sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                                 attempts, last_error, created_at)
                VALUES (?, ?, 'ROLLBACK', gen_random_uuid(), ?, 500000, 'LKR', 7, 'RS_ERROR_TRANSACTION_DOES_NOT_EXIST', now() - interval '10 minutes')""")
                .params(STUCK_JOB, OP, STUCK_TX).update();
        db.jdbc().sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                          status, response_status, response_body, latency_ms, attempt, succeeded, kid)
                VALUES (gen_random_uuid(), ?, 'ROLLBACK', gen_random_uuid(), ?, 500000, 'LKR',
                        'RS_ERROR_TRANSACTION_DOES_NOT_EXIST', 200, '{"status":"RS_ERROR_TRANSACTION_DOES_NOT_EXIST"}', 20, 7, false, 'out-1')""")
                .params(OP, STUCK_TX).update();
        db.jdbc().sql("""
                INSERT INTO inbound_idempotency (operator_id, request_uuid, endpoint, body_hash, kid, source_ip, status_code)
                VALUES (?, gen_random_uuid(), 'POST /v1/session', 'h', 'leaky', '203.0.113.9', 201)""").param(OP).update();
        db.jdbc().sql("""
                INSERT INTO operator_game_configs (id, operator_id, game_code, currency, config)
                VALUES (gen_random_uuid(), ?, 'ketapola-dice', 'LKR', '{"lowWeight":"48","highWeight":"48","commissionMicro":"3000"}')""")
                .param(OP).update();
        db.jdbc().sql("UPDATE operator_game_configs SET config = jsonb_set(config, '{commissionMicro}', '\"5000\"') WHERE operator_id = ?").param(OP).update();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void stuck_rollbacks_finds_the_job_and_proposes_completing_it_by_id() {
        TriageReport r = triage.stuckRollbacks();
        assertThat(r.sections().getFirst().rows()).hasSize(1);
        assertThat(r.sections().get(2).rows().getFirst().get("last_error")).isEqualTo("RS_ERROR_TRANSACTION_DOES_NOT_EXIST");
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra jobs complete " + STUCK_JOB));
    }

    @Test
    void queue_counts_open_jobs_and_points_at_the_operator_holding_them() {
        TriageReport r = triage.queue();
        assertThat(r.findings()).contains("1 open jobs");
        assertThat(r.mitigations()).contains("yantra triage breaker --operator " + OP);
    }

    @Test
    void credential_leak_shows_the_kid_and_where_it_signed_from() {
        TriageReport r = triage.credentialLeak(OP, "leaky", Duration.ofDays(7));
        assertThat(r.sections().getFirst().rows()).hasSize(1);
        assertThat(r.sections().get(2).rows().getFirst().get("source_ip")).isEqualTo("203.0.113.9");
        assertThat(r.mitigations()).contains("yantra credential revoke leaky");
    }

    @Test
    void breaker_lists_failed_calls_by_endpoint() {
        TriageReport r = triage.breaker(OP);
        assertThat(r.sections().getFirst().rows()).hasSize(1);
        assertThat(r.sections().get(1).rows().getFirst().get("endpoint")).isEqualTo("ROLLBACK");
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra breaker force-open --operator " + OP));
    }

    @Test
    void rtp_drift_finds_the_commission_change_and_offers_its_revert_and_the_regression() {
        TriageReport r = triage.rtpDrift();
        assertThat(r.sections().getFirst().rows()).anyMatch(row -> "commissionMicro".equals(row.get("field_name")) && "5000".equals(row.get("new_value")));
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra config revert "));
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra rtp --game ketapola-dice --rounds 10000000 --low 48 --high 48 --commission-micro 5000"));
    }

    @Test
    void wallet_down_shows_what_waits_and_how_to_communicate() {
        TriageReport r = triage.walletDown(OP);
        assertThat(r.sections().get(1).rows().getFirst().get("endpoint")).isEqualTo("ROLLBACK");
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra incident post --operator " + OP));
    }

    @Test
    void db_connections_sees_this_test_connection() {
        TriageReport r = triage.dbConnections();
        assertThat(((Number) r.sections().getFirst().rows().getFirst().get("count")).intValue()).isPositive();
    }
}
