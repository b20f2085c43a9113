package dev.yantra.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.demowallet.Faults;
import dev.yantra.round.port.WalletPort;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A wallet that hangs while a round is being settled must not stretch the table's cadence: settlement gives the
 * round's inline WIN tries {@link InlineWinBudget#DEFAULT} in all, hands every unanswered winner to its WIN job,
 * and the next round opens on time. Real node, real Postgres, the real demo wallet with its "hang" fault.
 */
class HungWalletSettlementTest {
    static final long COOLDOWN_MS = 1_000;
    static final String CONFIG = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":1500,\"rollingMs\":300,\"cooldownMs\":" + COOLDOWN_MS + ",\"minBetMicro\":10000}";
    static final long STAKE = 50_000;

    record Settled(UUID betId, String player, String state, long payoutMicro, UUID winTransactionUuid) {
    }

    @Test
    void with_the_wallet_hung_at_settlement_the_next_round_opens_on_schedule_and_each_winner_is_credited_once_after_it_recovers()
            throws Exception {
        try (TableFixture f = new TableFixture(5_000, CONFIG)) {
            List<String> players = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                players.add("hung-" + i);
                tokens.add(f.session("hung-" + i, "real", null));
            }
            UUID roundId = UUID.fromString(f.awaitBettingOpen(tokens.getFirst(), 900));
            for (int i = 0; i < tokens.size(); i++) {
                var r = f.bet(tokens.get(i), i % 2 == 0 ? "LOW" : "HIGH", STAKE);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            }
            // the stakes are taken; now the wallet stops answering, before the round's result
            f.faults(Faults.NONE.withHang(true));

            TableFixture.await("the round settled", 15_000, () -> "SETTLED".equals(roundState(f, roundId)));
            TableFixture.await("the next round opened", 10_000, () -> nextRoundOpenedAt(f, roundId) != null);
            Map<String, Object> round = f.jdbc().sql("SELECT result_at, settled_at, opened_at FROM rounds WHERE id = ?")
                    .param(roundId).query().singleRow();
            Instant resultAt = ((Timestamp) round.get("result_at")).toInstant();
            Instant settledAt = ((Timestamp) round.get("settled_at")).toInstant();
            Instant nextOpenedAt = nextRoundOpenedAt(f, roundId);

            // the schedule: the cooldown counts from the result; a hung wallet delays it by no more than 200 ms
            long lateMs = Duration.between(resultAt.plusMillis(COOLDOWN_MS), nextOpenedAt).toMillis();
            assertThat(lateMs).as("how late the next round opened").isBetween(0L, 199L);
            assertThat(Duration.between(resultAt, settledAt).toMillis()).as("settlement's wait on the wallet")
                    .isLessThan(InlineWinBudget.DEFAULT_MS + 300L);

            List<Settled> bets = bets(f, roundId);
            List<Settled> winners = bets.stream().filter(b -> b.payoutMicro() > 0).toList();
            assertThat(winners).as("one side won").isNotEmpty();
            for (Settled w : winners) {
                assertThat(w.state()).isEqualTo("WIN_OWED");
                // its job retries with the very ids of the inline try, so the wallet can tell it is the same win
                assertThat(f.jdbc().sql("""
                                SELECT count(*) FROM pending_wallet_jobs
                                 WHERE bet_id = ? AND endpoint = 'WIN' AND completed_at IS NULL
                                   AND transaction_uuid = ? AND request_uuid = ?""")
                        .params(w.betId(), w.winTransactionUuid(), WalletPort.winRequestUuid(w.winTransactionUuid()))
                        .query(Integer.class).single()).isEqualTo(1);
                // the inline try was cut short by the budget and journaled as the timeout it was
                assertThat(f.jdbc().sql("""
                                SELECT status FROM wallet_calls WHERE bet_id = ? AND endpoint = 'WIN' AND job_id IS NULL""")
                        .param(w.betId()).query(String.class).list()).containsExactly("RS_ERROR_TIMEOUT");
            }

            f.faults(Faults.NONE);   // the wallet comes back: the calls it held go through, then the jobs' retries
            TableFixture.await("every win credited", 30_000, () -> f.openJobs() == 0
                    && bets(f, roundId).stream().noneMatch(b -> b.state().equals("WIN_OWED")));
            for (Settled b : bets(f, roundId)) {
                long expected = TableFixture.INITIAL_MICRO - STAKE + b.payoutMicro();
                assertThat(f.balance(b.player())).as("wallet balance of " + b.player()).isEqualTo(expected);
                assertThat(b.state()).isEqualTo(b.payoutMicro() > 0 ? "WON" : "LOST");
            }
            assertThat(f.ledgerEntries().stream().filter(e -> e.kind().equals("WIN")).count())
                    .as("one WIN in the wallet's ledger per winner").isEqualTo(winners.size());
        }
    }

    private static String roundState(TableFixture f, UUID roundId) {
        return f.jdbc().sql("SELECT state FROM rounds WHERE id = ?").param(roundId).query(String.class).single();
    }

    private static Instant nextRoundOpenedAt(TableFixture f, UUID roundId) {
        return f.jdbc().sql("""
                        SELECT n.opened_at FROM rounds n JOIN rounds r ON r.id = ? AND n.table_id = r.table_id
                         WHERE n.opened_at > r.opened_at ORDER BY n.opened_at LIMIT 1""")
                .param(roundId).query((rs, i) -> rs.getTimestamp(1).toInstant()).optional().orElse(null);
    }

    private static List<Settled> bets(TableFixture f, UUID roundId) {
        return f.jdbc().sql("SELECT id, player_ref, state, payout_micro, win_transaction_uuid FROM bets WHERE round_id = ?")
                .param(roundId).query((rs, i) -> new Settled(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getObject(5, UUID.class))).list();
    }
}
