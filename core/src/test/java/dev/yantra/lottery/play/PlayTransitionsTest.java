package dev.yantra.lottery.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.lottery.play.PlayTransitions.AnswerEffect;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allowed moves written out as a matrix (row: from, column: to), read as the reviewer reads the rules. */
class PlayTransitionsTest {

    //                  to: AWAITING_PAYMENT QUEUED AWAITING_WEBHOOK CONFIRMED REJECTED FAILED CANCELLED
    private static final String MATRIX = """
            AWAITING_PAYMENT    .            y      .                .         .        y      y
            QUEUED              .            .      y                y         y        y      y
            AWAITING_WEBHOOK    .            .      .                y         y        y      y
            CONFIRMED           .            .      .                .         .        .      y
            REJECTED            .            .      .                .         .        .      .
            FAILED              .            .      .                .         .        .      .
            CANCELLED           .            .      .                .         .        .      .
            """;

    @Test
    void every_pair_of_states_is_allowed_exactly_as_the_matrix_says() {
        Map<PlayState, String[]> rows = new HashMap<>();
        MATRIX.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> {
            String[] f = l.split("\\s+");
            rows.put(PlayState.valueOf(f[0]), f);
        });
        assertThat(rows).hasSize(PlayState.values().length);
        int allowed = 0;
        for (PlayState from : PlayState.values()) {
            for (PlayState to : PlayState.values()) {
                boolean expected = rows.get(from)[1 + to.ordinal()].equals("y");
                assertThat(PlayTransitions.allowed(from, to)).as(from + " -> " + to).isEqualTo(expected);
                if (expected) allowed++;
            }
        }
        assertThat(allowed).as("one constant per allowed pair").isEqualTo(PlayTransitions.values().length);
    }

    @Test
    void the_wire_status_folds_the_three_pending_states_into_one() {
        assertThat(Arrays.stream(PlayState.values()).map(PlayState::wireStatus)).containsExactly(
                "pending", "pending", "pending", "confirmed", "rejected", "failed", "cancelled");
    }

    @Test
    void terminal_states_have_no_way_out_and_have_released_the_money() {
        for (PlayState s : PlayState.values()) {
            assertThat(PlayTransitions.targets(s).isEmpty()).as(s.name()).isEqualTo(s.terminal());
            assertThat(s.moneyReleased()).isEqualTo(s.terminal());
        }
        assertThat(PlayState.CONFIRMED.openToBanca()).isFalse();
        assertThat(PlayState.AWAITING_WEBHOOK.openToBanca()).isTrue();
    }

    @Test
    void an_illegal_move_is_refused_loudly() {
        assertThatThrownBy(() -> PlayTransitions.of(PlayState.FAILED, PlayState.CONFIRMED))
                .isInstanceOf(IllegalStateException.class).hasMessage("illegal play transition FAILED -> CONFIRMED");
        assertThat(PlayTransitions.of(PlayState.QUEUED, PlayState.AWAITING_WEBHOOK)).isEqualTo(PlayTransitions.BANCA_ACCEPTED);
    }

    @Test
    void states_read_back_from_their_stored_names_only() {
        for (PlayState s : PlayState.values()) assertThat(PlayState.fromDb(s.name())).contains(s);
        assertThat(PlayState.fromDb("pending")).isEmpty();
        assertThat(PlayState.fromDb(null)).isEmpty();
    }

    @Test
    void a_banca_answer_moves_an_open_play_and_repeats_change_nothing() {
        assertThat(PlayTransitions.onBancaAnswer(PlayState.QUEUED, PlayState.CONFIRMED).transition())
                .contains(PlayTransitions.BANCA_CONFIRMED);
        assertThat(PlayTransitions.onBancaAnswer(PlayState.AWAITING_WEBHOOK, PlayState.REJECTED).transition())
                .contains(PlayTransitions.WEBHOOK_REJECTED);
        assertThat(PlayTransitions.onBancaAnswer(PlayState.CONFIRMED, PlayState.CONFIRMED).effect())
                .isEqualTo(AnswerEffect.REPEAT);
        assertThat(PlayTransitions.onBancaAnswer(PlayState.AWAITING_WEBHOOK, PlayState.AWAITING_WEBHOOK).effect())
                .isEqualTo(AnswerEffect.REPEAT);
    }

    @Test
    void a_webhook_that_beat_its_own_202_makes_the_late_202_stale_not_a_contradiction() {
        assertThat(PlayTransitions.onBancaAnswer(PlayState.CONFIRMED, PlayState.AWAITING_WEBHOOK).effect())
                .isEqualTo(AnswerEffect.STALE);
        assertThat(PlayTransitions.onBancaAnswer(PlayState.REJECTED, PlayState.AWAITING_WEBHOOK).effect())
                .isEqualTo(AnswerEffect.STALE);
    }

    @Test
    void an_answer_against_a_settled_play_is_a_contradiction() {
        for (PlayState settled : new PlayState[] {PlayState.FAILED, PlayState.CANCELLED}) {
            for (PlayState answer : new PlayState[] {PlayState.CONFIRMED, PlayState.REJECTED, PlayState.AWAITING_WEBHOOK}) {
                assertThat(PlayTransitions.onBancaAnswer(settled, answer).effect()).as(settled + " / " + answer)
                        .isEqualTo(AnswerEffect.CONTRADICTS);
            }
        }
        assertThat(PlayTransitions.onBancaAnswer(PlayState.CONFIRMED, PlayState.REJECTED).effect())
                .isEqualTo(AnswerEffect.CONTRADICTS);
        assertThat(PlayTransitions.onBancaAnswer(PlayState.REJECTED, PlayState.CONFIRMED).effect())
                .isEqualTo(AnswerEffect.CONTRADICTS);
        assertThat(PlayTransitions.onBancaAnswer(PlayState.AWAITING_PAYMENT, PlayState.CONFIRMED).effect())
                .as("we never sent it").isEqualTo(AnswerEffect.CONTRADICTS);
        assertThatThrownBy(() -> PlayTransitions.onBancaAnswer(PlayState.QUEUED, PlayState.FAILED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
