package dev.yantra.round;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fewest rows a bet needs, written by SQL for the bet-store tests that need no node: an operator, its table and
 * chain, one round open for bets for a minute, and a player's session.
 */
final class OpenRoundRows {
    private OpenRoundRows() {
    }

    static void insert(JdbcClient j, UUID op, UUID round, UUID session) {
        UUID table = UUID.randomUUID();
        UUID chain = UUID.randomUUID();
        j.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'casino', 'c')").param(op).update();
        j.sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, 'ketapola-dice', 'LKR')").params(table, op).update();
        j.sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'c', 's0', 10, 'v1:x')")
                .params(chain, table).update();
        j.sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state, betting_closes_at)
                VALUES (?, ?, ?, 'ketapola-dice', 'LKR', ?, 0, 'h', 'c', 1, '{}', 'ketapola-rng-v1', 'b', 1, 'BETTING_OPEN', ?)""")
                .params(round, table, op, chain, Timestamp.from(Instant.now().plusSeconds(60))).update();
        j.sql("""
                INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, token_hash, expires_at)
                VALUES (?, ?, gen_random_uuid(), 'p', 'ketapola-dice', 'LKR', 't', now() + interval '1h')""").params(session, op).update();
    }
}
