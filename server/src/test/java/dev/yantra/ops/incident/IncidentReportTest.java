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

/** A scripted outage: the report's numbers are exactly what the script did. */
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
        String[] players = {"ann", "bob", "ann"};
        for (int i = 0; i < 3; i++) {
            j.sql("""
                    INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid, amount_micro,
                                      selection, side, state, reason, created_at)
                     VALUES (gen_random_uuid(), ?, ?, ?, ?, 'LKR', gen_random_uuid(), gen_random_uuid(), 1000000, '{}', ?,
                            'REJECTED', 'operator_unavailable', ?)""")
                    .params(round, session, op, players[i], i == 2 ? "HIGH" : "LOW", java.sql.Timestamp.from(from.plus(5 + i, ChronoUnit.MINUTES))).update();
        }
        int[] delays = {30, 90};
        for (int d : delays) {
            Instant created = from.plus(10, ChronoUnit.MINUTES);
            j.sql("""
                    INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, attempts, created_at, completed_at)
                    VALUES (gen_random_uuid(), ?, 'WIN', gen_random_uuid(), gen_random_uuid(), 1940000, 3, ?, ?)""")
                    .params(op, java.sql.Timestamp.from(created), java.sql.Timestamp.from(created.plusSeconds(d))).update();
        }
        j.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, attempts, created_at)
                VALUES (gen_random_uuid(), ?, 'ROLLBACK', gen_random_uuid(), gen_random_uuid(), 500000, 4, ?)""")
                .params(op, java.sql.Timestamp.from(from.plus(12, ChronoUnit.MINUTES))).update();
        j.sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, latency_ms, succeeded, status, created_at)
                VALUES (gen_random_uuid(), ?, 'BET', gen_random_uuid(), 5000, false, 'RS_ERROR_TIMEOUT', ?)""")
                .params(op, java.sql.Timestamp.from(from.plus(4, ChronoUnit.MINUTES))).update();
        j.sql("INSERT INTO breaker_transitions (operator_id, node, from_state, to_state, created_at) VALUES (?, 'n1', 'CLOSED', 'OPEN', ?)")
                .params(op, java.sql.Timestamp.from(from.plus(5, ChronoUnit.MINUTES))).update();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void the_numbers_match_the_scripted_outage() {
        IncidentReport report = new IncidentReport(db.jdbc());
        IncidentReport.Figures f = report.figures(op, from, Instant.now());
        assertThat(f.betsRejected()).isEqualTo(3);
        assertThat(f.playersAffected()).isEqualTo(2);
        assertThat(f.winsPaidLate()).isEqualTo(2);
        assertThat(f.maxWinDelaySeconds()).isEqualTo(90);
        assertThat(f.uncertainStakeNowMicro()).isEqualTo(500000);
        assertThat(f.uncertainStakeWorstMicro()).isEqualTo(500000);
        assertThat(f.maxQueueDepth()).isEqualTo(2);   // both WIN jobs open at minute 10; the rollback opens after they close
        assertThat(f.firstFailedCall()).isEqualTo(from.plus(4, ChronoUnit.MINUTES));

        String md = report.markdown(op, from, from.plus(30, ChronoUnit.MINUTES));
        assertThat(md).contains("Duration: 00:30").contains("3 bets rejected").contains("2 players affected")
                .contains("2 wins paid late, the longest after 90 s").contains("breaker CLOSED -> OPEN on n1")
                .contains("<two-sentence synopsis>");
    }
}
