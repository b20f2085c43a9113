package dev.yantra.lottery.bet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BetTypeTest {

    @Test
    void every_wire_name_reads_back_to_its_type_and_only_the_exact_lowercase_name_does() {
        assertThat(Arrays.stream(BetType.values()).map(BetType::wire))
                .containsExactly("quiniela", "pale", "tripleta", "pega3", "straight", "toca3", "box");
        for (BetType t : BetType.values()) {
            assertThat(BetType.fromWire(t.wire())).contains(t);
        }
        assertThat(BetType.fromWire("Quiniela")).isEmpty();
        assertThat(BetType.fromWire("QUINIELA")).isEmpty();
        assertThat(BetType.fromWire(" pale")).isEmpty();
        assertThat(BetType.fromWire(null)).isEmpty();
    }

    @Test
    void only_the_three_digit_types_play_against_the_pick3_number() {
        assertThat(Arrays.stream(BetType.values()).filter(BetType::pick3))
                .containsExactly(BetType.PEGA3, BetType.STRAIGHT, BetType.TOCA3, BetType.BOX);
    }
}
