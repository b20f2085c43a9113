package dev.yantra.lottery.bet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayoutTableTest {

    private static final long X = PayoutTable.MULTIPLIER_SCALE;

    @Test
    void the_defaults_are_the_usual_dominican_prices() {
        PayoutTable d = PayoutTable.DEFAULTS;
        assertThat(d.multiplierMicro(PayoutCase.QUINIELA_FIRST)).isEqualTo(60_000_000L);
        assertThat(d.multiplierMicro(PayoutCase.QUINIELA_SECOND)).isEqualTo(8 * X);
        assertThat(d.multiplierMicro(PayoutCase.QUINIELA_THIRD)).isEqualTo(4 * X);
        assertThat(d.multiplierMicro(PayoutCase.PALE_FIRST_SECOND)).isEqualTo(1000 * X);
        assertThat(d.multiplierMicro(PayoutCase.PALE_FIRST_THIRD)).isEqualTo(1000 * X);
        assertThat(d.multiplierMicro(PayoutCase.PALE_SECOND_THIRD)).isEqualTo(100 * X);
        assertThat(d.multiplierMicro(PayoutCase.TRIPLETA_ALL_THREE)).isEqualTo(20000 * X);
        assertThat(d.multiplierMicro(PayoutCase.TRIPLETA_TWO)).isEqualTo(100 * X);
        assertThat(d.multiplierMicro(PayoutCase.PEGA3_EXACT)).isEqualTo(500 * X);
        assertThat(d.multiplierMicro(PayoutCase.STRAIGHT_EXACT)).isEqualTo(500 * X);
        assertThat(d.multiplierMicro(PayoutCase.TOCA3_SIX_WAY)).isEqualTo(80 * X);
        assertThat(d.multiplierMicro(PayoutCase.TOCA3_THREE_WAY)).isEqualTo(160 * X);
        assertThat(d.multiplierMicro(PayoutCase.BOX_SIX_WAY)).isEqualTo(80 * X);
        assertThat(d.multiplierMicro(PayoutCase.BOX_THREE_WAY)).isEqualTo(160 * X);
        for (BetType t : BetType.values()) assertThat(d.covers(t)).as(t.wire()).isTrue();
    }

    @Test
    void the_liability_basis_is_the_most_one_unit_could_win() {
        PayoutTable d = PayoutTable.DEFAULTS;
        // one quiniela number can hold all three positions when the prize numbers repeat: 60 + 8 + 4
        assertThat(d.maxMultiplierMicro(BetType.QUINIELA)).isEqualTo(72 * X);
        assertThat(d.maxMultiplierMicro(BetType.PALE)).isEqualTo(1000 * X);
        assertThat(d.maxMultiplierMicro(BetType.TRIPLETA)).isEqualTo(20000 * X);
        assertThat(d.maxMultiplierMicro(BetType.PEGA3)).isEqualTo(500 * X);
        assertThat(d.maxMultiplierMicro(BetType.TOCA3)).isEqualTo(160 * X);
        assertThat(d.maxMultiplierMicro(BetType.BOX, List.of("1", "2", "3"))).isEqualTo(80 * X);
        assertThat(d.maxMultiplierMicro(BetType.BOX, List.of("1", "2", "1"))).isEqualTo(160 * X);
        assertThat(d.maxPrizeMicro(BetType.TRIPLETA, List.of("01", "02", "03"), 250_000L))
                .as("2.50 staked on a tripleta can win 50,000.00").isEqualTo(5_000_000_000L);
    }

    @Test
    void a_bancas_overrides_replace_only_the_lines_it_sets() {
        PayoutTable banca = PayoutTable.empty().with(PayoutCase.QUINIELA_FIRST, 65 * X);
        PayoutTable frozen = PayoutTable.DEFAULTS.withOverrides(banca);
        assertThat(frozen.multiplierMicro(PayoutCase.QUINIELA_FIRST)).isEqualTo(65 * X);
        assertThat(frozen.multiplierMicro(PayoutCase.QUINIELA_SECOND)).isEqualTo(8 * X);
        assertThat(PayoutTable.DEFAULTS.multiplierMicro(PayoutCase.QUINIELA_FIRST)).as("defaults untouched")
                .isEqualTo(60 * X);
    }

    @Test
    void the_table_frozen_on_a_play_layers_defaults_lottery_and_banca() {
        Map<String, Object> lottery = Map.of("quiniela", Map.of("first", 65, "second", 9));
        Map<String, Object> banca = Map.of("quiniela", Map.of("first", 70));
        PayoutTable frozen = PayoutTable.frozenFor(BetType.QUINIELA, lottery, banca);
        assertThat(frozen.toMap()).isEqualTo(Map.of("quiniela", Map.of("first", 70L, "second", 9L, "third", 4L)));
        assertThat(PayoutTable.frozenFor(BetType.QUINIELA, lottery, null).multiplierMicro(PayoutCase.QUINIELA_FIRST))
                .isEqualTo(65 * X);
        assertThat(PayoutTable.frozenFor(BetType.PALE, Map.of(), null)).isEqualTo(PayoutTable.DEFAULTS.only(BetType.PALE));
    }

    @Test
    void the_json_form_reads_back_to_the_same_table() {
        PayoutTable t = PayoutTable.DEFAULTS.with(PayoutCase.PALE_SECOND_THIRD, 62_500_000L);
        Map<String, Object> map = t.toMap();
        assertThat(map.get("quiniela")).isEqualTo(Map.of("first", 60L, "second", 8L, "third", 4L));
        assertThat(((Map<?, ?>) map.get("pale")).get("secondThird")).isEqualTo(new BigDecimal("62.5"));
        assertThat(map.keySet()).containsExactly("quiniela", "pale", "tripleta", "pega3", "straight", "toca3", "box");
        assertThat(PayoutTable.fromMap(map)).isEqualTo(t);
    }

    @Test
    void a_partial_table_reads_whatever_number_type_jackson_produced() {
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("first", 70);
        lines.put("second", 9.5d);
        lines.put("third", "4.25");
        Map<String, Object> more = Map.of("allThree", BigInteger.valueOf(25000), "two", new BigDecimal("100.000"));
        PayoutTable t = PayoutTable.fromMap(Map.of("quiniela", lines, "tripleta", more));
        assertThat(t.multiplierMicro(PayoutCase.QUINIELA_FIRST)).isEqualTo(70 * X);
        assertThat(t.multiplierMicro(PayoutCase.QUINIELA_SECOND)).isEqualTo(9_500_000L);
        assertThat(t.multiplierMicro(PayoutCase.QUINIELA_THIRD)).isEqualTo(4_250_000L);
        assertThat(t.multiplierMicro(PayoutCase.TRIPLETA_ALL_THREE)).isEqualTo(25000 * X);
        assertThat(t.covers(BetType.QUINIELA)).isTrue();
        assertThat(t.covers(BetType.PALE)).isFalse();
        assertThat(t.find(PayoutCase.PALE_FIRST_SECOND)).isEmpty();
        assertThatThrownBy(() -> t.multiplierMicro(PayoutCase.PALE_FIRST_SECOND))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pale.firstSecond");
    }

    @Test
    void bad_tables_are_refused_with_the_entry_named() {
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("lotto", Map.of())))
                .isInstanceOf(InvalidPayoutTableException.class).hasMessage("payout table: unknown bet type 'lotto'");
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("pale", Map.of("first", 10))))
                .hasMessage("payout table: pale has no line 'first'; lines are [firstSecond, firstThird, secondThird]");
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("pale", 10)))
                .hasMessageStartingWith("payout table: pale must be an object of lines");
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", 0))))
                .hasMessage("payout table: quiniela.first must be > 0 and at most 1000000, was 0");
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", -5))))
                .isInstanceOf(InvalidPayoutTableException.class);
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", 2_000_000))))
                .isInstanceOf(InvalidPayoutTableException.class);
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", "1.0000001"))))
                .hasMessage("payout table: quiniela.first must have at most 6 decimals, was 1.0000001");
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", "sixty"))))
                .hasMessage("payout table: quiniela.first must be a number, was 'sixty'");
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", true))))
                .hasMessage("payout table: quiniela.first must be a number, was true");
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", Double.NaN))))
                .isInstanceOf(InvalidPayoutTableException.class);
        assertThatThrownBy(() -> PayoutTable.fromMap(null)).isInstanceOf(InvalidPayoutTableException.class);
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", "1e-999999999"))))
                .hasMessage("payout table: quiniela.first must have at most 6 decimals, was 1E-999999999");
        assertThatThrownBy(() -> PayoutTable.fromMap(Map.of("quiniela", Map.of("first", "1e999999999"))))
                .hasMessage("payout table: quiniela.first must be > 0 and at most 1000000, was 1E+999999999");
        assertThatThrownBy(() -> PayoutTable.empty().with(PayoutCase.BOX_SIX_WAY, 0))
                .isInstanceOf(InvalidPayoutTableException.class);
    }

    @Test
    void only_one_bet_type_keeps_just_its_lines() {
        PayoutTable pale = PayoutTable.DEFAULTS.only(BetType.PALE);
        assertThat(pale.toMap()).containsOnlyKeys("pale");
        assertThat(pale.covers(BetType.PALE)).isTrue();
        assertThat(pale.covers(BetType.QUINIELA)).isFalse();
    }

    @Test
    void multiplying_rounds_down_to_the_cent_and_never_overflows_silently() {
        assertThat(PayoutTable.multiply(100_000L, 60 * X)).isEqualTo(6_000_000L);
        assertThat(PayoutTable.multiply(1_000L, 1_500_000L)).as("1 cent × 1.5 = 1.5 cents → 1 cent").isEqualTo(1_000L);
        assertThat(PayoutTable.multiply(100_000L, 0)).isZero();
        assertThatThrownBy(() -> PayoutTable.multiply(Long.MAX_VALUE, PayoutTable.MAX_MULTIPLIER_MICRO))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> PayoutTable.multiply(-1, X)).isInstanceOf(IllegalArgumentException.class);
    }
}
