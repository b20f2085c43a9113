package dev.yantra.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.demowallet.Faults;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A bet written PENDING whose round is voided while its BET wallet call is in flight. The void
 * is the one a node taking the table over runs ({@link Settlement#voidRound} with the leader's fence, reason
 * leader_lost); the test forces where it lands with a slow demo wallet and, for the exact interleaving the kill -9
 * storm hit, a row lock the test holds on the bet so the accepting write and the void's refund queue up behind it.
 */
class VoidDuringWalletCallTest {
    static final long STAKE = 300_000;

    @Test
    void a_void_that_scans_the_bet_while_the_wallets_answer_is_being_written_still_refunds_the_stake_once() throws Exception {
        try (TableFixture f = new TableFixture(5000, 30_000); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String token = f.session("racer", "real", null);
            UUID roundId = UUID.fromString(f.awaitBettingOpen(token, 10_000));
            f.faults(Faults.NONE.withSlowMs(1_000));
            Future<HttpResponse<String>> answer = pool.submit(() -> f.bet(token, "LOW", STAKE));
            UUID betId = awaitPendingBet(f);
            DataSource ds = f.nodes.getFirst().database().dataSource();
            try (Connection hold = ds.getConnection()) {
                hold.setAutoCommit(false);
                try (PreparedStatement ps = hold.prepareStatement("SELECT id FROM bets WHERE id = ? FOR UPDATE")) {
                    ps.setObject(1, betId);
                    ps.executeQuery().close();
                }
                // the wallet has debited and the bet path's write of that answer waits on the bet row first
                TableFixture.await("the accepting write waiting on the bet", 10_000, () -> lockWaiters(f.jdbc()) >= 1);
                Future<?> voided = pool.submit(() -> voidAsATakeoverDoes(f, roundId));
                // then the takeover's void, which by now has seen the bet PENDING (or waits on the round)
                TableFixture.await("the void waiting too", 10_000, () -> lockWaiters(f.jdbc()) >= 2 || voided.isDone());
                hold.rollback();
                voided.get(20, TimeUnit.SECONDS);
            }
            answer.get(20, TimeUnit.SECONDS);
            f.faults(Faults.NONE);
            TableFixture.await("the round's jobs done", 30_000, () -> f.openJobs() == 0);

            assertThat(roundState(f, roundId)).isEqualTo("VOIDED");
            assertStakeCameBackOnce(f, betId);
        }
    }

    @Test
    void a_bet_whose_round_is_voided_before_the_wallet_answers_is_refused_to_its_player_and_refunded_once() throws Exception {
        try (TableFixture f = new TableFixture(5000, 30_000); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String token = f.session("late-answer", "real", null);
            UUID roundId = UUID.fromString(f.awaitBettingOpen(token, 10_000));
            f.faults(Faults.NONE.withSlowMs(1_500));
            Future<HttpResponse<String>> answer = pool.submit(() -> f.bet(token, "HIGH", STAKE));
            UUID betId = awaitPendingBet(f);
            voidAsATakeoverDoes(f, roundId);   // lands while the wallet is still sleeping on the BET

            HttpResponse<String> r = answer.get(20, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(r.body()).contains("\"error\":\"round_voided\"");
            f.faults(Faults.NONE);
            TableFixture.await("the round's jobs done", 30_000, () -> f.openJobs() == 0);

            assertThat(roundState(f, roundId)).isEqualTo("VOIDED");
            assertStakeCameBackOnce(f, betId);
        }
    }

    @Test
    void a_stake_the_wallet_takes_after_the_rounds_close_time_is_owed_back_and_its_player_told_betting_closed() throws Exception {
        try (TableFixture f = new TableFixture(5000, 2_500); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String token = f.session("just-too-late", "real", null);
            UUID roundId = UUID.fromString(f.awaitBettingOpen(token, 1_000));
            long msLeft = f.jdbc().sql("SELECT CAST(extract(epoch FROM betting_closes_at - now()) * 1000 AS bigint) FROM rounds WHERE id = ?")
                    .param(roundId).query(Long.class).single();
            f.faults(Faults.NONE.withSlowMs(msLeft + 700));   // written inside the window, answered after it
            HttpResponse<String> r = f.bet(token, "LOW", STAKE);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(r.body()).contains("\"error\":\"betting_closed\"");
            UUID betId = f.jdbc().sql("SELECT id FROM bets WHERE round_id = ?").param(roundId).query(UUID.class).single();
            assertThat(f.jdbc().sql("SELECT count(*) FROM pending_wallet_jobs WHERE bet_id = ? AND endpoint = 'ROLLBACK'")
                    .param(betId).query(Integer.class).single()).as("the ROLLBACK job written with the answer").isEqualTo(1);
            f.faults(Faults.NONE);
            TableFixture.await("the round's jobs done", 30_000, () -> f.openJobs() == 0);

            assertThat(f.jdbc().sql("SELECT accepted_at IS NULL FROM bets WHERE id = ?").param(betId).query(Boolean.class)
                    .single()).as("never accepted").isTrue();
            assertStakeCameBackOnce(f, betId);
        }
    }

    static String roundState(TableFixture f, UUID roundId) {
        return f.jdbc().sql("SELECT state FROM rounds WHERE id = ?").param(roundId).query(String.class).single();
    }

    /** The bet ended REFUNDED, the wallet took its stake once and gave it back once, and no invariant is broken. */
    static void assertStakeCameBackOnce(TableFixture f, UUID betId) {
        JdbcClient j = f.jdbc();
        assertThat(j.sql("SELECT state FROM bets WHERE id = ?").param(betId).query(String.class).single())
                .as("the bet's final state").isEqualTo("REFUNDED");
        UUID betTx = j.sql("SELECT transaction_uuid FROM bets WHERE id = ?").param(betId).query(UUID.class).single();
        assertThat(f.ledgerEntries()).filteredOn(e -> e.resultStatus().equals("RS_OK"))
                .filteredOn(e -> e.transactionUuid().equals(betTx) && e.kind().equals("BET")).hasSize(1);
        assertThat(j.sql("""
                SELECT count(*) FROM demo_wallet_transactions
                 WHERE kind = 'ROLLBACK' AND result_status = 'RS_OK' AND reference_transaction_uuid = ?""")
                .param(betTx).query(Integer.class).single()).as("refunds of the stake").isEqualTo(1);
        assertThat(f.balance(playerOf(j, betId))).as("the player's wallet balance")
                .isEqualTo(TableFixture.INITIAL_MICRO);
        assertThat(new MoneyInvariants(j).violations()).as("bets breaking the money invariants").isEmpty();
    }

    private static String playerOf(JdbcClient j, UUID betId) {
        return j.sql("SELECT player_ref FROM bets WHERE id = ?").param(betId).query(String.class).single();
    }

    /** What a node taking the table over does to a round left BETTING_OPEN: void it under its own fence. */
    static void voidAsATakeoverDoes(TableFixture f, UUID roundId) {
        var ctx = f.nodes.getFirst().context();
        RoundRow round = ctx.getBean(RoundStore.class).find(roundId).orElseThrow();
        Fence fence = ctx.getBean(TableEngine.class).fenceOf(round.tableId()).orElseThrow();
        ctx.getBean(Settlement.class).voidRound(fence, round, "leader_lost");
    }

    static UUID awaitPendingBet(TableFixture f) throws InterruptedException {
        TableFixture.await("the bet written PENDING", 10_000, () -> f.jdbc()
                .sql("SELECT count(*) FROM bets WHERE state = 'PENDING'").query(Integer.class).single() == 1);
        return f.jdbc().sql("SELECT id FROM bets WHERE state = 'PENDING'").query(UUID.class).single();
    }

    /** Backends of this database waiting on a row or transaction lock. */
    static int lockWaiters(JdbcClient j) {
        return j.sql("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()""")
                .query(Integer.class).single();
    }
}
