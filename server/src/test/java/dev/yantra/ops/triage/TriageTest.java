package dev.yantra.ops.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void breaker_lists_failed_calls_by_endpoint_and_counts_a_business_answer_as_no_wallet_failure() {
        TriageReport r = triage.breaker(OP);
        assertThat(r.sections().getFirst().rows()).hasSize(1);
        assertThat(r.sections().get(1).rows().getFirst().get("endpoint")).isEqualTo("ROLLBACK");
        // RS_ERROR_TRANSACTION_DOES_NOT_EXIST is the wallet answering: the breaker does not count it, nor does the triage
        assertThat(r.findings()).contains("0 wallet failures in the last hour");
        assertThat(r.problemFound()).isFalse();
        assertThat(r.mitigations()).noneMatch(m -> m.startsWith("yantra breaker force-open"));
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
        db.jdbc().sql("INSERT INTO bet_refusals (operator_id, player_ref, game_code, reason, refused_at) VALUES (?, 'p', 'ketapola-dice', 'operator_unavailable', now())")
                .param(OP).update();
        TriageReport r = triage.walletDown(OP);
        assertThat(r.problemFound()).isTrue();
        assertThat(r.sections().get(1).rows().getFirst().get("endpoint")).isEqualTo("ROLLBACK");
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra incident post --operator " + OP));
    }

    @Test
    void db_connections_sees_this_test_connection() {
        TriageReport r = triage.dbConnections();
        assertThat(((Number) r.sections().getFirst().rows().getFirst().get("count")).intValue()).isPositive();
    }

    @Test
    void reconcile_of_a_summary_file_shows_the_drift_and_fills_in_halt_and_adjust(@TempDir Path dir) throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Path file = dir.resolve("summary.csv");
        // they booked a 1.000000 stake we never confirmed (ours low, nothing pending: MAJOR_DRIFT) and the
        // 0.500000 rollback our open job still owes (pending: closes by itself)
        Files.writeString(file, "operatorId,date,currency,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro\n"
                + OP + "," + today + ",LKR,1000000,0,500000\n");
        TriageReport r = new ReconcileTriage(db.dataSource(), db.jdbc()).run(file, null);
        assertThat(r.sections().getFirst().rows().getFirst()).containsEntry("format", "SUMMARY").containsEntry("outcome", "MAJOR_DRIFT");
        var drifting = r.sections().get(1).rows();
        assertThat(drifting).anySatisfy(row -> assertThat(row).containsEntry("kind", "BET").containsEntry("drift_micro", 1000000L)
                .containsEntry("status", "MAJOR_DRIFT"));
        assertThat(drifting).anySatisfy(row -> assertThat(row).containsEntry("kind", "ROLLBACK").containsEntry("pending_jobs", 1L)
                .containsEntry("pending_micro", 500000L).containsEntry("unexplained_micro", 0L));
        assertThat(r.findings()).anyMatch(f -> f.contains("ROLLBACK: the drift of 500000 micro is what 1 open job(s) still owe"));
        // the playbook's row-by-row query ran for that day and found the failed rollback call
        assertThat(r.sections().get(2).sql()).isEqualTo(ReconcileTriage.CALLS_OF_THE_DAY);
        assertThat(r.sections().get(2).rows()).anySatisfy(row -> assertThat(row.get("transaction_uuid")).isEqualTo(STUCK_TX));
        assertThat(r.mitigations()).contains("yantra reconcile --file " + file + " --verbose");
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra halt settlements --operator " + OP + " --reason"));
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra reconcile adjust --operator " + OP + " --date " + today
                + " --currency LKR --kind BET --amount-micro 1000000 "));
        assertThat(r.mitigations()).noneMatch(m -> m.contains("--kind ROLLBACK"));
    }

    @Test
    void reconcile_of_a_transaction_file_classifies_each_difference_and_names_the_bets(@TempDir Path dir) throws Exception {
        UUID theirsOnly = UUID.randomUUID();
        String now = java.time.Instant.now().toString();
        Path file = dir.resolve("tx.csv");
        Files.writeString(file, "transactionUuid,kind,amountMicro,currency,createdAt\n"
                + STUCK_TX + ",ROLLBACK,500000,LKR," + now + "\n"
                + theirsOnly + ",BET,2000000,LKR," + now + "\n");
        TriageReport r = new ReconcileTriage(db.dataSource(), db.jdbc()).run(file, OP.toString());
        assertThat(r.sections().getFirst().rows().getFirst()).containsEntry("format", "TRANSACTIONS").containsEntry("outcome", "MAJOR_DRIFT");
        var classes = r.sections().get(1).rows();
        assertThat(classes.get(0)).containsEntry("count", 1L);   // pending: the open rollback job
        assertThat(classes.get(1)).containsEntry("count", 0L);   // dropped
        assertThat(classes.get(2)).containsEntry("count", 1L);   // unexplained: their stake we never saw
        assertThat(r.sections().get(3).rows()).extracting(row -> row.get("transaction_uuid"))
                .containsExactlyInAnyOrder(STUCK_TX.toString(), theirsOnly.toString());
        assertThat(r.mitigations()).contains("yantra bet show " + theirsOnly, "yantra bet show " + STUCK_TX + "    # pending: job " + STUCK_JOB);
        assertThat(r.mitigations()).anyMatch(m -> m.startsWith("yantra halt settlements --operator " + OP));
        assertThat(r.mitigations()).anyMatch(m -> m.contains("--currency LKR --kind BET --amount-micro 2000000 "));
    }

    @Test
    void rng_change_runs_the_self_test_and_names_the_regression_and_cert_commands() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = new picocli.CommandLine(new TriageCommand()).execute("rng-change", "--json");
        } finally {
            System.setOut(saved);
        }
        String json = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exit).as(json).isZero();
        assertThat(json).contains("\"ok\":true").containsPattern("\"vectors\":[1-9]").contains("\"failures\":0")
                .contains("yantra rtp --game ketapola-dice --rounds 10000000").contains("yantra cert status")
                .contains("certification gate (cert/ATTEST)").doesNotContain("roll back the deploy");
    }
}
