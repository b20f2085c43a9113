package dev.yantra.ops.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each triage counts what its playbook means and says so in its exit code (1 = it found a
 * problem, 0 = healthy), run as an operator runs it: {@code yantra triage ... --database-url ...}.
 */
class TriageTellsTheTruthTest {
    Database db;
    String url;
    final UUID op = UUID.randomUUID();

    @BeforeEach
    void anOperator() {
        var env = TestPostgres.freshEnv(1);
        url = env.databaseUrl().orElseThrow();
        db = Database.open(env, "yantra-test", 4, null);
        db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'truth-casino', 'c@truth.example')").param(op).update();
    }

    @AfterEach
    void close() {
        db.close();
    }

    void call(String endpoint, String status, Integer httpStatus, boolean succeeded) {
        db.jdbc().sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                          status, response_status, latency_ms, attempt, succeeded, kid)
                VALUES (gen_random_uuid(), ?, ?, gen_random_uuid(), gen_random_uuid(), 1000, 'LKR', ?, ?, 12, 1, ?, 'out-1')""")
                .params(op, endpoint, status, httpStatus, succeeded).update();
    }

    void refusal(String reason) {
        db.jdbc().sql("INSERT INTO bet_refusals (operator_id, player_ref, game_code, reason, refused_at) VALUES (?, 'p1', 'ketapola-dice', ?, now())")
                .params(op, reason).update();
    }

    static JsonNode json(Yantra.Run r) {
        return JsonMapper.builder().build().readTree(r.out());
    }

    @Test
    void a_wallet_that_answered_only_balance_probes_and_business_refusals_is_healthy_and_no_force_open_is_offered() {
        for (int i = 0; i < 5; i++) call("BALANCE", "RS_OK", 200, false);   // a probe never "succeeds": it moves no money
        call("BET", "RS_OK", 200, true);
        call("BET", "RS_ERROR_NOT_ENOUGH_MONEY", 200, false);            // the player's answer, not the wallet failing
        Yantra.Run r = Yantra.run(url, "triage", "breaker", "--operator", "truth-casino");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("force-open").contains("0 wallet failures in the last hour");
    }

    @Test
    void a_wallet_that_times_out_exits_1_and_names_the_force_open() {
        call("BALANCE", "RS_OK", 200, false);
        for (int i = 0; i < 3; i++) call("WIN", "RS_ERROR_TIMEOUT", null, false);
        call("BET", null, 503, false);
        Yantra.Run r = Yantra.run(url, "triage", "breaker", "--operator", op.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("4 wallet failures in the last hour").contains("yantra breaker force-open --operator " + op);
    }

    @Test
    void a_breaker_forced_open_on_a_healthy_wallet_is_a_problem_and_breaker_auto_is_offered() {
        call("BET", "RS_OK", 200, true);
        db.jdbc().sql("INSERT INTO breaker_overrides (operator_id, mode, set_by, reason) VALUES (?, 'FORCED_OPEN', 'cli:sre', 'drill')").param(op).update();
        Yantra.Run r = Yantra.run(url, "triage", "breaker", "--operator", op.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("breaker forced open by cli:sre since ").contains("yantra breaker auto --operator " + op)
                .doesNotContain("force-open");
    }

    @Test
    void wallet_down_counts_the_bets_the_breaker_and_a_halt_refused_and_exits_1() {
        for (int i = 0; i < 4; i++) refusal("operator_unavailable");
        refusal("bets_halted");
        refusal("bets_halted");
        Yantra.Run r = Yantra.run(url, "triage", "wallet-down", "--operator", op.toString(), "--json");
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        JsonNode refused = json(r).get("sections").get(0);
        assertThat(refused.get("title").asString()).contains("refused");
        assertThat(refused.get("rows").toString()).contains("\"reason\":\"operator_unavailable\"", "\"count\":4",
                "\"reason\":\"bets_halted\"", "\"count\":2");
        assertThat(json(r).get("findings").toString()).contains("6 bets refused in the last hour");
    }

    @Test
    void wallet_down_on_a_wallet_that_answers_exits_0() {
        call("BET", "RS_OK", 200, true);
        call("WIN", "RS_OK", 200, true);
        Yantra.Run r = Yantra.run(url, "triage", "wallet-down", "--operator", op.toString());
        assertThat(r.exit()).as(r.out()).isZero();
    }

    @Test
    void stuck_rollbacks_exits_1_with_a_stuck_rollback_and_0_without() {
        Yantra.Run healthy = Yantra.run(url, "triage", "stuck-rollbacks");
        assertThat(healthy.exit()).as(healthy.out()).isZero();
        db.jdbc().sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                                 attempts, last_error, created_at)
                VALUES (gen_random_uuid(), ?, 'ROLLBACK', gen_random_uuid(), gen_random_uuid(), 500, 'LKR', 7, 'RS_ERROR_UNKNOWN', now() - interval '10 minutes')""")
                .param(op).update();
        Yantra.Run stuck = Yantra.run(url, "triage", "stuck-rollbacks");
        assertThat(stuck.exit()).as(stuck.out()).isEqualTo(1);
    }

    @Test
    void queue_and_rtp_drift_exit_0_when_healthy_and_1_when_they_find_their_problem() {
        assertThat(Yantra.run(url, "triage", "queue").exit()).isZero();
        db.jdbc().sql("""
                INSERT INTO operator_game_configs (id, operator_id, game_code, currency, config)
                VALUES (gen_random_uuid(), ?, 'ketapola-dice', 'LKR', '{"lowWeight":48,"highWeight":48,"commissionMicro":3000}')""").param(op).update();
        Yantra.Run created = Yantra.run(url, "triage", "rtp-drift");
        assertThat(created.exit()).as("a config's first values are no change: " + created.out()).isZero();
        assertThat(created.out()).contains("## no problem found; to look further").doesNotContain("yantra config revert");
        db.jdbc().sql("UPDATE operator_game_configs SET config = jsonb_set(config, '{commissionMicro}', '5000') WHERE operator_id = ?").param(op).update();
        Yantra.Run changed = Yantra.run(url, "triage", "rtp-drift");
        assertThat(changed.exit()).as(changed.out()).isEqualTo(1);
        assertThat(changed.out()).contains("1 RTP-relevant config change(s) in the last 24 h", "commissionMicro 3000 -> 5000");
        db.jdbc().sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency, needs_attention)
                VALUES (gen_random_uuid(), ?, 'WIN', gen_random_uuid(), gen_random_uuid(), 500, 'LKR', true)""").param(op).update();
        Yantra.Run flagged = Yantra.run(url, "triage", "queue");
        assertThat(flagged.exit()).as(flagged.out()).isEqualTo(1);
        assertThat(flagged.out()).contains("1 job(s) flagged needs_attention");
    }

    @Test
    void credential_leak_with_an_unknown_kid_exits_1_and_says_which() {
        Yantra.Run r = Yantra.run(url, "triage", "credential-leak", "--operator", op.toString(), "--kid", "no-such-kid");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no credential no-such-kid for operator " + op);
    }

    @Test
    void credential_leak_of_an_active_kid_exits_1_until_it_is_revoked() {
        db.jdbc().sql("INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext) VALUES (gen_random_uuid(), ?, 'leaky', 'INBOUND', 'v1:x')")
                .param(op).update();
        Yantra.Run active = Yantra.run(url, "triage", "credential-leak", "--operator", op.toString(), "--kid", "leaky");
        assertThat(active.exit()).isEqualTo(1);
        assertThat(active.out()).contains("yantra credential revoke leaky");
        db.jdbc().sql("UPDATE operator_credentials SET revoked_at = now() WHERE kid = 'leaky'").update();
        Yantra.Run revoked = Yantra.run(url, "triage", "credential-leak", "--operator", op.toString(), "--kid", "leaky");
        assertThat(revoked.exit()).as(revoked.out()).isZero();
    }
}
