package dev.yantra.lottery.bet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void valid_numbers_come_back_unchanged_and_immutable() {
        assertThat(Numbers.validate(BetType.QUINIELA, List.of("05"))).containsExactly("05");
        assertThat(Numbers.validate(BetType.PALE, List.of("99", "00"))).containsExactly("99", "00");
        assertThat(Numbers.validate(BetType.TRIPLETA, List.of("01", "02", "03"))).containsExactly("01", "02", "03");
        assertThat(Numbers.validate(BetType.PEGA3, List.of("7", "7", "7"))).containsExactly("7", "7", "7");
        assertThat(Numbers.validate(BetType.STRAIGHT, List.of("0", "4", "2"))).containsExactly("0", "4", "2");
        assertThat(Numbers.validate(BetType.TOCA3, List.of("1", "1", "2"))).containsExactly("1", "1", "2");
        assertThat(Numbers.validate(BetType.BOX, List.of("1", "2", "3"))).containsExactly("1", "2", "3");
        List<String> v = Numbers.validate(BetType.QUINIELA, new ArrayList<>(List.of("05")));
        assertThatThrownBy(() -> v.add("06")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_number_without_its_leading_zero_is_refused_not_padded() {
        assertThatThrownBy(() -> Numbers.validate(BetType.QUINIELA, List.of("5")))
                .isInstanceOf(InvalidNumbersException.class)
                .hasMessage("numbers[0] must be two digits 00-99 (for example \"05\") for quiniela, was \"5\"");
    }

    @Test
    void the_wrong_count_says_how_many_the_bet_type_takes() {
        assertThatThrownBy(() -> Numbers.validate(BetType.PALE, List.of("05")))
                .hasMessage("pale takes exactly 2 numbers, got 1");
        assertThatThrownBy(() -> Numbers.validate(BetType.QUINIELA, List.of("05", "06")))
                .hasMessage("quiniela takes exactly 1 number, got 2");
        assertThatThrownBy(() -> Numbers.validate(BetType.PEGA3, List.of("123")))
                .hasMessage("pega3 takes exactly 3 single digits, got 1");
        assertThatThrownBy(() -> Numbers.validate(BetType.TRIPLETA, List.of()))
                .hasMessage("tripleta takes exactly 3 numbers, got 0");
    }

    @Test
    void pale_and_tripleta_numbers_must_be_distinct() {
        assertThatThrownBy(() -> Numbers.validate(BetType.PALE, List.of("12", "12")))
                .isInstanceOf(InvalidNumbersException.class).hasMessage("pale numbers must be distinct, were [12, 12]");
        assertThatThrownBy(() -> Numbers.validate(BetType.TRIPLETA, List.of("12", "13", "12")))
                .isInstanceOf(InvalidNumbersException.class).hasMessageContaining("distinct");
    }

    @Test
    void toca3_and_box_refuse_three_equal_digits_but_pega3_takes_them() {
        assertThatThrownBy(() -> Numbers.validate(BetType.TOCA3, List.of("4", "4", "4")))
                .isInstanceOf(InvalidNumbersException.class).hasMessageContaining("must not all be equal");
        assertThatThrownBy(() -> Numbers.validate(BetType.BOX, List.of("0", "0", "0")))
                .isInstanceOf(InvalidNumbersException.class);
        assertThat(Numbers.validate(BetType.PEGA3, List.of("4", "4", "4"))).hasSize(3);
    }

    @Test
    void non_ascii_digits_spaces_signs_and_nulls_are_refused() {
        for (String bad : Arrays.asList("٠٥", "０５", " 5", "5 ", "-1", "+5", "5a", "", "100", null)) {
            assertThatThrownBy(() -> Numbers.validate(BetType.QUINIELA, Arrays.asList(bad)))
                    .as("%s", bad).isInstanceOf(InvalidNumbersException.class);
        }
        assertThatThrownBy(() -> Numbers.validate(BetType.PEGA3, List.of("1", "٢", "3")))
                .isInstanceOf(InvalidNumbersException.class).hasMessageContaining("numbers[1] must be one digit 0-9");
        assertThatThrownBy(() -> Numbers.validate(BetType.PALE, null))
                .isInstanceOf(InvalidNumbersException.class).hasMessage("numbers is required for pale");
    }

    @Test
    void a_long_bad_entry_is_cut_short_in_the_message() {
        String huge = "9".repeat(10_000);
        assertThatThrownBy(() -> Numbers.validate(BetType.QUINIELA, List.of(huge)))
                .hasMessageEndingWith("was \"9999999999999999...\"");
    }

    @Test
    void the_limit_key_ignores_order_except_for_the_in_order_types() {
        assertThat(Numbers.limitKey(BetType.PALE, List.of("34", "12"))).isEqualTo("12-34");
        assertThat(Numbers.limitKey(BetType.PALE, List.of("12", "34"))).isEqualTo("12-34");
        assertThat(Numbers.limitKey(BetType.TRIPLETA, List.of("30", "10", "20"))).isEqualTo("10-20-30");
        assertThat(Numbers.limitKey(BetType.TOCA3, List.of("3", "2", "1"))).isEqualTo("1-2-3");
        assertThat(Numbers.limitKey(BetType.PEGA3, List.of("3", "2", "1"))).isEqualTo("3-2-1");
        assertThat(Numbers.limitKey(BetType.STRAIGHT, List.of("3", "2", "1"))).isEqualTo("3-2-1");
    }

    @Test
    void random_input_only_ever_fails_with_the_domain_exception() {
        Random random = new Random(20261201L);
        String alphabet = "0123456789 -+.a\u0660\uFF10\u0000é";
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            BetType type = BetType.values()[random.nextInt(BetType.values().length)];
            List<String> numbers = new ArrayList<>();
            int count = random.nextInt(5);
            for (int k = 0; k < count; k++) {
                if (random.nextInt(20) == 0) {
                    numbers.add(null);
                    continue;
                }
                StringBuilder s = new StringBuilder();
                int len = random.nextInt(4);
                for (int c = 0; c < len; c++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                numbers.add(s.toString());
            }
            try {
                List<String> valid = Numbers.validate(type, numbers);
                assertThat(valid).hasSize(type.count()).allMatch(x -> x.matches(type.pick3() ? "[0-9]" : "[0-9]{2}"));
                accepted++;
            } catch (InvalidNumbersException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                assertThat(expected.code()).isEqualTo("invalid_numbers");
            }
        }
        assertThat(accepted).as("the generator also produces valid input").isPositive();
    }
}
