package dev.yantra.ops.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.config.NotFoundException;
import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BetLookupTest {
    Database db;
    final UUID op = UUID.randomUUID(), bet = UUID.randomUUID(), tx = UUID.randomUUID(), winTx = UUID.randomUUID();

    @BeforeEach
    void aWonBetWhoseWinWasRetriedOnce() {
        db = TestPostgres.freshDatabase();
        var j = db.jdbc();
        UUID table = UUID.randomUUID(), chain = UUID.randomUUID(), round = UUID.randomUUID(), session = UUID.randomUUID();
        j.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'op', 'c')").param(op).update();
        j.sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, 'ketapola-dice', 'LKR')").params(table, op).update();
        j.sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'c', 's0', 1, 'v1:x')").params(chain, table).update();
        j.sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state)
                VALUES (?, ?, ?, 'ketapola-dice', 'LKR', ?, 1, 'h', 'c', 1, '{}', 'ketapola-rng-v1', 'b', 1, 'SETTLED')""")
                .params(round, table, op, chain).update();
        j.sql("INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, token_hash, expires_at) VALUES (?, ?, gen_random_uuid(), 'alice', 'ketapola-dice', 'LKR', 't', now() + interval '1h')")
                .params(session, op).update();
        j.sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid, amount_micro,
                                  selection, side, state, payout_micro, win_transaction_uuid)
                VALUES (?, ?, ?, ?, 'alice', 'LKR', gen_random_uuid(), ?, 1000000, '{"side":"LOW"}', 'LOW', 'WON', 1940000, ?)""")
                .params(bet, round, session, op, tx, winTx).update();
        for (int attempt = 1; attempt <= 2; attempt++) {
            j.sql("""
                    INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency, status,
                                              response_status, latency_ms, attempt, succeeded, bet_id)
                    VALUES (gen_random_uuid(), ?, 'WIN', gen_random_uuid(), ?, 1940000, 'LKR', ?, ?, 12, ?, ?, ?)""")
                    .params(op, winTx, attempt == 1 ? "RS_ERROR_TIMEOUT" : "RS_OK", attempt == 1 ? null : 200, attempt, attempt == 2, bet).update();
        }
        j.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, bet_id, request_uuid, transaction_uuid, amount_micro, attempts, completed_at, completion)
                VALUES (gen_random_uuid(), ?, 'WIN', ?, gen_random_uuid(), ?, 1940000, 1, now(), 'WALLET')""").params(op, bet, winTx).update();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_bet_is_found_by_its_id_or_by_its_win_transaction_with_every_call_and_job() {
        BetLookup lookup = new BetLookup(db.jdbc());
        for (UUID key : new UUID[] {bet, winTx, tx}) {
            BetLookup.Timeline t = lookup.show(key);
            assertThat(t.bet().get("id")).isEqualTo(bet);
            assertThat(t.walletCalls()).extracting(m -> m.get("status")).containsExactly("RS_ERROR_TIMEOUT", "RS_OK");
            assertThat(t.jobs()).hasSize(1);
            assertThat(t.proofUrl()).startsWith("/verify?round=");
        }
        assertThat(lookup.list("alice", op, Duration.ofHours(24), 10)).hasSize(1).first()
                .satisfies(row -> assertThat(((Number) row.get("wallet_calls")).intValue()).isEqualTo(2));
    }

    @Test
    void an_unknown_id_is_not_found() {
        assertThatThrownBy(() -> new BetLookup(db.jdbc()).show(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }
}
