package dev.yantra.fairness.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.fairness.DiceOutcome;
import dev.yantra.fairness.HashChain;
import dev.yantra.fairness.Side;
import dev.yantra.games.ketapola.KetapolaDicePlugin;
import dev.yantra.testing.TestPostgres;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoundAuditorTest {
    Database db;
    RoundAuditor auditor;
    final UUID op = UUID.randomUUID();
    final UUID table = UUID.randomUUID();
    final UUID chainId = UUID.randomUUID();
    final HashChain chain = HashChain.generate(10, new SecureRandom());
    final KetapolaDicePlugin dice = new KetapolaDicePlugin();
    UUID roundId;
    UUID winnerBet;

    @BeforeEach
    void settledRoundWithOneWinnerAndOneLoser() {
        db = TestPostgres.freshDatabase();
        auditor = new RoundAuditor(db.jdbc());
        db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'op', 'c')").param(op).update();
        db.jdbc().sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, 'ketapola-dice', 'LKR')").params(table, op).update();
        db.jdbc().sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'table-seed', ?, 10, 'v1:x')")
                .params(chainId, table, chain.commitment()).update();
        DiceOutcome outcome = new dev.yantra.fairness.KetapolaRng().roll(chain.seed(1), "table-seed", 1, 48, 48);
        roundId = UUID.randomUUID();
        db.jdbc().sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, server_seed, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state, outcome, settled_at)
                VALUES (?, ?, ?, 'ketapola-dice', 'LKR', ?, 1, ?, ?, 'table-seed', 1,
                        '{"lowWeight":48,"highWeight":48,"commissionMicro":3000,"maxRoundExposureMicro":1}'::jsonb,
                        'ketapola-rng-v1', 'test', 1, 'SETTLED', ?::jsonb, now())""")
                .params(roundId, table, op, chainId, chain.seed(0), chain.seed(1), outcome.toJson()).update();
        UUID session = UUID.randomUUID();
        db.jdbc().sql("INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, token_hash, expires_at) VALUES (?, ?, gen_random_uuid(), 'p', 'ketapola-dice', 'LKR', 'h', now() + interval '1h')")
                .params(session, op).update();
        Side win = outcome.side();
        Side lose = win == Side.LOW ? Side.HIGH : Side.LOW;
        winnerBet = bet(session, win, 1_000_000, dice.settle(1_000_000, win, outcome, dice.defaultConfig()), "WON");
        bet(session, lose, 1_000_000, 0, "LOST");
    }

    UUID bet(UUID session, Side side, long stake, long payout, String state) {
        UUID id = UUID.randomUUID();
        db.jdbc().sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid, amount_micro,
                                  selection, side, state, payout_micro, settled_at)
                VALUES (?, ?, ?, ?, 'p', 'LKR', gen_random_uuid(), gen_random_uuid(), ?, ?::jsonb, ?, ?, ?, now())""")
                .params(id, roundId, session, op, stake, "{\"side\":\"" + side + "\"}", side.name(), state, payout).update();
        return id;
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_correct_round_verifies_against_the_chain_and_every_payout() {
        RoundAuditor.RoundCheck c = auditor.verify(roundId);
        assertThat(c.problems()).isEmpty();
        assertThat(c.bets()).isEqualTo(2);
        assertThat(auditor.since(Duration.ofHours(24), null, 50).ok()).isTrue();
    }

    @Test
    void an_overpaid_bet_is_named() {
        db.jdbc().sql("UPDATE bets SET payout_micro = payout_micro + 1 WHERE id = ?").param(winnerBet).update();
        RoundAuditor.AuditSummary s = auditor.since(Duration.ofHours(24), op, 0);
        assertThat(s.ok()).isFalse();
        assertThat(s.failures().getFirst().problems()).anyMatch(p -> p.contains(winnerBet.toString()) && p.contains("overpaid"));
    }

    @Test
    void a_seed_that_is_not_the_chains_is_caught() {
        db.jdbc().sql("UPDATE rounds SET server_seed = ? WHERE id = ?").params(chain.seed(2), roundId).update();
        assertThat(auditor.verify(roundId).problems()).anyMatch(p -> p.startsWith("chain:"));
    }
}
