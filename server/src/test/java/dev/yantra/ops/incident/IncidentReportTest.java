package dev.yantra.ops.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report's definitions on hand-made rows (IncidentReportEndToEndTest drives a real outage). */
class IncidentReportTest {
    Database db;
    final UUID op = UUID.randomUUID();
    final Instant from = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void scriptedOutage() {
        db = TestPostgres.freshDatabase();
        var j = db.jdbc();
        UUID table = UUID.randomUUID(), chain = UUID.randomUUID(), round = UUID.randomUUID(), session = UUID.randomUUID();
        j.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'casino', 'c')").param(op).update();
        j.sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, 'ketapola-dice', 'LKR')").params(table, op).update();
        j.sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'c', 's0', 1, 'v1:x')").params(chain, table).update();
        j.sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state)
                VALUES (?, ?, ?, 'ketapola-dice', 'LKR', ?, 1, 'h', 'c', 1, '{}', 'ketapola-rng-v1', 'b', 1, 'SETTLED')""").params(round, table, op, chain).update();
        j.sql("INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, token_hash, expires_at) VALUES (?, ?, gen_random_uuid(), 'x', 'ketapola-dice', 'LKR', 't', now() + interval '1h')")
                .params(session, op).update();
        // a REJECTED bet (a business refusal), a voided round's refund (not a rejection), two breaker refusals
        bet(j, round, session, "ann", "LOW", "REJECTED", "RS_ERROR_NOT_ENOUGH_MONEY", 5);
        bet(j, round, session, "carl", "HIGH", "REFUNDED", "lease_lost", 5);
        for (String p : new String[] {"ann", "bob"}) {
            j.sql("INSERT INTO bet_refusals (operator_id, player_ref, game_code, reason, refused_at) VALUES (?, ?, 'ketapola-dice', 'operator_unavailable', ?)")
                    .params(op, p, ts(6)).update();
        }
        j.sql("UPDATE rounds SET result_at = ? WHERE id = ?").params(java.sql.Timestamp.from(from.plusSeconds(590)), round).update();
        int[] delays = {30, 90};
        for (int d : delays) {
            Instant created = from.plus(10, ChronoUnit.MINUTES);
            j.sql("""
                    INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, round_id, player_ref, request_uuid, transaction_uuid, amount_micro, attempts, created_at, completed_at)
                    VALUES (gen_random_uuid(), ?, 'WIN', ?, 'dan', gen_random_uuid(), gen_random_uuid(), 1940000, 3, ?, ?)""")
                    .params(op, round, java.sql.Timestamp.from(created), java.sql.Timestamp.from(created.plusSeconds(d))).update();
        }
        j.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, attempts, created_at)
                VALUES (gen_random_uuid(), ?, 'ROLLBACK', gen_random_uuid(), gen_random_uuid(), 500000, 4, ?)""")
                .params(op, java.sql.Timestamp.from(from.plus(12, ChronoUnit.MINUTES))).update();
        // a balance answer (never "succeeded": it moves no money) is no failure; timeouts are; then a WIN is answered
        call(j, "BALANCE", "RS_OK", 3);
        call(j, "BET", "RS_ERROR_TIMEOUT", 4);
        call(j, "BET", null, 7);
        call(j, "WIN", "RS_OK", 11);
        j.sql("INSERT INTO breaker_transitions (operator_id, node, from_state, to_state, created_at) VALUES (?, 'n1', 'CLOSED', 'OPEN', ?)")
                .params(op, ts(5)).update();
    }

    java.sql.Timestamp ts(int minute) {
        return java.sql.Timestamp.from(from.plus(minute, ChronoUnit.MINUTES));
    }

    void bet(org.springframework.jdbc.core.simple.JdbcClient j, UUID round, UUID session, String player, String side, String state,
             String reason, int minute) {
        j.sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid, amount_micro,
                                  selection, side, state, reason, created_at)
                 VALUES (gen_random_uuid(), ?, ?, ?, ?, 'LKR', gen_random_uuid(), gen_random_uuid(), 1000000, '{}', ?, ?, ?, ?)""")
                .params(round, session, op, player, side, state, reason, ts(minute)).update();
    }

    void call(org.springframework.jdbc.core.simple.JdbcClient j, String endpoint, String status, int minute) {
        j.sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, latency_ms, succeeded, status, created_at)
                VALUES (gen_random_uuid(), ?, ?, gen_random_uuid(), 5, ?, ?, ?)""")
                .params(op, endpoint, "WIN".equals(endpoint) && "RS_OK".equals(status), status, ts(minute)).update();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void the_numbers_follow_the_definitions() {
        IncidentReport report = new IncidentReport(db.jdbc());
        IncidentFigures.Figures f = report.figures(op, from, Instant.now());
        assertThat(f.rejectedByReason()).containsExactly(java.util.Map.entry("operator_unavailable", 2L), java.util.Map.entry("not_enough_money", 1L));
        assertThat(f.betsRejected()).isEqualTo(3);
        assertThat(f.playersAffected()).isEqualTo(3);   // ann, bob (rejected or refused), dan (owed wins); not carl
        assertThat(f.winsPaidLate()).isEqualTo(2);
        assertThat(f.minWinDelaySeconds()).isEqualTo(40);   // from the round's result, 10 s before the job
        assertThat(f.maxWinDelaySeconds()).isEqualTo(100);
        assertThat(f.uncertainStakeNowMicro()).isEqualTo(500000);
        assertThat(f.uncertainStakeWorstMicro()).isEqualTo(500000);
        assertThat(f.maxQueueDepth()).isEqualTo(2);   // both WIN jobs open at minute 10; the rollback opens after they close
        assertThat(f.firstFailedCall()).isEqualTo(from.plus(4, ChronoUnit.MINUTES));
        assertThat(f.walletAnsweredAgain()).isEqualTo(from.plus(11, ChronoUnit.MINUTES));

        String md = report.markdown(op, from, from.plus(30, ChronoUnit.MINUTES));
        assertThat(md).contains("Duration: 00:30").contains("3 bets rejected (operator_unavailable 2, not_enough_money 1)")
                .contains("3 players affected").contains("Wallet outage: 420s")
                .contains("2 wins paid late, the shortest after 40 s, the longest after 100 s").contains("breaker CLOSED -> OPEN on n1")
                .contains("first bet refused: operator_unavailable").contains("<two-sentence synopsis>");
    }
}
