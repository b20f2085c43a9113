package dev.yantra.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.round.port.BetState;
import dev.yantra.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The round row's locks, statement by statement on two real connections: a bet's PENDING write holds the round (the
 * bet's foreign key, then its exposure) until it commits, and a void's FOR UPDATE waits for it without a deadlock
 * and then sees the bet; a void that locked first makes the pending write find the round closed.
 */
class RoundLockOrderTest {
    Database db;
    JdbcClient j;
    final UUID op = UUID.randomUUID();
    final UUID round = UUID.randomUUID();
    final UUID session = UUID.randomUUID();

    @BeforeEach
    void openRound() {
        db = TestPostgres.freshDatabase();
        j = db.jdbc();
        OpenRoundRows.insert(j, op, round, session);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_void_waits_for_a_pending_write_in_flight_and_then_sees_its_bet() throws Exception {
        try (Connection bet = db.dataSource().getConnection(); Connection voider = db.dataSource().getConnection();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            bet.setAutoCommit(false);
            voider.setAutoCommit(false);
            insertBet(bet);   // the bet's foreign key holds the round FOR KEY SHARE
            Future<Integer> seen = pool.submit(() -> {
                exec(voider, "SELECT id FROM rounds WHERE id = ? FOR UPDATE");
                exec(voider, "UPDATE rounds SET state = 'VOIDED' WHERE id = ? AND state = 'BETTING_OPEN'");
                try (PreparedStatement ps = voider.prepareStatement("SELECT count(*) FROM bets WHERE round_id = ? AND state = 'PENDING'")) {
                    ps.setObject(1, round);
                    var rs = ps.executeQuery();
                    rs.next();
                    int n = rs.getInt(1);
                    voider.commit();
                    return n;
                }
            });
            awaitLockWaiter();
            // the write goes on to reserve the round's exposure while the void waits: no deadlock, it succeeds
            assertThat(exec(bet, "UPDATE rounds SET exposure_micro = exposure_micro + 1 WHERE id = ? AND state = 'BETTING_OPEN'"))
                    .isEqualTo(1);
            bet.commit();
            assertThat(seen.get(10, TimeUnit.SECONDS)).as("PENDING bets the void saw").isEqualTo(1);
        }
    }

    @Test
    void a_pending_write_behind_a_void_finds_the_round_no_longer_open() throws Exception {
        try (Connection bet = db.dataSource().getConnection(); Connection voider = db.dataSource().getConnection();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            bet.setAutoCommit(false);
            voider.setAutoCommit(false);
            exec(voider, "SELECT id FROM rounds WHERE id = ? FOR UPDATE");
            exec(voider, "UPDATE rounds SET state = 'VOIDED' WHERE id = ? AND state = 'BETTING_OPEN'");
            Future<Integer> reserved = pool.submit(() -> {
                insertBet(bet);
                return exec(bet, "UPDATE rounds SET exposure_micro = exposure_micro + 1 WHERE id = ? AND state = 'BETTING_OPEN'");
            });
            awaitLockWaiter();
            voider.commit();
            assertThat(reserved.get(10, TimeUnit.SECONDS)).as("rounds the late bet could reserve on").isZero();
            bet.rollback();
        }
    }

    @Test
    void an_acceptance_behind_an_uncommitted_void_waits_for_it_and_then_finds_the_round_voided() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Connection voider = db.dataSource().getConnection();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            insertBet(c);   // autocommit: the bet is PENDING, its wallet call in flight
            BetStore bets = new BetStore(j);
            BetRow pending = bets.forRound(round, BetState.PENDING).getFirst();
            voider.setAutoCommit(false);
            exec(voider, "SELECT id FROM rounds WHERE id = ? FOR UPDATE");
            exec(voider, "UPDATE rounds SET state = 'VOIDED' WHERE id = ? AND state = 'BETTING_OPEN'");
            Future<java.util.Optional<BetRow>> accepted = pool.submit(() -> bets.accept(pending));
            awaitLockWaiter();
            assertThat(accepted.isDone()).as("the acceptance waits for the void").isFalse();
            voider.commit();
            assertThat(accepted.get(10, TimeUnit.SECONDS)).as("accepted behind the void").isEmpty();
            assertThat(bets.find(pending.id()).orElseThrow().state()).isEqualTo(BetState.PENDING);
        }
    }

    @Test
    void a_bet_is_accepted_only_before_its_rounds_close_time_by_the_databases_clock() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            insertBet(c);
        }
        BetStore bets = new BetStore(j);
        BetRow pending = bets.forRound(round, BetState.PENDING).getFirst();
        j.sql("UPDATE rounds SET betting_closes_at = now() - interval '1 millisecond' WHERE id = ?").param(round).update();
        assertThat(bets.accept(pending)).as("accepted after the close, the round still BETTING_OPEN").isEmpty();
        j.sql("UPDATE rounds SET betting_closes_at = now() + interval '1 minute' WHERE id = ?").param(round).update();
        BetRow accepted = bets.accept(pending).orElseThrow();
        assertThat(accepted.state()).isEqualTo(BetState.ACCEPTED);
        assertThat(j.sql("SELECT accepted_at IS NOT NULL FROM bets WHERE id = ?").param(pending.id()).query(Boolean.class).single()).isTrue();
    }

    private void insertBet(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid,
                                  amount_micro, selection, side, state)
                VALUES (gen_random_uuid(), ?, ?, ?, 'p', 'LKR', gen_random_uuid(), gen_random_uuid(), 100000, '{}', 'LOW', 'PENDING')""")) {
            ps.setObject(1, round);
            ps.setObject(2, session);
            ps.setObject(3, op);
            ps.executeUpdate();
        }
    }

    private int exec(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, round);
            if (ps.execute()) {
                ps.getResultSet().close();
                return -1;
            }
            return ps.getUpdateCount();
        }
    }

    private void awaitLockWaiter() throws InterruptedException {
        TableFixture.await("a backend waiting on the round", 10_000, () -> VoidDuringWalletCallTest.lockWaiters(j) >= 1);
    }
}
