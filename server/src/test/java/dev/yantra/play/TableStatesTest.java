package dev.yantra.play;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.control.KillSwitch;
import dev.yantra.round.RoundRow;
import dev.yantra.round.RoundState;
import dev.yantra.round.TableSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The refusal the table state announces, in the order the bet path checks, and the level a halt is shown at. */
class TableStatesTest {
    static final UUID OPERATOR = UUID.randomUUID();
    static final TableSpec ENABLED = new TableSpec(UUID.randomUUID(), OPERATOR, "ketapola-dice", "LKR", true, null, null);
    static final TableSpec DISABLED = new TableSpec(ENABLED.tableId(), OPERATOR, "ketapola-dice", "LKR", false, null, null);

    static Optional<RoundRow> round(RoundState state) {
        Instant now = Instant.now();
        return Optional.of(new RoundRow(UUID.randomUUID(), ENABLED.tableId(), OPERATOR, "ketapola-dice", "LKR", UUID.randomUUID(), 1,
                "h", null, "c", 1, "{}", "ketapola-rng-v1", state, null, now, now.plusSeconds(5), null, null, null, null, 0, 0, 0));
    }

    @Test
    void an_open_round_with_no_lever_pulled_takes_bets() {
        assertThat(TableStates.refusal(ENABLED, round(RoundState.BETTING_OPEN), TableStates.Levers.NONE, false)).isNull();
    }

    @Test
    void the_refusal_follows_the_bet_paths_order_operator_then_halt_then_breaker_then_table_then_round() {
        var all = new TableStates.Levers(List.of("operator"), true, true, "banner");
        assertThat(TableStates.refusal(DISABLED, round(RoundState.ROLLING), all, false)).isEqualTo(TableStates.OPERATOR_PAUSED);
        var halted = new TableStates.Levers(List.of("game"), true, false, null);
        assertThat(TableStates.refusal(DISABLED, round(RoundState.ROLLING), halted, false)).isEqualTo(TableStates.BETS_HALTED);
        var breaker = new TableStates.Levers(List.of(), true, false, null);
        assertThat(TableStates.refusal(DISABLED, round(RoundState.BETTING_OPEN), breaker, false)).isEqualTo(TableStates.OPERATOR_UNAVAILABLE);
        assertThat(TableStates.refusal(DISABLED, round(RoundState.BETTING_OPEN), TableStates.Levers.NONE, false)).isEqualTo(TableStates.TABLE_PAUSED);
        assertThat(TableStates.refusal(ENABLED, round(RoundState.ROLLING), TableStates.Levers.NONE, false)).isEqualTo(TableStates.BETTING_CLOSED);
        assertThat(TableStates.refusal(ENABLED, Optional.empty(), TableStates.Levers.NONE, false)).isEqualTo(TableStates.BETTING_CLOSED);
    }

    @Test
    void an_open_breaker_refuses_real_money_bets_only_since_demo_bets_never_reach_the_wallet() {
        var breaker = new TableStates.Levers(List.of(), true, false, null);
        assertThat(TableStates.refusal(ENABLED, round(RoundState.BETTING_OPEN), breaker, false)).isEqualTo(TableStates.OPERATOR_UNAVAILABLE);
        assertThat(TableStates.refusal(ENABLED, round(RoundState.BETTING_OPEN), breaker, true)).isNull();
    }

    @Test
    void a_banner_alone_refuses_nothing() {
        var banner = new TableStates.Levers(List.of(), false, false, "payouts may be slow");
        assertThat(TableStates.refusal(ENABLED, round(RoundState.BETTING_OPEN), banner, false)).isNull();
    }

    @Test
    void a_halt_is_shown_at_the_level_it_names() {
        Instant t = Instant.now();
        assertThat(TableStates.haltLevel(new KillSwitch(1, KillSwitch.Scope.BETS, null, null, "r", "cli", t))).isEqualTo("platform");
        assertThat(TableStates.haltLevel(new KillSwitch(2, KillSwitch.Scope.BETS, OPERATOR, null, "r", "cli", t))).isEqualTo("operator");
        assertThat(TableStates.haltLevel(new KillSwitch(3, KillSwitch.Scope.BETS, OPERATOR, "ketapola-dice", "r", "cli", t))).isEqualTo("game");
        assertThat(TableStates.haltLevel(new KillSwitch(4, KillSwitch.Scope.BETS, null, "ketapola-dice", "r", "cli", t))).isEqualTo("game");
    }
}
