package dev.yantra.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.counterparty.CallJournal;
import dev.yantra.db.Database;
import dev.yantra.round.port.BetState;
import dev.yantra.round.port.WalletPort;
import dev.yantra.testing.TestPostgres;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bet path's writes that now take one statement each keep their guards: the PENDING row stands only with its
 * exposure reserved (and a repeat, a second bet on the side or a full round reserves nothing), the BET journal row is
 * written with the accept even when the round has closed, and a round's winners move only from the state expected.
 */
class OneStatementBetWritesTest {
    Database db;
    JdbcClient j;
    BetStore bets;
    final UUID op = UUID.randomUUID();
    final UUID round = UUID.randomUUID();
    final UUID session = UUID.randomUUID();

    @BeforeEach
    void openRound() {
        db = TestPostgres.freshDatabase();
        j = db.jdbc();
        bets = new BetStore(j);
        OpenRoundRows.insert(j, op, round, session);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private BetRow bet(String side, UUID requestUuid, long amount) {
        return new BetRow(UUID.randomUUID(), round, session, op, "p", "LKR", "real", requestUuid, UUID.randomUUID(), amount,
                "{\"side\":\"" + side + "\"}", side, BetState.PENDING, null, null, null, null, null);
    }

    private long exposure() {
        return j.sql("SELECT exposure_micro FROM rounds WHERE id = ?").param(round).query(Long.class).single();
    }

    @Test
    void the_pending_row_stands_only_with_its_reservation_and_a_repeat_a_second_bet_on_the_side_or_a_full_round_reserve_nothing() {
        UUID request = UUID.randomUUID();
        BetRow first = bet("LOW", request, 100);
        assertThat(bets.insertPendingReserving(first, "hash", 200, 1_000)).isEqualTo(BetStore.Placement.INSERTED);
        assertThat(exposure()).isEqualTo(200);
        assertThat(bets.find(first.id())).get().extracting(BetRow::state).isEqualTo(BetState.PENDING);
        assertThat(bets.requestHash(first.id())).contains("hash");

        assertThat(bets.insertPendingReserving(bet("LOW", request, 100), "hash", 200, 1_000)).as("the same request again")
                .isEqualTo(BetStore.Placement.REPLAY);
        assertThatThrownBy(() -> bets.insertPendingReserving(bet("LOW", UUID.randomUUID(), 100), null, 200, 1_000))
                .as("a second bet on the same side").isInstanceOf(DuplicateKeyException.class);
        assertThat(bets.insertPendingReserving(bet("HIGH", UUID.randomUUID(), 100), null, 900, 1_000)).as("past the limit")
                .isEqualTo(BetStore.Placement.NOT_RESERVED);
        assertThat(exposure()).as("nothing reserved but the first bet's").isEqualTo(200);
        assertThat(j.sql("SELECT count(*) FROM bets").query(Long.class).single()).isEqualTo(1);

        j.sql("UPDATE rounds SET betting_closes_at = now() - interval '1 second' WHERE id = ?").param(round).update();
        assertThat(bets.insertPendingReserving(bet("HIGH", UUID.randomUUID(), 100), null, 1, 1_000)).as("after the close time")
                .isEqualTo(BetStore.Placement.NOT_RESERVED);
    }

    private static final CallJournal.Columns<UUID> PROBE = new CallJournal.Columns<>("journal_probe", List.of("id", "bet_id"),
            new int[]{Types.OTHER, Types.OTHER}, betId -> List.of(UUID.randomUUID(), betId));

    private WalletPort.JournalRow journalRow(UUID betId) {
        CallJournal.Insert insert = new CallJournal<>(j, PROBE).insertOf(betId);
        return new WalletPort.JournalRow(insert.sql(), insert.params());
    }

    private long journaled(UUID betId) {
        return j.sql("SELECT count(*) FROM journal_probe WHERE bet_id = ?").param(betId).query(Long.class).single();
    }

    @Test
    void the_journal_row_is_written_with_the_accept_and_also_when_the_round_closed_before_the_answer() {
        j.sql("CREATE TABLE journal_probe (id uuid PRIMARY KEY, bet_id uuid NOT NULL)").update();
        BetRow open = bet("LOW", UUID.randomUUID(), 100);
        bets.insertPendingReserving(open, null, 200, 1_000);
        assertThat(bets.acceptJournaled(open, journalRow(open.id()))).get().extracting(BetRow::state).isEqualTo(BetState.ACCEPTED);
        assertThat(journaled(open.id())).isEqualTo(1);

        BetRow late = bet("HIGH", UUID.randomUUID(), 100);
        bets.insertPendingReserving(late, null, 200, 1_000);
        j.sql("UPDATE rounds SET betting_closes_at = now() - interval '1 second' WHERE id = ?").param(round).update();
        assertThat(bets.acceptJournaled(late, journalRow(late.id()))).as("the round no longer takes bets").isEmpty();
        assertThat(bets.find(late.id())).get().extracting(BetRow::state).isEqualTo(BetState.PENDING);
        assertThat(journaled(late.id())).as("the wallet took the money: the call is journaled all the same").isEqualTo(1);
        assertThat(bets.acceptJournaled(open, journalRow(open.id()))).as("an accepted bet is not accepted twice").isEmpty();
    }

    @Test
    void a_rounds_winners_move_in_one_statement_each_only_from_the_state_expected() {
        BetRow a = bet("LOW", UUID.randomUUID(), 100);
        BetRow b = bet("HIGH", UUID.randomUUID(), 100);
        bets.insertPendingReserving(a, null, 1, 1_000);
        bets.insertPendingReserving(b, null, 1, 1_000);
        bets.accept(a);
        UUID winA = UUID.randomUUID();
        assertThat(bets.settleWins(BetState.Transition.OWE_WIN, List.of(new BetStore.Win(a.id(), 190, winA),
                new BetStore.Win(b.id(), 190, UUID.randomUUID())))).as("b is still PENDING").containsExactly(a.id());
        BetRow owed = bets.find(a.id()).orElseThrow();
        assertThat(owed.state()).isEqualTo(BetState.WIN_OWED);
        assertThat(owed.payoutMicro()).isEqualTo(190);
        assertThat(owed.winTransactionUuid()).isEqualTo(winA);

        assertThat(bets.withOpenJob(List.of(a.id(), b.id()), "WIN")).isEmpty();
        assertThat(bets.moveAll(List.of(a.id(), b.id()), BetState.Transition.CREDITED)).containsExactly(a.id());
        assertThat(bets.find(a.id()).orElseThrow().state()).isEqualTo(BetState.WON);
        assertThat(bets.moveAll(List.of(a.id()), BetState.Transition.CREDITED)).as("already WON").isEmpty();
    }

    @Test
    void the_remembered_open_round_costs_no_money_when_stale_and_is_read_afresh_once_forgotten() {
        RoundStore rounds = new RoundStore(j);
        UUID table = j.sql("SELECT table_id FROM rounds WHERE id = ?").param(round).query(UUID.class).single();
        assertThat(rounds.findOpenRecent(table)).get().extracting(RoundRow::id).isEqualTo(round);
        j.sql("UPDATE rounds SET state = 'VOIDED', voided_at = now() WHERE id = ?").param(round).update();
        rounds.findOpenRecent(table).ifPresent(stale -> {
            // still remembered (within its quarter second): a bet on it writes nothing
            assertThat(bets.insertPendingReserving(bet("LOW", UUID.randomUUID(), 100), null, 1, 1_000))
                    .isEqualTo(BetStore.Placement.NOT_RESERVED);
            assertThat(exposure()).isZero();
        });
        rounds.forgetOpen(table);
        assertThat(rounds.findOpenRecent(table)).as("read afresh: no round open").isEmpty();
        assertThat(j.sql("SELECT count(*) FROM bets").query(Long.class).single()).isZero();
    }
}
